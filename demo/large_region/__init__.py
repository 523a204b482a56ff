"""A large region on demand, about twenty times the demo, for the benchmarks (issue 8).

`python manage.py seed_demo --scale large` seeds the regular demo first (it is
idempotent, so an existing demo is left as it is) and then ADDS this region to it:
the demo's people (director, broker, …) log in to a portal twenty times fuller.
The region's records are its own: its clusters, organisations, brokers, calls and
programme never mix with the demo's, so the demo stays exactly as it is seeded.

At records=1 (the default) the region is:

- 50 districts: the ten of the migrations and 40 more; 50 innovation brokers, one
  per district (lr-broker-01 … lr-broker-50), and the people who record the rest:
  lr-director (office staff), lr-coordinator, lr-official, lr-evaluator-1 … 3,
  lr-manager-01 … 25 (one per cluster) and an lr-applicant-NNNNN per applying
  organisation; all with the demo password, hashed once;
- 25 cluster organisations (20 clusters, 5 export consortia) with labels, networks,
  service catalogue and board; 10,000 organisations of the triple helix with valid
  CIFs; 40,000 memberships over five years (leavers, members who came back,
  provisional partners of 300 joint projects, some converted to full members); 600
  activities;
- 100,000 district service records with 1 to 3 organisations served each (about
  150,000 rows of the many-to-many), on working days, with follow-ups, referrals,
  funding programmes, a few withdrawn; 160 district service offers of the new districts;
- 1,200 industry needs, 400 technology offers, 500 matches, 30 network meetings;
- the programme 2022–2026 of the 25 clusters: 910 budget lines, 5,000 expenditures
  within them, key results; an indicator target per indicator and year;
- 3 grant calls for the 50 districts (2021, 2023, 2025, all resolved) with 400
  applications, selections, agreements with the brokers and monthly payments.

`records` (above 0, at most MAX_RECORDS) multiplies every count of records
(organisations, memberships, projects, activities, services, needs, offers, matches,
expenditures, applications) and keeps the structure (25 clusters, 50 districts and
brokers, 3 calls, 30 meetings, the programme's lines): 0.01 builds a tiny region for
the tests, 10 a region with ten times the records at equal clusters and districts.

Deterministic: one random.Random(SEED) and fixed dates. The region's five years run
from 1 November 2021 to 31 October 2026 (LAST_DAY, the anchor): nothing depends on
the day of seeding or on what the database already holds, so two builds give the same
data; region_digest() hashes it, whatever the primary keys and the database (SQLite
and PostgreSQL give the same digest). Pages that look at "today" see the region as
it was on the anchor: no service after it, provisional partners of projects that
ended since still open until end_expired_provisional_partnerships runs.

The region's records are told apart by their keys: usernames starting with "lr-",
its cluster acronyms, project acronyms "LRP-…", calls "LR-CINB-…", the programme's
title, and CIFs registered in provinces 01–09 (the demo's and the tests' are 39).

Idempotent: once the region's first cluster exists, the build is skipped. Everything
is bulk-created in one transaction, in batches saved as they are made (the service
records 5,000 at a time), keeping only ids: under 200 MB at records=1. On PostgreSQL
the tables are ANALYZEd at the end, so the benchmarks that follow get plans for their
real size. About 30 s on SQLite and 20 s on PostgreSQL on the 2-core machine, plus
the demo's 10 s.

Not generated, on purpose: the audit trail (simple_history) of the bulk-created
records (only the programme and the calls, saved one by one, have a history row) —
the region is there to measure pages, not the history of each record — and the
applications' requirement statements, reviews and scores, contact persons,
reallocations and evaluations.
"""

from django.db import connection, transaction
from django.utils import translation

from demo.large_region.base import RegionBase, is_built
from demo.large_region.data import MAX_RECORDS, PREFIX, PROGRAMME_TITLE
from demo.large_region.digest import region_digest
from demo.large_region.grant_calls import GrantCalls
from demo.large_region.network import Network
from demo.large_region.organisations import Organisations
from demo.large_region.programme import ProgrammePart

# What seed_demo and the benchmarks use.
__all__ = ["MAX_RECORDS", "PREFIX", "PROGRAMME_TITLE", "build_large_region", "region_digest"]


class LargeRegion(RegionBase, Organisations, Network, ProgrammePart, GrantCalls):
    """The large region of the benchmarks, built in one transaction."""

    def build(self):
        # Labels stored in texts are in the portal's language, whatever is active.
        with translation.override("es"):
            return self._build()

    def _build(self):
        self.people_and_districts()
        self.organisations()
        self.clusters()
        self.projects()
        self.memberships()
        self.activities()
        self.service_offers()
        self.services()
        self.needs_offers_matches()
        self.meetings()
        self.programme()
        self.grant_calls()
        return self.counts


@transaction.atomic
def build_large_region(stdout=None, records=1.0):
    """Add the large region unless it is there already; return the counts made
    (None when skipped)."""
    if is_built():
        if stdout is not None:
            stdout.write("  large region: already built, left as it is")
        return None
    counts = LargeRegion(records=records, stdout=stdout).build()
    if connection.vendor == "postgresql":
        # Statistics for the planner now, not when autovacuum comes by: the
        # benchmarks run right after.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return counts
