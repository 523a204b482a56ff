"""The clusters' key results, year by year."""

from datetime import date

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from clusters.models import Membership, MembershipKind
from demo.common import at_or_now
from demo.programmes.data import CODES, EVIDENCE, RESULT_STATUSES, A, P
from demo.timeline import by_year
from programmes.models import ClusterResult, KeyResult, ResultStatus


def _members_on(cluster, day):
    return (
        Membership.objects.filter(cluster=cluster, kind=MembershipKind.FULL).active_on(day).count()
    )


def key_results(programme, clusters, managers, director, today):
    """Each cluster's key results for the years so far. Starting the programme prepared one
    row per cluster, year and result; they are filled in here."""
    existing = {
        (r.cluster_id, r.year, r.result): r
        for r in ClusterResult.objects.filter(programme=programme)
    }
    statuses = {result: by_year(table) for result, table in RESULT_STATUSES.items()}
    updated, created = [], []
    for year in range(programme.start_year, min(today.year, programme.end_year) + 1):
        closes = min(date(year, 12, 31), today)
        for position, (key, cluster) in enumerate(clusters.items()):
            before, after = (
                _members_on(cluster, date(year - 1, 12, 31)),
                _members_on(cluster, closes),
            )
            grew = after - before
            status = A if grew > 0 else P if closes == today else ResultStatus.NOT_ACHIEVED
            rows = {
                KeyResult.MEMBERSHIP: (
                    status,
                    f"Socios de pleno derecho: {before} a 31/12/{year - 1} y {after} a "
                    f"{closes:%d/%m/%Y} ({grew:+d}).",
                )
            }
            for result, table in statuses.items():
                status = CODES[table[min(year, max(table))][position]]
                evidence = EVIDENCE[result, status]
                if result == KeyResult.DEDICATED_MANAGEMENT:
                    name, since = managers[key]
                    if since > closes:
                        evidence = EVIDENCE[result, "none"]
                    evidence = evidence.format(manager=name, since=f"{since:%m/%Y}")
                rows[result] = (status, evidence)
            for result in KeyResult:
                status, evidence = rows[result]
                record = existing.get((cluster.pk, year, result)) or ClusterResult(
                    programme=programme, cluster=cluster, year=year, result=result
                )
                record.status, record.evidence = status, evidence
                record._history_date = at_or_now(closes, 17)
                (updated if record.pk else created).append(record)
    bulk_update_with_history(updated, ClusterResult, ["status", "evidence"], default_user=director)
    bulk_create_with_history(created, ClusterResult, default_user=director)
    return len(updated) + len(created)
