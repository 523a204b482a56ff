"""Changes to cluster data that span records or have side effects."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import EndReason, FeeStatus, Membership, MembershipKind, Organisation


def _check_membership_rules(membership):
    """The rules that the database cannot check everywhere (overlaps on SQLite,
    dates against the project)."""
    if membership.overlapping().exists():
        raise ValidationError(
            _("This organisation already has a membership of this cluster in that period.")
        )
    if membership.kind == MembershipKind.PROVISIONAL:
        project = membership.project
        if not project.start_date <= membership.start_date <= project.end_date:
            raise ValidationError(
                {
                    "start_date": _(
                        "A provisional partner joins during the project (%(start)s to %(end)s)."
                    )
                    % {"start": project.start_date, "end": project.end_date}
                }
            )


def _save_checked(membership):
    """Save, turning a constraint the database enforces into a clear error."""
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        raise ValidationError(
            _("This organisation already has a membership of this cluster in that period.")
        ) from None


@transaction.atomic
def add_membership(*, membership):
    """Save a new membership of an organisation in a cluster."""
    # Lock the organisation so two requests cannot both pass the overlap check.
    Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    if membership.kind == MembershipKind.PROVISIONAL:
        membership.fee_status = FeeStatus.EXEMPT
        ended = membership.project and membership.project.end_date < timezone.localdate()
        if ended and membership.end_date is None:
            # Only a past partnership, already ended, can be recorded for it.
            raise ValidationError({"project": _("This project has already ended.")})
    membership.full_clean()
    _check_membership_rules(membership)
    _save_checked(membership)
    return membership


@transaction.atomic
def change_membership(*, membership):
    """Save changes to a membership's dates, fee or agreement (its kind never changes
    here: a provisional partner becomes a full member by conversion)."""
    Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    if membership.kind == MembershipKind.PROVISIONAL:
        membership.fee_status = FeeStatus.EXEMPT
    membership.full_clean()
    _check_membership_rules(membership)
    _save_checked(membership)
    return membership


def _locked(membership):
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("project")
        .get(pk=membership.pk)
    )


@transaction.atomic
def end_membership(*, membership, end_date, reason=EndReason.LEFT):
    membership = _locked(membership)
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
    membership = _locked(membership)
    if membership.kind != MembershipKind.PROVISIONAL:
        raise ValidationError(_("Only a provisional partner can be converted."))
    if membership.end_date is not None:
        raise ValidationError(_("This provisional partnership has already ended."))
    if on <= membership.start_date:
        raise ValidationError(_("The full membership must start after the partnership began."))
    if on > membership.project.end_date + timedelta(days=1):
        raise ValidationError(
            _("The partnership ends with its project on %(end)s: convert it by the day after.")
            % {"end": membership.project.end_date}
        )
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
def end_expired_provisional_partnerships(*, today=None):
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
