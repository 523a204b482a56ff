"""The grant call, from its draft to the grant agreements and their payments."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brokers.call.models import (
    DEFAULT_EVALUATION_CRITERIA,
    Application,
    ApplicationStatus,
    Eligibility,
    EligibilityCheck,
    EvaluationCriterion,
    GrantAgreement,
    GrantCall,
    GrantCallStatus,
    Payment,
    PaymentStatus,
    Review,
    Score,
    Selection,
)
from brokers.call.ranking import ranking
from core.transitions import Transition, available_transitions, check_transition, record_transition

COORDINATOR = "brokers.manage_grantcall"


# Calls and their stages


@transaction.atomic
def create_call(*, call, by):
    """Save a new draft call with the strategy's broker requirements as its
    evaluation criteria (the coordinator may change them until publication)."""
    if not by.has_perm(COORDINATOR):
        raise PermissionDenied
    call.status = GrantCallStatus.DRAFT
    call.save()
    EvaluationCriterion.objects.bulk_create(
        EvaluationCriterion(call=call, name=str(name), weight=weight, position=position)
        for position, (name, weight) in enumerate(DEFAULT_EVALUATION_CRITERIA)
    )
    return call


# A call's stages; closing also happens by itself at the closing time
# (close_due_calls, with no one acting).
STAGES = {
    t.name: t
    for t in [
        Transition(
            "publish",
            gettext_lazy("Publish"),
            (GrantCallStatus.DRAFT,),
            GrantCallStatus.PUBLISHED,
            COORDINATOR,
        ),
        Transition(
            "close",
            gettext_lazy("Close"),
            (GrantCallStatus.PUBLISHED,),
            GrantCallStatus.CLOSED,
            COORDINATOR,
        ),
        Transition(
            "evaluate",
            gettext_lazy("Start the evaluation"),
            (GrantCallStatus.CLOSED,),
            GrantCallStatus.UNDER_EVALUATION,
            COORDINATOR,
        ),
        Transition(
            "resolve",
            gettext_lazy("Resolve"),
            (GrantCallStatus.UNDER_EVALUATION,),
            GrantCallStatus.RESOLVED,
            COORDINATOR,
        ),
    ]
}


def available_stages(call, user, now=None):
    """The stages the user may move the call to now; closing happens by itself."""
    now = now or timezone.now()
    return [
        stage
        for stage in available_transitions(STAGES, call, user)
        if not (stage.name == "close" and now < call.closes_at)
    ]


def check_rules(call):
    """The problems that keep a call from being published (an empty list if none)."""
    problems = []
    criteria = list(call.evaluation_criteria.all())
    if sum(c.weight for c in criteria) != 100:
        problems.append(
            _("The weights of the evaluation criteria add up to %(total)s, not 100.")
            % {"total": sum(c.weight for c in criteria)}
        )
    if not call.districts.exists():
        problems.append(_("Choose the districts the call covers."))
    if not call.eligibility_criteria.exists():
        problems.append(_("State at least one eligibility criterion."))
    if call.closes_at <= timezone.now():
        problems.append(_("The closing time has already passed."))
    return problems


@transaction.atomic
def advance(*, call, stage, by=None, comment=""):
    """Move a call to its next stage, recording who (None: the schedule), when and why."""
    call = GrantCall.objects.select_for_update().get(pk=call.pk)
    not_from = _("A call that is %(status)s cannot be changed this way.")
    if by is None:
        # The schedule acts on its own: there is no one's permission to check.
        if call.status not in stage.sources:
            raise ValidationError(not_from % {"status": call.get_status_display().lower()})
    else:
        check_transition(call, stage, by=by, comment=comment, not_from=not_from)
    if stage.name == "publish":
        problems = check_rules(call)
        if problems:
            raise ValidationError(problems)
    if stage.name == "close" and by is not None and timezone.now() < call.closes_at:
        raise ValidationError(_("The call closes by itself at its closing time."))
    if stage.name == "resolve":
        _check_ready_to_resolve(call)
    record = record_transition(call, stage, by=by, comment=comment)
    if stage.name == "resolve":
        write_resolution(call=call, resolved_on=record.at)
        notify_applicants(call=call)
    return record


def close_due_calls(*, now=None):
    """Close every published call whose closing time has passed. Idempotent."""
    now = now or timezone.now()
    due = GrantCall.objects.filter(status=GrantCallStatus.PUBLISHED, closes_at__lte=now)
    closed = 0
    for call in due:
        advance(call=call, stage=STAGES["close"])
        closed += 1
    return closed


def _check_ready_to_resolve(call):
    pending = call.applications.filter(
        status=ApplicationStatus.SUBMITTED, eligibility=Eligibility.PENDING
    ).count()
    if pending:
        raise ValidationError(
            _("%(count)s applications have not been checked for eligibility yet.")
            % {"count": pending}
        )


# Applications


def check_open(call, now=None):
    now = now or timezone.now()
    if call.status != GrantCallStatus.PUBLISHED or not call.opens_at <= now < call.closes_at:
        raise ValidationError(
            _("The call is not open: applications were accepted until %(closes)s.")
            % {"closes": timezone.localtime(call.closes_at).strftime("%d/%m/%Y %H:%M")}
        )


@transaction.atomic
def save_application(*, application, statements, received_at=None):
    """Save a draft application and its statements against each requirement.

    statements maps each evaluation criterion to the applicant's text; received_at
    is given for a paper application, which staff enter on the applicant's behalf.
    """
    call = application.call
    if received_at is not None:
        # Staff type in a paper application that arrived while the call was open.
        if call.status not in (GrantCallStatus.PUBLISHED, GrantCallStatus.CLOSED):
            raise ValidationError(_("Paper applications are entered before the evaluation starts."))
        if not call.opens_at <= received_at < call.closes_at:
            raise ValidationError(
                {"received_at": _("The application arrived outside the call's opening hours.")}
            )
        application.on_paper = True
        application.submitted_at = received_at
    else:
        check_open(call)
    if (
        application.pk
        and Application.objects.get(pk=application.pk).status != ApplicationStatus.DRAFT
    ):
        raise ValidationError(_("A submitted application can no longer be changed."))
    if application.requested_monthly_amount > call.max_monthly_grant:
        raise ValidationError(
            {
                "requested_monthly_amount": _("The call grants at most %(max)s EUR a month.")
                % {"max": call.max_monthly_grant}
            }
        )
    if not call.districts.filter(pk=application.district_id).exists():
        raise ValidationError({"district": _("The call does not cover this district.")})
    application.full_clean()
    application.save()
    for criterion, text in statements.items():
        application.statements.update_or_create(criterion=criterion, defaults={"text": text})
    return application


@transaction.atomic
def submit_application(*, application, now=None):
    """Submit a complete draft before the closing time; it becomes read-only."""
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError(_("This application has already been submitted."))
    if not application.on_paper:
        check_open(application.call, now)
    missing = application.call.evaluation_criteria.exclude(
        pk__in=application.statements.exclude(text="").values("criterion")
    )
    if missing.exists():
        raise ValidationError(
            _("Write a statement for every requirement: %(missing)s.")
            % {"missing": ", ".join(c.name for c in missing)}
        )
    application.status = ApplicationStatus.SUBMITTED
    if not application.on_paper:  # a paper application counts from its arrival
        application.submitted_at = now or timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    return application


# Eligibility and evaluation


def _require_evaluator(call, user):
    if not call.evaluators.filter(pk=user.pk).exists():
        raise PermissionDenied


@transaction.atomic
def check_eligibility(*, application, results, by):
    """Record pass/fail with a note for every eligibility criterion; an application
    failing one leaves the evaluation with the reasons recorded."""
    call = application.call
    _require_evaluator(call, by)
    if call.status != GrantCallStatus.UNDER_EVALUATION:
        raise ValidationError(_("Eligibility is checked while the call is under evaluation."))
    criteria = list(call.eligibility_criteria.all())
    if set(results) != set(criteria):
        raise ValidationError(_("Check every eligibility criterion."))
    failed = []
    for criterion, (passed, note) in results.items():
        if not passed and not note.strip():
            raise ValidationError(
                _("Say why “%(criterion)s” is not met.") % {"criterion": criterion}
            )
        EligibilityCheck.objects.update_or_create(
            application=application,
            criterion=criterion,
            defaults={
                "passed": passed,
                "note": note,
                "checked_by": by,
                "checked_at": timezone.now(),
            },
        )
        if not passed:
            failed.append(f"{criterion}: {note}")
    application.eligibility = Eligibility.INELIGIBLE if failed else Eligibility.ELIGIBLE
    application.ineligibility_reason = "\n".join(failed)
    application.save(update_fields=["eligibility", "ineligibility_reason"])
    return application


@transaction.atomic
def declare_interest(*, application, evaluator, has_conflict):
    """The evaluator's declaration before scoring; a conflict removes them from it."""
    _require_evaluator(application.call, evaluator)
    review, created = Review.objects.get_or_create(
        application=application, evaluator=evaluator, defaults={"has_conflict": has_conflict}
    )
    if not created:
        raise ValidationError(_("You have already made your declaration for this application."))
    return review


