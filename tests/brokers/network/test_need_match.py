"""Matching a need with a technology offer (POST only)."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from brokers.network.models import NeedOfferMatch, NeedStatus
from tests.brokers.network.matching_world import (
    OUTSIDERS,
    READ_ONLY,
    make_match,
    make_need,
    make_offer,
)

pytestmark = pytest.mark.django_db


def url(need):
    return f"/brokers/needs/{need.pk}/match/"


def messages_of(client, need):
    response = client.get(f"/brokers/needs/{need.pk}/")
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def test_a_get_is_not_allowed(client_for, broker):
    need = make_need(by=broker)
    assert client_for(broker).get(url(need)).status_code == 405


def test_a_broker_matches_their_districts_need(client_for, broker, coordinator):
    need = make_need(by=coordinator)
    offer = make_offer(by=coordinator)
    client = client_for(broker)
    response = client.post(url(need), {"offer": offer.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/brokers/needs/{need.pk}/"
    match = NeedOfferMatch.objects.get()
    assert (match.need, match.offer, match.matched_by) == (need, offer, broker)
    need.refresh_from_db()
    assert need.status == NeedStatus.MATCHED
    [(level, text)] = messages_of(client, need)
    assert level == "success" and offer.title in text


def test_the_coordinator_matches_any_districts_need(client_for, coordinator):
    need = make_need("liebana", by=coordinator)
    offer = make_offer(by=coordinator)
    assert client_for(coordinator).post(url(need), {"offer": offer.pk}).status_code == 302
    assert NeedOfferMatch.objects.get().matched_by == coordinator


def test_a_need_is_matched_with_an_offer_once(client_for, broker):
    need = make_need(by=broker)
    offer = make_offer(by=broker)
    make_match(need, offer, by=broker)
    client = client_for(broker)
    response = client.post(url(need), {"offer": offer.pk})
    assert response.status_code == 302
    assert NeedOfferMatch.objects.count() == 1
    [(level, text)] = messages_of(client, need)
    assert level == "error" and offer.title in text


def test_a_need_can_have_several_offers(client_for, broker):
    need = make_need(by=broker)
    make_match(need, make_offer(by=broker), by=broker)
    second = make_offer(by=broker, title="Otra")
    client_for(broker).post(url(need), {"offer": second.pk})
    assert need.matches.count() == 2


def test_an_offer_no_longer_available_is_refused(client_for, broker):
    need = make_need(by=broker)
    offer = make_offer(by=broker, is_active=False)
    client = client_for(broker)
    client.post(url(need), {"offer": offer.pk})
    assert not NeedOfferMatch.objects.exists()
    assert [level for level, _text in messages_of(client, need)] == ["error"]


def test_a_closed_need_is_not_matched(client_for, broker):
    need = make_need(by=broker, status=NeedStatus.CLOSED)
    client = client_for(broker)
    client.post(url(need), {"offer": make_offer(by=broker).pk})
    assert not NeedOfferMatch.objects.exists()
    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED
    assert [level for level, _text in messages_of(client, need)] == ["error"]


def test_a_broker_of_another_district_may_not_match(client_for, broker, liebana_broker):
    open_need = make_need(by=broker)
    closed_need = make_need(by=broker, status=NeedStatus.CLOSED)
    offer = make_offer(by=liebana_broker)
    client = client_for(liebana_broker)
    assert client.post(url(open_need), {"offer": offer.pk}).status_code == 403
    assert client.post(url(closed_need), {"offer": offer.pk}).status_code == 404
    assert not NeedOfferMatch.objects.exists()


@pytest.mark.parametrize("role", READ_ONLY + OUTSIDERS)
def test_other_roles_are_refused(client_for, people, broker, role):
    need = make_need(by=broker)
    offer = make_offer(by=broker)
    assert client_for(people[role]).post(url(need), {"offer": offer.pk}).status_code == 403
    assert not NeedOfferMatch.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, broker):
    need = make_need(by=broker)
    response = client.post(url(need), {"offer": make_offer(by=broker).pk})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not NeedOfferMatch.objects.exists()


def test_a_missing_offer_is_reported(client_for, people, broker):
    need = make_need(by=broker)
    client = client_for(people[Role.INNOVATION_BROKER])
    client.post(url(need), {})
    assert [level for level, _text in messages_of(client, need)] == ["error"]
