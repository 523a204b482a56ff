"""Office staff edit the identity on the reports' covers; nobody else may
(monitoring/identity_views.py; every role in tests/test_access.py)."""

import io

import pytest
from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.roles import Role
from monitoring.identity import PublisherIdentity

pytestmark = pytest.mark.django_db

URL = reverse("monitoring:report_identity")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "navy").save(buffer, "PNG")
    return SimpleUploadedFile("escudo.png", buffer.getvalue(), content_type="image/png")


def data(**changes):
    return {
        "region_name": "Gobierno de Cantabria",
        "region_name_en": "Government of Cantabria",
        "office_name": "Oficina de Clústeres",
        "office_name_en": "Cluster Office",
        "emblem_alt": "Escudo de la Oficina",
        "emblem_alt_en": "The Office's shield",
        **changes,
    }


def test_office_staff_see_the_default_emblem(client, people):
    client.force_login(people[Role.OFFICE_STAFF])
    response = client.get(URL)
    assert response.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in response.content.decode()
    assert reverse("monitoring:report_list") in response.content.decode()


def test_office_staff_upload_an_emblem(client, people):
    office = people[Role.OFFICE_STAFF]
    client.force_login(office)
    response = client.post(URL, data(emblem=png()), follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert [m.level for m in response.context["messages"]] == [messages.SUCCESS]
    identity = PublisherIdentity.current()
    assert identity.office_name == "Oficina de Clústeres"
    assert identity.emblem.name.startswith("identity/")
    assert identity.updated_by == office
    assert 'src="data:image/png;base64,' in response.content.decode()


def test_a_bad_upload_is_refused_with_its_reason(client, people):
    client.force_login(people[Role.OFFICE_STAFF])
    bad = SimpleUploadedFile("escudo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = client.post(URL, data(emblem=bad), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert response.context["form"].errors["emblem"]
    # The preview still shows the emblem as saved.
    assert 'src="data:image/svg+xml;base64,' in response.content.decode()
    assert not PublisherIdentity.current().emblem
    assert PublisherIdentity.current().office_name == "Oficina de Promoción de Clústeres"


def test_the_emblem_can_be_cleared_back_to_the_default(client, people):
    client.force_login(people[Role.OFFICE_STAFF])
    client.post(URL, data(emblem=png()))
    assert PublisherIdentity.current().emblem
    client.post(URL, data(**{"emblem-clear": "on"}))
    assert not PublisherIdentity.current().emblem


@pytest.mark.parametrize("role", [r for r in Role if r != Role.OFFICE_STAFF])
def test_other_roles_are_refused(client, people, role):
    client.force_login(people[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, data()).status_code == 403
    assert PublisherIdentity.current().office_name == "Oficina de Promoción de Clústeres"


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
