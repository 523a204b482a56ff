from celery import shared_task

from clusters import services


@shared_task
def end_expired_provisional_partnerships():
    """Daily: provisional partners stop being members when their project ends."""
    return services.end_expired_provisional_partnerships()
