"""The load test: gunicorn serving the portal on the large database, Locust's users
on the journeys of bench/locustfile.py, headless, with a fixed number of users,
duration and seed.

    python bench/load.py --out FILE.json [--users 50] [--spawn-rate 2] [--duration 3m50s]

Runs with the environment of benchlib.portal_env("large"): DEBUG off, a real
secret key, ALLOWED_HOSTS 127.0.0.1, no HTTPS redirect on this local hop,
whitenoise serving the collected static files, Celery tasks in-process. The
headline percentiles are computed from every request's time (Locust's own CSV,
kept beside, rounds them); the log-in POSTs are reported apart.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import BENCH, OUT, ROOT, percentile, portal_env, save_json, setup_django  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8765"))
# The Dockerfile's server: gunicorn's sync workers (one request at a time per
# process, none of them waiting on another's Python for the GIL), one more than its
# WEB_CONCURRENCY of 3 because no Celery worker shares these 2 cores. (Threaded
# workers, -k gthread --threads 4, measured a steady p95 of 515 ms against 333 ms:
# a dashboard recomputing its figures held up the other requests of its process.)
GUNICORN = os.environ.get("BENCH_GUNICORN_ARGS", "-w 4").split()
TARGETS = {"p95_ms": 150, "p99_ms": 400}


def catalogue(path):
    """What the load users pick from, read from the database."""
    from django.db.models import Count

    from accounts.models import User
    from clusters.models import ClusterOrganisation, Organisation
    from demo.large_region import PREFIX, PROGRAMME_TITLE
    from demo.people import DEMO_PASSWORD
    from districts.models import District
    from monitoring.models import EvaluationReport, ReportStatus
    from programmes.models import Programme

    def usernames(role):
        users = User.objects.filter(groups__name=role, is_active=True)
        own = users.filter(username__startswith=PREFIX)
        return sorted((own if own.exists() else users).values_list("username", flat=True))

    managers = dict(
        ClusterOrganisation.objects.filter(
            cluster_manager__username__startswith=PREFIX
        ).values_list("cluster_manager__username", "slug")
    )
    managed_pk = dict(
        ClusterOrganisation.objects.filter(
            cluster_manager__username__startswith=PREFIX
        ).values_list("cluster_manager__username", "pk")
    )
    districts = list(District.objects.order_by("pk").values_list("pk", "slug"))
    organisations = list(
        Organisation.objects.annotate(n=Count("memberships"))
        .filter(n__gt=0)
        .order_by("pk")
        .values_list("pk", flat=True)[:2000]
    )
    report = (
        EvaluationReport.objects.filter(status=ReportStatus.DONE)
        .order_by("-pages", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    programme = Programme.objects.filter(title=PROGRAMME_TITLE).values_list("pk", flat=True)
    data = {
        "password": DEMO_PASSWORD,
        "users": {
            role: usernames(role)
            for role in (
                "office_staff",
                "network_coordinator",
                "government_official",
                "innovation_broker",
            )
        },
        "managed": managers,
        "managed_pk": managed_pk,
        "clusters": sorted(ClusterOrganisation.objects.values_list("slug", flat=True)),
        "district_pks": [pk for pk, _slug in districts],
        "district_slugs": [slug for _pk, slug in districts],
        "organisations": organisations,
        "programme": programme.first(),
        "report": report,
    }
    data["users"]["cluster_manager"] = sorted(managers)
    data["users"]["innovation_broker"] = [
        u
        for u in data["users"]["innovation_broker"]
        if User.objects.filter(username=u, district__isnull=False).exists()
    ]
    path.write_text(json.dumps(data))
    return data


def cpu_seconds(pid):
    """CPU seconds used so far by a process and its children ("tree"), and by the
    whole machine ("machine", all cores, from /proc/stat)."""
    import psutil

    tree = 0.0
    try:
        process = psutil.Process(pid)
        for p in [process, *process.children(recursive=True)]:
            times = p.cpu_times()
            tree += times.user + times.system
    except psutil.Error:
        pass
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    jiffies = [int(x) for x in fields]
    busy = sum(jiffies) - jiffies[3] - jiffies[4]  # all but idle and iowait
    return {"tree": tree, "machine": busy / os.sysconf("SC_CLK_TCK")}


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.5)
    return False


def summarise(samples, seconds):
    """p50/p95/p99 over every request but the log-ins, and per page."""

    def figures(rows):
        times = [ms for _name, ms, _failed, _at in rows]
        return {
            "requests": len(rows),
            "errors": sum(1 for row in rows if row[2]),
            "p50_ms": round(percentile(times, 0.50), 1) if times else None,
            "p95_ms": round(percentile(times, 0.95), 1) if times else None,
            "p99_ms": round(percentile(times, 0.99), 1) if times else None,
            "max_ms": round(max(times), 1) if times else None,
        }

    logins = [row for row in samples if row[0] in ("login", "login page")]
    others = [row for row in samples if row[0] not in ("login", "login page")]
    by_name = {}
    for row in others:
        by_name.setdefault(row[0], []).append(row)
    overall = figures(others)
    overall["requests_per_second"] = round(len(others) / seconds, 1) if seconds else None
    # The steady state: the requests sent once the last user has logged in
    # (hashing the passwords takes the CPUs for a while; the pages asked
    # meanwhile wait for them). Samples hold when each request ended.
    last_login = max((at for _n, _ms, _f, at in logins), default=0.0)
    after = [row for row in others if row[3] - row[1] / 1000 > last_login]
    steady = figures(after)
    steady["seconds"] = round(max((row[3] for row in after), default=0.0) - last_login, 1)
    steady["requests_per_second"] = (
        round(len(after) / steady["seconds"], 1) if steady["seconds"] else None
    )
    steady_pages = {}
    for row in after:
        steady_pages.setdefault(row[0], []).append(row)
    return {
        "overall": overall,
        "steady": steady,
        "logins": figures(logins),
        "pages": {name: figures(rows) for name, rows in sorted(by_name.items())},
        "steady_pages": {name: figures(rows) for name, rows in sorted(steady_pages.items())},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=int(os.environ.get("BENCH_USERS", 50)))
    # Two users a second: 50 log in over 25 s, not all in the same instant.
    parser.add_argument("--spawn-rate", type=float, default=2)
    parser.add_argument("--duration", default=os.environ.get("BENCH_DURATION", "3m50s"))
    parser.add_argument("--seed", default=os.environ.get("BENCH_SEED", "8"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    setup_django()
    OUT.mkdir(parents=True, exist_ok=True)
    data_path, samples_path = OUT / "load-data.json", OUT / "load-samples.json"
    samples_path.unlink(missing_ok=True)
    data = catalogue(data_path)
    env = portal_env("large", DJANGO_ALLOWED_HOSTS="127.0.0.1")
    env.update(BENCH_LOAD_DATA=str(data_path), BENCH_LOAD_SAMPLES=str(samples_path))
    env["BENCH_SEED"] = str(args.seed)
    bin_dir = Path(sys.executable).parent
    gunicorn = [
        str(bin_dir / "gunicorn"),
        "cpo_portal.wsgi",
        *GUNICORN,
        "-b",
        f"127.0.0.1:{PORT}",
        "--access-logfile",
        "-",
        "--access-logformat",
        '%(s)s %(M)s "%(r)s"',
    ]
    log = open(OUT / "load-gunicorn.log", "w")  # noqa: SIM115 - open while the server runs
    server = subprocess.Popen(  # noqa: S603
        gunicorn, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        if not wait_for(f"http://127.0.0.1:{PORT}/healthz"):
            raise SystemExit(f"gunicorn did not answer; see {OUT / 'load-gunicorn.log'}")
        csv_prefix = OUT / "load"
        locust = [
            str(bin_dir / "locust"),
            "-f",
            str(BENCH / "locustfile.py"),
            "--headless",
            "-u",
            str(args.users),
            "-r",
            str(args.spawn_rate),
            "-t",
            args.duration,
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--csv",
            str(csv_prefix),
            "--only-summary",
            "--stop-timeout",
            "10",
            "--loglevel",
            "WARNING",
        ]
        load_before = os.getloadavg()
        cpu_before = cpu_seconds(server.pid)
        started = time.monotonic()
        with open(OUT / "load-locust.log", "w") as locust_log:
            locust_process = subprocess.Popen(  # noqa: S603
                locust, cwd=ROOT, env=env, stdout=locust_log, stderr=subprocess.STDOUT
            )
            locust_cpu = 0.0
            while locust_process.poll() is None:
                locust_cpu = max(locust_cpu, cpu_seconds(locust_process.pid)["tree"])
                time.sleep(1)
        seconds = time.monotonic() - started
        cpu_after = cpu_seconds(server.pid)
        load_after = os.getloadavg()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
    samples = json.loads(samples_path.read_text()) if samples_path.exists() else []
    result = summarise(samples, seconds)
    statuses, server_ms = {}, []
    for line in (OUT / "load-gunicorn.log").read_text().splitlines():
        match = re.match(r'(\d{3}) (\d+) "(GET|POST) (\S+)', line)
        if match:
            statuses[match.group(1)] = statuses.get(match.group(1), 0) + 1
            if not match.group(4).startswith(("/accounts/login/", "/static/", "/healthz")):
                server_ms.append(int(match.group(2)))
    result.update(
        {
            "command": " ".join(["locust", *map(str, locust[1:])]).replace(str(ROOT) + "/", ""),
            "gunicorn": " ".join(["gunicorn", *gunicorn[1:]]),
            "users": args.users,
            "spawn_rate": args.spawn_rate,
            "duration": args.duration,
            "seed": args.seed,
            "think_seconds": os.environ.get("BENCH_THINK", "3,10"),
            "seconds": round(seconds, 1),
            "http_statuses": statuses,
            # gunicorn's own time per request (without the client's queueing)
            "server": {
                "p50_ms": percentile(server_ms, 0.50) if server_ms else None,
                "p95_ms": percentile(server_ms, 0.95) if server_ms else None,
                "p99_ms": percentile(server_ms, 0.99) if server_ms else None,
            },
            "report_downloaded": data["report"],
            "load_average": {"before": load_before, "after": load_after},
            # Cores used on average during the run: by gunicorn (the portal), by
            # Locust, and by the whole machine (PostgreSQL and everything else).
            "cores": {
                "gunicorn": round((cpu_after["tree"] - cpu_before["tree"]) / seconds, 2),
                "locust": round(locust_cpu / seconds, 2),
                "machine": round((cpu_after["machine"] - cpu_before["machine"]) / seconds, 2),
                "available": os.cpu_count(),
            },
            "targets": TARGETS,
        }
    )
    overall = result["steady"]
    result["targets_met"] = bool(
        overall["p95_ms"] is not None
        and overall["p95_ms"] < TARGETS["p95_ms"]
        and overall["p99_ms"] < TARGETS["p99_ms"]
        and overall["errors"] == 0
        and result["logins"]["errors"] == 0
    )
    save_json(args.out, result)
    print(json.dumps({"steady": result["steady"], "logins": result["logins"]}), flush=True)


if __name__ == "__main__":
    main()