@transaction.atomic
def submit_scores(*, review, scores):
    """Submit one evaluator's scores: scores maps each criterion to (score, comment)."""
    review = (
        Review.objects.select_for_update().select_related("application__call").get(pk=review.pk)
    )
    if review.has_conflict:
        raise PermissionDenied
    if review.submitted_at:
        raise ValidationError(_("Your scores have already been submitted."))
    application = review.application
    if application.call.status != GrantCallStatus.UNDER_EVALUATION:
        raise ValidationError(_("Applications are scored while the call is under evaluation."))
    if application.eligibility != Eligibility.ELIGIBLE:
        raise ValidationError(_("Only eligible applications are scored."))
    criteria = list(application.call.evaluation_criteria.all())
    if set(scores) != set(criteria):
        raise ValidationError(_("Score every criterion."))
    errors = {}
    for criterion, (score, comment) in scores.items():
        if not 0 <= score <= criterion.max_score:
            errors[criterion.name] = _("Give a score from 0 to %(max)s.") % {
                "max": criterion.max_score
            }
        elif score * 2 < criterion.max_score and not comment.strip():
            errors[criterion.name] = _("A score below half the maximum needs a comment.")
    if errors:
        raise ValidationError(errors)
    Score.objects.bulk_create(
        Score(review=review, criterion=criterion, score=score, comment=comment)
        for criterion, (score, comment) in scores.items()
    )
    review.submitted_at = timezone.now()
    review.save(update_fields=["submitted_at"])
    return review


