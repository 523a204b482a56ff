from celery import shared_task

from brokers.call import services


@shared_task
def close_due_grant_calls():
    """Every few minutes: a published call closes by itself at its closing time."""
    return services.close_due_calls()
