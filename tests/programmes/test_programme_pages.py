"""Programme pages: list, detail, budget grid, transitions, reallocations, spending."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from programmes import services
from programmes.models import BudgetLine, Expenditure, Programme, ProgrammeStatus, Reallocation
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office(people):
    return _client(people[Role.OFFICE_STAFF])


@pytest.fixture
def official(people):
    return _client(people[Role.GOVERNMENT_OFFICIAL])


@pytest.fixture
def draft():
    programme = Programme.objects.create(title="Programa", start_year=2024, objectives="…")
    programme.clusters.set([ClusterFactory()])
    return programme


@pytest.fixture
def active(draft, people):
    services.save_budget(
        programme=draft,
        amounts={(y, c): Decimal(10000) for y in draft.year_range for c in ("travel", "training")},
    )
    for name, role in (
        ("submit", Role.OFFICE_STAFF),
        ("approve", Role.GOVERNMENT_OFFICIAL),
        ("activate", Role.OFFICE_STAFF),
    ):
        services.change_status(
            programme=draft, transition=services.TRANSITIONS[name], by=people[role]
        )
    draft.refresh_from_db()
    return draft


def _budget_post(programme, **amounts):
    data = {
        f"amount_{y}_{c}": ""
        for y in programme.year_range
        for c in (
            "human_resources",
            "travel",
            "tradeshows",
            "consultancy",
            "training",
            "marketing",
            "other",
        )
    }
    data.update(amounts)
    return data


def test_office_staff_plan_the_budget_of_a_draft(office, draft):
    response = office.post(
        f"/programmes/{draft.pk}/budget/",
        _budget_post(draft, amount_2024_travel="60.000,00", amount_2025_travel="60000"),
    )
    assert response.status_code == 302
    lines = BudgetLine.objects.filter(programme=draft, category="travel").order_by("year")
    assert [line.amount for line in lines][:2] == [Decimal(60000), Decimal(60000)]


def test_a_negative_amount_is_refused_and_nothing_is_saved(office, draft):
    response = office.post(
        f"/programmes/{draft.pk}/budget/", _budget_post(draft, amount_2024_travel="-5")
    )
    assert response.status_code == 200
    assert "amount_2024_travel" in response.context["form"].errors
    assert not BudgetLine.objects.exists()


def test_an_approved_budget_cannot_be_edited_on_the_page(office, active):
    response = office.get(f"/programmes/{active.pk}/budget/")
    assert response["Location"] == active.get_absolute_url()
    office.post(f"/programmes/{active.pk}/budget/", _budget_post(active, amount_2025_travel="1"))
    assert BudgetLine.objects.get(programme=active, year=2025, category="travel").amount == 10000
    assert office.get(f"/programmes/{active.pk}/edit/")["Location"] == active.get_absolute_url()


def test_office_staff_submit_and_cannot_approve(office, draft):
    services.save_budget(programme=draft, amounts={(2024, "travel"): Decimal(5)})
    assert office.post(f"/programmes/{draft.pk}/status/submit/", {"comment": ""}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ProgrammeStatus.SUBMITTED
    assert office.get(f"/programmes/{draft.pk}/status/approve/").status_code == 403
    assert (
        office.post(f"/programmes/{draft.pk}/status/approve/", {"comment": ""}).status_code == 403
    )
    draft.refresh_from_db()
    assert draft.status == ProgrammeStatus.SUBMITTED


def test_the_official_returns_with_a_comment(official, draft, people):
    services.save_budget(programme=draft, amounts={(2024, "travel"): Decimal(5)})
    services.change_status(
        programme=draft, transition=services.TRANSITIONS["submit"], by=people[Role.OFFICE_STAFF]
    )
    response = official.post(f"/programmes/{draft.pk}/status/return/", {"comment": ""})
    assert "comment" in response.context["form"].errors
    official.post(f"/programmes/{draft.pk}/status/return/", {"comment": "Falta detalle"})
    draft.refresh_from_db()
    assert draft.status == ProgrammeStatus.RETURNED
    assert draft.transitions.first().comment == "Falta detalle"


def test_an_unknown_transition_is_404(office, draft):
    assert office.get(f"/programmes/{draft.pk}/status/explode/").status_code == 404


def test_reallocation_requested_on_the_page_and_decided_by_the_official(office, official, active):
    travel, training = (
        BudgetLine.objects.get(programme=active, year=2025, category=c)
        for c in ("travel", "training")
    )
    response = office.post(
        f"/programmes/{active.pk}/reallocations/new/",
        {"from_line": travel.pk, "to_line": training.pk, "amount": "2500", "reason": "Más cursos"},
    )
    assert response.status_code == 302
    reallocation = Reallocation.objects.get()
    assert office.get(f"/programmes/reallocations/{reallocation.pk}/").status_code == 403
    official.post(
        f"/programmes/reallocations/{reallocation.pk}/", {"decision": "approve", "comment": ""}
    )
    reallocation.refresh_from_db()
    assert (reallocation.status, reallocation.decided_by.username) == (
        "approved",
        reallocation.decided_by.username,
    )
    assert reallocation.decided_by.has_perm("programmes.approve_programme")


def test_reallocation_between_the_same_line_is_refused(office, active):
    travel = BudgetLine.objects.get(programme=active, year=2025, category="travel")
    response = office.post(
        f"/programmes/{active.pk}/reallocations/new/",
        {"from_line": travel.pk, "to_line": travel.pk, "amount": "1", "reason": "…"},
    )
    assert "to_line" in response.context["form"].errors
    assert not Reallocation.objects.exists()


def test_recording_spending_and_its_overspending_flag(office, active):
    url = "/programmes/spending/new/"
    data = {
        "programme": active.pk,
        "date": "2025-03-10",
        "category": "travel",
        "amount": "9.000,00",
        "supplier": "Viajes S.L.",
        "description": "Misión a Bruselas",
    }
    assert office.post(url, data).status_code == 302
    response = office.post(url, {**data, "amount": "2000"})
    assert "overspend_justification" in response.context["form"].errors
    office.post(url, {**data, "amount": "2000", "overspend_justification": "Misión adicional"})
    assert list(Expenditure.objects.order_by("pk").values_list("exceeds_budget", flat=True)) == [
        False,
        True,
    ]


def test_the_services_refusal_lands_on_the_field_it_names(office, active):
    """Money recorded is money already spent: a rule of the service
    (record_expenditure), whose error names the date and is shown on that field."""
    tomorrow = timezone.localdate() + timedelta(days=1)  # within the programme's period
    response = office.post(
        "/programmes/spending/new/",
        {
            "programme": active.pk,
            "date": tomorrow.isoformat(),
            "category": "travel",
            "amount": "100",
            "supplier": "Viajes S.L.",
            "description": "Misión a Bruselas",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["date"]
    assert not Expenditure.objects.exists()


def test_a_disguised_invoice_is_refused(office, active):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = office.post(
        "/programmes/spending/new/",
        {
            "programme": active.pk,
            "date": "2025-03-10",
            "category": "travel",
            "amount": "10",
            "supplier": "X",
            "description": "Y",
            "document": SimpleUploadedFile("factura.pdf", b"<script>alert(1)</script>"),
        },
    )
    assert "document" in response.context["form"].errors
    assert not Expenditure.objects.exists()


def _expenditure(programme, user, **values):
    return Expenditure.objects.create(
        **{
            "programme": programme,
            "date": date(2025, 4, 1),
            "category": "travel",
            "amount": Decimal(100),
            "supplier": "Proveedor",
            "description": "Gasto",
            "recorded_by": user,
            **values,
        }
    )


def test_spending_list_filters_and_exports_the_same_rows(office, active, people):
    _expenditure(active, people[Role.OFFICE_STAFF], category="training", supplier="Formación S.L.")
    _expenditure(active, people[Role.OFFICE_STAFF], supplier="=cmd|' /C calc'!A0")
    page = office.get("/programmes/spending/", {"category": "training"})
    assert [e.supplier for e in page.context["page"].object_list] == ["Formación S.L."]
    assert page.context["total"] == Decimal(100)
    content = office.get(
        "/programmes/spending/", {"category": "travel", "export": "csv"}
    ).content.decode("utf-8-sig")
    assert "Formación" not in content
    assert "'=cmd" in content


def test_a_broker_sees_nothing_of_spending(people, active):
    broker = _client(people[Role.INNOVATION_BROKER])
    assert broker.get("/programmes/spending/").status_code == 403
    assert broker.get(f"/programmes/{active.pk}/").status_code == 403
    assert broker.get(f"/programmes/{active.pk}/budget/export/").status_code == 403


def test_budget_export_has_a_row_per_year_and_category(office, active):
    content = office.get(f"/programmes/{active.pk}/budget/export/?export=csv").content.decode(
        "utf-8-sig"
    )
    assert len(content.strip().splitlines()) == 1 + 4 * 7


def test_spending_list_queries_do_not_grow_with_rows(office, active, people):
    _expenditure(active, people[Role.OFFICE_STAFF])
    with CaptureQueriesContext(connection) as few:
        office.get("/programmes/spending/")
    for _ in range(30):
        _expenditure(active, people[Role.OFFICE_STAFF], cluster=active.clusters.first())
    # session, user, permissions (2), the total, count, the page with programmes
    # and clusters, and the programme and cluster choices of the filter
    with CaptureQueriesContext(connection) as many:
        office.get("/programmes/spending/")
    assert len(many) == len(few) == 9


def test_programme_list_queries_do_not_grow_with_rows(office, active):
    with CaptureQueriesContext(connection) as few:
        office.get("/programmes/")
    for year in range(2030, 2040):
        Programme.objects.create(title=f"P{year}", start_year=year, objectives="…")
    # session, user, permissions (2), count, the page with totals
    with CaptureQueriesContext(connection) as many:
        office.get("/programmes/")
    assert len(many) == len(few) == 6


def test_programme_page_queries_do_not_grow_with_spending(official, active, people):
    _expenditure(active, people[Role.OFFICE_STAFF])
    with CaptureQueriesContext(connection) as few:
        official.get(f"/programmes/{active.pk}/")
    for _ in range(30):
        _expenditure(active, people[Role.OFFICE_STAFF])
    with CaptureQueriesContext(connection) as many:
        official.get(f"/programmes/{active.pk}/")
    assert len(many) == len(few)


def test_programme_page_shows_the_budget_of_the_chosen_year(official, active):
    response = official.get(f"/programmes/{active.pk}/", {"year": "2026"})
    assert response.context["year"] == 2026
    assert response.context["year_total"].planned == Decimal(20000)
    assert "<svg" in response.content.decode()
    assert (
        official.get(f"/programmes/{active.pk}/", {"year": "1999"}).context["year"]
        in active.year_range
    )


def test_programme_list_total_is_not_multiplied_by_its_clusters(office, active):
    active.clusters.add(ClusterFactory(), ClusterFactory())
    [row] = office.get("/programmes/").context["page"].object_list
    assert row.planned_total == Decimal(4 * 2 * 10000)


def test_key_results_of_a_closed_programme_stay_as_they_were(office, active, people):
    services.change_status(
        programme=active, transition=services.TRANSITIONS["close"], by=people[Role.OFFICE_STAFF]
    )
    response = office.get(f"/programmes/{active.pk}/results/")
    assert response["Location"] == active.get_absolute_url()


def test_the_key_results_form_refuses_extra_rows(office, active):
    response = office.post(
        f"/programmes/{active.pk}/results/?year=2025",
        {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-status": "achieved"},
    )
    assert response.status_code in (200, 302)  # never a 500
