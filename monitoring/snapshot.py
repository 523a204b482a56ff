"""The snapshot of an evaluation: the data of every report section for one
programme year, read in a fixed number of queries whatever the number of
records, and ready for a JSON field (amounts as text "742000.00", percentages
as text "85.3" or None, dates as ISO text, choices as codes; labels are the
report's business, in the report's language).

build_snapshot(*, programme, year) -> (snapshot, sources), as the contract in
the issue's shared context; what it adds to the contract is marked "(+)":

{
 "schema": 1, "year": 2025,
 "programme": {"title", "start_year", "end_year", "status" (+)},
 "budget": {
   "rows": [{"category", "planned", "current" (+), "actual", "rate" (+)}],
            # the year, all seven categories in the strategy's order
   "total_planned", "total_current" (+), "total_actual", "rate" (+),  # the year
   "by_year": [{"year", "planned", "current" (+), "actual", "rate" (+)}],
            # every programme year
   "programme_total" (+): {"planned", "current", "actual", "rate"},  # all years
   "by_cluster" (+): [{"cluster": acronym, "planned", "current", "actual"}],  # all years
 },
   planned = the budget lines, current = planned plus approved reallocations,
   actual = spending, rate = actual / current in % (None without budget): the
   figures of programmes.budget.budget_table, as on the programme's page.
 "clusters": [{                    # the clusters the programme supports, by name
   "name", "short_name" (the acronym), "slug", "sector", "sector_en" (+), "stage",
   "kind" (+), "ris3_priority" (+), "status" (+),
   "label": the highest label valid on 31 December, else the last one awarded
            by then (expired), else null; "label_valid": bool,
   "label_expires_on" (+),
   "networks": [names of the international networks it takes part in on 31 December],
   "esca_benchmarked_on" (+): date if on or before 31 December, else null,
   "eccp_profile" (+): bool,
   "members_by_year": [{"year", "by_type": {helix type: n}, "total"}],  # committed members
                      on 31 December of each programme year up to `year`
   "projects": [{"title", "acronym" (+), "scope", "status" (+), "start_date", "budget"}],
               # projects of any scope it takes part in that start in `year`, not
               # cancelled: the PROJECTS_LISTED largest by budget, by start date
   "projects_started" (+): {"count", "budget"},  # all of them
   "activities": {"count", "attendees", "international" (+), "inter_cluster" (+)},
               # the activities it organised in `year`
 }],
 "network": {
   "districts": [{"name", "slug", "is_rural", "services", "organisations", "hours",
                  "grant_committed", "grant_paid", "by_type": {service type code: n}}],
   "service_types": [{"code", "name", "name_en"}],  # in use, or used in the year
   "total": {"services", "organisations", "hours" (+), "grant_committed", "grant_paid"},
   "rural": {"services", "organisations", "hours" (+), "share_services",
             "share_organisations"},
 },
   services = delivered (not withdrawn) in `year`; organisations = distinct
   organisations served (per district, in the whole network, in the rural
   districts); grant_committed = each agreement's monthly amount times its
   months in `year`; grant_paid = paid payments for the months of `year`.
 "grant_call": null | {"reference", "title", "status", "budget" (+), "applications"
   (submitted), "eligible", "selected": [{"district", "district_slug" (+),
   "organisation", "monthly_amount", "months", "total", "signed" (+)}],
   "committed" (the signed agreements' totals), "paid" (paid so far)},
   the call: the latest one with an agreement running in `year`, else the
   latest resolved call that closed in `year`. An unsigned selection shows the
   requested monthly amount for the call's duration.
 "action_plan": [{"title", "title_en" (+), "measure", "owner", "owner_en" (+),
                  "planned_start", "planned_end", "status", "progress" (+), "late"}],
                  # the whole plan; late as of the day the snapshot is taken
 "corrective_follow_up": [],   # filled by monitoring.services (the previous
                               # year's corrective measures): [{"indicator",
                               # "indicator_name", "indicator_name_en",
                               # "description", "description_en", "owner",
                               # "owner_en", "deadline", "status", "follow_up",
                               # "follow_up_en", "year"}]
 "corrective_measures" (+): the evaluation's own corrective measures, the same
   rows without "year", added by monitoring.services when it is submitted.
}

What people type is in Spanish and, where the Office gives it, in English: the
Spanish in the field, the English in "<field>_en" ("" when there is none), for
the report to read in its language (action titles and owners, cluster sectors,
service type names, indicator names, corrective measures).

sources: {"taken_at": ISO time, "programme": id, "year": year,
          "rows": {source: number of records read}}, the sources of row_sources():
memberships, cluster_labels, network_participations, cluster_projects,
activities, cluster_results, budget_lines, reallocations (approved),
expenditures, district_services (delivered), withdrawn_district_services,
need_matches, grant_agreements, payments, actions.
"""

