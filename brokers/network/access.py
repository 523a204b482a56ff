"""Who may see and change which network record: every network view fetches through these."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from brokers.network.models import (
    DistrictService,
    IndustryNeed,
    NeedOfferMatch,
    NeedStatus,
    TechnologyOffer,
)
from districts.models import District

# The broker network. Readers of the whole network (coordinator, office staff,
# officials, advisory committee) see every district; a broker sees their own
# district's services and needs, and the network's open needs and offers.
READ_NETWORK = "brokers.view_network"
COORDINATE_NETWORK = "brokers.coordinate_network"


def district_services_visible_to(user):
    services = DistrictService.objects.all()
    if user.has_perm(READ_NETWORK):
        return services
    if user.has_perm("brokers.view_districtservice") and user.district_id:
        return services.filter(district_id=user.district_id)
    return services.none()


def get_district_service(request, pk, *, for_change=False):
    """The record; for_change: to correct or withdraw it, 403 once the broker's
    correction window has closed."""
    service = get_object_or_404(
        district_services_visible_to(request.user).select_related(
            "district", "broker", "service_type", "knowledge_provider"
        ),
        pk=pk,
    )
    if for_change and not can_correct_district_service(request.user, service):
        raise PermissionDenied
    return service


def can_correct_district_service(user, service, today=None):
    """The coordinator corrects any record; a broker corrects their district's
    records for CORRECTION_WINDOW_DAYS after logging them, unless withdrawn."""
    if user.has_perm(COORDINATE_NETWORK):
        return True
    today = today or timezone.localdate()
    return (
        user.has_perm("brokers.change_districtservice")
        and user.district_id == service.district_id
        and not service.is_withdrawn
        and today <= service.correctable_until
    )


def needs_visible_to(user):
    needs = IndustryNeed.objects.all()
    if user.has_perm(READ_NETWORK):
        return needs
    if user.has_perm("brokers.view_industryneed") and user.district_id:
        # Open needs are shared across the network: that is its point.
        return needs.filter(Q(district_id=user.district_id) | Q(status=NeedStatus.OPEN))
    return needs.none()


def can_change_need(user, need):
    if user.has_perm(COORDINATE_NETWORK):
        return True
    return user.has_perm("brokers.change_industryneed") and user.district_id == need.district_id


def get_need(request, pk, *, for_change=False):
    need = get_object_or_404(
        needs_visible_to(request.user).select_related("district", "organisation"), pk=pk
    )
    if for_change and not can_change_need(request.user, need):
        raise PermissionDenied
    return need


def offers_visible_to(user):
    if user.has_perm("brokers.view_technologyoffer"):
        return TechnologyOffer.objects.all()
    return TechnologyOffer.objects.none()


def can_change_offer(user, offer):
    if user.has_perm(COORDINATE_NETWORK):
        return True
    return user.has_perm("brokers.change_technologyoffer") and offer.created_by_id == user.pk


def get_offer(request, pk, *, for_change=False):
    offer = get_object_or_404(offers_visible_to(request.user).select_related("provider"), pk=pk)
    if for_change and not can_change_offer(request.user, offer):
        raise PermissionDenied
    return offer


def can_follow_up_match(user, match):
    """The coordinator, the broker who made the match, or the need's district broker."""
    if user.has_perm(COORDINATE_NETWORK):
        return True
    return user.has_perm("brokers.change_needoffermatch") and (
        match.matched_by_id == user.pk or match.need.district_id == user.district_id
    )


def get_match(request, pk, *, for_change=False):
    """A match of a need the user sees; for_change: to record its result."""
    match = get_object_or_404(
        NeedOfferMatch.objects.select_related("need__district", "need__organisation", "offer"),
        pk=pk,
        need__in=needs_visible_to(request.user),
    )
    if for_change and not can_follow_up_match(request.user, match):
        raise PermissionDenied
    return match


def can_tailor_district(user, district):
    """The coordinator tailors any district (chooses its services); a broker
    only their own."""
    if user.has_perm(COORDINATE_NETWORK):
        return True
    return user.has_perm("brokers.add_districtservice") and user.district_id == district.pk


def get_district(request, slug, *, for_change=False):
    """The district; for_change: to choose its services, 403 for anyone but
    the coordinator and its own broker (404 if there is no such district)."""
    district = get_object_or_404(District, slug=slug)
    if for_change and not can_tailor_district(request.user, district):
        raise PermissionDenied
    return district
