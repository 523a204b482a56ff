"""The network's bimonthly meetings: who may attend, recording one, and when the
next one is due."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from brokers.network.models import NetworkMeeting

# The network meets every two months.
MEETING_INTERVAL_MONTHS = 2


def add_months(day, months):
    """The same day `months` later (or earlier), on the month's last day if
    that month is shorter: 31 December + 2 months is 29 February in a leap year."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def meeting_attendee_choices(meeting=None):
    """Who may attend: active brokers and coordinators, and anyone already
    recorded as an attendee (a broker who has since left stays on the record)."""
    people = Q(is_active=True, groups__name__in=[Role.INNOVATION_BROKER, Role.NETWORK_COORDINATOR])
    if meeting is not None and meeting.pk:
        people |= Q(pk__in=meeting.attendees.values("pk"))
    return User.objects.filter(pk__in=User.objects.filter(people).values("pk")).select_related(
        "district"
    )


@transaction.atomic
def save_meeting(*, meeting, attendees, by):
    if not by.has_perm(
        "brokers.change_networkmeeting" if meeting.pk else "brokers.add_networkmeeting"
    ):
        raise PermissionDenied
    if not meeting.pk:
        meeting.created_by = by
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


@dataclass
class NextMeeting:
    date: date
    meeting: NetworkMeeting | None = None  # None: only proposed, not yet planned
    last: NetworkMeeting | None = None

    @property
    def proposed(self):
        return self.meeting is None

    @property
    def overdue(self):
        return self.proposed and self.date < timezone.localdate()


def next_meeting(today=None):
    """The planned next meeting if there is one, else the date two months after
    the last meeting; None when the network has never met."""
    today = today or timezone.localdate()
    upcoming = NetworkMeeting.objects.upcoming(today).first()
    if upcoming is not None:
        return NextMeeting(date=upcoming.date, meeting=upcoming)
    last = NetworkMeeting.objects.held(today).order_by("-date").first()
    if last is None:
        return None
    return NextMeeting(date=add_months(last.date, MEETING_INTERVAL_MONTHS), last=last)
