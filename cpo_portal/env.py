"""Strict reading of configuration from environment variables.

A wrong value stops start-up with ImproperlyConfigured naming the variable,
instead of silently falling back to a default.
"""

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}
DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}
BROKER_SCHEMES = {"redis", "rediss"}


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
        key = secrets.token_urlsafe(64)
        key_file.write_text(key)
        key_file.chmod(0o600)
        return key
