"""The programme's governance: its bodies, members and meetings."""

from demo.programmes.data import (
    ACRONYMS,
    BODIES,
    CLUSTER_MANAGERS,
    GIRA_MANAGER_SINCE,
    MEETINGS,
    MEMBERS,
)
from demo.timeline import moved
from programmes.models import Body, BodyMember, Decision, Meeting


def _board_on(day, names):
    """The Managing Board's members on a day, one a line."""
    lines = [f"{names['director']} (Directora Ejecutiva)"]
    if day >= moved(GIRA_MANAGER_SINCE):
        lines.append(f"{names['manager']} (GIRA)")
    for key, name, _role, start, end in moved(CLUSTER_MANAGERS):
        if start <= day and (end is None or day <= end):
            lines.append(f"{name} ({ACRONYMS[key]})")
    return "\n".join(lines)


def governance(people, approves, today):
    """The four bodies, their members, and their meetings up to today with their decisions."""
    names = {username: user.get_full_name() for username, user in people.items()}
    bodies = {
        kind: Body.objects.create(kind=kind, name=name, description=description)
        for kind, name, description in BODIES
    }
    for kind, name, role, organisation, start, end in moved(MEMBERS):
        BodyMember.objects.create(
            body=bodies[kind],
            name=name.format(**names),
            role=role,
            organisation=organisation,
            term_start=start,
            term_end=end,
        )
    count = 0
    for kind, day, attendees, agenda, minutes, decisions in moved(MEETINGS):
        if day > today:
            continue
        meeting = Meeting.objects.create(
            body=bodies[kind],
            date=day,
            attendees=attendees.format(**names) if attendees else _board_on(day, names),
            agenda=agenda,
            minutes=minutes,
        )
        for decision in decisions:
            text, approved = decision if isinstance(decision, tuple) else (decision, None)
            Decision.objects.create(
                meeting=meeting,
                text=text,
                transition=approves["approval"] if approved == "approval" else None,
                reallocation=approves["reallocation"] if approved == "reallocation" else None,
            )
        count += 1
    return len(bodies), count
