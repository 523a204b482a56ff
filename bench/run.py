"""`make bench`: every benchmark of the portal, a table on the terminal and in
bench/RESULTS.md.

    python bench/run.py [--skip pages,admin,report,load]

1. builds what it needs on the PostgreSQL server of BENCH_PG_URL (default
   postgres://postgres@127.0.0.1:5432): the demo (cpo_bench_demo), the demo plus
   the large region (cpo_bench_large) and the same with ten times the records at
   equal clusters and districts (cpo_bench_large10); each is created, migrated and
   seeded once, then only checked (BENCH_REBUILD=1 builds them again);
2. pages: every list, detail and dashboard page at demo and large size, in-process
   (bench/pages.py): SQL queries, median and p95 server time, the slowest
   statements; and the portal's lists beside the admin's change lists;
3. the annual report: bench/report.py (the demo's approved report) and
   bench/annual.py (snapshot and PDF of the large region at 1x and 10x records);
4. the load test: gunicorn and Locust, 50 users for 3 minutes and more
   (bench/load.py); BENCH_LOAD=0 leaves it out.

Settings (environment): BENCH_REQUESTS_DEMO (20), BENCH_REQUESTS_LARGE (10),
BENCH_LOAD (1), BENCH_RECORDS10 (1: build and measure the 10x database),
BENCH_USERS (50), BENCH_DURATION (3m50s: the users log in during the first
25 s, two a second; the steady state after them lasts more than 3 minutes),
BENCH_THINK (3,10: seconds between a user's journeys), BENCH_SEED (8).
Intermediate results are in var/bench/. Sections that are skipped keep the
figures of their previous run in RESULTS.md, with that run's date.
"""

import argparse
import datetime
import json
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402
from benchlib import (  # noqa: E402
    BENCH,
    OUT,
    PYTHON,
    load_json,
    machine,
    portal_env,
    run,
    save_json,
    say,
    table,
)

RESULTS = BENCH / "RESULTS.md"
SLOW_MS = 20.0
NOTES_START, NOTES_END = "<!-- notes: kept by bench/run.py -->", "<!-- /notes -->"
REPORT_TARGETS = {"demo_s": 10, "large_s": 60, "large_mib": 1024}


def flag(value):
    return os.environ.get(value, "1") != "0"


def stamp(data):
    data["measured_at"] = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    return data


# --- running -----------------------------------------------------------------------------


def build(keys):
    built = {}
    for key in keys:
        started = time.monotonic()
        say(f"Database {benchlib.DATABASES[key][0]}: migrate, seed (once), bench fixtures …")
        built[key] = benchlib.ensure_database(key)
        say(f"  ready in {time.monotonic() - started:.0f} s")
    return built


def run_pages(size, requests):
    out = OUT / f"pages-{size}.json"
    run(
        [PYTHON, str(BENCH / "pages.py"), "--size", size, "--requests", str(requests), "--admin"]
        + ["--out", str(out)],
        # Every request computes the dashboards' figures: the uncached cost, the
        # worst case (the load test keeps the default cache).
        env=portal_env(size, DASHBOARD_CACHE_SECONDS="0"),
    )
    data = load_json(out)
    save_json(out, stamp(data))


def run_reports(with_10x):
    say("Annual report: the demo's approved report (bench/report.py)")
    report_py = BENCH / "report.py"
    if report_py.exists():
        out = OUT / "report-demo.json"
        env = portal_env("demo", BENCH_DATABASE_URL=benchlib.database_url("demo"))
        run([PYTHON, str(report_py), "--runs", "3", "--json", str(out)], env=env)
        save_json(out, stamp(load_json(out)))
    keys = ["demo", "large"] + (["large10"] if with_10x else [])
    for key in keys:
        say(f"Annual report: snapshot and PDF on {benchlib.DATABASES[key][0]} (bench/annual.py)")
        out = OUT / f"annual-{key}.json"
        run([PYTHON, str(BENCH / "annual.py"), "--out", str(out)], env=portal_env(key))
        save_json(out, stamp(load_json(out)))


def run_load():
    say("Load test: gunicorn and Locust on the large database (bench/load.py)")
    out = OUT / "load.json"
    args = [PYTHON, str(BENCH / "load.py"), "--out", str(out)]
    args += ["--users", os.environ.get("BENCH_USERS", "50")]
    args += ["--duration", os.environ.get("BENCH_DURATION", "3m50s")]
    args += ["--seed", os.environ.get("BENCH_SEED", "8")]
    run(args, env=portal_env("large"))
    save_json(out, stamp(load_json(out)))


