"""The computed indicators against a small region whose figures are worked out
by hand (tests/monitoring/indicator_world.py), the registry against the
catalogue, and the number of queries each computation makes."""

import json
from decimal import Decimal

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring import indicators
from monitoring.indicators import (
    COMPUTATIONS,
    Result,
    UnknownComputation,
    check_catalogue,
    compute,
    compute_all,
    months_in_year,
    percent,
)
from monitoring.models import UNIT_LABELS, Indicator
from programmes.models import Measure, Programme
from tests.monitoring.indicator_world import YEAR, build_world, grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def run(code, world, year=YEAR):
    result = compute(code, year=year, programme=world.programme)
    assert isinstance(result, Result)
    json.dumps(result.breakdown)  # JSON-ready as it is
    return result


# ---------------------------------------------------------------------------
# Cluster Promotion Office
# ---------------------------------------------------------------------------


def test_committed_members_at_year_end_by_type(world):
    result = run("committed_members", world)
    assert result.actual == 6
    assert result.breakdown["by_type"] == {
        "company": 3,
        "university": 2,
        "research_centre": 1,
        "public_administration": 0,
        "association": 0,
    }
    assert result.breakdown["by_cluster"] == {world.a.slug: 5, world.b.slug: 1}
    assert run("committed_members", world, year=2024).actual == 4


def test_net_member_growth_and_its_rate(world):
    growth = run("member_growth", world)
    assert growth.actual == 2
    assert growth.breakdown["totals"] == {"previous": 4, "current": 6}
    assert growth.breakdown["by_cluster"] == {world.a.slug: 1, world.b.slug: 1}
    rate = run("member_growth_rate", world)
    assert rate.actual == Decimal("50.0")
    assert run("member_growth", world, year=2024).actual == 1  # 3 at the end of 2023
    assert run("member_growth_rate", world, year=2024).actual == Decimal("33.3")
    # No members at the end of 2021: no rate rather than a made-up one.
    assert run("member_growth", world, year=2022).actual == 2
    assert run("member_growth_rate", world, year=2022).actual is None


def test_sme_share_of_company_members(world):
    result = run("sme_share", world)
    assert result.actual == Decimal("66.7")
    assert result.breakdown["by_size"] == {"micro": 1, "small": 1, "medium": 0, "large": 1}
    assert result.breakdown["totals"] == {"smes": 2, "companies": 3}
    # 2024: micro, large and the leaver (medium).
    assert run("sme_share", world, year=2024).actual == Decimal("66.7")
    assert run("sme_share", world, year=2022).actual == Decimal("50.0")  # large and leaver
    assert run("sme_share", world, year=2019).actual is None


def test_provisional_partners_converted(world):
    result = run("provisional_converted", world)
    assert result.actual == 1
    assert result.breakdown["by_cluster"] == {world.a.slug: 1}
    assert result.breakdown["partnerships_ended"] == {
        "left": 0,
        "project_ended": 1,
        "converted": 1,
    }
    assert run("provisional_converted", world, year=2024).actual == 0


def test_new_cluster_organisations_in_the_region(world):
    result = run("new_clusters", world)
    # B (in the programme) and C (an export consortium outside it).
    assert result.actual == 2
    assert result.breakdown["by_kind"] == {"cluster": 1, "export_consortium": 1}


def test_clusters_with_a_valid_label_count_once_at_their_highest(world):
    result = run("labelled_clusters", world)
    assert result.actual == 1
    assert result.breakdown["by_level"] == {"bronze": 0, "silver": 1, "gold": 0}
    # At the end of 2024 A held bronze and B gold.
    assert run("labelled_clusters", world, year=2024).breakdown["by_level"] == {
        "bronze": 1,
        "silver": 0,
        "gold": 1,
    }


