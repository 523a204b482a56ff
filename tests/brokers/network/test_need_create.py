"""Compiling an industry need: a broker in their own district, the coordinator in any."""

import pytest

from accounts.roles import Role
from brokers.network.models import IndustryNeed, NeedStatus
from tests.brokers.network.matching_world import OUTSIDERS, READ_ONLY, district
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/brokers/needs/new/"


def need_data(organisation, **values):
    return {
        "organisation": organisation.pk,
        "title": "Secado de forraje con biomasa",
        "description": "Reducir el gasto de gasóleo en el secado.",
        "sector": "Ganadería",
        "technology_area": "energy",
        **values,
    }


def test_a_broker_compiles_a_need_in_their_district(client_for, people):
    broker = people[Role.INNOVATION_BROKER]
    organisation = OrganisationFactory(district=district("besaya"))
    # A district in the data is ignored: it is the broker's.
    response = client_for(broker).post(
        URL, need_data(organisation, district=district("liebana").pk)
    )
    need = IndustryNeed.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/brokers/needs/{need.pk}/"
    assert need.district == district("besaya")
    assert need.organisation == organisation
    assert need.compiled_by == broker
    assert need.status == NeedStatus.OPEN
    assert need.history.get().history_user == broker
    follow = client_for(broker).get(response["Location"])
    assert [m.level_tag for m in follow.context["messages"]] == ["success"]


def test_a_brokers_form_has_no_district_and_only_their_districts_organisations(client_for, people):
    own = OrganisationFactory(district=district("besaya"))
    other = OrganisationFactory(district=district("liebana"))
    form = client_for(people[Role.INNOVATION_BROKER]).get(URL).context["form"]
    assert "district" not in form.fields
    assert list(form.fields["organisation"].queryset) == [own]
    assert other not in form.fields["organisation"].queryset


def test_a_broker_cannot_compile_a_need_for_another_districts_organisation(client_for, people):
    other = OrganisationFactory(district=district("liebana"))
    response = client_for(people[Role.INNOVATION_BROKER]).post(URL, need_data(other))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not IndustryNeed.objects.exists()


def test_the_coordinator_compiles_a_need_in_any_district(client_for, people):
    coordinator = people[Role.NETWORK_COORDINATOR]
    liebana = district("liebana")
    organisation = OrganisationFactory(district=liebana)
    response = client_for(coordinator).post(URL, need_data(organisation, district=liebana.pk))
    assert response.status_code == 302
    need = IndustryNeed.objects.get()
    assert (need.district, need.compiled_by) == (liebana, coordinator)


def test_the_coordinators_organisation_must_be_of_the_chosen_district(client_for, people):
    organisation = OrganisationFactory(district=district("liebana"))
    response = client_for(people[Role.NETWORK_COORDINATOR]).post(
        URL, need_data(organisation, district=district("santander").pk)
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not IndustryNeed.objects.exists()


def test_the_coordinators_choices_are_the_regions_organisations(client_for, people):
    in_region = OrganisationFactory(district=district("trasmiera"))
    outside = OrganisationFactory(district=None)
    form = client_for(people[Role.NETWORK_COORDINATOR]).get(URL).context["form"]
    assert "district" in form.fields
    choices = form.fields["organisation"].queryset
    assert in_region in choices
    assert outside not in choices


def test_required_fields(client_for, people):
    response = client_for(people[Role.INNOVATION_BROKER]).post(URL, {})
    assert set(response.context["form"].errors) == {
        "organisation",
        "title",
        "description",
        "technology_area",
    }


@pytest.mark.parametrize("role", READ_ONLY + OUTSIDERS)
def test_other_roles_are_refused(client_for, people, role):
    organisation = OrganisationFactory(district=district("besaya"))
    client = client_for(people[role])
    assert client.get(URL).status_code == 403
    data = need_data(organisation, district=district("besaya").pk)
    assert client.post(URL, data).status_code == 403
    assert not IndustryNeed.objects.exists()


def test_a_broker_without_a_district_is_refused(client_for):
    assert client_for(UserFactory(role=Role.INNOVATION_BROKER)).get(URL).status_code == 403
