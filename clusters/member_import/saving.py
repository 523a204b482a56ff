"""Writing a previewed file's rows: every row in one transaction, or none."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusters.member_import.preview import NEW, UPDATE, preview
from clusters.member_import.reading import read_stored_rows
from clusters.models import (
    ORGANISATION_FIELDS,
    FeeStatus,
    HelixType,
    ImportStatus,
    MemberImport,
    Membership,
    MembershipKind,
    Organisation,
)
from clusters.services import add_membership


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