def test_clusters_in_international_networks(world):
    result = run("clusters_in_networks", world)
    # A: a network and an ECCP profile; B: left its network, but ESCA-benchmarked.
    assert result.actual == 2
    assert result.breakdown["by_channel"] == {"international_networks": 1, "esca": 1, "eccp": 1}
    assert result.breakdown["by_network"] == {"ECCP Partnership for Batteries": 1}
    # 2024: A (network, ECCP) and B (its network); B's benchmarking came later.
    at_2024 = run("clusters_in_networks", world, year=2024)
    assert at_2024.actual == 2
    assert at_2024.breakdown["by_channel"] == {"international_networks": 2, "esca": 0, "eccp": 1}


def test_joint_projects_started_by_scope_and_their_budget(world):
    started = run("joint_projects_started", world)
    # The inter-cluster project counts once for its two clusters; regional,
    # cancelled, other years' and other clusters' projects do not count.
    assert started.actual == 2
    assert started.breakdown["by_scope"] == {
        "inter_cluster": 1,
        "interregional": 0,
        "transnational": 1,
    }
    budget = run("joint_projects_budget", world)
    assert budget.actual == Decimal("350000.00")
    assert budget.breakdown["by_scope"] == {
        "inter_cluster": "100000.00",
        "interregional": "0.00",
        "transnational": "250000.00",
    }
    assert run("joint_projects_started", world, year=2024).breakdown["by_scope"] == {
        "inter_cluster": 0,
        "interregional": 1,
        "transnational": 0,
    }


def test_activities_and_attendees(world):
    result = run("activities", world)
    assert result.actual == 3
    assert result.breakdown["by_cluster"] == {world.a.slug: 2, world.b.slug: 1}
    assert result.breakdown["features"] == {"international": 1, "inter_cluster": 1}
    attendees = run("activity_attendees", world)
    assert attendees.actual == 75
    assert attendees.breakdown["by_cluster"] == {world.a.slug: 65, world.b.slug: 10}


def test_key_results_achieved(world):
    result = run("key_results_achieved", world)
    assert result.actual == 2
    assert result.breakdown["by_result"]["strategy"] == 1
    assert result.breakdown["by_result"]["key_services"] == 1
    assert result.breakdown["by_result"]["membership"] == 0


def test_budget_execution_by_category_and_year(world):
    result = run("budget_execution", world)
    # Spent 1,000 of a current 1,500 (1,000 + 500, with 100 moved from travel to
    # human resources; the reallocation still awaiting approval does not count).
    assert result.actual == Decimal("66.7")
    assert result.breakdown["by_category"]["human_resources"] == "81.8"  # 900 / 1,100
    assert result.breakdown["by_category"]["travel"] == "25.0"  # 100 / 400
    assert result.breakdown["by_category"]["marketing"] is None  # no budget
    assert list(result.breakdown["by_category"]) == [
        "human_resources",
        "travel",
        "tradeshows",
        "consultancy",
        "training",
        "marketing",
        "other",
    ]
    assert result.breakdown["by_year"] == {
        "2024": "50.0",
        "2025": "66.7",
        "2026": None,
        "2027": None,
    }
    assert result.breakdown["amounts"] == {
        "planned": "1500.00",
        "current": "1500.00",
        "spent": "1000.00",
    }
    # Outside the programme's years: nothing budgeted.
    assert run("budget_execution", world, year=2030).actual is None


# ---------------------------------------------------------------------------
# Network of Innovation Brokers
# ---------------------------------------------------------------------------


def test_services_delivered_by_type_and_district(world):
    result = run("services_delivered", world)
    # Withdrawn and other years' services do not count.
    assert result.actual == 4
    assert result.breakdown["by_type"]["advice"] == 2
    assert result.breakdown["by_type"]["contacts"] == 2
    assert result.breakdown["by_type"]["matching"] == 0
    assert result.breakdown["by_district"]["besaya"] == 2
    assert result.breakdown["by_district"]["liebana"] == 1
    assert result.breakdown["by_district"]["campoo-los-valles"] == 1
    assert result.breakdown["by_district"]["santander"] == 0
    assert len(result.breakdown["by_district"]) == 10
    assert result.breakdown["hours_by_district"]["besaya"] == "3.50"
    assert result.breakdown["hours_by_district"]["liebana"] == "3.00"
    assert result.breakdown["hours_by_district"]["campoo-los-valles"] == "4.00"


