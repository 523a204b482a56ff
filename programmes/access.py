"""Who may see and change programme data: every view fetches through these.

Office staff prepare programmes, record spending and keep the action plan and
governance; only government officials approve programmes and reallocations;
other roles with the view permissions read. A broker sees the action plan
and governance but nothing of budgets or spending.
"""

from django.shortcuts import get_object_or_404

from core.access import require
from programmes.models import Action, Body, Expenditure, Meeting, Programme, Reallocation


def get_programme(request, pk, *, permission="programmes.view_programme"):
    require(request.user, permission)
    return get_object_or_404(Programme, pk=pk)


def get_expenditure(request, pk, *, permission="programmes.view_expenditure"):
    require(request.user, permission)
    return get_object_or_404(Expenditure.objects.select_related("programme", "cluster"), pk=pk)


def get_reallocation(request, pk, *, permission="programmes.view_reallocation"):
    require(request.user, permission)
    return get_object_or_404(
        Reallocation.objects.select_related("programme", "from_line", "to_line"), pk=pk
    )


def get_action(request, pk, *, permission="programmes.view_action"):
    require(request.user, permission)
    return get_object_or_404(Action, pk=pk)


def get_body(request, pk, *, permission="programmes.view_body"):
    require(request.user, permission)
    return get_object_or_404(Body, pk=pk)


def get_meeting(request, pk, *, permission="programmes.view_meeting"):
    require(request.user, permission)
    return get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
