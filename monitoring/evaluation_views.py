"""The monitoring pages: the indicator catalogue, targets, the annual
evaluations and the dashboard."""

from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import require
from core.audit import trail_for
from core.dashboards import cached_figures
from core.forms import add_service_errors
from core.pagination import paginate
from core.transitions import permitted_transition, transition_page
from districts.maps import district_map
from monitoring import access, charts, services
from monitoring.filters import EvaluationFilter
from monitoring.forms import (
    CorrectiveMeasureForm,
    EvaluationForm,
    FindingsForm,
    FollowUpForm,
    IndicatorForm,
    ManualValueForm,
    TargetsForm,
)
from monitoring.indicators import COMPUTATIONS, compute_all
from monitoring.indicators.broker_network import districts
from monitoring.models import (
    CorrectiveMeasure,
    Evaluation,
    EvaluationStatus,
    Indicator,
    IndicatorTarget,
    Progress,
    progress_status,
)
from programmes.models import Measure, Programme, ProgrammeStatus

READ = access.READ


def _evaluation_url(evaluation, anchor=""):
    url = reverse("monitoring:evaluation_detail", args=[evaluation.pk])
    return f"{url}#{anchor}" if anchor else url


def _by_measure(rows):
    """[(measure label, rows)] in the order of the measures, leaving out empty ones."""
    return [
        (measure.label, group)
        for measure in Measure
        if (group := [row for row in rows if row.indicator.measure == measure.value])
    ]


# ---------------------------------------------------------------------------
# The dashboard
# ---------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    """An indicator's value this year, computed live (provisional) or entered in
    the year's evaluation; shaped like an IndicatorValue for the charts."""

    indicator: Indicator
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | None

    @property
    def status(self):
        return progress_status(
            actual=self.actual, target=self.target, direction=self.indicator.direction
        )


def _dashboard_programme(request, programmes):
    """The programme asked for, else the running one, else the latest approved one."""
    asked = request.GET.get("programme", "")
    if asked.isdecimal():
        for programme in programmes:
            if programme.pk == int(asked):
                return programme
    this_year = timezone.localdate().year
    for programme in programmes:
        if programme.status == ProgrammeStatus.ACTIVE and this_year in programme.year_range:
            return programme
    return programmes[0] if programmes else None


def _dashboard_year(request, programme):
    years = programme.year_range
    asked = request.GET.get("year", "")
    if asked.isdecimal() and int(asked) in years:
        return int(asked)
    this_year = timezone.localdate().year
    return min(max(this_year, years[0]), years[-1])


def _live_results(programme, year, indicators):
    """The computed indicators' results as the portal's data stand now (cached), and
    the indicators whose computation is not registered."""
    unknown = [i for i in indicators if i.is_computed and i.computation not in COMPUTATIONS]
    computed = [i for i in indicators if i.is_computed and i not in unknown]
    # Results hold numbers and codes, no text: one copy serves every language.
    figures = cached_figures(
        "monitoring",
        key=(programme.pk, year, tuple((i.code, i.computation) for i in computed)),
        compute=lambda: compute_all(year=year, programme=programme, indicators=computed),
        by_language=False,
    )
    return figures, unknown


def _indicator_rows(*, programme, year, indicators, results, evaluation):
    """Each indicator's target and actual: computed now, or as entered in the year's
    evaluation (None without one)."""
    targets = {
        t.indicator_id: t for t in IndicatorTarget.objects.filter(programme=programme, year=year)
    }
    entered = {}
    if evaluation:
        entered = {
            value.indicator_id: value.actual
            for value in evaluation.values.filter(indicator__computation="")
        }
    rows = []
    for indicator in indicators:
        target = targets.get(indicator.pk)
        if indicator.is_computed:
            result = results.get(indicator.code)
            actual = result.actual if result else None
        else:
            actual = entered.get(indicator.pk)
        rows.append(
            IndicatorRow(
                indicator=indicator,
                baseline=target.baseline if target else None,
                target=target.target if target else None,
                actual=actual,
            )
        )
    return rows


def _services_map(year, results):
    """The map of the services delivered per district in the year, from the
    services_delivered indicator's breakdown (None when it is not in use)."""
    result = results.get("services_delivered")
    if result is None:
        return None
    return district_map(
        title=_("Services delivered per district, %(year)s") % {"year": year},
        figures=result.breakdown.get("by_district", {}),
        # Kept with the figures: a cached dashboard reads nothing more for the map.
        names=cached_figures(
            "district-names",
            key=(),
            compute=lambda: {slug: name for slug, name, _rural in districts()},
            by_language=False,
        ).value,
        figure_label=_("Services"),
    )


def dashboard(request):
    """This year's indicators against their targets, computed now from the
    portal's data: provisional until an evaluation freezes them."""
    require(request.user, READ)
    programmes = list(services.evaluable_programmes().order_by("-start_year", "title"))
    programme = _dashboard_programme(request, programmes)
    context = {"programmes": programmes, "programme": programme}
    if programme is None:
        return render(request, "monitoring/dashboard.html", context)
    year = _dashboard_year(request, programme)
    indicators = list(Indicator.objects.active())
    figures, unknown = _live_results(programme, year, indicators)
    evaluations = {e.year: e for e in programme.evaluations.all()}
    evaluation = evaluations.get(year)
    rows = _indicator_rows(
        programme=programme,
        year=year,
        indicators=indicators,
        results=figures.value,
        evaluation=evaluation,
    )
    groups = _by_measure(rows)
    counts = dict.fromkeys(Progress.values, 0)
    for row in rows:
        counts[row.status] += 1
    approved = [e for e in evaluations.values() if e.status == EvaluationStatus.APPROVED]
    context.update(
        {
            "year": year,
            "groups": groups,
            "counts": [(Progress(status), n) for status, n in counts.items()],
            "charts": charts.indicator_charts(rows),
            "services_map": _services_map(year, figures.value),
            "evaluation": evaluation,
            "unknown": unknown,
            "latest_approved": max(approved, key=lambda e: e.year) if approved else None,
            "evaluations": sorted(evaluations.values(), key=lambda e: -e.year),
            "can_start": evaluation is None
            and request.user.has_perm(services.START)
            and year <= timezone.localdate().year,
            "can_set_targets": request.user.has_perm(services.TARGETS),
            "figures": figures,
        }
    )
    return render(request, "monitoring/dashboard.html", context)


# ---------------------------------------------------------------------------
# The indicator catalogue
# ---------------------------------------------------------------------------


def indicator_list(request):
    require(request.user, "monitoring.view_indicator")
    indicators = list(Indicator.objects.all())
    can_set_targets = request.user.has_perm(services.TARGETS)
    return render(
        request,
        "monitoring/indicator_list.html",
        {
            "groups": [
                (measure.label, [i for i in indicators if i.measure == measure.value])
                for measure in Measure
            ],
            "can_add": request.user.has_perm("monitoring.add_indicator"),
            "can_edit": request.user.has_perm("monitoring.change_indicator"),
            "target_programmes": Programme.objects.order_by("-start_year", "title")
            if can_set_targets
            else [],
        },
    )


def indicator_detail(request, pk):
    indicator = access.get_indicator(request, pk)
    return render(
        request,
        "monitoring/indicator_detail.html",
        {
            "indicator": indicator,
            "targets": indicator.targets.select_related("programme").order_by(
                "-programme__start_year", "programme__title", "year"
            ),
            "values": indicator.values.select_related("evaluation__programme", "indicator")
            .exclude(evaluation__status=EvaluationStatus.DRAFT)
            .order_by("-evaluation__year", "evaluation__programme__title"),
            "can_edit": request.user.has_perm("monitoring.change_indicator"),
            "can_set_targets": request.user.has_perm(services.TARGETS),
            "audit_trail": trail_for(request.user, indicator),
        },
    )


def _save_indicator(request, indicator):
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        indicator = form.save()
        messages.success(request, _("The indicator has been saved."))
        return redirect("monitoring:indicator_detail", pk=indicator.pk)
    return render(request, "monitoring/indicator_form.html", {"form": form, "indicator": indicator})


def indicator_create(request):
    require(request.user, "monitoring.add_indicator")
    return _save_indicator(request, Indicator())


