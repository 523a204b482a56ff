"""An evaluation with a hand-written snapshot, for the report tests.

The snapshot follows the contract of monitoring.snapshot.build_snapshot with
the strategy's figures: a budget of EUR 740,000 in seven cost categories, six
cluster organisations and ten districts whose brokers are granted EUR 3,500 a
month (EUR 420,000 a year).
"""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from monitoring.models import (
    CorrectiveMeasure,
    Direction,
    Evaluation,
    EvaluationReport,
    EvaluationStatus,
    Finding,
    Indicator,
    IndicatorValue,
    ReportStatus,
)
from programmes.models import Programme, ProgrammeStatus

YEAR = 2025
BUDGET = {
    "human_resources": ("242000.00", "236500.00"),
    "travel": ("60000.00", "48200.00"),
    "tradeshows": ("100000.00", "91000.00"),
    "consultancy": ("120000.00", "118750.00"),
    "training": ("100000.00", "87300.00"),
    "marketing": ("60000.00", "55900.00"),
    "other": ("60000.00", "12400.00"),
}
CLUSTERS = [
    ("Clúster de Automoción de Cantabria", "GIRA"),
    ("Clúster de Industrias de Cantabria", "CINC"),
    ("Sea of Innovation Cantabria Cluster", "SOI"),
    ("Clúster MARCA de Turismo", "MARCA"),
    ("Consorcio de Exportación Agroalimentaria", "CEXAGRO"),
    ("Consorcio de Exportación Industrial", "CEXIND"),
]
DISTRICTS = [
    ("Asón-Agüera", "ason-aguera", True),
    ("Besaya", "besaya", False),
    ("Campoo-Los Valles", "campoo-los-valles", True),
    ("Costa Occidental", "costa-occidental", True),
    ("Costa Oriental", "costa-oriental", True),
    ("Liébana", "liebana", True),
    ("Saja-Nansa", "saja-nansa", True),
    ("Santander", "santander", False),
    ("Trasmiera", "trasmiera", True),
    ("Valles Pasiegos", "valles-pasiegos", True),
]
# (code, name, name_en, unit, direction, measure, baseline, target, actual)
INDICATORS = [
    ("members", "Miembros comprometidos", "Committed members", "members",
     Direction.HIGHER, "cluster_office", "420", "480", "465"),
    ("sme-share", "Proporción de pymes", "SME share of company members", "%",
     Direction.HIGHER, "cluster_office", "55", "60", "41.5"),
    ("services", "Servicios prestados", "Services delivered", "services",
     Direction.HIGHER, "broker_network", "0", "600", "450"),
    ("grants-paid", "Subvenciones pagadas", "Broker grants paid", "EUR",
     Direction.HIGHER, "broker_network", None, "420000", "385000"),
]  # fmt: skip


def snapshot(year=YEAR):
    """A snapshot dict as build_snapshot returns it (JSON-ready: amounts as text)."""
    years = list(range(2024, year + 1))
    districts = []
    for index, (name, slug, is_rural) in enumerate(DISTRICTS):
        services = 40 + index * 3
        districts.append(
            {
                "name": name,
                "slug": slug,
                "is_rural": is_rural,
                "services": services,
                "organisations": 20 + index,
                "hours": f"{services * 2}.5",
                "grant_committed": "42000.00",
                "grant_paid": "38500.00",
                "by_type": {"advice": services - 10, "matching": 10},
            }
        )
    rural = [d for d in districts if d["is_rural"]]
    return {
        "schema": 2,
        "year": year,
        "programme": {"title": "Programa de Clústeres 2024-2027", "start_year": 2024,
                      "end_year": 2027},
        "budget": {
            "rows": [
                {"category": code, "planned": planned, "actual": actual}
                for code, (planned, actual) in BUDGET.items()
            ],
            "total_planned": "740000.00",
            "total_actual": str(sum(Decimal(a) for _p, a in BUDGET.values())),
            "by_year": [
                {"year": y, "planned": "740000.00", "actual": "650050.00" if y == year else "0.00"}
                for y in range(2024, 2028)
            ],
        },
        "clusters": [
            {
                "name": name,
                "short_name": short,
                "slug": short.lower(),
                "sector": "Industria",
                "stage": "immature",
                "label": "bronze" if index == 0 else None,
                "label_valid": index == 0,
                "networks": ["ECCP"] if index < 2 else [],
                "members_by_year": [
                    {
                        "year": y,
                        "by_type": {"company": 50 + index + (y - 2024) * 5, "university": 2,
                                    "research_centre": 3},
                        "total": 55 + index + (y - 2024) * 5,
                    }
                    for y in years
                ],
                "projects": [
                    {"title": f"Proyecto {short}", "scope": "transnational",
                     "start_date": f"{year}-03-01", "budget": "250000.00"}
                ],
                "activities": {"count": 4 + index, "attendees": 120},
            }
            for index, (name, short) in enumerate(CLUSTERS)
        ],
        "network": {
            "districts": districts,
            "service_types": [
                {"code": "advice", "name": "Asesoramiento", "name_en": "Tailored advice"},
                {"code": "matching", "name": "Casación", "name_en": "Matching"},
            ],
            "total": {
                "services": sum(d["services"] for d in districts),
                "organisations": 230,
                "grant_committed": "420000.00",
                "grant_paid": "385000.00",
            },
            "rural": {
                "services": sum(d["services"] for d in rural),
                "organisations": 170,
                "share_services": "0.78",
                "share_organisations": "0.74",
            },
        },
        "grant_call": {
            "reference": "CINB-2024",
            "title": "Convocatoria de agentes de innovación",
            "status": "resolved",
            "applications": 14,
            "eligible": 12,
            "selected": [
                {"district": name, "organisation": f"Cámara {name}",
                 "monthly_amount": "3500.00", "months": 12, "total": "42000.00"}
                for name, _slug, _rural in DISTRICTS
            ],
            "committed": "420000.00",
            "paid": "385000.00",
        },
        "action_plan": [
            {"title": "Seguimiento anual", "measure": "cluster_office", "owner": "Oficina",
             "planned_start": f"{year}-06-01", "planned_end": f"{year}-06-30",
             "status": "done", "late": False},
            {"title": "Selección de agentes", "measure": "broker_network", "owner": "DGIDTEI",
             "planned_start": f"{year}-01-01", "planned_end": f"{year}-03-31",
             "status": "in_progress", "late": True},
        ],
        "corrective_follow_up": [
            {"indicator": "members", "indicator_name": "Miembros comprometidos",
             "indicator_name_en": "Committed members", "description": "Campaña de captación",
             "owner": "Oficina", "deadline": f"{year}-06-30", "status": "done",
             "follow_up": "Se captaron 30 socios", "year": year - 1},
        ],
    }  # fmt: skip


