"""Demo people: one user per role, all with the same published demo password.

The applicant is tied to her organisation by demo.grant_calls, once the demo
organisations exist (seed_clusters runs after seed_people).
"""

from accounts.models import User
from accounts.roles import Role
from districts.models import District

DEMO_PASSWORD = "Cantabria-Demo-2026"  # noqa: S105 - published on purpose, demo only

# username, role, first name, last name, district slug
DEMO_PEOPLE = [
    ("director", Role.OFFICE_STAFF, "Elena", "Ruiz Sainz", None),
    ("manager", Role.CLUSTER_MANAGER, "Javier", "Gómez Díaz", None),
    ("coordinator", Role.NETWORK_COORDINATOR, "Marta", "Fernández Ortiz", None),
    ("evaluator", Role.EVALUATOR, "Luis", "Herrera Calvo", None),
    ("broker", Role.INNOVATION_BROKER, "Ana", "Bustamante Gutiérrez", "besaya"),
    ("official", Role.GOVERNMENT_OFFICIAL, "Pedro", "Sánchez Cobo", None),
    ("advisor", Role.ADVISORY_COMMITTEE, "Carmen", "Martín Revuelta", None),
    ("applicant", Role.APPLICANT, "Raquel", "Saiz Cuesta", None),
]


def seed_people(stdout):
    """Create the demo users that are missing; existing ones are left as they are."""
    districts = {d.slug: d for d in District.objects.all()}
    for username, role, first_name, last_name, district_slug in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@cpo.example.org",
                "district": districts.get(district_slug),
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(user.groups.model.objects.get(name=role.value))
            stdout.write(f"  created {username} ({role.label})")
