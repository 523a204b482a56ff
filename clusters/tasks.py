from celery import shared_task

from clusters.services import end_expired_provisional_memberships


@shared_task
def end_expired_provisional_partnerships():
    """Daily: provisional partners stop being members when their project ends."""
    return end_expired_provisional_memberships()
