"""Time and memory to render the demo's approved evaluation report (issue 7, "Done
when" #3).

    python bench/report.py [--runs N] [--language es|en] [--json FILE]

The database: BENCH_DATABASE_URL, else DATABASE_URL, if set (it must hold the demo:
`manage.py seed_demo`; nothing is written to it); else a fresh SQLite database in a
temporary folder, migrated and seeded with seed_demo in a child process (so that the
seeding's memory does not count), and removed at the end.

The report is the demo programme's latest approved evaluation (2025), in the language
asked (default es). It is rendered N times (default 3) in this process by the code the
Celery task runs (monitoring.reports.render_report: template, WeasyPrint layout and
the PDF/UA file), without storing the file. Printed:

- wall time (and CPU time, less sensitive to a busy machine) of each run, then the
  median and maximum wall time (the first run also loads the fonts and templates);
- peak Python memory of one more run traced with tracemalloc (tracing slows the
  rendering, so it is not timed);
- the process's maximum resident set size (resource.getrusage) before the first
  render and after the last: the growth is what rendering adds to a worker that has
  loaded Django;
- the report's pages and the PDF's size.

Self-contained: it needs the portal's virtualenv and nothing else of bench/.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MiB = 1024 * 1024


def _max_rss():
    """The process's peak resident set size in bytes (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _fresh_database(folder):
    """A demo database in folder: migrated and seeded by child processes."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "cpo_portal.settings.base",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        env.pop(name, None)  # tasks in-process: the demo's report is rendered when seeded
    for command in (["migrate", "--no-input", "-v", "0"], ["seed_demo"]):
        started = time.perf_counter()
        print(f"  manage.py {' '.join(command)} …", end="", flush=True)
        subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f" {time.perf_counter() - started:.1f} s", flush=True)
    return env["DATABASE_URL"], env["DJANGO_MEDIA_ROOT"]


def _setup_django(database_url, media_root):
    os.environ["DATABASE_URL"] = database_url
    if media_root:
        os.environ["DJANGO_MEDIA_ROOT"] = media_root
    os.environ["DJANGO_DEBUG"] = "0"  # no query log growing while measured
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpo_portal.settings.base")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _report(language):
    """The demo's approved report in language: its latest version, or an unsaved one."""
    from demo.programmes import demo_programme
    from monitoring.models import (
        Evaluation,
        EvaluationReport,
        EvaluationStatus,
        ReportStatus,
    )

    evaluation = (
        Evaluation.objects.filter(programme=demo_programme(), status=EvaluationStatus.APPROVED)
        .select_related("programme")
        .order_by("-year")
        .first()
    )
    if evaluation is None:
        sys.exit("No approved evaluation of the demo programme: run `manage.py seed_demo`.")
    report = (
        EvaluationReport.objects.filter(
            evaluation=evaluation, language=language, status=ReportStatus.DONE
        )
        .order_by("-version")
        .first()
    )
    return report or EvaluationReport(
        evaluation=evaluation,
        language=language,
        version=1,
        snapshot_taken_at=evaluation.snapshot_taken_at,
    )


def _table(rows):
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            str(cell).ljust(width) if i == 0 else str(cell).rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells))
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def measure(runs, language):
    from django.db import connection

    from monitoring.reports import render_report

    report = _report(language)
    evaluation = report.evaluation
    rss_before = _max_rss()
    times, cpu, pages, size = [], [], None, None
    for _run in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        pdf, pages = render_report(report)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        size = len(pdf)
        del pdf
    rss_after = _max_rss()
    tracemalloc.start()
    render_report(report)
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "evaluation": f"{evaluation.programme.title} {evaluation.year} ({evaluation.status})",
        "language": language,
        "database": connection.vendor,
        "runs": runs,
        "seconds": times,
        "cpu_seconds": cpu,
        "median_s": statistics.median(times),
        "max_s": max(times),
        "tracemalloc_peak_mib": traced_peak / MiB,
        "max_rss_before_mib": rss_before / MiB,
        "max_rss_after_mib": rss_after / MiB,
        "pages": pages,
        "pdf_kib": size / 1024,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="renders timed (default 3)")
    parser.add_argument("--language", default="es", choices=["es", "en"])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs is at least 1")

    database_url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL")
    folder = None
    try:
        if database_url:
            print("Database: from the environment")
            media_root = None
        else:
            folder = Path(tempfile.mkdtemp(prefix="cpo-bench-report-"))
            print(f"Database: a fresh SQLite demo in {folder}")
            database_url, media_root = _fresh_database(folder)
        _setup_django(database_url, media_root)
        result = measure(args.runs, args.language)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    print(f"\nReport: {result['evaluation']}, {result['language']}, {result['database']}")
    rows = [("run", "wall time (s)", "CPU time (s)")]
    rows += [
        (str(i), f"{wall:.2f}", f"{cpu:.2f}")
        for i, (wall, cpu) in enumerate(
            zip(result["seconds"], result["cpu_seconds"], strict=True), 1
        )
    ]
    print(_table(rows))
    print()
    print(
        _table(
            [
                ("figure", "value"),
                (f"wall time, median of {result['runs']}", f"{result['median_s']:.2f} s"),
                ("wall time, max", f"{result['max_s']:.2f} s"),
                ("peak Python memory (tracemalloc)", f"{result['tracemalloc_peak_mib']:.1f} MiB"),
                ("max RSS before rendering", f"{result['max_rss_before_mib']:.1f} MiB"),
                ("max RSS after rendering", f"{result['max_rss_after_mib']:.1f} MiB"),
                ("pages", str(result["pages"])),
                ("PDF size", f"{result['pdf_kib']:.0f} KiB"),
            ]
        )
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
