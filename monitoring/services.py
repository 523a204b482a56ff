"""Changes to the monitoring: targets, and the annual evaluation's workflow.

An evaluation is started for one programme year; while it is a draft its
snapshot (the computed indicator values and the data of every report section)
can be taken and taken again, manual values are entered with their evidence,
findings are written per measure and corrective measures agreed; office staff
submit it and an official approves it or returns it to draft. Once submitted
nothing of it changes, and an approved evaluation never does.
"""

import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import require
from core.transitions import (
    Transition,
    check_transition,
    record_transition,
)
from core.transitions import available_transitions as _available
from monitoring.indicators import UnknownComputation, compute_all
from monitoring.models import (
    CorrectiveMeasure,
    Evaluation,
    EvaluationStatus,
    Finding,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Progress,
)
from monitoring.snapshot import build_snapshot
from programmes.models import LOCKED_STATUSES, Measure, Programme

# Office staff start, refresh and submit evaluations; only officials approve.
OFFICE = "monitoring.submit_evaluation"
OFFICIAL = "monitoring.approve_evaluation"
START = "monitoring.add_evaluation"
REFRESH = "monitoring.change_evaluation"
TARGETS = "monitoring.change_indicatortarget"
# Office staff and the coordinator enter values, findings and corrective measures.
ENTER_VALUES = "monitoring.change_indicatorvalue"
WRITE_FINDINGS = "monitoring.change_finding"
ADD_MEASURE = "monitoring.add_correctivemeasure"
CHANGE_MEASURE = "monitoring.change_correctivemeasure"

CENT = Decimal("0.01")
PERCENT_UNITS = {"%", "percent", "per cent", "porcentaje"}


def is_percentage(indicator):
    return indicator.unit.strip().lower() in PERCENT_UNITS


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            gettext_lazy("Submit for approval"),
            (EvaluationStatus.DRAFT,),
            EvaluationStatus.SUBMITTED,
            OFFICE,
        ),
        Transition(
            "approve",
            gettext_lazy("Approve"),
            (EvaluationStatus.SUBMITTED,),
            EvaluationStatus.APPROVED,
            OFFICIAL,
        ),
        Transition(
            "return",
            gettext_lazy("Return to draft with comments"),
            (EvaluationStatus.SUBMITTED,),
            EvaluationStatus.DRAFT,
            OFFICIAL,
            comment_required=True,
        ),
    ]
}


def available_transitions(evaluation, user):
    return _available(TRANSITIONS, evaluation, user)


def _lock(evaluation):
    return Evaluation.objects.select_for_update().select_related("programme").get(pk=evaluation.pk)


def _require_draft(evaluation):
    if evaluation.status != EvaluationStatus.DRAFT:
        raise ValidationError(
            _("A %(status)s evaluation cannot be changed.")
            % {"status": evaluation.get_status_display().lower()}
        )


def _jsonable(data):
    """Decimals as strings, dates as ISO text: what a JSON field can keep."""
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder))


def _cents(number):
    return None if number is None else Decimal(number).quantize(CENT)


# ---------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------


@transaction.atomic
def save_targets(*, programme, targets, by):
    """Set the baseline and target of each (indicator, year) of a programme.

    targets maps (indicator, year) to (baseline, target); both empty removes
    the target. Draft evaluations of the programme follow the new figures;
    submitted and approved ones keep those they froze.
    """
    require(by, TARGETS)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    existing = {(t.indicator_id, t.year): t for t in programme.indicator_targets.all()}
    for (indicator, year), (baseline, target) in targets.items():
        if year not in programme.year_range:
            raise ValidationError(_("%(year)s is outside the programme's period.") % {"year": year})
        current = existing.get((indicator.pk, year))
        if target is None:
            if baseline is not None:
                raise ValidationError(
                    _("%(indicator)s %(year)s: a baseline needs a target.")
                    % {"indicator": indicator, "year": year}
                )
            if current:
                current.delete()
                del existing[(indicator.pk, year)]
            continue
        if current is None:
            existing[(indicator.pk, year)] = IndicatorTarget.objects.create(
                indicator=indicator,
                programme=programme,
                year=year,
                baseline=baseline,
                target=target,
            )
        elif (current.baseline, current.target) != (baseline, target):
            current.baseline, current.target = baseline, target
            current.save(update_fields=["baseline", "target"])
    drafts = IndicatorValue.objects.filter(
        evaluation__programme=programme, evaluation__status=EvaluationStatus.DRAFT
    ).select_related("evaluation")
    for value in drafts:
        target = existing.get((value.indicator_id, value.evaluation.year))
        figures = (target.baseline, target.target) if target else (None, None)
        if (value.baseline, value.target) != figures:
            value.baseline, value.target = figures
            value.save(update_fields=["baseline", "target"])


