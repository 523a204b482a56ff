"""The demo's approved evaluation report (issue 7, "Done when" #1): seed_demo's report
of 2025 read back with pdftotext (poppler-utils; .ci/run installs it) shows the budget
with its seven category lines, the broker grants across the ten districts, each cluster
organisation, and every indicator with the target and actual the portal's own
evaluation page shows.

The demo is seeded once for the package (conftest.py), its report rendered as the commit
would render it.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from brokers.call.models import GrantAgreement
from clusters.models import ClusterOrganisation
from demo.grant_calls import reference
from demo.monitoring import OFFICE_STAFF, OFFICIAL, YEAR
from demo.programmes.approval import title
from demo.timeline import year
from districts.models import District
from monitoring.charts import quantity
from monitoring.models import (
    Evaluation,
    EvaluationReport,
    EvaluationStatus,
    Finding,
    IndicatorTarget,
    Progress,
    ReportStatus,
)
from programmes.models import CostCategory, Measure, Programme

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)"),
]

# Section 4.1.2 of the strategy, line by line: EUR 742,000 a year ("about 740,000").
BUDGET = {
    CostCategory.HUMAN_RESOURCES: "242.000",
    CostCategory.TRAVEL: "60.000",
    CostCategory.TRADESHOWS: "100.000",
    CostCategory.CONSULTANCY: "120.000",
    CostCategory.TRAINING: "100.000",
    CostCategory.MARKETING: "60.000",
    CostCategory.OTHER: "60.000",
}
TOTAL = "742.000"
# The call's agreements: 3,500 EUR a month for 24 months in each of the ten districts, of
# which the evaluated year holds 12 (EUR 420,000 a year, the strategy's figure).
COMMITTED, PER_AGREEMENT = "840.000", "84.000"
GRANTS_A_YEAR = "420.000"

# A figure as either side prints it in Spanish: "1.310.000 €", "11,1 %", "80", "—".
FIGURE = re.compile(r"(?<!\S)(?:—|-?\d{1,3}(?:\.\d{3})*(?:,\d+)?(?:\s?%|\s?€)?)(?!\S)")


@pytest.fixture
def evaluation(seeded):
    programme = Programme.objects.get(title=title())
    return Evaluation.objects.get(programme=programme, year=year(YEAR))


@pytest.fixture
def report(evaluation):
    return EvaluationReport.objects.get(evaluation=evaluation, language="es")


@pytest.fixture
def text(report):
    with report.file.open("rb") as pdf:
        data = pdf.read()
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def _plain(text):
    return text.replace("\u00a0", " ")


def _flat(text):
    return " ".join(_plain(text).split())


def _number(figure):
    """A Spanish figure as a Decimal; None for "—"."""
    figure = _plain(figure).replace("€", "").replace("%", "").strip()
    if figure in ("—", ""):
        return None
    return Decimal(figure.replace(".", "").replace(",", "."))


def _section(text, title, end):
    """The chapter whose heading is title (not its line in the contents), up to end."""
    lines = _plain(text).splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == title and "..." not in line)
    stop = next(i for i in range(start + 1, len(lines)) if lines[i].strip() == end)
    return lines[start:stop]


# --- the indicators as the report prints them ------------------------------------------


@dataclass
class _Line:
    """Words printed on one baseline of a page, left to right."""

    page: int
    top: float
    height: float
    words: list = field(default_factory=list)  # (left, text)

    @property
    def text(self):
        return " ".join(text for _left, text in self.words)


def pdf_lines(data):
    """The PDF's lines from pdftotext's word boxes, so that columns are told apart by
    their position on the page, not by the spaces between them."""
    tsv = subprocess.run(
        ["pdftotext", "-tsv", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    words = []
    for row in tsv.splitlines()[1:]:
        level, page, _par, _block, _line, _word, left, top, _w, height, _conf, text = row.split(
            "\t", 11
        )
        if level == "5":
            words.append((int(page), float(top), float(left), float(height), text))
    lines = []
    for page, top, left, height, text in sorted(words):
        if not (lines and lines[-1].page == page and abs(lines[-1].top - top) < 2):
            lines.append(_Line(page, top, height))
        lines[-1].words.append((left, text))
    for line in lines:
        line.words.sort()
    return lines


def _pdf_section(lines, title, end):
    """The lines of the chapter headed title (not its line in the contents), up to end."""
    start = next(i for i, line in enumerate(lines) if _plain(line.text) == title)
    stop = next(i for i in range(start + 1, len(lines)) if _plain(lines[i].text) == end)
    return lines[start:stop]


def pdf_indicator_rows(lines, *, indicator, unit):
    """{indicator name: [baseline, target, actual]} from the indicators tables. Below a
    header row ("Indicator", "Unit", ...), a row starts on the line with its three
    figures, right of the unit column; the name is every word left of that column, on
    that line and on the lines below it up to the next row. A line that starts left of
    the name column, or a new page, ends the table."""
    rows, columns, in_row, page = [], None, False, None
    for line in lines:
        if line.page != page:
            columns, in_row, page = None, False, line.page  # a table ends with its page
        texts = [text for _left, text in line.words]
        if texts[:1] == [indicator] and unit in texts:
            columns = (line.words[0][0], next(left for left, text in line.words if text == unit))
            continue
        if columns is None:
            continue
        name_left, unit_left = columns
        if abs(line.words[0][0] - name_left) > 2 and line.words[0][0] < unit_left:
            columns, in_row = None, False  # text outside the table: a heading, a chart
            continue
        name = [text for left, text in line.words if left < unit_left - 1]
        figures = FIGURE.findall(
            " ".join(text for left, text in line.words if left >= unit_left - 1)
        )
        if len(figures) == 3:
            rows.append((name, figures))
            in_row = True
        elif in_row:
            rows[-1][0].extend(name)
    return {" ".join(name): figures for name, figures in rows}


# --- the indicators as the evaluation page shows them -----------------------------------


class _Tables(HTMLParser):
    """Every table of a page: its header cells and its body rows' cells, each cell with
    its text and the text of its first link."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._link = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"head": [], "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td") and self.tables:
            self._cell = {"text": "", "link": None}
        elif tag == "a" and self._cell is not None and self._cell["link"] is None:
            self._link = ""

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._cell["text"] = " ".join(self._cell["text"].split())
            self.tables[-1]["rows"][-1].append(self._cell)
            self._cell = None
        elif tag == "a" and self._link is not None:
            self._cell["link"] = " ".join(self._link.split())
            self._link = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        if self._link is not None:
            self._link += data


