"""What the evaluation report says: the evaluation's snapshot and its own records
(values, findings, corrective measures), read in the active language, never the
portal's live data. report_context(report) is everything the PDF's template
(templates/monitoring/pdf/report.html) shows, its charts drawn by
monitoring.charts as on the dashboard.
"""

import base64
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from brokers.call.models import GrantCallStatus
from clusters.models import DevelopmentStage, LabelLevel, ProjectScope
from districts.maps import district_map
from monitoring import charts
from monitoring.charts import decimal, label_of
from monitoring.identity import report_identity
from monitoring.models import (
    RATED,
    CorrectiveStatus,
    Direction,
    EvaluationStatus,
    IndicatorTarget,
    IndicatorValue,
    Progress,
)
from programmes.models import ActionStatus, CostCategory, Measure


def _date(value):
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _rate(part, whole):
    """part as a percentage of whole, one decimal; None without a whole."""
    part, whole = decimal(part), decimal(whole)
    if part is None or not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


def _localised(row, field):
    """row[field], or row[field_en] in an English report when there is one."""
    english = row.get(f"{field}_en")
    return english if english and translation.get_language() == "en" else row.get(field, "")


def _localised_attr(record, field):
    """The record's field, or its field_en in an English report when filled in."""
    english = getattr(record, f"{field}_en", "")
    return english if english and translation.get_language() == "en" else getattr(record, field)


def report_context(report):
    """Everything the template shows, with labels in the active language."""
    evaluation = report.evaluation
    snapshot = evaluation.snapshot
    # The measures in the strategy's order: the Office first, then the brokers.
    order = {measure.value: position for position, measure in enumerate(Measure)}
    values = sorted(
        evaluation.values.select_related("indicator"),
        key=lambda v: (order.get(v.indicator.measure, len(order)), v.indicator.position, v.pk),
    )
    title = _("Annual evaluation report %(year)s") % {"year": evaluation.year}
    budget = _budget(snapshot.get("budget") or {})
    network = _network(snapshot.get("network") or {})
    clusters = [_cluster(row) for row in snapshot.get("clusters", [])]
    indicators = _indicators(values)
    figures = Figures()
    summary = _summary(indicators, budget, clusters, network, snapshot)
    programme = snapshot.get("programme") or {"title": evaluation.programme.title}
    return {
        "title": title,
        "language": report.language,
        "report": report,
        "evaluation": evaluation,
        "status_label": label_of(EvaluationStatus, evaluation.status),
        "is_draft": evaluation.status != EvaluationStatus.APPROVED,
        "programme": programme,
        "period": _period(programme),
        "identity": report_identity(),
        "approval": _approval(evaluation),
        "year": evaluation.year,
        "snapshot_taken_at": evaluation.snapshot_taken_at,
        "generated_at": timezone.now(),
        "summary": summary,
        "summary_figures": _summary_figures(figures, summary, budget, clusters, snapshot),
        "findings": _findings(evaluation),
        "indicators": indicators,
        "trend": _trend(evaluation, values),
        "indicator_charts": [
            figures.add(chart) for chart in charts.indicator_charts(values) if _drawn(chart)
        ],
        "budget": budget,
        "budget_chart": figures.add_drawn(charts.budget_chart(snapshot.get("budget") or {})),
        "budget_years_chart": figures.add_drawn(
            charts.budget_years_chart(snapshot.get("budget") or {}, up_to=evaluation.year)
        ),
        "clusters": [
            {**c, "members_chart": figures.add_drawn(c["members_chart"])} for c in clusters
        ],
        "network": network,
        "network_map": figures.add_drawn(_network_map(snapshot.get("network") or {})),
        "network_chart": figures.add_drawn(charts.network_chart(snapshot.get("network") or {})),
        "grant_chart": figures.add_drawn(charts.grant_chart(snapshot.get("network") or {})),
        "figures": figures,
        "grant_call": _grant_call(snapshot.get("grant_call")),
        "action_plan": _action_plan(snapshot.get("action_plan") or []),
        "corrective_measures": _corrective_measures(evaluation, snapshot),
        "follow_up": [_measure(row) for row in snapshot.get("corrective_follow_up") or []],
        "definitions": [_definition(value) for value in values],
    }


