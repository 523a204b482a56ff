"""Server time and SQL of every list, detail and dashboard page, and the portal's
main lists beside the Django admin's change lists.

    python bench/pages.py --size demo|large [--requests N] [--admin] --out FILE.json

Runs in-process with the Django test Client against the database of
DATABASE_URL (benchlib.portal_env sets the production settings). Each page is
requested twice to warm up, then N times; each request is timed and its SQL
captured (CaptureQueriesContext), so the figures are the server's time without
the network: middleware, view, queries and template.

Which pages: every named URL of the portal is listed from the URL resolver; each
is either measured (PAGES: the role that requests it and how its object is
picked from the seeded database) or skipped with a reason (SKIPPED: forms,
actions, downloads, public log-in pages). A URL in neither is reported, so that
a new page is not forgotten. Objects are picked the same way at both sizes: the
biggest one (most members, services, partners…) that the role may see, so the
large size measures the region's worst case.
"""

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import median, ms, percentile, save_json, setup_django  # noqa: E402

OFFICE = "office_staff"
MANAGER = "cluster_manager"
COORDINATOR = "network_coordinator"
EVALUATOR = "evaluator"
BROKER = "innovation_broker"
OFFICIAL = "government_official"
ADVISOR = "advisory_committee"
APPLICANT = "applicant"
ADMIN = "superuser"

SLOW_STATEMENT_MS = 20.0
WARM_UP = 2


@dataclass
class Page:
    url: str  # the URL's name
    role: str
    kwargs: object = None  # callable(picks) -> reverse kwargs
    query: object = None  # callable(picks) -> query string (without "?"), or a string
    variant: str = ""
    admin: str = ""  # "app_label.model" of the admin change list to compare with

    @property
    def label(self):
        return f"{self.url} [{self.variant}]" if self.variant else self.url


def _k(name, key="pk"):
    return lambda p: {key: p[name]}