from collections import defaultdict

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from brokers.call.models import (
    Application,
    ApplicationStatus,
    Eligibility,
    GrantAgreement,
    GrantCall,
    GrantCallStatus,
    Payment,
    PaymentStatus,
    Selection,
)
from brokers.network.models import DistrictService, NeedOfferMatch, ServiceType
from clusters.models import (
    Activity,
    ClusterLabel,
    ClusterOrganisation,
    ClusterProject,
    HelixType,
    Membership,
    NetworkParticipation,
    ProjectStatus,
)
from monitoring.indicators.broker_network import (
    delivered_services,
    districts,
    grants_by_district,
    organisations_by_district,
    organisations_in_network,
    services_by_district_and_type,
)
from monitoring.indicators.cluster_office import (
    active_networks_q,
    activities_by_cluster,
    committed_q,
    label_rank,
)
from monitoring.indicators.numbers import ZERO, amount, percent, text, year_end
from programmes.budget import BudgetFigures, budget_table
from programmes.models import (
    Action,
    BudgetLine,
    ClusterResult,
    Expenditure,
    Programme,
    Reallocation,
    ReallocationStatus,
)

# 2: a cluster's "projects" are its PROJECTS_LISTED largest, "projects_started" counts all.
SCHEMA = 2
# A cluster page of the report lists at most this many of its projects (the
# largest), and counts them all: the report grows with the clusters, not with
# the records.
PROJECTS_LISTED = 10


def build_snapshot(*, programme, year):
    """The data of every report section for one programme year, and the
    records it was read from."""
    taken_at = timezone.now()
    snapshot = {
        "schema": SCHEMA,
        "year": year,
        "programme": {
            "title": programme.title,
            "start_year": programme.start_year,
            "end_year": programme.end_year,
            "status": programme.status,
        },
        "budget": budget_section(programme, year),
        "clusters": cluster_section(programme, year),
        "network": network_section(year),
        "grant_call": grant_call_section(year),
        "action_plan": action_plan_section(timezone.localdate(taken_at)),
        "corrective_follow_up": [],
    }
    sources = {
        "taken_at": taken_at.isoformat(),
        "programme": programme.pk,
        "year": year,
        "rows": row_counts(programme, year),
    }
    return snapshot, sources


def _iso(day):
    return day.isoformat() if day else None


# ---------------------------------------------------------------------------
# Budget
# ---------------------------------------------------------------------------


def _figures(figures):
    return {
        "planned": amount(figures.planned),
        "current": amount(figures.current),
        "actual": amount(figures.spent),
        "rate": text(figures.rate),
    }


def budget_section(programme, year):
    table = budget_table(programme)
    in_year = table.year_totals.get(year, BudgetFigures())
    return {
        "rows": [
            {"category": row.key, **_figures(row.by_year.get(year, BudgetFigures()))}
            for row in table.rows
        ],
        "total_planned": amount(in_year.planned),
        "total_current": amount(in_year.current),
        "total_actual": amount(in_year.spent),
        "rate": text(in_year.rate),
        "by_year": [{"year": y, **_figures(table.year_totals[y])} for y in table.years],
        "programme_total": _figures(table.total),
        "by_cluster": [
            {
                "cluster": acronym,
                "planned": amount(figures.planned),
                "current": amount(figures.current),
                "actual": amount(figures.spent),
            }
            for acronym, figures in table.by_cluster
        ],
    }


# ---------------------------------------------------------------------------
# Cluster organisations
# ---------------------------------------------------------------------------


