"""Import of a cluster's members from a CSV or XLSX file.

The file is read (`read_rows`), every row is checked against the database
(`preview`) and, once the user confirms a file without errors, written in one
transaction (`run_import`). docs/member-import.md describes the format.
"""

import csv
import io
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import openpyxl
import tablib
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Replace, Upper
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, override

from clusters.models import (
    ORGANISATION_FIELDS,
    FeeStatus,
    HelixType,
    ImportStatus,
    MemberImport,
    Membership,
    MembershipKind,
    Organisation,
    SizeClass,
    name_key,
)
from clusters.services import add_membership
from clusters.validators import NACE_CODE, normalise_tax_id, validate_tax_id
from districts.models import District

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
EXTENSIONS = (".csv", ".xlsx")
# An XLSX file is a zip archive: a few kilobytes can unpack to gigabytes, or
# declare a sheet of a million rows by 16,384 columns that the reader fills in
# with empty cells. What is unpacked and read is bounded.
MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_XLSX_COLUMNS = 100
MAX_XLSX_LINES = 10 * MAX_ROWS  # blank lines included

NEW = "new"
UPDATE = "update"
ERROR = "error"
ACTION_LABELS = {
    NEW: gettext_lazy("New"),
    UPDATE: gettext_lazy("Update"),
    ERROR: gettext_lazy("Error"),
}

REQUIRED_COLUMNS = ("legal_name", "type", "start_date")


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    required: bool = False
    max_length: int | None = None


# The columns of the file, in the order of the sample file; shown on the upload page.
COLUMNS = (
    Column("legal_name", gettext_lazy("Legal name of the organisation."), True, 200),
    Column("short_name", gettext_lazy("Short or commercial name."), max_length=100),
    Column(
        "tax_id",
        gettext_lazy("Spanish NIF, CIF or NIE, e.g. B39123456. Used to find the organisation."),
        max_length=15,
    ),
    Column("type", gettext_lazy("Type of organisation (see the accepted values)."), True),
    Column("size_class", gettext_lazy("Size class; required for companies.")),
    Column(
        "district",
        gettext_lazy("District name or slug; empty for organisations outside the region."),
    ),
    Column("municipality", gettext_lazy("Municipality."), max_length=100),
    Column("nace_code", gettext_lazy("NACE Rev. 2 code such as C, 62 or 62.01."), max_length=8),
    Column("website", gettext_lazy("Web address, e.g. https://www.example.es."), max_length=200),
    Column(
        "start_date",
        gettext_lazy("Date the membership starts: YYYY-MM-DD or DD/MM/YYYY."),
        True,
    ),
    Column("fee_status", gettext_lazy("Membership fee status; pending when empty.")),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
MAX_LENGTHS = {column.name: column.max_length for column in COLUMNS if column.max_length}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


@dataclass
class SourceRow:
    """A data row of the file: its line number (the header is line 1) and its cells."""

    line: int
    values: dict


@dataclass
class RowResult:
    """What importing one row of the file would do."""

    line: int
    action: str  # NEW, UPDATE or ERROR
    organisation_name: str
    messages: list = field(default_factory=list)  # errors, or notes on what is updated
    values: dict = field(default_factory=dict)  # the cleaned values
    organisation: Organisation | None = field(default=None, repr=False)
    membership: Membership | None = field(default=None, repr=False)  # current one, if any

    @property
    def is_error(self):
        return self.action == ERROR

    @property
    def action_label(self):
        return ACTION_LABELS[self.action]


# Reading the file


def read_rows(uploaded_file):
    """The data rows of an uploaded CSV or XLSX file.

    Raises ValidationError when the file as a whole cannot be imported.
    """
    name = (uploaded_file.name or "").lower()
    if not name.endswith(EXTENSIONS):
        raise ValidationError(_("Upload a CSV or XLSX file."), code="file_type")
    if not uploaded_file.size:
        raise ValidationError(_("The file is empty."), code="file_empty")
    if uploaded_file.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_FILE_BYTES // (1024 * 1024)},
            code="file_size",
        )
    uploaded_file.seek(0)
    content = uploaded_file.read()
    uploaded_file.seek(0)
    if name.endswith(".csv"):
        headers, rows = _read_csv(content)
    else:
        headers, rows = _read_xlsx(content)
    return _rows_by_column(headers, rows)