# fmt: off
PAGES = [
    # Home pages: a dashboard per role
    *(Page("home", role, variant=role) for role in (
        OFFICE, MANAGER, COORDINATOR, EVALUATOR, BROKER, OFFICIAL, ADVISOR, APPLICANT)),
    Page("person_list", OFFICE, admin="accounts.user"),
    # Clusters
    Page("clusters:cluster_list", OFFICE, admin="clusters.clusterorganisation"),
    Page("clusters:cluster_detail", OFFICE, _k("cluster", "slug")),
    Page("clusters:cluster_detail", MANAGER, _k("own_cluster", "slug"), variant="own cluster"),
    Page("clusters:member_directory", OFFICE, admin="clusters.membership"),
    Page("clusters:member_directory", OFFICE, query=lambda p: f"q=a&district={p['district']}",
         variant="search and district"),
    Page("clusters:member_directory", OFFICE, query="page=last", variant="last page"),
    Page("clusters:agreements_expiring", OFFICE),
    Page("clusters:organisation_detail", OFFICE, _k("organisation")),
    Page("clusters:project_list", OFFICE, admin="clusters.clusterproject"),
    Page("clusters:project_detail", OFFICE, _k("project")),
    Page("clusters:activity_list", OFFICE, admin="clusters.activity"),
    Page("clusters:activity_detail", OFFICE, _k("activity")),
    # Programme, budget, action plan and governance
    Page("programmes:programme_list", OFFICE, admin="programmes.programme"),
    Page("programmes:programme_detail", OFFICE, _k("programme")),
    Page("programmes:expenditure_list", OFFICE, admin="programmes.expenditure"),
    Page("programmes:expenditure_detail", OFFICE, _k("expenditure")),
    Page("programmes:action_list", OFFICE, admin="programmes.action"),
    Page("programmes:action_timeline", OFFICE),
    Page("programmes:action_detail", OFFICE, _k("action")),
    Page("programmes:body_list", OFFICE),
    Page("programmes:body_detail", OFFICE, _k("body")),
    Page("programmes:meeting_list", OFFICE),
    Page("programmes:meeting_detail", OFFICE, _k("meeting")),
    # The broker network
    Page("brokers:district_list", OFFICE, admin="districts.district"),
    Page("brokers:district_detail", OFFICE, _k("district_slug", "slug")),
    Page("brokers:network", COORDINATOR),
    Page("brokers:service_type_list", COORDINATOR),
    Page("brokers:meeting_list", COORDINATOR),
    Page("brokers:meeting_detail", COORDINATOR, _k("network_meeting")),
    Page("brokers:service_list", COORDINATOR, admin="brokers.districtservice"),
    Page("brokers:service_list", COORDINATOR, query=lambda p: f"district={p['district_slug']}",
         variant="one district"),
    Page("brokers:service_list", BROKER, variant="broker"),
    Page("brokers:service_detail", BROKER, _k("service")),
    # A form, but the broker's everyday page (the load test's "log a service").
    Page("brokers:service_create", BROKER, variant="quick-log form"),
    Page("brokers:need_list", COORDINATOR),
    Page("brokers:need_detail", COORDINATOR, _k("need")),
    Page("brokers:offer_list", COORDINATOR),
    Page("brokers:offer_detail", COORDINATOR, _k("offer")),
    # Grant calls for innovation brokers
    Page("brokers:call_list", COORDINATOR),
    Page("brokers:call_detail", COORDINATOR, _k("call")),
    Page("brokers:evaluation", COORDINATOR, _k("call")),
    Page("brokers:evaluation", EVALUATOR, _k("evaluated_call"), variant="evaluator"),
    Page("brokers:ranking", COORDINATOR, _k("call")),
    Page("brokers:agreements", COORDINATOR, _k("call")),
    Page("brokers:application_review", COORDINATOR, _k("application")),
    Page("calls:call_list", APPLICANT),
    Page("calls:call_detail", APPLICANT, _k("call_reference", "reference")),
    Page("calls:my_applications", APPLICANT),
    Page("calls:application_detail", APPLICANT, _k("own_application")),
    # Monitoring and evaluation
    # 2025: the last complete year, evaluated in both databases.
    Page("monitoring:dashboard", OFFICE, query=lambda p: f"programme={p['programme']}&year=2025"),
    Page("monitoring:dashboard", OFFICIAL, query="year=2025", variant="official"),
    Page("monitoring:indicator_list", OFFICE),
    Page("monitoring:indicator_detail", OFFICE, _k("indicator")),
    Page("monitoring:evaluation_list", OFFICE),
    Page("monitoring:evaluation_detail", OFFICE, _k("approved_evaluation"), variant="approved"),
    Page("monitoring:evaluation_detail", OFFICE, _k("draft_evaluation"), variant="draft"),
    Page("monitoring:report_list", OFFICIAL),
    Page("monitoring:report_status", OFFICIAL, _k("report")),
]
# fmt: on

# Named URLs that are not list, detail or dashboard pages.
FORM = "form (create, edit, confirm)"
ACTION = "action or state change"
DOWNLOAD = "file download (measured in the load test: report_download)"
PUBLIC_AUTH = "log-in and password pages"
SKIPPED = {
    **dict.fromkeys(
        [
            "login",
            "logout",
            "password_change",
            "password_reset",
            "password_reset_done",
            "password_reset_confirm",
            "password_reset_complete",
            "calls:register",
        ],
        PUBLIC_AUTH,
    ),
    "healthz": "health check (JSON)",
    "set_language": ACTION,
    **dict.fromkeys(
        [
            "clusters:cluster_strategy",
            "clusters:membership_agreement",
            "clusters:contact_export",
            "programmes:budget_export",
            "programmes:expenditure_document",
            "calls:application_cv",
            "calls:application_document",
            "calls:resolution",
            "monitoring:report_download",
        ],
        DOWNLOAD,
    ),
    **dict.fromkeys(
        [
            "programmes:programme_transition",
            "brokers:call_stage",
            "brokers:service_withdraw",
            "brokers:service_follow_up_done",
            "brokers:need_match",
            "brokers:need_status",
            "monitoring:evaluation_transition",
            "monitoring:evaluation_snapshot",
            "monitoring:report_request",
            "monitoring:report_retry",
            "clusters:contact_erase",
            "clusters:membership_end",
            "clusters:membership_convert",
            "programmes:reallocation_decide",
            "brokers:match_result",
            "calls:application_submit",
        ],
        ACTION,
    ),
}
FORM_SUFFIXES = ("_create", "_edit", "_add", "_import", "_import_preview", "_evaluators")
FORM_NAMES = {
    "clusters:organisation_contacts",
    "programmes:programme_budget",
    "programmes:results_edit",
    "brokers:paper_application",
    "brokers:district_services_edit",
    "calls:apply",
    "monitoring:targets",
    "monitoring:evaluation_findings",
    "monitoring:corrective_follow_up",
}


