"""Fault: the whole worker is killed (SIGKILL to it and its pool) while it
renders a report, and started again; no sweep runs. The broker alone gives
the task back: Redis restores a task left unacknowledged for longer than
CELERY_VISIBILITY_TIMEOUT (60 s here, the lowest the settings accept), and
each worker looks for such tasks every 10 s (the restore interval). The
report must be done exactly once within visibility timeout + restore
interval + one render after the task was taken.

    .venv/bin/python bench/faults/worker_restart.py
"""

import sys
import time

from stack import check, done_once, office_and_evaluation, run, wait_for

from tests.integration import processes

VISIBILITY_TIMEOUT = 60
RESTORE_INTERVAL = 10
RENDER_BOUND = 30  # one render, with WeasyPrint's import, on a slow machine


def scenario(stack):
    from monitoring import reports
    from monitoring.models import ReportStatus

    office, evaluation = office_and_evaluation()
    report = reports.request_report(evaluation=evaluation, language="en", by=office, enqueue=False)
    env = {"CELERY_VISIBILITY_TIMEOUT": VISIBILITY_TIMEOUT}
    worker = stack.worker("worker", **env)
    stack.sender.send(processes.RENDER_TASK, report.pk)
    sent = time.monotonic()

    wait_for(report, {ReportStatus.RUNNING}, 60)
    time.sleep(1)
    report.refresh_from_db()
    check(report.status == ReportStatus.RUNNING, "the render ended before the kill")
    worker.kill()
    killed = time.monotonic()
    worker.start()  # restarted at once: the task is not due back yet

    bound = VISIBILITY_TIMEOUT + RESTORE_INTERVAL + RENDER_BOUND
    wait_for(report, {ReportStatus.DONE, ReportStatus.FAILED}, bound + 5)
    done = time.monotonic()
    check(
        done - sent >= VISIBILITY_TIMEOUT,
        f"done {done - sent:.0f} s after it was sent: not by the broker's redelivery",
    )
    check(done - sent <= bound, f"done {done - sent:.0f} s after it was sent, over {bound} s")
    check("redelivered" in worker.output() or "received" in worker.output(), "no redelivery")
    done_once(report, stack.media, attempts=2)
    return (
        f"killed {killed - sent:.0f} s after it was sent; done exactly once "
        f"{done - killed:.0f} s after the kill, {done - sent:.0f} s after it was sent "
        f"(bound: visibility timeout {VISIBILITY_TIMEOUT} s + restore interval "
        f"{RESTORE_INTERVAL} s + render {RENDER_BOUND} s = {bound} s)"
    )


if __name__ == "__main__":
    sys.exit(
        run("worker_restart", "whole worker killed and restarted (broker redelivery)", scenario)
    )
