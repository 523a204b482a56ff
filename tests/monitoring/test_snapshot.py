"""The evaluation snapshot: its structure (the contract between the evaluation
and the report), its figures on the hand-built region of
tests/monitoring/indicator_world.py, JSON, and a fixed number of queries."""

import json
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring import snapshot as snapshot_module
from monitoring.snapshot import build_snapshot, grant_call_for
from programmes.models import CostCategory, Programme
from tests.factories import ProjectFactory
from tests.monitoring.indicator_world import YEAR, build_world, d, grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def snapshot(world):
    snapshot, sources = build_snapshot(programme=world.programme, year=YEAR)
    return snapshot


def cluster(snapshot, slug):
    return next(c for c in snapshot["clusters"] if c["slug"] == slug)


def district(snapshot, slug):
    return next(d for d in snapshot["network"]["districts"] if d["slug"] == slug)


def test_the_snapshot_follows_the_contract(snapshot):
    assert set(snapshot) == {
        "schema",
        "year",
        "programme",
        "budget",
        "clusters",
        "network",
        "grant_call",
        "action_plan",
        "corrective_follow_up",
    }
    assert snapshot["schema"] == 2
    assert snapshot["year"] == YEAR
    assert snapshot["programme"] == {
        "title": "Programa de prueba",
        "start_year": 2024,
        "end_year": 2027,
        "status": "active",
    }
    assert {"rows", "total_planned", "total_actual", "by_year"} <= set(snapshot["budget"])
    for entry in snapshot["clusters"]:
        assert {
            "name",
            "short_name",
            "slug",
            "sector",
            "sector_en",
            "stage",
            "label",
            "label_valid",
            "networks",
            "members_by_year",
            "projects",
            "activities",
        } <= set(entry)
    network = snapshot["network"]
    assert set(network) == {"districts", "service_types", "total", "rural"}
    for entry in network["districts"]:
        assert {
            "name",
            "slug",
            "is_rural",
            "services",
            "organisations",
            "hours",
            "grant_committed",
            "grant_paid",
            "by_type",
        } <= set(entry)
    assert {"services", "organisations", "grant_committed", "grant_paid"} <= set(network["total"])
    assert {
        "services",
        "organisations",
        "share_services",
        "share_organisations",
    } <= set(network["rural"])
    assert {
        "reference",
        "title",
        "status",
        "applications",
        "eligible",
        "selected",
        "committed",
        "paid",
    } <= set(snapshot["grant_call"])
    for action in snapshot["action_plan"]:
        assert {
            "title",
            "title_en",
            "measure",
            "owner",
            "owner_en",
            "planned_start",
            "planned_end",
            "status",
            "late",
        } <= set(action)
    assert snapshot["corrective_follow_up"] == []


def test_the_snapshot_and_its_sources_are_plain_json(world):
    snapshot, sources = build_snapshot(programme=world.programme, year=YEAR)
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert json.loads(json.dumps(sources)) == sources


def test_budget_of_the_year_by_category_and_of_every_year(snapshot):
    budget = snapshot["budget"]
    assert [row["category"] for row in budget["rows"]] == list(CostCategory.values)
    rows = {row["category"]: row for row in budget["rows"]}
    assert rows["human_resources"] == {
        "category": "human_resources",
        "planned": "1000.00",
        "current": "1100.00",  # 100 reallocated from travel
        "actual": "900.00",
        "rate": "81.8",
    }
    assert rows["travel"]["current"] == "400.00"
    assert rows["marketing"] == {
        "category": "marketing",
        "planned": "0.00",
        "current": "0.00",
        "actual": "0.00",
        "rate": None,
    }
    assert budget["total_planned"] == "1500.00"
    assert budget["total_actual"] == "1000.00"
    assert budget["rate"] == "66.7"
    assert [(y["year"], y["planned"], y["actual"]) for y in budget["by_year"]] == [
        (2024, "800.00", "400.00"),
        (2025, "1500.00", "1000.00"),
        (2026, "0.00", "0.00"),
        (2027, "0.00", "0.00"),
    ]
    assert budget["programme_total"]["planned"] == "2300.00"


def test_each_supported_cluster_with_members_label_networks_projects_activities(world, snapshot):
    assert {c["slug"] for c in snapshot["clusters"]} == {world.a.slug, world.b.slug}
    a = cluster(snapshot, world.a.slug)
    assert a["short_name"] == world.a.acronym
    assert a["stage"] == "immature"
    assert a["members_by_year"] == [
        {
            "year": 2024,
            "by_type": {
                "company": 3,
                "university": 1,
                "research_centre": 0,
                "public_administration": 0,
                "association": 0,
            },
            "total": 4,
        },
        {
            "year": 2025,
            "by_type": {
                "company": 3,
                "university": 1,
                "research_centre": 1,
                "public_administration": 0,
                "association": 0,
            },
            "total": 5,
        },
    ]
    assert (a["label"], a["label_valid"], a["label_expires_on"]) == ("silver", True, "2027-06-01")
    assert a["networks"] == ["ECCP Partnership for Batteries"]
    assert a["eccp_profile"] is True
    assert a["esca_benchmarked_on"] is None
    assert [(p["scope"], p["start_date"], p["budget"]) for p in a["projects"]] == [
        ("inter_cluster", "2025-03-01", "100000.00"),
        ("regional", "2025-04-01", "100000.00"),
        ("transnational", "2025-09-01", "250000.00"),
    ]
    assert a["projects_started"] == {"count": 3, "budget": "450000.00"}
    assert a["activities"] == {
        "count": 2,
        "attendees": 65,
        "international": 1,
        "inter_cluster": 1,
    }

    b = cluster(snapshot, world.b.slug)
    assert [(y["year"], y["total"]) for y in b["members_by_year"]] == [(2024, 0), (2025, 1)]
    # Its gold label expired the day before the year end.
    assert (b["label"], b["label_valid"]) == ("gold", False)
    assert b["networks"] == []  # left in June
    assert b["esca_benchmarked_on"] == "2025-10-01"
    # The cancelled project and the one of 2024 are left out.
    assert [p["scope"] for p in b["projects"]] == ["inter_cluster"]
    assert b["activities"]["count"] == 1


def test_the_broker_network_per_district(snapshot):
    network = snapshot["network"]
    assert len(network["districts"]) == 10
    besaya = district(snapshot, "besaya")
    assert besaya["is_rural"] is False
    assert (besaya["services"], besaya["organisations"], besaya["hours"]) == (2, 2, "3.50")
    assert (besaya["grant_committed"], besaya["grant_paid"]) == ("27000.00", "9000.00")
    assert besaya["by_type"]["advice"] == 1
    assert besaya["by_type"]["contacts"] == 1
    assert besaya["by_type"]["matching"] == 0
    liebana = district(snapshot, "liebana")
    # The withdrawn service is not counted.
    assert (liebana["services"], liebana["organisations"], liebana["hours"]) == (1, 2, "3.00")
    assert (liebana["grant_committed"], liebana["grant_paid"]) == ("35000.00", "28000.00")
    assert liebana["by_type"]["matching"] == 0
    campoo = district(snapshot, "campoo-los-valles")
    assert (campoo["services"], campoo["organisations"], campoo["hours"]) == (1, 2, "4.00")
    assert district(snapshot, "santander")["services"] == 0
    assert network["total"] == {
        "services": 4,
        "organisations": 5,
        "hours": "10.50",
        "grant_committed": "62000.00",
        "grant_paid": "37000.00",
    }
    assert network["rural"] == {
        "services": 2,
        "organisations": 4,
        "hours": "7.00",
        "share_services": "50.0",
        "share_organisations": "80.0",
    }
    codes = [t["code"] for t in network["service_types"]]
    assert {"advice", "contacts", "matching"} <= set(codes)
    assert all(t["name"] and t["name_en"] for t in network["service_types"])


def test_the_grant_call_whose_agreements_run_in_the_year(world, snapshot):
    call = snapshot["grant_call"]
    assert (call["reference"], call["status"], call["budget"]) == (
        "CINB-2024",
        "resolved",
        "420000.00",
    )
    # Four submitted (the draft does not count), three eligible.
    assert (call["applications"], call["eligible"]) == (4, 3)
    assert [
        (s["district"], s["monthly_amount"], s["months"], s["total"], s["signed"])
        for s in call["selected"]
    ] == [
        ("Besaya", "3000.00", 12, "36000.00", True),
        ("Campoo-Los Valles", "2000.00", 12, "24000.00", False),
        ("Liébana", "3500.00", 12, "42000.00", True),
    ]
    assert call["committed"] == "78000.00"  # the two signed agreements
    assert call["paid"] == "40500.00"  # every paid month, November 2024 included


def test_the_grant_call_of_a_year_without_agreements_is_the_one_resolved_in_it(world):
    assert grant_call_for(2023) == world.old_call
    assert grant_call_for(2026) == world.call  # Besaya's agreement runs to March
    snapshot, _sources = build_snapshot(programme=world.programme, year=2022)
    assert snapshot["grant_call"] is None


