"""The network's figures: the coordinator's network page, the broker's and the
coordinator's home panels, and the links from them to the filtered lists.

The figures are aggregated in the database with a fixed number of queries,
whatever the number of records or districts. Only delivered services count
(withdrawn ones stay on file, out of the figures).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext_lazy as _

from brokers.network.models import DistrictService, IndustryNeed, ServiceType
from core.charts import bar_chart
from districts.maps import district_map
from districts.models import District

# A district with no service in this many days is flagged on the coordinator's pages.
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

    ordered = [rows[d.pk] for d in districts]
    rural = [r for r in ordered if r.district.is_rural]
    others = [r for r in ordered if not r.district.is_rural]
    others_label = not_rural_label(others)
    subtotals = network_subtotals(ordered, others_label, services.organisations_reached())
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


def network_subtotals(rows, others_label, reached):
    """Services, hours and organisations of the rural districts, the others and
    the whole network, each with its share of the network's services."""
    total_services = sum(r.services for r in rows)

    def subtotal(label, part, organisations):
        services = sum(r.services for r in part)
        return Subtotal(
            label=label,
            services=services,
            hours=sum((r.hours for r in part), ZERO),
            organisations=organisations,
            share=_percent(services, total_services),
        )

    return [
        subtotal(_("Rural districts"), [r for r in rows if r.district.is_rural], reached["rural"]),
        subtotal(others_label, [r for r in rows if not r.district.is_rural], reached["not_rural"]),
        subtotal(_("Whole network"), rows, reached["reached"]),
    ]


def not_rural_label(rows):
    """“Besaya and Santander”: the districts that are not rural, by name."""
    return get_text_list([r.district.name for r in rows], _("and")) or _("Other districts")


def network_charts(year, districts, months, others_label):
    """The map and the totals of the districts, the rural split per month, and
    one chart per district."""
    services_map = district_map(
        title=_("Services delivered per district, %(year)s") % {"year": year},
        figures={r.district.slug: r.services for r in districts},
        names={r.district.slug: r.district.name for r in districts},
        figure_label=_("Services"),
    )
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
    return {
        "map": services_map,
        "totals": totals,
        "monthly": monthly,
        "per_district": per_district,
    }


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