# Selection, agreements and payments


@transaction.atomic
def select(*, application, by, reason=""):
    """Select one application for its district; not choosing the top-ranked one needs a reason."""
    call = GrantCall.objects.select_for_update().get(pk=application.call_id)
    if not by.has_perm(COORDINATOR):
        raise PermissionDenied
    if call.status != GrantCallStatus.UNDER_EVALUATION:
        raise ValidationError(_("Applications are selected while the call is under evaluation."))
    if application.eligibility != Eligibility.ELIGIBLE:
        raise ValidationError(_("Only an eligible application can be selected."))
    ranked = ranking(call).get(application.district, [])
    best = ranked[0].total if ranked else None
    own = next((r.total for r in ranked if r.application.pk == application.pk), None)
    if best is not None and own != best and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "This is not the top-ranked application of the district: give the reason."
                )
            }
        )
    try:
        with transaction.atomic():
            return Selection.objects.create(
                call=call,
                district=application.district,
                application=application,
                reason=reason.strip(),
                selected_by=by,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(district)s already has a selected application.")
            % {"district": application.district}
        ) from None


def _months_later(start, months):
    year, month = divmod(start.month - 1 + months, 12)
    return date(start.year + year, month + 1, 1) - timedelta(days=1)


@transaction.atomic
def sign_agreement(*, selection, start_date, by, broker=None):
    """Turn a selection into a grant agreement; all of a call's agreements together
    stay within its budget."""
    if not by.has_perm(COORDINATOR):
        raise PermissionDenied
    call = GrantCall.objects.select_for_update().get(pk=selection.call_id)
    if call.status != GrantCallStatus.RESOLVED:
        raise ValidationError(_("Agreements are signed once the call is resolved."))
    application = selection.application
    agreement = GrantAgreement(
        selection=selection,
        call=call,
        organisation=application.organisation,
        district=selection.district,
        monthly_amount=application.requested_monthly_amount,
        start_date=start_date.replace(day=1),
        end_date=_months_later(start_date.replace(day=1), call.duration_months),
        broker=broker,
    )
    committed = sum(a.total for a in call.agreements.all())
    if committed + agreement.total > call.total_budget:
        raise ValidationError(
            _(
                "The agreements would commit %(total)s EUR, "
                "more than the call's budget of %(budget)s EUR."
            )
            % {"total": committed + agreement.total, "budget": call.total_budget}
        )
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def record_payment(*, agreement, month, paid_on=None):
    """Record the monthly payment of an agreement, pending or paid."""
    month = month.replace(day=1)
    if not agreement.start_date <= month <= agreement.end_date:
        raise ValidationError(_("The month is outside the agreement."))
    if agreement.payments.filter(month=month, status=PaymentStatus.PAID).exists():
        raise ValidationError(_("This month has already been paid."))
    payment, _created = Payment.objects.update_or_create(
        agreement=agreement,
        month=month,
        defaults={
            "amount": agreement.monthly_amount,
            "status": PaymentStatus.PAID if paid_on else PaymentStatus.PENDING,
            "paid_on": paid_on,
        },
    )
    return payment


