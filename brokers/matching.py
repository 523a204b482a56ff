"""Changes to industry needs, technology offers and their matches.

A need is OPEN until it is matched with an offer (MATCHED); a match is
followed to its result, and when every match of a need ends in "no fit" the
need is OPEN again, for the whole network to see. A need can be closed (and
reopened) by those who may change it.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brokers.models import (
    IndustryNeed,
    MatchResult,
    NeedOfferMatch,
    NeedStatus,
    TechnologyOffer,
)
from clusters.models import HelixType

# Who offers knowledge and technology to the network.
KNOWLEDGE_PROVIDER_TYPES = (HelixType.UNIVERSITY, HelixType.RESEARCH_CENTRE)
# A match is live until it ends in "no fit".
LIVE_RESULTS = (MatchResult.PENDING, MatchResult.CONTACT_MADE, MatchResult.PROJECT)


def _check_need(need):
    if need.organisation_id and need.organisation.district_id != need.district_id:
        message = _("Choose an organisation of the need's district (%(district)s).")
        raise ValidationError({"organisation": message % {"district": need.district}})
    need.full_clean()


@transaction.atomic
def create_need(*, need, by):
    """Save a new need, compiled by `by`; it is open to the network."""
    need.compiled_by = by
    need.status = NeedStatus.OPEN
    _check_need(need)
    need.save()
    return need


@transaction.atomic
def change_need(*, need):
    """Save changes to a need's description (its status changes only through
    set_need_status, matches and their results)."""
    _check_need(need)
    need.save()
    return need


def _locked_need(need):
    return IndustryNeed.objects.select_for_update().get(pk=need.pk)


def _has_live_match(need, excluding=None):
    return need.matches.filter(result__in=LIVE_RESULTS).exclude(pk=excluding).exists()


@transaction.atomic
def close_need(*, need):
    need = _locked_need(need)
    if need.status == NeedStatus.CLOSED:
        raise ValidationError(_("This need is already closed."))
    need.status = NeedStatus.CLOSED
    need.save(update_fields=["status"])
    return need


@transaction.atomic
def reopen_need(*, need):
    """A closed need is matched again if a match of it is still live, else open."""
    need = _locked_need(need)
    if need.status != NeedStatus.CLOSED:
        raise ValidationError(_("Only a closed need can be reopened."))
    need.status = NeedStatus.MATCHED if _has_live_match(need) else NeedStatus.OPEN
    need.save(update_fields=["status"])
    return need


@transaction.atomic
def save_offer(*, offer, by=None):
    """Save a technology offer; a new one is recorded as added by `by`."""
    if offer.provider_id and offer.provider.helix_type not in KNOWLEDGE_PROVIDER_TYPES:
        raise ValidationError(
            {"provider": _("The provider must be a university or an R&D or technology centre.")}
        )
    if offer.pk is None:
        offer.created_by = by
    offer.full_clean()
    offer.save()
    return offer


@transaction.atomic
def match_need(*, need, offer, by):
    """Put a need in touch with an offer; the need is then matched."""
    need = _locked_need(need)
    if need.status == NeedStatus.CLOSED:
        raise ValidationError(_("This need is closed: reopen it before matching it."))
    offer = TechnologyOffer.objects.get(pk=offer.pk)
    if not offer.is_active:
        raise ValidationError(_("This offer is no longer available."))
    duplicate = _("This need has already been matched with “%(offer)s”.") % {"offer": offer}
    if need.matches.filter(offer=offer).exists():
        raise ValidationError(duplicate)
    try:
        with transaction.atomic():
            match = NeedOfferMatch.objects.create(need=need, offer=offer, matched_by=by)
    except IntegrityError:
        raise ValidationError(duplicate) from None
    need.status = NeedStatus.MATCHED
    need.save(update_fields=["status"])
    return match


@transaction.atomic
def record_match_result(*, match, result, notes, by, cluster_project=None):
    """Record what a match led to. A "no fit" puts the need back in the
    network's open needs unless another match of it is still live; a result
    corrected away from "no fit" makes an open need matched again. A closed
    need stays closed."""
    if result not in MatchResult.values or result == MatchResult.PENDING:
        raise ValidationError({"result": _("Choose what the match led to.")})
    if cluster_project is not None and result != MatchResult.PROJECT:
        raise ValidationError(
            {"cluster_project": _("Link a project only when the match led to one.")}
        )
    need = _locked_need(match.need)
    match = NeedOfferMatch.objects.select_for_update().get(pk=match.pk)
    match.result = result
    match.result_notes = notes
    match.cluster_project = cluster_project
    match.result_recorded_at = timezone.now()
    match.result_recorded_by = by
    match.save()
    if result == MatchResult.NO_FIT:
        if need.status == NeedStatus.MATCHED and not _has_live_match(need, excluding=match.pk):
            need.status = NeedStatus.OPEN
            need.save(update_fields=["status"])
    elif need.status == NeedStatus.OPEN:
        need.status = NeedStatus.MATCHED
        need.save(update_fields=["status"])
    return match
