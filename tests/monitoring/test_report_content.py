"""What the report says, rule by rule: the period once, the approval from the recorded
transitions, a late action marked once, every chart numbered with its table, a chart
with nothing to draw left out, the trend of each indicator over the years."""

from decimal import Decimal

import pytest
from django.utils import timezone, translation

from accounts.roles import Role
from core.charts import bar_chart
from monitoring import report_content
from monitoring.models import Evaluation, EvaluationStatus, IndicatorTarget, IndicatorValue
from tests.monitoring import reporting
from tests.monitoring.reporting import make_evaluation, make_report

evaluation = reporting.evaluation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Programa plurianual de clústeres 2024-2027", ""),
        ("Programa plurianual de clústeres", "2024–2027"),
        ("Programa 2024", "2024–2027"),  # only one of the years in the title
    ],
)
def test_the_period_is_said_once(title, period):
    programme = {"title": title, "start_year": 2024, "end_year": 2027}
    assert report_content._period(programme) == period


def test_no_period_without_years():
    assert report_content._period({"title": "P"}) == ""


def _move(evaluation, status, by):
    evaluation.transitions.create(from_status=evaluation.status, to_status=status, by=by)
    evaluation.status = status


def test_the_approval_comes_from_the_recorded_transitions(people, evaluation):
    assert report_content._approval(evaluation) == {"submitted": None, "approved": None}
    staff, official = people[Role.OFFICE_STAFF], people[Role.GOVERNMENT_OFFICIAL]
    _move(evaluation, EvaluationStatus.SUBMITTED, staff)
    _move(evaluation, EvaluationStatus.APPROVED, official)
    approval = report_content._approval(evaluation)
    assert approval["submitted"]["by"] == (staff.get_full_name() or staff.username)
    assert approval["approved"]["by"] == (official.get_full_name() or official.username)
    assert approval["approved"]["at"] <= timezone.now()


def test_a_draft_is_not_approved_even_after_an_earlier_approval(people, evaluation):
    staff, official = people[Role.OFFICE_STAFF], people[Role.GOVERNMENT_OFFICIAL]
    _move(evaluation, EvaluationStatus.SUBMITTED, staff)
    _move(evaluation, EvaluationStatus.APPROVED, official)
    _move(evaluation, EvaluationStatus.DRAFT, official)
    assert report_content._approval(evaluation)["approved"] is None


def test_a_late_action_is_marked_once():
    actions = report_content._action_plan(
        [
            {"title": "A", "status": "late", "late": True},
            {"title": "B", "status": "in_progress", "late": True},
            {"title": "C", "status": "in_progress", "late": False},
        ]
    )
    assert [action["late"] for action in actions] == [False, True, False]


def test_the_action_plan_in_the_reports_language():
    row = {"title": "Elaboración del plan", "title_en": "Development of the plan", "owner": "X"}
    with translation.override("en"):
        assert report_content._action_plan([row])[0]["title"] == "Development of the plan"
        # without an English title, the Spanish one
        assert report_content._action_plan([{"title": "Solo"}])[0]["title"] == "Solo"
    with translation.override("es"):
        assert report_content._action_plan([row])[0]["title"] == "Elaboración del plan"


def test_figures_are_numbered_and_a_chart_with_nothing_to_draw_is_left_out():
    figures = report_content.Figures()
    empty = bar_chart(title="Empty", categories=["a"], series=[("x", [0])])
    drawn = bar_chart(title="Drawn", categories=["a"], series=[("x", [3])])
    assert not empty.drawn and drawn.drawn
    assert figures.add_drawn(empty) is None
    first = figures.add_drawn(drawn)
    second = figures.add(drawn)
    assert (first.number, second.number, len(figures)) == (1, 2, 2)
    assert first.anchor == "data-1"
    assert first.image_uri.startswith("data:image/svg+xml;base64,")
    with translation.override("en"):
        assert "table A.1" in first.alt and "Drawn" in first.alt


def test_the_context_numbers_every_chart_once_in_the_order_of_the_report(people, evaluation):
    report = make_report(evaluation)
    with translation.override("es"):
        context = report_content.report_context(report)
    figures = context["figures"]
    assert [figure.number for figure in figures] == list(range(1, len(figures) + 1))
    in_order = [
        *context["summary_figures"],
        *context["indicator_charts"],
        context["budget_chart"],
        context["budget_years_chart"],
        *[cluster["members_chart"] for cluster in context["clusters"]],
        context["network_map"],
        context["network_chart"],
        context["grant_chart"],
    ]
    assert [figure for figure in in_order if figure is not None] == list(figures)
    # the years chart stops at the year evaluated
    assert [row[0] for row in context["budget_years_chart"].chart.rows][-1] == "2025"


def test_the_trend_gives_each_years_target_and_actual(people):
    staff = people[Role.OFFICE_STAFF]
    later = make_evaluation(by=staff, year=2025)
    values = list(later.values.select_related("indicator"))
    value = values[0]
    earlier = Evaluation.objects.create(
        programme=later.programme, year=2024, status=EvaluationStatus.APPROVED, created_by=staff
    )
    IndicatorValue.objects.create(
        evaluation=earlier, indicator=value.indicator, actual=Decimal(7), target=Decimal(9)
    )
    trend = report_content._trend(later, values)
    assert trend["years"][:2] == [2024, 2025]
    row = trend["rows"][0]
    assert row["years"][0] == {"target": "9", "actual": "7"}
    assert row["years"][1]["actual"] == report_content.charts.quantity(
        value.actual, value.indicator.unit
    )


def test_a_year_without_an_evaluation_shows_its_target_and_no_actual(people):
    later = make_evaluation(by=people[Role.OFFICE_STAFF], year=2025)
    values = list(later.values.select_related("indicator"))
    indicator = values[0].indicator
    IndicatorTarget.objects.update_or_create(
        indicator=indicator,
        programme=later.programme,
        year=2024,
        defaults={"target": Decimal(4)},
    )
    trend = report_content._trend(later, values)
    assert trend["rows"][0]["years"][0] == {"target": "4", "actual": "—"}