def paid_total(agreement):
    return agreement.payments.filter(status=PaymentStatus.PAID).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal(0)


def appoint_broker(*, agreement, username, email, first_name, last_name, by, site_url):
    """Give the broker named in a grant agreement a portal account for its district
    and e-mail them a link to set their password."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from accounts.roles import Role

    if not by.has_perm(COORDINATOR):
        raise PermissionDenied
    with transaction.atomic():
        broker = get_user_model().objects.create_user(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            district=agreement.district,
        )
        broker.set_unusable_password()
        broker.save(update_fields=["password"])
        broker.groups.add(Group.objects.get(name=Role.INNOVATION_BROKER))
        agreement.broker = broker
        agreement.save(update_fields=["broker"])
    link = site_url + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(broker.pk)),
            "token": default_token_generator.make_token(broker),
        },
    )
    context = {"broker": broker, "agreement": agreement, "link": link}
    transaction.on_commit(
        lambda: send_mail(
            render_to_string("brokers/email/invitation_subject.txt", context).strip(),
            render_to_string("brokers/email/invitation.txt", context),
            None,
            [email],
        )
    )
    return broker


def notify_applicants(*, call):
    """Tell every applicant of a resolved call whether they were selected."""
    from django.core.mail import send_mass_mail
    from django.template.loader import render_to_string

    messages = []
    # Paper applicants are answered by post: their record's author is staff.
    for application in call.applications.filter(
        status=ApplicationStatus.SUBMITTED, on_paper=False
    ).select_related("created_by", "district", "organisation", "selection"):
        if not application.created_by.email:
            continue
        context = {"application": application, "call": call}
        messages.append(
            (
                render_to_string("brokers/email/outcome_subject.txt", context).strip(),
                render_to_string("brokers/email/outcome.txt", context),
                None,
                [application.created_by.email],
            )
        )
    transaction.on_commit(lambda: send_mass_mail(messages))
    return len(messages)


def write_resolution(*, call, resolved_on):
    """The resolution document: the ranking per district and its outcome, as a PDF
    (rendered with WeasyPrint, like the annual reports) kept on the call."""
    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.template.loader import render_to_string
    from django.utils.translation import get_language
    from weasyprint import HTML

    ranked = ranking(call)
    applications = [row.application for rows in ranked.values() for row in rows]
    selected = Selection.objects.filter(application__in=applications).select_related("application")
    by_application = {s.application_id: s for s in selected}
    for application in applications:
        # Read in the template without a query per row.
        application.selection = by_application.get(application.pk)
    html = render_to_string(
        "brokers/pdf/resolution.html",
        {
            "call": call,
            "ranking": list(ranked.items()),
            "resolved_on": resolved_on,
            "committed": sum(
                (s.application.requested_monthly_amount for s in selected), Decimal(0)
            ),
            "ineligible": call.applications.filter(
                eligibility=Eligibility.INELIGIBLE
            ).select_related("district", "organisation"),
            "language": get_language() or settings.LANGUAGE_CODE,
        },
    )
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    call.resolution_document.save(f"resolution-{call.reference}.pdf", ContentFile(pdf), save=False)
    call.save(update_fields=["resolution_document"])