@dataclass
class Figure:
    """A chart of the report and the number of its data table in the annex."""

    chart: object
    number: int

    @property
    def anchor(self):
        return f"data-{self.number}"

    @property
    def image_uri(self):
        """The drawing as an image, so that the PDF tags it as a figure with its
        alternative text (the chart's title and where its table is)."""
        encoded = base64.b64encode(str(self.chart.svg).encode()).decode()
        return f"data:image/svg+xml;base64,{encoded}"

    @property
    def alt(self):
        return _("%(title)s. Its data are in table A.%(number)s of the annex.") % {
            "title": self.chart.title,
            "number": self.number,
        }


class Figures(list):
    """The report's charts in the order they are numbered; the annex prints
    their tables, each chart links to its own."""

    def add(self, chart):
        figure = Figure(chart=chart, number=len(self) + 1)
        self.append(figure)
        return figure

    def add_drawn(self, chart):
        """The chart numbered, or None when it would draw no bar."""
        return self.add(chart) if _drawn(chart) else None


def _drawn(chart):
    """Whether a chart has a figure to draw: a chart of zeros says nothing that
    one sentence would not say better."""
    return chart.drawn


def _period(programme):
    """The programme's years, unless its title already says them."""
    start, end = programme.get("start_year"), programme.get("end_year")
    if not start or not end:
        return ""
    if str(start) in programme.get("title", "") and str(end) in programme.get("title", ""):
        return ""
    return f"{start}–{end}"


def _approval(evaluation):
    """Who submitted and who approved the evaluation, and when (the latest of
    each), from its recorded transitions."""
    done = {}
    for transition in evaluation.transitions.select_related("by").order_by("at", "pk"):
        done[transition.to_status] = {
            "by": transition.by.get_full_name() or transition.by.get_username(),
            "at": transition.at,
        }
    return {
        "submitted": done.get(EvaluationStatus.SUBMITTED),
        "approved": done.get(EvaluationStatus.APPROVED)
        if evaluation.status == EvaluationStatus.APPROVED
        else None,
    }


def _findings(evaluation):
    """(measure, text) of the findings, the Office's measure first as everywhere in
    the portal."""
    return [
        (label_of(Measure, finding.measure), _localised_attr(finding, "text"))
        for finding in sorted(
            evaluation.findings.all(), key=lambda f: Measure.values.index(f.measure)
        )
    ]


def _definition(value):
    """What an indicator measures, in what, and where its value comes from."""
    indicator = value.indicator
    return {
        "code": indicator.code,
        "name": indicator.localised_name,
        "definition": indicator.localised_definition,
        "unit": indicator.localised_unit,
        "direction": label_of(Direction, indicator.direction),
        "measure": label_of(Measure, indicator.measure),
        "source": _("Computed from the portal's data")
        if indicator.is_computed
        else _("Entered with evidence: %(evidence)s") % {"evidence": value.evidence or "—"},
    }


def _indicators(values):
    """The indicators table per measure, status in words."""
    sections = {}
    for value in values:
        indicator = value.indicator
        status = value.status
        sections.setdefault(indicator.measure, []).append(
            {
                "name": indicator.localised_name,
                "unit": indicator.localised_unit,
                "baseline": charts.quantity(value.baseline, indicator.unit),
                "target": charts.quantity(value.target, indicator.unit),
                "actual": charts.quantity(value.actual, indicator.unit),
                "status": status,
                "status_label": label_of(Progress, status),
                "direction": label_of(Direction, indicator.direction),
            }
        )
    return [(label_of(Measure, measure), rows) for measure, rows in sections.items()]


def _budget(budget):
    """The seven cost categories in the strategy's order, planned against actual."""
    by_category = {row.get("category"): row for row in budget.get("rows", [])}
    rows = []
    for category in CostCategory:
        row = by_category.get(category.value, {})
        planned, actual = decimal(row.get("planned")) or 0, decimal(row.get("actual")) or 0
        # Execution is measured against the budget after approved reallocations,
        # as on the programme's page and in the budget execution indicator.
        current = decimal(row.get("current"))
        current = planned if current is None else current
        rows.append(
            {
                "label": str(category.label),
                "planned": planned,
                "current": current,
                "actual": actual,
                "rate": _rate(actual, current),
            }
        )
    planned = decimal(budget.get("total_planned"))
    current = decimal(budget.get("total_current"))
    actual = decimal(budget.get("total_actual"))
    planned = sum((r["planned"] for r in rows), Decimal(0)) if planned is None else planned
    current = sum((r["current"] for r in rows), Decimal(0)) if current is None else current
    actual = sum((r["actual"] for r in rows), Decimal(0)) if actual is None else actual
    return {
        "rows": rows,
        "total_planned": planned,
        "total_current": current,
        "total_actual": actual,
        "total_rate": _rate(actual, current),
        "by_year": [
            {
                "year": row.get("year"),
                "planned": decimal(row.get("planned")) or 0,
                "actual": decimal(row.get("actual")) or 0,
                "rate": _rate(row.get("actual"), row.get("planned")),
            }
            for row in budget.get("by_year", [])
        ],
    }