def make_evaluation(*, by, year=YEAR, status=EvaluationStatus.DRAFT, taken_at=None):
    """An evaluation of year with its snapshot, indicator values, findings and
    a corrective measure for its off-track indicator."""
    programme = Programme.objects.create(
        title="Programa de Clústeres 2024-2027",
        start_year=2024,
        objectives="…",
        status=ProgrammeStatus.ACTIVE,
    )
    evaluation = Evaluation.objects.create(
        programme=programme,
        year=year,
        status=status,
        snapshot=snapshot(year),
        snapshot_taken_at=taken_at or timezone.make_aware(datetime(year + 1, 1, 15, 9, 30)),
        snapshot_taken_by=by,
        snapshot_sources={"rows": {"memberships": 330}},
        created_by=by,
    )
    for position, row in enumerate(INDICATORS):
        code, name, name_en, unit, direction, measure, baseline, target, actual = row
        indicator, _created = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "definition": f"Definición de {name.lower()}.",
                "definition_en": f"Definition of {name_en.lower()}.",
                "unit": unit,
                "direction": direction,
                "measure": measure,
                "computation": "" if code == "grants-paid" else code,
                "position": position,
            },
        )
        IndicatorValue.objects.create(
            evaluation=evaluation,
            indicator=indicator,
            baseline=baseline,
            target=target,
            actual=actual,
            evidence="Resoluciones de pago" if code == "grants-paid" else "",
        )
    Finding.objects.create(
        evaluation=evaluation, measure="cluster_office", text="Crecen los miembros."
    )
    Finding.objects.create(
        evaluation=evaluation, measure="broker_network", text="La red llega al territorio."
    )
    CorrectiveMeasure.objects.create(
        evaluation=evaluation,
        indicator=Indicator.objects.get(code="sme-share"),
        description="Jornadas para pymes en las comarcas",
        owner="Oficina de Clústeres",
        deadline=date(year + 1, 6, 30),
    )
    return evaluation


# Fixtures: import them into a test module to use them.

FAKE_PDF = b"%PDF-1.7\n%fake report\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    """Generated files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def fake_render(monkeypatch, media):
    """A renderer that answers at once; the list of jobs it rendered."""
    from monitoring import reports

    rendered = []

    def render(report):
        rendered.append(report.pk)
        return FAKE_PDF, 3

    monkeypatch.setattr(reports, "render_report", render)
    return rendered


@pytest.fixture
def sent(monkeypatch):
    """The jobs handed to the broker (nothing runs)."""
    from monitoring.tasks import render_evaluation_report

    jobs = []
    monkeypatch.setattr(render_evaluation_report, "delay", lambda pk: jobs.append(pk))
    return jobs


@pytest.fixture
def evaluation(people):
    from accounts.roles import Role

    return make_evaluation(by=people[Role.OFFICE_STAFF])


def make_report(evaluation, *, status=ReportStatus.QUEUED, version=1, language="es", **fields):
    """A report job of the evaluation (queued, version 1, in Spanish unless told)."""
    return EvaluationReport.objects.create(
        evaluation=evaluation,
        language=language,
        version=version,
        status=status,
        snapshot_taken_at=evaluation.snapshot_taken_at,
        **fields,
    )


def stored_files(root):
    """The files under the media folder."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
