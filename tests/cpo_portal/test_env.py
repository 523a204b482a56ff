import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cpo_portal.env import Env


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("ON", True), ("0", False), ("off", False)]
)
def test_bool_reads_the_usual_words(raw, expected):
    assert Env({"FLAG": raw}).bool("FLAG", not expected) is expected


def test_bool_default_when_unset_or_blank():
    assert Env({}).bool("FLAG", True) is True
    assert Env({"FLAG": "  "}).bool("FLAG", False) is False


def test_bool_that_is_not_one_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG='maybe' is not a boolean"):
        Env({"DJANGO_DEBUG": "maybe"}).bool("DJANGO_DEBUG", False)


def test_int_refuses_words_and_values_below_the_minimum():
    with pytest.raises(ImproperlyConfigured, match="AXES_FAILURE_LIMIT='five'"):
        Env({"AXES_FAILURE_LIMIT": "five"}).int("AXES_FAILURE_LIMIT", 5)
    with pytest.raises(ImproperlyConfigured, match="must be at least 1"):
        Env({"AXES_FAILURE_LIMIT": "0"}).int("AXES_FAILURE_LIMIT", 5, minimum=1)


def test_list_splits_on_commas():
    env = Env({"HOSTS": "example.org, www.example.org,"})
    assert env.list("HOSTS", []) == ["example.org", "www.example.org"]
    assert Env({}).list("HOSTS", ["localhost"]) == ["localhost"]


def test_database_url_selects_postgresql_with_persistent_checked_connections():
    config = Env({"DATABASE_URL": "postgres://cpo:secret@db.example.org:5433/cpo"}).database(
        "DATABASE_URL", "sqlite:///unused.sqlite3"
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example.org", 5433, "cpo")
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["CONN_MAX_AGE"] > 0


def test_database_defaults_to_a_sqlite_file(tmp_path):
    config = Env({}).database("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")


@pytest.mark.parametrize("url", ["not a url", "mysql://root@localhost/cpo", "postgres://"])
def test_unusable_database_url_names_the_variable(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        Env({"DATABASE_URL": url}).database("DATABASE_URL", "sqlite:///x.sqlite3")


def test_broker_url_must_be_redis():
    assert Env({}).broker_url("CELERY_BROKER_URL") is None
    assert Env({"B": "redis://127.0.0.1:6379/0"}).broker_url("B") == "redis://127.0.0.1:6379/0"
    with pytest.raises(ImproperlyConfigured, match="CELERY_BROKER_URL must be a redis"):
        Env({"CELERY_BROKER_URL": "amqp://guest@localhost//"}).broker_url("CELERY_BROKER_URL")


def test_secret_key_is_generated_once_and_kept(tmp_path):
    key_file = tmp_path / "var" / "secret_key"
    first = Env({}).secret_key("DJANGO_SECRET_KEY", key_file)
    assert len(first) >= 50
    assert Env({}).secret_key("DJANGO_SECRET_KEY", key_file) == first
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_weak_secret_key_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY must be at least 50"):
        Env({"DJANGO_SECRET_KEY": "short"}).secret_key("DJANGO_SECRET_KEY", tmp_path / "k")


def _start(**variables):
    """Run `manage.py check` in a fresh process with the given environment."""
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "cpo_portal.settings.base", **variables}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "postgres//missing-colon"),
        ("DJANGO_DEBUG", "sometimes"),
        ("CELERY_BROKER_URL", "http://127.0.0.1:6379"),
    ],
)
def test_start_up_stops_with_a_message_naming_the_variable(variable, value):
    result = _start(**{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.splitlines()[-1]
