"""What every part of the large region uses: its volumes, calendar, tax ids and
bulk inserts, and its people and districts, made first."""

import random
import time as clock
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection
from django.utils.text import slugify
from stdnum.es import cif

from accounts.models import User
from accounts.roles import Role, sync_role_groups
from clusters.models import ClusterOrganisation
from demo.clusters.data import MUNICIPALITIES
from demo.common import at, months_later
from demo.large_region.data import (
    BATCH,
    CLUSTERS,
    FIRST_DAY,
    FIRST_NAMES,
    HOLIDAYS,
    LINKS_PER_INSERT,
    NEW_DISTRICTS,
    NOT_RURAL_NEW,
    PASSWORD_SALT,
    PREFIX,
    SEED,
    SURNAMES,
    VOLUMES,
)
from demo.people import DEMO_PASSWORD
from districts.models import District


def volumes(records=1.0):
    """The number of each kind of record at this size (at least one each)."""
    return {kind: max(1, round(n * records)) for kind, n in VOLUMES.items()}


def batches(items, size=BATCH):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def save_all(model, objects):
    """bulk_create in batches; the objects get their primary keys."""
    for batch in batches(objects):
        model.objects.bulk_create(batch, batch_size=BATCH)
    return objects


def link_pairs(model, name, pairs):
    """Insert the rows of a many-to-many field from (owner id, target id) pairs.

    Plain multi-row INSERTs: no model instance per row, which is most of the time
    bulk_create takes for 150,000 rows of two ids."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(through._meta.get_field(f).column)
        for f in (field.m2m_field_name(), field.m2m_reverse_field_name())
    )
    insert = f"INSERT INTO {quote(through._meta.db_table)} ({columns}) VALUES "  # noqa: S608
    count = 0
    with connection.cursor() as cursor:
        for batch in batches(pairs, LINKS_PER_INSERT):
            # Table and columns from the model, values as parameters (noqa above).
            sql = insert + ", ".join(["(%s, %s)"] * len(batch))
            cursor.execute(sql, [value for pair in batch for value in pair])
            count += len(batch)
    return count


def months_from(start, count):
    """The first days of count months from start's."""
    for k in range(count):
        yield date(*months_later(start.year, start.month, k), 1)


def is_working_day(day):
    return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS


def tax_id(n, letter):
    """The n-th organisation's CIF: valid, registered outside Cantabria (province
    01–09), so it never meets the demo's and the tests' (province 39)."""
    body = f"{letter}0{1 + n % 9}{(n // 9 * 7919 + 12345) % 100_000:05d}"
    digit, check_letter = cif.calc_check_digits(body)
    return body + (check_letter if letter in "KPQSNW" else digit)


def is_built():
    return ClusterOrganisation.objects.filter(acronym=CLUSTERS[0][0]).exists()


class RegionBase:
    """The region being built: its random draws, counts, people and districts."""

    def __init__(self, records=1.0, stdout=None):
        self.records = records
        self.n = volumes(records)
        self.rng = random.Random(SEED)  # noqa: S311 - demo data, not security
        self.stdout = stdout
        self.counts = {}
        self.started = clock.monotonic()

    def say(self, text):
        if self.stdout is not None:
            self.stdout.write(f"  large region [{clock.monotonic() - self.started:6.1f} s] {text}")

    # --- people and districts ---------------------------------------------------------

    def person_name(self):
        """A first name and two surnames."""
        rng = self.rng
        return rng.choice(FIRST_NAMES), f"{rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"

    def create_users(self, rows, role):
        """Create users from (username, first, last, extra fields) rows with a role."""
        users = [
            User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@region.example.org",
                password=self.password,
                date_joined=at(FIRST_DAY - timedelta(days=60), 9),
                **fields,
            )
            for username, first, last, fields in rows
        ]
        save_all(User, users)
        link_pairs(User, "groups", [(u.pk, self.groups[role]) for u in users])
        return users

    def people_and_districts(self):
        sync_role_groups()
        self.password = make_password(DEMO_PASSWORD, salt=PASSWORD_SALT)
        self.groups = dict(Group.objects.values_list("name", "pk"))
        new = save_all(
            District,
            [
                District(name=name, slug=slugify(name), is_rural=k >= NOT_RURAL_NEW)
                for k, name in enumerate(NEW_DISTRICTS)
            ],
        )
        existing = list(District.objects.filter(slug__in=MUNICIPALITIES).order_by("slug"))
        self.districts = existing + new
        self.towns = [MUNICIPALITIES.get(d.slug, [d.name]) for d in self.districts]

        def one(username, role):
            first, last = self.person_name()
            return self.create_users([(PREFIX + username, first, last, {})], role)[0]

        self.director = one("director", Role.OFFICE_STAFF)
        self.coordinator = one("coordinator", Role.NETWORK_COORDINATOR)
        self.official = one("official", Role.GOVERNMENT_OFFICIAL)
        self.evaluators = self.create_users(
            [(f"{PREFIX}evaluator-{k}", *self.person_name(), {}) for k in (1, 2, 3)], Role.EVALUATOR
        )
        self.managers = self.create_users(
            [
                (f"{PREFIX}manager-{k:02d}", *self.person_name(), {})
                for k in range(1, len(CLUSTERS) + 1)
            ],
            Role.CLUSTER_MANAGER,
        )
        self.brokers = self.create_users(
            [
                (f"{PREFIX}broker-{k:02d}", *self.person_name(), {"district": district})
                for k, district in enumerate(self.districts, start=1)
            ],
            Role.INNOVATION_BROKER,
        )
        self.say(f"{len(self.districts)} districts ({len(new)} new), {len(self.brokers)} brokers")
