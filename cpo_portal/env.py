"""Strict reading of configuration from environment variables.

A wrong value stops start-up with ImproperlyConfigured naming the variable,
instead of silently falling back to a default.
"""

import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}
DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}
BROKER_SCHEMES = {"redis", "rediss"}
STORAGE_BACKENDS = ("local", "s3")
S3_ADDRESSING_STYLES = ("auto", "path", "virtual")
# Canned ACLs that keep an object private; "none" sends no ACL at all, for
# buckets whose ACLs are disabled (the default of new AWS buckets).
S3_PRIVATE_ACLS = ("private", "bucket-owner-full-control", "none")
S3_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.\-_]{1,61}[a-z0-9]$")
FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"


class Env:
    def __init__(self, environ: Mapping[str, str] = os.environ):
        self.environ = environ

    def _raw(self, name):
        value = self.environ.get(name, "")
        return value.strip() or None

    def str(self, name, default=""):
        value = self._raw(name)
        return default if value is None else value

    def bool(self, name, default):
        value = self._raw(name)
        if value is None:
            return default
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a boolean; use one of "
            f"{sorted(TRUE_WORDS)} or {sorted(FALSE_WORDS)}."
        )

    def int(self, name, default, *, minimum=0):
        value = self._raw(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
        if number < minimum:
            raise ImproperlyConfigured(f"{name}={value!r} must be at least {minimum}.")
        return number

    def choice(self, name, choices, default):
        value = self._raw(name)
        if value is None:
            return default
        if value.lower() not in choices:
            raise ImproperlyConfigured(f"{name}={value!r} must be one of {', '.join(choices)}.")
        return value.lower()

    def list(self, name, default):
        value = self._raw(name)
        if value is None:
            return list(default)
        return [item.strip() for item in value.split(",") if item.strip()]

    def database(self, name, default):
        url = self.str(name, default)
        scheme = url.split("://", 1)[0].lower() if "://" in url else ""
        if scheme not in DATABASE_SCHEMES:
            raise ImproperlyConfigured(
                f"{name} must be a postgres:// or sqlite:// URL, not {url!r}."
            )
        try:
            config = dj_database_url.parse(url)
        except ValueError as error:
            raise ImproperlyConfigured(f"{name} could not be parsed: {error}") from None
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{name} does not name a database: {url!r}.")
        if config["ENGINE"] == "django.db.backends.postgresql":
            # Keep connections between requests, but test them first so that the
            # portal recovers by itself when PostgreSQL restarts.
            config["CONN_MAX_AGE"] = self.int("DATABASE_CONN_MAX_AGE", 60)
            config["CONN_HEALTH_CHECKS"] = True
        else:
            config["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
        return config

    def broker_url(self, name):
        url = self.str(name)
        if not url:
            return None
        scheme = url.split("://", 1)[0].lower() if "://" in url else ""
        if scheme not in BROKER_SCHEMES:
            raise ImproperlyConfigured(f"{name} must be a redis:// URL, not {url!r}.")
        return url

    def file_storage(self, name):
        """The STORAGES entry for uploaded files and generated reports.

        A folder (MEDIA_ROOT) unless `name` is "s3" or, with `name` unset,
        AWS_STORAGE_BUCKET_NAME is set: then an S3-compatible bucket through
        django-storages, private, whose files the portal's views stream after
        checking the user's right to them.
        """
        bucket = self._raw("AWS_STORAGE_BUCKET_NAME")
        backend = self.choice(name, STORAGE_BACKENDS, "s3" if bucket else "local")
        if backend == "local":
            return {"BACKEND": FILE_SYSTEM_STORAGE}
        if bucket is None:
            raise ImproperlyConfigured(f"{name}=s3 needs AWS_STORAGE_BUCKET_NAME.")
        if not S3_BUCKET_NAME.match(bucket):
            raise ImproperlyConfigured(
                f"AWS_STORAGE_BUCKET_NAME={bucket!r} is not a bucket name: 3 to 63 "
                "lower-case letters, digits, dots and hyphens."
            )
        options = {
            "bucket_name": bucket,
            "endpoint_url": self._http_url("AWS_S3_ENDPOINT_URL"),
            "region_name": self._raw("AWS_S3_REGION_NAME"),
            "location": self.str("AWS_LOCATION").strip("/"),
            # Never a public object: no public ACL, and any URL is signed and
            # short-lived (the portal's views stream files; they expose none).
            "default_acl": self.choice("AWS_DEFAULT_ACL", S3_PRIVATE_ACLS, "private"),
            "querystring_auth": True,
            "querystring_expire": self.int("AWS_QUERYSTRING_EXPIRE", 300, minimum=1),
            "custom_domain": None,
            # Like the folder: a second file with the same name gets a new name
            # instead of replacing the first.
            "file_overwrite": False,
            # Files read back (downloads, imports) larger than this spool to disk.
            "max_memory_size": 8 * 1024 * 1024,
        }
        if options["default_acl"] == "none":
            options["default_acl"] = None
        options.update(self._s3_credentials())
        options["client_config"] = self._s3_client_config()
        return {"BACKEND": S3_STORAGE, "OPTIONS": options}

    def _s3_credentials(self):
        """The bucket's access key and secret, both or neither (then the machine's
        AWS credentials are used)."""
        access_key = self._raw("AWS_ACCESS_KEY_ID")
        secret_key = self._raw("AWS_SECRET_ACCESS_KEY")
        if bool(access_key) != bool(secret_key):
            missing = "AWS_SECRET_ACCESS_KEY" if access_key else "AWS_ACCESS_KEY_ID"
            raise ImproperlyConfigured(
                f"{missing} is missing: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                "together, or neither to use the machine's AWS credentials."
            )
        return {"access_key": access_key, "secret_key": secret_key} if access_key else {}

    def _s3_client_config(self):
        style = self.choice("AWS_S3_ADDRESSING_STYLE", S3_ADDRESSING_STYLES, "auto")
        from botocore.config import Config

        # Fail fast when the object store cannot be reached, rather than hold
        # a web server's worker for minutes.
        return Config(
            s3={"addressing_style": None if style == "auto" else style},
            signature_version="s3v4",
            connect_timeout=5,
            read_timeout=60,
            retries={"max_attempts": 3, "mode": "standard"},
        )

    def _http_url(self, name):
        url = self._raw(name)
        if url is None:
            return None
        parts = urlsplit(url)
        try:
            usable = parts.scheme in ("http", "https") and parts.hostname and (parts.port or 1)
        except ValueError:  # a port that is not a number
            usable = False
        if not usable:
            raise ImproperlyConfigured(f"{name} must be an http:// or https:// URL, not {url!r}.")
        return url

    def secret_key(self, name, key_file: Path):
        """The configured key, or one generated once and kept in key_file.

        The embedded default then needs no configuration and never uses a
        key that is published in the repository.
        """
        value = self._raw(name)
        if value is not None:
            if len(value) < 50 or len(set(value)) < 5:
                raise ImproperlyConfigured(
                    f"{name} must be at least 50 characters with at least 5 different ones."
                )
            return value
        if key_file.exists():
            return key_file.read_text().strip()
        key_file.parent.mkdir(parents=True, exist_ok=True)
        # Written aside, then linked into place: processes starting together (web
        # workers, test workers) all end up with the key the first of them wrote.
        draft = key_file.with_name(f".{key_file.name}.{os.getpid()}")
        draft.write_text(secrets.token_urlsafe(64))
        draft.chmod(0o600)
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
        return key_file.read_text().strip()
