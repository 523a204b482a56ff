"""The demo's last approved evaluation as a government publishes it (issue 15, "Done
when"): rendered in Spanish and in English and read back with pdftotext, every figure of
the summary equals the portal's evaluation page and a recount from the records; no
chart is empty, no percentage blank; the Spanish report has no English text of the
catalogue or of the office's content, and the reverse; money and dates are in the
report's locale; both keep the rules of PDF/UA (tests/monitoring/pdfua.py).
"""

import re
import shutil
import subprocess
from decimal import Decimal

import polib
import pytest
from django.conf import settings
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from brokers.network.models import DistrictService
from clusters.models import Membership
from core.templatetags.portal import money
from demo.monitoring import OFFICE_STAFF, YEAR
from demo.programmes.approval import title
from demo.timeline import year
from monitoring.charts import count
from monitoring.indicators.cluster_office import committed_q
from monitoring.indicators.numbers import year_end
from monitoring.models import Evaluation, EvaluationReport, EvaluationStatus, Progress
from monitoring.report_content import report_context
from monitoring.report_pdf import render_report
from programmes.models import Action, BudgetLine, Expenditure, Programme
from tests.demo.story.test_report import page_indicator_rows
from tests.monitoring.pdfua import check_pdf

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)"),
]

_RENDERED, _PDFS = {}, {}


@pytest.fixture
def evaluation(seeded):
    programme = Programme.objects.get(title=title())
    evaluation = Evaluation.objects.get(programme=programme, year=year(YEAR))
    assert evaluation.status == EvaluationStatus.APPROVED
    return evaluation


def _report(evaluation, language):
    return EvaluationReport(
        evaluation=evaluation,
        language=language,
        version=1,
        snapshot_taken_at=evaluation.snapshot_taken_at,
    )


def rendered(evaluation, language):
    """The report's text (one line per line, spaces collapsed) and its context, rendered
    once per run: every test rolls back to the same seeded demo."""
    if language not in _RENDERED:
        pdf, _pages = render_report(_report(evaluation, language))
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        with translation.override(language):
            context = report_context(_report(evaluation, language))
        _RENDERED[language] = (text.replace("\u00a0", " "), context)
        _PDFS[language] = pdf
    return _RENDERED[language]


def flat(text):
    return " ".join(text.split())


def recount(evaluation):
    """The summary's figures counted again from the records, as the report states them."""
    programme, evaluated = evaluation.programme, evaluation.year
    end = year_end(evaluated)
    delivered = DistrictService.objects.filter(date__year=evaluated, withdrawn_at__isnull=True)
    lines = BudgetLine.objects.filter(programme=programme, year=evaluated)
    spent = Expenditure.objects.filter(programme=programme, date__year=evaluated)
    return {
        "services": delivered.count(),
        "organisations": delivered.values("organisations")
        .exclude(organisations=None)
        .distinct()
        .count(),
        "members": Membership.objects.filter(cluster__programmes=programme)
        .filter(committed_q(end))
        .count(),
        "planned": lines.aggregate(total=Sum("amount"))["total"],
        "spent": spent.aggregate(total=Sum("amount"))["total"],
    }


def euros(amount, language):
    with translation.override(language):
        return money(amount).replace("\u00a0", " ")


def test_the_summary_equals_a_recount_from_the_records(evaluation):
    counted = recount(evaluation)
    for language in ("es", "en"):
        text, context = rendered(evaluation, language)
        summary = context["summary"]
        network = context["network"]
        assert network["total"]["services"] == counted["services"]
        assert network["total"]["organisations"] == counted["organisations"]
        assert summary["members"] == counted["members"]
        # the budget in the summary is the current one; without reallocations across
        # years the year's total equals its lines
        assert context["budget"]["total_current"] == counted["planned"]
        assert context["budget"]["total_actual"] == counted["spent"]
        with translation.override(language):
            labels = {
                "services": _("Services delivered by the brokers"),
                "organisations": _("Organisations reached by the brokers"),
                "members": _("Committed members at year end"),
                "budget": _("Current budget"),
                "spent": _("Spent"),
            }
            services = count(counted["services"])
            organisations = count(counted["organisations"])
        # the summary page prints each label and its figure (its two columns of
        # labels and figures are read apart by pdftotext)
        summary_page = next(flat(p) for p in text.split("\f") if labels["members"] in flat(p))
        rate = (counted["spent"] * 100 / counted["planned"]).quantize(Decimal("0.1"))
        shown_rate = f"{rate}".replace(".", "," if language == "es" else ".")
        for label, figure in [
            (labels["services"], services),
            (labels["organisations"], organisations),
            (labels["members"], str(counted["members"])),
            (labels["budget"], euros(counted["planned"], language)),
            (labels["spent"], f"{euros(counted['spent'], language)} ({shown_rate} %)"),
        ]:
            assert label in summary_page, (language, label)
            assert figure in summary_page, (language, label, figure)


