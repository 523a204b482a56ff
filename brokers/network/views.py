"""Pages of the broker network as a whole: service types, each district's
tailoring, the bimonthly meetings and the coordinator's network page.

Who gets what: the service types and the meetings are read by the whole
network (brokers and the network readers: coordinator, office staff,
officials, advisory committee); only the coordinator adds and changes them.
A district's services are chosen by the coordinator or by that district's
broker. The network page is for the network readers; brokers have their
home page. Anyone else gets 403.
"""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from brokers.network import figures, meetings, tailoring
from brokers.network.access import READ_NETWORK, get_district
from brokers.network.forms import DistrictServicesForm, NetworkMeetingForm, ServiceTypeForm
from brokers.network.models import NetworkMeeting, ServiceType
from core.access import require
from core.audit import trail_for
from core.dashboards import cached_figures
from core.pagination import paginate

# Service types


def service_type_list(request):
    require(request.user, "brokers.view_servicetype")
    service_types = ServiceType.objects.annotate(
        district_count=Count("district_offers", distinct=True)
    )
    return render(
        request,
        "brokers/network/service_type_list.html",
        {
            "service_types": service_types,
            "can_add": request.user.has_perm("brokers.add_servicetype"),
            "can_edit": request.user.has_perm("brokers.change_servicetype"),
        },
    )


def _save_service_type(request, service_type):
    form = ServiceTypeForm(request.POST or None, instance=service_type)
    if request.method == "POST" and form.is_valid():
        service_type = tailoring.save_service_type(
            service_type=form.save(commit=False), by=request.user
        )
        messages.success(
            request, _("The service type “%(name)s” has been saved.") % {"name": service_type}
        )
        return redirect("brokers:service_type_list")
    return render(
        request,
        "brokers/network/service_type_form.html",
        {"form": form, "service_type": service_type},
    )


def service_type_create(request):
    require(request.user, "brokers.add_servicetype")
    return _save_service_type(request, ServiceType())


def service_type_edit(request, pk):
    require(request.user, "brokers.change_servicetype")
    return _save_service_type(request, get_object_or_404(ServiceType, pk=pk))


# A district's tailoring


def district_services_edit(request, slug):
    district = get_district(request, slug, for_change=True)
    # Unticking every service is a choice too: bind the form to any POST.
    form = DistrictServicesForm(
        request.POST if request.method == "POST" else None,
        service_types=tailoring.types_to_tailor(district),
    )
    if request.method == "POST" and form.is_valid():
        tailoring.tailor_district(district=district, chosen=form.chosen(), by=request.user)
        messages.success(
            request,
            _("The services of %(district)s have been saved.") % {"district": district.name},
        )
        return redirect("brokers:district_detail", district.slug)
    return render(
        request,
        "brokers/network/district_services_form.html",
        {"form": form, "district": district},
    )


# Meetings


def meeting_list(request):
    require(request.user, "brokers.view_networkmeeting")
    today = timezone.localdate()
    return render(
        request,
        "brokers/network/meeting_list.html",
        {
            "next_meeting": meetings.next_meeting(today),
            "planned": list(NetworkMeeting.objects.upcoming(today).for_list().order_by("date")),
            "page": paginate(request, NetworkMeeting.objects.held(today).for_list()),
            "can_add": request.user.has_perm("brokers.add_networkmeeting"),
        },
    )


def meeting_detail(request, pk):
    require(request.user, "brokers.view_networkmeeting")
    meeting = get_object_or_404(NetworkMeeting.objects.select_related("created_by"), pk=pk)
    return render(
        request,
        "brokers/network/meeting_detail.html",
        {
            "meeting": meeting,
            "attendees": meeting.attendees.select_related("district"),
            "can_edit": request.user.has_perm("brokers.change_networkmeeting"),
            "audit_trail": trail_for(request.user, meeting),
        },
    )


def _save_meeting(request, meeting, initial=None):
    form = NetworkMeetingForm(request.POST or None, instance=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = meetings.save_meeting(
            meeting=form.save(commit=False),
            attendees=form.cleaned_data["attendees"],
            by=request.user,
        )
        messages.success(request, _("The network meeting has been saved."))
        return redirect("brokers:meeting_detail", meeting.pk)
    return render(request, "brokers/network/meeting_form.html", {"form": form, "meeting": meeting})


def meeting_create(request):
    require(request.user, "brokers.add_networkmeeting")
    # The next meeting is proposed two months after the last one.
    proposal = meetings.next_meeting()
    initial = {"date": proposal.date} if proposal and proposal.proposed else None
    return _save_meeting(request, NetworkMeeting(), initial)


def meeting_edit(request, pk):
    require(request.user, "brokers.change_networkmeeting")
    return _save_meeting(request, get_object_or_404(NetworkMeeting, pk=pk))


# The coordinator's network page


def network_page(request):
    require(request.user, READ_NETWORK)
    today = timezone.localdate()
    year = figures.chosen_year(request.GET.get("year"), today)
    # Charts, month names and the subtotals' labels are text of the language.
    cached = cached_figures(
        "network",
        key=(year, today),
        compute=lambda: figures.network_figures(year, today),
    )
    return render(request, "brokers/network/network.html", {**cached.value, "figures": cached})