def classify(name):
    if name in SKIPPED:
        return SKIPPED[name]
    if name in FORM_NAMES or name.endswith(FORM_SUFFIXES):
        return FORM
    return None


def named_urls(resolver=None, namespace=""):
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def url_coverage():
    measured = {page.url for page in PAGES}
    names = sorted(set(named_urls()))
    skipped = {}
    unclassified = []
    for name in names:
        if name in measured:
            continue
        reason = classify(name)
        if reason is None:
            unclassified.append(name)
        else:
            skipped.setdefault(reason, []).append(name)
    return {
        "named_urls": len(names),
        "measured": sorted(measured & set(names)),
        "skipped": skipped,
        "unclassified": unclassified,
        "unknown_in_map": sorted(measured - set(names)),
    }


# --- who requests, and which objects ---------------------------------------------------


def people(large):
    """One user per role: the demo's people at demo size, the large region's at large
    size; where a role is tied to objects (a cluster, a district, a call, an
    application), the one with the most of them."""
    from django.db.models import Count, Q

    from accounts.models import User
    from accounts.roles import Role
    from demo.large_region import PREFIX

    def with_role(role):
        users = User.objects.filter(groups__name=role, is_active=True)
        own = users.filter(username__startswith=PREFIX)
        return own if large else users.exclude(username__startswith=PREFIX)

    def named(username):
        return User.objects.get(username=(PREFIX + username) if large else username)

    today_members = Q(managed_cluster__memberships__end_date__isnull=True)
    picks = {
        OFFICE: named("director"),
        COORDINATOR: named("coordinator"),
        OFFICIAL: named("official"),
        # No advisory committee in the large region: the demo's reads it.
        ADVISOR: User.objects.get(username="advisor"),
        MANAGER: with_role(Role.CLUSTER_MANAGER)
        .annotate(n=Count("managed_cluster__memberships", filter=today_members))
        .order_by("-n", "username")
        .first(),
        BROKER: with_role(Role.INNOVATION_BROKER)
        .filter(district__isnull=False)
        .annotate(n=Count("district_services"))
        .order_by("-n", "username")
        .first(),
        EVALUATOR: with_role(Role.EVALUATOR)
        .annotate(n=Count("evaluated_calls__applications"))
        .order_by("-n", "username")
        .first(),
        APPLICANT: with_role(Role.APPLICANT)
        .annotate(n=Count("grant_applications"))
        .order_by("-n", "username")
        .first(),
        ADMIN: User.objects.get(username="bench-admin"),
    }
    return picks


