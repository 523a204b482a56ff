"""Hostile input to every form of every app: never a 500, never markup run back.

The forms are found, not listed: every page of the access matrix
(tests/test_access.py, which fails when a URL has no entry) is opened as every
role allowed to open it that may change something, and every <form> in it is
read; EXTRA_PAGES adds the pages whose forms show only in some state (a call
under evaluation, an import to confirm, a password reset link). Each POST form
is then submitted with hypothesis-generated values (hostile ones, or plausible
ones carrying markup, see hostile.py) by the role that saw it; each GET form
(the list filters) with hostile values in the query string; and every page
with hostile values in every query parameter the views read.

For every submission:
- no server error;
- no unescaped markup or javascript: link in the page, nor in the page a
  successful submission leads to (where the saved values are shown);
- no redirect to another site (the forms' "next" fields);
- a submission refused is shown again with a form error (when its hidden
  fields came back untouched: see _hidden_as_sent);
- a NUL character in a text field is a form error, never saved.

Each example runs in a savepoint that is rolled back, so every example starts
from the same world and examples cannot disturb each other (which is why the
examples are drawn by an inner @given per form rather than one @given over
function-scoped fixtures).
"""

import re
import time
import traceback
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings as settings_module
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.roles import Role
from tests.bad_input.hostile import (
    BAD_INPUT,
    EXAMPLES,
    TEXT_KINDS,
    UNESCAPED,
    hostile,
    submissions,
)
from tests.bad_input.html_forms import forms_of
from tests.test_access import ACCESS, POST_ONLY, PUBLIC

pytestmark = [
    pytest.mark.django_db,
    # A list that loses its order under a hostile sort parameter pages badly.
    pytest.mark.filterwarnings("error::django.core.paginator.UnorderedObjectListWarning"),
]

