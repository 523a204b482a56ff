import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_production_settings_pass_the_deployment_checklist():
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cpo_portal.settings.base",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_responses_carry_the_security_headers(client, settings):
    response = client.get("/accounts/login/", secure=True)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp


def test_without_debug_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/accounts/login/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    proxied = client.get("/accounts/login/", headers={"x-forwarded-proto": "https"})
    assert proxied.status_code == 200
