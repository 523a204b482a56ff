import os
from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthy_embedded_portal_answers_200_without_login(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "in-process"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_database_down_answers_503(client):
    with mock.patch(
        "cpo_portal.health.connection.cursor", side_effect=OperationalError("gone away")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == "error: OperationalError"


def test_broker_down_answers_503(client, settings):
    # Nothing listens on port 1: the connection is refused at once.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["broker"].startswith("error: ")


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="needs CELERY_BROKER_URL")
def test_real_broker_up_answers_200(client, settings):
    settings.CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def test_only_get_is_allowed(client):
    assert client.post("/healthz").status_code == 405
