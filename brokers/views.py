from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render

from brokers.filters import DistrictFilter
from brokers.network.access import can_tailor_district
from core.audit import audit_trail
from core.pagination import paginate
from districts.models import District


@permission_required("districts.view_district", raise_exception=True)
def district_list(request):
    districts = DistrictFilter(request.GET, queryset=District.objects.with_brokers())
    return render(
        request,
        "brokers/district_list.html",
        {"filter": districts, "page": paginate(request, districts.qs)},
    )


@permission_required("districts.view_district", raise_exception=True)
def district_detail(request, slug):
    district = get_object_or_404(District.objects.with_brokers(), slug=slug)
    context = {
        "district": district,
        # The services the district offers, tailored with local notes.
        "offers": district.service_offers.filter(service_type__is_active=True)
        .select_related("service_type")
        .order_by("service_type__position", "service_type__name"),
        "can_tailor": can_tailor_district(request.user, district),
    }
    if request.user.has_perm("accounts.view_audit_trail"):
        context["audit_trail"] = audit_trail(district)
    return render(request, "brokers/district_detail.html", context)
