"""An approved evaluation never changes when the portal's data is edited later:
its snapshot, its sources and its frozen values stay as they were, and
nothing of it can be taken or entered again."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from accounts.roles import Role
from brokers.network.models import ContactChannel, DistrictService, ServiceType
from districts.models import District
from monitoring import services
from monitoring.models import CorrectiveStatus, EvaluationStatus
from programmes.models import BudgetLine, Expenditure
from tests.factories import OrganisationFactory
from tests.monitoring.evaluating import (
    MEMBERS,
    YEAR,
    add_members,
    approve,
    evaluated_programme,
    indicator,
    ready_evaluation,
    set_target,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _service(broker, day, district="besaya"):
    district = District.objects.get(slug=district)
    service = DistrictService.objects.create(
        broker=broker,
        district=district,
        date=day,
        service_type=ServiceType.objects.get(code="advice"),
        channel=ContactChannel.VISIT,
        hours=2,
        created_by=broker,
    )
    service.organisations.add(OrganisationFactory(district=district))
    return service


def _frozen(evaluation):
    evaluation.refresh_from_db()
    values = {
        value.indicator.code: (
            value.actual,
            value.baseline,
            value.target,
            value.breakdown,
            value.evidence,
        )
        for value in evaluation.values.select_related("indicator")
    }
    return evaluation.snapshot, evaluation.snapshot_sources, evaluation.snapshot_taken_at, values


@pytest.fixture
def approved(people):
    office, official = people[Role.OFFICE_STAFF], people[Role.GOVERNMENT_OFFICIAL]
    programme = evaluated_programme()
    set_target(programme, MEMBERS, 10, baseline=2)
    BudgetLine.objects.create(programme=programme, year=YEAR, category="travel", amount=5000)
    Expenditure.objects.create(
        programme=programme,
        date=date(YEAR, 3, 1),
        category="travel",
        amount=1200,
        supplier="Viajes S.L.",
        description="Billetes",
        recorded_by=office,
    )
    _service(people[Role.INNOVATION_BROKER], date(YEAR, 5, 10))
    return approve(ready_evaluation(programme, office), office, official)


def test_edits_of_the_portals_data_leave_an_approved_evaluation_as_it_was(approved, people):
    office, broker = people[Role.OFFICE_STAFF], people[Role.INNOVATION_BROKER]
    before = _frozen(approved)
    programme = approved.programme
    assert before[3][MEMBERS][0] == 3
    assert before[0]["budget"]["total_actual"] == "1200.00"
    assert before[0]["network"]["total"]["services"] == 1

    # memberships: more members, one leaves within the year
    add_members(programme, 4, start=date(YEAR, 2, 1))
    leaver = programme.clusters.first().memberships.first()
    leaver.end_date = date(YEAR, 6, 30)
    leaver.save()
    # district services: more of them, and the first one withdrawn
    for day in (date(YEAR, 6, 1), date(YEAR, 9, 1)):
        _service(broker, day, district="liebana")
    DistrictService.objects.filter(district__slug="besaya").update(
        withdrawn_at=timezone.now(), withdrawn_by=broker, withdrawal_reason="Error"
    )
    # budget: more planned and more spent in the year
    BudgetLine.objects.create(programme=programme, year=YEAR, category="training", amount=9000)
    Expenditure.objects.create(
        programme=programme,
        date=date(YEAR, 10, 1),
        category="training",
        amount=3000,
        supplier="Formación S.A.",
        description="Curso",
        recorded_by=office,
    )
    # targets and the indicator catalogue
    set_target(programme, MEMBERS, 3, baseline=1)
    services.save_targets(
        programme=programme,
        targets={(indicator(MEMBERS), YEAR): (Decimal(1), Decimal(99))},
        by=office,
    )

    assert _frozen(approved) == before
    # and the same data, taken now, would indeed be different
    from monitoring.indicators import compute_all

    live = compute_all(year=YEAR, programme=programme)
    assert live[MEMBERS].actual != before[3][MEMBERS][0]
    assert live["services_delivered"].actual != before[3]["services_delivered"][0]


def test_nothing_of_an_approved_evaluation_is_taken_or_entered_again(approved, people):
    office = people[Role.OFFICE_STAFF]
    before = _frozen(approved)
    assert approved.status == EvaluationStatus.APPROVED

    with pytest.raises(ValidationError, match="approved evaluation cannot be changed"):
        services.freeze_snapshot(evaluation=approved, by=office)
    manual = approved.values.select_related("indicator").filter(indicator__computation="").first()
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.enter_value(value=manual, actual=Decimal(1), evidence="…", by=office)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.save_findings(evaluation=approved, texts={"cluster_office": "…"}, by=office)
    measure = approved.corrective_measures.get()
    measure.status = CorrectiveStatus.DONE
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.save_corrective_measure(measure=measure, by=office)
    assert _frozen(approved) == before
