"""Real servers and processes for the fault scenarios.

A Redis or PostgreSQL server of their own, on a free port in a temporary
folder, so that stopping or restarting it disturbs nobody else's (CI and
other runs share the servers on the standard ports); Celery workers and
gunicorn started with tests/integration/process_settings.py, which a
scenario kills, restarts and watches.

Used by tests/integration/test_faults.py and the bench/faults scripts.
"""

import contextlib
import glob
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PROCESS_SETTINGS = "tests.integration.process_settings"
RENDER_TASK = "monitoring.tasks.render_evaluation_report"
SWEEP_TASK = "monitoring.tasks.resend_stuck_report_jobs"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout, *, what, interval=0.1):
    """predicate's first true value, within timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout} s")
        time.sleep(interval)


def tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# ---------------------------------------------------------------------------
# Servers of our own
# ---------------------------------------------------------------------------


class RedisServer:
    """A redis-server in memory only (like CI's), on a free port."""

    def __init__(self, directory, port=None):
        self.directory = Path(directory)
        self.port = port or free_port()
        self.log = self.directory / f"redis-{self.port}.log"
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    @staticmethod
    def available():
        return shutil.which("redis-server") is not None

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    shutil.which("redis-server"),
                    "--bind", "127.0.0.1",
                    "--port", str(self.port),
                    "--save", "",
                    "--appendonly", "no",
                    "--dir", str(self.directory),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_until(self.answers, 10, what=f"redis-server on port {self.port}")
        return self

    def stop(self):
        """Down, like a crash: nothing is saved, its queues are gone."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


def _postgres_bindir():
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresServer:
    """A PostgreSQL cluster in a temporary folder, on a free port, trusting
    local connections; run by the postgres user when we are root (initdb
    refuses root)."""

    def __init__(self, port=None, directory=None):
        """A new cluster; or, with its port and folder, one already running."""
        self.bindir = _postgres_bindir()
        self.port = port or free_port()
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if directory is None:
            directory = tempfile.mkdtemp(prefix="cpo-faults-pg-")
            if self._as:
                shutil.chown(directory, "postgres")
        self.directory = Path(directory)
        self.data = self.directory / "data"
        self.log = self.directory / "postgresql.log"

    @staticmethod
    def available():
        bindir = _postgres_bindir()
        return bool(bindir and (bindir / "pg_ctl").exists())

    def _run(self, *command):
        subprocess.run([*self._as, *command], check=True, capture_output=True)  # noqa: S603

    def init(self):
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data),
            "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8",
        )  # fmt: skip
        return self

    def _pg_ctl(self, *args):
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.log), "-w", "-t", "60", *args,
        )  # fmt: skip

    def start(self):
        self._pg_ctl("start")
        return self

    def stop(self, mode="fast"):
        self._pg_ctl("stop", "-m", mode)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def sql(self, statement):
        self._run(
            str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port),
            "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", statement,
        )  # fmt: skip

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


# ---------------------------------------------------------------------------
# The portal's processes
# ---------------------------------------------------------------------------


def process_env(*, database_url, broker_url, media_root, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": PROCESS_SETTINGS,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": broker_url,
        "DJANGO_MEDIA_ROOT": str(media_root),
        "PYTHONUNBUFFERED": "1",
        **{name: str(value) for name, value in extra.items()},
    }


class Process:
    """A process in a session of its own, so that it and its children die together."""

    def __init__(self, command, env, log):
        self.command, self.env, self.log = command, env, Path(log)
        self.process = None
        self._log_offset = 0

    @property
    def pid(self):
        return self.process.pid

    def start(self):
        self._log_offset = self.log.stat().st_size if self.log.exists() else 0
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                self.command,
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def output(self):
        """What it logged since it was last started."""
        try:
            with open(self.log, "rb") as log:
                log.seek(self._log_offset)
                return log.read().decode(errors="replace")
        except OSError:
            return ""

    def children(self):
        try:
            text = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text()
        except OSError:
            return []
        return [int(pid) for pid in text.split()]

    def running(self):
        return self.process is not None and self.process.poll() is None

    def kill(self):
        """SIGKILL to it and every process of its session."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self, timeout=30):
        if not self.running():
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()


class Worker(Process):
    """`celery worker` with the prefork pool (as deployed), one pool process."""

    def __init__(self, env, log, *, name, concurrency=1):
        super().__init__(
            [
                sys.executable, "-m", "celery", "-A", "cpo_portal", "worker",
                "--pool", "prefork", "--concurrency", str(concurrency),
                "--loglevel", "INFO", "--hostname", f"{name}@%h",
                "--without-mingle", "--without-gossip",
            ],
            env,
            log,
        )  # fmt: skip

    def start(self, timeout=60):
        super().start()
        try:
            wait_until(
                lambda: " ready." in self.output() or not self.running(),
                timeout,
                what="the Celery worker",
            )
        except TimeoutError:
            self.kill()
            raise
        if not self.running():
            raise RuntimeError(f"the Celery worker stopped:\n{tail(self.log)}")
        return self

    def pool_process(self, timeout=10):
        return wait_until(lambda: (self.children() or [None])[0], timeout, what="a pool process")


class WebServer(Process):
    """gunicorn serving the portal on a free port."""

    def __init__(self, env, log, *, workers=2, threads=1, port=None):
        self.port = port or free_port()
        super().__init__(
            [
                sys.executable, "-m", "gunicorn", "cpo_portal.wsgi",
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
                "--threads", str(threads), "--timeout", "60",
            ],
            env,
            log,
        )  # fmt: skip

    def start(self, timeout=60):
        super().start()
        wait_until(
            lambda: self.get("/healthz")[0] == 200 or not self.running(),
            timeout,
            what="gunicorn",
            interval=0.3,
        )
        if not self.running():
            raise RuntimeError(f"gunicorn stopped:\n{tail(self.log)}")
        return self

    def request(self, method, path, *, body=None, headers=None, timeout=30):
        """(status, headers, body); status 0 when no answer came."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        except (OSError, http.client.HTTPException):
            return 0, {}, b""
        finally:
            conn.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)


class Browser:
    """A logged-in visitor of a WebServer: the session a test client created
    in the database, and a CSRF secret of our own for the forms."""

    CSRF = "faultscenariocsrfsecret000000000"  # 32 characters: a CSRF secret

    def __init__(self, server, session_key):
        self.server = server
        self.cookie = f"sessionid={session_key}; csrftoken={self.CSRF}"

    def get(self, path, **kwargs):
        return self.server.get(path, headers={"Cookie": self.cookie}, **kwargs)

    def post(self, path, data, **kwargs):
        from urllib.parse import urlencode

        body = urlencode({**data, "csrfmiddlewaretoken": self.CSRF})
        headers = {
            "Cookie": self.cookie,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        return self.server.request("POST", path, body=body, headers=headers, **kwargs)


class Sender:
    """Sends tasks to one broker, as the web servers send report jobs and beat
    the sweep. The connection is explicit: Celery prefers the environment's
    CELERY_BROKER_URL to any other setting, and the test process's may point
    at the shared Redis."""

    def __init__(self, broker_url):
        from celery import Celery

        self.url = broker_url
        self.app = Celery("cpo-faults", set_as_current=False)

    def send(self, task, *args):
        with self.app.connection_for_write(self.url) as connection:
            self.app.send_task(task, args=list(args), connection=connection, ignore_result=True)

    def close(self):
        self.app.close()
