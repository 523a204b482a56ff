"""Background work of the monitoring: the report renders, their sweep, and
the yearly draft report.

Tasks are acknowledged late and given back to the broker when their worker is
lost (both set globally); the report task claims its job first, so a
delivery repeated for any reason renders at most once.

The report tasks keep no result: the job's row is their outcome. Without a
result to wait for, sending one does not touch the result backend, so a
request made while Redis is down fails to send within a second (the job stays
queued for the sweep) instead of retrying the backend for twenty seconds.
"""

import logging

from celery import shared_task
from django.core.exceptions import ValidationError

from monitoring import reports

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True)
def render_evaluation_report(report_pk):
    """Render one report job. Failures are recorded on the job, not raised:
    the broker must not deliver a broken job again and again."""
    return reports.run_report(report_pk)


@shared_task(ignore_result=True)
def resend_stuck_report_jobs():
    """Every few minutes: send again the jobs that have waited too long."""
    return reports.resend_stuck_jobs()


@shared_task
def generate_annual_report():
    """Once a year, on the configured date: the previous year's draft report
    in each configured language."""
    try:
        jobs = reports.annual_reports()
    except ValidationError as error:
        logger.warning("No annual report generated: %s", " ".join(error.messages))
        return []
    return [job.pk for job in jobs]