# ---------------------------------------------------------------------------
# The evaluation and its snapshot
# ---------------------------------------------------------------------------


def evaluable_programmes():
    """Programmes approved by the government: those whose years are evaluated."""
    return Programme.objects.filter(status__in=LOCKED_STATUSES)


@transaction.atomic
def start_evaluation(*, programme, year, by):
    """The evaluation of one programme year, with an empty row for each
    indicator entered by hand; one per programme year."""
    require(by, START)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.status not in LOCKED_STATUSES:
        raise ValidationError(_("Only a programme approved by the government is evaluated."))
    if year not in programme.year_range:
        raise ValidationError(
            _("%(year)s is outside the programme's period (%(start)s–%(end)s).")
            % {"year": year, "start": programme.start_year, "end": programme.end_year}
        )
    if year > timezone.localdate().year:
        raise ValidationError(_("A year is evaluated once it has started."))
    if Evaluation.objects.filter(programme=programme, year=year).exists():
        raise ValidationError(
            _("%(year)s already has its evaluation: open it from the list.") % {"year": year}
        )
    evaluation = Evaluation.objects.create(programme=programme, year=year, created_by=by)
    _sync_values(evaluation, results=None, by=by, now=timezone.now())
    return evaluation


@transaction.atomic
def freeze_snapshot(*, evaluation, by):
    """Compute the indicators and freeze them, with the data of every report
    section, into the evaluation; taken again, it replaces the computed values
    and keeps the values entered by hand. Only a draft's snapshot is taken."""
    require(by, REFRESH)
    evaluation = _lock(evaluation)
    _require_draft(evaluation)
    programme, year = evaluation.programme, evaluation.year
    try:
        results = compute_all(year=year, programme=programme)
    except UnknownComputation as error:
        raise ValidationError(
            _("The snapshot cannot be taken: %(error)s Correct the indicator first.")
            % {"error": error}
        ) from error
    snapshot, sources = build_snapshot(programme=programme, year=year)
    now = timezone.now()
    _sync_values(evaluation, results=results, by=by, now=now)
    snapshot = _jsonable(snapshot)
    snapshot["corrective_follow_up"] = follow_up_rows(evaluation)
    evaluation.snapshot = snapshot
    evaluation.snapshot_sources = _jsonable(sources)
    evaluation.snapshot_taken_at = now
    evaluation.snapshot_taken_by = by
    evaluation.save(
        update_fields=["snapshot", "snapshot_sources", "snapshot_taken_at", "snapshot_taken_by"]
    )
    return evaluation


def _sync_values(evaluation, *, results, by, now):
    """One value per active indicator, with the year's baseline and target.

    results (None before the first snapshot) are the computed values; those
    entered by hand are kept; values of indicators no longer in use go.
    """
    targets = {
        t.indicator_id: t
        for t in IndicatorTarget.objects.filter(
            programme_id=evaluation.programme_id, year=evaluation.year
        )
    }
    existing = {value.indicator_id: value for value in evaluation.values.all()}
    for indicator in Indicator.objects.active():
        value = existing.pop(indicator.pk, None)
        if value is None:
            if indicator.is_computed and results is None:
                continue  # computed at the snapshot
            value = IndicatorValue(evaluation=evaluation, indicator=indicator)
        target = targets.get(indicator.pk)
        value.baseline = target.baseline if target else None
        value.target = target.target if target else None
        if indicator.is_computed:
            if results is not None:
                result = results.get(indicator.code)
                value.actual = _cents(result.actual) if result else None
                value.breakdown = _jsonable(result.breakdown) if result else {}
                value.evidence = ""
                value.entered_by, value.entered_at = by, now
        elif not value.evidence:
            # Entered by hand or not at all: a value without evidence was computed
            # before the indicator changed to manual.
            value.actual, value.breakdown = None, {}
            value.entered_by = value.entered_at = None
        value.save()
    for stale in existing.values():
        stale.delete()


def previous_evaluation(evaluation):
    return Evaluation.objects.filter(
        programme_id=evaluation.programme_id, year=evaluation.year - 1
    ).first()


def previous_measures(evaluation):
    """The corrective measures of the programme's previous year, which this
    evaluation follows up."""
    return (
        CorrectiveMeasure.objects.filter(
            evaluation__programme_id=evaluation.programme_id,
            evaluation__year=evaluation.year - 1,
        )
        .select_related("indicator", "followed_up_in")
        .order_by("deadline", "pk")
    )


def _measure_row(measure):
    return {
        "indicator": measure.indicator.code,
        "indicator_name": measure.indicator.name,
        "indicator_name_en": measure.indicator.name_en,
        "description": measure.description,
        "description_en": measure.description_en,
        "owner": measure.owner,
        "owner_en": measure.owner_en,
        "deadline": measure.deadline.isoformat(),
        "status": measure.status,
        "follow_up": measure.follow_up,
        "follow_up_en": measure.follow_up_en,
    }


def follow_up_rows(evaluation):
    """The previous year's corrective measures and their follow-up, for the snapshot."""
    return [
        {**_measure_row(measure), "year": evaluation.year - 1}
        for measure in previous_measures(evaluation)
    ]


def _own_measure_rows(evaluation):
    measures = evaluation.corrective_measures.select_related("indicator").order_by("deadline", "pk")
    return [_measure_row(measure) for measure in measures]


# ---------------------------------------------------------------------------
# What people enter: manual values, findings, corrective measures
# ---------------------------------------------------------------------------


@transaction.atomic
def enter_value(*, value, actual, evidence, by):
    """The value of an indicator entered by hand, with its evidence."""
    require(by, ENTER_VALUES)
    _require_draft(_lock(value.evaluation))
    indicator = value.indicator
    if indicator.is_computed:
        raise ValidationError(
            _("%(indicator)s is computed from the portal's data: take the snapshot again.")
            % {"indicator": indicator}
        )
    errors = {}
    if actual is None:
        errors["actual"] = _("Enter the value.")
    elif is_percentage(indicator) and not 0 <= actual <= 100:
        errors["actual"] = _("A percentage is between 0 and 100.")
    if not evidence.strip():
        errors["evidence"] = _("Say where the value comes from: the evidence is required.")
    if errors:
        raise ValidationError(errors)
    value.actual = _cents(actual)
    value.evidence = evidence.strip()
    value.entered_by, value.entered_at = by, timezone.now()
    value.save(update_fields=["actual", "evidence", "entered_by", "entered_at"])
    return value


@transaction.atomic
def save_findings(*, evaluation, texts, by, texts_en=None):
    """The findings on each measure (texts maps a measure to its text; an
    empty text removes the finding); texts_en, the same in English, optional:
    without it the English texts stay as they are (a finding without its
    Spanish text goes with its English)."""
    require(by, WRITE_FINDINGS)
    evaluation = _lock(evaluation)
    _require_draft(evaluation)
    existing = {finding.measure: finding for finding in evaluation.findings.all()}
    for measure, text in texts.items():
        text = (text or "").strip()
        finding = existing.get(measure)
        if texts_en is None:
            text_en = finding.text_en if finding else ""
        else:
            text_en = (texts_en.get(measure) or "").strip()
        if not text:
            if finding:
                finding.delete()
        elif finding is None:
            Finding.objects.create(
                evaluation=evaluation, measure=measure, text=text, text_en=text_en
            )
        elif (finding.text, finding.text_en) != (text, text_en):
            finding.text, finding.text_en = text, text_en
            finding.save(update_fields=["text", "text_en"])


@transaction.atomic
def save_corrective_measure(*, measure, by):
    """Add or change a corrective measure of a draft evaluation."""
    require(by, CHANGE_MEASURE if measure.pk else ADD_MEASURE)
    evaluation = _lock(measure.evaluation)
    _require_draft(evaluation)
    if measure.pk and CorrectiveMeasure.objects.get(pk=measure.pk).evaluation_id != evaluation.pk:
        raise ValidationError(_("A corrective measure stays in its evaluation."))
    if not evaluation.values.filter(indicator_id=measure.indicator_id).exists():
        raise ValidationError(
            {"indicator": _("Choose an indicator of this evaluation.")},
        )
    measure.save()
    return measure


@transaction.atomic
def record_follow_up(*, measure, evaluation, status, follow_up, by, follow_up_en=None):
    """What became of one of the previous year's corrective measures, as the
    next year's draft evaluation finds it."""
    require(by, CHANGE_MEASURE)
    evaluation = _lock(evaluation)
    _require_draft(evaluation)
    measure = CorrectiveMeasure.objects.select_related("evaluation").get(pk=measure.pk)
    if (measure.evaluation.programme_id, measure.evaluation.year) != (
        evaluation.programme_id,
        evaluation.year - 1,
    ):
        raise ValidationError(
            _("Only the corrective measures of the programme's previous year are followed up here.")
        )
    if not follow_up.strip():
        raise ValidationError({"follow_up": _("Say what has been done.")})
    measure.status = status
    measure.follow_up = follow_up.strip()
    if follow_up_en is not None:  # else the English stays as it is
        measure.follow_up_en = follow_up_en.strip()
    measure.followed_up_in = evaluation
    measure.save(update_fields=["status", "follow_up", "follow_up_en", "followed_up_in"])
    if evaluation.snapshot_taken_at:
        evaluation.snapshot["corrective_follow_up"] = follow_up_rows(evaluation)
        evaluation.save(update_fields=["snapshot"])
    return measure


# ---------------------------------------------------------------------------
# Submit, approve, return
# ---------------------------------------------------------------------------


def _names(indicators):
    return ", ".join(str(indicator) for indicator in indicators)


def submission_problems(evaluation, values=None, findings=None, measures=None):
    """What must be done before the evaluation can be submitted: one clear
    message per failed check (empty when it is ready).

    values (with their indicators), findings and corrective measures are the
    evaluation's, if the caller has already read them.
    """
    if not evaluation.snapshot_taken_at:
        return [_("Take the snapshot of the portal's data.")]
    if values is None:
        values = list(evaluation.values.select_related("indicator"))
    if findings is None:
        findings = list(evaluation.findings.all())
    if measures is None:
        measures = list(evaluation.corrective_measures.all())
    problems = []
    missing = [
        v.indicator
        for v in values
        if not v.indicator.is_computed and (v.actual is None or not v.evidence)
    ]
    if missing:
        problems.append(
            _("Enter the value and its evidence of: %(names)s.") % {"names": _names(missing)}
        )
    written = {finding.measure for finding in findings if finding.text.strip()}
    for measure in Measure:
        if measure.value not in written:
            problems.append(
                _("Write the findings on the measure “%(measure)s”.") % {"measure": measure.label}
            )
    covered = {measure.indicator_id for measure in measures}
    uncovered = [
        v.indicator
        for v in values
        if v.status == Progress.OFF_TRACK and v.indicator_id not in covered
    ]
    if uncovered:
        problems.append(
            _("Agree a corrective measure for each off-track indicator: %(names)s.")
            % {"names": _names(uncovered)}
        )
    return problems


@transaction.atomic
def change_status(*, evaluation, transition, by, comment=""):
    """Move an evaluation along one transition, recording who, when and why."""
    evaluation = _lock(evaluation)
    check_transition(
        evaluation,
        transition,
        by=by,
        comment=comment,
        not_from=_("An evaluation that is %(status)s cannot be changed this way."),
    )
    if transition.name == "submit":
        problems = submission_problems(evaluation)
        if problems:
            raise ValidationError(problems)
        # What the report says of the corrective measures is what was submitted.
        evaluation.snapshot["corrective_follow_up"] = follow_up_rows(evaluation)
        evaluation.snapshot["corrective_measures"] = _own_measure_rows(evaluation)
    return record_transition(evaluation, transition, by=by, comment=comment, also_save=["snapshot"])
