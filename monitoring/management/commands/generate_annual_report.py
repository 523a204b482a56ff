"""python manage.py generate_annual_report --year YYYY [--language es|en]

What the yearly schedule does, from the command line and without the
workers: the year's evaluation (started and its snapshot taken if there is
none), a new version of its report in each language, rendered in this
process; prints the path of each file.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from monitoring import reports
from monitoring.models import ReportStatus


class Command(BaseCommand):
    help = "Generate the evaluation report of a year in-process and print the file's path."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            default=timezone.localdate().year - 1,
            help="The year evaluated (default: the previous year).",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The report's language (default: ANNUAL_REPORT_LANGUAGES).",
        )
        parser.add_argument(
            "--user",
            help="Username recorded as having requested the report (default: none, "
            "as for the yearly schedule).",
        )

    def handle(self, *args, year, language, user, **options):
        by = None
        if user:
            by = get_user_model().objects.filter(username=user, is_active=True).first()
            if by is None:
                raise CommandError(f"No active user {user!r}.")
        try:
            jobs = reports.annual_reports(
                year=year, languages=[language] if language else None, by=by, enqueue=False
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for job in jobs:
            if job.status == ReportStatus.RUNNING:
                raise CommandError(
                    f"Version {job.version} ({job.language}) is being rendered by a worker "
                    "right now; wait for it, or run this again later."
                )
            # A job that was queued for the workers is claimed here instead: the
            # claim lets only one of them render it.
            reports.run_report(job.pk)
            job.refresh_from_db()
            if job.status != ReportStatus.DONE:
                raise CommandError(
                    f"Version {job.version} ({job.language}) failed: {job.error or job.status}"
                )
            self.stdout.write(reports.stored_path(job))
