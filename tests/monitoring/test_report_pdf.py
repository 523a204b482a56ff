"""The report as a reader gets it: text read back with pdftotext, metadata
with pdfinfo and pdffonts (poppler-utils; .ci/run installs them)."""

import re
import shutil
import subprocess
import zlib

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.roles import Role
from monitoring import reports
from monitoring.models import CorrectiveStatus, ReportStatus
from programmes.models import CostCategory
from tests.monitoring import reporting
from tests.monitoring.reporting import CLUSTERS, DISTRICTS

# The shared fixtures.
evaluation, media = reporting.evaluation, reporting.media

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not shutil.which("pdftotext"), reason="needs pdftotext and pdfinfo (poppler-utils)"
    ),
]


def _run(*command):
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


def _pdf_objects(data):
    """The PDF with its compressed streams inflated, to read its catalogue and metadata."""
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(chunks)


def _generate(people, evaluation, language, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.request_report(
            evaluation=evaluation, language=language, by=people[Role.OFFICE_STAFF]
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error
    return report


@pytest.mark.parametrize(
    ("language", "budget", "grants"),
    [("es", "740.000\u00a0€", "420.000\u00a0€"), ("en", "€740,000", "€420,000")],
)
def test_the_report_says_it_all_in_its_language(
    people, evaluation, media, django_capture_on_commit_callbacks, language, budget, grants
):
    report = _generate(people, evaluation, language, django_capture_on_commit_callbacks)
    path = report.file.path
    text = _run("pdftotext", "-layout", path, "-")
    flat = " ".join(text.split())

    with translation.override(language):
        title = _("Annual evaluation report %(year)s") % {"year": 2025}
        categories = [str(category.label) for category in CostCategory]
        expected_words = [
            title,
            _("Contents"),
            _("Executive summary"),
            _("Budget: planned and actual spending"),
            _("Network of innovation brokers by district"),
            _("Grant call for the innovation brokers"),
            _("Action plan"),
            _("Annex A: data of the figures"),
            _("Annex B: indicator definitions"),
            _("Off track"),  # the status in words
            _("On track"),
            str(CorrectiveStatus.PLANNED.label),
        ]
    for words in expected_words:
        assert words in flat, words
    # The seven cost categories, the budget and the broker grants in the
    # language's format.
    for category in categories:
        assert category in flat, category
    assert budget.replace("\u00a0", " ") in flat.replace("\u00a0", " ")
    assert grants.replace("\u00a0", " ") in flat.replace("\u00a0", " ")
    # Every cluster organisation and every district.
    for name, _short in CLUSTERS:
        assert name in flat, name
    for name, _slug, _rural in DISTRICTS:
        assert name in flat, name
    # The indicators in the report's language, from the evaluation's values.
    indicator = "SME share of company members" if language == "en" else "Proporción de pymes"
    assert indicator in flat
    assert ("41.5 %" if language == "en" else "41,5 %") in flat.replace("\u00a0", " ")
    # Page numbers in the margins, and the contents with the pages of each part.
    pages = report.pages
    assert pages > 10
    assert f"2 / {pages}" in text and f"{pages} / {pages}" in text
    assert re.search(r"\.{5,}\s*\d+\n", text), "the contents give page numbers"

    info = _run("pdfinfo", path)
    assert re.search(rf"^Title:\s+{re.escape(title)}$", info, re.M)
    assert re.search(rf"^Pages:\s+{pages}$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    fonts = _run("pdffonts", path).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), "every font is embedded"

    objects = _pdf_objects(report.file.read())
    assert f"/Lang ({language})".encode() in objects
    assert b'pdfuaid:part="1"' in objects, "identified as PDF/UA-1"
    assert b"/DisplayDocTitle true" in objects
