"""Columns of the CSV/XLSX downloads of the cluster lists."""

from django.utils.translation import gettext_lazy as _

from core.templatetags.portal import yes_no


def _label_names(cluster):
    return ", ".join(label.get_level_display() for label in cluster.current_labels)


CLUSTERS = {
    "filename": "cluster-organisations",
    "columns": [
        (_("Acronym"), lambda c: c.acronym),
        (_("Name"), lambda c: c.name),
        (_("Kind"), lambda c: c.get_kind_display()),
        (_("Sector"), lambda c: c.sector),
        (_("RIS3 priority area"), lambda c: c.get_ris3_priority_display()),
        (_("Development stage"), lambda c: c.get_development_stage_display()),
        (_("Committed members"), lambda c: c.committed_members),
        (_("Valid label"), _label_names),
        (_("Cluster manager"), lambda c: c.cluster_manager),
        (_("Founded"), lambda c: c.founded_on),
        (_("Website"), lambda c: c.website),
    ],
}

MEMBERS = {
    "filename": "cluster-members",
    "columns": [
        (_("Organisation"), lambda m: m.organisation.legal_name),
        (_("Tax id"), lambda m: m.organisation.tax_id),
        (_("Type"), lambda m: m.organisation.get_helix_type_display()),
        (_("Size"), lambda m: m.organisation.get_size_class_display()),
        (_("District"), lambda m: m.organisation.district),
        (_("Municipality"), lambda m: m.organisation.municipality),
        (_("Cluster organisation"), lambda m: m.cluster.acronym),
        (_("Membership"), lambda m: m.get_kind_display()),
        (_("Start"), lambda m: m.start_date),
        (_("End"), lambda m: m.end_date),
        (_("Fee"), lambda m: m.get_fee_status_display()),
        (_("Cluster project"), lambda m: m.project),
    ],
}

PROJECTS = {
    "filename": "cluster-projects",
    "columns": [
        (_("Title"), lambda p: p.title),
        (_("Acronym"), lambda p: p.acronym),
        (_("Scope"), lambda p: p.get_scope_display()),
        (_("Cluster organisations"), lambda p: ", ".join(c.acronym for c in p.clusters.all())),
        (_("Partners"), lambda p: p.partner_count),
        (_("Funding programme"), lambda p: p.get_funding_programme_display()),
        (_("Budget (EUR)"), lambda p: p.budget),
        (_("Start"), lambda p: p.start_date),
        (_("End"), lambda p: p.end_date),
        (_("Status"), lambda p: p.get_status_display()),
    ],
}

ACTIVITIES = {
    "filename": "cluster-activities",
    "columns": [
        (_("Date"), lambda a: a.date),
        (_("Title"), lambda a: a.title),
        (_("Organised by"), lambda a: a.cluster.acronym),
        (_("Service"), lambda a: a.service),
        (_("Inter-cluster"), lambda a: yes_no(a.partner_cluster_count > 0)),
        (_("International"), lambda a: yes_no(a.is_international)),
        (_("Attendees"), lambda a: a.attendees),
    ],
}
