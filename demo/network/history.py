"""The audit trail of records created in bulk: a history row per change, dated
when it happened."""

from dataclasses import dataclass, field
from datetime import datetime

from accounts.models import User
from brokers.network.models import DistrictService, IndustryNeed, NeedOfferMatch, TechnologyOffer
from clusters.models import Organisation


def dated_fields():
    """The fields of the network's records that the demo dates itself."""
    return [
        Organisation._meta.get_field("created_at"),
        DistrictService._meta.get_field("created_at"),
        IndustryNeed._meta.get_field("created_at"),
        TechnologyOffer._meta.get_field("created_at"),
        NeedOfferMatch._meta.get_field("matched_at"),
    ]


# --- history --------------------------------------------------------------------------


@dataclass
class Event:
    """A change to a record: when, by whom, and the values its fields had before."""

    when: datetime
    user: User | None
    before: dict = field(default_factory=dict)
    reason: str | None = None


def write_history(model, records):
    """Write the history of records, each a (saved instance, events) pair whose first
    event is the creation: one row per event, with the fields as they were then."""
    historical = model.history.model
    names = {f.attname for f in historical._meta.fields}
    attnames = [f.attname for f in model._meta.concrete_fields if f.attname in names]
    rows = []
    for instance, events in records:
        events = [events[0], *sorted(events[1:], key=lambda e: e.when)]
        for k, event in enumerate(events):
            state = {}
            for later in reversed(events[k + 1 :]):  # the nearest change wins
                state.update(later.before)
            values = {a: state.get(a, getattr(instance, a)) for a in attnames}
            rows.append(
                historical(
                    **values,
                    history_date=event.when,
                    history_user_id=event.user.pk if event.user else None,
                    history_type="+" if k == 0 else "~",
                    history_change_reason=event.reason,
                )
            )
    historical.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def create_all(model, objects):
    created = model.objects.bulk_create(objects, batch_size=500)
    if created and created[0].pk is None:  # every supported database returns the ids
        raise AssertionError(f"{model.__name__}.bulk_create returned no ids")
    return created
