"""Editing a need: the broker of its district and the coordinator."""

import pytest

from accounts.roles import Role
from brokers.network.models import NeedStatus
from tests.brokers.network.matching_world import (
    OUTSIDERS,
    READ_ONLY,
    district,
    make_need,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def url(need):
    return f"/brokers/needs/{need.pk}/edit/"


def edit_data(need, **values):
    return {
        "organisation": need.organisation_id,
        "title": "Secado solar de forraje",
        "description": need.description,
        "sector": "Ganadería",
        "technology_area": "energy",
        **values,
    }


def test_a_broker_edits_their_districts_need(client_for, broker, coordinator):
    need = make_need(by=coordinator, status=NeedStatus.MATCHED)
    response = client_for(broker).post(url(need), edit_data(need))
    assert response.status_code == 302
    assert response["Location"] == f"/brokers/needs/{need.pk}/"
    need.refresh_from_db()
    assert (need.title, need.technology_area) == ("Secado solar de forraje", "energy")
    # Neither the district nor the status change here.
    assert need.district == district("besaya")
    assert need.status == NeedStatus.MATCHED
    assert need.history.first().history_user == broker


def test_a_brokers_need_stays_in_their_district(client_for, broker):
    need = make_need(by=broker)
    other = OrganisationFactory(district=district("liebana"))
    client = client_for(broker)
    assert "district" not in client.get(url(need)).context["form"].fields
    response = client.post(
        url(need), edit_data(need, organisation=other.pk, district=district("liebana").pk)
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    need.refresh_from_db()
    assert need.district == district("besaya")


def test_the_coordinator_moves_a_need_to_another_district(client_for, coordinator):
    need = make_need(by=coordinator)
    liebana = district("liebana")
    organisation = OrganisationFactory(district=liebana)
    client = client_for(coordinator)
    refused = client.post(url(need), edit_data(need, district=liebana.pk))
    assert "organisation" in refused.context["form"].errors
    response = client.post(
        url(need), edit_data(need, district=liebana.pk, organisation=organisation.pk)
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert (need.district, need.organisation) == (liebana, organisation)


def test_a_broker_of_another_district_may_read_but_not_change_an_open_need(
    client_for, broker, liebana_broker
):
    need = make_need(by=broker)
    client = client_for(liebana_broker)
    assert client.get(f"/brokers/needs/{need.pk}/").status_code == 200
    assert client.get(url(need)).status_code == 403
    assert client.post(url(need), edit_data(need)).status_code == 403
    need.refresh_from_db()
    assert need.title != "Secado solar de forraje"


def test_another_districts_closed_need_is_not_found(client_for, broker, liebana_broker):
    need = make_need(by=broker, status=NeedStatus.CLOSED)
    assert client_for(liebana_broker).get(url(need)).status_code == 404


@pytest.mark.parametrize("role", READ_ONLY + OUTSIDERS)
def test_other_roles_are_refused(client_for, people, broker, role):
    need = make_need(by=broker)
    client = client_for(people[role])
    assert client.get(url(need)).status_code == 403
    assert client.post(url(need), edit_data(need)).status_code == 403
    need.refresh_from_db()
    assert need.title != "Secado solar de forraje"


def test_the_form_is_filled_in(client_for, people, broker):
    need = make_need(by=broker, sector="Metal")
    form = client_for(people[Role.INNOVATION_BROKER]).get(url(need)).context["form"]
    assert form.initial["sector"] == "Metal"