def _members_by_year(programme, years):
    """{cluster id: {year: {helix type: n}}} committed on 31 December of each year."""
    members = defaultdict(lambda: {y: dict.fromkeys(HelixType.values, 0) for y in years})
    if not years:
        return members
    rows = (
        Membership.objects.filter(cluster__programmes=programme)
        .values("cluster_id", "organisation__helix_type")
        .annotate(**{f"y{y}": Count("pk", filter=committed_q(year_end(y))) for y in years})
        .order_by()
    )
    for row in rows:
        for y in years:
            members[row["cluster_id"]][y][row["organisation__helix_type"]] += row[f"y{y}"]
    return members


def _labels(programme, day):
    """{cluster id: (level, expires_on, valid)}: the highest label valid on the day,
    else the last one awarded by then."""
    labels = defaultdict(list)
    rows = ClusterLabel.objects.filter(
        cluster__programmes=programme, awarded_on__lte=day
    ).values_list("cluster_id", "level", "awarded_on", "expires_on")
    for cluster_id, level, awarded_on, expires_on in rows:
        labels[cluster_id].append((level, awarded_on, expires_on))
    chosen = {}
    for cluster_id, held in labels.items():
        valid = [label for label in held if label[2] >= day]
        if valid:
            level, _awarded, expires = max(valid, key=lambda lb: (label_rank(lb[0]), lb[2]))
        else:
            level, _awarded, expires = max(held, key=lambda lb: (lb[1], label_rank(lb[0])))
        chosen[cluster_id] = (level, expires, bool(valid))
    return chosen


def _networks(programme, day):
    networks = defaultdict(list)
    rows = (
        NetworkParticipation.objects.filter(cluster__programmes=programme)
        .filter(active_networks_q(day))
        .order_by("network", "pk")
        .values_list("cluster_id", "network")
    )
    for cluster_id, network in rows:
        if network not in networks[cluster_id]:
            networks[cluster_id].append(network)
    return networks


def _projects(programme, year):
    """Per cluster, its PROJECTS_LISTED largest projects that start in the year,
    and the count and budget of all of them, in two queries."""
    of_the_year = ClusterProject.clusters.through.objects.filter(
        clusterorganisation__programmes=programme, clusterproject__start_date__year=year
    ).exclude(clusterproject__status=ProjectStatus.CANCELLED)
    totals = {
        row["clusterorganisation_id"]: {"count": row["count"], "budget": amount(row["budget"])}
        for row in of_the_year.order_by()
        .values("clusterorganisation_id")
        .annotate(count=Count("pk"), budget=Sum("clusterproject__budget"))
    }
    largest = Window(
        RowNumber(),
        partition_by=F("clusterorganisation_id"),
        order_by=[F("clusterproject__budget").desc(nulls_last=True), F("clusterproject_id").asc()],
    )
    rows = (
        of_the_year.annotate(rank=largest)
        .filter(rank__lte=PROJECTS_LISTED)
        .order_by("clusterproject__start_date", "clusterproject__title", "clusterproject_id")
        .values_list(
            "clusterorganisation_id",
            "clusterproject__title",
            "clusterproject__acronym",
            "clusterproject__scope",
            "clusterproject__status",
            "clusterproject__start_date",
            "clusterproject__budget",
        )
    )
    projects = defaultdict(list)
    for cluster_id, title, acronym, scope, status, start_date, budget in rows:
        projects[cluster_id].append(
            {
                "title": title,
                "acronym": acronym,
                "scope": scope,
                "status": status,
                "start_date": _iso(start_date),
                "budget": amount(budget),
            }
        )
    return projects, totals


def cluster_section(programme, year):
    day = year_end(year)
    years = [y for y in programme.year_range if y <= year]
    clusters = list(ClusterOrganisation.objects.filter(programmes=programme).order_by("name", "pk"))
    members = _members_by_year(programme, years)
    labels = _labels(programme, day)
    networks = _networks(programme, day)
    projects, project_totals = _projects(programme, year)
    activities = {row[0]: row[1:] for row in activities_by_cluster(programme, year)}
    section = []
    for cluster in clusters:
        level, expires, valid = labels.get(cluster.pk, (None, None, False))
        count, attendees, international, inter_cluster = activities.get(cluster.slug, (0,) * 4)
        esca = cluster.esca_benchmarked_on
        section.append(
            {
                "name": cluster.name,
                "short_name": cluster.acronym,
                "slug": cluster.slug,
                "sector": cluster.sector,
                "sector_en": cluster.sector_en,
                "stage": cluster.development_stage,
                "kind": cluster.kind,
                "ris3_priority": cluster.ris3_priority,
                "status": cluster.status,
                "label": level,
                "label_valid": valid,
                "label_expires_on": _iso(expires),
                "networks": networks.get(cluster.pk, []),
                "esca_benchmarked_on": _iso(esca) if esca and esca <= day else None,
                "eccp_profile": bool(cluster.eccp_profile_url),
                "members_by_year": [
                    {
                        "year": y,
                        "by_type": members[cluster.pk][y],
                        "total": sum(members[cluster.pk][y].values()),
                    }
                    for y in years
                ],
                "projects": projects.get(cluster.pk, []),
                "projects_started": project_totals.get(
                    cluster.pk, {"count": 0, "budget": amount(0)}
                ),
                "activities": {
                    "count": count,
                    "attendees": attendees,
                    "international": international,
                    "inter_cluster": inter_cluster,
                },
            }
        )
    return section


# ---------------------------------------------------------------------------
# The broker network
# ---------------------------------------------------------------------------


def network_section(year):
    cells = services_by_district_and_type(year)
    used = {code for _slug, code in cells}
    types = list(
        ServiceType.objects.filter(Q(is_active=True) | Q(code__in=used))
        .order_by("position", "name")
        .values("code", "name", "name_en")
    )
    per_district = organisations_by_district(year)
    reached = organisations_in_network(year)
    grants = grants_by_district(year)
    rows, rural_hours = [], ZERO
    for slug, name, is_rural in districts():
        by_type = {t["code"]: cells.get((slug, t["code"]), (0, ZERO))[0] for t in types}
        hours = sum((cells.get((slug, t["code"]), (0, ZERO))[1] for t in types), ZERO)
        rural_hours += hours if is_rural else ZERO
        committed, paid = grants.get(slug, (ZERO, ZERO))
        rows.append(
            {
                "name": name,
                "slug": slug,
                "is_rural": is_rural,
                "services": sum(by_type.values()),
                "organisations": per_district.get(slug, 0),
                "hours": amount(hours),
                "grant_committed": amount(committed),
                "grant_paid": amount(paid),
                "by_type": by_type,
            }
        )
    services = sum(r["services"] for r in rows)
    rural_services = sum(r["services"] for r in rows if r["is_rural"])
    return {
        "districts": rows,
        "service_types": types,
        "total": {
            "services": services,
            "organisations": reached["total"],
            "hours": amount(sum((r[1] for r in cells.values()), ZERO)),
            "grant_committed": amount(sum((c for c, _p in grants.values()), ZERO)),
            "grant_paid": amount(sum((p for _c, p in grants.values()), ZERO)),
        },
        "rural": {
            "services": rural_services,
            "organisations": reached["rural"],
            "hours": amount(rural_hours),
            "share_services": text(percent(rural_services, services)),
            "share_organisations": text(percent(reached["rural"], reached["total"])),
        },
    }


# ---------------------------------------------------------------------------
# The grant call
# ---------------------------------------------------------------------------


def grant_call_for(year):
    """The latest call with an agreement running in the year, else the latest
    resolved call that closed in the year; None without either."""
    running = GrantAgreement.objects.running_in(year).filter(call=OuterRef("pk"))
    return (
        GrantCall.objects.annotate(covers=Exists(running))
        .filter(Q(covers=True) | Q(status=GrantCallStatus.RESOLVED, closes_at__year=year))
        .order_by("-covers", "-opens_at", "-pk")
        .first()
    )


