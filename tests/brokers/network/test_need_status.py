"""Closing and reopening a need (POST only)."""

import pytest

from brokers.network.models import MatchResult, NeedStatus
from tests.brokers.network.matching_world import (
    OUTSIDERS,
    READ_ONLY,
    make_match,
    make_need,
    make_offer,
)

pytestmark = pytest.mark.django_db


def url(need, action):
    return f"/brokers/needs/{need.pk}/{action}/"


def status_of(need):
    need.refresh_from_db()
    return need.status


def test_a_get_is_not_allowed(client_for, broker):
    assert client_for(broker).get(url(make_need(by=broker), "close")).status_code == 405


def test_a_broker_closes_and_reopens_their_districts_need(client_for, broker):
    need = make_need(by=broker)
    client = client_for(broker)
    response = client.post(url(need, "close"))
    assert response.status_code == 302
    assert response["Location"] == f"/brokers/needs/{need.pk}/"
    assert status_of(need) == NeedStatus.CLOSED
    client.post(url(need, "reopen"))
    assert status_of(need) == NeedStatus.OPEN
    messages = client.get(response["Location"]).context["messages"]
    assert [m.level_tag for m in messages] == ["success", "success"]


def test_a_reopened_need_with_a_live_match_is_matched(client_for, broker):
    need = make_need(by=broker)
    make_match(need, make_offer(by=broker), by=broker, result=MatchResult.CONTACT_MADE)
    make_match(need, make_offer(by=broker, title="B"), by=broker, result=MatchResult.NO_FIT)
    client = client_for(broker)
    client.post(url(need, "close"))
    client.post(url(need, "reopen"))
    assert status_of(need) == NeedStatus.MATCHED


def test_a_reopened_need_whose_matches_did_not_fit_is_open(client_for, broker):
    need = make_need(by=broker)
    make_match(need, make_offer(by=broker), by=broker, result=MatchResult.NO_FIT)
    client = client_for(broker)
    client.post(url(need, "close"))
    client.post(url(need, "reopen"))
    assert status_of(need) == NeedStatus.OPEN


def test_a_matched_need_can_be_closed(client_for, coordinator):
    need = make_need("liebana", by=coordinator, status=NeedStatus.MATCHED)
    client_for(coordinator).post(url(need, "close"))
    assert status_of(need) == NeedStatus.CLOSED


@pytest.mark.parametrize(
    ("status", "action"),
    [(NeedStatus.CLOSED, "close"), (NeedStatus.OPEN, "reopen")],
)
def test_a_change_that_does_not_apply_is_reported(client_for, broker, status, action):
    need = make_need(by=broker, status=status)
    client = client_for(broker)
    response = client.post(url(need, action))
    assert response.status_code == 302
    assert status_of(need) == status
    messages = client.get(response["Location"]).context["messages"]
    assert [m.level_tag for m in messages] == ["error"]


def test_there_is_no_other_change(client_for, broker):
    need = make_need(by=broker)
    assert client_for(broker).post(url(need, "delete")).status_code == 404
    assert status_of(need) == NeedStatus.OPEN


def test_a_broker_of_another_district_may_not_change_it(client_for, broker, liebana_broker):
    need = make_need(by=broker)
    closed = make_need(by=broker, status=NeedStatus.CLOSED)
    client = client_for(liebana_broker)
    assert client.post(url(need, "close")).status_code == 403
    assert client.post(url(closed, "reopen")).status_code == 404
    assert status_of(need) == NeedStatus.OPEN
    assert status_of(closed) == NeedStatus.CLOSED


@pytest.mark.parametrize("role", READ_ONLY + OUTSIDERS)
def test_other_roles_are_refused(client_for, people, broker, role):
    need = make_need(by=broker)
    assert client_for(people[role]).post(url(need, "close")).status_code == 403
    assert status_of(need) == NeedStatus.OPEN