# --- the results ---------------------------------------------------------------------------


def f1(value):
    return "–" if value is None else f"{value:.1f}"


def pages_section(demo, large):
    lines = []
    by_label = {p["label"]: p for p in large["pages"]} if large else {}
    demo_pages = {p["label"]: p for p in demo["pages"]} if demo else {}
    labels = list(demo_pages) or list(by_label)
    rows, differ, slow, errors = [], [], [], []
    for label in labels:
        d, g = demo_pages.get(label, {}), by_label.get(label, {})
        dq, gq = d.get("queries"), g.get("queries")
        same = dq == gq
        if not same:
            differ.append(label)
        top = (g.get("slowest") or [{}])[0]
        slowest = top.get("median_ms")
        if slowest is not None and slowest > SLOW_MS:
            slow.append(label)
        for page, size in ((d, "demo"), (g, "large")):
            if page.get("error"):
                errors.append(f"{label} at {size} size: {page['error']}")
        rows.append(
            [
                label,
                g.get("role") or d.get("role", ""),
                dq if dq is not None else "–",
                (f"{gq}" if same else f"**{gq}**") if gq is not None else "–",
                f1(d.get("median_ms")),
                f1(d.get("p95_ms")),
                f1(g.get("median_ms")),
                f1(g.get("p95_ms")),
                f1(g.get("cpu_ms")),
                f1(g.get("sql_ms")),
                f1(slowest) if slowest is None or slowest <= SLOW_MS else f"**{slowest:.1f}**",
            ]
        )
    headers = [
        "page",
        "role",
        "queries demo",
        "queries large",
        "demo median ms",
        "demo p95 ms",
        "large median ms",
        "large p95 ms",
        "large CPU ms",
        "large SQL ms",
        "slowest statement ms",
    ]
    lines.append(table(headers, rows, align=["<", "<"] + [">"] * 9))
    return "\n".join(lines), differ, slow, errors