def _cluster(row):
    members = row.get("members_by_year", [])
    label = row.get("label")
    if label:
        label_status = (
            _("%(level)s label, valid") if row.get("label_valid") else _("%(level)s label, expired")
        ) % {"level": label_of(LabelLevel, label)}
    else:
        label_status = _("No cluster excellence label")
    activities = row.get("activities") or {}
    started = row.get("projects_started") or {}
    return {
        "name": row.get("name", ""),
        "short_name": row.get("short_name", ""),
        "slug": row.get("slug", ""),
        "sector": _localised(row, "sector"),
        "stage": label_of(DevelopmentStage, row.get("stage")),
        "label_status": label_status,
        "networks": row.get("networks") or [],
        "members_total": members[-1].get("total", 0) if members else 0,
        "members_chart": charts.members_chart(row),
        "projects": [
            {
                "title": project.get("title", ""),
                "scope": label_of(ProjectScope, project.get("scope")),
                "start_date": _date(project.get("start_date")),
                "budget": decimal(project.get("budget")),
            }
            for project in row.get("projects", [])
        ],
        "projects_started": started.get("count", len(row.get("projects", []))),
        "projects_budget": decimal(started.get("budget")),
        "activities": activities.get("count", 0),
        "attendees": activities.get("attendees", 0),
    }


def _network(network):
    total = network.get("total") or {}
    rural = network.get("rural") or {}
    districts = [
        {
            "name": d.get("name", ""),
            "is_rural": d.get("is_rural", False),
            "services": d.get("services", 0),
            "organisations": d.get("organisations", 0),
            "hours": decimal(d.get("hours")),
            "grant_committed": decimal(d.get("grant_committed")),
            "grant_paid": decimal(d.get("grant_paid")),
            "by_type": d.get("by_type") or {},
        }
        for d in network.get("districts", [])
    ]
    types = network.get("service_types", [])
    by_type = [
        {
            "name": _localised(kind, "name"),
            "services": sum(d["by_type"].get(kind.get("code"), 0) for d in districts),
        }
        for kind in types
    ]
    return {
        "districts": districts,
        "by_type": [row for row in by_type if row["services"]],
        "total": {
            "services": total.get("services", sum(d["services"] for d in districts)),
            "organisations": total.get("organisations", 0),
            "grant_committed": decimal(total.get("grant_committed")),
            "grant_paid": decimal(total.get("grant_paid")),
        },
        "rural": {
            "services": rural.get("services", 0),
            "organisations": rural.get("organisations", 0),
            "share_services": _rate(rural.get("services", 0), total.get("services")),
            "share_organisations": _rate(rural.get("organisations", 0), total.get("organisations")),
        },
        "grant_rate": _rate(total.get("grant_paid"), total.get("grant_committed")),
    }


def _grant_call(call):
    if not call:
        return None
    return {
        "reference": call.get("reference", ""),
        "title": call.get("title", ""),
        "status": label_of(GrantCallStatus, call.get("status")),
        "applications": call.get("applications", 0),
        "eligible": call.get("eligible", 0),
        "selected": [
            {
                "district": row.get("district", ""),
                "organisation": row.get("organisation", ""),
                "monthly_amount": decimal(row.get("monthly_amount")),
                "months": row.get("months"),
                "total": decimal(row.get("total")),
            }
            for row in call.get("selected", [])
        ],
        "committed": decimal(call.get("committed")),
        "paid": decimal(call.get("paid")),
    }


def _action_plan(actions):
    return [
        {
            "title": _localised(action, "title"),
            "measure": label_of(Measure, action.get("measure")),
            "owner": _localised(action, "owner"),
            "planned_start": _date(action.get("planned_start")),
            "planned_end": _date(action.get("planned_end")),
            "status": label_of(ActionStatus, action.get("status")),
            # A late action whose status already says so is not marked twice.
            "late": bool(action.get("late")) and action.get("status") != ActionStatus.LATE,
        }
        for action in actions
    ]


