"""Programme transitions, the locked budget, reallocations and overspending."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import Role
from programmes import services
from programmes.budget import budget_table, line_balance
from programmes.models import (
    BudgetLine,
    ClusterResult,
    Expenditure,
    KeyResult,
    Programme,
    ProgrammeStatus,
    ReallocationStatus,
)
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db
STRATEGY = {
    "human_resources": 242000,
    "travel": 60000,
    "tradeshows": 100000,
    "consultancy": 120000,
    "training": 100000,
    "marketing": 60000,
    "other": 60000,
}


@pytest.fixture
def office(people):
    return people[Role.OFFICE_STAFF]


@pytest.fixture
def official(people):
    return people[Role.GOVERNMENT_OFFICIAL]


@pytest.fixture
def draft():
    programme = Programme.objects.create(
        title="Programa 2024-2027", start_year=2024, objectives="…"
    )
    programme.clusters.set([ClusterFactory(), ClusterFactory()])
    services.save_budget(
        programme=programme,
        amounts={
            (year, c): Decimal(a) for year in programme.year_range for c, a in STRATEGY.items()
        },
    )
    return programme


def _take(programme, name, by, comment=""):
    return services.change_status(
        programme=programme, transition=services.TRANSITIONS[name], by=by, comment=comment
    )


@pytest.fixture
def approved(draft, office, official):
    _take(draft, "submit", office)
    _take(draft, "approve", official)
    draft.refresh_from_db()
    return draft


def test_four_consecutive_years_by_default(draft):
    assert (draft.start_year, draft.end_year, draft.year_range) == (
        2024,
        2027,
        [2024, 2025, 2026, 2027],
    )


def test_budget_totals_per_year_category_and_period(draft):
    table = budget_table(draft)
    assert table.figures(year=2025).planned == Decimal(sum(STRATEGY.values()))
    assert table.figures(category="training").planned == Decimal(400000)
    assert table.figures(year=2026, category="human_resources").planned == Decimal(242000)
    assert table.total.planned == Decimal(4 * sum(STRATEGY.values()))


def test_a_draft_cannot_be_approved_by_office_staff(draft, office):
    _take(draft, "submit", office)
    with pytest.raises(PermissionDenied):
        _take(draft, "approve", office)
    draft.refresh_from_db()
    assert draft.status == ProgrammeStatus.SUBMITTED


def test_a_draft_cannot_skip_submission(draft, official):
    with pytest.raises(ValidationError):
        _take(draft, "approve", official)


def test_only_office_staff_submit(draft, official):
    with pytest.raises(PermissionDenied):
        _take(draft, "submit", official)


def test_submitting_needs_clusters_and_a_budget(office):
    empty = Programme.objects.create(title="Vacío", start_year=2024, objectives="…")
    with pytest.raises(ValidationError, match="clúster|cluster"):
        _take(empty, "submit", office)


def test_returning_needs_a_comment_and_reopens_the_draft(draft, office, official):
    _take(draft, "submit", office)
    with pytest.raises(ValidationError):
        _take(draft, "return", official, comment="  ")
    record = _take(draft, "return", official, comment="Detail the training actions.")
    draft.refresh_from_db()
    assert draft.status == ProgrammeStatus.RETURNED
    assert (record.by, record.comment, record.from_status) == (
        official,
        "Detail the training actions.",
        "submitted",
    )
    _take(draft, "submit", office)  # and it can be submitted again


def test_every_transition_is_recorded_with_who_and_when(approved, office):
    _take(approved, "activate", office)
    records = list(approved.transitions.order_by("at"))
    assert [(r.from_status, r.to_status) for r in records] == [
        ("draft", "submitted"),
        ("submitted", "approved"),
        ("approved", "active"),
    ]
    assert all(r.at and r.by_id for r in records)


def test_starting_a_programme_prepares_its_key_results(approved, office):
    _take(approved, "activate", office)
    assert ClusterResult.objects.filter(programme=approved).count() == 2 * 4 * len(KeyResult)


def test_an_approved_budget_cannot_be_edited(approved):
    with pytest.raises(ValidationError):
        services.save_budget(programme=approved, amounts={(2025, "travel"): Decimal(1)})
    assert BudgetLine.objects.get(programme=approved, year=2025, category="travel").amount == 60000


def _line(programme, year, category):
    return BudgetLine.objects.get(programme=programme, year=year, category=category, cluster=None)


def test_a_reallocation_needs_an_officials_approval_and_keeps_the_total(approved, office, official):
    other, marketing = _line(approved, 2025, "other"), _line(approved, 2025, "marketing")
    reallocation = services.request_reallocation(
        programme=approved,
        from_line=other,
        to_line=marketing,
        amount=Decimal(8000),
        reason="Feria adicional",
        by=office,
    )
    assert budget_table(approved).figures(year=2025, category="marketing").current == 60000

    with pytest.raises(PermissionDenied):
        services.decide_reallocation(reallocation=reallocation, approve=True, by=office)
    services.decide_reallocation(reallocation=reallocation, approve=True, by=official)

    table = budget_table(approved)
    assert table.figures(year=2025, category="marketing").current == 68000
    assert table.figures(year=2025, category="other").current == 52000
    assert table.figures(year=2025).current == table.figures(year=2025).planned
    assert table.total.current == table.total.planned  # the total cannot grow
    assert table.figures(year=2025, category="marketing").planned == 60000  # planned stays


def test_a_reallocation_cannot_take_more_than_a_line_has(approved, office):
    with pytest.raises(ValidationError):
        services.request_reallocation(
            programme=approved,
            from_line=_line(approved, 2025, "other"),
            to_line=_line(approved, 2025, "travel"),
            amount=Decimal(60001),
            reason="…",
            by=office,
        )


def test_two_approvals_cannot_spend_the_same_balance(approved, office, official):
    other = _line(approved, 2025, "other")
    first, second = (
        services.request_reallocation(
            programme=approved,
            from_line=other,
            to_line=_line(approved, 2025, target),
            amount=Decimal(40000),
            reason="…",
            by=office,
        )
        for target in ("travel", "training")
    )
    services.decide_reallocation(reallocation=first, approve=True, by=official)
    with pytest.raises(ValidationError):
        services.decide_reallocation(reallocation=second, approve=True, by=official)
    assert line_balance(other) == Decimal(20000)


def test_a_rejection_needs_a_comment_and_changes_nothing(approved, office, official):
    reallocation = services.request_reallocation(
        programme=approved,
        from_line=_line(approved, 2025, "other"),
        to_line=_line(approved, 2025, "travel"),
        amount=Decimal(1000),
        reason="…",
        by=office,
    )
    with pytest.raises(ValidationError):
        services.decide_reallocation(reallocation=reallocation, approve=False, by=official)
    services.decide_reallocation(
        reallocation=reallocation, approve=False, by=official, comment="No."
    )
    reallocation.refresh_from_db()
    assert reallocation.status == ReallocationStatus.REJECTED
    assert budget_table(approved).figures(year=2025, category="travel").current == 60000


def test_no_reallocation_of_a_draft(draft, office):
    with pytest.raises(ValidationError):
        services.request_reallocation(
            programme=draft,
            from_line=_line(draft, 2025, "other"),
            to_line=_line(draft, 2025, "travel"),
            amount=Decimal(1),
            reason="…",
            by=office,
        )


def _spend(programme, office, amount, category="travel", day=date(2025, 5, 1), **values):
    return services.record_expenditure(
        expenditure=Expenditure(
            programme=programme,
            date=day,
            category=category,
            amount=Decimal(amount),
            supplier="Viajes Cantábricos S.L.",
            description="Viaje a Bruselas",
            **values,
        ),
        by=office,
    )


def test_execution_rate_per_category_and_year(approved, office):
    _spend(approved, office, 30000)
    _spend(approved, office, 15000)
    figures = budget_table(approved).figures(year=2025, category="travel")
    assert (figures.spent, figures.rate) == (Decimal(45000), Decimal("75.0"))
    assert budget_table(approved).figures(year=2024, category="travel").rate == Decimal("0.0")


def test_overspending_needs_a_justification_and_is_flagged(approved, office):
    _spend(approved, office, 59000)
    with pytest.raises(ValidationError) as refused:
        _spend(approved, office, 2000)
    assert "overspend_justification" in refused.value.message_dict
    flagged = _spend(approved, office, 2000, overspend_justification="Viaje urgente a la ECCP")
    assert flagged.exceeds_budget
    assert budget_table(approved).figures(year=2025, category="travel").overspent


def test_spending_outside_the_programme_period_is_refused(approved, office):
    with pytest.raises(ValidationError) as refused:
        _spend(approved, office, 100, day=date(2028, 1, 10))
    assert "date" in refused.value.message_dict


def test_a_reallocation_cannot_take_money_already_spent(approved, office):
    _spend(approved, office, 45000, day=date(2025, 5, 1))
    with pytest.raises(ValidationError):
        services.request_reallocation(
            programme=approved,
            from_line=_line(approved, 2025, "travel"),
            to_line=_line(approved, 2025, "training"),
            amount=Decimal(15001),
            reason="…",
            by=office,
        )
    services.request_reallocation(
        programme=approved,
        from_line=_line(approved, 2025, "travel"),
        to_line=_line(approved, 2025, "training"),
        amount=Decimal(15000),
        reason="…",
        by=office,
    )


def test_closing_waits_for_pending_reallocations(approved, office, official):
    services.change_status(
        programme=approved, transition=services.TRANSITIONS["activate"], by=office
    )
    pending = services.request_reallocation(
        programme=approved,
        from_line=_line(approved, 2025, "other"),
        to_line=_line(approved, 2025, "travel"),
        amount=Decimal(1),
        reason="…",
        by=office,
    )
    with pytest.raises(ValidationError):
        _take(approved, "close", office)
    services.decide_reallocation(reallocation=pending, approve=False, by=official, comment="No")
    _take(approved, "close", office)
    approved.refresh_from_db()
    assert approved.status == ProgrammeStatus.CLOSED


def test_a_closed_programme_takes_no_more_spending(approved, office):
    services.change_status(
        programme=approved, transition=services.TRANSITIONS["activate"], by=office
    )
    _take(approved, "close", office)
    with pytest.raises(ValidationError):
        _spend(approved, office, 10)


def test_spending_cannot_be_dated_in_the_future(approved, office):
    from datetime import timedelta

    from django.utils import timezone

    tomorrow = timezone.localdate() + timedelta(days=1)
    if tomorrow.year > approved.end_year:
        pytest.skip("the programme period is over")
    with pytest.raises(ValidationError):
        _spend(approved, office, 10, day=tomorrow)


def test_spending_is_tied_only_to_a_supported_cluster(approved, office):
    with pytest.raises(ValidationError) as refused:
        _spend(approved, office, 10, cluster=ClusterFactory())
    assert "cluster" in refused.value.message_dict
    assert _spend(approved, office, 10, cluster=approved.clusters.first()).cluster


def test_correcting_an_old_record_needs_no_justification(approved, office):
    first = _spend(approved, office, 50000)
    _spend(approved, office, 15000, overspend_justification="Misión urgente")
    first.description = "Viaje a Bruselas (corregido)"
    services.record_expenditure(expenditure=first, by=office)
    first.amount = Decimal(50001)
    with pytest.raises(ValidationError):
        services.record_expenditure(expenditure=first, by=office)


def test_editing_a_draft_drops_lines_outside_its_period_and_clusters(draft, office):
    from programmes.forms import ProgrammeForm

    kept, dropped = draft.clusters.all()
    services.save_budget(programme=draft, amounts={(2025, "travel"): Decimal(500)}, cluster=dropped)
    form = ProgrammeForm(
        {
            "title": draft.title,
            "start_year": 2024,
            "years": 2,
            "target_stage": "immature",
            "objectives": "…",
            "clusters": [kept.pk],
        },
        instance=draft,
    )
    assert form.is_valid(), form.errors
    services.update_programme(form=form)
    assert set(BudgetLine.objects.filter(programme=draft).values_list("year", flat=True)) == {
        2024,
        2025,
    }
    assert not BudgetLine.objects.filter(programme=draft, cluster=dropped).exists()
    assert budget_table(draft).total.planned == 2 * sum(STRATEGY.values())
