"""The network's rules without pages: adding months, the proposed next
meeting, the year asked for, and who tailors a district."""

from datetime import date

import pytest

from accounts.roles import Role
from brokers.network import access, figures, meetings
from tests.brokers.network.network_world import district, meeting


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 15), 2, date(2025, 3, 15)),
        (date(2025, 11, 10), 2, date(2026, 1, 10)),
        (date(2025, 12, 31), 2, date(2026, 2, 28)),  # clamped to the month's end
        (date(2023, 12, 31), 2, date(2024, 2, 29)),  # leap year
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 31), -2, date(2024, 11, 30)),
        (date(2025, 5, 20), 0, date(2025, 5, 20)),
        (date(2025, 5, 20), 24, date(2027, 5, 20)),
    ],
)
def test_add_months(day, months, expected):
    assert meetings.add_months(day, months) == expected


@pytest.mark.django_db
def test_no_meeting_yet_means_no_proposal():
    assert meetings.next_meeting(date(2025, 6, 1)) is None


@pytest.mark.django_db
def test_the_next_meeting_is_proposed_two_months_after_the_last(people):
    coordinator = people[Role.NETWORK_COORDINATOR]
    meeting(date(2025, 2, 12), by=coordinator)
    last = meeting(date(2025, 4, 30), by=coordinator)
    proposal = meetings.next_meeting(date(2025, 5, 15))
    assert proposal.proposed
    assert proposal.date == date(2025, 6, 30)
    assert proposal.last == last
    assert proposal.meeting is None


@pytest.mark.django_db
def test_a_planned_meeting_is_the_next_one(people):
    coordinator = people[Role.NETWORK_COORDINATOR]
    meeting(date(2025, 4, 30), by=coordinator)
    planned = meeting(date(2025, 7, 3), by=coordinator)
    meeting(date(2025, 9, 3), by=coordinator)
    proposal = meetings.next_meeting(date(2025, 5, 15))
    assert not proposal.proposed
    assert proposal.meeting == planned
    assert proposal.date == date(2025, 7, 3)


@pytest.mark.django_db
def test_a_meeting_held_today_is_the_last_one(people):
    meeting(date(2025, 12, 31), by=people[Role.NETWORK_COORDINATOR])
    assert meetings.next_meeting(date(2025, 12, 31)).date == date(2026, 2, 28)


@pytest.mark.django_db
def test_a_proposal_in_the_past_is_overdue(people):
    meeting(date(2020, 1, 10), by=people[Role.NETWORK_COORDINATOR])
    proposal = meetings.next_meeting()
    assert proposal.date == date(2020, 3, 10)
    assert proposal.overdue


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024", 2024), (None, 2025), ("", 2025), ("x", 2025), ("1999", 2025), ("2026", 2026)],
)
def test_chosen_year(value, expected):
    assert figures.chosen_year(value, today=date(2025, 6, 1)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "slug", "allowed"),
    [
        (Role.NETWORK_COORDINATOR, "besaya", True),
        (Role.NETWORK_COORDINATOR, "liebana", True),
        (Role.INNOVATION_BROKER, "besaya", True),
        (Role.INNOVATION_BROKER, "liebana", False),
        (Role.OFFICE_STAFF, "besaya", False),
        (Role.GOVERNMENT_OFFICIAL, "besaya", False),
        (Role.CLUSTER_MANAGER, "besaya", False),
    ],
)
def test_who_tailors_a_district(people, role, slug, allowed):
    assert access.can_tailor_district(people[role], district(slug)) is allowed
