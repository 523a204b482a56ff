"""The demo grant calls created by seed_demo: the Network of Innovation Brokers."""

from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from brokers.call.models import (
    Application,
    ApplicationStatus,
    Eligibility,
    EligibilityCheck,
    GrantAgreement,
    GrantCall,
    GrantCallStatus,
    GrantCallTransition,
    Payment,
    PaymentStatus,
    RequirementStatement,
    Review,
    Score,
    Selection,
)
from brokers.call.services import ranking
from clusters.models import HelixType, Organisation
from demo.grant_calls import DRAFT_REFERENCE, OPEN_REFERENCE, reference
from demo.people import DEMO_PASSWORD
from demo.timeline import moved, on, year

pytestmark = pytest.mark.django_db
BROKER_MODELS = [
    GrantCall,
    GrantCallTransition,
    Application,
    RequirementStatement,
    EligibilityCheck,
    Review,
    Score,
    Selection,
    GrantAgreement,
    Payment,
]


@pytest.fixture
def call(seeded):
    return GrantCall.objects.get(reference=reference())


def _state():
    """Every row of the grant call models, with the people and organisations."""
    state = {}
    for model in BROKER_MODELS:
        state[model.__name__] = sorted(map(str, model.objects.values_list()))
        if hasattr(model, "history"):
            state[f"{model.__name__} history"] = model.history.count()
    state["people"] = sorted(
        User.objects.values_list("username", "password", "district__slug", "organisation_id")
    )
    state["people history"] = User.history.count()
    state["organisations"] = sorted(Organisation.objects.values_list("legal_name", "tax_id"))
    state["evaluators"] = sorted(GrantCall.evaluators.through.objects.values_list())
    state["districts"] = sorted(GrantCall.districts.through.objects.values_list())
    return state


def test_a_resolved_call_for_the_ten_districts(call):
    assert call.status == GrantCallStatus.RESOLVED
    assert call.reference == moved("CINB-2024")
    assert call.title == moved("Convocatoria de agentes de innovación 2025-2026")
    assert call.districts.count() == 10
    assert (call.total_budget, call.max_monthly_grant, call.duration_months) == (
        Decimal("840000"),
        Decimal("3500"),
        24,
    )
    opens, closes = timezone.localdate(call.opens_at), timezone.localdate(call.closes_at)
    assert (opens, closes) == (on(2024, 9, 15), on(2024, 10, 31))
    assert 3 <= call.eligibility_criteria.count() <= 4
    assert sum(call.evaluation_criteria.values_list("weight", flat=True)) == 100
    assert call.evaluation_criteria.count() == 6
    assert set(call.evaluators.values_list("username", flat=True)) == {
        "evaluator",
        "evaluator2",
        "evaluator3",
    }
    for evaluator in call.evaluators.all():
        assert evaluator.roles == [Role.EVALUATOR]
        assert evaluator.check_password(DEMO_PASSWORD)
    transitions = list(call.transitions.order_by("at"))
    assert [(t.from_status, t.to_status) for t in transitions] == [
        (GrantCallStatus.DRAFT, GrantCallStatus.PUBLISHED),
        (GrantCallStatus.PUBLISHED, GrantCallStatus.CLOSED),
        (GrantCallStatus.CLOSED, GrantCallStatus.UNDER_EVALUATION),
        (GrantCallStatus.UNDER_EVALUATION, GrantCallStatus.RESOLVED),
    ]
    assert transitions[1].by is None and transitions[1].at == call.closes_at  # the schedule
    assert {t.by.username for t in transitions if t.by} == {"coordinator"}
    assert all(t.at.year == year(2024) for t in transitions)
    # The audit trail reads as it happened, not on the day of seeding.
    assert not call.history.filter(history_date__date=timezone.localdate()).exists()


