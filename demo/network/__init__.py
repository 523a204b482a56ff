"""Demo broker network: the services the ten brokers delivered, needs, offers, matches
and the bimonthly meetings (issue 6, point 8).

The network works under the grant agreements of the resolved call CINB-2024
(demo.grant_calls), which run from 1 January of the year before the year of seeding Y to
the end of Y (demo.timeline moves the story to the year of seeding): each
broker logs services from the first day of their agreement up to yesterday. So the
network has worked the whole of Y - 1, the last complete year, and the months of Y so
far, and each year holds the same story whatever the day of seeding: a year that is
over has its districts' full shares, the current one the shares in proportion to its
working days elapsed (none on 1 January). The proportion is counted on the calendar of
the story's own year (demo.timeline.REFERENCE_YEAR), so the demo seeded on the same day
of the year has the same counts in any year.

- 1,500 service records a full year, withdrawn ones included: Santander 300 and
  Besaya 270, 105 to 135 in each rural district; on working days only (weekends,
  Cantabria's holidays and each broker's summer holidays excepted), fewer in the first
  months while the brokers present themselves, in August and at Christmas; service
  types weighted (advice, contacts and calls first), 1 to 3 organisations each,
  channel, hours, outcome, follow-ups (done, overdue and upcoming), referrals to the
  university and technology centres, funding programmes, a few that led to a cluster
  membership or project. Logged the same or the next working day by the broker; 51 a
  year corrected by the broker within the 30-day window or, 6 of them, later by the
  coordinator. 15 withdrawn with a reason in Y - 1 (two of them trials of the brokers'
  first days), the others of the list in proportion in Y.
- The local organisations brokers added from the quick-log form: companies of each
  district's municipalities with a valid CIF, dated and attributed to the service
  where they first appear.
- Each district's tailoring of the service catalogue, with local notes.
- 60 industry needs, half of each district's compiled in Y - 1 and the other half in Y
  in proportion (more of them open in the last months), 21 technology offers of the
  knowledge providers presented in Y - 1, and the matches followed to their result;
  need statuses follow the rules of brokers.network.matching.
- A meeting every two months from the agreements' start (six in Y - 1), with
  attendees, agenda, minutes, needs and challenges, success stories drawn from the
  data, and the next meeting planned (agenda only).
- The Costa Occidental broker has been on leave for the last five weeks, so the
  coordinator's page shows a district without recent activity (Y counts their share
  up to the leave).

Everything derives from a fixed random seed and the day of seeding. The audit trail
reads as it happened: history rows are written with the date and person of each
change. Idempotent: once the demo brokers have a service record or the demo coordinator
a meeting, the whole part is skipped.
"""

from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from brokers.call.models import GrantAgreement
from brokers.network.models import DistrictService, NeedStatus, NetworkMeeting
from demo.grant_calls import reference
from demo.network.data import COORDINATOR
from demo.network.meetings import Meetings
from demo.network.needs import NeedsAndOffers
from demo.network.plan import Broker, NetworkPlan
from demo.network.saving import Saving
from demo.network.services import ServiceRecords


class Network(NetworkPlan, ServiceRecords, NeedsAndOffers, Saving, Meetings):
    """The demo network, planned in memory and then saved."""

    def plan_and_save(self):
        """Plan every record, then save them; the figures the summary names."""
        tailored = self.tailoring()
        self.pools(self.local_candidates())
        self.technology_offers()
        self.industry_needs()
        self.matching()
        linked = self.links()
        self.random_services()
        self.withdrawn()
        self.corrections()
        self.save_organisations()
        self.save_services()
        offers_withdrawn = self.save_offers_history()
        self.save_needs_and_matches()
        held, upcoming = self.meetings()
        return {
            "tailored": tailored,
            "linked": linked,
            "offers_withdrawn": offers_withdrawn,
            "held": held,
            "upcoming": upcoming,
        }

    def summary(self, tailored, linked, offers_withdrawn, held, upcoming):
        per_district = Counter(s.broker.slug for s in self.services)
        per_year = Counter(s.day.year for s in self.services)
        years = ", ".join(f"{n:,} in {year}" for year, n in sorted(per_year.items()))
        rural = sum(n for slug, n in per_district.items() if slug not in ("santander", "besaya"))
        withdrawn = sum(1 for s in self.services if s.withdrawn)
        first = min(s.day for s in self.services)
        last = max(s.day for s in self.services)
        open_needs = sum(1 for n in self.needs if n.instance.status == NeedStatus.OPEN)
        return (
            f"  broker network: {len(self.services):,} service records from {first} to {last} "
            f"({years}; Santander {per_district['santander']}, Besaya {per_district['besaya']}, "
            f"rural districts {rural}; {withdrawn} withdrawn; {linked} led to a membership or "
            f"project), {tailored} district service offers, {len(self.new_organisations)} local "
            f"organisations quick-added, {len(self.needs)} industry needs ({open_needs} open), "
            f"{len(self.offers)} technology offers ({offers_withdrawn} withdrawn), "
            f"{len(self.matches)} matches, {held} meetings held and the next on {upcoming}"
        )


def brokers_at_work(agreements, today):
    """The brokers of the resolved call's agreements, at work up to yesterday."""
    return [
        Broker(
            user=a.broker,
            district=a.district,
            host=a.organisation,
            start=a.start_date,
            end=min(today - timedelta(days=1), a.end_date),
        )
        for a in agreements
    ]


# --- all together ---------------------------------------------------------------------


@transaction.atomic
def seed_network(stdout):
    """Create the demo network's records unless the demo brokers or coordinator already
    have some (the large region of the benchmarks has its own people)."""
    today, now = timezone.localdate(), timezone.now()
    coordinator = User.objects.filter(username=COORDINATOR).first()
    agreements = list(
        GrantAgreement.objects.filter(call__reference=reference(), broker__isnull=False)
        .select_related("district", "broker", "organisation")
        .order_by("district__slug")
    )
    if (
        DistrictService.objects.filter(broker__in=[a.broker for a in agreements]).exists()
        or NetworkMeeting.objects.filter(created_by=coordinator).exists()
    ):
        stdout.write("  broker network: already seeded, left as they are")
        return
    brokers = brokers_at_work(agreements, today)
    if coordinator is None or not brokers:
        stdout.write("  broker network: skipped, the demo brokers and coordinator are missing")
        return
    network = Network(brokers, coordinator, today, now)
    network.calendars()
    if not network.brokers:
        stdout.write("  broker network: skipped, the brokers' agreements have not started")
        return
    stdout.write(network.summary(**network.plan_and_save()))
