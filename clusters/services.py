"""Changes to cluster data that span records or have side effects."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import EndReason, FeeStatus, Membership, MembershipKind


def _check_no_overlap(membership):
    if membership.overlapping().exists():
        raise ValidationError(
            _("This organisation already has a membership of this cluster in that period.")
        )


@transaction.atomic
def add_membership(*, membership):
    """Save a new membership after checking the rules the database cannot check everywhere."""
    if membership.kind == MembershipKind.PROVISIONAL:
        membership.fee_status = FeeStatus.EXEMPT
    membership.full_clean()
    _check_no_overlap(membership)
    membership.save()
    return membership


@transaction.atomic
def end_membership(*, membership, end_date, reason=EndReason.LEFT):
    if membership.end_date is not None:
        raise ValidationError(_("This membership has already ended."))
    if end_date < membership.start_date:
        raise ValidationError(_("A membership cannot end before it starts."))
    membership.end_date = end_date
    membership.end_reason = reason
    membership.save(update_fields=["end_date", "end_reason"])
    return membership


@transaction.atomic
def convert_to_full_member(*, membership, on, fee_status=FeeStatus.PENDING):
    """Turn a provisional partner into a full member from `on`, keeping both periods."""
    if membership.kind != MembershipKind.PROVISIONAL:
        raise ValidationError(_("Only a provisional partner can be converted."))
    if membership.end_date is not None:
        raise ValidationError(_("This provisional partnership has already ended."))
    if on <= membership.start_date:
        raise ValidationError(_("The full membership must start after the partnership began."))
    end_membership(
        membership=membership, end_date=on - timedelta(days=1), reason=EndReason.CONVERTED
    )
    return Membership.objects.create(
        organisation=membership.organisation,
        cluster=membership.cluster,
        kind=MembershipKind.FULL,
        start_date=on,
        fee_status=fee_status,
        converted_from=membership,
    )


@transaction.atomic
def end_expired_provisional_memberships(*, today=None):
    """End every open provisional partnership whose project has ended. Idempotent.

    Returns the number of memberships ended by this call.
    """
    today = today or timezone.localdate()
    expired = (
        Membership.objects.select_for_update(of=("self",))
        .filter(kind=MembershipKind.PROVISIONAL, end_date__isnull=True, project__end_date__lt=today)
        .select_related("project")
    )
    ended = 0
    for membership in expired:
        membership.end_date = max(membership.project.end_date, membership.start_date)
        membership.end_reason = EndReason.PROJECT_ENDED
        membership.save(update_fields=["end_date", "end_reason"])
        ended += 1
    return ended


ERASED_NAME = "—"


def export_contact_person(*, contact, by):
    """Everything held about a contact person, for a data-access request.

    The export itself is recorded in the contact's audit trail.
    """
    history = [
        {
            "when": record.history_date.isoformat(),
            "who": str(record.history_user or ""),
            "action": record.get_history_type_display(),
            "name": record.name,
            "role": record.role,
            "email": record.email,
            "phone": record.phone,
        }
        for record in contact.history.select_related("history_user").order_by("history_date")
    ]
    contact._change_reason = "Personal data exported"
    contact.save()
    return {
        "organisation": str(contact.organisation),
        "name": contact.name,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "history": history,
        "exported_by": str(by),
        "exported_at": timezone.now().isoformat(),
    }


@transaction.atomic
def erase_contact_person(*, contact):
    """Anonymise a contact person, in the record and in its past versions."""
    erased = {"name": ERASED_NAME, "role": "", "email": "", "phone": ""}
    contact.history.update(**erased)
    for field, value in erased.items():
        setattr(contact, field, value)
    contact.erased_at = timezone.now()
    contact._change_reason = "Personal data erased"
    contact.save()
