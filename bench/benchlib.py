"""What the benchmark scripts share: where things are, the environment the portal
runs in while measured, the PostgreSQL databases they need, the machine's
description and a plain-text table.

Imported by the scripts of bench/ (run as `python bench/<script>.py`), before
Django: nothing here imports Django.
"""

import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = ROOT / "var" / "bench"  # intermediate results (JSON, CSV, logs); not in git
PYTHON = sys.executable
MANAGE = str(ROOT / "manage.py")

# The PostgreSQL server and the databases the benchmarks build and reuse.
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASES = {
    # name: (scale, records) for `seed_demo`
    "demo": (os.environ.get("BENCH_DB_DEMO", "cpo_bench_demo"), "demo", None),
    "large": (os.environ.get("BENCH_DB_LARGE", "cpo_bench_large"), "large", 1),
    "large10": (os.environ.get("BENCH_DB_LARGE10", "cpo_bench_large10"), "large", 10),
}

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def database_url(key):
    return f"{PG_URL}/{DATABASES[key][0]}"


def portal_env(key, **extra):
    """The environment of a portal process measured on database `key`: production
    settings (DEBUG off, a real secret key, static files from the manifest through
    whitenoise), plain HTTP on this machine, Celery tasks in-process."""
    env = dict(os.environ)
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update(
        DATABASE_URL=database_url(key),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def setup_django():
    """Configure Django in this process (the environment is set by the caller)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpo_portal.settings.base")
    import django

    django.setup()


def say(text):
    print(text, flush=True)


def run(args, *, env=None, log=None, check=True):
    """Run a command from the repository's root; its output goes to `log` (a path)
    or through. Returns the seconds it took."""
    started = time.monotonic()
    if log is None:
        result = subprocess.run(args, cwd=ROOT, env=env, check=False)  # noqa: S603
    else:
        with open(log, "a") as handle:
            handle.write(f"\n$ {' '.join(map(str, args))}\n")
            handle.flush()
            result = subprocess.run(  # noqa: S603
                args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, check=False
            )
    if check and result.returncode != 0:
        where = f" (see {log})" if log else ""
        raise SystemExit(f"Failed ({result.returncode}): {' '.join(map(str, args))}{where}")
    return time.monotonic() - started


# --- the databases -----------------------------------------------------------------


def _maintenance_connection():
    import psycopg2

    connection = psycopg2.connect(f"{PG_URL}/postgres")
    connection.autocommit = True
    return connection


def database_exists(name):
    with _maintenance_connection() as connection, connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def ensure_database(key):
    """Create, migrate and seed database `key` unless it is ready; returns what was
    done. BENCH_REBUILD=1 drops it first. seed_demo is idempotent and builds the
    large region only once, so a database already built is only checked."""
    from psycopg2 import sql

    name, scale, records = DATABASES[key]
    OUT.mkdir(parents=True, exist_ok=True)
    log = OUT / f"build-{key}.log"
    connection = _maintenance_connection()
    try:
        with connection.cursor() as cursor:
            if os.environ.get("BENCH_REBUILD") == "1":
                cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            created = cursor.fetchone() is None
            if created:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()
    env = portal_env(key)
    seconds = run([PYTHON, MANAGE, "migrate", "--noinput"], env=env, log=log)
    command = [PYTHON, MANAGE, "seed_demo", "--force"]
    if scale == "large":
        command += ["--scale", "large", "--records", str(records)]
    seconds += run(command, env=env, log=log)
    # What the benchmarks add: an evaluation of the region's programme.
    seconds += run([PYTHON, str(BENCH / "fixtures.py")], env=env, log=log)
    if created:
        # After the bulk load, what autovacuum does within minutes on a live server:
        # the visibility map (index-only scans) and fresh statistics.
        import psycopg2

        started = time.monotonic()
        connection = psycopg2.connect(database_url(key))
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        connection.close()
        seconds += time.monotonic() - started
    return {"database": name, "created": created, "seconds": round(seconds, 1)}


def collectstatic():
    """The manifest that whitenoise serves in production (DEBUG off needs it)."""
    run(
        [PYTHON, MANAGE, "collectstatic", "--noinput", "--verbosity", "0"],
        env=portal_env("demo"),
        log=OUT / "collectstatic.log",
    )


# --- the machine -------------------------------------------------------------------


def machine():
    """nproc, RAM, CPU model, Python, PostgreSQL and the OS."""
    info = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
    }
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        total = next(line for line in meminfo if line.startswith("MemTotal"))
        info["ram_gib"] = round(int(total.split()[1]) / 1024 / 1024, 1)
        cpu = next(
            (
                line
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
        info["cpu"] = cpu.split(":", 1)[-1].strip()
    except (OSError, StopIteration):
        pass
    try:
        with _maintenance_connection() as connection, connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    except Exception as error:  # noqa: BLE001 - a description, not a check
        info["postgresql"] = f"unreachable ({error})"
    import django

    info["django"] = django.get_version()
    return info


# --- figures -------------------------------------------------------------------------


def percentile(values, fraction):
    """The nearest-rank percentile (fraction in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(values):
    return statistics.median(values)


def ms(seconds):
    return round(seconds * 1000, 1)


def table(headers, rows, *, align=None):
    """A Markdown table that also reads well as plain text."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    align = align or ["<"] + [">"] * (len(headers) - 1)

    def line(row):
        return (
            "| "
            + " | ".join(f"{c:{a}{w}}" for c, a, w in zip(row, align, widths, strict=True))
            + " |"
        )

    dashes = [
        "-" * (w + 1) + ":" if a == ">" else "-" * (w + 2)
        for a, w in zip(align, widths, strict=True)
    ]
    rule = "|" + "|".join(dashes) + "|"
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def save_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=str))


def load_json(path):
    return json.loads(path.read_text()) if path.exists() else None
