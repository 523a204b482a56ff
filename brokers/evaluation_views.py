"""The evaluators' pages: the work list of a call and the review of one application.

Access as in brokers/call_views.py: other roles than grant readers and
evaluators get 403; an evaluator not assigned to the call, or with a declared
conflict on the application, gets 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from brokers import services
from brokers.access import applications_visible_to, get_application
from brokers.call_forms import DeclarationForm, EligibilityCheckForm, ScoreForm
from brokers.call_views import require_staff, staff_call
from brokers.models import ApplicationStatus, Eligibility, GrantCallStatus, Review
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
    call = staff_call(request, pk)
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


def application_review(request, pk):
    require_staff(request.user)
    application = get_application(request, pk)
    call = application.call
    user = request.user
    is_evaluator = call.evaluators.filter(pk=user.pk).exists()
    if not (is_evaluator or user.has_perm("brokers.view_application")):
        raise PermissionDenied
    under_evaluation = call.status == GrantCallStatus.UNDER_EVALUATION
    review = Review.objects.filter(application=application, evaluator=user).first()
    eligibility_criteria = list(call.eligibility_criteria.all())
    evaluation_criteria = list(call.evaluation_criteria.all())
    action = request.POST.get("action") if request.method == "POST" else None

    def bound(name):
        return request.POST if action == name else None

    eligibility_form = declaration_form = score_form = None
    if is_evaluator and under_evaluation and application.status == ApplicationStatus.SUBMITTED:
        if review is None and application.eligibility != Eligibility.INELIGIBLE:
            declaration_form = DeclarationForm(bound("declaration"))
        if review is not None and application.eligibility == Eligibility.PENDING:
            eligibility_form = EligibilityCheckForm(
                bound("eligibility"), criteria=eligibility_criteria
            )
        if (
            review is not None
            and not review.has_conflict
            and review.submitted_at is None
            and application.eligibility == Eligibility.ELIGIBLE
        ):
            score_form = ScoreForm(bound("scores"), criteria=evaluation_criteria)

    if action:
        form = {
            "eligibility": eligibility_form,
            "declaration": declaration_form,
            "scores": score_form,
        }.get(action)
        if form is None:
            # Not (or no longer) the evaluator's step: the page shows why.
            messages.error(request, _("This step is not open to you now."))
            return redirect("brokers:application_review", application.pk)
        if form.is_valid():
            try:
                if action == "eligibility":
                    services.check_eligibility(
                        application=application, results=form.results(), by=user
                    )
                    messages.success(request, _("The eligibility check has been recorded."))
                elif action == "declaration":
                    review = services.declare_interest(
                        application=application, evaluator=user, has_conflict=form.conflict()
                    )
                    if review.has_conflict:
                        messages.success(
                            request,
                            _(
                                "Your conflict of interest has been recorded: the application "
                                "is no longer shown to you."
                            ),
                        )
                        return redirect("brokers:evaluation", call.pk)
                    messages.success(request, _("Your declaration has been recorded."))
                else:
                    services.submit_scores(review=review, scores=form.scores())
                    messages.success(request, _("Your scores have been submitted."))
            except ValidationError as error:
                add_service_errors(form, error, field_for=getattr(form, "field_for", None))
            else:
                return redirect("brokers:application_review", application.pk)

    scores = list(
        services.scores_visible_to(user, application).order_by(
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
            "call": call,
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
            "eligibility_form": eligibility_form,
            "declaration_form": declaration_form,
            "score_form": score_form,
            "scores_hidden": is_evaluator
            and not user.has_perm("brokers.view_score")
            and not (review and review.submitted_at),
        },
    )
