import re

import pytest
from django.core import mail

from accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _log_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_page_is_public_and_links_password_reset(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b'href="/accounts/password/reset/"' in response.content


def test_good_password_logs_in_and_opens_home(client):
    UserFactory(username="elena", role=Role.OFFICE_STAFF)
    response = _log_in(client, "elena", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_login_keeps_the_page_asked_for(client):
    UserFactory(username="elena", role=Role.OFFICE_STAFF)
    response = client.post(
        "/accounts/login/?next=/accounts/people/",
        {"username": "elena", "password": PASSWORD, "next": "/accounts/people/"},
    )
    assert response["Location"] == "/accounts/people/"


def test_wrong_password_shows_a_form_error(client):
    UserFactory(username="elena")
    response = _log_in(client, "elena", "wrong")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_user_name_out(client, settings):
    UserFactory(username="elena")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(client, "elena", "wrong").status_code == 200
    locked = _log_in(client, "elena", "wrong")
    assert locked.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in locked.templates]
    assert b"15" in locked.content  # the cool-off, in minutes

    # Even the right password is refused during the lockout...
    assert _log_in(client, "elena", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_name(client, settings):
    UserFactory(username="elena")
    UserFactory(username="pedro")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _log_in(client, "elena", "wrong")
    # ...but a colleague logging in from the same office is not locked out.
    assert _log_in(client, "pedro", PASSWORD).status_code == 302


def test_logout_needs_post_and_says_so(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert [str(m) for m in response.context["messages"]] == ["Se ha cerrado la sesión."]


def test_password_change_needs_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": "wrong",
            "new_password1": "Brand-New-Pass-9",
            "new_password2": "Brand-New-Pass-9",
        },
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors

    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "Brand-New-Pass-9",
            "new_password2": "Brand-New-Pass-9",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/"
    user.refresh_from_db()
    assert user.check_password("Brand-New-Pass-9")


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="elena@example.org")
    response = client.post("/accounts/password/reset/", {"email": "elena@example.org"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Brand-New-Pass-9", "new_password2": "Brand-New-Pass-9"},
    )
    assert response["Location"] == "/accounts/password/reset/done/"
    user.refresh_from_db()
    assert user.check_password("Brand-New-Pass-9")


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []
