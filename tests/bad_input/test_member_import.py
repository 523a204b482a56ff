"""Hostile files for the member import: refused with a message, or read harmlessly.

The refusals of ordinary bad files (wrong extension, empty, over 2 MB, binary,
NUL bytes, corrupt XLSX, wrong headers, too many rows) are in
tests/clusters/test_member_import.py; the export's neutralising of formulas in
tests/clusters/test_memberships.py (core.exports.neutralise). Here: any
bytes at all, XLSX "zip bombs", hostile cell values, and formulas going
through import and export.
"""

import functools
import io
import re
import time
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from accounts.roles import Role
from clusters.member_import import (
    COLUMN_NAMES,
    ERROR,
    MAX_XLSX_UNPACKED_BYTES,
    preview,
    read_rows,
)
from clusters.models import MemberImport, Organisation
from tests.bad_input.hostile import BAD_INPUT, TEXTS
from tests.clusters.test_member_import import (
    csv_upload,
    form_error_codes,
    make_cluster,
    member,
    preview_url,
    upload,
    upload_url,
    xlsx_upload,
)

FORMULAS = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("https://evil.example","Pulse aquí")',
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\t=MAX(4,5)",
)


@functools.cache
def _good_xlsx():
    return xlsx_upload([member()]).read()


def _read(name, content):
    """The rows of a file, or the refusal's code: anything else is a bug."""
    try:
        return read_rows(SimpleUploadedFile(name, content))
    except ValidationError as error:
        return error.code


# Any bytes at all


@BAD_INPUT
@given(content=st.binary(max_size=4096), name=st.sampled_from(["m.csv", "m.xlsx"]))
def test_any_bytes_are_read_or_refused(content, name):
    _read(name, content)


@BAD_INPUT
@given(data=st.data())
def test_a_damaged_workbook_is_read_or_refused(data):
    content = bytearray(_good_xlsx())
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(content) - 1))
        content[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(content) // 2, len(content)))
    _read("m.xlsx", bytes(content[:cut]))


# Zip bombs: a few kilobytes that would unpack to a huge sheet


def _workbook(rewrite_sheet=None, extra=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["legal_name", "type", "start_date"])
    sheet.append(["Universidad Nueva", "university", "2024-01-01"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml" and rewrite_sheet:
                content = rewrite_sheet(content)
            archive.writestr(info.filename, content)
        for filename, content in (extra or {}).items():
            archive.writestr(filename, content)
    return out.getvalue()


def _declare(dimension):
    return lambda xml: re.sub(
        rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), xml
    )


def _timed_read(content):
    started = time.monotonic()
    result = _read("members.xlsx", content)
    return result, time.monotonic() - started


def test_a_declared_million_rows_by_16384_columns_is_read_as_the_cells_it_has():
    """openpyxl fills every row up to the declared width: 16,384 empty cells a row."""
    content = _workbook(_declare("A1:XFD1048576"))
    assert len(content) < 10_000
    rows, seconds = _timed_read(content)
    assert [row.values for row in rows] == [
        {"legal_name": "Universidad Nueva", "type": "university", "start_date": "2024-01-01"}
    ]
    assert seconds < 5


def test_a_row_a_million_lines_down_is_refused_without_reading_the_gap():
    """Before the bound, this 5 KB file took gigabytes: a million empty rows of
    16,384 cells each, filled in by the reader."""

    def far_row(xml):
        xml = _declare("A1:XFD1048576")(xml)
        return xml.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            b"</sheetData>",
        )

    content = _workbook(far_row)
    assert len(content) < 10_000
    code, seconds = _timed_read(content)
    assert code == "too_many_rows"
    assert seconds < 5


def test_a_workbook_that_unpacks_to_too_much_is_refused():
    filler = b"<!-- " + b" " * (MAX_XLSX_UNPACKED_BYTES + 1) + b" -->"
    content = _workbook(extra={"xl/padding.xml": filler})
    assert len(content) < 1024 * 1024
    code, seconds = _timed_read(content)
    assert code == "file_content"
    assert seconds < 5


# Hostile values in the cells: read and checked, never a crash


@pytest.fixture
def cluster(db):
    return make_cluster()


# The examples share the cluster: the preview only reads, so none changes what
# the next one sees.
@settings(BAD_INPUT, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                column: st.sampled_from(TEXTS + FORMULAS) | st.text(max_size=30)
                for column in COLUMN_NAMES
            },
        ),
        min_size=1,
        max_size=4,
    ),
    as_xlsx=st.booleans(),
)
def test_hostile_cells_are_checked_row_by_row(cluster, cells, as_xlsx):
    rows = [member(**values) for values in cells]
    if as_xlsx:  # a workbook cannot hold control characters
        assume(not any(ILLEGAL_CHARACTERS_RE.search(v) for row in rows for v in row.values()))
    file = xlsx_upload(rows) if as_xlsx else csv_upload(rows)
    try:
        source = read_rows(file)
    except ValidationError as error:
        assert error.code in ("file_content", "missing_columns", "no_rows"), error.code
        return  # e.g. a NUL byte: the whole file is refused
    results = preview(cluster=cluster, rows=source, update_organisations=True)
    assert len(results) == len(source)


# Formulas: never run by the import, neutralised by the export


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def office(people, client_for):
    return client_for(people[Role.OFFICE_STAFF])


@pytest.mark.django_db
def test_formulas_in_a_csv_are_imported_as_text_and_exported_neutralised(office, cluster):
    names = [f"{formula} S.L." for formula in FORMULAS]
    rows = [member(legal_name=name, type="university", size_class="") for name in names]
    member_import = upload(office, cluster, csv_upload(rows))
    response = office.post(preview_url(member_import))
    assert response.status_code == 302, [
        (r.organisation_name, r.messages) for r in response.context["results"]
    ]
    names = [name.strip() for name in names]  # cells are read without surrounding spaces
    assert set(Organisation.objects.values_list("legal_name", flat=True)) >= set(names)

    export = office.get(
        reverse("clusters:member_directory"), {"cluster": cluster.pk, "export": "xlsx"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    exported = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert exported == {"'" + name for name in names}


@pytest.mark.django_db
def test_a_formula_cell_in_a_workbook_is_not_run(office, cluster):
    """A formula's result is read only if the file carries it (data_only): a
    workbook written by a program carries none, so the cell is empty."""
    file = xlsx_upload([member(legal_name=FORMULAS[0], type="university", size_class="")])
    member_import = upload(office, cluster, file)
    response = office.get(preview_url(member_import))
    results = response.context["results"]
    assert [result.action for result in results] == [ERROR]
    assert "legal_name" in " ".join(results[0].messages)
    assert not Organisation.objects.filter(legal_name__contains="cmd").exists()


@pytest.mark.django_db
def test_html_named_csv_is_refused(office, cluster):
    file = SimpleUploadedFile("members.csv", b"<html><script>alert(1)</script></html>")
    response = office.post(upload_url(cluster), {"file": file})
    assert form_error_codes(response) == ["missing_columns"]
    assert not MemberImport.objects.exists()
    assert b"<script>alert(1)" not in response.content