def _unreadable():
    return ValidationError(
        _("The file cannot be read. Save it as a UTF-8 CSV or an Excel XLSX file and try again."),
        code="file_content",
    )


def _read_csv(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."),
            code="file_encoding",
        ) from None
    if "\x00" in text:
        raise _unreadable()
    # Blank lines before the header are dropped, and counted for the line numbers.
    body = text.lstrip("\r\n")
    skipped = text[: len(text) - len(body)].count("\n")
    first_line = body.partition("\n")[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        lines = [line + skipped for line in _csv_record_lines(body, delimiter)]
        dataset = tablib.Dataset().load(body, format="csv", delimiter=delimiter)
    except (csv.Error, tablib.InvalidDimensions):
        raise _unreadable() from None
    rows = list(dataset)
    if len(lines) != len(rows):  # cannot happen: both parse the same text the same way
        raise _unreadable()
    return dataset.headers, list(zip(lines, rows, strict=True))


def _csv_record_lines(text, delimiter):
    """The line each non-empty data record starts on; refuses records wider than the header."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    lines, width, previous_end = [], None, 0
    for index, record in enumerate(reader):
        start, previous_end = previous_end + 1, reader.line_num
        if index == 0:
            width = len(record)
        elif record:
            if len(record) > width:
                raise ValidationError(
                    _("Line %(line)d has more columns than the header row.") % {"line": start},
                    code="file_content",
                )
            lines.append(start)
    return lines


def _too_many_rows():
    return ValidationError(
        _("The file has more than %(limit)s rows; split it into smaller files.")
        % {"limit": MAX_ROWS},
        code="too_many_rows",
    )


def _read_xlsx(content):
    if not content.startswith(b"PK\x03\x04"):
        raise _unreadable()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            # The sizes an archive declares bound what it unpacks to.
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable() from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise _unreadable()
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            lines = workbook.active.iter_rows(max_col=MAX_XLSX_COLUMNS, values_only=True)
            rows = []
            for row in lines:
                if len(rows) == MAX_XLSX_LINES:
                    raise _too_many_rows()
                rows.append(row)
        finally:
            workbook.close()
    except ValidationError:
        raise
    except Exception:  # a corrupt workbook fails in many ways inside openpyxl
        raise _unreadable() from None
    if not rows:
        return [], []
    # Every sheet row is kept, blank ones too, so row n of the data is line n + 2.
    return rows[0], [(index + 2, row) for index, row in enumerate(rows[1:])]


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_by_column(headers, rows):
    headers = [_cell_text(h).lstrip("\ufeff").strip().lower() for h in headers or []]
    if not any(headers):
        raise ValidationError(_("The file has no header row."), code="no_header")
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        raise ValidationError(
            ngettext(
                "The required column %(columns)s is missing from the header row.",
                "The required columns %(columns)s are missing from the header row.",
                len(missing),
            )
            % {"columns": ", ".join(missing)},
            code="missing_columns",
        )
    positions = {}
    for position, header in enumerate(headers):
        if header in COLUMN_NAMES:
            positions.setdefault(header, position)
    result = []
    for line, row in rows:
        cells = [_cell_text(cell) for cell in row]
        if not any(cells):
            continue
        result.append(
            SourceRow(
                line,
                {column: cells[p] if p < len(cells) else "" for column, p in positions.items()},
            )
        )
        if len(result) > MAX_ROWS:
            raise _too_many_rows()
    if not result:
        raise ValidationError(_("The file has no data rows under the header."), code="no_rows")
    return result


def read_stored_rows(member_import):
    """The data rows of a MemberImport's stored file."""
    try:
        with member_import.file.open("rb") as stored:
            return read_rows(stored)
    except OSError:
        raise ValidationError(
            _("The uploaded file can no longer be read; upload it again."), code="file_missing"
        ) from None


# Checking the rows


def fold(text):
    """Text reduced for comparison: no accents, case or repeated spaces."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split())


def choice_lookup(choices):
    """Each choice by its value and by its English and Spanish labels, folded."""
    lookup = {}
    for language in ("en", "es"):
        with override(language):
            for value, label in choices.choices:
                lookup[fold(label)] = value
    for value in choices.values:
        lookup[fold(value)] = value
    return lookup


def _accepted(choices):
    return ", ".join(choices.values)


def _quote(column):
    return f"“{column}”"


class _Checker:
    """Checks the rows of one file; every database read is done in bulk."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.today = timezone.localdate()
        self.types = choice_lookup(HelixType)
        self.sizes = choice_lookup(SizeClass)
        self.fees = choice_lookup(FeeStatus)
        self.districts = {}
        for district in District.objects.all():  # query: the districts
            self.districts[fold(district.name)] = district
            self.districts[fold(district.slug)] = district

    def clean(self, row):
        """The row's values, cleaned, and the errors found in them alone."""
        raw = {column: row.values.get(column, "") for column in COLUMN_NAMES}
        errors = []
        for column in REQUIRED_COLUMNS:
            if not raw[column]:
                errors.append(
                    _("Column %(column)s is empty; it is required.") % {"column": _quote(column)}
                )
        for column, limit in MAX_LENGTHS.items():
            if len(raw[column]) > limit:
                errors.append(
                    _("Column %(column)s: the value is longer than %(limit)d characters.")
                    % {"column": _quote(column), "limit": limit}
                )
        values = {
            "legal_name": raw["legal_name"],
            "short_name": raw["short_name"],
            "municipality": raw["municipality"],
            "nace_code": raw["nace_code"].upper(),
        }
        values["tax_id"] = self._tax_id(raw["tax_id"], errors)
        values["helix_type"] = self._choice(raw["type"], "type", self.types, HelixType, errors)
        values["size_class"] = self._size_class(raw["size_class"], values["helix_type"], errors)
        values["district"] = self._district(raw["district"], errors)
        if values["nace_code"] and not NACE_CODE.match(values["nace_code"]):
            errors.append(
                _(
                    "Column %(column)s: “%(value)s” is not a NACE Rev. 2 code "
                    "such as C, 62 or 62.01."
                )
                % {"column": _quote("nace_code"), "value": raw["nace_code"]}
            )
        values["website"] = self._website(raw["website"], errors)
        values["start_date"] = self._date(raw["start_date"], errors)
        values["fee_status"] = self._choice(
            raw["fee_status"], "fee_status", self.fees, FeeStatus, errors
        )
        return values, errors

    def _tax_id(self, value, errors):
        if not value:
            return ""
        try:
            validate_tax_id(value)
        except ValidationError:
            errors.append(
                _("Column %(column)s: “%(value)s” is not a valid Spanish tax id (NIF, CIF or NIE).")
                % {"column": _quote("tax_id"), "value": value}
            )
            return ""
        return normalise_tax_id(value)

    def _choice(self, value, column, lookup, choices, errors):
        if not value:
            return ""
        found = lookup.get(fold(value))
        if found is None:
            errors.append(
                _("Column %(column)s: “%(value)s” is not one of the accepted values: %(accepted)s.")
                % {"column": _quote(column), "value": value, "accepted": _accepted(choices)}
            )
            return ""
        return found

    def _size_class(self, value, helix_type, errors):
        if helix_type != HelixType.COMPANY:
            return ""  # only companies have a size class, as in the organisation form
        if not value:
            errors.append(
                _("Column %(column)s is empty; a company needs a size class.")
                % {"column": _quote("size_class")}
            )
            return ""
        return self._choice(value, "size_class", self.sizes, SizeClass, errors)

    def _district(self, value, errors):
        if not value:
            return None
        district = self.districts.get(fold(value))
        if district is None:
            errors.append(
                _(
                    "Column %(column)s: there is no district “%(value)s”. "
                    "Leave it empty for an organisation outside the region."
                )
                % {"column": _quote("district"), "value": value}
            )
        return district

    def _website(self, value, errors):
        if not value:
            return ""
        url = value if "://" in value else f"https://{value}"
        try:
            URLValidator()(url)
        except ValidationError:
            errors.append(
                _("Column %(column)s: “%(value)s” is not a valid web address.")
                % {"column": _quote("website"), "value": value}
            )
            return ""
        return url

    def _date(self, value, errors):
        if not value:
            return None
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        errors.append(
            _("Column %(column)s: “%(value)s” is not a date; write it as YYYY-MM-DD or DD/MM/YYYY.")
            % {"column": _quote("start_date"), "value": value}
        )
        return None

    def existing(self, cleaned):
        """The organisations the rows may refer to, by tax id and by name key."""
        tax_ids = {values["tax_id"] for values, _errors in cleaned if values["tax_id"]}
        keys = {
            name_key(values["legal_name"])
            for values, _errors in cleaned
            if values["legal_name"] and not values["tax_id"]
        }
        keys.discard("")
        if not tax_ids and not keys:
            return {}, {}
        # Stored tax ids are compared in their compact form, as normalise_tax_id
        # makes them: no spaces or hyphens, upper case, no "ES" prefix.
        tax_key = Upper(Replace(Replace("tax_id", Value(" "), Value("")), Value("-"), Value("")))
        candidates = tax_ids | {f"ES{tax_id}" for tax_id in tax_ids}
        organisations = Organisation.objects.annotate(tax_key=tax_key).filter(
            Q(tax_key__in=candidates) | Q(name_key__in=keys)
        )  # query: the organisations
        by_tax_id, by_name = {}, defaultdict(list)
        for organisation in organisations:
            if organisation.tax_id and normalise_tax_id(organisation.tax_id) in tax_ids:
                by_tax_id[normalise_tax_id(organisation.tax_id)] = organisation
            if organisation.name_key in keys:
                by_name[organisation.name_key].append(organisation)
        return by_tax_id, by_name

    def memberships(self, organisations):
        by_organisation = defaultdict(list)
        if organisations:
            for membership in Membership.objects.filter(
                cluster=self.cluster, organisation__in=organisations
            ):  # query: their memberships of this cluster
                by_organisation[membership.organisation_id].append(membership)
        return by_organisation


def _format(day):
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def _period(membership):
    if membership.end_date is None:
        return _("since %(start)s") % {"start": _format(membership.start_date)}
    return _("%(start)s to %(end)s") % {
        "start": _format(membership.start_date),
        "end": _format(membership.end_date),
    }


def preview(*, cluster, rows, update_organisations):
    """What importing the rows into the cluster would do: one RowResult per row.

    Only the Office changes the details of an organisation already in the
    portal (update_organisations); for anyone else such a row only adds or
    updates the membership. Reads the database with a fixed number of queries,
    whatever the number of rows.
    """
    checker = _Checker(cluster)
    cleaned = [checker.clean(row) for row in rows]
    by_tax_id, by_name = checker.existing(cleaned)

    results = []
    seen_tax_ids, seen_names, seen_organisations = {}, {}, {}
    for row, (values, errors) in zip(rows, cleaned, strict=True):
        result = RowResult(
            line=row.line,
            action=ERROR,
            organisation_name=values["legal_name"] or values["short_name"] or "—",
            messages=errors,
            values=values,
        )
        results.append(result)
        tax_id, key = values["tax_id"], name_key(values["legal_name"])
        if tax_id:
            if tax_id in seen_tax_ids:
                errors.append(
                    _("Column %(column)s: “%(value)s” is already on line %(line)d of the file.")
                    % {"column": _quote("tax_id"), "value": tax_id, "line": seen_tax_ids[tax_id]}
                )
            seen_tax_ids.setdefault(tax_id, row.line)
        if key:
            # Two rows with the same name are two organisations only if their
            # tax ids say so.
            first = seen_names.get(key)
            if first and not (tax_id and first[1] and tax_id != first[1]):
                errors.append(
                    _("Column %(column)s: “%(value)s” is already on line %(line)d of the file.")
                    % {
                        "column": _quote("legal_name"),
                        "value": values["legal_name"],
                        "line": first[0],
                    }
                )
            seen_names.setdefault(key, (row.line, tax_id))

        if tax_id:
            organisation = by_tax_id.get(tax_id)
        else:
            namesakes = by_name.get(key, [])
            organisation = namesakes[0] if len(namesakes) == 1 else None
            if len(namesakes) > 1:
                errors.append(
                    _(
                        "Column %(column)s: %(count)d organisations are already called "
                        "“%(value)s”; add the tax_id to say which one."
                    )
                    % {
                        "column": _quote("legal_name"),
                        "count": len(namesakes),
                        "value": values["legal_name"],
                    }
                )
        if organisation is not None:
            if organisation.pk in seen_organisations:
                errors.append(
                    _("Line %(line)d of the file is the same existing organisation (%(name)s).")
                    % {"line": seen_organisations[organisation.pk], "name": organisation.legal_name}
                )
            seen_organisations.setdefault(organisation.pk, row.line)
        result.organisation = organisation

    memberships = checker.memberships([r.organisation for r in results if r.organisation])
    for result in results:
        if result.messages:
            continue
        if result.organisation is None:
            result.action = NEW
            result.messages = [
                _("New organisation; it joins the cluster on %(date)s.")
                % {"date": _format(result.values["start_date"])}
            ]
            continue
        errors, note = _check_membership(result, memberships[result.organisation.pk], checker.today)
        result.action = ERROR if errors else UPDATE
        result.messages = errors or [note]
        if not errors and not update_organisations:
            result.messages.append(
                _("Its details stay as they are in the portal: only the Office changes them.")
            )
    return results


def _check_membership(result, memberships, today):
    """The errors, or else a note, for a row of an existing organisation.

    The same rule as Membership.overlapping(), applied to memberships read in bulk.
    """
    values, organisation = result.values, result.organisation
    current = next((m for m in memberships if m.is_active_on(today)), None)
    if current is not None:
        if current.kind != MembershipKind.FULL:
            return [
                _(
                    "%(name)s is a provisional partner of this cluster; convert it to a full "
                    "member on its membership page instead."
                )
                % {"name": organisation.legal_name}
            ], None
        result.membership = current
        if values["fee_status"]:
            note = _(
                "Existing organisation, already a member %(period)s: its details and the fee "
                "status of its membership are updated."
            )
        else:
            note = _("Existing organisation, already a member %(period)s: its details are updated.")
        return [], note % {"period": _period(current)}
    start = values["start_date"]
    for membership in memberships:
        if membership.end_date is None or membership.end_date >= start:
            return [
                _(
                    "Column %(column)s: %(name)s already has a membership of this cluster "
                    "(%(period)s) that overlaps one starting on %(date)s."
                )
                % {
                    "column": _quote("start_date"),
                    "name": organisation.legal_name,
                    "period": _period(membership),
                    "date": _format(start),
                }
            ], None
    note = _("Existing organisation: its details are updated and it joins the cluster on %(date)s.")
    return [], note % {"date": _format(start)}


# Writing


def run_import(*, member_import, update_organisations):
    """Import a previewed file: every row or, if any row has an error, nothing.

    Returns the MemberImport, marked imported with its counts.
    """
    with transaction.atomic():
        locked = (
            MemberImport.objects.select_for_update(of=("self",))
            .select_related("cluster")
            .get(pk=member_import.pk)
        )
        if locked.status == ImportStatus.IMPORTED:
            raise ValidationError(_("This file has already been imported."), code="imported")
        rows = read_stored_rows(locked)
        results = preview(
            cluster=locked.cluster, rows=rows, update_organisations=update_organisations
        )
        errors = sum(result.is_error for result in results)
        if errors:
            raise ValidationError(
                ngettext(
                    "%(count)d row has an error: nothing has been imported.",
                    "%(count)d rows have errors: nothing has been imported.",
                    errors,
                )
                % {"count": errors},
                code="row_errors",
            )
        for result in results:
            _write(result, locked.cluster, update_organisations)
        locked.status = ImportStatus.IMPORTED
        locked.imported_at = timezone.now()
        locked.created_count = sum(result.action == NEW for result in results)
        locked.updated_count = sum(result.action == UPDATE for result in results)
        locked.save(update_fields=["status", "imported_at", "created_count", "updated_count"])
    for name in ("status", "imported_at", "created_count", "updated_count"):
        setattr(member_import, name, getattr(locked, name))
    return member_import


def _write(result, cluster, update_organisations):
    values = result.values
    organisation = result.organisation or Organisation()
    if result.organisation is not None and not update_organisations:
        _write_membership(result, cluster, organisation)
        return
    for name in ORGANISATION_FIELDS:
        value = values[name]
        # A new organisation takes every value; an existing one only those given.
        if result.organisation is None or value:
            setattr(organisation, name, value)
    if values["helix_type"] != HelixType.COMPANY:
        organisation.size_class = ""
    organisation.full_clean()
    organisation.save()
    _write_membership(result, cluster, organisation)


def _write_membership(result, cluster, organisation):
    values = result.values
    if result.membership is not None:
        if values["fee_status"]:
            result.membership.fee_status = values["fee_status"]
            result.membership.save(update_fields=["fee_status"])
        return
    add_membership(
        membership=Membership(
            organisation=organisation,
            cluster=cluster,
            kind=MembershipKind.FULL,
            start_date=values["start_date"],
            fee_status=values["fee_status"] or FeeStatus.PENDING,
        )
    )
