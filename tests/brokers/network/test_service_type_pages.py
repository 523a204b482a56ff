"""The service types: the network reads them, the coordinator adds and
changes them, and nothing deletes one (it is taken out of use)."""

import pytest
from django.urls import NoReverseMatch, reverse

from accounts.roles import Role
from brokers.network.models import DistrictServiceOffer, ServiceType
from tests.brokers.network.network_world import NETWORK, OUTSIDERS, READ_ONLY, district, log

pytestmark = pytest.mark.django_db
LIST = "/brokers/service-types/"
NEW = "/brokers/service-types/new/"


def edit_url(service_type):
    return f"/brokers/service-types/{service_type.pk}/edit/"


def form_data(**values):
    return {
        "name": "Vigilancia tecnológica",
        "name_en": "Technology watch",
        "description": "Boletines sectoriales.",
        "position": "95",
        "is_active": "on",
        **values,
    }


@pytest.mark.parametrize("role", NETWORK)
def test_the_network_reads_the_types_in_both_languages(client_for, people, role):
    response = client_for(people[role]).get(LIST)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Asesoramiento a medida, incluidos programas de financiación" in content
    assert "Tailored advice, including funding programmes" in content
    assert len(response.context["service_types"]) == 9


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_are_refused(client_for, people, role):
    assert client_for(people[role]).get(LIST).status_code == 403


@pytest.mark.parametrize("role", [Role.INNOVATION_BROKER, *READ_ONLY, *OUTSIDERS])
def test_only_the_coordinator_adds_or_changes_a_type(client_for, people, role):
    client = client_for(people[role])
    advice = ServiceType.objects.get(code="advice")
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    assert client.post(edit_url(advice), form_data(name="Otro")).status_code == 403
    advice.refresh_from_db()
    assert advice.name.startswith("Asesoramiento")
    assert not ServiceType.objects.filter(name="Vigilancia tecnológica").exists()


def test_the_list_offers_adding_and_editing_to_the_coordinator_only(client_for, people):
    coordinator = client_for(people[Role.NETWORK_COORDINATOR]).get(LIST).content.decode()
    assert f'href="{NEW}"' in coordinator
    assert "/edit/" in coordinator
    broker = client_for(people[Role.INNOVATION_BROKER]).get(LIST).content.decode()
    assert NEW not in broker
    assert "/edit/" not in broker


def test_the_coordinator_adds_a_type(client_for, people):
    client = client_for(people[Role.NETWORK_COORDINATOR])
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, form_data())
    assert response.status_code == 302
    assert response["Location"] == LIST
    added = ServiceType.objects.get(name="Vigilancia tecnológica")
    assert (added.name_en, added.code, added.is_active) == (
        "Technology watch",
        "technology-watch",
        True,
    )
    assert added.history.first().history_user == people[Role.NETWORK_COORDINATOR]


def test_a_new_types_code_is_unique(client_for, people):
    client = client_for(people[Role.NETWORK_COORDINATOR])
    client.post(NEW, form_data(name="Otros servicios locales", name_en="Other"))
    assert ServiceType.objects.get(name="Otros servicios locales").code == "other-2"


def test_a_name_is_unique(client_for, people):
    client = client_for(people[Role.NETWORK_COORDINATOR])
    response = client.post(NEW, form_data(name="Otros servicios"))
    assert response.status_code == 200
    assert "name" in response.context["form"].errors


def test_the_coordinator_takes_a_type_out_of_use_and_old_records_keep_it(client_for, people):
    advice = ServiceType.objects.get(code="advice")
    record = log("besaya")
    DistrictServiceOffer.objects.create(district=district("besaya"), service_type=advice)
    client = client_for(people[Role.NETWORK_COORDINATOR])
    data = form_data(name=advice.name, name_en="Advice", position="50")
    del data["is_active"]
    response = client.post(edit_url(advice), data)
    assert response.status_code == 302
    advice.refresh_from_db()
    assert (advice.is_active, advice.name_en, advice.code) == (False, "Advice", "advice")
    record.refresh_from_db()
    assert record.service_type == advice
    # Out of use, it is no longer shown among the district's services.
    detail = client.get("/brokers/districts/besaya/")
    assert list(detail.context["offers"]) == []


def test_there_is_no_delete():
    with pytest.raises(NoReverseMatch):
        reverse("brokers:service_type_delete", args=[1])


def test_the_list_takes_a_fixed_number_of_queries(client_for, people, django_assert_num_queries):
    client = client_for(people[Role.INNOVATION_BROKER])
    client.get(LIST)
    for n in range(5):
        ServiceType.objects.create(code=f"t{n}", name=f"Tipo {n}")
    # session, user, the user's permissions (view check), the types with the
    # count of districts offering each, the group permissions (navigation)
    with django_assert_num_queries(5):
        client.get(LIST)