def grant_call_section(year):
    call = grant_call_for(year)
    if call is None:
        return None
    submitted = Q(status=ApplicationStatus.SUBMITTED)
    counts = Application.objects.filter(call=call).aggregate(
        applications=Count("pk", filter=submitted),
        eligible=Count("pk", filter=submitted & Q(eligibility=Eligibility.ELIGIBLE)),
    )
    selections = (
        Selection.objects.filter(call=call)
        .select_related("district", "application__organisation", "agreement__organisation")
        .order_by("district__name", "pk")
    )
    selected, committed = [], ZERO
    for selection in selections:
        try:
            agreement = selection.agreement
        except ObjectDoesNotExist:
            agreement = None
        if agreement is not None:
            organisation, monthly, months = (
                agreement.organisation,
                agreement.monthly_amount,
                agreement.months,
            )
            committed += agreement.total
        else:
            organisation = selection.application.organisation
            monthly, months = selection.application.requested_monthly_amount, call.duration_months
        selected.append(
            {
                "district": selection.district.name,
                "district_slug": selection.district.slug,
                "organisation": organisation.legal_name,
                "monthly_amount": amount(monthly),
                "months": months,
                "total": amount(monthly * months),
                "signed": agreement is not None,
            }
        )
    paid = Payment.objects.filter(agreement__call=call, status=PaymentStatus.PAID).aggregate(
        total=Sum("amount")
    )["total"]
    return {
        "reference": call.reference,
        "title": call.title,
        "status": call.status,
        "budget": amount(call.total_budget),
        "applications": counts["applications"],
        "eligible": counts["eligible"],
        "selected": selected,
        "committed": amount(committed),
        "paid": amount(paid),
    }


# ---------------------------------------------------------------------------
# The action plan
# ---------------------------------------------------------------------------


def action_plan_section(today):
    return [
        {
            "title": action.title,
            "title_en": action.title_en,
            "measure": action.measure,
            "owner": action.owner,
            "owner_en": action.owner_en,
            "planned_start": _iso(action.planned_start),
            "planned_end": _iso(action.planned_end),
            "status": action.status,
            "progress": action.progress,
            "late": action.is_late(today),
        }
        for action in Action.objects.for_list()
    ]


# ---------------------------------------------------------------------------
# The records read
# ---------------------------------------------------------------------------


class RowCount(Subquery):
    """The number of rows of a queryset, as a scalar subquery."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()

    def __init__(self, queryset):
        super().__init__(queryset.order_by().values("pk"))


def row_sources(programme, year):
    """The records each source contributes to the snapshot and the indicators."""
    end = year_end(year)
    return {
        "memberships": Membership.objects.filter(
            cluster__programmes=programme, start_date__lte=end
        ),
        "cluster_labels": ClusterLabel.objects.filter(
            cluster__programmes=programme, awarded_on__lte=end
        ),
        "network_participations": NetworkParticipation.objects.filter(
            cluster__programmes=programme, joined_on__lte=end
        ),
        "cluster_projects": ClusterProject.objects.filter(
            pk__in=ClusterProject.objects.filter(clusters__programmes=programme).values("pk"),
            start_date__year=year,
        ),
        "activities": Activity.objects.filter(cluster__programmes=programme, date__year=year),
        "cluster_results": ClusterResult.objects.filter(programme=programme, year=year),
        "budget_lines": BudgetLine.objects.filter(programme=programme),
        "reallocations": Reallocation.objects.filter(
            programme=programme, status=ReallocationStatus.APPROVED
        ),
        "expenditures": Expenditure.objects.filter(programme=programme),
        "district_services": delivered_services(year),
        "withdrawn_district_services": DistrictService.objects.filter(
            date__year=year, withdrawn_at__isnull=False
        ),
        "need_matches": NeedOfferMatch.objects.filter(matched_at__year=year),
        "grant_agreements": GrantAgreement.objects.running_in(year),
        "payments": Payment.objects.filter(month__year=year),
        "actions": Action.objects.all(),
    }


def row_counts(programme, year):
    """{source: records} in one query."""
    sources = row_sources(programme, year)
    # Prefixed: some names are also the programme's relations.
    counts = {f"rows_{name}": RowCount(qs) for name, qs in sources.items()}
    row = Programme.objects.filter(pk=programme.pk).values(**counts).get()
    return {name: row[f"rows_{name}"] for name in sources}
