"""Changes to industry needs, technology offers and their matches.

A need is OPEN until it is matched with an offer (MATCHED); a match is
followed to its result, and when every match of a need ends in "no fit" the
need is OPEN again, for the whole network to see. A need can be closed (and
reopened) by those who may change it. Every change of a need's status is a
transition (core.transitions) recorded with who caused it and when, the
automatic ones (a match made, a result recorded) too.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brokers.network.models import (
    IndustryNeed,
    MatchResult,
    NeedOfferMatch,
    NeedStatus,
    TechnologyOffer,
)
from clusters.models import HelixType
from core.transitions import Transition, check_transition, record_transition

# Who offers knowledge and technology to the network.
KNOWLEDGE_PROVIDER_TYPES = (HelixType.UNIVERSITY, HelixType.RESEARCH_CENTRE)
# A match is live until it ends in "no fit".
LIVE_RESULTS = (MatchResult.PENDING, MatchResult.CONTACT_MADE, MatchResult.PROJECT)

OPEN, MATCHED, CLOSED = NeedStatus.OPEN, NeedStatus.MATCHED, NeedStatus.CLOSED
CHANGE_NEED = "brokers.change_industryneed"
NEED_TRANSITIONS = {
    t.name: t
    for t in [
        Transition("close", gettext_lazy("Close"), (OPEN, MATCHED), CLOSED, CHANGE_NEED),
        # Reopened, a need is matched again if a match of it is still live.
        Transition("reopen", gettext_lazy("Reopen"), (CLOSED,), OPEN, CHANGE_NEED),
        Transition("reopen_matched", gettext_lazy("Reopen"), (CLOSED,), MATCHED, CHANGE_NEED),
        # Automatic: caused by a match made, or by a match's result.
        Transition("match", gettext_lazy("Match"), (OPEN,), MATCHED, "brokers.add_needoffermatch"),
        Transition(
            "no_fit", gettext_lazy("No fit"), (MATCHED,), OPEN, "brokers.change_needoffermatch"
        ),
        Transition(
            "fit_again",
            gettext_lazy("Match again"),
            (OPEN,),
            MATCHED,
            "brokers.change_needoffermatch",
        ),
    ]
}


def _move(need, name, *, by, not_from, comment=""):
    transition = NEED_TRANSITIONS[name]
    check_transition(need, transition, by=by, comment=comment, not_from=not_from)
    return record_transition(need, transition, by=by, comment=comment)


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
    close_need, reopen_need, matches and their results)."""
    _check_need(need)
    need.save()
    return need


def _locked_need(need):
    return IndustryNeed.objects.select_for_update().get(pk=need.pk)


def _has_live_match(need, excluding=None):
    return need.matches.filter(result__in=LIVE_RESULTS).exclude(pk=excluding).exists()


@transaction.atomic
def close_need(*, need, by):
    need = _locked_need(need)
    _move(need, "close", by=by, not_from=_("This need is already closed."))
    return need


@transaction.atomic
def reopen_need(*, need, by):
    """A closed need is matched again if a match of it is still live, else open."""
    need = _locked_need(need)
    name = "reopen_matched" if _has_live_match(need) else "reopen"
    _move(need, name, by=by, not_from=_("Only a closed need can be reopened."))
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
    if need.status == NeedStatus.OPEN:
        _move(need, "match", by=by, not_from="")
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
            _move(need, "no_fit", by=by, not_from="")
    elif need.status == NeedStatus.OPEN:
        _move(need, "fit_again", by=by, not_from="")
    return match
