"""Who may see and change which grant call and application: every view fetches
through these.

The staff pages are for the grant readers (the coordinator, office staff and
officials, who read everything) and the evaluators, who see only the calls they
are assigned to and nothing of an application where they declared a conflict;
any other role gets 403 there. Changing a call (its rules, stages, selection,
agreements, payments, paper applications) needs the coordinator's permission.
An applicant sees only their own organisation's applications and changes only
its drafts. A record that is not the user's to know about answers 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from brokers.call.models import Application, ApplicationStatus, GrantCall, Review, Score
from core.access import require

READ = "brokers.view_grantcall"
REVIEW = "brokers.add_review"
MANAGE = "brokers.manage_grantcall"
READ_ALL = "brokers.view_application"
APPLY = "brokers.add_application"
READ_SCORES = "brokers.view_score"


def require_grant_staff(user):
    """The staff pages' door: grant readers and evaluators, not two permissions
    one require() can check; other roles get 403."""
    if not (user.has_perm(READ) or user.has_perm(REVIEW)):
        raise PermissionDenied


def is_applicant(user):
    """An applicant acts for their organisation: without one they cannot apply."""
    return user.is_authenticated and user.has_perm(APPLY) and user.organisation_id is not None


def require_applicant(user):
    if not is_applicant(user):
        raise PermissionDenied


def calls_visible_to(user):
    if user.has_perm(READ):
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


def scores_visible_to(user, application):
    """Submitted scores of an application that the user may see: an evaluator sees
    the others' only after submitting their own, so no one is swayed."""
    submitted = Score.objects.filter(
        review__application=application, review__submitted_at__isnull=False
    ).select_related("review__evaluator", "criterion")
    if user.has_perm(READ_SCORES):
        return submitted
    own_submitted = Review.objects.filter(
        application=application, evaluator=user, submitted_at__isnull=False
    ).exists()
    return submitted if own_submitted else submitted.filter(review__evaluator=user)


def get_call(request, pk, *, for_change=False):
    """A call on the staff pages; for_change: the coordinator's, to change it."""
    require_grant_staff(request.user)
    if for_change:
        require(request.user, MANAGE)
    return get_object_or_404(calls_visible_to(request.user), pk=pk)


def get_application(request, pk, *, for_change=False):
    """An application as its applicant (or a grant reader) sees it; for_change:
    the applicant's own, to change while it is a draft."""
    if for_change:
        require_applicant(request.user)
    application = (
        applications_visible_to(request.user)
        .select_related("call", "district", "organisation")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


def get_evaluated_application(request, pk):
    """An application on the staff pages: for the call's evaluators and those who
    read every application."""
    require_grant_staff(request.user)
    application = get_application(request, pk)
    user = request.user
    if not (user.has_perm(READ_ALL) or application.call.evaluators.filter(pk=user.pk).exists()):
        raise PermissionDenied
    return application
