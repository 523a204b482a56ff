"""The publisher's identity on the reports' covers: one row, its defaults, the
emblem's upload checks and what the cover reads (monitoring/identity.py)."""

import base64
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from monitoring.identity import (
    DEFAULT_EMBLEM,
    MAX_EMBLEM_BYTES,
    PublisherIdentity,
    report_identity,
    save_identity,
    validate_emblem,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image_bytes(fmt="PNG", size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, fmt)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def codes(error):
    return [e.code for e in error.value.error_list]


def test_defaults_name_the_government_and_the_office():
    identity = PublisherIdentity.current()
    assert identity.pk == 1
    assert identity.region_name == "Gobierno de Cantabria"
    assert identity.region_name_en == "Government of Cantabria"
    assert identity.office_name == "Oficina de Promoción de Clústeres"
    assert identity.office_name_en == "Cluster Promotion Office"
    assert not identity.emblem


def test_there_is_one_identity():
    first = PublisherIdentity.current()
    first.region_name = "Gobierno regional"
    first.save()
    PublisherIdentity(office_name="Otra").save()  # saved over the one row
    assert PublisherIdentity.objects.count() == 1
    assert PublisherIdentity.current().office_name == "Otra"


def test_save_records_who_and_keeps_history(people):
    from accounts.roles import Role

    identity = PublisherIdentity.current()
    identity.office_name = "Oficina de Clústeres"
    save_identity(identity=identity, by=people[Role.OFFICE_STAFF])
    identity.refresh_from_db()
    assert identity.updated_by == people[Role.OFFICE_STAFF]
    assert identity.history.first().office_name == "Oficina de Clústeres"


@pytest.mark.parametrize(
    ("language", "region", "office", "alt"),
    [
        (
            "es",
            "Gobierno de Cantabria",
            "Oficina de Promoción de Clústeres",
            "Emblema de la Oficina de Promoción de Clústeres",
        ),
        (
            "en",
            "Government of Cantabria",
            "Cluster Promotion Office",
            "Emblem of the Cluster Promotion Office",
        ),
    ],
)
def test_report_identity_without_upload_is_the_default_svg(language, region, office, alt):
    with translation.override(language):
        identity = report_identity()
    assert identity["region"] == region
    assert identity["office"] == office
    assert identity["emblem_alt"] == alt
    prefix = "data:image/svg+xml;base64,"
    assert identity["emblem_uri"].startswith(prefix)
    assert base64.b64decode(identity["emblem_uri"][len(prefix) :]) == DEFAULT_EMBLEM.read_bytes()


def test_the_default_emblem_is_not_the_coat_of_arms_and_has_its_licence():
    svg = DEFAULT_EMBLEM.read_text()
    assert "Licence: original work" in svg
    assert "<title" in svg
    assert "<script" not in svg


@pytest.mark.parametrize("language", ["es", "en"])
def test_report_identity_with_upload(language):
    png = image_bytes()
    identity = PublisherIdentity.current()
    identity.emblem = upload("escudo.png", png)
    identity.emblem_alt = "Escudo"
    identity.emblem_alt_en = "Shield"
    identity.full_clean()
    identity.save()
    with translation.override(language):
        cover = report_identity()
    assert cover["emblem_uri"] == "data:image/png;base64," + base64.b64encode(png).decode()
    assert cover["emblem_alt"] == {"es": "Escudo", "en": "Shield"}[language]


def test_english_falls_back_to_spanish_and_alt_to_the_office():
    identity = PublisherIdentity.current()
    identity.region_name_en = identity.office_name_en = ""
    identity.emblem_alt = identity.emblem_alt_en = ""
    identity.save()
    with translation.override("en"):
        cover = report_identity()
    assert cover["region"] == "Gobierno de Cantabria"
    assert cover["emblem_alt"] == cover["office"] == "Oficina de Promoción de Clústeres"


def test_a_lost_upload_falls_back_to_the_default(tmp_path):
    identity = PublisherIdentity.current()
    identity.emblem = upload("escudo.png", image_bytes())
    identity.save()
    (tmp_path / identity.emblem.name).unlink()
    assert report_identity()["emblem_uri"].startswith("data:image/svg+xml;base64,")


@pytest.mark.parametrize(("name", "fmt"), [("escudo.png", "PNG"), ("escudo.JPG", "JPEG")])
def test_good_images_pass(name, fmt):
    validate_emblem(upload(name, image_bytes(fmt)))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("escudo.gif", image_bytes("GIF"), "emblem_type"),
        ("escudo.pdf", b"%PDF-1.7\n", "emblem_type"),
        ("escudo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "emblem_svg"),
        ("escudo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "emblem_content"),
        ("escudo.png", image_bytes("JPEG"), "emblem_content"),  # not what its name says
        ("escudo.png", b"", "file_empty"),
        ("escudo.png", b"\x89PNG\r\n\x1a\n" + b"0" * MAX_EMBLEM_BYTES, "file_size"),
        ("escudo.png", image_bytes(size=(4001, 1)), "emblem_pixels"),
    ],
)
def test_bad_uploads_are_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_emblem(upload(name, content))
    assert codes(error) == [code]


def test_messages_are_in_spanish():
    with translation.override("es"):
        with pytest.raises(ValidationError) as error:
            validate_emblem(upload("escudo.png", b"0" * (MAX_EMBLEM_BYTES + 1)))
        # read while Spanish is active: the message is translated when read
        assert error.value.messages == ["El archivo ocupa más de 1 MB."]
