"""The districts' map: an outline for every district of the portal, built from
the table of municipalities (every one of Cantabria's 102 in one district)."""

import csv
import json
from pathlib import Path

import pytest
from django.utils import translation

from demo.clusters.data import MUNICIPALITIES
from districts.maps import boundaries, district_map
from districts.models import District


@pytest.fixture(autouse=True)
def english():
    """The tests read the map's words in English."""
    with translation.override("en"):
        yield


DISTRICTS = Path(__file__).resolve().parents[2] / "districts"
TABLE = DISTRICTS / "data" / "municipalities.csv"


def _table():
    with TABLE.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.django_db
def test_every_district_has_an_outline():
    slugs = set(District.objects.values_list("slug", flat=True))
    assert len(slugs) == 10
    assert set(boundaries()["districts"]) == slugs
    assert all(
        path.startswith("M") and path.endswith("Z") for path in boundaries()["districts"].values()
    )


def test_the_boundaries_file_is_small_and_says_its_source():
    path = DISTRICTS / "static" / "districts" / "boundaries.json"
    assert path.stat().st_size < 150_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["viewBox"].startswith("0 0 600 ")
    assert "es-atlas" in data["source"]
    assert (DISTRICTS / "static" / "districts" / "LICENSE-es-atlas.txt").exists()


@pytest.mark.django_db
def test_every_municipality_is_in_exactly_one_known_district():
    rows = _table()
    assert len(rows) == 102
    codes = [row["ine_code"] for row in rows]
    assert len(set(codes)) == 102
    assert sorted(codes) == [f"39{n:03d}" for n in range(1, 103)]
    assert len({row["municipality"] for row in rows}) == 102
    slugs = {row["district_slug"] for row in rows}
    assert slugs == set(District.objects.values_list("slug", flat=True))


def test_the_demo_places_its_towns_in_the_districts_of_the_table():
    district_of = {row["municipality"]: row["district_slug"] for row in _table()}
    for slug, towns in MUNICIPALITIES.items():
        for town in towns:
            assert district_of[town] == slug, town


@pytest.mark.django_db
def test_the_map_shades_each_district_by_its_figure():
    names = dict(District.objects.values_list("slug", "name"))
    chart = district_map(
        title="Services", figures={"besaya": 5, "liebana": 0}, names=names, figure_label="Services"
    )
    assert chart.svg.count("<path") == 11  # the region's outline and the ten districts
    assert "<title>Besaya: 5</title>" in chart.svg
    assert "<title>Liébana: 0</title>" in chart.svg
    assert "<title>Santander: no data</title>" in chart.svg
    assert chart.rows[0] == ["Asón-Agüera", "no data"]
    assert len(chart.rows) == 10
    # A district added later, without an outline, is in the table only.
    chart = district_map(
        title="T", figures={"nueva": 1}, names={**names, "nueva": "Nueva"}, figure_label="S"
    )
    assert ["Nueva", "1"] in chart.rows
    assert chart.svg.count("<path") == 11
