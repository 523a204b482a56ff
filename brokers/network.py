"""The broker network as a whole: service types and each district's tailoring,
the bimonthly meetings, and the figures of the dashboards.

Changes go through the functions here (keyword-only, atomic); the figures are
aggregated in the database with a fixed number of queries, whatever the number
of records or districts. Only delivered services count (withdrawn ones stay on
file, out of the figures).
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.text import capfirst, get_text_list, slugify
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from brokers.access import COORDINATE_NETWORK
from brokers.models import (
    DistrictService,
    DistrictServiceOffer,
    IndustryNeed,
    NetworkMeeting,
    ServiceType,
)
from core.charts import bar_chart
from districts.models import District

# The network meets every two months; a district with no service in this many
# days is flagged on the coordinator's pages.
MEETING_INTERVAL_MONTHS = 2
INACTIVITY_DAYS = 30
# How many due or overdue follow-ups are listed (the count says how many in all).
FOLLOW_UPS_SHOWN = 10
OVERDUE_SHOWN = 25
ZERO = Decimal(0)


def service_url(pk):
    return reverse("brokers:service_detail", args=[pk])


def service_list_url(**filters):
    return f"{reverse('brokers:service_list')}?{urlencode(filters)}"


def year_filters(year):
    return {"date_after": f"{year}-01-01", "date_before": f"{year}-12-31"}


def need_list_url(**filters):
    return f"{reverse('brokers:need_list')}?{urlencode(filters)}"


def add_months(day, months):
    """The same day `months` later (or earlier), on the month's last day if
    that month is shorter: 31 December + 2 months is 29 February in a leap year."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# Service types and per-district tailoring


def _unique_code(name):
    base = slugify(name)[:40] or "service"
    taken = set(ServiceType.objects.filter(code__startswith=base).values_list("code", flat=True))
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def save_service_type(*, service_type, by):
    """Save a new or changed service type; a new one gets a code from its name
    (the code never changes: records and the demo refer to it)."""
    if not by.has_perm(
        "brokers.change_servicetype" if service_type.pk else "brokers.add_servicetype"
    ):
        raise PermissionDenied
    if not service_type.code:
        service_type.code = _unique_code(service_type.name_en or service_type.name)
    service_type.save()
    return service_type


def can_tailor_district(user, district):
    """The coordinator tailors any district; a broker only their own."""
    if user.has_perm(COORDINATE_NETWORK):
        return True
    return user.has_perm("brokers.add_districtservice") and user.district_id == district.pk


def get_district_to_tailor(request, slug):
    """The district if the user may choose its services: 404 if there is no
    such district, 403 for anyone but the coordinator and its own broker."""
    district = get_object_or_404(District, slug=slug)
    if not can_tailor_district(request.user, district):
        raise PermissionDenied
    return district


def types_to_tailor(district):
    """Active service types, and inactive ones the district still offers (so
    they can be dropped), each with the district's offer or None as .offer."""
    offers = {
        offer.service_type_id: offer
        for offer in DistrictServiceOffer.objects.filter(district=district)
    }
    types = list(ServiceType.objects.filter(Q(is_active=True) | Q(pk__in=list(offers))))
    for service_type in types:
        service_type.offer = offers.get(service_type.pk)
    return types


@transaction.atomic
def tailor_district(*, district, chosen, by):
    """Make the district offer exactly the chosen service types.

    chosen maps each offered ServiceType to its local notes. Types no longer
    chosen are dropped (their history stays); inactive types cannot be added.
    """
    if not can_tailor_district(by, district):
        raise PermissionDenied
    current = {o.service_type_id: o for o in DistrictServiceOffer.objects.filter(district=district)}
    for service_type, notes in chosen.items():
        offer = current.pop(service_type.pk, None)
        if offer is None:
            if service_type.is_active:
                DistrictServiceOffer.objects.create(
                    district=district, service_type=service_type, notes=notes
                )
        elif offer.notes != notes:
            offer.notes = notes
            offer.save(update_fields=["notes"])
    for offer in current.values():
        offer.delete()


# Meetings


def meeting_attendee_choices(meeting=None):
    """Who may attend: active brokers and coordinators, and anyone already
    recorded as an attendee (a broker who has since left stays on the record)."""
    people = Q(is_active=True, groups__name__in=[Role.INNOVATION_BROKER, Role.NETWORK_COORDINATOR])
    if meeting is not None and meeting.pk:
        people |= Q(pk__in=meeting.attendees.values("pk"))
    return User.objects.filter(pk__in=User.objects.filter(people).values("pk")).select_related(
        "district"
    )


