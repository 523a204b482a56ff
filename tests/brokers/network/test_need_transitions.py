"""Every change of a need's status is recorded, with who caused it and when: by
hand (closed, reopened) and automatic (a match made, a match's result), each
rule at its service, and the trail on the need's page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from accounts.roles import Role
from brokers.network import matching
from brokers.network.models import MatchResult, NeedStatus
from tests.brokers.network.matching_world import make_match, make_need, make_offer

pytestmark = pytest.mark.django_db


def trail(need):
    """(from, to, by) of the need's transitions, oldest first."""
    return [(t.from_status, t.to_status, t.by) for t in need.transitions.order_by("at", "pk")]


def test_closing_and_reopening_are_recorded_with_who_and_when(broker):
    need = make_need(by=broker)
    before = timezone.now()
    matching.close_need(need=need, by=broker)
    matching.reopen_need(need=need, by=broker)
    assert trail(need) == [("open", "closed", broker), ("closed", "open", broker)]
    assert all(before <= t.at <= timezone.now() for t in need.transitions.all())


def test_a_closed_need_with_a_live_match_is_reopened_matched(broker, coordinator):
    need = make_need(by=broker)
    make_match(need, make_offer(by=coordinator), by=broker)
    matching.close_need(need=need, by=coordinator)
    assert matching.reopen_need(need=need, by=coordinator).status == NeedStatus.MATCHED
    assert trail(need) == [("matched", "closed", coordinator), ("closed", "matched", coordinator)]


def test_a_refused_change_records_nothing(broker, people):
    need = make_need(by=broker, status=NeedStatus.CLOSED)
    with pytest.raises(ValidationError):
        matching.close_need(need=need, by=broker)
    with pytest.raises(PermissionDenied):
        matching.reopen_need(need=need, by=people[Role.OFFICE_STAFF])
    assert trail(need) == []


def test_the_first_match_makes_the_need_matched_by_who_matched_it(broker, coordinator):
    need = make_need(by=broker)
    matching.match_need(need=need, offer=make_offer(by=coordinator), by=coordinator)
    # A second match of a matched need changes no status.
    matching.match_need(need=need, offer=make_offer(by=coordinator), by=broker)
    assert trail(need) == [("open", "matched", coordinator)]


def test_a_no_fit_reopens_the_need_only_once_no_match_is_live(broker, coordinator):
    need = make_need(by=broker)
    first = make_match(need, make_offer(by=coordinator), by=broker)
    second = make_match(need, make_offer(by=coordinator), by=broker)
    matching.record_match_result(match=first, result=MatchResult.NO_FIT, notes="", by=broker)
    assert trail(need) == []
    matching.record_match_result(match=second, result=MatchResult.NO_FIT, notes="", by=coordinator)
    assert trail(need) == [("matched", "open", coordinator)]
    # Corrected away from "no fit", the result makes the need matched again.
    matching.record_match_result(match=second, result=MatchResult.CONTACT_MADE, notes="", by=broker)
    assert trail(need) == [("matched", "open", coordinator), ("open", "matched", broker)]


def test_a_closed_need_stays_closed_whatever_the_result(broker):
    need = make_need(by=broker)
    match = make_match(need, make_offer(by=broker), by=broker)
    matching.close_need(need=need, by=broker)
    matching.record_match_result(match=match, result=MatchResult.NO_FIT, notes="", by=broker)
    assert trail(need) == [("matched", "closed", broker)]


def test_the_needs_page_shows_who_changed_its_status_and_when(client_for, broker):
    need = make_need(by=broker)
    matching.close_need(need=need, by=broker)
    page = client_for(broker).get(f"/brokers/needs/{need.pk}/").content.decode()
    when = date_format(timezone.localtime(need.transitions.get().at), "DATETIME_FORMAT")
    assert 'id="transitions-title"' in page
    assert when in page
    assert broker.get_full_name() in page
