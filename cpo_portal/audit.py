"""The audit trail of a record, from django-simple-history, ready to show."""

from dataclasses import dataclass, field


@dataclass
class AuditEntry:
    when: object
    who: object
    action: str
    changes: list = field(default_factory=list)


def audit_trail(instance, limit=50):
    """The latest changes to instance, newest first, each with its field changes.

    One query: consecutive history rows are compared in memory instead of
    asking simple-history for each row's predecessor.
    """
    records = list(instance.history.select_related("history_user")[: limit + 1])
    entries = []
    for position, newer in enumerate(records[:limit]):
        older = records[position + 1] if position + 1 < len(records) else None
        changes = []
        if older is not None:
            for change in newer.diff_against(older, foreign_keys_are_objs=True).changes:
                model_field = instance._meta.get_field(change.field)
                changes.append(
                    {"field": model_field.verbose_name, "old": change.old, "new": change.new}
                )
        entries.append(
            AuditEntry(
                when=newer.history_date,
                who=newer.history_user,
                action=newer.get_history_type_display(),
                changes=changes,
            )
        )
    return entries
