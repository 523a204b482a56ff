"""What every fault script shares: a PostgreSQL and a Redis of its own, the
portal's processes on them, and the outcome printed as PASS or FAIL.

A script run alone starts a PostgreSQL cluster in a temporary folder and
migrates a database; under run.py (`make faults`) the cluster and a migrated
template are made once and handed over in FAULTS_PG_PORT and FAULTS_TEMPLATE.
Nothing here touches the servers on the standard ports.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from tests.integration import processes  # noqa: E402

TEMPLATE = "faults_template"


class Failed(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def migrate(pg, name):
    """Create database name on pg and run the migrations into it."""
    pg.sql(f"CREATE DATABASE {name}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": processes.PROCESS_SETTINGS,
        "DATABASE_URL": pg.url(name),
    }
    env.pop("CELERY_BROKER_URL", None)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )


class Stack:
    """A scenario's servers and processes, all stopped by close()."""

    def __init__(self, name):
        self.name = name
        self.directory = Path(tempfile.mkdtemp(prefix=f"cpo-faults-{name}-"))
        self.media = self.directory / "media"
        self.media.mkdir()
        self.database = f"faults_{name}"
        self.processes = []
        self.redis = self.sender = None
        self.own_pg = "FAULTS_PG_PORT" not in os.environ
        if self.own_pg:
            self.pg = processes.PostgresServer().init().start()
        else:
            self.pg = processes.PostgresServer(
                port=int(os.environ["FAULTS_PG_PORT"]), directory=os.environ["FAULTS_PG_DIR"]
            )
        try:
            if self.own_pg:
                migrate(self.pg, TEMPLATE)
            template = os.environ.get("FAULTS_TEMPLATE", TEMPLATE)
            self.pg.sql(f"DROP DATABASE IF EXISTS {self.database}")
            self.pg.sql(f"CREATE DATABASE {self.database} TEMPLATE {template}")
            self.redis = processes.RedisServer(self.directory).start()
            self.sender = processes.Sender(self.redis.url)
            self._setup_django()
        except BaseException:
            self.close(keep_logs=True)
            raise

    def _setup_django(self):
        """This process reads and writes the scenario's database as a test would."""
        os.environ.update(
            processes.process_env(
                database_url=self.pg.url(self.database),
                broker_url=self.redis.url,
                media_root=self.media,
            )
        )
        import django

        django.setup()

    def env(self, **extra):
        return processes.process_env(
            database_url=self.pg.url(self.database),
            broker_url=self.redis.url,
            media_root=self.media,
            **extra,
        )

    def worker(self, name="worker", **extra):
        worker = processes.Worker(self.env(**extra), self.directory / f"{name}.log", name=name)
        self.processes.append(worker)
        return worker.start()

    def web(self, **extra):
        server = processes.WebServer(self.env(**extra), self.directory / "gunicorn.log")
        self.processes.append(server)
        return server.start()

    def close(self, keep_logs=False):
        for process in self.processes:
            process.kill()
        if self.sender:
            self.sender.close()
        if self.redis:
            self.redis.stop()
        if "django.apps" in sys.modules and sys.modules["django.apps"].apps.ready:
            from django.db import connections

            connections.close_all()
        if self.own_pg:
            self.pg.destroy()
        else:
            # A database left over harms nobody: the cluster is thrown away.
            with contextlib.suppress(subprocess.CalledProcessError):
                self.pg.sql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
        if not keep_logs:
            shutil.rmtree(self.directory, ignore_errors=True)


# ---------------------------------------------------------------------------
# The report job, as the tests see it
# ---------------------------------------------------------------------------


def office_and_evaluation():
    from accounts.roles import Role
    from tests.factories import UserFactory
    from tests.monitoring.reporting import make_evaluation

    office = UserFactory(role=Role.OFFICE_STAFF)
    return office, make_evaluation(by=office)


def session_of(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def wait_for(report, statuses, timeout):
    def reached():
        report.refresh_from_db()
        return report.status in statuses

    processes.wait_until(reached, timeout, what=f"report job {report.pk} {sorted(statuses)}")


def files(media):
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


def done_once(report, media, *, attempts):
    """One done job, one version, one file, and nothing renders it again."""
    import hashlib

    from monitoring.models import EvaluationReport, ReportStatus

    report.refresh_from_db()
    check(report.status == ReportStatus.DONE, f"the job is {report.status}: {report.error}")
    versions = list(
        EvaluationReport.objects.filter(
            evaluation=report.evaluation, language=report.language
        ).values_list("version", "status")
    )
    check(versions == [(1, ReportStatus.DONE)], f"versions: {versions}")
    check(files(media) == [report.file.name], f"files: {files(media)}")
    content = (media / report.file.name).read_bytes()
    check(hashlib.sha256(content).hexdigest() == report.checksum, "the checksum differs")
    check(report.attempts == attempts, f"{report.attempts} attempts, not {attempts}")
    time.sleep(3)
    report.refresh_from_db()
    check(
        (report.status, report.attempts, files(media))
        == (ReportStatus.DONE, attempts, [report.file.name]),
        "rendered again afterwards",
    )


# ---------------------------------------------------------------------------
# Running a scenario
# ---------------------------------------------------------------------------


def run(name, title, scenario):
    """Run scenario(stack) -> details; print PASS or FAIL with the time taken.
    Exit status 0 on PASS."""
    started = time.monotonic()
    stack = None
    try:
        stack = Stack(name)
        details = scenario(stack)
    except Exception as error:  # noqa: BLE001 - every failure is reported as FAIL
        took = time.monotonic() - started
        if not isinstance(error, Failed):
            traceback.print_exc()
        if stack is not None:
            for process in stack.processes:
                print(f"--- {process.log.name}\n{processes.tail(process.log, 25)}")
        print(f"FAIL  {title} ({took:.0f} s): {error}", flush=True)
        if stack is not None:
            stack.close(keep_logs=True)
            print(f"      logs kept in {stack.directory}")
        return 1
    took = time.monotonic() - started
    stack.close()
    print(f"PASS  {title} ({took:.0f} s): {details}", flush=True)
    return 0
