"""Checking the rows of a file: each row's values, and the database read in bulk."""

import unicodedata
from collections import defaultdict
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q, Value
from django.db.models.functions import Replace, Upper
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from clusters.member_import.reading import COLUMN_NAMES, DATE_FORMATS, MAX_LENGTHS, REQUIRED_COLUMNS
from clusters.models import (
    FeeStatus,
    HelixType,
    Membership,
    Organisation,
    SizeClass,
    name_key,
)
from clusters.validators import NACE_CODE, normalise_tax_id, validate_tax_id
from districts.models import District


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


def quote_column(column):
    return f"“{column}”"


class Checker:
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
                    _("Column %(column)s is empty; it is required.")
                    % {"column": quote_column(column)}
                )
        for column, limit in MAX_LENGTHS.items():
            if len(raw[column]) > limit:
                errors.append(
                    _("Column %(column)s: the value is longer than %(limit)d characters.")
                    % {"column": quote_column(column), "limit": limit}
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
                % {"column": quote_column("nace_code"), "value": raw["nace_code"]}
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
                % {"column": quote_column("tax_id"), "value": value}
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
                % {"column": quote_column(column), "value": value, "accepted": _accepted(choices)}
            )
            return ""
        return found

    def _size_class(self, value, helix_type, errors):
        if helix_type != HelixType.COMPANY:
            return ""  # only companies have a size class, as in the organisation form
        if not value:
            errors.append(
                _("Column %(column)s is empty; a company needs a size class.")
                % {"column": quote_column("size_class")}
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
                % {"column": quote_column("district"), "value": value}
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
                % {"column": quote_column("website"), "value": value}
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
            % {"column": quote_column("start_date"), "value": value}
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