def test_applications_from_every_district(call):
    applications = call.applications.select_related("organisation", "created_by", "district")
    assert 16 <= applications.count() <= 20
    assert not applications.exclude(status=ApplicationStatus.SUBMITTED).exists()
    per_district = Counter(a.district.slug for a in applications)
    assert len(per_district) == 10
    assert all(1 <= n <= 3 for n in per_district.values())
    assert sum(1 for n in per_district.values() if n > 1) >= 5
    criteria = call.evaluation_criteria.count()
    for application in applications:
        assert call.opens_at <= application.submitted_at <= call.closes_at
        assert application.statements.exclude(text="").count() == criteria
        assert application.broker_name and application.work_plan
        assert Decimal("3000") <= application.requested_monthly_amount <= Decimal("3500")
        author = application.created_by
        assert author.has_role(Role.APPLICANT)
        assert author.organisation == application.organisation
        assert application.history.earliest().history_user == author


def test_one_ineligible_application_with_its_reason(call):
    ineligible = call.applications.get(eligibility=Eligibility.INELIGIBLE)
    assert ineligible.ineligibility_reason.strip()
    failed = ineligible.eligibility_checks.get(passed=False)
    assert failed.note in ineligible.ineligibility_reason
    assert call.applications.filter(
        district=ineligible.district, eligibility=Eligibility.ELIGIBLE
    ).exists()
    assert not call.applications.filter(eligibility=Eligibility.PENDING).exists()
    criteria = call.eligibility_criteria.count()
    for application in call.applications.all():
        checks = application.eligibility_checks.all()
        assert checks.count() == criteria
        assert {c.checked_by.username for c in checks} == {"evaluator"}
        assert all(c.checked_at.year == year(2024) for c in checks)


def test_one_conflict_of_interest_and_the_scores(call):
    conflict = Review.objects.get(has_conflict=True)
    assert conflict.evaluator.username == "evaluator2"
    assert conflict.application.call == call
    assert not conflict.scores.exists() and conflict.submitted_at is None
    eligible = call.applications.filter(eligibility=Eligibility.ELIGIBLE)
    for application in eligible:
        reviews = application.reviews.filter(has_conflict=False)
        expected = 2 if application == conflict.application else 3
        assert reviews.filter(submitted_at__isnull=False).count() == expected
    assert not Review.objects.filter(application__eligibility=Eligibility.INELIGIBLE).exists()
    scores = Score.objects.filter(review__application__call=call)
    assert scores.count() == (3 * eligible.count() - 1) * call.evaluation_criteria.count()
    assert all(0 <= s.score <= s.criterion.max_score for s in scores.select_related("criterion"))
    low = scores.filter(score__lt=5)
    assert low.exists()
    assert not low.filter(comment="").exists()
    ranked = ranking(call)
    assert len(ranked) == 10
    assert all(row.total is not None for rows in ranked.values() for row in rows)


def test_ten_host_organisations_selected(call):
    selections = call.selections.select_related("application__organisation", "district")
    assert selections.count() == 10
    assert len({s.district_id for s in selections}) == 10
    hosts = {s.district.slug: s.application.organisation for s in selections}
    assert len({o.pk for o in hosts.values()}) == 10
    assert hosts["santander"].short_name == "DGIDTEI"
    assert hosts["santander"].helix_type == HelixType.PUBLIC_ADMINISTRATION
    assert hosts["besaya"].legal_name == "Cámara Oficial de Comercio e Industria de Torrelavega"
    names = " ".join(o.legal_name for o in hosts.values())
    assert names.count("Grupo de Acción Local") + names.count("Desarrollo") >= 4
    assert "Asociación de Empresarios" in names
    for organisation in hosts.values():
        assert organisation.tax_id and organisation.district
    ranked = ranking(call)
    not_first = [s for s in selections if ranked[s.district][0].application != s.application]
    assert len(not_first) == 1
    assert not_first[0].reason.strip()
    assert not selections.exclude(pk=not_first[0].pk).exclude(reason="").exists()
    assert {s.selected_by.username for s in selections} == {"coordinator"}