def differences(demo, large, labels):
    """For each page whose query count differs, the statements that differ."""
    import difflib

    demo_pages = {p["label"]: p for p in demo["pages"]}
    large_pages = {p["label"]: p for p in large["pages"]}
    out = []
    for label in labels:
        a, b = demo_pages[label].get("shapes", []), large_pages[label].get("shapes", [])
        changed = [
            line
            for line in difflib.unified_diff(a, b, lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        out.append(
            f"- `{label}`: {len(a)} at demo size, {len(b)} at large size; "
            + "; ".join(
                f"{'only at large size' if c[0] == '+' else 'only at demo size'}: `{c[1:120]}…`"
                for c in changed[:4]
            )
        )
    return "\n".join(out)


def slow_statements(large, labels):
    rows = []
    pages = {p["label"]: p for p in large["pages"]}
    for label in labels:
        for statement in pages[label]["slowest"]:
            if statement["median_ms"] <= SLOW_MS:
                continue
            sql = re.sub(r"\s+", " ", statement["sql"])
            sql = re.sub(r'"(\w+)"\."(\w+)"', r"\1.\2", sql)
            short = sql if len(sql) <= 260 else sql[:130] + " … " + sql[-120:]
            rows.append(
                [
                    label,
                    f1(statement["median_ms"]),
                    f1(statement.get("explain_ms")),
                    short.replace("|", "\\|"),
                ]
            )
    headers = ["page", "median ms", "server ms (EXPLAIN ANALYZE)", "SQL (shortened)"]
    return table(headers, rows, align=["<", ">", ">", "<"]) if rows else "None."


def admin_section(demo, large):
    rows = []
    for data, size in ((demo, "demo"), (large, "large")):
        for row in (data or {}).get("admin", []):
            portal = row["portal"]
            rows.append(
                [
                    portal["label"],
                    size,
                    row.get("admin_path", ""),
                    f1(portal["median_ms"]),
                    portal["queries"],
                    f1(row.get("admin_median_ms")),
                    row.get("admin_queries", "–"),
                    f"{row['ratio']:.2f}" if "ratio" in row else row.get("error", ""),
                ]
            )
    headers = [
        "portal list",
        "size",
        "admin change list",
        "portal median ms",
        "portal queries",
        "admin median ms",
        "admin queries",
        "portal / admin",
    ]
    return table(headers, rows, align=["<", "<", "<", ">", ">", ">", ">", ">"])


def coverage_section(data):
    coverage = data["coverage"]
    lines = [
        f"{len(coverage['measured'])} of the portal's {coverage['named_urls']} named URLs "
        "are list, detail or dashboard pages and are measured (some with several roles or "
        "filters); the others:"
    ]
    for reason, names in sorted(coverage["skipped"].items()):
        lines.append(f"- {reason}: " + ", ".join(f"`{n}`" for n in names))
    if coverage["unclassified"]:
        lines.append(
            "- **not classified (add them to bench/pages.py)**: "
            + ", ".join(f"`{n}`" for n in coverage["unclassified"])
        )
    return "\n".join(lines)


def load_section(load):
    o, logins = load["overall"], load["logins"]
    steady = load.get("steady") or o
    lines = [
        f"Measured {load['measured_at']}. `{load['gunicorn']}` on `cpo_bench_large`; "
        f"`{load['command']}` (seed {load['seed']}; think time "
        f"{load.get('think_seconds', '?').replace(',', ' to ')} s between journeys, 1 to 3 s "
        "between the pages of a journey).",
        "",
        table(
            ["requests", "count", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms"],
            [
                [
                    "steady state (after the last log-in)",
                    steady["requests"],
                    steady["errors"],
                    f1(steady.get("requests_per_second")),
                    f1(steady["p50_ms"]),
                    f1(steady["p95_ms"]),
                    f1(steady["p99_ms"]),
                    f1(steady["max_ms"]),
                ],
                [
                    "whole run, log-ins excepted",
                    o["requests"],
                    o["errors"],
                    f1(o.get("requests_per_second")),
                    f1(o["p50_ms"]),
                    f1(o["p95_ms"]),
                    f1(o["p99_ms"]),
                    f1(o["max_ms"]),
                ],
                [
                    "log-ins (login page and POST)",
                    logins["requests"],
                    logins["errors"],
                    "",
                    f1(logins["p50_ms"]),
                    f1(logins["p95_ms"]),
                    f1(logins["p99_ms"]),
                    f1(logins["max_ms"]),
                ],
            ],
        ),
        "",
        f"Steady state: {f1(steady.get('seconds'))} s. HTTP statuses seen by gunicorn: "
        + ", ".join(f"{k}: {v}" for k, v in sorted(load["http_statuses"].items()))
        + f". gunicorn's own time per request (log-ins and static files excepted): "
        f"p50 {load['server']['p50_ms']} ms, p95 {load['server']['p95_ms']} ms, "
        f"p99 {load['server']['p99_ms']} ms. Load average before/after: "
        f"{load['load_average']['before'][0]:.1f} / {load['load_average']['after'][0]:.1f}."
        + (
            f" Cores busy on average during the run: gunicorn {load['cores']['gunicorn']}, "
            f"Locust {load['cores']['locust']}, the whole machine {load['cores']['machine']} "
            f"of {load['cores']['available']} (the rest: PostgreSQL and other processes)."
            if load.get("cores")
            else ""
        ),
        "",
    ]
    rows = [
        [name, p["requests"], p["errors"], f1(p["p50_ms"]), f1(p["p95_ms"]), f1(p["p99_ms"])]
        for name, p in (load.get("steady_pages") or load["pages"]).items()
    ]
    lines.append(table(["page", "requests", "errors", "p50 ms", "p95 ms", "p99 ms"], rows))
    return "\n".join(lines)


def report_section(report_demo, annual):
    rows = []
    if report_demo:
        rows.append(
            [
                "demo, approved 2025 report (bench/report.py)",
                "–",
                "–",
                f"{report_demo['median_s']:.1f}",
                f"{report_demo['median_s']:.1f}",
                report_demo["pages"],
                f"{report_demo['max_rss_after_mib']:.0f}",
                report_demo.get("measured_at", ""),
            ]
        )
    for key, label in (
        ("demo", "demo (6 clusters, 10 districts)"),
        ("large", "large, 1x records"),
        ("large10", "large, 10x records"),
    ):
        a = annual.get(key)
        if not a:
            continue
        v = a["volumes"]
        rows.append(
            [
                f"{label}: {a['clusters_in_report']} clusters, {a['districts_in_report']} "
                f"districts in the report; {v['services']:,} services, "
                f"{v['memberships']:,} memberships",
                f"{a['indicators_s']:.1f} + {a['sections_s']:.1f}",
                f"{a['freeze_snapshot_s']:.1f}",
                f"{a['render_median_s']:.1f}",
                f"{a['wall_s']:.1f}",
                a["pages"],
                a["peak_rss_mib"],
                a.get("measured_at", ""),
            ]
        )
    headers = [
        "report",
        "indicators + sections s",
        "snapshot s",
        "PDF s",
        "total s",
        "pages",
        "peak RSS MiB",
        "measured",
    ]
    return table(headers, rows, align=["<"] + [">"] * 7)


def verdicts(demo, large, differ, slow, admin_rows, load, report_demo, annual):
    lines = []

    def line(ok, text):
        lines.append(f"- {'met' if ok else '**not met**'}: {text}")

    if demo and large:
        line(not differ, f"same query count at demo and large size ({len(differ)} pages differ)")
        line(not slow, f"no statement over {SLOW_MS:.0f} ms at large size ({len(slow)} pages)")
    ratios = [r["ratio"] for r in admin_rows if "ratio" in r]
    if ratios:
        worst = max(ratios)
        line(worst <= 1.0, f"portal lists no slower than the admin's (worst ratio {worst:.2f})")
    if load:
        steady = load.get("steady") or load["overall"]
        line(
            steady["p95_ms"] < 150 and steady["p99_ms"] < 400 and steady["errors"] == 0,
            f"load test p95 {steady['p95_ms']:.0f} ms < 150, p99 {steady['p99_ms']:.0f} ms "
            f"< 400, {steady['errors']} errors (log-ins: {load['logins']['errors']} errors)",
        )
    demo_s = report_demo["median_s"] if report_demo else (annual.get("demo") or {}).get("wall_s")
    if demo_s is not None:
        line(demo_s < REPORT_TARGETS["demo_s"], f"annual report at demo size {demo_s:.1f} s < 10 s")
    if annual.get("large"):
        a = annual["large"]
        line(
            a["wall_s"] < REPORT_TARGETS["large_s"] and a["peak_rss_mib"] < 1024,
            f"annual report at large size {a['wall_s']:.1f} s < 60 s, "
            f"peak {a['peak_rss_mib']} MiB < 1 GiB",
        )
    if annual.get("large") and annual.get("large10"):
        a, b = annual["large"], annual["large10"]
        line(
            b["render_median_s"] < 1.5 * a["render_median_s"],
            f"PDF time at 10x records {b['render_median_s']:.1f} s vs "
            f"{a['render_median_s']:.1f} s at 1x (same clusters and districts); the snapshot "
            f"that reads the records: {b['freeze_snapshot_s']:.1f} s vs "
            f"{a['freeze_snapshot_s']:.1f} s",
        )
    return "\n".join(lines)


def write_results(info, command):
    demo, large = load_json(OUT / "pages-demo.json"), load_json(OUT / "pages-large.json")
    load = load_json(OUT / "load.json")
    report_demo = load_json(OUT / "report-demo.json")
    annual = {k: load_json(OUT / f"annual-{k}.json") for k in ("demo", "large", "large10")}
    annual = {k: v for k, v in annual.items() if v}
    notes = ""
    if RESULTS.exists():
        text = RESULTS.read_text()
        if NOTES_START in text and NOTES_END in text:
            notes = text[text.index(NOTES_START) : text.index(NOTES_END) + len(NOTES_END)]
    notes = notes or f"{NOTES_START}\n{NOTES_END}"

    parts = [
        "# Benchmarks: this machine's figures",
        "",
        f"Produced by `{command}` (bench/run.py) on {info['date']}.",
        "",
        f"Machine: {info['nproc']} CPUs ({info.get('cpu', '?')}), {info.get('ram_gib', '?')} GiB "
        f"RAM, {info['os']}; Python {info['python']}, Django {info['django']}, PostgreSQL "
        f"{info['postgresql']}. Load average when the run started: {info['load']}.",
        "",
    ]
    admin_rows = (demo or {}).get("admin", []) + (large or {}).get("admin", [])
    differ = slow = errors = []
    pages_table = ""
    if demo or large:
        pages_table, differ, slow, errors = pages_section(demo, large)
    parts += [
        "## Targets",
        "",
        verdicts(demo, large, differ, slow, admin_rows, load, report_demo, annual),
        "",
        notes,
        "",
    ]
    if demo or large:
        sizes = []
        for data in (demo, large):
            if data:
                sizes.append(
                    f"{data['size']}: `{data['database']}`, {data['requests']} requests per "
                    f"page after {data['warm_up']} to warm up, measured {data['measured_at']}"
                )
        parts += [
            "## 1. Every list, detail and dashboard page",
            "",
            "In-process (Django test Client, production settings), one user per role "
            "(`"
            + "`, `".join(
                f"{role}: {(large or demo)['users'][role]}" for role in (large or demo)["users"]
            )
            + "` at large size), the biggest object of each kind. "
            + "; ".join(sizes)
            + ". Server time: middleware, view, SQL and template; CPU: this process's "
            "(not PostgreSQL's); SQL: the statements' time summed; slowest statement: the "
            "median over the requests of the slowest one at large size (bold above "
            f"{SLOW_MS:.0f} ms); bold query count: differs from the demo's.",
            "",
            pages_table,
            "",
        ]
        if errors:
            parts += ["Pages that could not be measured:", ""]
            parts += [f"- {e}" for e in errors] + [""]
        if demo and large and differ:
            parts += [
                "Query counts that differ between the sizes:",
                "",
                differences(demo, large, differ),
                "",
            ]
        if large:
            parts += [
                f"Statements over {SLOW_MS:.0f} ms at large size (median over the requests; "
                "the server's own execution time, best of three, beside):",
                "",
                slow_statements(large, slow),
                "",
                coverage_section(large),
                "",
            ]
    if admin_rows:
        registered = (large or demo).get("admin_registered_for_the_bench") or []
        parts += [
            "## 2. Portal lists beside the Django admin's change lists",
            "",
            "Same model, same page size (25, the portal's; the admin's list_per_page is "
            "set to it), same requests as above; the admin as a superuser (bench-admin). "
            + (
                "Registered in the admin for this comparison only (in the bench's process): "
                + ", ".join(registered)
                + ". "
                if registered
                else ""
            )
            + "The portal's lists show more per row (filters, links, counts, labels).",
            "",
            admin_section(demo, large),
            "",
        ]
    if report_demo or annual:
        parts += [
            "## 3. The annual report",
            "",
            "Snapshot: `monitoring.services.freeze_snapshot` (indicators computed from the "
            "records, every report section read), in a transaction rolled back. PDF: "
            "`monitoring.reports.render_report` from the snapshot (template, WeasyPrint, "
            "PDF/UA), median of the renders. Total = snapshot + PDF. Peak RSS: the measuring "
            "process (Django loaded, snapshot and renders). Targets: demo under 10 s; large "
            "under 60 s and 1 GiB.",
            "",
            report_section(report_demo, annual),
            "",
        ]
    if load:
        parts += ["## 4. Load test", "", load_section(load), ""]
    RESULTS.write_text("\n".join(parts))
    return parts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--skip", default="", help="comma-separated parts to leave out: pages, report, load"
    )
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if not flag("BENCH_LOAD"):
        skip.add("load")
    with_10x = flag("BENCH_RECORDS10")
    command = "make bench" + (f" (bench/run.py --skip {args.skip})" if args.skip else "")
    if not flag("BENCH_LOAD"):
        command = "BENCH_LOAD=0 " + command
    OUT.mkdir(parents=True, exist_ok=True)
    info = machine()
    info["date"] = datetime.datetime.now().strftime("%Y-%m-%d %H:%M %Z").strip()
    info["load"] = " / ".join(f"{x:.1f}" for x in os.getloadavg()) + " (1, 5, 15 min)"
    say(json.dumps(info))
    started = time.monotonic()
    keys = ["demo", "large"] + (["large10"] if with_10x and "report" not in skip else [])
    build(keys)
    benchlib.collectstatic()
    if "pages" not in skip:
        run_pages("demo", int(os.environ.get("BENCH_REQUESTS_DEMO", "20")))
        run_pages("large", int(os.environ.get("BENCH_REQUESTS_LARGE", "10")))
    if "report" not in skip:
        run_reports(with_10x)
    if "load" not in skip:
        run_load()
    parts = write_results(info, command)
    say("\n".join(parts))
    say(f"\nWritten to {RESULTS.relative_to(benchlib.ROOT)} in {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