def test_the_action_plan_with_late_actions(snapshot):
    plan = [(a["title"], a["status"], a["late"]) for a in snapshot["action_plan"]]
    assert plan == [
        ("Selección", "done", False),
        ("Plan estratégico", "in_progress", True),
        ("Evaluación final", "planned", False),
    ]
    first = snapshot["action_plan"][0]
    assert (first["measure"], first["planned_start"], first["planned_end"]) == (
        "cluster_office",
        "2024-01-01",
        "2024-03-31",
    )


def test_the_sources_count_the_records_read(world):
    _snapshot, sources = build_snapshot(programme=world.programme, year=YEAR)
    datetime.fromisoformat(sources["taken_at"])
    assert (sources["programme"], sources["year"]) == (world.programme.pk, YEAR)
    assert sources["rows"] == {
        "memberships": 10,
        "cluster_labels": 3,
        "network_participations": 2,
        "cluster_projects": 4,
        "activities": 3,
        "cluster_results": 3,
        "budget_lines": 3,
        "reallocations": 1,
        "expenditures": 3,
        "district_services": 4,
        "withdrawn_district_services": 1,
        "need_matches": 4,
        "grant_agreements": 2,
        "payments": 12,
        "actions": 3,
    }


def test_a_programme_without_data(db):
    programme = Programme.objects.create(title="Vacío", start_year=2024, objectives="…")
    snapshot, sources = build_snapshot(programme=programme, year=2024)
    json.dumps(snapshot)
    assert snapshot["clusters"] == []
    assert snapshot["grant_call"] is None
    assert snapshot["budget"]["total_planned"] == "0.00"
    assert snapshot["network"]["rural"]["share_services"] is None
    assert set(sources["rows"].values()) == {0}
    # A year before the programme: no members' years to show.
    before, _sources = build_snapshot(programme=programme, year=2023)
    assert before["budget"]["rows"][0]["planned"] == "0.00"


def test_the_snapshot_makes_the_same_queries_whatever_the_records(world):
    with CaptureQueriesContext(connection) as small:
        build_snapshot(programme=world.programme, year=YEAR)
    grow(world, n=3)
    with CaptureQueriesContext(connection) as large:
        snapshot, _sources = build_snapshot(programme=world.programme, year=YEAR)
    assert len(snapshot["clusters"]) == 5
    assert len(large) == len(small)
    assert len(small) <= 25


def test_a_cluster_lists_its_largest_projects_and_counts_them_all(world, monkeypatch):
    """The report's size follows the clusters, not the projects: beyond
    PROJECTS_LISTED, a cluster's page lists its largest ones and counts the rest."""
    monkeypatch.setattr(snapshot_module, "PROJECTS_LISTED", 2)
    ProjectFactory(start_date=d("2025-12-01"), budget=300000, clusters=[world.a])
    snapshot, _sources = build_snapshot(programme=world.programme, year=YEAR)
    a = cluster(snapshot, world.a.slug)
    # The two largest (250,000 and 300,000), by start date.
    assert [(p["start_date"], p["budget"]) for p in a["projects"]] == [
        ("2025-09-01", "250000.00"),
        ("2025-12-01", "300000.00"),
    ]
    assert a["projects_started"] == {"count": 4, "budget": "750000.00"}


def test_what_people_type_is_kept_in_spanish_and_english(world):
    """The report reads the Spanish, or the English where the Office gave it."""
    from clusters.models import ClusterOrganisation
    from programmes.models import Action

    Action.objects.filter(title="Selección").update(
        title_en="Selection", owner_en="Directorate-General"
    )
    cluster_row = ClusterOrganisation.objects.filter(programmes=world.programme).first()
    ClusterOrganisation.objects.filter(pk=cluster_row.pk).update(sector_en="Automotive")
    snapshot, _sources = build_snapshot(programme=world.programme, year=YEAR)
    plan = {a["title"]: a for a in snapshot["action_plan"]}
    assert (plan["Selección"]["title_en"], plan["Selección"]["owner_en"]) == (
        "Selection",
        "Directorate-General",
    )
    assert plan["Evaluación final"]["title_en"] == plan["Evaluación final"]["owner_en"] == ""
    entry = cluster(snapshot, cluster_row.slug)
    assert (entry["sector"], entry["sector_en"]) == (cluster_row.sector, "Automotive")
    assert all(c["sector_en"] == "" for c in snapshot["clusters"] if c["slug"] != cluster_row.slug)
