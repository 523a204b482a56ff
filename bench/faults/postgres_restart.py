"""Fault: PostgreSQL restarts while the portal is under load. Requests fail
only while it is down; every request that starts once it accepts connections
again succeeds, without restarting the portal (the same gunicorn processes):
its connections persist between requests (DATABASE_CONN_MAX_AGE) and are
checked before use (CONN_HEALTH_CHECKS), so a connection that died with the
server is replaced instead of failing a request.

A control run with the health checks switched off shows that the scenario
catches their absence: there the first request of each gunicorn process
after the restart fails.

    .venv/bin/python bench/faults/postgres_restart.py
"""

import subprocess
import sys
import threading
import time

from stack import check, office_and_evaluation, run, session_of

from tests.integration import processes

CLIENTS = 6
GUNICORN_WORKERS = 2
LOAD = 24  # seconds of load
DOWN_AFTER = 8  # seconds into the load
DOWN_FOR = 3  # seconds


def _burst(browser, pages, count):
    """count requests, CLIENTS at a time: every gunicorn process gets some."""
    results = []

    def one(index):
        results.append(browser.get(pages[index % len(pages)], timeout=30)[0])

    for first in range(0, count, CLIENTS):
        threads = [
            threading.Thread(target=one, args=(i,))
            for i in range(first, min(count, first + CLIENTS))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return results


def restarts(stack, *, health_checks):
    """PostgreSQL restarted twice: under load, then while the portal is idle
    (its connections kept open, unused). Returns what each saw."""
    from django.db import connections
    from django.urls import reverse

    office, evaluation = office_and_evaluation()
    server = stack.web(FAULTS_CONN_HEALTH_CHECKS=int(health_checks))
    browser = processes.Browser(server, session_of(office))
    connections.close_all()
    pages = [
        reverse("monitoring:report_list"),
        reverse("monitoring:evaluation_detail", args=[evaluation.pk]),
        reverse("monitoring:evaluation_list"),
        reverse("home"),
    ]
    for page in pages:
        status = browser.get(page)[0]
        check(status == 200, f"{page} answered {status} before the restart")
    workers_before = sorted(server.children())

    # Under load.
    requests = []
    finish = time.monotonic() + LOAD

    def client(number):
        index = number
        while time.monotonic() < finish:
            page = pages[index % len(pages)]
            index += 1
            began = time.monotonic()
            status = browser.get(page, timeout=30)[0]
            requests.append((began, time.monotonic(), status, page))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(DOWN_AFTER)
    stopping = time.monotonic()
    stack.pg.stop("fast")
    time.sleep(DOWN_FOR)
    stack.pg.start()
    up = time.monotonic()
    for thread in threads:
        thread.join()

    # Idle: every process keeps a connection that dies with the server.
    warm = _burst(browser, pages, 4 * CLIENTS)
    check(set(warm) == {200}, f"before the idle restart: {warm}")
    stack.pg.stop("fast")
    stack.pg.start()
    after_idle = _burst(browser, pages, 4 * CLIENTS)
    connections.close_all()
    return {
        "requests": requests,
        "stopping": stopping,
        "up": up,
        "after_idle": after_idle,
        "workers": (workers_before, sorted(server.children())),
    }


def scenario(stack):
    seen = restarts(stack, health_checks=True)
    requests, stopping, up = seen["requests"], seen["stopping"], seen["up"]
    failed = [r for r in requests if r[2] != 200]
    outside = [r for r in failed if r[1] < stopping or r[0] > up]
    after_up = [r for r in requests if r[0] >= up]
    check(len(after_up) >= 50, f"only {len(after_up)} requests after the restart")
    check(not outside, f"{len(outside)} requests failed while PostgreSQL was up: {outside[:5]}")
    idle_failed = [status for status in seen["after_idle"] if status != 200]
    check(not idle_failed, f"after the idle restart: {seen['after_idle']}")
    before, after = seen["workers"]
    check(before == after, f"gunicorn's processes changed: {before} -> {after}")
    statuses = sorted({r[2] for r in failed})
    first_ok = min((r[1] for r in after_up if r[2] == 200), default=up)
    return (
        f"under load: {len(requests)} requests by {CLIENTS} clients over {LOAD} s, PostgreSQL "
        f"down {up - stopping:.1f} s: {len(failed)} failed (status {statuses}), all while it "
        f"was down; the {len(after_up)} after it was back all answered (first "
        f"{first_ok - up:.2f} s after); idle restart: the {len(seen['after_idle'])} next "
        "requests all answered; the same gunicorn processes throughout"
    )


def control(stack):
    seen = restarts(stack, health_checks=False)
    failed = [status for status in seen["after_idle"] if status != 200]
    check(failed, "without health checks nothing failed after the idle restart: no evidence")
    return (
        f"without CONN_HEALTH_CHECKS, {len(failed)} of the {len(seen['after_idle'])} requests "
        "after the idle restart failed (stale connections): the scenario detects their absence"
    )


if __name__ == "__main__":
    if "--control" in sys.argv:
        sys.exit(
            run(
                "postgres_restart_control",
                "PostgreSQL restarts under load, control without health checks",
                control,
            )
        )
    status = run("postgres_restart", "PostgreSQL restarts under load", scenario)
    if "--no-control" not in sys.argv:
        # In a process of its own: this one's Django is set up on the first database.
        status |= subprocess.run([sys.executable, __file__, "--control"], check=False).returncode  # noqa: S603
    sys.exit(status)
