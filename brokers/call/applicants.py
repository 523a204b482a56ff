"""Applicants who register themselves to apply for a grant call."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from clusters.models import Organisation

TAX_ID_TAKEN = _(
    "An organisation with this tax id is already in the portal. To apply on its "
    "behalf, ask the network coordinator to tie your account to it."
)


def tax_id_taken(tax_id):
    return bool(tax_id) and Organisation.objects.filter(tax_id=tax_id).exists()


@transaction.atomic
def register_applicant(*, user, organisation):
    """Create a new organisation and its applicant's account, tied together.

    user is an unsaved User with its password set; organisation an unsaved
    Organisation with a tax id that no organisation in the portal has: a
    stranger is never tied to an organisation already known.
    """
    if not organisation.tax_id:
        raise ValidationError({"tax_id": _("Enter the organisation's tax id.")})
    if tax_id_taken(organisation.tax_id):
        raise ValidationError({"tax_id": TAX_ID_TAKEN}, code="tax_id_taken")
    organisation.full_clean()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as error:  # registered by someone else a moment ago
        raise ValidationError({"tax_id": TAX_ID_TAKEN}, code="tax_id_taken") from error
    user.organisation = organisation
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=Role.APPLICANT))
    return user
