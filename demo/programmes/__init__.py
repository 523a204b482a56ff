"""Demo programme: the strategy's first multiannual cluster programme.

The story is written as seeded in 2026 and moved whole to the year of seeding Y by
demo.timeline (2024 below reads Y - 2, 2026 reads Y): the programme runs from
2024 to 2027, so its third year is the one in progress and its last is still to come.

- Four years for the immature clusters (the 4 cluster organisations and the 2 export
  consortia), the seven cost lines of section 4.1.2 of the strategy every year, drafted
  by the Office in the autumn of 2023, returned once by the regional government, then
  approved in December 2023 and started in January 2024.
- Spending for 2024 and 2025, and for 2026 up to the day of seeding (not every category
  fully executed, one justified overspend in 2024); a reallocation approved in October
  2025 and one requested in October 2026 (on the day of seeding, if earlier) awaiting
  approval; the key results of every cluster for the years so far.
- The action plan: the strategy's Table 5 for both measures, the broker network's
  actions dated as the grant call CINB-2024 ran (published in September 2024, resolved
  in December, agreements for 24 months from 1 January 2025); the yearly monitoring,
  whose round of 2025 is done (demo.monitoring approves that evaluation, in June 2026)
  and whose round of 2026 is planned for February to June 2027; and the programme's own
  actions, each planned, in progress, done or late as the day of seeding stands against
  its planned months: one of 2025 is late on any day, the new ICT cluster's from October.
- The governance bodies with their members, their meetings up to the day of seeding and
  their decisions.

Everything derives from a fixed random seed. Workflow steps go through
programmes.services, as a person would in the portal, and are then dated when they
happened, so the status history and the audit trail read as they would have.

Idempotent: once the programme exists, seeded in whichever year, the whole part is skipped.
"""

import re

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from clusters.models import ClusterOrganisation
from demo.common import acting
from demo.programmes.actions import action_plan
from demo.programmes.approval import approved_programme
from demo.programmes.data import (
    ACRONYMS,
    ANNUAL_BUDGET,
    CLUSTER_MANAGERS,
    GIRA_MANAGER_SINCE,
    TITLE,
)
from demo.programmes.governance import governance
from demo.programmes.results import key_results
from demo.programmes.spending import spending_and_reallocations
from demo.timeline import moved
from programmes.models import Action, Programme

# --- all together ---------------------------------------------------------------------


def demo_programme():
    """The demo programme, seeded in whichever year: its title names the period of that
    year's story."""
    pattern = re.sub(r"[0-9]{4}", "[0-9]{4}", re.escape(TITLE))
    return Programme.objects.filter(title__regex=f"^{pattern}$").first()


@transaction.atomic
def seed_programmes(stdout):
    """Create the demo programme and everything around it unless it already exists."""
    if demo_programme() is not None:
        stdout.write("  programmes: already seeded, left as they are")
        return
    today = timezone.localdate()
    people = {
        u.username: u
        for u in User.objects.filter(
            username__in=["director", "official", "manager", "advisor", "coordinator"]
        )
    }
    by_acronym = {
        c.acronym: c for c in ClusterOrganisation.objects.filter(acronym__in=ACRONYMS.values())
    }
    if len(people) < 5 or len(by_acronym) < len(ACRONYMS):
        stdout.write("  programmes: skipped, the demo people or clusters are missing")
        return
    clusters = {key: by_acronym[acronym] for key, acronym in ACRONYMS.items()}
    director, official = people["director"], people["official"]

    programme, approval = approved_programme(clusters, director, official)
    spent, reallocations = spending_and_reallocations(
        programme, clusters, director, official, today
    )
    managers = {
        key: (name, start) for key, name, _role, start, end in moved(CLUSTER_MANAGERS) if not end
    }
    managers["gira"] = (people["manager"].get_full_name(), moved(GIRA_MANAGER_SINCE))
    results = key_results(programme, clusters, managers, director, today)
    actions = action_plan(people, today)
    approves = {
        "approval": approval,
        "reallocation": next((r for r in reallocations if r.decided_by_id), None),
    }
    with acting(director):
        bodies, meetings = governance(people, approves, today)
    late = Action.objects.late(today).count()
    pending = sum(1 for r in reallocations if not r.decided_by_id)
    stdout.write(
        f"  programmes: {programme.title}, {programme.years} years, {len(clusters)} clusters, "
        f"EUR {sum(ANNUAL_BUDGET.values()):,.0f} a year; {spent} expenditures, "
        f"{len(reallocations)} reallocations ({pending} awaiting approval), {results} key "
        f"results, {len(actions)} actions ({late} late), {bodies} governance bodies, "
        f"{meetings} meetings"
    )
