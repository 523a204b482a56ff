"""The load test's users: people of each role on realistic journeys through the
portal, for Locust (run by bench/load.py, which serves the portal with gunicorn).

    locust -f bench/locustfile.py --headless -u 50 -r 2 -t 3m50s --host http://127.0.0.1:8765

BENCH_LOAD_DATA names a JSON file with what the users pick from (usernames,
clusters, districts, organisations, the report to download), written by
bench/load.py from the database; BENCH_LOAD_SAMPLES is where every request's
time is written at the end; BENCH_SEED makes the users' choices repeatable.

Each user logs in once (a real POST of the login form, counted apart as
"login": hashing the password is slow on purpose), fetches the site's CSS and
JavaScript once as a browser would, then repeats journeys: 3 to 10 seconds
between journeys, 1 to 3 seconds between the pages of one (reading a list before
opening one of its rows); BENCH_THINK="3,10" sets the first. 50 users then ask
for about 6 pages a second. The client stands where the TLS proxy would: it
sends X-Forwarded-Proto: https (so the portal runs exactly as in production:
secure cookies, CSRF checks of the Origin) and keeps the secure cookies on
this local plain-HTTP hop.
"""

import itertools
import json
import os
import random
import re
import time
from datetime import date
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

from locust import HttpUser, between, events, task

DATA = json.loads(Path(os.environ["BENCH_LOAD_DATA"]).read_text())
SEED = int(os.environ.get("BENCH_SEED", "8"))
THINK = [float(x) for x in os.environ.get("BENCH_THINK", "3,10").split(",")]
PASSWORD = DATA["password"]
SAMPLES = []  # (name, milliseconds, failed, seconds since start)
STARTED = time.time()
NUMBER = itertools.count()

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STATIC = re.compile(r'(?:href|src)="(/static/[^"]+)"')


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception, **kwargs):
    SAMPLES.append((name, round(response_time, 2), exception is not None, time.time() - STARTED))


@events.test_stop.add_listener
def _write(environment, **kwargs):
    path = os.environ.get("BENCH_LOAD_SAMPLES")
    if path:
        Path(path).write_text(json.dumps(SAMPLES))


def _send_secure_cookies(self, cookie, request):
    return True


# Send the portal's secure cookies over the local plain-HTTP hop: TLS ends at the
# proxy this client stands in for. (requests copies the session's cookies into a
# new jar for each request, so the policy is changed for every jar of this process.)
DefaultCookiePolicy.return_ok_secure = _send_secure_cookies