# The role that looks at a page first: the forms it sees are submitted as it.
ROLE_ORDER = [
    Role.OFFICE_STAFF,
    Role.NETWORK_COORDINATOR,
    Role.INNOVATION_BROKER,
    Role.GOVERNMENT_OFFICIAL,
    Role.CLUSTER_MANAGER,
    Role.EVALUATOR,
    Role.APPLICANT,
    Role.ADVISORY_COMMITTEE,
]
# Forms in the navigation of every page: submitted once, with the home page.
NAVIGATION = {"logout", "set_language"}
# What a page shows when it refuses a submission.
ERROR_MARKS = ("is-invalid", "invalid-feedback", "errorlist", "alert-danger", "alert-error")
GET_EXAMPLES = max(EXAMPLES // 2, 5)


def _group(name):
    return name.split(":")[0] if ":" in name else "accounts"


GROUPS = sorted({_group(name) for name, _variant in ACCESS})


@pytest.fixture
def bad_world(world):
    """The access matrix's world, with what the forms that depend on a state need: a
    snapshot to report from, a failed report to retry, a follow-up to close."""
    from monitoring.models import EvaluationReport, ReportStatus

    evaluation = world["approved_evaluation"]
    evaluation.snapshot = {"taken": True}
    evaluation.snapshot_taken_at = timezone.now()
    evaluation.save()
    EvaluationReport.objects.create(
        evaluation=evaluation,
        language="es",
        version=2,
        status=ReportStatus.FAILED,
        error="Boom",
        snapshot_taken_at=evaluation.snapshot_taken_at,
    )
    service = world["own_service"]
    service.follow_up_on = date.today() + timedelta(days=7)
    service.save()
    return world


# Forms that a page shows only in a state the access matrix's world does not
# have: built per group, as (URL, roles) pairs.


def _grant_pages(objects, people):
    """A call under evaluation with an application at each of the evaluator's
    steps (declaration, eligibility, scores) and the coordinator's selection; a
    resolved call with a signed and an unsigned selection (agreements, payments)."""
    from brokers.call import services
    from brokers.call.models import EligibilityCriterion, GrantCall, GrantCallStatus
    from tests.brokers.call.test_call_pages import _new_call
    from tests.brokers.call.test_grant_call_rules import (
        _apply,
        _eligible,
        _publish,
        _score,
        _to_evaluation,
    )

    coordinator, evaluator = people[Role.NETWORK_COORDINATOR], people[Role.EVALUATOR]
    calls = {}
    for reference in ("CINB-X", "CINB-Y"):
        call = calls[reference] = _new_call(coordinator, reference)
        call.evaluators.set([evaluator])
        EligibilityCriterion.objects.create(call=call, text="Sede en la comarca")
        _publish(call, coordinator)
    declaring, checking, scoring = (_apply(calls["CINB-X"]) for _step in range(3))
    signed, unsigned = _apply(calls["CINB-Y"]), _apply(calls["CINB-Y"], district="liebana")
    for call in calls.values():
        _to_evaluation(call, coordinator)
    services.declare_interest(application=checking, evaluator=evaluator, has_conflict=False)
    services.declare_interest(application=scoring, evaluator=evaluator, has_conflict=False)
    _eligible(scoring, evaluator)
    for application in (signed, unsigned):
        _eligible(application, evaluator)
        _score(application, evaluator, 8)
        services.select(application=application, by=coordinator)
    GrantCall.objects.filter(pk=calls["CINB-Y"].pk).update(status=GrantCallStatus.RESOLVED)
    services.sign_agreement(
        selection=signed.selection, start_date=date.today().replace(day=1), by=coordinator
    )
    review = [Role.EVALUATOR]
    return [
        *(
            (reverse("brokers:application_review", args=[a.pk]), review)
            for a in (declaring, checking, scoring)
        ),
        (reverse("brokers:ranking", args=[calls["CINB-X"].pk]), [Role.NETWORK_COORDINATOR]),
        (reverse("brokers:agreements", args=[calls["CINB-Y"].pk]), [Role.NETWORK_COORDINATOR]),
    ]


def _network_pages(objects, people):
    """A closed need: its page offers to reopen it."""
    url = reverse("brokers:need_detail", args=[objects["other_closed_need"].pk])
    return [(url, [Role.NETWORK_COORDINATOR])]


def _brokers_pages(objects, people):
    return [*_grant_pages(objects, people), *_network_pages(objects, people)]


def _cluster_pages(objects, people):
    """An import ready to confirm; the membership form for a chosen organisation."""
    from django.core.files.base import ContentFile

    from clusters.models import MemberImport
    from tests.factories import OrganisationFactory

    ready = MemberImport.objects.create(
        cluster=objects["own"],
        uploaded_by=people[Role.OFFICE_STAFF],
        file=ContentFile(
            b"legal_name,type,start_date\nUniversidad Nueva,university,2024-01-01\n",
            name="members.csv",
        ),
    )
    organisation = OrganisationFactory()
    office = [Role.OFFICE_STAFF]
    return [
        (reverse("clusters:member_import_preview", args=[ready.pk]), office),
        (
            reverse("clusters:membership_add", args=[objects["own"].slug])
            + f"?organisation={organisation.pk}",
            office,
        ),
    ]


def _programme_pages(objects, people):
    """The key results of the year the world's results are for."""
    url = reverse("programmes:results_edit", args=[objects["programme"].pk])
    return [(f"{url}?year=2025", [Role.OFFICE_STAFF])]


def _account_pages(objects, people):
    """A valid password reset link (it leads to the form to choose a password)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = people[Role.APPLICANT]
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return [(reverse("password_reset_confirm", args=[uidb64, token]), [None])]


EXTRA_PAGES = {
    "accounts": _account_pages,
    "brokers": _brokers_pages,
    "clusters": _cluster_pages,
    "programmes": _programme_pages,
}


@dataclass
class Found:
    """A form as one role saw it on one page."""

    page: str
    role: Role | None
    target: str  # the URL name the form is sent to
    action: str
    form: object
    # The page keeps state in the session (a password reset link): it is opened
    # again before each submission.
    refresh: bool = False


def _log_in(client, people, role):
    client.cookies.clear()  # a fresh session, without logging out through the views
    if role is not None:
        client.force_login(people[role])


def _writers():
    """The roles allowed to change something: a role that only reads (the advisory
    committee) sees no form the others do not."""
    from django.contrib.auth.models import Group

    return {
        role
        for role in Role
        if Group.objects.get(name=role.value)
        .permissions.exclude(codename__startswith="view_")
        .exists()
    }


def _pages(objects, people, group):
    """The group's pages, each with the roles that may open it, in ROLE_ORDER."""
    writers = _writers()
    for key, (kwargs, allowed, *_refused) in ACCESS.items():
        if _group(key[0]) == group:
            url = reverse(key[0], kwargs=kwargs(objects))
            roles = [r for r in ROLE_ORDER if r in allowed and r in writers] or [
                r for r in ROLE_ORDER if r in allowed
            ]
            yield url, [None] if allowed == PUBLIC else roles
    yield from EXTRA_PAGES.get(group, lambda objects, people: [])(objects, people)


def _discover(client, people, pages, group):
    """Every distinct form on the pages, each with the first role to see it."""
    found, seen = [], set()
    for url, roles in pages:
        for role in roles:
            _log_in(client, people, role)
            response = client.get(url, follow=True)
            if response.status_code != 200 or not _is_html(response):
                continue
            page = response.request["PATH_INFO"]
            if response.request.get("QUERY_STRING"):
                page += "?" + response.request["QUERY_STRING"]
            for form in forms_of(response.content.decode()):
                action = urljoin(page, form.action or page)
                try:
                    target = resolve(urlsplit(action).path).view_name
                except Resolver404:
                    continue  # another site's form (none today)
                if target in NAVIGATION and group != "accounts":
                    continue
                identity = (form.method, target, frozenset(form.fields))
                if identity not in seen:
                    seen.add(identity)
                    found.append(
                        Found(url, role, target, action, form, bool(response.redirect_chain))
                    )
    return found


def _problems(client, response, *, data=None, fields=None, method="post"):
    """What is wrong with a response to hostile input, and with the page it leads to."""
    problems = []
    if response.status_code >= 500:
        return [f"status {response.status_code}"]
    problems += _escaping(response)
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        parts = urlsplit(location)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
            return [*problems, f"redirects away to {location!r}"]
        if method == "post" and _has_nul(data, fields):
            problems.append("a NUL character in a text field was accepted")
        follow = client.get(location)
        if follow.status_code >= 500:
            problems.append(f"the page it leads to ({location}) answers {follow.status_code}")
        problems += [f"{p} in {location}" for p in _escaping(follow)]
    elif (
        method == "post"
        and response.status_code == 200
        and _is_html(response)
        and _hidden_as_sent(data, fields)
    ):
        content = response.content.decode()
        if not any(mark in content for mark in ERROR_MARKS):
            problems.append("a refused submission is shown without a form error")
    return problems


def _is_html(response):
    return "html" in response.get("Content-Type", "")


def _escaping(response):
    if not _is_html(response):
        return []
    content = response.content.decode(errors="replace")
    found = [f"unescaped {mark!r}" for mark in UNESCAPED if mark in content]
    if 'href="javascript:' in content.lower() or 'src="javascript:' in content.lower():
        found.append("a javascript: link")
    return found


def _hidden_as_sent(data, fields):
    """Whether the hidden fields went back as the page filled them in. Only then is
    a form error due: a person gets the visible fields wrong; a request whose
    hidden fields (which form, which object) were tampered with may just be ignored."""
    return all(
        data.get(name) == field.value for name, field in fields.items() if field.kind == "hidden"
    )


def _has_nul(data, fields):
    for name, value in (data or {}).items():
        field = fields.get(name)
        if field is None or field.kind not in TEXT_KINDS:
            continue
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and "\x00" in v for v in values):
            return True
    return False