def indicator_edit(request, pk):
    return _save_indicator(request, access.get_indicator(request, pk, for_change=True))


# ---------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------


def targets(request, pk):
    programme = access.get_programme(request, pk, for_change=True)
    indicators = list(Indicator.objects.active())
    form = TargetsForm(
        request.POST or None,
        programme=programme,
        indicators=indicators,
        targets=programme.indicator_targets.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_targets(programme=programme, targets=form.targets(), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The targets have been saved."))
            return redirect("monitoring:targets", pk=programme.pk)
    return render(
        request,
        "monitoring/targets_form.html",
        {"form": form, "programme": programme, "groups": _grid_by_measure(form.grid())},
    )


def _grid_by_measure(grid):
    return [
        (measure.label, rows)
        for measure in Measure
        if (rows := [row for row in grid if row[0].measure == measure.value])
    ]


# ---------------------------------------------------------------------------
# Evaluations
# ---------------------------------------------------------------------------


def evaluation_list(request):
    require(request.user, READ)
    evaluations = EvaluationFilter(request.GET, queryset=Evaluation.objects.for_list())
    return render(
        request,
        "monitoring/evaluation_list.html",
        {
            "filter": evaluations,
            "page": paginate(request, evaluations.qs),
            "can_add": request.user.has_perm(services.START),
        },
    )


def evaluation_create(request):
    require(request.user, services.START)
    initial = {"year": timezone.localdate().year - 1}
    if request.GET.get("programme", "").isdecimal():
        initial["programme"] = request.GET["programme"]
    if request.GET.get("year", "").isdecimal():
        initial["year"] = request.GET["year"]
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.start_evaluation(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The evaluation of %(year)s has been started: take its snapshot.")
                % {"year": evaluation.year},
            )
            return redirect(_evaluation_url(evaluation))
    return render(request, "monitoring/evaluation_form.html", {"form": form})


def evaluation_detail(request, pk):
    evaluation = access.get_evaluation(request, pk)
    user = request.user
    values = list(evaluation.values.select_related("indicator", "entered_by"))
    measures = list(evaluation.corrective_measures.select_related("indicator", "followed_up_in"))
    covered = {measure.indicator_id for measure in measures}
    draft = evaluation.is_editable
    previous = list(services.previous_measures(evaluation))
    findings = {finding.measure: finding for finding in evaluation.findings.all()}
    context = {
        "evaluation": evaluation,
        "groups": _by_measure(values),
        "off_track_uncovered": [
            v for v in values if v.status == Progress.OFF_TRACK and v.indicator_id not in covered
        ],
        "covered": covered,
        "findings": [(measure.label, findings.get(measure.value)) for measure in Measure],
        "corrective_measures": measures,
        "previous_measures": previous,
        "transitions": evaluation.transitions.select_related("by"),
        "available_transitions": services.available_transitions(evaluation, user),
        "problems": services.submission_problems(
            evaluation, values, list(findings.values()), measures
        )
        if draft
        else [],
        "sources": sorted((evaluation.snapshot_sources or {}).get("rows", {}).items()),
        "can_refresh": draft and user.has_perm(services.REFRESH),
        "can_enter_values": draft and user.has_perm(services.ENTER_VALUES),
        "can_write_findings": draft and user.has_perm(services.WRITE_FINDINGS),
        "can_add_measure": draft and bool(values) and user.has_perm(services.ADD_MEASURE),
        "can_change_measure": draft and user.has_perm(services.CHANGE_MEASURE),
        "can_follow_up": draft and user.has_perm(services.CHANGE_MEASURE),
    }
    return render(request, "monitoring/evaluation_detail.html", context)


def _draft_only(request, evaluation):
    """None if the evaluation can be changed, else the redirect that says why not."""
    if evaluation.is_editable:
        return None
    messages.error(
        request,
        _("A %(status)s evaluation cannot be changed.")
        % {"status": evaluation.get_status_display().lower()},
    )
    return redirect(_evaluation_url(evaluation))


@require_POST
def evaluation_snapshot(request, pk):
    evaluation = access.get_evaluation(request, pk, for_change=True)
    try:
        services.freeze_snapshot(evaluation=evaluation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The snapshot of the portal's data has been taken: the computed values are frozen."),
        )
    return redirect(_evaluation_url(evaluation, "values-title"))


def indicator_value_edit(request, pk):
    value = access.get_indicator_value(request, pk, for_change=True)
    evaluation = value.evaluation
    if refused := _draft_only(request, evaluation):
        return refused
    if value.indicator.is_computed:
        messages.error(
            request,
            _("%(indicator)s is computed from the portal's data: take the snapshot again.")
            % {"indicator": value.indicator},
        )
        return redirect(_evaluation_url(evaluation))
    form = ManualValueForm(
        request.POST or None,
        indicator=value.indicator,
        initial={"actual": value.actual, "evidence": value.evidence},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.enter_value(value=value, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The value of %(indicator)s has been saved.") % {"indicator": value.indicator},
            )
            return redirect(_evaluation_url(evaluation, "values-title"))
    return render(
        request,
        "monitoring/value_form.html",
        {"form": form, "value": value, "evaluation": evaluation},
    )


def evaluation_findings(request, pk):
    require(request.user, services.WRITE_FINDINGS)
    evaluation = access.get_evaluation(request, pk)
    if refused := _draft_only(request, evaluation):
        return refused
    form = FindingsForm(request.POST or None, findings=evaluation.findings.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.save_findings(
                evaluation=evaluation,
                texts=form.texts(),
                texts_en=form.texts_en(),
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The findings have been saved."))
            return redirect(_evaluation_url(evaluation, "findings-title"))
    return render(
        request, "monitoring/findings_form.html", {"form": form, "evaluation": evaluation}
    )


def _save_measure(request, measure, evaluation):
    if refused := _draft_only(request, evaluation):
        return refused
    initial = {}
    if not measure.pk and request.GET.get("indicator", "").isdecimal():
        initial["indicator"] = request.GET["indicator"]
    form = CorrectiveMeasureForm(
        request.POST or None, instance=measure, evaluation=evaluation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_corrective_measure(measure=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The corrective measure has been saved."))
            return redirect(_evaluation_url(evaluation, "corrective-title"))
    return render(
        request,
        "monitoring/corrective_measure_form.html",
        {"form": form, "measure": measure, "evaluation": evaluation},
    )


def corrective_measure_create(request, pk):
    require(request.user, services.ADD_MEASURE)
    evaluation = access.get_evaluation(request, pk)
    return _save_measure(request, CorrectiveMeasure(evaluation=evaluation), evaluation)


def corrective_measure_edit(request, pk):
    measure = access.get_corrective_measure(request, pk, for_change=True)
    return _save_measure(request, measure, measure.evaluation)


def corrective_follow_up(request, pk, measure_pk):
    require(request.user, services.CHANGE_MEASURE)
    evaluation = access.get_evaluation(request, pk)
    measure = services.previous_measures(evaluation).filter(pk=measure_pk).first()
    if measure is None:
        raise Http404
    if refused := _draft_only(request, evaluation):
        return refused
    form = FollowUpForm(
        request.POST or None,
        initial={
            "status": measure.status,
            "follow_up": measure.follow_up,
            "follow_up_en": measure.follow_up_en,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_follow_up(
                measure=measure, evaluation=evaluation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The follow-up has been recorded."))
            return redirect(_evaluation_url(evaluation, "follow-up-title"))
    return render(
        request,
        "monitoring/follow_up_form.html",
        {"form": form, "measure": measure, "evaluation": evaluation},
    )


def evaluation_transition(request, pk, name):
    evaluation = access.get_evaluation(request, pk)
    transition = permitted_transition(services.TRANSITIONS, name, request.user)
    possible = evaluation.status in transition.sources
    problems = services.submission_problems(evaluation) if name == "submit" else []
    return transition_page(
        request,
        evaluation,
        transition,
        change=partial(services.change_status, evaluation=evaluation),
        now=_("The evaluation is now %(status)s."),
        done_url=_evaluation_url(evaluation),
        template="monitoring/transition_form.html",
        context={
            "evaluation": evaluation,
            "possible": possible,
            "problems": problems if possible else [],
        },
    )