def test_the_statuses_equal_the_evaluation_page(evaluation):
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.force_login(User.objects.get(username=OFFICE_STAFF))
    html = client.get(reverse("monitoring:evaluation_detail", args=[evaluation.pk])).content
    on_the_page = page_indicator_rows(html.decode())
    _text, context = rendered(evaluation, "es")
    statuses = [row["status"] for _measure, rows in context["indicators"] for row in rows]
    assert len(statuses) == len(on_the_page) == evaluation.values.count()
    values = list(evaluation.values.select_related("indicator"))
    assert sorted(statuses) == sorted(v.status for v in values)
    counts = context["summary"]["counts"]
    assert sum(counts.values()) == len(values)
    assert counts[Progress.OFF_TRACK] == sum(v.status == Progress.OFF_TRACK for v in values)


def test_no_chart_is_empty_and_no_percentage_is_blank(evaluation):
    for language in ("es", "en"):
        text, context = rendered(evaluation, language)
        figures = context["figures"]
        assert figures, "the report has charts"
        assert all(figure.chart.drawn for figure in figures)
        numbers = [figure.number for figure in figures]
        assert numbers == list(range(1, len(figures) + 1))
        page = flat(text)
        for figure in figures:
            # each chart links to its table in the annex, which links back
            assert len(re.findall(rf"A\.{figure.number}\b", page)) >= 2, figure.chart.title
        # a percentage sign in a sentence always follows a figure ("el  %" is blank)
        assert not re.search(r"(?:\b(?:el|la|del|the|of)|\()[^\S\n]+%", text), language


def _catalogue():
    """(English, Spanish) of the catalogue's longer sentences that differ."""
    path = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"
    pairs = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr:
            continue
        if "%" in entry.msgid or "{" in entry.msgid or "<" in entry.msgid:
            continue
        if len(entry.msgid) >= 18 and " " in entry.msgid and entry.msgid != entry.msgstr:
            pairs.append((entry.msgid, entry.msgstr))
    return pairs


def _before_definitions(text, language):
    """The report up to its annex of definitions, whose evidence is quoted as the
    Office entered it (in Spanish only)."""
    with translation.override(language):
        heading = _("Annex B: indicator definitions")
    return text[: text.rindex(heading)]


def test_one_language_per_report(evaluation):
    spanish, _context = rendered(evaluation, "es")
    english, _context = rendered(evaluation, "en")
    spanish = flat(_before_definitions(spanish, "es"))
    english = flat(_before_definitions(english, "en"))
    for msgid, msgstr in _catalogue():
        assert msgid not in spanish, msgid
        assert msgstr not in english, msgstr
    # the office's content: the action plan in both languages
    actions = list(Action.objects.exclude(title_en=""))
    assert actions, "the demo's action plan is kept in both languages"
    for action in actions:
        if action.title_en != action.title:
            assert flat(action.title_en) not in spanish, action.title_en
            assert flat(action.title) not in english, action.title
    assert flat(actions[0].title) in spanish
    assert flat(actions[0].title_en) in english


def test_money_and_dates_in_the_reports_locale(evaluation):
    spanish, _context = rendered(evaluation, "es")
    english, _context = rendered(evaluation, "en")
    assert re.search(r"\b\d{1,3}(?:\.\d{3})+ €", spanish)
    assert not re.search(r"€\d", spanish)
    assert re.search(r"€\d{1,3}(?:,\d{3})+", english)
    assert not re.search(r"\d(?:\.\d{3})+[^\S\n]€", english), "no Spanish money"
    day_first = r"\b(0[1-9]|[12]\d|3[01])/(0[1-9]|1[0-2])/20\d\d\b"
    assert re.search(day_first, spanish) and re.search(day_first, english)
    for text in (spanish, english):
        assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), "no ISO date"
        assert not re.search(r"\b(0?[1-9]|1[0-2])/(1[3-9]|2\d|3[01])/20\d\d\b", text)
    # decimals: a comma in Spanish, a point in English
    assert re.search(r"\d,\d %", spanish) and re.search(r"\d\.\d %", english)


def test_the_cover_says_the_period_once_and_who_approved(evaluation):
    spanish, context = rendered(evaluation, "es")
    programme = context["programme"]
    period = f"{programme['start_year']}-{programme['end_year']}"
    cover = flat(spanish.split("\f")[0])
    assert cover.count(period) + cover.count(period.replace("-", "–")) == 1
    approval = context["approval"]["approved"]
    assert approval is not None
    assert approval["by"] in cover
    assert approval["at"].astimezone().strftime("%d/%m/%Y") in cover


def test_both_reports_keep_the_rules_of_pdf_ua(evaluation):
    for language in ("es", "en"):
        rendered(evaluation, language)
        assert check_pdf(_PDFS[language], language=language) == [], language
