"""The computations of the Network of Innovation Brokers' indicators (measure
broker_network): region-wide, the network has no programme."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum

from brokers.call.models import GrantAgreement, Payment, PaymentStatus
from brokers.network.models import DistrictService, MatchResult, NeedOfferMatch, ServiceType
from districts.models import District
from monitoring.indicators.numbers import ZERO, amount, months_in_year, percent, text
from monitoring.indicators.registry import Result, computation


def delivered_services(year):
    return DistrictService.objects.delivered().filter(date__year=year)


def districts():
    """[(slug, name, is_rural)] of every district, by name."""
    return list(District.objects.order_by("name").values_list("slug", "name", "is_rural"))


def services_by_district_and_type(year):
    """{(district slug, service type code): (services, hours)} delivered in the year."""
    rows = (
        delivered_services(year)
        .values("district__slug", "service_type__code")
        .annotate(services=Count("pk"), hours=Sum("hours"))
        .order_by()
    )
    return {
        (row["district__slug"], row["service_type__code"]): (row["services"], row["hours"] or ZERO)
        for row in rows
    }


def organisations_by_district(year):
    """{district slug: distinct organisations served in the year}."""
    rows = (
        delivered_services(year)
        .values("district__slug")
        .annotate(organisations=Count("organisations", distinct=True))
        .order_by()
    )
    return {row["district__slug"]: row["organisations"] for row in rows}


def organisations_in_network(year):
    """Distinct organisations served in the year: in all and in rural districts."""
    return delivered_services(year).aggregate(
        total=Count("organisations", distinct=True),
        rural=Count("organisations", distinct=True, filter=Q(district__is_rural=True)),
    )


def grants_by_district(year):
    """{district slug: [committed, paid]} for the months of the year: committed is
    each agreement's monthly amount times its months in the year, paid the paid
    payments of those months. Two queries."""
    figures = defaultdict(lambda: [ZERO, ZERO])
    agreements = GrantAgreement.objects.running_in(year).values_list(
        "district__slug", "monthly_amount", "start_date", "end_date"
    )
    for slug, monthly, start, end in agreements:
        figures[slug][0] += monthly * months_in_year(start, end, year)
    paid = (
        Payment.objects.filter(status=PaymentStatus.PAID, month__year=year)
        .values("agreement__district__slug")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in paid:
        figures[row["agreement__district__slug"]][1] += row["total"] or ZERO
    return figures


@computation("services_delivered")
def services_delivered(*, year, programme):
    cells = services_by_district_and_type(year)
    types = ServiceType.objects.order_by("position", "name").values_list("code", "is_active")
    by_type = {code: 0 for code, active in types if active}
    by_district = {slug: 0 for slug, _name, _rural in districts()}
    hours = dict.fromkeys(by_district, ZERO)
    for (slug, code), (n, h) in cells.items():
        by_type[code] = by_type.get(code, 0) + n
        by_district[slug] = by_district.get(slug, 0) + n
        hours[slug] = hours.get(slug, ZERO) + h
    return Result(
        Decimal(sum(by_district.values())),
        {
            "by_type": by_type,
            "by_district": by_district,
            "hours_by_district": {slug: amount(h) for slug, h in hours.items()},
        },
    )


@computation("organisations_reached")
def organisations_reached(*, year, programme):
    per_district = organisations_by_district(year)
    reached = organisations_in_network(year)
    return Result(
        Decimal(reached["total"]),
        {"by_district": {slug: per_district.get(slug, 0) for slug, _n, _r in districts()}},
    )


@computation("organisations_reached_rural")
def organisations_reached_rural(*, year, programme):
    per_district = organisations_by_district(year)
    reached = organisations_in_network(year)
    return Result(
        Decimal(reached["rural"]),
        {
            "by_district": {
                slug: per_district.get(slug, 0) for slug, _n, rural in districts() if rural
            },
            "totals": {
                "network": reached["total"],
                "share_percent": text(percent(reached["rural"], reached["total"])),
            },
        },
    )


@computation("rural_service_share")
def rural_service_share(*, year, programme):
    totals = delivered_services(year).aggregate(
        services=Count("pk"), rural=Count("pk", filter=Q(district__is_rural=True))
    )
    return Result(
        percent(totals["rural"], totals["services"]),
        {"totals": {"rural": totals["rural"], "services": totals["services"]}},
    )


@computation("needs_matched")
def needs_matched(*, year, programme):
    matches = NeedOfferMatch.objects.filter(matched_at__year=year)
    per_district = (
        matches.values("need__district__slug")
        .annotate(needs=Count("need", distinct=True))
        .order_by()
    )
    by_result = dict.fromkeys((r.value for r in MatchResult), 0)
    for row in matches.values("result").annotate(n=Count("pk")).order_by():
        by_result[row["result"]] = row["n"]
    total = matches.aggregate(needs=Count("need", distinct=True))["needs"]
    by_district = sorted((r["need__district__slug"], r["needs"]) for r in per_district)
    return Result(
        Decimal(total),
        {
            "by_district": dict(by_district),
            "by_result": by_result,
        },
    )


@computation("matches_successful")
def matches_successful(*, year, programme):
    successful = [MatchResult.CONTACT_MADE, MatchResult.PROJECT]
    rows = (
        NeedOfferMatch.objects.filter(result__in=successful)
        .filter(
            Q(result_recorded_at__year=year)
            | Q(result_recorded_at__isnull=True, matched_at__year=year)
        )
        .values("result")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_result = dict.fromkeys((r.value for r in successful), 0)
    for row in rows:
        by_result[row["result"]] = row["n"]
    return Result(Decimal(sum(by_result.values())), {"by_result": by_result})


@computation("grants_paid_rate")
def grants_paid_rate(*, year, programme):
    figures = grants_by_district(year)
    committed = sum((c for c, _p in figures.values()), ZERO)
    paid = sum((p for _c, p in figures.values()), ZERO)
    slugs = sorted(figures)
    return Result(
        percent(paid, committed),
        {
            "totals": {"committed": amount(committed), "paid": amount(paid)},
            "committed_by_district": {slug: amount(figures[slug][0]) for slug in slugs},
            "paid_by_district": {slug: amount(figures[slug][1]) for slug in slugs},
        },
    )