def _measure(row):
    """A corrective measure from the snapshot, in the report's language."""
    return {
        "indicator": _localised(row, "indicator_name") or row.get("indicator", ""),
        "description": _localised(row, "description"),
        "owner": _localised(row, "owner"),
        "deadline": _date(row.get("deadline")),
        "status": label_of(CorrectiveStatus, row.get("status")),
        "follow_up": _localised(row, "follow_up"),
        "year": row.get("year"),
    }


def _corrective_measures(evaluation, snapshot):
    """As submitted (frozen into the snapshot), or as they stand in a draft."""
    if snapshot.get("corrective_measures") is not None:
        return [_measure(row) for row in snapshot["corrective_measures"]]
    return [
        {
            "indicator": measure.indicator.localised_name,
            "description": _localised_attr(measure, "description"),
            "owner": _localised_attr(measure, "owner"),
            "deadline": measure.deadline,
            "status": measure.get_status_display(),
            "follow_up": _localised_attr(measure, "follow_up"),
        }
        for measure in evaluation.corrective_measures.select_related("indicator")
    ]


def _summary(indicators, budget, clusters, network, snapshot):
    counts = dict.fromkeys(Progress, 0)
    for _measure_label, rows in indicators:
        for row in rows:
            counts[row["status"]] += 1
    return {
        "indicators": sum(counts.values()),
        "counts": counts,
        "rated": sum(counts[status] for status in RATED),
        "statuses": [(label_of(Progress, status), n) for status, n in counts.items() if n],
        "off_track": counts[Progress.OFF_TRACK],
        "clusters": len(clusters),
        "members": sum(c["members_total"] for c in clusters),
        "projects": sum(c["projects_started"] for c in clusters),
        "districts": len(network["districts"]),
        "late_actions": sum(1 for a in snapshot.get("action_plan") or [] if a.get("late")),
    }


def _summary_figures(figures, summary, budget, clusters, snapshot):
    """The small charts of the summary page, numbered with the others."""
    year = snapshot.get("year")
    drawn = [
        charts.status_chart(summary["counts"]),
        charts.budget_execution_chart(snapshot.get("budget") or {}, year),
        _network_map(snapshot.get("network") or {}, figure="services"),
        charts.members_by_type_chart(snapshot.get("clusters") or [], year),
    ]
    return [figures.add(chart) for chart in drawn if chart is not None and _drawn(chart)]


def _network_map(network, figure="organisations"):
    """A map of the districts coloured by the services delivered or the
    organisations reached in the year; None without any."""
    rows = network.get("districts", [])
    if not any(row.get(figure) for row in rows):
        return None
    titles = {
        "services": _("Services delivered by the brokers in each district"),
        "organisations": _("Organisations reached by the brokers in each district"),
    }
    labels = {"services": _("Services"), "organisations": _("Organisations reached")}
    return district_map(
        title=titles[figure],
        figures={row["slug"]: row.get(figure, 0) for row in rows},
        names={row["slug"]: row["name"] for row in rows},
        formatter=charts.count,
        figure_label=labels[figure],
    )


def _trend(evaluation, values):
    """Each indicator over the programme's years: its baseline, and the target
    and actual of every year up to the one evaluated (the actuals of earlier
    years as their evaluations froze them), in two queries."""
    programme = evaluation.programme
    years = [year for year in programme.year_range if year <= evaluation.year]
    earlier = {
        (value.indicator_id, value.evaluation.year): value
        for value in IndicatorValue.objects.filter(
            evaluation__programme=programme, evaluation__year__lt=evaluation.year
        ).select_related("evaluation")
    }
    targets = {
        (target.indicator_id, target.year): target.target
        for target in IndicatorTarget.objects.filter(programme=programme, year__in=years)
    }
    rows = []
    for value in values:
        indicator = value.indicator
        cells = []
        for year in years:
            past = value if year == evaluation.year else earlier.get((indicator.pk, year))
            target = past.target if past is not None else targets.get((indicator.pk, year))
            actual = past.actual if past is not None else None
            cells.append(
                {
                    "target": charts.quantity(target, indicator.unit),
                    "actual": charts.quantity(actual, indicator.unit),
                }
            )
        rows.append(
            {
                "name": indicator.localised_name,
                "baseline": charts.quantity(value.baseline, indicator.unit),
                "years": cells,
            }
        )
    return {"years": years, "rows": rows}
