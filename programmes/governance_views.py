"""Governance of the Office: its bodies, their members, meetings and decisions."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Max, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import trail_for
from core.lists import list_page
from programmes import access, exports
from programmes.filters import MeetingFilter
from programmes.forms import BodyForm, BodyMemberFormSet, DecisionFormSet, MeetingForm
from programmes.models import Body, BodyKind, BodyMember, Meeting

MEETINGS_ON_BODY_PAGE = 10


def _current(members, today):
    """Members whose term has not ended: no end yet, or an end today or later."""
    return members.filter(Q(term_end__isnull=True) | Q(term_end__gte=today))


# Bodies


def body_list(request):
    access.require(request.user, "programmes.view_body")
    today = timezone.localdate()
    bodies = Body.objects.annotate(last_meeting=Max("meetings__date")).prefetch_related(
        Prefetch(
            "members",
            queryset=_current(BodyMember.objects.order_by("role", "name"), today),
            to_attr="current_members",
        )
    )
    by_kind = {kind: [] for kind in BodyKind}
    for body in bodies:
        by_kind[body.kind].append(body)
    return render(
        request,
        "programmes/body_list.html",
        {
            "kinds": [(kind.value, kind.label, by_kind[kind]) for kind in BodyKind],
            "can_edit": request.user.has_perm("programmes.change_body"),
            "can_add": request.user.has_perm("programmes.add_body"),
        },
    )


def body_detail(request, pk):
    body = access.get_body(request, pk)
    today = timezone.localdate()
    members = body.members.order_by("role", "name")
    context = {
        "body": body,
        "current_members": _current(members, today),
        "former_members": members.filter(term_end__lt=today).order_by("-term_end", "name"),
        "meetings": body.meetings.for_list()[:MEETINGS_ON_BODY_PAGE],
        "meeting_count": body.meetings.count(),
        "can_edit": request.user.has_perm("programmes.change_body"),
        "can_add_meeting": request.user.has_perm("programmes.add_meeting"),
        "audit_trail": trail_for(request.user, body),
    }
    return render(request, "programmes/body_detail.html", context)


def _save_body(request, body):
    form = BodyForm(request.POST or None, instance=body)
    members = BodyMemberFormSet(request.POST or None, instance=body, prefix="members")
    if request.method == "POST" and form.is_valid() and members.is_valid():
        with transaction.atomic():
            body = form.save()
            members.instance = body
            members.save()
        messages.success(request, _("%(body)s has been saved.") % {"body": body})
        return redirect(body)
    return render(
        request,
        "programmes/body_form.html",
        {"form": form, "members": members, "body": body},
    )


def body_create(request):
    access.require(request.user, "programmes.add_body")
    return _save_body(request, Body())


def body_edit(request, pk):
    return _save_body(request, access.get_body(request, pk, for_change=True))


# Meetings


def meeting_list(request):
    access.require(request.user, "programmes.view_meeting")
    meetings = MeetingFilter(request.GET, queryset=Meeting.objects.for_list())
    return list_page(
        request,
        meetings,
        "programmes/meeting_list.html",
        exports.MEETINGS,
        {"can_add": request.user.has_perm("programmes.add_meeting")},
    )


def meeting_detail(request, pk):
    meeting = access.get_meeting(request, pk)
    decisions = meeting.decisions.select_related(
        "transition__programme",
        "reallocation__programme",
        "reallocation__from_line__cluster",
        "reallocation__to_line__cluster",
    )
    context = {
        "meeting": meeting,
        "attendees": meeting.attendee_list,
        "decisions": decisions,
        "can_edit": request.user.has_perm("programmes.change_meeting"),
        "audit_trail": trail_for(request.user, meeting),
    }
    return render(request, "programmes/meeting_detail.html", context)


def _save_meeting(request, meeting, initial=None):
    form = MeetingForm(request.POST or None, instance=meeting, initial=initial)
    decisions = DecisionFormSet(request.POST or None, instance=meeting, prefix="decisions")
    if request.method == "POST" and form.is_valid() and decisions.is_valid():
        with transaction.atomic():
            meeting = form.save()
            decisions.instance = meeting
            decisions.save()
        messages.success(request, _("The meeting has been saved."))
        return redirect(meeting)
    return render(
        request,
        "programmes/meeting_form.html",
        {"form": form, "decisions": decisions, "meeting": meeting},
    )


def meeting_create(request):
    access.require(request.user, "programmes.add_meeting")
    # Coming from a body's page, the meeting is of that body.
    body = request.GET.get("body", "")
    initial = {"date": timezone.localdate(), **({"body": body} if body.isdecimal() else {})}
    return _save_meeting(request, Meeting(), initial)


def meeting_edit(request, pk):
    meeting = access.get_meeting(request, pk, for_change=True)
    return _save_meeting(request, meeting)
