from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from accounts.roles import sync_role_groups
from demo.clusters import seed_clusters
from demo.grant_calls import seed_grant_calls
from demo.large_region import MAX_RECORDS, build_large_region, region_digest
from demo.monitoring import seed_monitoring
from demo.network import seed_network
from demo.people import DEMO_PASSWORD, DEMO_PEOPLE, seed_people
from demo.programmes import seed_programmes

DUMMY_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = (
        "Create the demo region, its story told relative to the year of seeding Y (README, "
        "'The demo's timeline'): one user per role; the 4 cluster organisations and 2 export "
        "consortia with their members, projects and activities; the multiannual cluster "
        "programme from Y-2 to Y+1 with its budget, spending, reallocations, key results, "
        "action plan and governance; the innovation-broker grant calls: one resolved in Y-2 "
        "for the 10 districts with its applications, evaluation, host organisations, "
        "agreements for Y-1 and Y, broker accounts and payments, one open with the "
        "applicant's draft application, and one in draft; the broker network's services, "
        "local organisations, industry needs, technology offers, matches and bimonthly "
        "meetings since 1 January of Y-1; and the monitoring: the programme's indicator "
        "targets, the approved evaluation of Y-1 with its corrective measures and its report "
        "in Spanish (rendered when the data are committed), and the draft evaluation of Y. "
        "Idempotent. With --scale large, then adds the large region of the benchmarks (see "
        "demo/large_region/): 25 cluster organisations, 10,000 organisations, 40,000 "
        "memberships, 50 districts and brokers, 100,000 service records, 5,000 expenditures, "
        "3 grant calls with 400 applications; built once, skipped when it is there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (demo users have a published password).",
        )
        parser.add_argument(
            "--scale",
            choices=["demo", "large"],
            default="demo",
            help="demo (the default): the demo region; large: the demo region and, added to "
            "it, a region about twenty times larger for the benchmarks.",
        )
        parser.add_argument(
            "--records",
            type=float,
            default=1.0,
            help="With --scale large: multiply the large region's records (organisations, "
            "memberships, services, spending, applications…) by this factor, keeping its 25 "
            "clusters, 50 districts and brokers and 3 calls; e.g. 0.1 or 10.",
        )

    def handle(self, *args, force=False, scale="demo", records=1.0, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with a published password; it runs only with "
                "DJANGO_DEBUG=1 unless you pass --force."
            )
        if scale == "large" and not 0 < records <= MAX_RECORDS:
            raise CommandError(f"--records is a factor above 0 and at most {MAX_RECORDS}.")
        # The demo's grant call was resolved in the past: nobody is e-mailed about it
        # (the services send their e-mails when this transaction commits).
        with override_settings(EMAIL_BACKEND=DUMMY_EMAIL), transaction.atomic():
            sync_role_groups()
            seed_people(self.stdout)
            seed_clusters(self.stdout)
            seed_programmes(self.stdout)
            seed_grant_calls(self.stdout)
            seed_network(self.stdout)
            seed_monitoring(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo region ready."))
        if scale == "large":
            self._large_region(records)
        self.stdout.write(
            f"Log in as any of {', '.join(p[0] for p in DEMO_PEOPLE)} "
            f"with the password {DEMO_PASSWORD}"
        )

    def _large_region(self, records):
        # In a transaction of its own: the demo above stays if this part fails.
        if build_large_region(self.stdout, records=records) is not None:
            self.stdout.write(f"  large region: digest {region_digest()}")
            self.stdout.write(
                self.style.SUCCESS("Large region ready.")
                + " Its people (lr-director, lr-coordinator, lr-broker-01 … lr-broker-50, "
                "lr-manager-01 …) have the demo password too."
            )
