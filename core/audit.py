"""The audit trail of a record, from django-simple-history, ready to show."""

from dataclasses import dataclass, field


@dataclass
class AuditEntry:
    when: object
    who: object
    action: str
    changes: list = field(default_factory=list)
    reason: str = ""


def trail_for(user, instance):
    """The audit trail of instance if the user may see audit trails, else None."""
    return audit_trail(instance) if user.has_perm("accounts.view_audit_trail") else None


def audit_trail(instance, limit=50):
    """The latest changes to instance, newest first, each with its field changes.

    One query: consecutive history rows are compared in memory instead of
    asking simple-history for each row's predecessor.
    """
    records = list(instance.history.select_related("history_user")[: limit + 1])
    return _entries(records, instance._meta, limit)


def related_trail(history_manager, limit=50, **filters):
    """The changes to several records of one model (e.g. an organisation's
    contact persons), newest first, in one query."""
    records = list(
        history_manager.filter(**filters)
        .select_related("history_user")
        .order_by("-history_date")[: limit + 1]
    )
    entries, by_record = [], {}
    for record in records:
        by_record.setdefault(record.id, []).append(record)
    for versions in by_record.values():
        entries.extend(_entries(versions, history_manager.model.instance_type._meta, limit))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]


def _entries(records, opts, limit):
    entries = []
    for position, newer in enumerate(records[:limit]):
        older = records[position + 1] if position + 1 < len(records) else None
        changes = []
        if older is not None:
            for change in newer.diff_against(older, foreign_keys_are_objs=True).changes:
                model_field = opts.get_field(change.field)
                changes.append(
                    {"field": model_field.verbose_name, "old": change.old, "new": change.new}
                )
        entries.append(
            AuditEntry(
                when=newer.history_date,
                who=newer.history_user,
                action=newer.get_history_type_display(),
                changes=changes,
                reason=newer.history_change_reason or "",
            )
        )
    return entries
