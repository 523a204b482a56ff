"""Fault: Redis is down when a user asks for a report. The request is saved
(the form answers at once, the page shows the job queued); nothing runs while
Redis is down; once Redis is back (empty, as after a crash) the sweep that
beat sends every 5 minutes sends the job again, since it has been queued for
longer than REPORT_QUEUE_STALE_MINUTES (1 here, the lowest), and a worker
renders it exactly once.

gunicorn and a Celery worker (prefork) run throughout; this script sends the
sweep as beat would, instead of waiting for beat's 5-minute schedule.

    .venv/bin/python bench/faults/redis_down.py
"""

import json
import sys
import time

from stack import check, done_once, office_and_evaluation, run, session_of, wait_for

from tests.integration import processes

STALE_MINUTES = 1
ANSWER_BOUND = 5  # seconds for the request while Redis is down
RENDER_BOUND = 45


def scenario(stack):
    from django.urls import reverse

    from monitoring.models import EvaluationReport, ReportStatus

    office, evaluation = office_and_evaluation()
    env = {"REPORT_QUEUE_STALE_MINUTES": STALE_MINUTES}
    worker = stack.worker("worker", **env)
    web = stack.web(**env)
    browser = processes.Browser(web, session_of(office))
    page = reverse("monitoring:evaluation_detail", args=[evaluation.pk])
    check(browser.get(page)[0] == 200, "the evaluation's page does not open")

    stack.redis.stop()
    asked = time.monotonic()
    status, headers, _body = browser.post(
        reverse("monitoring:report_request", args=[evaluation.pk]),
        {"language": "en", "next": page},
        timeout=60,
    )
    answered = time.monotonic() - asked
    check(status == 302, f"the request answered {status}")
    check(answered <= ANSWER_BOUND, f"the request took {answered:.1f} s with Redis down")
    check(headers.get("Location") == page, f"sent to {headers.get('Location')}")
    report = EvaluationReport.objects.get(evaluation=evaluation, language="en")
    check(report.status == ReportStatus.QUEUED, f"the job is {report.status}")
    status, _headers, body = browser.get(page)
    html = body.decode()
    check(status == 200, f"the page answered {status} after the request")
    check('data-status="queued"' in html, "the page does not show the job queued")
    status, _headers, body = browser.get(reverse("monitoring:report_status", args=[report.pk]))
    check(json.loads(body)["status"] == "queued", f"the status says {body[:200]}")

    time.sleep(5)
    report.refresh_from_db()
    check(report.status == ReportStatus.QUEUED, "something ran it while Redis was down")

    stack.redis.start()
    back = time.monotonic()
    processes.wait_until(
        lambda: worker.output().count("Connected to redis") >= 2,
        60,
        what="the worker reconnecting",
        interval=0.5,
    )
    reconnected = time.monotonic() - back
    # Beat's sweep before the job is stale sends nothing; after it, the job.
    stack.sender.send(processes.SWEEP_TASK)
    time.sleep(3)
    report.refresh_from_db()
    check(report.status == ReportStatus.QUEUED, "sent again before it was stale")
    stale_at = report.requested_at.timestamp() + STALE_MINUTES * 60 + 1
    time.sleep(max(0, stale_at - time.time()))
    swept = time.monotonic()
    stack.sender.send(processes.SWEEP_TASK)
    wait_for(report, {ReportStatus.DONE, ReportStatus.FAILED}, RENDER_BOUND)
    done = time.monotonic()
    for _ in range(2):  # later sweeps find nothing to do
        stack.sender.send(processes.SWEEP_TASK)
    done_once(report, stack.media, attempts=1)
    status, _headers, body = browser.get(page)
    download = reverse("monitoring:report_download", args=[report.pk])
    check(download in body.decode(), "the page does not offer the report's download")
    return (
        f"request answered in {answered:.1f} s with Redis down, job queued and shown so; "
        f"worker reconnected {reconnected:.0f} s after Redis was back; done exactly once "
        f"{done - swept:.0f} s after the sweep, {done - asked:.0f} s after the request "
        f"(bound: the first sweep after REPORT_QUEUE_STALE_MINUTES, + one render)"
    )


if __name__ == "__main__":
    sys.exit(run("redis_down", "Redis down when a report is requested", scenario))
