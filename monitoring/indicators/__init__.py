"""The computed indicators: one registered function per computation code.

Every function is called as ``function(*, year, programme)`` and returns a
``Result(actual, breakdown)``:

- ``actual`` is a Decimal, or None when the figure is undefined (a share of
  nothing: no company members, no committed grant, no budget);
- ``breakdown`` is ``{dimension: {key: value}}``: dimension names below, keys
  are codes (helix type, size class, label level, project scope, service type
  code, district slug, cluster slug, cost category, year as text), values are
  JSON-ready: counts as int, amounts as "1234.00" and percentages as "12.5"
  (strings), in display order.

Scope. The Office's indicators (measure cluster_office) count the cluster
organisations the programme supports (Programme.clusters), except
new_clusters, which counts every cluster organisation of the region founded in
the year (a new one is in no programme yet). The network's indicators (measure
broker_network) are region-wide: the network has no programme.

"Committed members" are those of clusters.eligibility: full members (not
provisional partners) whose membership is current on the day, here 31
December; a membership counts once per cluster (an organisation that belongs
to two clusters is two cluster members).

Each function reads with a fixed number of aggregate queries, whatever the
number of records (tests/monitoring/test_indicators.py checks it), on SQLite
and PostgreSQL alike.

Computations and their breakdowns (unit, direction: see the catalogue,
migration 0002_indicator_catalogue):

committed_members        committed members at year end; by_type, by_cluster
member_growth            committed members at year end minus at the previous
                         year end; totals (previous, current), by_cluster
member_growth_rate       the same in % of the previous year end; totals
sme_share                % of committed company members that are micro, small
                         or medium; by_size, totals (smes, companies)
provisional_converted    full memberships converted from a provisional
                         partnership that start in the year; by_cluster,
                         partnerships_ended (provisional partnerships ended in
                         the year, by end reason)
new_clusters             cluster organisations founded in the year; by_kind
labelled_clusters        clusters holding a valid excellence label on 31
                         December (counted once, at their highest level); by_level
clusters_in_networks     clusters that on 31 December take part in an
                         international network, have been ESCA-benchmarked or
                         have an ECCP profile; by_channel, by_network
joint_projects_started   inter-cluster, interregional and transnational
                         projects (not cancelled) that start in the year; by_scope
joint_projects_budget    their budget (EUR); by_scope
activities               activities the clusters organised in the year;
                         by_cluster, features (international, inter_cluster)
activity_attendees       attendees of those activities; by_cluster
key_results_achieved     the programme's key results of the year marked
                         achieved; by_result
budget_execution         spent / current budget (planned plus approved
                         reallocations) of the year, in %, as on the programme's
                         budget page; by_category (%), by_year (%), amounts
services_delivered       district services delivered (not withdrawn) in the
                         year; by_type, by_district, hours_by_district
organisations_reached    distinct organisations served by those services in
                         the whole network; by_district (distinct per district:
                         an organisation served in two districts counts in both)
organisations_reached_rural  the same in rural districts only; by_district, totals
rural_service_share      % of the year's services delivered in rural
                         districts; totals
needs_matched            distinct industry needs put in touch with an offer in
                         the year (a match made in the year); by_district,
                         by_result (of those matches)
matches_successful       matches whose result "contact made" or "project" was
                         recorded in the year; by_result
grants_paid_rate         broker grants paid for the months of the year against
                         those committed for them (agreements' monthly amount ×
                         their months in the year), in %; totals, committed_by_district,
                         paid_by_district

The package: registry.py (the codes and compute_all), numbers.py (year bounds and
JSON-ready figures), cluster_office.py and broker_network.py (the computations of
each measure and the reads the snapshot shares with them). Importing the package
registers every computation.
"""

from monitoring.indicators import cluster_office  # noqa: F401 - registers its computations
from monitoring.indicators.broker_network import grants_by_district
from monitoring.indicators.numbers import months_in_year, percent
from monitoring.indicators.registry import (
    COMPUTATIONS,
    Result,
    UnknownComputation,
    check_catalogue,
    computation,
    compute,
    compute_all,
    get_computation,
    unregistered_computations,
)

__all__ = [
    "COMPUTATIONS",
    "Result",
    "UnknownComputation",
    "check_catalogue",
    "computation",
    "compute",
    "compute_all",
    "get_computation",
    "grants_by_district",
    "months_in_year",
    "percent",
    "unregistered_computations",
]