def _fuzz_post(client, people, found, outcome):
    fields = found.form.fields

    @BAD_INPUT
    @given(submissions(found.form))
    def submit(submission):
        mode, data = submission
        with transaction.atomic():
            _log_in(client, people, found.role)
            if found.refresh:
                client.get(found.page, follow=True)
            response = client.post(found.action, data)
            outcome.setdefault(mode, set()).add(response.status_code)
            problems = _problems(client, response, data=data, fields=fields)
            assert not problems, f"{mode} POST to {found.action}: " + "; ".join(problems)
            transaction.set_rollback(True)

    submit()


def _fuzz_get(client, people, found, outcome):
    fields = list(found.form.fields.values())
    params = st.fixed_dictionaries({}, optional={f.name: hostile(f) for f in fields})

    @settings(BAD_INPUT, max_examples=GET_EXAMPLES)
    @given(params)
    def search(data):
        with transaction.atomic():
            _log_in(client, people, found.role)
            response = client.get(urlsplit(found.action).path, data)
            outcome.setdefault("get", set()).add(response.status_code)
            problems = _problems(client, response, method="get")
            assert not problems, f"GET {found.action}: " + "; ".join(problems)
            transaction.set_rollback(True)

    search()


# The query parameters the views read themselves (besides the filter forms):
# found in the apps' code, so a new one is tried too.
APPS = ("accounts", "brokers", "clusters", "monitoring", "programmes", "cpo_portal")
QUERY_PARAMETERS = sorted(
    {
        name
        for app in APPS
        for path in (Path(settings_module.BASE_DIR) / app).rglob("*.py")
        for name in re.findall(r"request\.GET(?:\.get)?[(\[]\"(\w+)\"", path.read_text())
    }
    | {"page", "o"}
)
# A digit int() refuses, a number no column holds, text no parameter expects.
QUERY_VALUES = ("²", "9" * 25, "\x00'\"><script>alert(1)</script>")


