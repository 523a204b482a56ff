"""What the benchmarks add to a seeded database, once (idempotent).

- A draft evaluation with its snapshot: of the large region's programme for 2025
  when the large region is there (the region has no evaluation of its own: see
  demo/large_region/), else of the demo programme for 2026 (the demo's
  2025 is approved). The monitoring pages and the annual report are then measured
  on an evaluation of the region's size.
- bench-admin, a superuser without a password, for the Django admin's change
  lists (the benchmark logs it in with force_login).

Run by benchlib.ensure_database with the database's environment.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import setup_django  # noqa: E402

ADMIN = "bench-admin"


def bench_evaluation():
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from demo.large_region import PREFIX, PROGRAMME_TITLE
    from demo.programmes import demo_programme
    from monitoring import services
    from monitoring.models import Evaluation
    from monitoring.reports import has_snapshot
    from programmes.models import Programme

    programme = Programme.objects.filter(title=PROGRAMME_TITLE).first()
    if programme is not None:
        year, director = 2025, User.objects.get(username=f"{PREFIX}director")
    else:
        programme = demo_programme()  # its year in progress
        year, director = timezone.localdate().year, User.objects.get(username="director")
    with transaction.atomic():
        evaluation = Evaluation.objects.filter(programme=programme, year=year).first()
        if evaluation is None:
            evaluation = services.start_evaluation(programme=programme, year=year, by=director)
        if not has_snapshot(evaluation):
            evaluation = services.freeze_snapshot(evaluation=evaluation, by=director)
            print(f"bench: evaluation {year} of {programme} with its snapshot")
        else:
            print(f"bench: evaluation {year} of {programme} already there")
    return evaluation


def bench_admin():
    from accounts.models import User

    user, created = User.objects.get_or_create(
        username=ADMIN, defaults={"is_staff": True, "is_superuser": True, "first_name": "Bench"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        print(f"bench: superuser {ADMIN} created")


if __name__ == "__main__":
    setup_django()
    bench_evaluation()
    bench_admin()
