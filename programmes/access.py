"""Who may see and change programme data: every view fetches through these.

Office staff prepare programmes, record spending and keep the action plan and
governance; only government officials approve programmes and reallocations;
other roles with the view permissions read. A broker sees the action plan
and governance but nothing of budgets or spending.

A page that needs another permission on a programme (its budget, spending,
reallocations or key results) checks it with require() before get_programme().
"""

from django.shortcuts import get_object_or_404

from core.access import require
from programmes.models import Action, Body, Expenditure, Meeting, Programme, Reallocation
from programmes.services import OFFICIAL


def _get(request, queryset, pk, *, model, for_change, change=None):
    """The record, for a user with the model's view permission and, for_change, its
    change permission (else 403); 404 when there is none."""
    require(request.user, f"programmes.view_{model}")
    if for_change:
        require(request.user, change or f"programmes.change_{model}")
    return get_object_or_404(queryset, pk=pk)


def get_programme(request, pk, *, for_change=False):
    return _get(request, Programme, pk, model="programme", for_change=for_change)


def get_expenditure(request, pk, *, for_change=False):
    expenditures = Expenditure.objects.select_related("programme", "cluster")
    return _get(request, expenditures, pk, model="expenditure", for_change=for_change)


def get_reallocation(request, pk, *, for_change=False):
    """for_change: to decide it, an official's right (a reallocation changes only so)."""
    reallocations = Reallocation.objects.select_related("programme", "from_line", "to_line")
    return _get(
        request, reallocations, pk, model="reallocation", for_change=for_change, change=OFFICIAL
    )


def get_action(request, pk, *, for_change=False):
    return _get(request, Action, pk, model="action", for_change=for_change)


def get_body(request, pk, *, for_change=False):
    return _get(request, Body, pk, model="body", for_change=for_change)


def get_meeting(request, pk, *, for_change=False):
    meetings = Meeting.objects.select_related("body")
    return _get(request, meetings, pk, model="meeting", for_change=for_change)
