"""`make faults`: every fault scenario against a PostgreSQL and a Redis of its
own (never the servers on the standard ports, which CI and others share),
with PASS or FAIL and the time of each.

The quick scenarios are the pytest tests of tests/integration/test_faults.py,
which CI also runs; the slow ones are the scripts next to this one. Each
one's full output goes to var/faults/<name>.log; the summary is printed and
written to var/faults/summary.txt.

    .venv/bin/python bench/faults/run.py
"""

import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET  # noqa: S405 - our own pytest's report
from pathlib import Path

from stack import BASE_DIR, TEMPLATE, migrate

from tests.integration import processes

HERE = Path(__file__).resolve().parent
LOGS = BASE_DIR / "var" / "faults"
SCRIPTS = ["worker_restart.py", "redis_down.py", "postgres_restart.py"]
TESTS = {
    "test_a_pool_process_killed_while_rendering_gives_the_report_back_at_once": (
        "pool process SIGKILLed while rendering (pytest)"
    ),
    "test_a_worker_killed_whole_and_restarted_completes_the_report_at_the_sweep": (
        "whole worker killed and restarted, beat's sweep (pytest)"
    ),
    "test_a_render_that_raises_fails_with_its_error_and_is_retried": (
        "a render that raises: failed, no file, retried (pytest)"
    ),
}


def run_tests(pg, redis, results):
    log = LOGS / "pytest.log"
    report = LOGS / "pytest.xml"
    env = {
        **os.environ,
        "DATABASE_URL": pg.url("faults_pytest"),
        "CELERY_BROKER_URL": redis.url,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    started = time.monotonic()
    with open(log, "wb") as output:
        subprocess.run(  # noqa: S603
            [
                sys.executable, "-m", "pytest", "tests/integration/test_faults.py",
                "-p", "no:cacheprovider", "-rA", "-s", f"--junitxml={report}",
                "-o", "junit_duration_report=call",
            ],
            cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, check=False,
        )  # fmt: skip
    took = time.monotonic() - started
    if not report.exists():
        results.append(("FAIL", "the pytest fault scenarios", f"no report ({took:.0f} s)", log))
        return
    cases = {case.get("name"): case for case in ET.parse(report).iter("testcase")}  # noqa: S314
    for name, title in TESTS.items():
        case = cases.get(name)
        if case is None:
            results.append(("FAIL", title, "did not run", log))
            continue
        outcome = "PASS"
        if case.find("failure") is not None or case.find("error") is not None:
            outcome = "FAIL"
        elif case.find("skipped") is not None:
            outcome = "SKIP"
        results.append((outcome, title, f"{float(case.get('time', 0)):.0f} s", log))
        print(f"{outcome}  {title} ({float(case.get('time', 0)):.0f} s)", flush=True)


def run_script(script, pg, results):
    log = LOGS / f"{Path(script).stem}.log"
    env = {
        **os.environ,
        "FAULTS_PG_PORT": str(pg.port),
        "FAULTS_PG_DIR": str(pg.directory),
        "FAULTS_TEMPLATE": TEMPLATE,
    }
    env.pop("CELERY_BROKER_URL", None)
    env.pop("DATABASE_URL", None)
    with open(log, "wb") as output:
        subprocess.run(  # noqa: S603
            [sys.executable, str(HERE / script)],
            cwd=HERE,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            check=False,
        )
    lines = [
        line
        for line in log.read_text(errors="replace").splitlines()
        if line.startswith(("PASS  ", "FAIL  "))
    ]
    if not lines:
        results.append(("FAIL", script, "no outcome", log))
    for line in lines:
        print(line, flush=True)
        outcome, rest = line.split(maxsplit=1)
        title, _sep, details = rest.partition(": ")
        results.append((outcome, title, details, log))


def main():
    if not processes.RedisServer.available() or not processes.PostgresServer.available():
        print("FAIL  make faults needs redis-server and PostgreSQL's server binaries")
        return 1
    LOGS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results = []
    pg = processes.PostgresServer().init().start()
    redis = processes.RedisServer(pg.directory).start()
    try:
        print(f"PostgreSQL of our own on port {pg.port}, Redis on {redis.port}; logs in {LOGS}")
        migrate(pg, TEMPLATE)
        run_tests(pg, redis, results)
        for script in SCRIPTS:
            run_script(script, pg, results)
    finally:
        redis.stop()
        pg.destroy()
    took = time.monotonic() - started
    width = max(len(title) for _outcome, title, _details, _log in results)
    summary = [f"Fault scenarios, {time.strftime('%Y-%m-%d %H:%M')}, {took:.0f} s in all", ""]
    for outcome, title, details, _log in results:
        summary.append(f"{outcome}  {title.ljust(width)}  {details}")
    failed = [r for r in results if r[0] != "PASS"]
    summary += ["", f"{len(results) - len(failed)} passed, {len(failed)} not"]
    for _outcome, title, _details, log in failed:
        summary.append(f"  see {log} for {title}")
    text = "\n".join(summary)
    (LOGS / "summary.txt").write_text(text + "\n")
    print("\n" + text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