def page_indicator_rows(html):
    """{indicator name: [baseline, target, actual]} from the page's values tables."""
    parser = _Tables()
    parser.feed(html)
    with translation.override("es"):
        header = [_("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("Actual")]
    rows = {}
    for table in parser.tables:
        head, *body = table["rows"]
        if [cell["text"] for cell in head[:5]] != header:
            continue
        for cells in body:
            rows[cells[0]["link"]] = [cells[i]["text"] for i in (2, 3, 4)]
    return rows


# --- the tests ---------------------------------------------------------------------------


def test_the_approved_evaluation_of_the_last_year_in_spanish(seeded, evaluation, report):
    assert evaluation.status == EvaluationStatus.APPROVED
    assert report.status == ReportStatus.DONE, report.error
    assert (report.version, report.requested_by.username) == (1, OFFICE_STAFF)
    assert report.snapshot_taken_at == evaluation.snapshot_taken_at
    assert report.pages > 20 and report.size > 0
    assert default_storage.exists(report.file.name)
    assert f"report {year(YEAR)} (es) generated, {report.pages} pages" in seeded


def test_the_budget_and_its_seven_lines(text):
    with translation.override("es"):
        title = _("Budget: planned and actual spending")
        end = _("Cluster organisations")
        labels = {category: str(category.label) for category in CostCategory}
        total = _("Total")
    lines = _section(text, title, end)
    for category, amount in BUDGET.items():
        line = next(line for line in lines if line.strip().startswith(labels[category]))
        assert FIGURE.findall(line)[0] == f"{amount} €", line
    total_line = next(line for line in lines if line.strip().startswith(total))
    assert FIGURE.findall(total_line)[0] == f"{TOTAL} €"
    assert f"{TOTAL} €" in _flat(text)  # the executive summary too


def test_the_broker_grants_across_the_ten_districts(text):
    with translation.override("es"):
        title = _("Grant call for the innovation brokers")
        end = _("Action plan")
        committed = _("Grants committed")
    lines = _section(text, title, end)
    line = next(line for line in lines if line.strip().startswith(committed))
    assert line.split()[-2:] == [COMMITTED, "€"]
    assert sum(1 for line in lines if line.rstrip().endswith(f" {PER_AGREEMENT} €")) == 10
    assert GrantAgreement.objects.filter(call__reference=reference()).count() == 10
    districts = list(District.objects.values_list("name", flat=True))
    assert len(districts) == 10
    flat = _flat(text)
    for name in districts:
        assert name in flat, name


def test_each_cluster_organisation(text):
    clusters = ClusterOrganisation.objects.filter(programmes__title=title())
    assert clusters.count() == 6
    flat = _flat(text)
    for name in clusters.values_list("name", flat=True):
        assert name in flat, name
        # with its page in the contents
        assert re.search(rf"^\s*{re.escape(name)}\s*\.+\s*\d+$", _plain(text), re.M), name


def test_every_indicator_shows_the_target_and_actual_of_the_evaluation_page(evaluation, report):
    director = User.objects.get(username=OFFICE_STAFF)
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.force_login(director)
    response = client.get(reverse("monitoring:evaluation_detail", args=[evaluation.pk]))
    assert response.status_code == 200
    on_the_page = page_indicator_rows(response.content.decode())

    with translation.override("es"):
        title = _("Indicators: targets and results")
        end = _("Budget: planned and actual spending")
        header = {"indicator": _("Indicator"), "unit": _("Unit")}
    with report.file.open("rb") as pdf:
        lines = pdf_lines(pdf.read())
    in_the_report = pdf_indicator_rows(_pdf_section(lines, title, end), **header)

    names = {value.indicator.name for value in evaluation.values.select_related("indicator")}
    assert len(names) == 23
    assert set(on_the_page) == names
    assert set(in_the_report) == names
    for name in sorted(names):
        page_baseline, page_target, page_actual = map(_number, on_the_page[name])
        pdf_baseline, pdf_target, pdf_actual = map(_number, in_the_report[name])
        assert (pdf_target, pdf_actual) == (page_target, page_actual), name
        assert pdf_baseline == page_baseline, name


def test_a_realistic_mix_with_a_corrective_measure_for_every_off_track_indicator(evaluation):
    values = list(evaluation.values.select_related("indicator"))
    statuses = [value.status for value in values]
    assert statuses.count(Progress.ON_TRACK) > len(values) / 2
    assert statuses.count(Progress.AT_RISK) >= 1
    off_track = {v.indicator_id for v in values if v.status == Progress.OFF_TRACK}
    measures = list(evaluation.corrective_measures.all())
    assert {m.indicator_id for m in measures} == off_track
    for measure in measures:
        assert measure.description and measure.owner and measure.deadline.year >= year(YEAR) + 1
    # The manual values carry their evidence.
    for value in values:
        if not value.indicator.is_computed:
            assert value.actual is not None and value.evidence
    # Findings for both measures, in Spanish; the network's give its year's figures.
    findings = dict(Finding.objects.filter(evaluation=evaluation).values_list("measure", "text"))
    assert set(findings) == {Measure.CLUSTER_OFFICE, Measure.BROKER_NETWORK}
    network = findings[Measure.BROKER_NETWORK]
    assert reference() in network and "420.000" in network
    assert f"1 de enero de {year(YEAR)}" in network
    services = evaluation.values.get(indicator__code="services_delivered").actual
    with translation.override("es"):
        assert services > 0 and f"registraron {quantity(services)} servicios" in network
    # ... and in English for the English report, as are the corrective measures.
    english = dict(Finding.objects.filter(evaluation=evaluation).values_list("measure", "text_en"))
    network_en = english[Measure.BROKER_NETWORK]
    assert english[Measure.CLUSTER_OFFICE].startswith("Of the Office's")
    assert reference() in network_en and "€420,000" in network_en
    assert f"1 January {year(YEAR)}" in network_en
    with translation.override("en"):
        assert f"recorded {quantity(services)} services" in network_en
    for measure in measures:
        assert measure.description_en and measure.owner_en
        assert (measure.description_en, measure.owner_en) != (measure.description, measure.owner)


def test_the_history_reads_as_it_happened(evaluation):
    transitions = list(evaluation.transitions.order_by("at").select_related("by"))
    assert [(t.to_status, t.by.username) for t in transitions] == [
        (EvaluationStatus.SUBMITTED, OFFICE_STAFF),
        (EvaluationStatus.APPROVED, OFFICIAL),
    ]
    assert evaluation.created_at < evaluation.snapshot_taken_at < transitions[0].at
    assert transitions[0].at < transitions[1].at
    assert evaluation.created_at.year == year(YEAR) + 1
    taken_at = datetime.fromisoformat(evaluation.snapshot_sources["taken_at"])
    assert taken_at == evaluation.snapshot_taken_at
    first = evaluation.history.earliest("history_date")
    assert (first.history_user.username, first.history_date) == (
        OFFICE_STAFF,
        evaluation.created_at,
    )
    for value in evaluation.values.select_related("indicator", "entered_by"):
        assert value.entered_at <= evaluation.snapshot_taken_at
        assert value.entered_by is not None
    targets = IndicatorTarget.objects.filter(programme=evaluation.programme)
    assert targets.count() > 4 * 20
    assert all(h.history_date.year == year(2024) for h in IndicatorTarget.history.all())


def test_seeding_again_changes_nothing(seeded, evaluation):
    def state():
        return (
            IndicatorTarget.objects.count(),
            Evaluation.objects.count(),
            EvaluationReport.objects.count(),
            Evaluation.history.count(),
            evaluation.values.count(),
            evaluation.corrective_measures.count(),
        )

    before = state()
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    assert state() == before
    assert f"the evaluation of {year(YEAR)} is already there" in out.getvalue()