@transaction.atomic
def save_meeting(*, meeting, attendees, by):
    if not by.has_perm(
        "brokers.change_networkmeeting" if meeting.pk else "brokers.add_networkmeeting"
    ):
        raise PermissionDenied
    if not meeting.pk:
        meeting.created_by = by
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


@dataclass
class NextMeeting:
    date: date
    meeting: NetworkMeeting | None = None  # None: only proposed, not yet planned
    last: NetworkMeeting | None = None

    @property
    def proposed(self):
        return self.meeting is None

    @property
    def overdue(self):
        return self.proposed and self.date < timezone.localdate()


def next_meeting(today=None):
    """The planned next meeting if there is one, else the date two months after
    the last meeting; None when the network has never met."""
    today = today or timezone.localdate()
    upcoming = NetworkMeeting.objects.upcoming(today).first()
    if upcoming is not None:
        return NextMeeting(date=upcoming.date, meeting=upcoming)
    last = NetworkMeeting.objects.held(today).order_by("-date").first()
    if last is None:
        return None
    return NextMeeting(date=add_months(last.date, MEETING_INTERVAL_MONTHS), last=last)


# The coordinator's network page


@dataclass
class DistrictFigures:
    district: District
    services_by_month: list = field(default_factory=lambda: [0] * 12)
    organisations_by_month: list = field(default_factory=lambda: [0] * 12)
    hours: Decimal = ZERO
    organisations: int = 0
    list_url: str = ""

    @property
    def services(self):
        return sum(self.services_by_month)


@dataclass
class Subtotal:
    label: str
    services: int
    hours: Decimal
    organisations: int
    share: Decimal | None = None  # of the network's services, in percent


