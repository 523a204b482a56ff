"""Who may open which page: every named URL of the portal × every role.

Adding a URL without an entry here fails test_every_url_has_an_entry.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role

pytestmark = pytest.mark.django_db

EVERY_ROLE = frozenset(Role)
PUBLIC = "public"  # no login needed

# url name -> (reverse kwargs, who may GET it: PUBLIC or the set of roles)
ACCESS = {
    "home": ({}, EVERY_ROLE),
    "login": ({}, PUBLIC),
    "password_change": ({}, EVERY_ROLE),
    "password_reset": ({}, PUBLIC),
    "password_reset_done": ({}, PUBLIC),
    "password_reset_confirm": ({"uidb64": "MQ", "token": "bad-token"}, PUBLIC),
    "password_reset_complete": ({}, PUBLIC),
    "person_list": ({}, {Role.OFFICE_STAFF, Role.NETWORK_COORDINATOR}),
    "healthz": ({}, PUBLIC),
    "brokers:district_list": ({}, EVERY_ROLE - {Role.EVALUATOR}),
    "brokers:district_detail": ({"slug": "besaya"}, EVERY_ROLE - {Role.EVALUATOR}),
}
# POST-only endpoints, each tested in its own module.
POST_ONLY = {"logout", "set_language"}


def _named_urls(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":  # Django's own, superusers only
                continue
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_urls(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_an_entry():
    assert set(_named_urls()) == set(ACCESS) | POST_ONLY


CASES = [(name, role) for name in ACCESS for role in [*Role, None]]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r or 'anonymous'}" for n, r in CASES])
def test_access(client, people, name, role):
    kwargs, allowed = ACCESS[name]
    if role is not None:
        client.force_login(people[role])
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)

    if allowed == PUBLIC:
        # The login page sends people who are logged in on to their home page.
        expected = 302 if (name == "login" and role) else 200
        assert response.status_code == expected
    elif role is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_admin_is_for_superusers_only(client, people):
    client.force_login(people[Role.OFFICE_STAFF])
    assert client.get("/admin/").status_code == 302
    people[Role.OFFICE_STAFF].is_staff = people[Role.OFFICE_STAFF].is_superuser = True
    people[Role.OFFICE_STAFF].save()
    assert client.get("/admin/").status_code == 200