def select_options(html, name):
    """The values of a <select name=…>'s options (empty value left out)."""
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    if not match:
        return []
    return [v for v in re.findall(r'<option value="([^"]*)"', match.group(1)) if v]


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    usernames = ()

    def on_start(self):
        number = next(NUMBER)
        self.rng = random.Random(SEED * 1000 + number)  # noqa: S311 - repeatable choices
        self.username = self.usernames[number % len(self.usernames)]
        self.origin = origin = self.host.replace("http://", "https://")
        self.client.headers.update({"X-Forwarded-Proto": "https", "Origin": origin})
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF_INPUT.search(page.text).group(1)
        with self.client.post(
            "/accounts/login/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": origin + "/accounts/login/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"log-in of {self.username} answered {response.status_code}")
        home = self.get("/", "home")
        for asset in sorted(set(STATIC.findall(home.text))):
            self.client.get(asset, name="static (once per user)")

    def get(self, path, name):
        return self.client.get(path, name=name)

    def pick(self, items):
        return self.rng.choice(items)

    def pause(self):
        time.sleep(self.rng.uniform(1, 3))


class OfficeStaff(PortalUser):
    """The Office: clusters, the member directory, spending and the dashboard."""

    weight = 2
    usernames = DATA["users"]["office_staff"]

    @task(3)
    def browse_clusters(self):
        self.get("/clusters/", "cluster list")
        self.pause()
        self.get(f"/clusters/{self.pick(DATA['clusters'])}/", "cluster page")

    @task(3)
    def filter_members(self):
        self.get("/clusters/members/", "member directory")
        self.pause()
        district = self.pick(DATA["district_pks"])
        letters = self.pick(["an", "el", "ra", "in", "so", "ca"])
        self.get(f"/clusters/members/?q={letters}&district={district}", "member directory filtered")
        self.pause()
        self.get(f"/clusters/organisations/{self.pick(DATA['organisations'])}/", "organisation")

    @task(1)
    def spending(self):
        self.get(f"/programmes/spending/?page={self.rng.randint(1, 20)}", "spending list")

    @task(2)
    def dashboard(self):
        self.get(f"/monitoring/?programme={DATA['programme']}", "monitoring dashboard")


class ClusterManager(PortalUser):
    """A cluster's manager: their home, their cluster and its members."""

    weight = 2
    usernames = DATA["users"]["cluster_manager"]

    @task(2)
    def own_cluster(self):
        self.get("/", "home")
        self.pause()
        self.get(f"/clusters/{DATA['managed'][self.username]}/", "cluster page")

    @task(2)
    def members(self):
        cluster = DATA["managed_pk"][self.username]
        self.get(f"/clusters/members/?cluster={cluster}", "member directory filtered")
        self.pause()
        self.get(f"/clusters/members/?cluster={cluster}&page=2", "member directory filtered")

    @task(1)
    def activities(self):
        self.get("/clusters/activities/", "activity list")


class InnovationBroker(PortalUser):
    """A district's broker: their home, their services, and logging one."""

    weight = 4
    usernames = DATA["users"]["innovation_broker"]

    @task(3)
    def home(self):
        self.get("/", "home")

    @task(2)
    def services(self):
        listing = self.get("/brokers/services/", "service list")
        self.pause()
        found = re.findall(r'href="(/brokers/services/\d+/)"', listing.text)
        if found:
            self.get(self.pick(found), "service record")

    @task(2)
    def log_a_service(self):
        form = self.get("/brokers/services/new/", "quick-log form")
        token = CSRF_INPUT.search(form.text).group(1)
        organisations = select_options(form.text, "organisations")
        types = select_options(form.text, "service_type")
        if not organisations or not types:
            return
        self.pause()
        served = self.rng.sample(organisations, k=min(len(organisations), self.rng.randint(1, 2)))
        with self.client.post(
            "/brokers/services/new/",
            data={
                "csrfmiddlewaretoken": token,
                "service_type": self.pick(types),
                "organisations": served,
                "channel": self.pick(["visit", "meeting", "phone", "email", "event"]),
                "hours": self.pick(["0.5", "1", "1.5", "2", "3"]),
                "date": date.today().isoformat(),
                "outcome": "Load test: advice on innovation funding.",
            },
            headers={"Referer": self.origin + "/brokers/services/new/"},
            name="log a service (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"quick log answered {response.status_code}")


class Coordinator(PortalUser):
    """The network coordinator: the network page, services and needs."""

    weight = 1
    usernames = DATA["users"]["network_coordinator"]

    @task(2)
    def network(self):
        self.get("/brokers/network/", "network page")

    @task(2)
    def district_services(self):
        district = self.pick(DATA["district_slugs"])
        self.get(f"/brokers/services/?district={district}", "service list filtered")
        self.pause()
        self.get(f"/brokers/districts/{district}/", "district page")

    @task(1)
    def needs(self):
        self.get("/brokers/needs/", "need list")


class Official(PortalUser):
    """A government official: dashboards, and the evaluation report."""

    weight = 1
    usernames = DATA["users"]["government_official"]

    @task(2)
    def dashboards(self):
        self.get("/", "home")
        self.pause()
        self.get("/monitoring/", "monitoring dashboard")

    @task(1)
    def download_report(self):
        self.get("/monitoring/reports/", "report list")
        if DATA.get("report"):
            self.pause()
            self.get(f"/monitoring/reports/{DATA['report']}/download/", "report download (PDF)")
