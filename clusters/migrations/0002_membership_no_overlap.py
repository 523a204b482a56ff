from django.db import migrations

# PostgreSQL can refuse overlapping periods of the same organisation in the
# same cluster outright; SQLite cannot, and relies on the model's validation
# (Membership.overlapping) and the one-open-membership constraint.
CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE clusters_membership ADD CONSTRAINT membership_periods_do_not_overlap
EXCLUDE USING gist (
    organisation_id WITH =,
    cluster_id WITH =,
    daterange(start_date, end_date, '[]') WITH &&
);
"""
DROP = "ALTER TABLE clusters_membership DROP CONSTRAINT membership_periods_do_not_overlap;"


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def remove_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("clusters", "0001_initial")]

    operations = [migrations.RunPython(add_exclusion, remove_exclusion)]
