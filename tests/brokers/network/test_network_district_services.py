"""A district's tailoring: the coordinator or the district's own broker
chooses which service types it offers, with local notes; its page lists them."""

import pytest

from accounts.roles import Role
from brokers.network.models import DistrictServiceOffer, ServiceType
from tests.brokers.network.network_world import OUTSIDERS, READ_ONLY, broker_of, district

pytestmark = pytest.mark.django_db
URL = "/brokers/districts/besaya/services/"
DETAIL = "/brokers/districts/besaya/"


def types(*codes):
    return [ServiceType.objects.get(code=code) for code in codes]


def offered(slug="besaya"):
    return dict(
        DistrictServiceOffer.objects.filter(district__slug=slug).values_list(
            "service_type__code", "notes"
        )
    )


def choose(**notes_by_code):
    """Form data ticking the given types, each with its notes."""
    data = {}
    for service_type in types(*notes_by_code):
        data[f"offered_{service_type.pk}"] = "on"
        data[f"notes_{service_type.pk}"] = notes_by_code[service_type.code]
    return data


@pytest.mark.parametrize("role", [Role.NETWORK_COORDINATOR, Role.INNOVATION_BROKER])
def test_the_coordinator_and_the_districts_broker_choose_its_services(client_for, people, role):
    client = client_for(people[role])
    form = client.get(URL)
    assert form.status_code == 200
    assert len(form.context["form"].rows()) == 9
    response = client.post(
        URL, choose(advice="Con la Cámara de Comercio de Torrelavega", calls="", training="")
    )
    assert response.status_code == 302
    assert response["Location"] == DETAIL
    assert offered() == {
        "advice": "Con la Cámara de Comercio de Torrelavega",
        "calls": "",
        "training": "",
    }


def test_the_broker_of_another_district_is_refused(client_for, people):
    client = client_for(broker_of("liebana"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, choose(advice="")).status_code == 403
    assert offered() == {}


@pytest.mark.parametrize("role", [*READ_ONLY, *OUTSIDERS])
def test_other_roles_are_refused(client_for, people, role):
    client = client_for(people[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, choose(advice="")).status_code == 403
    assert offered() == {}


def test_an_unknown_district_is_not_found(client_for, people):
    response = client_for(people[Role.NETWORK_COORDINATOR]).get("/brokers/districts/x/services/")
    assert response.status_code == 404


def test_the_form_shows_the_current_choice_and_changes_it(client_for, people):
    besaya = district("besaya")
    advice, calls, training = types("advice", "calls", "training")
    DistrictServiceOffer.objects.create(district=besaya, service_type=advice, notes="Antes")
    DistrictServiceOffer.objects.create(district=besaya, service_type=calls, notes="")
    client = client_for(people[Role.INNOVATION_BROKER])
    form = client.get(URL).context["form"]
    assert form[f"offered_{advice.pk}"].initial is True
    assert form[f"notes_{advice.pk}"].initial == "Antes"
    assert form[f"offered_{training.pk}"].initial is False

    client.post(URL, choose(advice="Después", training="Talleres en Reinosa"))
    assert offered() == {"advice": "Después", "training": "Talleres en Reinosa"}
    # The dropped offer is on record.
    assert DistrictServiceOffer.history.filter(history_type="-").count() == 1


def test_notes_without_the_service_ticked_are_refused(client_for, people):
    advice = types("advice")[0]
    response = client_for(people[Role.INNOVATION_BROKER]).post(
        URL, {f"notes_{advice.pk}": "Sin marcar"}
    )
    assert response.status_code == 200
    assert f"notes_{advice.pk}" in response.context["form"].errors
    assert offered() == {}


def test_a_type_out_of_use_can_be_dropped_not_taken_up(client_for, people):
    advice, calls = types("advice", "calls")
    DistrictServiceOffer.objects.create(district=district("besaya"), service_type=advice)
    ServiceType.objects.filter(pk__in=[advice.pk, calls.pk]).update(is_active=False)
    client = client_for(people[Role.NETWORK_COORDINATOR])
    rows = client.get(URL).context["form"].rows()
    shown = [service_type.code for service_type, _offered, _notes in rows]
    assert "advice" in shown  # offered, so it can be dropped
    assert "calls" not in shown
    client.post(URL, choose(advice="Sigue", calls=""))
    assert offered() == {"advice": "Sigue"}
    client.post(URL, {})
    assert offered() == {}


def test_the_district_page_lists_its_services_with_their_notes(client_for, people):
    besaya = district("besaya")
    advice, calls = types("advice", "calls")
    DistrictServiceOffer.objects.create(
        district=besaya, service_type=advice, notes="Con la Cámara de Comercio"
    )
    DistrictServiceOffer.objects.create(district=besaya, service_type=calls)
    DistrictServiceOffer.objects.create(district=district("liebana"), service_type=calls)
    response = client_for(people[Role.GOVERNMENT_OFFICIAL]).get(DETAIL)
    assert [o.service_type for o in response.context["offers"]] == [advice, calls]
    content = response.content.decode()
    assert "Con la Cámara de Comercio" in content
    assert advice.name in content
    assert URL not in content  # an official does not choose


@pytest.mark.parametrize(
    ("role", "shown"),
    [(Role.NETWORK_COORDINATOR, True), (Role.INNOVATION_BROKER, True), (Role.OFFICE_STAFF, False)],
)
def test_the_district_page_links_to_the_choice_for_those_who_make_it(
    client_for, people, role, shown
):
    content = client_for(people[role]).get(DETAIL).content.decode()
    assert (f'href="{URL}"' in content) is shown


def test_the_district_page_of_another_district_has_no_link_for_the_broker(client_for, people):
    content = client_for(people[Role.INNOVATION_BROKER]).get("/brokers/districts/liebana/")
    assert "/services/" not in content.content.decode().split("<main")[1]


def test_the_district_page_shows_no_offers_to_a_cluster_manager(client_for, people):
    DistrictServiceOffer.objects.create(
        district=district("besaya"), service_type=types("advice")[0], notes="Notas locales"
    )
    response = client_for(people[Role.CLUSTER_MANAGER]).get(DETAIL)
    assert response.status_code == 200
    assert "Notas locales" not in response.content.decode()
