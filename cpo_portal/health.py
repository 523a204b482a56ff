from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return False, f"error: {error.__class__.__name__}"
    return True, "ok"


def broker_status():
    if settings.CELERY_BROKER_URL == "memory://":
        return True, "in-process"
    try:
        with Connection(
            settings.CELERY_BROKER_URL, connect_timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT
        ) as broker:
            broker.ensure_connection(max_retries=1)
    except Exception as error:  # kombu raises transport-specific errors
        return False, f"error: {error.__class__.__name__}"
    return True, "ok"


@login_not_required
@require_GET
@never_cache
def healthz(request):
    """200 when the database and the task broker answer, 503 otherwise."""
    checks = {"database": database_status(), "broker": broker_status()}
    healthy = all(ok for ok, _detail in checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {name: detail for name, (_ok, detail) in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