def test_agreements_and_broker_accounts(call):
    agreements = call.agreements.select_related("broker", "district", "selection")
    assert agreements.count() == 10
    total = Decimal(0)
    for agreement in agreements:
        assert agreement.monthly_amount == Decimal("3500")
        assert (agreement.start_date, agreement.end_date) == (on(2025, 1, 1), on(2026, 12, 31))
        assert agreement.months == 24
        assert agreement.organisation == agreement.selection.application.organisation
        assert agreement.signed_at < timezone.make_aware(datetime(year(2025), 1, 1))
        broker = agreement.broker
        assert broker.roles == [Role.INNOVATION_BROKER]
        assert broker.district == agreement.district
        assert broker.check_password(DEMO_PASSWORD)
        total += agreement.total
    assert total == Decimal("840000") == call.total_budget
    assert total / 2 == Decimal("420000")  # a year: 10 districts, 12 months, EUR 3,500
    brokers = User.objects.with_role(Role.INNOVATION_BROKER)
    assert brokers.count() == 10
    assert agreements.get(district__slug="besaya").broker.username == "broker"
    assert agreements.get(district__slug="santander").broker.username == "broker_santander"


def test_payments_for_the_months_past(call):
    today = timezone.localdate()
    this_month = today.replace(day=1)
    for agreement in call.agreements.all():
        payments = agreement.payments.all()
        for payment in payments:
            assert payment.amount == Decimal("3500")
            if payment.month < this_month:
                assert payment.status == PaymentStatus.PAID
                assert payment.month < payment.paid_on <= today
            else:
                assert payment.month == this_month
                assert payment.status == PaymentStatus.PENDING and payment.paid_on is None
        months = [p.month for p in payments]
        expected, month = [], agreement.start_date
        while month <= min(this_month, agreement.end_date):
            expected.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        assert months == expected
        assert len(months) == 12 + today.month  # the whole of last year, this year so far
    assert Payment.objects.filter(status=PaymentStatus.PAID).exists()


def test_a_draft_call_and_an_open_call_with_the_applicants_draft(seeded):
    draft = GrantCall.objects.get(status=GrantCallStatus.DRAFT)
    assert draft.reference == reference(DRAFT_REFERENCE) == moved("CINB-2026-R")
    assert draft.title == moved("Convocatoria de agentes de innovación 2029-2030")
    assert draft.opens_at.year == year(2028) and draft.districts.count() == 10
    assert (draft.duration_months, draft.total_budget) == (24, Decimal("840000"))
    assert not draft.applications.exists()

    open_call = GrantCall.objects.open_to_applicants().get()
    assert open_call.reference == reference(OPEN_REFERENCE) == moved("CINB-2026-V")
    assert open_call.title == moved("Convocatoria de agentes de innovación — vacantes 2027-2028")
    assert moved("31 de diciembre de 2026") in open_call.purpose  # when the agreements end
    today = timezone.localdate()
    assert timezone.localdate(open_call.opens_at) == today - timedelta(days=7)
    assert timezone.localdate(open_call.closes_at) == today + timedelta(days=42)
    assert 2 <= open_call.districts.count() <= 3
    assert (open_call.duration_months, open_call.total_budget) == (24, Decimal("252000"))

    applicant = User.objects.get(username="applicant")
    assert applicant.roles == [Role.APPLICANT]
    assert applicant.check_password(DEMO_PASSWORD)
    organisation = applicant.organisation
    assert organisation is not None
    assert not GrantAgreement.objects.filter(organisation=organisation).exists()
    application = Application.objects.get(call=open_call)
    assert application.status == ApplicationStatus.DRAFT
    assert (application.organisation, application.created_by) == (organisation, applicant)
    assert open_call.districts.filter(pk=application.district_id).exists()
    assert application.district == organisation.district


def test_sends_no_email_and_prints_a_summary(seeded):
    assert mail.outbox == []
    line = next(line for line in seeded.splitlines() if "grant calls:" in line)
    for words in ("3 calls", "1 ineligible", "1 conflict", "10 selections", "10 agreements"):
        assert words in line
    assert "EUR 840,000 (EUR 420,000 a year)" in line
    assert "applicant" in next(line for line in seeded.splitlines() if "Log in as" in line)


def test_running_twice_changes_nothing_even_on_a_later_day(seed, monkeypatch):
    seed()
    first = _state()
    out = seed()
    assert "grant calls: already seeded" in out
    assert _state() == first
    later = timezone.localdate() + timedelta(days=45)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    seed()
    assert _state() == first
