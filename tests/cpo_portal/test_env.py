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


def test_a_key_another_process_wrote_first_is_the_one_kept(tmp_path, monkeypatch):
    key_file = tmp_path / "secret_key"
    link = os.link

    def beaten_to_it(source, target):
        key_file.write_text("k" * 40 + "theirs-0123456789")  # the other process, first
        link(source, target)

    monkeypatch.setattr(os, "link", beaten_to_it)
    assert Env({}).secret_key("DJANGO_SECRET_KEY", key_file) == "k" * 40 + "theirs-0123456789"
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no draft left behind


def test_weak_secret_key_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY must be at least 50"):
        Env({"DJANGO_SECRET_KEY": "short"}).secret_key("DJANGO_SECRET_KEY", tmp_path / "k")


S3 = {"AWS_STORAGE_BUCKET_NAME": "cpo-files"}


def test_file_storage_is_the_media_folder_unless_a_bucket_is_configured():
    assert Env({}).file_storage("DJANGO_STORAGE_BACKEND")["BACKEND"].endswith("FileSystemStorage")
    assert Env(S3).file_storage("DJANGO_STORAGE_BACKEND")["BACKEND"].endswith("S3Storage")
    local = Env({**S3, "DJANGO_STORAGE_BACKEND": "local"})
    assert local.file_storage("DJANGO_STORAGE_BACKEND")["BACKEND"].endswith("FileSystemStorage")


def test_s3_storage_is_private_and_keeps_both_files_of_one_name():
    options = Env(
        {
            **S3,
            "DJANGO_STORAGE_BACKEND": "S3",
            "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
            "AWS_S3_REGION_NAME": "eu-south-2",
            "AWS_ACCESS_KEY_ID": "key",
            "AWS_SECRET_ACCESS_KEY": "secret",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_LOCATION": "/portal/",
        }
    ).file_storage("DJANGO_STORAGE_BACKEND")["OPTIONS"]
    assert options["bucket_name"] == "cpo-files"
    assert options["endpoint_url"] == "https://objects.example.org"
    assert options["region_name"] == "eu-south-2"
    assert (options["access_key"], options["secret_key"]) == ("key", "secret")
    assert options["location"] == "portal"
    assert options["client_config"].s3 == {"addressing_style": "path"}
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True and options["custom_domain"] is None
    assert options["file_overwrite"] is False


def test_s3_storage_without_keys_uses_the_machine_credentials_and_may_send_no_acl():
    options = Env({**S3, "AWS_DEFAULT_ACL": "none"}).file_storage("DJANGO_STORAGE_BACKEND")[
        "OPTIONS"
    ]
    assert "access_key" not in options and "secret_key" not in options
    assert options["default_acl"] is None


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"DJANGO_STORAGE_BACKEND": "gcs"}, "DJANGO_STORAGE_BACKEND='gcs' must be one of"),
        ({"DJANGO_STORAGE_BACKEND": "s3"}, "DJANGO_STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET"),
        ({"AWS_STORAGE_BUCKET_NAME": "My Bucket"}, "AWS_STORAGE_BUCKET_NAME='My Bucket'"),
        ({**S3, "AWS_S3_ENDPOINT_URL": "minio:9000"}, "AWS_S3_ENDPOINT_URL must be an http"),
        ({**S3, "AWS_S3_ENDPOINT_URL": "http://minio:port"}, "AWS_S3_ENDPOINT_URL"),
        ({**S3, "AWS_ACCESS_KEY_ID": "key"}, "AWS_SECRET_ACCESS_KEY is missing"),
        ({**S3, "AWS_SECRET_ACCESS_KEY": "secret"}, "AWS_ACCESS_KEY_ID is missing"),
        ({**S3, "AWS_DEFAULT_ACL": "public-read"}, "AWS_DEFAULT_ACL='public-read'"),
        ({**S3, "AWS_S3_ADDRESSING_STYLE": "dns"}, "AWS_S3_ADDRESSING_STYLE='dns'"),
        ({**S3, "AWS_QUERYSTRING_EXPIRE": "soon"}, "AWS_QUERYSTRING_EXPIRE='soon'"),
    ],
)
def test_unusable_storage_settings_name_the_variable(variables, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        Env(variables).file_storage("DJANGO_STORAGE_BACKEND")


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
        ("DJANGO_STORAGE_BACKEND", "gcs"),
    ],
)
def test_start_up_stops_with_a_message_naming_the_variable(variable, value):
    result = _start(**{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.splitlines()[-1]