def objects(users, large):
    """The pk (or slug) of the object each detail page shows: the biggest."""
    from django.db.models import Count, Q

    from brokers.call.models import Application, ApplicationStatus, GrantCall
    from brokers.network.models import (
        DistrictService,
        IndustryNeed,
        NetworkMeeting,
        TechnologyOffer,
    )
    from clusters.models import Activity, ClusterOrganisation, ClusterProject, Organisation
    from districts.models import District
    from monitoring.models import (
        Evaluation,
        EvaluationReport,
        EvaluationStatus,
        Indicator,
        ReportStatus,
    )
    from programmes.models import Action, Body, Expenditure, Meeting, Programme

    def top(queryset, *order):
        return queryset.order_by(*order).values_list("pk", flat=True).first()

    current = Q(memberships__end_date__isnull=True)
    cluster = (
        ClusterOrganisation.objects.annotate(n=Count("memberships", filter=current))
        .order_by("-n", "pk")
        .first()
    )
    district = District.objects.annotate(n=Count("services")).order_by("-n", "pk").first()
    broker = users[BROKER]
    programme = Programme.objects.annotate(n=Count("budget_lines")).order_by("-n", "pk").first()
    call = GrantCall.objects.annotate(n=Count("applications")).order_by("-n", "pk").first()
    evaluated = (
        GrantCall.objects.filter(evaluators=users[EVALUATOR])
        .annotate(n=Count("applications"))
        .order_by("-n", "pk")
        .first()
    )
    evaluations = Evaluation.objects.filter(snapshot_taken_at__isnull=False).annotate(
        n=Count("programme__clusters")
    )
    picks = {
        "cluster": cluster.slug,
        "own_cluster": users[MANAGER].managed_cluster.slug,
        "district": district.pk,
        "district_slug": district.slug,
        "organisation": top(
            Organisation.objects.annotate(
                n=Count("memberships", distinct=True), s=Count("district_services", distinct=True)
            ),
            "-n",
            "-s",
            "pk",
        ),
        "project": top(ClusterProject.objects.annotate(n=Count("partners")), "-n", "pk"),
        "activity": top(Activity.objects.annotate(n=Count("participants")), "-n", "pk"),
        "programme": programme.pk,
        "expenditure": top(Expenditure.objects.filter(programme=programme), "-date", "-pk"),
        "action": top(Action.objects.all(), "-pk"),
        "body": top(Body.objects.annotate(n=Count("members")), "-n", "pk"),
        "meeting": top(Meeting.objects.annotate(n=Count("decisions")), "-n", "pk"),
        "network_meeting": top(NetworkMeeting.objects.annotate(n=Count("attendees")), "-n", "pk"),
        "service": top(
            DistrictService.objects.filter(district_id=broker.district_id).annotate(
                n=Count("organisations")
            ),
            "-n",
            "-date",
            "-pk",
        ),
        "need": top(IndustryNeed.objects.annotate(n=Count("matches")), "-n", "pk"),
        "offer": top(TechnologyOffer.objects.annotate(n=Count("matches")), "-n", "pk"),
        "call": call.pk,
        "call_reference": call.reference,
        "evaluated_call": evaluated.pk if evaluated else call.pk,
        "application": top(
            Application.objects.filter(call=call).exclude(status=ApplicationStatus.DRAFT),
            "pk",
        ),
        "own_application": top(Application.objects.filter(created_by=users[APPLICANT]), "pk"),
        "indicator": top(Indicator.objects.active(), "position", "pk")
        if hasattr(Indicator.objects, "active")
        else top(Indicator.objects.all(), "pk"),
        "approved_evaluation": top(
            evaluations.filter(status=EvaluationStatus.APPROVED), "-n", "-year", "pk"
        ),
        "draft_evaluation": top(
            evaluations.filter(status=EvaluationStatus.DRAFT), "-n", "-year", "pk"
        ),
        "report": top(EvaluationReport.objects.filter(status=ReportStatus.DONE), "-pages", "-pk"),
    }
    return picks


# --- measuring ---------------------------------------------------------------------------


@dataclass
class Result:
    label: str
    path: str
    role: str
    user: str
    status: int = 0
    queries: int = 0
    queries_min: int = 0
    queries_max: int = 0
    times_ms: list = field(default_factory=list)
    cpu_ms: list = field(default_factory=list)  # this process's CPU time (not PostgreSQL's)
    sql_ms: list = field(default_factory=list)  # the statements' time, summed per request
    statements: list = field(default_factory=list)  # the slowest, by median over requests
    shapes: list = field(default_factory=list)  # each statement's beginning, in order
    error: str = ""

    def figures(self):
        times = self.times_ms
        return {
            "label": self.label,
            "path": self.path,
            "role": self.role,
            "user": self.user,
            "status": self.status,
            "queries": self.queries,
            "queries_min": self.queries_min,
            "queries_max": self.queries_max,
            "median_ms": round(statistics.median(times), 1) if times else None,
            "p95_ms": round(percentile(times, 0.95), 1) if times else None,
            "min_ms": round(min(times), 1) if times else None,
            "cpu_ms": round(statistics.median(self.cpu_ms), 1) if times else None,
            "sql_ms": round(statistics.median(self.sql_ms), 1) if times else None,
            "requests": len(times),
            "slowest": self.statements[:3],
            "shapes": self.shapes,
            "error": self.error,
        }