def _hostile_queries(client, people, pages):
    """Every page, opened with hostile values in every query parameter."""
    problems = []
    for url, roles in pages:
        for value in QUERY_VALUES:
            try:
                with transaction.atomic():
                    _log_in(client, people, roles[0])
                    query = dict.fromkeys(QUERY_PARAMETERS, value)
                    response = client.get(urlsplit(url).path, query)
                    found = _problems(client, response, method="get")
                    transaction.set_rollback(True)
            except Exception as error:  # the view raised: a 500
                found = [repr(error)]
            problems += [f"GET {url} with ?…={value!r}: {problem}" for problem in found]
    return problems


REACHED = set()  # the URL names some form was sent to, over the groups that ran
GROUPS_RUN = set()


@pytest.mark.parametrize("group", GROUPS)
def test_hostile_input_to_every_form(client, people, bad_world, group):
    started = time.monotonic()
    pages = list(_pages(bad_world, people, group))
    found = _discover(client, people, pages, group)
    report = [f"discovery: {time.monotonic() - started:.1f}s"]
    assert found, f"no form found on the pages of {group}"
    failures = []
    for item in found:
        outcome, started = {}, time.monotonic()
        fuzz = _fuzz_post if item.form.method == "post" else _fuzz_get
        try:
            fuzz(client, people, item, outcome)
        except Exception as error:  # every form is tried; the failures are listed together
            detail = "".join(traceback.format_exception_only(error))
            failures.append(f"{item.target} ({item.page} as {item.role}):\n{detail}")
        statuses = ", ".join(f"{mode} {sorted(codes)}" for mode, codes in sorted(outcome.items()))
        report.append(
            f"{item.form.method.upper():4} {item.target:40} {item.role}: {statuses}"
            f" ({time.monotonic() - started:.1f}s)"
        )
        REACHED.add(item.target)
    started = time.monotonic()
    failures += _hostile_queries(client, people, pages)
    report.append(f"hostile query strings on every page: {time.monotonic() - started:.1f}s")
    print(f"\n{group}: {len(found)} forms\n" + "\n".join(report))
    GROUPS_RUN.add(group)
    assert not failures, "\n".join(failures)


def test_every_post_only_url_is_reached_by_a_form():
    """The URLs without a page of their own are fuzzed through the forms that send to them."""
    if set(GROUPS) != GROUPS_RUN:
        pytest.skip("runs after every group of test_hostile_input_to_every_form")
    assert POST_ONLY <= REACHED, sorted(POST_ONLY - REACHED)
