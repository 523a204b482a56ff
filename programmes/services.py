"""Changes to programmes: status transitions, budget, reallocations, spending."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from core.access import require
from core.templatetags.portal import money
from core.transitions import (
    Transition,
    check_transition,
    record_transition,
)
from core.transitions import available_transitions as _available
from programmes.budget import category_year, line_balance
from programmes.models import (
    ACTIVE_STATUSES,
    EDITABLE_STATUSES,
    ZERO,
    BudgetLine,
    ClusterResult,
    Expenditure,
    KeyResult,
    Programme,
    ProgrammeStatus,
    Reallocation,
    ReallocationStatus,
)

# Office staff prepare and run programmes; only government officials approve.
OFFICE = "programmes.submit_programme"
OFFICIAL = "programmes.approve_programme"


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
    return _available(TRANSITIONS, programme, user)


@transaction.atomic
def change_status(*, programme, transition, by, comment=""):
    """Move a programme along one transition, recording who, when and why."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    check_transition(
        programme,
        transition,
        by=by,
        comment=comment,
        not_from=_("A programme that is %(status)s cannot be changed this way."),
    )
    if transition.name == "submit":
        _check_ready_for_approval(programme)
    if (
        transition.name == "close"
        and programme.reallocations.filter(status=ReallocationStatus.REQUESTED).exists()
    ):
        raise ValidationError(_("Decide the pending reallocations before closing the programme."))
    record = record_transition(programme, transition, by=by, comment=comment)
    if transition.target == ProgrammeStatus.ACTIVE:
        _prepare_key_results(programme)
    return record


def _prepare_key_results(programme):
    """One key result to follow per supported cluster, year and result of the strategy."""
    existing = set(
        ClusterResult.objects.filter(programme=programme).values_list("cluster", "year", "result")
    )
    bulk_create_with_history(
        [
            ClusterResult(programme=programme, cluster=cluster, year=year, result=result)
            for cluster in programme.clusters.all()
            for year in programme.year_range
            for result in KeyResult
            if (cluster.pk, year, result.value) not in existing
        ],
        ClusterResult,
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
def update_programme(*, form):
    """Save a draft programme's form; budget lines left outside its period or tied to
    clusters it no longer supports are removed, so locked totals stay true."""
    programme = form.instance
    if programme.pk:
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        if locked.status not in EDITABLE_STATUSES:
            raise ValidationError(_("An approved programme's figures are locked."))
    programme = form.save()
    programme.budget_lines.exclude(year__in=programme.year_range).delete()
    programme.budget_lines.filter(cluster__isnull=False).exclude(
        cluster__in=programme.clusters.all()
    ).delete()
    return programme


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


def _check_reallocation(reallocation):
    """The giving line must have the money, and what is already spent in its
    category and year must stay covered."""
    from_line, to_line = reallocation.from_line, reallocation.to_line
    if reallocation.amount > line_balance(from_line):
        raise ValidationError(
            _("The line %(line)s has only %(available)s to give.")
            % {"line": from_line, "available": money(line_balance(from_line), 2)}
        )
    if (from_line.year, from_line.category) != (to_line.year, to_line.category):
        figures = category_year(reallocation.programme, from_line.year, from_line.category)
        if figures.spent > figures.current - reallocation.amount:
            raise ValidationError(
                _(
                    "%(spent)s is already spent in %(category)s %(year)s: at most %(available)s "
                    "can leave it."
                )
                % {
                    "spent": money(figures.spent, 2),
                    "category": from_line.get_category_display(),
                    "year": from_line.year,
                    "available": money(max(figures.current - figures.spent, ZERO), 2),
                }
            )


@transaction.atomic
def request_reallocation(*, programme, from_line, to_line, amount, reason, by):
    if programme.status not in ACTIVE_STATUSES:
        raise ValidationError(_("Reallocations are for approved programmes that are running."))
    if from_line.programme_id != programme.pk or to_line.programme_id != programme.pk:
        raise ValidationError(_("Both budget lines must belong to this programme."))
    if from_line.pk == to_line.pk:
        raise ValidationError(_("Choose two different budget lines."))
    reallocation = Reallocation(
        programme=programme,
        from_line=from_line,
        to_line=to_line,
        amount=amount,
        reason=reason,
        requested_by=by,
    )
    _check_reallocation(reallocation)
    reallocation.save()
    return reallocation


@transaction.atomic
def decide_reallocation(*, reallocation, approve, by, comment=""):
    """An official approves or rejects a requested reallocation."""
    require(by, OFFICIAL)
    # Lock the programme: two approvals cannot both spend one line's balance.
    programme = Programme.objects.select_for_update().get(pk=reallocation.programme_id)
    reallocation = Reallocation.objects.select_related("from_line", "to_line").get(
        pk=reallocation.pk
    )
    if reallocation.status != ReallocationStatus.REQUESTED:
        raise ValidationError(_("This reallocation has already been decided."))
    if approve and programme.status not in ACTIVE_STATUSES:
        raise ValidationError(_("The programme is no longer running."))
    if not approve and not comment.strip():
        raise ValidationError(_("Say why it is rejected: a comment is required."))
    if approve:
        _check_reallocation(reallocation)
    reallocation.status = ReallocationStatus.APPROVED if approve else ReallocationStatus.REJECTED
    reallocation.decided_by = by
    reallocation.decided_at = timezone.now()
    reallocation.decision_comment = comment.strip()
    reallocation.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    return reallocation


@transaction.atomic
def record_expenditure(*, expenditure, by):
    """Save an expenditure of a running programme.

    Taking a category over its year's budget needs a justification and flags the
    record; the flag is what was true when the money was recorded.
    """
    programme = Programme.objects.select_for_update().get(pk=expenditure.programme_id)
    if programme.status not in ACTIVE_STATUSES:
        raise ValidationError(_("Spending is recorded only for approved, running programmes."))
    if not programme.period_start <= expenditure.date <= programme.period_end:
        raise ValidationError(
            {
                "date": _("The date is outside the programme's period (%(start)s–%(end)s).")
                % {"start": programme.start_year, "end": programme.end_year}
            }
        )
    if expenditure.date > timezone.localdate():
        raise ValidationError({"date": _("Record money already spent: the date is in the future.")})
    if expenditure.cluster_id and not programme.clusters.filter(pk=expenditure.cluster_id).exists():
        raise ValidationError({"cluster": _("The programme does not support this cluster.")})
    before = Expenditure.objects.filter(pk=expenditure.pk).first() if expenditure.pk else None
    if _changes_the_budget(before, expenditure):
        figures = category_year(
            programme, expenditure.date.year, expenditure.category, excluding=expenditure
        )
        expenditure.exceeds_budget = figures.spent + expenditure.amount > figures.current
        if expenditure.exceeds_budget and not expenditure.overspend_justification.strip():
            raise ValidationError(
                {
                    "overspend_justification": _(
                        "This takes %(category)s over its %(year)s budget (%(current)s, "
                        "%(spent)s already spent): justify the overspending."
                    )
                    % {
                        "category": expenditure.get_category_display(),
                        "year": expenditure.date.year,
                        "current": money(figures.current, 2),
                        "spent": money(figures.spent, 2),
                    }
                }
            )
    if before is None:
        expenditure.recorded_by = by
    expenditure.save()
    return expenditure


def _changes_the_budget(before, after):
    """Whether an edit spends more, or moves the money to another category or year."""
    return (
        before is None
        or after.amount > before.amount
        or after.category != before.category
        or after.date.year != before.date.year
    )