def test_distinct_organisations_reached_per_district_and_in_all(world):
    result = run("organisations_reached", world)
    assert result.actual == 5
    assert result.breakdown["by_district"]["besaya"] == 2
    assert result.breakdown["by_district"]["liebana"] == 2
    assert result.breakdown["by_district"]["campoo-los-valles"] == 2
    assert result.breakdown["by_district"]["santander"] == 0


def test_organisations_reached_in_rural_districts(world):
    result = run("organisations_reached_rural", world)
    # Liébana {o1, o3} and Campoo {o4, o5}; Besaya is not rural.
    assert result.actual == 4
    assert "besaya" not in result.breakdown["by_district"]
    assert result.breakdown["by_district"]["liebana"] == 2
    assert result.breakdown["totals"] == {"network": 5, "share_percent": "80.0"}


def test_share_of_services_in_rural_districts(world):
    result = run("rural_service_share", world)
    assert result.actual == Decimal("50.0")
    assert result.breakdown["totals"] == {"rural": 2, "services": 4}
    assert run("rural_service_share", world, year=2020).actual is None


def test_needs_matched_in_the_year(world):
    result = run("needs_matched", world)
    # n1 (two matches), n2 and n3 (its 2025 match; its 2024 one is another year).
    assert result.actual == 3
    assert result.breakdown["by_district"] == {
        "besaya": 1,
        "campoo-los-valles": 1,
        "liebana": 1,
    }
    assert result.breakdown["by_result"] == {
        "pending": 1,
        "contact_made": 1,
        "project": 1,
        "no_fit": 1,
    }


def test_matches_with_a_result_recorded_in_the_year(world):
    result = run("matches_successful", world)
    # m1 (contact made, recorded 2025) and m4 (made in 2024, project recorded in
    # 2025); m3's project was recorded in 2026, m5 did not fit.
    assert result.actual == 2
    assert result.breakdown["by_result"] == {"contact_made": 1, "project": 1}
    assert run("matches_successful", world, year=2026).actual == 1


def test_broker_grants_paid_against_committed(world):
    result = run("grants_paid_rate", world)
    assert result.actual == Decimal("59.7")  # 37,000 of 62,000
    assert result.breakdown["totals"] == {"committed": "62000.00", "paid": "37000.00"}
    assert result.breakdown["committed_by_district"] == {
        "besaya": "27000.00",
        "liebana": "35000.00",
    }
    assert result.breakdown["paid_by_district"] == {"besaya": "9000.00", "liebana": "28000.00"}
    # 2024: Liébana's November and December committed, November paid.
    assert run("grants_paid_rate", world, year=2024).actual == Decimal("50.0")
    assert run("grants_paid_rate", world, year=2022).actual is None


def test_months_in_year():
    from datetime import date

    assert months_in_year(date(2025, 4, 1), date(2026, 3, 31), 2025) == 9
    assert months_in_year(date(2024, 11, 1), date(2025, 10, 31), 2025) == 10
    assert months_in_year(date(2024, 11, 1), date(2025, 10, 31), 2026) == 0
    assert months_in_year(date(2020, 1, 1), date(2030, 1, 31), 2025) == 12


def test_percent_rounds_half_up_and_refuses_nothing():
    assert percent(1, 8) == Decimal("12.5")
    assert percent(2, 3) == Decimal("66.7")
    assert percent(1, 0) is None


# ---------------------------------------------------------------------------
# Registry and catalogue
# ---------------------------------------------------------------------------


def test_every_computation_of_the_catalogue_is_registered(db):
    catalogue = Indicator.objects.exclude(computation="")
    assert catalogue.exists()
    assert {i.computation for i in catalogue} <= set(COMPUTATIONS)
    assert check_catalogue() == []


