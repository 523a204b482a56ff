"""Who may see which grant call, application and network record: every view
fetches through these.

Grant calls: the coordinator, office staff and officials read everything; an evaluator sees
only the calls they are assigned to and nothing of an application where they
declared a conflict; an applicant sees only their own organisation's
applications. Anyone else gets a 404: the record is not theirs to know about.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from brokers.models import (
    Application,
    ApplicationStatus,
    DistrictService,
    GrantCall,
    IndustryNeed,
    NeedOfferMatch,
    NeedStatus,
    Review,
    TechnologyOffer,
)

READ_ALL = "brokers.view_application"


def calls_visible_to(user):
    if user.has_perm("brokers.view_grantcall"):
        return GrantCall.objects.all()
    return GrantCall.objects.filter(evaluators=user)


def applications_visible_to(user):
    applications = Application.objects.all()
    if user.has_perm(READ_ALL):
        return applications
    if user.organisation_id:
        return applications.filter(organisation_id=user.organisation_id)
    return applications_for_evaluator(user)


def applications_for_evaluator(user):
    """Submitted applications of the evaluator's calls, less those where they
    themselves declared a conflict (one subquery: exclude() over the reviews
    join would drop an application for anyone's conflict)."""
    conflicts = Review.objects.filter(evaluator=user, has_conflict=True).values("application")
    return Application.objects.filter(
        call__evaluators=user, status=ApplicationStatus.SUBMITTED
    ).exclude(pk__in=conflicts)


def get_call(request, pk):
    return get_object_or_404(calls_visible_to(request.user), pk=pk)


def get_application(request, pk):
    application = (
        applications_visible_to(request.user)
        .select_related("call", "district", "organisation")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


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


def get_district_service(request, pk):
    return get_object_or_404(
        district_services_visible_to(request.user).select_related(
            "district", "broker", "service_type", "knowledge_provider"
        ),
        pk=pk,
    )


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


def get_district_service_to_correct(request, pk):
    """The record if the user may correct it; 404 if they may not see it, 403
    once the broker's correction window has closed."""
    service = get_district_service(request, pk)
    if not can_correct_district_service(request.user, service):
        raise PermissionDenied
    return service


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


def get_need(request, pk, for_change=False):
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


def get_offer(request, pk, for_change=False):
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


def get_match_to_follow_up(request, pk):
    match = get_object_or_404(
        NeedOfferMatch.objects.select_related("need__district", "need__organisation", "offer"),
        pk=pk,
        need__in=needs_visible_to(request.user),
    )
    if not can_follow_up_match(request.user, match):
        raise PermissionDenied
    return match
