"""The evaluators' pages: the work list of a call and the review of one
application, with the evaluator's steps on it, one POST each: the declaration
of interest, the eligibility check, the scores.

Access (brokers/call/access.py): other roles than grant readers and evaluators
get 403; an evaluator not assigned to the call, or with a declared conflict on
the application, gets 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brokers.call import services
from brokers.call.access import (
    applications_visible_to,
    get_call,
    get_evaluated_application,
    scores_visible_to,
)
from brokers.call.forms import DeclarationForm, EligibilityCheckForm, ScoreForm
from brokers.call.models import ApplicationStatus, Eligibility, GrantCallStatus, Review
from core.forms import add_service_errors

# What is left for an evaluator on an application, in the order it happens.
TODO_ELIGIBILITY = "eligibility"
TODO_DECLARATION = "declaration"
TODO_SCORES = "scores"
TODO_DONE = "done"
TODO_NONE = "none"  # ineligible: nothing to score


def todo_for(application, review):
    """The declaration of interest comes first: with a conflict, nothing else."""
    if application.eligibility == Eligibility.INELIGIBLE:
        return TODO_NONE
    if review is None:
        return TODO_DECLARATION
    if application.eligibility == Eligibility.PENDING:
        return TODO_ELIGIBILITY
    if review.submitted_at is None:
        return TODO_SCORES
    return TODO_DONE


def evaluation(request, pk):
    call = get_call(request, pk)
    user = request.user
    applications = (
        applications_visible_to(user)
        .filter(call=call, status=ApplicationStatus.SUBMITTED)
        .select_related("district", "organisation")
        .prefetch_related(
            Prefetch("reviews", queryset=Review.objects.filter(evaluator=user), to_attr="mine")
        )
        .annotate(submitted_reviews=Count("reviews", filter=Q(reviews__submitted_at__isnull=False)))
        .order_by("district__name", "organisation__legal_name")
    )
    rows = [
        {"application": a, "todo": todo_for(a, a.mine[0] if a.mine else None)} for a in applications
    ]
    return render(
        request,
        "brokers/calls/evaluation.html",
        {
            "call": call,
            "rows": rows,
            "is_evaluator": call.evaluators.filter(pk=user.pk).exists(),
            "under_evaluation": call.status == GrantCallStatus.UNDER_EVALUATION,
            "left": sum(1 for r in rows if r["todo"] not in (TODO_DONE, TODO_NONE)),
        },
    )


def _document_links(application, documents):
    """Links to the applicant pages' download route, when it exists."""
    for document in documents:
        try:
            document.link = reverse(
                "calls:application_document", args=[application.pk, document.pk]
            )
        except NoReverseMatch:
            document.link = None
    return documents


# The forms of the evaluator's steps on the review page.
STEPS = ("declaration_form", "eligibility_form", "score_form")


def _is_evaluator(application, user):
    return application.call.evaluators.filter(pk=user.pk).exists()


def _open_steps(application, review, *, is_evaluator):
    """The forms of the evaluator's steps open now, by name."""
    if not (
        is_evaluator
        and application.call.status == GrantCallStatus.UNDER_EVALUATION
        and application.status == ApplicationStatus.SUBMITTED
    ):
        return set()
    steps = set()
    if review is None and application.eligibility != Eligibility.INELIGIBLE:
        steps.add("declaration_form")
    if review is not None and application.eligibility == Eligibility.PENDING:
        steps.add("eligibility_form")
    if (
        review is not None
        and not review.has_conflict
        and review.submitted_at is None
        and application.eligibility == Eligibility.ELIGIBLE
    ):
        steps.add("score_form")
    return steps


def _step_form(name, application, data=None):
    call = application.call
    if name == "declaration_form":
        return DeclarationForm(data)
    if name == "eligibility_form":
        return EligibilityCheckForm(data, criteria=list(call.eligibility_criteria.all()))
    return ScoreForm(data, criteria=list(call.evaluation_criteria.all()))


def _review_page(request, application, review, **posted):
    """The review page; posted: the step's form just sent back with its errors."""
    user = request.user
    is_evaluator = _is_evaluator(application, user)
    steps = _open_steps(application, review, is_evaluator=is_evaluator)
    forms = {name: _step_form(name, application) if name in steps else None for name in STEPS}
    scores = list(
        scores_visible_to(user, application).order_by(
            "review__evaluator__last_name",
            "review__evaluator_id",
            "criterion__position",
            "criterion_id",
        )
    )
    by_evaluator = {}
    for score in scores:
        by_evaluator.setdefault(score.review, []).append(score)
    return render(
        request,
        "brokers/calls/application_review.html",
        {
            "application": application,
            "call": application.call,
            "statements": application.statements.select_related("criterion").order_by(
                "criterion__position", "criterion_id"
            ),
            "documents": _document_links(application, list(application.documents.all())),
            "checks": application.eligibility_checks.select_related(
                "criterion", "checked_by"
            ).order_by("criterion__position", "criterion_id"),
            "reviews": list(by_evaluator.items()),
            "scores": scores,
            "review": review,
            "is_evaluator": is_evaluator,
            **forms,
            **posted,
            "scores_hidden": is_evaluator
            and not user.has_perm("brokers.view_score")
            and not (review and review.submitted_at),
        },
    )


def _own_review(application, user):
    return Review.objects.filter(application=application, evaluator=user).first()


def application_review(request, pk):
    application = get_evaluated_application(request, pk)
    return _review_page(request, application, _own_review(application, request.user))


def _step(request, pk, name):
    """The application, the evaluator's review and the step's bound form; the
    form is None when the step is not (or no longer) open to them."""
    application = get_evaluated_application(request, pk)
    review = _own_review(application, request.user)
    steps = _open_steps(application, review, is_evaluator=_is_evaluator(application, request.user))
    if name not in steps:
        # The page shows why.
        messages.error(request, _("This step is not open to you now."))
        return application, review, None
    return application, review, _step_form(name, application, request.POST)


def _reviewed(application):
    return redirect("brokers:application_review", application.pk)


@require_POST
def interest_declare(request, pk):
    application, review, form = _step(request, pk, "declaration_form")
    if form is None:
        return _reviewed(application)
    if form.is_valid():
        try:
            review = services.declare_interest(
                application=application, evaluator=request.user, has_conflict=form.conflict()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if review.has_conflict:
                messages.success(
                    request,
                    _(
                        "Your conflict of interest has been recorded: the application "
                        "is no longer shown to you."
                    ),
                )
                return redirect("brokers:evaluation", application.call_id)
            messages.success(request, _("Your declaration has been recorded."))
            return _reviewed(application)
    return _review_page(request, application, review, declaration_form=form)


@require_POST
def eligibility_check(request, pk):
    application, review, form = _step(request, pk, "eligibility_form")
    if form is None:
        return _reviewed(application)
    if form.is_valid():
        try:
            services.check_eligibility(
                application=application, results=form.results(), by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The eligibility check has been recorded."))
            return _reviewed(application)
    return _review_page(request, application, review, eligibility_form=form)


@require_POST
def scores_submit(request, pk):
    application, review, form = _step(request, pk, "score_form")
    if form is None:
        return _reviewed(application)
    if form.is_valid():
        try:
            services.submit_scores(review=review, scores=form.scores())
        except ValidationError as error:
            add_service_errors(form, error, field_for=form.field_for)
        else:
            messages.success(request, _("Your scores have been submitted."))
            return _reviewed(application)
    return _review_page(request, application, review, score_form=form)
