"""Who may see which grant call and application: every view fetches through these.

The coordinator, office staff and officials read everything; an evaluator sees
only the calls they are assigned to and nothing of an application where they
declared a conflict; an applicant sees only their own organisation's
applications. Anyone else gets a 404: the record is not theirs to know about.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from brokers.models import Application, ApplicationStatus, GrantCall, Review

READ_ALL = "brokers.view_application"


def calls_visible_to(user):
    if user.has_perm("brokers.view_grantcall"):
        return GrantCall.objects.all()
    return GrantCall.objects.filter(evaluators=user)


def applications_visible_to(user):
    applications = Application.objects.all()
    if user.has_perm(READ_ALL):
        return applications
    if user.organisation_id:
        return applications.filter(organisation_id=user.organisation_id)
    return applications_for_evaluator(user)


def applications_for_evaluator(user):
    """Submitted applications of the evaluator's calls, less those where they
    themselves declared a conflict (one subquery: exclude() over the reviews
    join would drop an application for anyone's conflict)."""
    conflicts = Review.objects.filter(evaluator=user, has_conflict=True).values("application")
    return Application.objects.filter(
        call__evaluators=user, status=ApplicationStatus.SUBMITTED
    ).exclude(pk__in=conflicts)


def get_call(request, pk):
    return get_object_or_404(calls_visible_to(request.user), pk=pk)


def get_application(request, pk):
    application = (
        applications_visible_to(request.user)
        .select_related("call", "district", "organisation")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application
