from pathlib import Path

import polib
import pytest
from django.conf import settings

from accounts.roles import Role

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"


def test_spanish_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    translated = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in po.translated_entries()
    }
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo if e.msgid}
    assert compiled == translated, "run `make messages` to compile the catalogue"


@pytest.mark.django_db
def test_spanish_is_the_default(client):
    response = client.get("/accounts/login/")
    assert response.content.decode().count('lang="es"') >= 1
    assert "Acceder al portal" in response.content.decode()


@pytest.mark.django_db
def test_anyone_can_switch_to_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "Log in to the portal" in client.get("/accounts/login/").content.decode()

    client.post("/i18n/setlang/", {"language": "es", "next": "/accounts/login/"})
    assert "Acceder al portal" in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
def test_switch_refuses_to_redirect_off_site(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_dates_follow_the_language(client_for, people):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    user = people[Role.OFFICE_STAFF]
    client = client_for(user)
    type(user).objects.filter(pk=user.pk).update(
        last_login=datetime(2026, 3, 5, 9, 30, tzinfo=ZoneInfo("Europe/Madrid"))
    )
    assert "5 de marzo de 2026" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "5 Mar 2026" in client.get("/").content.decode()  # day first, as in Spanish
