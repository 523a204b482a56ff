"""The annual evaluation report of the region in the database: its snapshot and its
PDF, timed apart.

    python bench/annual.py --out FILE.json [--renders 2]

The evaluation is the one bench/fixtures.py adds (the large region's programme,
2025; the demo programme's 2026 on the demo database). Two steps, as in the
portal:

1. the snapshot: monitoring.services.freeze_snapshot computes the indicators and
   reads every report section from the records (compute_all and build_snapshot,
   also timed on their own), inside a transaction that is rolled back, so the
   database is left as it was;
2. the rendering: monitoring.reports.render_report (template, WeasyPrint layout,
   PDF/UA) from the frozen snapshot, as the Celery task does, without storing the
   file. It reads the snapshot, not the records: its time should not move when
   the records are ten times more at equal clusters and districts.

Memory: this process's peak resident set size (it loads Django, then does both
steps: what a worker that renders the report needs) and the growth over the
rendering alone.
"""

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import save_json, setup_django  # noqa: E402

MiB = 1024 * 1024


def max_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def volumes():
    from brokers.network.models import DistrictService
    from clusters.models import ClusterOrganisation, Membership, Organisation
    from districts.models import District
    from programmes.models import Expenditure

    return {
        "clusters": ClusterOrganisation.objects.count(),
        "districts": District.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.count(),
        "services": DistrictService.objects.count(),
        "expenditures": Expenditure.objects.count(),
    }


def the_evaluation():
    from fixtures import bench_evaluation

    return bench_evaluation()


def time_snapshot(evaluation, by):
    from django.db import transaction

    from monitoring import services
    from monitoring.indicators import compute_all
    from monitoring.snapshot import build_snapshot

    programme, year = evaluation.programme, evaluation.year
    figures = {}
    started = time.perf_counter()
    compute_all(year=year, programme=programme)
    figures["indicators_s"] = time.perf_counter() - started
    started = time.perf_counter()
    build_snapshot(programme=programme, year=year)
    figures["sections_s"] = time.perf_counter() - started
    with transaction.atomic():
        started = time.perf_counter()
        frozen = services.freeze_snapshot(evaluation=evaluation, by=by)
        figures["freeze_snapshot_s"] = time.perf_counter() - started
        figures["clusters_in_report"] = len(frozen.snapshot["clusters"])
        figures["districts_in_report"] = len(frozen.snapshot["network"]["districts"])
        transaction.set_rollback(True)
    return figures


def time_rendering(evaluation, renders):
    from monitoring.models import EvaluationReport
    from monitoring.reports import render_report

    report = EvaluationReport(
        evaluation=evaluation,
        language="es",
        version=1,
        snapshot_taken_at=evaluation.snapshot_taken_at,
    )
    before = max_rss_mib()
    times, cpu = [], []
    pages = size = None
    for _ in range(renders):
        started, started_cpu = time.perf_counter(), time.process_time()
        pdf, pages = render_report(report)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        size = len(pdf)
        del pdf
    return {
        "render_s": times,
        "render_cpu_s": cpu,
        "render_median_s": statistics.median(times),
        "pages": pages,
        "pdf_kib": round(size / 1024),
        "rss_before_render_mib": round(before),
        "rss_growth_render_mib": round(max_rss_mib() - before),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=2)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    setup_django()
    from django.db import connection

    load_before = os.getloadavg()
    evaluation = the_evaluation()
    by = evaluation.snapshot_taken_by or evaluation.created_by
    result = {
        "database": connection.settings_dict["NAME"],
        "evaluation": f"{evaluation.programme.title}, {evaluation.year}",
        "volumes": volumes(),
        "rss_after_django_mib": round(max_rss_mib()),
    }
    started = time.perf_counter()
    result.update(time_snapshot(evaluation, by))
    result.update(time_rendering(evaluation, args.renders))
    result["wall_s"] = result["freeze_snapshot_s"] + result["render_median_s"]
    result["whole_run_s"] = time.perf_counter() - started
    result["peak_rss_mib"] = round(max_rss_mib())
    result["load_average"] = {"before": load_before, "after": os.getloadavg()}
    save_json(args.out, result)
    print(
        f"  {result['database']}: snapshot {result['freeze_snapshot_s']:.1f} s, "
        f"render {result['render_median_s']:.1f} s, {result['pages']} pages, "
        f"peak RSS {result['peak_rss_mib']} MiB",
        flush=True,
    )


if __name__ == "__main__":
    main()
