from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from accounts.demo import DEMO_PASSWORD, DEMO_PEOPLE, seed_people
from accounts.roles import sync_role_groups
from brokers.demo import seed_grant_calls
from clusters.demo import seed_clusters
from programmes.demo import seed_programmes

DUMMY_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = (
        "Create the demo region: one user per role; the 4 cluster organisations and "
        "2 export consortia with their members, projects and activities; the first "
        "multiannual cluster programme with its budget, spending, reallocations, key results, "
        "action plan and governance; and the innovation-broker grant calls: one resolved for "
        "the 10 districts with its applications, evaluation, host organisations, agreements, "
        "broker accounts and payments, one open with the applicant's draft application, and "
        "one in draft. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (demo users have a published password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with a published password; it runs only with "
                "DJANGO_DEBUG=1 unless you pass --force."
            )
        # The demo's grant call was resolved in the past: nobody is e-mailed about it
        # (the services send their e-mails when this transaction commits).
        with override_settings(EMAIL_BACKEND=DUMMY_EMAIL), transaction.atomic():
            sync_role_groups()
            seed_people(self.stdout)
            seed_clusters(self.stdout)
            seed_programmes(self.stdout)
            seed_grant_calls(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo region ready."))
        self.stdout.write(
            f"Log in as any of {', '.join(p[0] for p in DEMO_PEOPLE)} "
            f"with the password {DEMO_PASSWORD}"
        )
