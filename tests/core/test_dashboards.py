"""The figures of the network page and the monitoring dashboard, computed once
for every reader for DASHBOARD_CACHE_SECONDS (off in the other tests): fewer
queries within that time, the same figures, new data once it has passed, one
copy per year, programme and (for text) language, and the time they were
computed on the page."""

import time
from datetime import date
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy

from accounts.roles import Role
from core.dashboards import cached_figures, figures_key
from tests.brokers.network.network_world import log
from tests.monitoring.evaluating import (
    MEMBERS,
    YEAR,
    add_members,
    client_for,
    evaluated_programme,
    set_target,
)

NETWORK = "/brokers/network/"
DASHBOARD = "/monitoring/"


@pytest.fixture
def cached(settings):
    settings.DASHBOARD_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def later(seconds):
    """The local-memory cache's clock moved `seconds` on."""
    now = time.time()
    return mock.patch(
        "django.core.cache.backends.locmem.time", SimpleNamespace(time=lambda: now + seconds)
    )


def main(response):
    """The page's own content (the language form around it has a new CSRF token)."""
    return response.content.decode().split('<main id="main"')[1].split("</main>")[0]


def queries(client, url, **params):
    language = params.pop("language", "es")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response, len(captured)


# The helper


def test_without_a_duration_the_figures_are_computed_every_time(settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    calls = []
    first = cached_figures("test", key=(1,), compute=lambda: calls.append(1) or len(calls))
    second = cached_figures("test", key=(1,), compute=lambda: calls.append(1) or len(calls))
    assert (first.value, second.value, first.max_age) == (1, 2, 0)


def test_within_the_duration_the_first_figures_are_returned(cached):
    calls = []
    first = cached_figures("test", key=(1,), compute=lambda: calls.append(1) or len(calls))
    second = cached_figures("test", key=(1,), compute=lambda: calls.append(1) or len(calls))
    assert (first.value, second.value) == (1, 1)
    assert first.computed_at == second.computed_at <= timezone.now()
    assert (second.max_age, second.refresh_minutes) == (60, 1)
    with later(61):
        assert cached_figures("test", key=(1,), compute=lambda: "new").value == "new"


def test_the_key_names_the_figures_their_parameters_and_the_language():
    with translation.override("es"):
        spanish = figures_key("network", key=(2024,))
        assert figures_key("network", key=(2025,)) != spanish
        assert figures_key("monitoring", key=(2024,)) != spanish
        shared = figures_key("network", key=(2024,), by_language=False)
    with translation.override("en"):
        assert figures_key("network", key=(2024,)) != spanish
        assert figures_key("network", key=(2024,), by_language=False) == shared


def test_lazy_text_is_kept_as_the_text_of_the_language(cached):
    def compute():
        return {
            "label": gettext_lazy("Services"),
            "list": get_text_list(["A", "B"], gettext_lazy("and")),
        }

    with translation.override("es"):
        cached_figures("test", key=(), compute=compute)
        again = cached_figures("test", key=(), compute=compute).value
    assert again == {"label": "Servicios", "list": "A y B"}
    assert all(type(text) is str for text in again.values())


# The network page


def test_the_network_figures_are_computed_once_within_the_duration(client_for, people, cached):
    client = client_for(people[Role.NETWORK_COORDINATOR])
    log("besaya", date(2024, 3, 1))
    first, _n = queries(client, NETWORK, year=2024)
    # session, user, the user's own and group permissions (navigation): none of
    # the figures' nine queries (years, districts and their brokers, services,
    # organisations, overdue follow-ups).
    with CaptureQueriesContext(connection) as captured:
        second = client.get(NETWORK, {"year": 2024})
    assert len(captured) == 4, [q["sql"] for q in captured]
    assert second.context["figures"].computed_at == first.context["figures"].computed_at
    assert second.context["subtotals"][2].services == 1
    assert main(second) == main(first)

    log("besaya", date(2024, 4, 1))
    assert client.get(NETWORK, {"year": 2024}).context["subtotals"][2].services == 1
    with later(61):
        renewed = client.get(NETWORK, {"year": 2024})
    assert renewed.context["subtotals"][2].services == 2
    # The rendered figures too are those of the new computation.
    totals = [main(r).split('id="totals-title"')[1] for r in (first, renewed)]
    assert totals[0] != totals[1]
    assert renewed.context["figures"].computed_at > first.context["figures"].computed_at


def test_each_year_and_language_has_its_network_figures(client_for, people, cached):
    client = client_for(people[Role.NETWORK_COORDINATOR])
    _response, computed = queries(client, NETWORK, year=2024)
    assert queries(client, NETWORK, year=2024)[1] < computed
    assert queries(client, NETWORK, year=2023)[1] == computed
    english, n = queries(client, NETWORK, year=2024, language="en")
    assert n == computed
    assert str(english.context["subtotals"][2].label) == "Whole network"
    assert str(queries(client, NETWORK, year=2024)[0].context["subtotals"][2].label) != (
        "Whole network"
    )


def test_the_network_page_says_when_its_figures_were_computed(client_for, people, cached):
    client = client_for(people[Role.NETWORK_COORDINATOR])
    response = client.get(NETWORK, HTTP_ACCEPT_LANGUAGE="en")
    computed_at = timezone.localtime(response.context["figures"].computed_at)
    with translation.override("en"):
        when = date_format(computed_at, "SHORT_DATETIME_FORMAT")
    assert (
        f'<p class="small text-body-secondary" id="figures-as-of">Figures as of {when}; '
        "they are recomputed every minute.</p>"
    ) in response.content.decode()


def test_the_time_reads_in_the_readers_language(client_for, people, cached):
    response = client_for(people[Role.NETWORK_COORDINATOR]).get(NETWORK)  # Spanish by default
    computed_at = timezone.localtime(response.context["figures"].computed_at)
    with translation.override("es"):
        when = date_format(computed_at, "SHORT_DATETIME_FORMAT")
    sentence = response.content.decode().split('id="figures-as-of">')[1].split("</p>")[0]
    assert when in sentence


# The monitoring dashboard


@pytest.fixture
def programme():
    programme = evaluated_programme()
    set_target(programme, MEMBERS, 10, baseline=2)
    return programme


def _actual(response, code):
    for _label, rows in response.context["groups"]:
        for row in rows:
            if row.indicator.code == code:
                return row.actual
    raise AssertionError(code)


def test_the_indicators_are_computed_once_within_the_duration(people, programme, cached):
    official = client_for(people[Role.GOVERNMENT_OFFICIAL])
    first, computed = queries(official, DASHBOARD, programme=programme.pk, year=YEAR)
    # session, user, the user's own and group permissions, the programmes, the
    # active indicators, the year's targets, the programme's evaluations: none
    # of compute_all's aggregate queries.
    with CaptureQueriesContext(connection) as captured:
        second = official.get(DASHBOARD, {"programme": programme.pk, "year": YEAR})
    assert len(captured) == 8 < computed, [q["sql"] for q in captured]
    assert _actual(second, MEMBERS) == _actual(first, MEMBERS) == 3
    assert second.context["figures"].computed_at == first.context["figures"].computed_at

    add_members(programme, 6)
    assert _actual(official.get(DASHBOARD, {"year": YEAR}), MEMBERS) == 3
    with later(61):
        assert _actual(official.get(DASHBOARD, {"year": YEAR}), MEMBERS) == 9
    cache.clear()
    add_members(programme, 1)
    assert _actual(official.get(DASHBOARD, {"year": YEAR}), MEMBERS) == 10


def test_each_programme_and_year_has_its_indicators_shared_by_the_languages(
    people, programme, cached
):
    official = client_for(people[Role.GOVERNMENT_OFFICIAL])
    other = evaluated_programme(title="Otro programa", members=1)
    _response, computed = queries(official, DASHBOARD, programme=programme.pk, year=YEAR)
    hit = queries(official, DASHBOARD, programme=programme.pk, year=YEAR)[1]
    assert queries(official, DASHBOARD, programme=programme.pk, year=YEAR - 1)[1] > hit
    response, n = queries(official, DASHBOARD, programme=other.pk, year=YEAR)
    assert n > hit
    assert _actual(response, MEMBERS) == 1
    # Numbers and codes only: the Spanish reader gets the English reader's copy.
    assert queries(official, DASHBOARD, programme=programme.pk, year=YEAR, language="es")[1] == hit


def test_the_dashboard_says_when_its_figures_were_computed(people, programme, cached):
    response = client_for(people[Role.GOVERNMENT_OFFICIAL]).get(DASHBOARD, {"year": YEAR})
    computed_at = timezone.localtime(response.context["figures"].computed_at)
    with translation.override("en"):
        when = date_format(computed_at, "SHORT_DATETIME_FORMAT")
    assert (
        f'<span id="figures-as-of">Figures as of {when}; they are recomputed every minute.</span>'
    ) in response.content.decode()