def measure(client, path, requests):
    """Warm up, then time `requests` GETs of path, capturing their SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(path)
        if response.status_code != 200:
            return response.status_code, [], [], []
    times, cpu, captured = [], [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            elapsed = time.perf_counter() - started
            cpu.append(time.process_time() - started_cpu)
        if response.status_code != 200:
            return response.status_code, times, cpu, captured
        times.append(elapsed)
        captured.append([(q["sql"], float(q["time"])) for q in queries.captured_queries])
    return 200, times, cpu, captured


def slowest_statements(captured, keep=5):
    """Per statement (by its position in the request, the same SQL each time), its
    median time over the requests; the slowest first. A statement's own time is
    its median so that one hiccup of the machine does not count as a slow query."""
    by_position = {}
    for request in captured:
        for position, (sql, seconds) in enumerate(request):
            by_position.setdefault(position, (sql, []))[1].append(seconds)
    rows = [
        {
            "median_ms": ms(median(times)),
            "max_ms": ms(max(times)),
            "sql": sql if len(sql) <= 4000 else sql[:4000] + " …",
        }
        for sql, times in by_position.values()
    ]
    rows.sort(key=lambda row: row["median_ms"], reverse=True)
    return rows[:keep]


def shape(sql):
    """A statement without its literals, to tell which ones differ between sizes."""
    import re

    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    sql = re.sub(r"_django_curs_\w+", "cursor", sql)
    verb = sql.split(None, 1)[0] if sql.strip() else ""
    tail = sql.split(" FROM ", 1)[1] if " FROM " in sql else sql
    return f"{verb} … FROM {tail[:200]}"


def explain(statements):
    """Add the server's own execution time (EXPLAIN ANALYZE, best of 3) to the
    statements slower than SLOW_STATEMENT_MS: it tells a slow statement from a busy
    machine (the client's time includes waiting for a CPU and fetching the rows)."""
    import re

    from django.db import connection, transaction

    for row in statements:
        if row["median_ms"] <= SLOW_STATEMENT_MS or row["sql"].endswith(" …"):
            continue
        sql = re.sub(r"^DECLARE .*? CURSOR WITH HOLD FOR ", "", row["sql"], flags=re.S)
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        times = []
        with transaction.atomic(), connection.cursor() as cursor:
            for _ in range(3):
                cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                times.append(plan[0]["Execution Time"])
            transaction.set_rollback(True)
        row["explain_ms"] = round(min(times), 1)


def client_for(user):
    from django.test import Client

    client = Client(HTTP_HOST="testserver")
    client.force_login(user)
    return client


def run_page(page, users, picks, requests, cache):
    from django.urls import reverse

    user = users[page.role]
    kwargs = page.kwargs(picks) if page.kwargs else {}
    path = reverse(page.url, kwargs=kwargs)
    query = page.query(picks) if callable(page.query) else page.query
    if query == "page=last":
        query = "page=999999"  # out of range: the paginator serves the last page
    if query:
        path = f"{path}?{query}"
    result = Result(page.label, path, page.role, user.username)
    if None in kwargs.values():
        result.error = "no object to show in this database"
        return result
    client = cache.get(user.pk) or cache.setdefault(user.pk, client_for(user))
    status, times, cpu, captured = measure(client, path, requests)
    result.status = status
    if status != 200:
        result.error = f"HTTP {status}"
        return result
    counts = [len(request) for request in captured]
    result.times_ms = [ms(t) for t in times]
    result.cpu_ms = [ms(t) for t in cpu]
    result.sql_ms = [ms(sum(seconds for _sql, seconds in request)) for request in captured]
    result.queries = statistics.mode(counts)
    result.queries_min, result.queries_max = min(counts), max(counts)
    result.statements = slowest_statements(captured)
    result.shapes = [shape(sql) for sql, _seconds in captured[-1]]
    explain(result.statements[:3])
    return result


def run_pages(users, picks, requests, only=None):
    cache = {}
    results = []
    for page in PAGES:
        if only and only not in page.label:
            continue
        result = run_page(page, users, picks, requests, cache)
        figures = result.figures()
        results.append(figures)
        print(
            f"  {figures['label']:<55} {figures['queries']:>4} q "
            f"{figures['median_ms'] or 0:>8.1f} ms {figures['p95_ms'] or 0:>8.1f} ms "
            f"cpu {figures['cpu_ms'] or 0:>6.1f} sql {figures['sql_ms'] or 0:>6.1f} "
            f"{figures['error']}",
            flush=True,
        )
    return results


# --- the portal's lists beside the admin's change lists -----------------------------------


def register_missing_admins():
    """District services are not in the admin (the portal is where they are kept);
    for the comparison only, this process registers a minimal change list with the
    portal list's columns. Called before the URLs are loaded."""
    from django.contrib import admin

    from brokers.network.models import DistrictService

    if DistrictService in admin.site._registry:
        return []

    class DistrictServiceAdmin(admin.ModelAdmin):
        list_display = ("date", "service_type", "district", "broker", "channel", "hours")
        list_select_related = ("service_type", "district", "broker")
        list_filter = ("district", "channel")

    admin.site.register(DistrictService, DistrictServiceAdmin)
    return ["brokers.districtservice"]


def run_admin_comparison(users, picks, requests):
    """Each portal list with an admin counterpart, then the admin change list of the
    same model at the portal's page size, as the superuser; ratio portal / admin."""
    from django.apps import apps
    from django.contrib import admin
    from django.urls import reverse

    from core.pagination import PAGE_SIZE

    cache = {}
    rows = []
    for page in PAGES:
        if not page.admin or page.query:
            continue
        model = apps.get_model(page.admin)
        model_admin = admin.site._registry.get(model)
        if model_admin is None:
            continue
        model_admin.list_per_page = PAGE_SIZE
        portal = run_page(page, users, picks, requests, cache).figures()
        label = model._meta
        path = reverse(f"admin:{label.app_label}_{label.model_name}_changelist")
        client = cache.get("admin") or cache.setdefault("admin", client_for(users[ADMIN]))
        status, times, _cpu, captured = measure(client, path, requests)
        if status != 200:
            rows.append({"portal": portal, "admin_path": path, "error": f"admin HTTP {status}"})
            continue
        admin_median = median(times) * 1000
        rows.append(
            {
                "portal": portal,
                "admin_path": path,
                "admin_queries": statistics.mode(len(r) for r in captured),
                "admin_median_ms": round(admin_median, 1),
                "admin_p95_ms": round(percentile(times, 0.95) * 1000, 1),
                "ratio": round(portal["median_ms"] / admin_median, 2),
                "page_size": PAGE_SIZE,
            }
        )
        row = rows[-1]
        print(
            f"  {page.label:<35} portal {portal['median_ms']:>7.1f} ms "
            f"({portal['queries']} q)  admin {row['admin_median_ms']:>7.1f} ms "
            f"({row['admin_queries']} q)  ratio {row['ratio']:.2f}",
            flush=True,
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=["demo", "large"], required=True)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--admin", action="store_true", help="also compare with the admin")
    parser.add_argument("--only", help="only the pages whose label contains this")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    setup_django()
    registered = register_missing_admins()
    from django.db import connection
    from django.utils import translation

    translation.activate("es")
    large = args.size == "large"
    users = people(large)
    picks = objects(users, large)
    started = time.monotonic()
    load_before = os.getloadavg()
    print(
        f"Pages at {args.size} size ({connection.settings_dict['NAME']}), "
        f"{args.requests} requests each after {WARM_UP} to warm up",
        flush=True,
    )
    results = run_pages(users, picks, args.requests, args.only)
    comparison = []
    if args.admin:
        print("Portal lists beside the admin's change lists", flush=True)
        comparison = run_admin_comparison(users, picks, args.requests)
    save_json(
        args.out,
        {
            "size": args.size,
            "database": connection.settings_dict["NAME"],
            "requests": args.requests,
            "warm_up": WARM_UP,
            "users": {role: user.username for role, user in users.items()},
            "picks": picks,
            "pages": results,
            "admin": comparison,
            "admin_registered_for_the_bench": registered,
            "coverage": url_coverage(),
            "seconds": round(time.monotonic() - started, 1),
            "load_average": {"before": load_before, "after": os.getloadavg()},
        },
    )


if __name__ == "__main__":
    main()
