"""An offer's page, with the matches of the needs the reader may see."""

import pytest

from accounts.roles import Role
from brokers.network.models import NeedStatus
from tests.brokers.network.matching_world import (
    NETWORK,
    OUTSIDERS,
    READ_ONLY,
    make_match,
    make_need,
    make_offer,
)

pytestmark = pytest.mark.django_db


def url(offer):
    return f"/brokers/offers/{offer.pk}/"


@pytest.mark.parametrize("role", NETWORK)
def test_the_network_reads_an_offer(client_for, people, coordinator, role):
    offer = make_offer(by=coordinator, is_active=False)
    response = client_for(people[role]).get(url(offer))
    assert response.status_code == 200
    assert response.context["offer"] == offer


@pytest.mark.parametrize("role", OUTSIDERS)
def test_roles_outside_the_network_are_refused(client_for, people, coordinator, role):
    assert client_for(people[role]).get(url(make_offer(by=coordinator))).status_code == 403


def test_a_missing_offer_is_not_found(client_for, people):
    assert client_for(people[Role.OFFICE_STAFF]).get("/brokers/offers/999999/").status_code == 404


def test_matches_of_needs_a_broker_may_not_see_are_only_counted(client_for, people, coordinator):
    offer = make_offer(by=coordinator)
    own = make_match(make_need(by=coordinator, title="De Besaya"), offer, by=coordinator)
    other = make_match(
        make_need("liebana", by=coordinator, title="De Liébana"), offer, by=coordinator
    )
    assert other.need.status == NeedStatus.MATCHED
    seen = client_for(people[Role.INNOVATION_BROKER]).get(url(offer))
    assert seen.context["matches"] == [own]
    assert seen.context["hidden_matches"] == 1
    assert "De Liébana" not in seen.content.decode()
    office = client_for(people[Role.OFFICE_STAFF]).get(url(offer))
    assert set(office.context["matches"]) == {own, other}
    assert office.context["hidden_matches"] == 0


@pytest.mark.parametrize(
    ("role", "can_edit"),
    [
        (Role.NETWORK_COORDINATOR, True),
        (Role.INNOVATION_BROKER, True),
        *[(role, False) for role in READ_ONLY],
    ],
)
def test_who_may_edit_an_offer_a_broker_added(client_for, people, role, can_edit):
    offer = make_offer(by=people[Role.INNOVATION_BROKER])
    response = client_for(people[role]).get(url(offer))
    assert response.context["can_edit"] is can_edit
    assert (f'href="/brokers/offers/{offer.pk}/edit/"' in response.content.decode()) is can_edit


def test_a_broker_may_not_edit_someone_elses_offer(client_for, people, coordinator):
    offer = make_offer(by=coordinator)
    assert client_for(people[Role.INNOVATION_BROKER]).get(url(offer)).context["can_edit"] is False


def test_the_audit_trail_is_for_those_who_may_see_it(client_for, people, coordinator):
    offer = make_offer(by=coordinator)
    assert client_for(people[Role.OFFICE_STAFF]).get(url(offer)).context["audit_trail"] is not None
    seen = client_for(people[Role.INNOVATION_BROKER]).get(url(offer))
    assert seen.context["audit_trail"] is None
