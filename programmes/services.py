"""Changes to programmes: status transitions, budget, reallocations, spending."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.budget import line_balance
from programmes.models import (
    EDITABLE_STATUSES,
    LOCKED_STATUSES,
    ZERO,
    BudgetLine,
    ClusterResult,
    Expenditure,
    KeyResult,
    Programme,
    ProgrammeStatus,
    ProgrammeTransition,
    Reallocation,
    ReallocationStatus,
)

# Office staff prepare and run programmes; only government officials approve.
OFFICE = "programmes.submit_programme"
OFFICIAL = "programmes.approve_programme"


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    permission: str
    comment_required: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            gettext_lazy("Submit for approval"),
            EDITABLE_STATUSES,
            ProgrammeStatus.SUBMITTED,
            OFFICE,
        ),
        Transition(
            "approve",
            gettext_lazy("Approve"),
            (ProgrammeStatus.SUBMITTED,),
            ProgrammeStatus.APPROVED,
            OFFICIAL,
        ),
        Transition(
            "return",
            gettext_lazy("Return with comments"),
            (ProgrammeStatus.SUBMITTED,),
            ProgrammeStatus.RETURNED,
            OFFICIAL,
            comment_required=True,
        ),
        Transition(
            "activate",
            gettext_lazy("Start the programme"),
            (ProgrammeStatus.APPROVED,),
            ProgrammeStatus.ACTIVE,
            OFFICE,
        ),
        Transition(
            "close",
            gettext_lazy("Close the programme"),
            (ProgrammeStatus.ACTIVE,),
            ProgrammeStatus.CLOSED,
            OFFICE,
        ),
    ]
}


def available_transitions(programme, user):
    return [
        t
        for t in TRANSITIONS.values()
        if programme.status in t.sources and user.has_perm(t.permission)
    ]


@transaction.atomic
def change_status(*, programme, transition, by, comment=""):
    """Move a programme along one transition, recording who, when and why."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if not by.has_perm(transition.permission):
        raise PermissionDenied
    if programme.status not in transition.sources:
        raise ValidationError(
            _("A programme that is %(status)s cannot be changed this way.")
            % {"status": programme.get_status_display().lower()}
        )
    if transition.comment_required and not comment.strip():
        raise ValidationError(_("Say what must change: a comment is required."))
    if transition.name == "submit":
        _check_ready_for_approval(programme)
    record = ProgrammeTransition.objects.create(
        programme=programme,
        from_status=programme.status,
        to_status=transition.target,
        by=by,
        comment=comment.strip(),
    )
    programme.status = transition.target
    programme.save(update_fields=["status"])
    if transition.target == ProgrammeStatus.ACTIVE:
        _prepare_key_results(programme)
    return record


def _prepare_key_results(programme):
    """One key result to follow per supported cluster, year and result of the strategy."""
    ClusterResult.objects.bulk_create(
        [
            ClusterResult(programme=programme, cluster=cluster, year=year, result=result)
            for cluster in programme.clusters.all()
            for year in programme.year_range
            for result in KeyResult
        ],
        ignore_conflicts=True,
    )


def _check_ready_for_approval(programme):
    problems = []
    if not programme.clusters.exists():
        problems.append(_("choose the cluster organisations it supports"))
    if not BudgetLine.objects.filter(programme=programme, amount__gt=0).exists():
        problems.append(_("plan its budget"))
    if problems:
        raise ValidationError(
            _("Before submitting, %(todo)s.") % {"todo": _(" and ").join(problems)}
        )


@transaction.atomic
def save_budget(*, programme, amounts, cluster=None):
    """Set the planned amount of each (year, category) for the programme or one cluster.

    amounts maps (year, category) to an amount; only a draft or returned
    programme's budget can be edited.
    """
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("The budget of an approved programme changes only through reallocations.")
        )
    for (year, category), amount in amounts.items():
        if year not in programme.year_range:
            raise ValidationError(_("%(year)s is outside the programme's period.") % {"year": year})
        BudgetLine.objects.update_or_create(
            programme=programme,
            year=year,
            category=category,
            cluster=cluster,
            defaults={"amount": amount or ZERO},
        )