def years_with_services():
    """The years from the first delivered service to the last, newest first (a
    year between without any included): the first and last dates are two probes
    of the date index, where the distinct years would read every record."""
    span = DistrictService.objects.delivered().aggregate(first=Min("date"), last=Max("date"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def chosen_year(value, today=None):
    """The year asked for if it is a plausible one, else the current year."""
    today = today or timezone.localdate()
    try:
        year = int(value)
    except (TypeError, ValueError):
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def month_labels(year):
    return [capfirst(date_format(date(year, m, 1), "b")) for m in range(1, 13)]


def _percent(part, whole):
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def network_figures(year, today=None):
    """Everything the network page shows for a year, in a fixed number of queries:
    years with data, districts with their last service (and brokers), services
    and hours per district and month, distinct organisations per district and
    month, per district, and for rural and other districts, overdue follow-ups
    per district and the oldest of them."""
    today = today or timezone.localdate()
    services = DistrictService.objects.delivered().in_year(year)
    districts = list(District.objects.with_last_service(today).with_brokers())
    rows = {d.pk: DistrictFigures(district=d) for d in districts}
    for district in districts:
        rows[district.pk].list_url = service_list_url(district=district.slug, **year_filters(year))
    for row in services.per_district_and_month():
        figures = rows[row["district_id"]]
        figures.services_by_month[row["month"] - 1] = row["services"]
        figures.hours += row["hours_spent"] or ZERO
    for row in services.organisations_per_district_and_month():
        rows[row["district_id"]].organisations_by_month[row["month"] - 1] = row["organisations"]
    for row in services.organisations_per_district():
        rows[row["district_id"]].organisations = row["organisations"]
    reached = services.organisations_reached()

    ordered = [rows[d.pk] for d in districts]
    rural = [r for r in ordered if r.district.is_rural]
    others = [r for r in ordered if not r.district.is_rural]
    others_label = not_rural_label(others)
    total_services = sum(r.services for r in ordered)

    def subtotal(label, part, organisations):
        services_ = sum(r.services for r in part)
        return Subtotal(
            label=label,
            services=services_,
            hours=sum((r.hours for r in part), ZERO),
            organisations=organisations,
            share=_percent(services_, total_services),
        )

    subtotals = [
        subtotal(_("Rural districts"), rural, reached["rural"]),
        subtotal(others_label, others, reached["not_rural"]),
        subtotal(_("Whole network"), ordered, reached["reached"]),
    ]
    cutoff = today - timedelta(days=INACTIVITY_DAYS)
    overdue = overdue_follow_ups(today)
    # The years with services, this year (the default) and the year shown.
    years = sorted({*years_with_services(), year, today.year}, reverse=True)
    months = month_labels(year)
    return {
        "year": year,
        "years": years,
        "months": months,
        "districts": ordered,
        "rural": rural,
        "others": others,
        "subtotals": subtotals,
        "inactive": [d for d in districts if d.last_service is None or d.last_service < cutoff],
        "inactivity_days": INACTIVITY_DAYS,
        "overdue": overdue,
        "charts": network_charts(year, ordered, months, others_label),
    }


def not_rural_label(rows):
    """“Besaya and Santander”: the districts that are not rural, by name."""
    return get_text_list([r.district.name for r in rows], _("and")) or _("Other districts")


def network_charts(year, districts, months, others_label):
    """The district totals, the rural split per month, and one chart per district."""
    totals = bar_chart(
        title=_("Services and organisations reached per district, %(year)s") % {"year": year},
        categories=[r.district.name for r in districts],
        category_label=_("District"),
        series=[
            (_("Services"), [r.services for r in districts]),
            (_("Organisations reached"), [r.organisations for r in districts]),
        ],
    )
    rural = [r for r in districts if r.district.is_rural]
    others = [r for r in districts if not r.district.is_rural]
    monthly = bar_chart(
        title=_("Services per month, rural districts apart, %(year)s") % {"year": year},
        categories=months,
        category_label=_("Month"),
        series=[
            (_("Rural districts"), [sum(r.services_by_month[m] for r in rural) for m in range(12)]),
            (others_label, [sum(r.services_by_month[m] for r in others) for m in range(12)]),
        ],
    )
    per_district = [
        (
            row,
            bar_chart(
                title=_("%(district)s: services and organisations reached per month, %(year)s")
                % {"district": row.district.name, "year": year},
                categories=months,
                category_label=_("Month"),
                series=[
                    (_("Services"), row.services_by_month),
                    (_("Organisations reached"), row.organisations_by_month),
                ],
            ),
        )
        for row in districts
    ]
    return {"totals": totals, "monthly": monthly, "per_district": per_district}


def overdue_follow_ups(today=None, shown=OVERDUE_SHOWN):
    """Overdue follow-ups per district (district, slug, count), and the oldest ones."""
    today = today or timezone.localdate()
    overdue = DistrictService.objects.follow_ups_overdue(today)
    per_district = list(
        overdue.values("district__name", "district__slug")
        .annotate(count=Count("pk"))
        .order_by("district__name")
    )
    oldest = list(
        overdue.select_related("district", "broker", "service_type").order_by("follow_up_on", "pk")[
            :shown
        ]
    )
    for service in oldest:
        service.url = service_url(service.pk)
    return {
        "per_district": per_district,
        "oldest": oldest,
        "count": sum(row["count"] for row in per_district),
    }


def inactive_districts(today=None):
    """Districts with no delivered service in the last INACTIVITY_DAYS days."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=INACTIVITY_DAYS)
    return list(District.objects.without_activity_since(cutoff, today).with_brokers())


# The broker's home


def district_panel(district, today=None):
    """A broker's district this month and this year: services by type,
    organisations reached, hours, follow-ups due, open needs, and the next
    network meeting."""
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    this_month = Q(date__gte=month_start)
    services = DistrictService.objects.delivered().filter(district=district).in_year(today.year)
    # Filtered before annotating, the counts join only the district's services of
    # the year (read from the (district, date) index), and types without any drop.
    by_type = list(
        ServiceType.objects.filter(
            services__district=district,
            services__date__year=today.year,
            services__withdrawn_at__isnull=True,
        )
        .annotate(
            year_count=Count("services"),
            month_count=Count("services", filter=Q(services__date__gte=month_start)),
        )
        # Meta.ordering does not apply to a grouped query.
        .order_by("position", "name")
    )
    totals = services.services_and_hours(month=this_month)
    reached = services.organisations_reached(month=this_month)
    due = DistrictService.objects.follow_ups_due(today).filter(district=district)
    due_list = list(
        due.select_related("service_type").order_by("follow_up_on", "pk")[:FOLLOW_UPS_SHOWN]
    )
    for service in due_list:
        service.url = service_url(service.pk)
    return {
        "district": district,
        "month": month_start,
        "year": today.year,
        "by_type": by_type,
        "services_month": totals["services_month"],
        "services_year": totals["services"],
        "hours_month": totals["hours_month"] or ZERO,
        "hours_year": totals["hours_spent"] or ZERO,
        "organisations_month": reached["reached_month"],
        "organisations_year": reached["reached"],
        "follow_ups": due_list,
        "follow_up_count": due.count(),
        "open_needs": IndustryNeed.objects.open().filter(district=district).count(),
        "open_needs_url": need_list_url(district=district.slug, status="open"),
        "service_create_url": reverse("brokers:service_create"),
        "service_list_url": service_list_url(district=district.slug, **year_filters(today.year)),
    }


def coordinator_panel(today=None):
    today = today or timezone.localdate()
    return {
        "network_url": reverse("brokers:network"),
        "inactive": inactive_districts(today),
        "inactivity_days": INACTIVITY_DAYS,
        "overdue": overdue_follow_ups(today),
    }
