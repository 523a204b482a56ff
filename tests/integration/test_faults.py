"""Faults of the report jobs, with real processes: a Celery worker (prefork,
as deployed) on the PostgreSQL test database and a Redis of the test's own,
which the test kills and restarts.

Each runs in well under a minute, so CI runs them in its PostgreSQL + Redis
pass. The slower scenarios (the broker's own redelivery after the visibility
timeout, Redis down during a request, PostgreSQL restarted under load) are
bench/faults scripts, run by `make faults`.
"""

import hashlib
import os
import signal
import time

import pytest
from django.db import connection
from django.urls import reverse

from accounts.roles import Role
from monitoring import reports
from monitoring.models import Evaluation, EvaluationReport, ReportStatus
from monitoring.tasks import render_evaluation_report
from tests.integration import processes
from tests.monitoring.reporting import make_evaluation, snapshot

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FINISHED = {ReportStatus.DONE, ReportStatus.FAILED}
# A render takes several seconds here (WeasyPrint's import included); the
# bound leaves room for a slow machine.
RENDER_BOUND = 90


def _test_database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


class Stack:
    """The test's Redis, its workers and a client that sends tasks to them."""

    def __init__(self, directory, media):
        self.directory, self.media = directory, media
        self.redis = processes.RedisServer(directory).start()
        self.sender = processes.Sender(self.redis.url)
        self.workers = []

    def worker(self, name):
        env = processes.process_env(
            database_url=_test_database_url(), broker_url=self.redis.url, media_root=self.media
        )
        worker = processes.Worker(env, self.directory / f"{name}.log", name=f"{name}-{os.getpid()}")
        self.workers.append(worker)
        return worker.start()

    def send(self, task, *args):
        """As the web servers send a report job, or beat the sweep."""
        self.sender.send(task, *args)

    def close(self):
        for worker in self.workers:
            worker.kill()
        self.sender.close()
        self.redis.stop()


@pytest.fixture
def stack(tmp_path, settings):
    if not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("needs CELERY_BROKER_URL (the Redis/PostgreSQL pass of .ci/run)")
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL=postgres://… so the worker can reach the test database")
    if not processes.RedisServer.available():
        pytest.skip("needs redis-server, to start a Redis of the test's own")
    settings.MEDIA_ROOT = tmp_path / "media"
    stack = Stack(tmp_path, settings.MEDIA_ROOT)
    try:
        yield stack
    finally:
        stack.close()
        for worker in stack.workers:
            print(f"--- {worker.log.name}\n{processes.tail(worker.log, 15)}")


def _requested(people, **snapshot_changes):
    office = people[Role.OFFICE_STAFF]
    evaluation = make_evaluation(by=office)
    if snapshot_changes:
        Evaluation.objects.filter(pk=evaluation.pk).update(
            snapshot={**evaluation.snapshot, **snapshot_changes}
        )
    return reports.request_report(evaluation=evaluation, language="en", by=office, enqueue=False)


def _wait_for(report, statuses, timeout):
    def reached():
        report.refresh_from_db()
        return report.status in statuses

    processes.wait_until(reached, timeout, what=f"report job {report.pk} {sorted(statuses)}")


def _files(media):
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def _kill_during_render(report, kill):
    """Kill once the job is claimed and well into its render."""
    _wait_for(report, {ReportStatus.RUNNING}, 60)
    time.sleep(1)
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING, "the render ended before the kill"
    kill()
    return time.monotonic()


def _assert_done_once(report, media):
    """One done job, one version, one file: the one the job names."""
    assert report.status == ReportStatus.DONE, report.error
    jobs = EvaluationReport.objects.filter(evaluation=report.evaluation, language="en")
    assert list(jobs.values_list("version", "status")) == [(1, ReportStatus.DONE)]
    assert _files(media) == [report.file.name]
    content = (media / report.file.name).read_bytes()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == report.checksum
    # Nothing renders it again afterwards.
    attempts = report.attempts
    time.sleep(3)
    report.refresh_from_db()
    assert (report.status, report.attempts) == (ReportStatus.DONE, attempts)
    assert _files(media) == [report.file.name]


def test_a_pool_process_killed_while_rendering_gives_the_report_back_at_once(stack, people):
    """The pool process is SIGKILLed: the worker gives the task back to the
    broker (reject on worker lost), and the next pool process takes over the
    job, whose render lock died with the killed process's connection."""
    report = _requested(people)
    worker = stack.worker("pool-kill")
    stack.send(processes.RENDER_TASK, report.pk)

    killed = _kill_during_render(report, lambda: os.kill(worker.pool_process(), signal.SIGKILL))
    _wait_for(report, FINISHED, RENDER_BOUND)
    recovered = time.monotonic() - killed

    _assert_done_once(report, stack.media)
    assert report.attempts == 2, "the killed render, then the one that completed"
    assert "WorkerLostError" in worker.output() or "SIGKILL" in worker.output()
    print(f"done {recovered:.1f} s after the kill")


def test_a_worker_killed_whole_and_restarted_completes_the_report_at_the_sweep(stack, people):
    """Worker and pool killed together (SIGKILL): the task stays with the
    broker until the visibility timeout, but the sweep that beat sends every
    5 minutes puts the job back at once, since no live worker holds its lock."""
    report = _requested(people)
    worker = stack.worker("whole-kill")
    stack.send(processes.RENDER_TASK, report.pk)

    killed = _kill_during_render(report, worker.kill)
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING
    worker.start()
    stack.send(processes.SWEEP_TASK)  # what beat sends
    _wait_for(report, FINISHED, RENDER_BOUND)
    recovered = time.monotonic() - killed

    _assert_done_once(report, stack.media)
    assert report.attempts == 2
    print(f"done {recovered:.1f} s after the kill, worker restart included")


def test_a_render_that_raises_fails_with_its_error_and_is_retried(
    stack, people, client, monkeypatch
):
    report = _requested(people, clusters="not a list of clusters")
    evaluation = report.evaluation
    stack.worker("render-fails")
    stack.send(processes.RENDER_TASK, report.pk)
    _wait_for(report, FINISHED, RENDER_BOUND)

    assert report.status == ReportStatus.FAILED
    assert report.error.startswith("AttributeError:"), report.error
    assert (report.file.name, report.checksum, report.size) == ("", "", None)
    assert _files(stack.media) == [], "nothing half-written is left"
    client.force_login(people[Role.OFFICE_STAFF])
    status = client.get(reverse("monitoring:report_status", args=[report.pk])).json()
    assert (status["status"], status["error"]) == ("failed", report.error)
    assert "download_url" not in status
    download = reverse("monitoring:report_download", args=[report.pk])
    assert client.get(download).status_code == 404

    # Fixed, and retried from the page: a new version, rendered by the worker.
    Evaluation.objects.filter(pk=evaluation.pk).update(snapshot=snapshot(evaluation.year))
    monkeypatch.setattr(
        render_evaluation_report,
        "delay",
        lambda pk: stack.send(processes.RENDER_TASK, pk),
    )
    response = client.post(reverse("monitoring:report_retry", args=[report.pk]))
    assert response.status_code == 302
    retried = EvaluationReport.objects.get(evaluation=evaluation, language="en", version=2)
    _wait_for(retried, FINISHED, RENDER_BOUND)

    assert retried.status == ReportStatus.DONE, retried.error
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED, "the failure stays on record"
    assert _files(stack.media) == [retried.file.name]
    assert client.get(download).status_code == 404
    response = client.get(reverse("monitoring:report_download", args=[retried.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
