"""What importing the rows of a file would do, row by row, before anything is written."""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.member_import.checking import Checker, quote_column
from clusters.models import (
    Membership,
    MembershipKind,
    Organisation,
    name_key,
)

NEW = "new"
UPDATE = "update"
ERROR = "error"
ACTION_LABELS = {
    NEW: gettext_lazy("New"),
    UPDATE: gettext_lazy("Update"),
    ERROR: gettext_lazy("Error"),
}


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
    checker = Checker(cluster)
    cleaned = [checker.clean(row) for row in rows]
    by_tax_id, by_name = checker.existing(cleaned)
    results = []
    seen = _SeenRows()
    for row, (values, errors) in zip(rows, cleaned, strict=True):
        result = RowResult(
            line=row.line,
            action=ERROR,
            organisation_name=values["legal_name"] or values["short_name"] or "—",
            messages=errors,
            values=values,
        )
        results.append(result)
        seen.check_repeated(result)
        result.organisation = _existing_organisation(result, by_tax_id, by_name)
        if result.organisation is not None:
            seen.check_same_organisation(result)

    memberships = checker.memberships([r.organisation for r in results if r.organisation])
    for result in results:
        if not result.messages:
            _decide(result, memberships, checker.today, update_organisations)
    return results


@dataclass
class _SeenRows:
    """The rows already read, to refuse a row that repeats one of them."""

    tax_ids: dict = field(default_factory=dict)  # tax id: line
    names: dict = field(default_factory=dict)  # name key: (line, tax id)
    organisations: dict = field(default_factory=dict)  # existing organisation's pk: line

    def check_repeated(self, result):
        values, errors = result.values, result.messages
        tax_id, key = values["tax_id"], name_key(values["legal_name"])
        if tax_id:
            if tax_id in self.tax_ids:
                errors.append(
                    _("Column %(column)s: “%(value)s” is already on line %(line)d of the file.")
                    % {
                        "column": quote_column("tax_id"),
                        "value": tax_id,
                        "line": self.tax_ids[tax_id],
                    }
                )
            self.tax_ids.setdefault(tax_id, result.line)
        if key:
            # Two rows with the same name are two organisations only if their
            # tax ids say so.
            first = self.names.get(key)
            if first and not (tax_id and first[1] and tax_id != first[1]):
                errors.append(
                    _("Column %(column)s: “%(value)s” is already on line %(line)d of the file.")
                    % {
                        "column": quote_column("legal_name"),
                        "value": values["legal_name"],
                        "line": first[0],
                    }
                )
            self.names.setdefault(key, (result.line, tax_id))

    def check_same_organisation(self, result):
        organisation = result.organisation
        if organisation.pk in self.organisations:
            result.messages.append(
                _("Line %(line)d of the file is the same existing organisation (%(name)s).")
                % {"line": self.organisations[organisation.pk], "name": organisation.legal_name}
            )
        self.organisations.setdefault(organisation.pk, result.line)


def _existing_organisation(result, by_tax_id, by_name):
    """The organisation already in the portal the row refers to: by its tax id, else
    by its name when one organisation alone has it."""
    values = result.values
    if values["tax_id"]:
        return by_tax_id.get(values["tax_id"])
    namesakes = by_name.get(name_key(values["legal_name"]), [])
    if len(namesakes) > 1:
        result.messages.append(
            _(
                "Column %(column)s: %(count)d organisations are already called "
                "“%(value)s”; add the tax_id to say which one."
            )
            % {
                "column": quote_column("legal_name"),
                "count": len(namesakes),
                "value": values["legal_name"],
            }
        )
    return namesakes[0] if len(namesakes) == 1 else None


def _decide(result, memberships, today, update_organisations):
    """Set the action and notes of a row without errors so far; memberships are the
    cluster's, by organisation."""
    if result.organisation is None:
        result.action = NEW
        result.messages = [
            _("New organisation; it joins the cluster on %(date)s.")
            % {"date": _format(result.values["start_date"])}
        ]
        return
    errors, note = _check_membership(result, memberships[result.organisation.pk], today)
    result.action = ERROR if errors else UPDATE
    result.messages = errors or [note]
    if not errors and not update_organisations:
        result.messages.append(
            _("Its details stay as they are in the portal: only the Office changes them.")
        )


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
                    "column": quote_column("start_date"),
                    "name": organisation.legal_name,
                    "period": _period(membership),
                    "date": _format(start),
                }
            ], None
    note = _("Existing organisation: its details are updated and it joins the cluster on %(date)s.")
    return [], note % {"date": _format(start)}