def test_every_registered_computation_is_in_the_catalogue(db):
    used = set(Indicator.objects.values_list("computation", flat=True))
    assert set(COMPUTATIONS) <= used


def test_the_catalogue_is_bilingual_with_units_and_measures(db):
    indicators_ = list(Indicator.objects.all())
    assert {i.measure for i in indicators_} == set(Measure.values)
    for indicator in indicators_:
        assert indicator.name and indicator.name_en, indicator.code
        assert indicator.definition and indicator.definition_en, indicator.code
        assert indicator.unit in UNIT_LABELS, indicator.code
    manual = Indicator.objects.filter(computation="")
    assert set(manual.values_list("code", flat=True)) == {
        "member_satisfaction",
        "service_user_satisfaction",
    }


def test_unit_labels_translate_known_units_only():
    from django.utils import translation

    with translation.override("es"):
        assert Indicator(unit="members").localised_unit == "miembros"
        assert Indicator(unit="EUR").localised_unit == "EUR"
        assert Indicator(unit="hectares").localised_unit == "hectares"


def test_an_unregistered_computation_is_reported_clearly(db):
    programme = Programme.objects.create(title="P", start_year=2024, objectives="…")
    bad = Indicator.objects.create(
        code="mystery",
        name="Misterio",
        definition="…",
        unit="members",
        measure=Measure.CLUSTER_OFFICE,
        computation="no_such_thing",
    )
    with pytest.raises(UnknownComputation, match="'mystery' names the computation 'no_such_thing'"):
        compute_all(year=YEAR, programme=programme)
    with pytest.raises(UnknownComputation, match="no_such_thing"):
        compute("no_such_thing", year=YEAR, programme=programme)
    errors = check_catalogue()
    assert [e.id for e in errors] == ["monitoring.E001"]
    assert errors[0].obj == bad
    bad.is_active = False
    bad.save()
    compute_all(year=YEAR, programme=programme)  # inactive: not computed


def test_a_computation_is_registered_once():
    with pytest.raises(ValueError, match="twice"):
        indicators.computation("committed_members")(lambda **kwargs: None)


def test_compute_all_skips_inactive_and_manual_indicators(world):
    Indicator.objects.filter(code="activities").update(is_active=False)
    results = compute_all(year=YEAR, programme=world.programme)
    expected = set(
        Indicator.objects.active().exclude(computation="").values_list("code", flat=True)
    )
    assert set(results) == expected
    assert "activities" not in results
    assert "member_satisfaction" not in results
    assert results["committed_members"].actual == 6
    json.dumps({code: r.breakdown for code, r in results.items()}, cls=DjangoJSONEncoder)


def test_compute_all_runs_a_shared_computation_once(world, monkeypatch):
    calls = []
    original = COMPUTATIONS["activities"]

    def counting(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setitem(COMPUTATIONS, "activities", counting)
    Indicator.objects.create(
        code="activities_again",
        name="Actividades (otra vez)",
        definition="…",
        unit="activities",
        measure=Measure.CLUSTER_OFFICE,
        computation="activities",
    )
    results = compute_all(year=YEAR, programme=world.programme)
    assert results["activities_again"] == results["activities"]
    assert len(calls) == 1


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------


def _queries(code, world):
    with CaptureQueriesContext(connection) as captured:
        compute(code, year=YEAR, programme=world.programme)
    return len(captured)


def test_each_computation_makes_the_same_queries_whatever_the_records(world):
    small = {code: _queries(code, world) for code in COMPUTATIONS}
    grow(world, n=3)
    large = {code: _queries(code, world) for code in COMPUTATIONS}
    assert large == small
    assert max(small.values()) <= 5


def test_compute_all_queries_do_not_grow_with_the_records(world):
    with CaptureQueriesContext(connection) as small:
        compute_all(year=YEAR, programme=world.programme)
    grow(world, n=3)
    with CaptureQueriesContext(connection) as large:
        compute_all(year=YEAR, programme=world.programme)
    assert len(large) == len(small)
