from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, DEMO_PEOPLE, seed_people
from accounts.roles import sync_role_groups
from clusters.demo import seed_clusters
from programmes.demo import seed_programmes


class Command(BaseCommand):
    help = (
        "Create the demo region: one user per role; the 4 cluster organisations and "
        "2 export consortia with their members, projects and activities; and the first "
        "multiannual cluster programme with its budget, spending, reallocations, key results, "
        "action plan and governance. Idempotent."
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
        with transaction.atomic():
            sync_role_groups()
            seed_people(self.stdout)
            seed_clusters(self.stdout)
            seed_programmes(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo region ready."))
        self.stdout.write(
            f"Log in as any of {', '.join(p[0] for p in DEMO_PEOPLE)} "
            f"with the password {DEMO_PASSWORD}"
        )