@transaction.atomic
def request_reallocation(*, programme, from_line, to_line, amount, reason, by):
    if programme.status not in LOCKED_STATUSES or programme.status == ProgrammeStatus.CLOSED:
        raise ValidationError(_("Reallocations are for approved programmes that are not closed."))
    if from_line.programme_id != programme.pk or to_line.programme_id != programme.pk:
        raise ValidationError(_("Both budget lines must belong to this programme."))
    if from_line.pk == to_line.pk:
        raise ValidationError(_("Choose two different budget lines."))
    if amount > line_balance(from_line):
        raise ValidationError(
            _("The line %(line)s has only %(available)s EUR to give.")
            % {"line": from_line, "available": line_balance(from_line)}
        )
    return Reallocation.objects.create(
        programme=programme,
        from_line=from_line,
        to_line=to_line,
        amount=amount,
        reason=reason,
        requested_by=by,
    )


@transaction.atomic
def decide_reallocation(*, reallocation, approve, by, comment=""):
    """An official approves or rejects a requested reallocation."""
    if not by.has_perm(OFFICIAL):
        raise PermissionDenied
    reallocation = Reallocation.objects.select_for_update().get(pk=reallocation.pk)
    if reallocation.status != ReallocationStatus.REQUESTED:
        raise ValidationError(_("This reallocation has already been decided."))
    if not approve and not comment.strip():
        raise ValidationError(_("Say why it is rejected: a comment is required."))
    # Lock the giving line so two approvals cannot both spend its balance.
    from_line = BudgetLine.objects.select_for_update().get(pk=reallocation.from_line_id)
    if approve and reallocation.amount > line_balance(from_line):
        raise ValidationError(
            _("The line %(line)s no longer has %(amount)s EUR to give.")
            % {"line": from_line, "amount": reallocation.amount}
        )
    reallocation.status = ReallocationStatus.APPROVED if approve else ReallocationStatus.REJECTED
    reallocation.decided_by = by
    reallocation.decided_at = timezone.now()
    reallocation.decision_comment = comment.strip()
    reallocation.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    return reallocation


def category_year_balance(*, programme, year, category, excluding=None):
    """The category's current budget for the year and what is already spent in it."""
    lines = BudgetLine.objects.filter(programme=programme, year=year, category=category)
    current = sum((line_balance(line) for line in lines), ZERO)
    spent_qs = Expenditure.objects.annotate(year=ExtractYear("date")).filter(
        programme=programme, year=year, category=category
    )
    if excluding is not None:
        spent_qs = spent_qs.exclude(pk=excluding.pk)
    spent = spent_qs.aggregate(total=Sum("amount"))["total"] or ZERO
    return current, spent


@transaction.atomic
def record_expenditure(*, expenditure, by):
    """Save an expenditure; taking a category over its budget needs a justification
    and flags the record."""
    programme = Programme.objects.select_for_update().get(pk=expenditure.programme_id)
    if not programme.period_start <= expenditure.date <= programme.period_end:
        raise ValidationError(
            {
                "date": _("The date is outside the programme's period (%(start)s–%(end)s).")
                % {"start": programme.start_year, "end": programme.end_year}
            }
        )
    current, spent = category_year_balance(
        programme=programme,
        year=expenditure.date.year,
        category=expenditure.category,
        excluding=expenditure if expenditure.pk else None,
    )
    expenditure.exceeds_budget = spent + expenditure.amount > current
    if expenditure.exceeds_budget and not expenditure.overspend_justification.strip():
        raise ValidationError(
            {
                "overspend_justification": _(
                    "This takes %(category)s over its %(year)s budget (%(current)s EUR, "
                    "%(spent)s EUR already spent): justify the overspending."
                )
                % {
                    "category": expenditure.get_category_display(),
                    "year": expenditure.date.year,
                    "current": current,
                    "spent": spent,
                }
            }
        )
    if expenditure.pk is None:
        expenditure.recorded_by = by
    expenditure.save()
    return expenditure
