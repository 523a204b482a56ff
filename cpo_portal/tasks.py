from celery import shared_task
from django.db import connection


@shared_task
def ping():
    """Answer from a worker after touching the database: proves the wiring end to end."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "pong"
