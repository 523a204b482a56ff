"""What brokers and the coordinator do to district service records: log them,
correct them, withdraw them and close their follow-ups. Nothing is ever deleted.

Who may correct or withdraw a record is decided in brokers/network/access.py
(can_correct_district_service); the functions here check it again inside their
transaction, on the record locked, so two requests cannot race past it.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Replace, Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from brokers.network.access import COORDINATE_NETWORK, can_correct_district_service
from brokers.network.models import DistrictService
from clusters.models import HelixType, Organisation
from clusters.validators import normalise_tax_id

# The network's first brokers started in 2019: no service can be older.
FIRST_SERVICE_DATE = date(2019, 1, 1)


def check_service_rules(*, service_date, follow_up_on, today=None):
    """The rules on a record's dates, as a ValidationError naming the fields."""
    today = today or timezone.localdate()
    errors = {}
    if service_date is not None:
        if service_date > today:
            errors["date"] = _("A service cannot be in the future.")
        elif service_date < FIRST_SERVICE_DATE:
            errors["date"] = _("The network started in %(year)s: check the year.") % {
                "year": FIRST_SERVICE_DATE.year
            }
    if follow_up_on is not None and service_date is not None and follow_up_on <= service_date:
        errors["follow_up_on"] = _("The follow-up comes after the service.")
    if errors:
        raise ValidationError(errors)


def organisation_with_tax_id(tax_id):
    """The organisation with this tax id, however it was stored (spaces,
    hyphens, an ES prefix), or None."""
    tax_id = normalise_tax_id(tax_id)
    if not tax_id:
        return None
    tax_key = Upper(Replace(Replace("tax_id", Value(" "), Value("")), Value("-"), Value("")))
    return (
        Organisation.objects.annotate(tax_key=tax_key)
        .filter(tax_key__in=[tax_id, f"ES{tax_id}"])
        .order_by("pk")
        .first()
    )


@dataclass(frozen=True)
class QuickAdded:
    """The organisation a quick-add block stands for: new, or already known by its tax id."""

    organisation: Organisation
    created: bool


@dataclass(frozen=True)
class Saved:
    service: DistrictService
    quick_added: QuickAdded | None = None


def _quick_add(candidate, district):
    """The organisation with the candidate's tax id if the portal knows it, else
    the candidate saved in the record's district."""
    existing = organisation_with_tax_id(candidate.tax_id)
    if existing is not None:
        return QuickAdded(existing, created=False)
    candidate.tax_id = normalise_tax_id(candidate.tax_id)
    if not candidate.tax_id:
        raise ValidationError({"tax_id": _("Enter the organisation's tax id.")})
    candidate.district = district
    if candidate.helix_type != HelixType.COMPANY:
        candidate.size_class = ""
    candidate.full_clean()
    candidate._change_reason = "Added from a district service record"
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:  # added by someone else a moment ago
        existing = organisation_with_tax_id(candidate.tax_id)
        if existing is None:
            raise
        return QuickAdded(existing, created=False)
    return QuickAdded(candidate, created=True)


def _check_membership(service, organisations):
    membership = service.membership
    if membership is not None and membership.organisation_id not in {o.pk for o in organisations}:
        raise ValidationError(
            {"membership": _("The membership must be of one of the organisations served.")}
        )


def _save(service, organisations, new_organisation):
    organisations = list(organisations)
    quick_added = None
    if new_organisation is not None:
        quick_added = _quick_add(new_organisation, service.district)
        if quick_added.organisation not in organisations:
            organisations.append(quick_added.organisation)
    if not organisations:
        raise ValidationError(
            {"organisations": _("Choose at least one organisation served, or add a new one.")}
        )
    check_service_rules(service_date=service.date, follow_up_on=service.follow_up_on)
    _check_membership(service, organisations)
    service.full_clean()
    service.save()
    service.organisations.set(organisations)
    return Saved(service, quick_added)


@transaction.atomic
def log_service(*, service, organisations, by, new_organisation=None):
    """Save a new record of a service the broker `by` delivered in their district.

    service is unsaved; organisations are the organisations picked;
    new_organisation an unsaved Organisation from the quick-add block (linked
    to the organisation that already has its tax id, if any, else created in
    the broker's district). The broker and district come from `by`, never
    from what was typed.
    """
    if not (by.has_perm("brokers.add_districtservice") and by.district_id):
        raise PermissionDenied
    service.broker = by
    service.created_by = by
    service.district = by.district
    return _save(service, organisations, new_organisation)


def _locked(service):
    return DistrictService.objects.select_for_update().get(pk=service.pk)


@transaction.atomic
def correct_service(*, service, organisations, by, new_organisation=None):
    """Save a correction of a record: by its district's broker within the
    correction window, by the coordinator at any time. Who logged it, for which
    district and when never change."""
    stored = _locked(service)
    if not can_correct_district_service(by, stored):
        raise PermissionDenied
    for field in ("broker_id", "district_id", "created_by_id", "created_at"):
        setattr(service, field, getattr(stored, field))
    for field in ("withdrawn_at", "withdrawn_by_id", "withdrawal_reason", "follow_up_done_at"):
        setattr(service, field, getattr(stored, field))
    service.district = stored.district
    service._change_reason = "Corrected"
    return _save(service, organisations, new_organisation)


@transaction.atomic
def withdraw_service(*, service, reason, by):
    """Withdraw a record logged in error: it stays on file, out of every figure."""
    stored = _locked(service)
    if stored.is_withdrawn:
        raise ValidationError(_("This record has already been withdrawn."))
    if not can_correct_district_service(by, stored):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the record is withdrawn.")})
    stored.withdrawn_at = timezone.now()
    stored.withdrawn_by = by
    stored.withdrawal_reason = reason
    stored._change_reason = "Withdrawn"
    stored.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return stored


def may_follow_up(user, service):
    if user.has_perm(COORDINATE_NETWORK):
        return True
    return (
        user.has_perm("brokers.change_districtservice")
        and user.district_id is not None
        and user.district_id == service.district_id
    )


def can_close_follow_up(user, service):
    """The district's broker (at any time, unlike corrections) or the coordinator,
    while the follow-up is open."""
    return (
        not service.is_withdrawn
        and service.follow_up_on is not None
        and service.follow_up_done_at is None
        and may_follow_up(user, service)
    )


@transaction.atomic
def mark_follow_up_done(*, service, by):
    """Record that the follow-up of a record has been done (once: doing it again
    changes nothing)."""
    stored = _locked(service)
    if not may_follow_up(by, stored):
        raise PermissionDenied
    if stored.follow_up_done_at is not None:
        return stored
    if stored.follow_up_on is None:
        raise ValidationError(_("This record has no follow-up to close."))
    if stored.is_withdrawn:
        raise ValidationError(_("A withdrawn record has no follow-up."))
    stored.follow_up_done_at = timezone.now()
    stored._change_reason = "Follow-up done"
    stored.save(update_fields=["follow_up_done_at"])
    return stored
