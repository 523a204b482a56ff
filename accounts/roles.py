"""The portal's roles: each is a group whose permissions say what it may use.

Later parts of the portal add their permissions here; the groups are brought
in line after every migrate (see AccountsConfig.ready).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE_STAFF = "office_staff", _("Office staff")
    CLUSTER_MANAGER = "cluster_manager", _("Cluster manager")
    NETWORK_COORDINATOR = "network_coordinator", _("Network coordinator")
    EVALUATOR = "evaluator", _("Evaluator")
    INNOVATION_BROKER = "innovation_broker", _("Innovation broker")
    GOVERNMENT_OFFICIAL = "government_official", _("Government official")
    ADVISORY_COMMITTEE = "advisory_committee", _("Advisory committee")
    APPLICANT = "applicant", _("Grant applicant")


CLUSTER_MODELS = [
    "organisation",
    "clusterorganisation",
    "clusterlabel",
    "boardmember",
    "networkparticipation",
    "clusterservice",
    "clusterproject",
    "membership",
    "activity",
    "memberimport",
]


def _perms(app, actions, models):
    return {f"{app}.{action}_{model}" for action in actions for model in models}


PROGRAMME_MODELS = [
    "programme",
    "programmetransition",
    "budgetline",
    "reallocation",
    "clusterresult",
    "action",
    "body",
    "bodymember",
    "meeting",
    "decision",
]
# A broker sees the action plan and governance, nothing of budgets or spending.
BROKER_VISIBLE_PROGRAMME_MODELS = ["action", "body", "bodymember", "meeting", "decision"]
PROGRAMME_READER = _perms("programmes", ["view"], [*PROGRAMME_MODELS, "expenditure"])

GRANT_MODELS = [
    "grantcall",
    "grantcalltransition",
    "eligibilitycriterion",
    "evaluationcriterion",
    "application",
    "eligibilitycheck",
    "review",
    "score",
    "selection",
    "grantagreement",
    "payment",
]
# Who reads the grant calls as a whole; evaluators and applicants see only
# their own calls and applications (checked on the object).
GRANT_READER = _perms("brokers", ["view"], GRANT_MODELS)

NETWORK_MODELS = [
    "servicetype",
    "districtserviceoffer",
    "districtservice",
    "industryneed",
    "technologyoffer",
    "needoffermatch",
    "networkmeeting",
]
# Who reads the whole broker network's services, needs, offers and meetings.
NETWORK_READER = {"brokers.view_network", *_perms("brokers", ["view"], NETWORK_MODELS)}
# A broker writes their own district's services and needs (checked on the
# object, brokers/access.py), offers and matches, and reads the rest.
BROKER_NETWORK = {
    *_perms("brokers", ["view"], NETWORK_MODELS),
    *_perms(
        "brokers",
        ["add", "change"],
        ["districtservice", "industryneed", "technologyoffer", "needoffermatch"],
    ),
}

MONITORING_MODELS = [
    "indicator",
    "indicatortarget",
    "evaluation",
    "evaluationtransition",
    "indicatorvalue",
    "finding",
    "correctivemeasure",
    "evaluationreport",
]
# Who reads the monitoring and downloads the evaluation reports; brokers,
# evaluators and applicants do not.
MONITORING_READER = {
    *_perms("monitoring", ["view"], MONITORING_MODELS),
    "monitoring.download_evaluationreport",
}
# The Office and the coordinator evaluate: they enter values, findings and
# corrective measures, and request reports (officials request them too).
EVALUATOR_OF_MEASURES = _perms(
    "monitoring",
    ["add", "change"],
    ["indicatorvalue", "finding", "correctivemeasure", "evaluationreport"],
)

# Cluster data is read by every role but evaluators; a cluster manager's
# right to change their own cluster is checked on the object (clusters/access.py).
CLUSTER_READER = {"districts.view_district", *_perms("clusters", ["view"], CLUSTER_MODELS)}

# Evaluators see only the grant calls they are assigned to, hence nothing here.
ROLE_PERMISSIONS = {
    Role.OFFICE_STAFF: {
        *CLUSTER_READER,
        *_perms("clusters", ["add", "change", "delete"], CLUSTER_MODELS),
        *_perms("clusters", ["view", "add", "change"], ["contactperson"]),
        "clusters.erase_contactperson",
        *PROGRAMME_READER,
        # Transitions and reallocation decisions happen only through their
        # services, never as plain edits.
        *_perms(
            "programmes",
            ["add", "change"],
            [m for m in PROGRAMME_MODELS if m not in ("programmetransition", "reallocation")]
            + ["expenditure"],
        ),
        "programmes.add_reallocation",
        "programmes.submit_programme",
        *GRANT_READER,
        *NETWORK_READER,
        *MONITORING_READER,
        *EVALUATOR_OF_MEASURES,
        *_perms("monitoring", ["add", "change"], ["indicator", "indicatortarget", "evaluation"]),
        "monitoring.submit_evaluation",
        # The region's and the Office's names and emblem on the reports' covers.
        "monitoring.change_publisheridentity",
        "accounts.view_user",
        "accounts.view_audit_trail",
    },
    Role.CLUSTER_MANAGER: {*CLUSTER_READER, *PROGRAMME_READER, *MONITORING_READER},
    Role.NETWORK_COORDINATOR: {
        *CLUSTER_READER,
        *PROGRAMME_READER,
        *GRANT_READER,
        *_perms("brokers", ["add", "change"], GRANT_MODELS),
        "brokers.manage_grantcall",
        *NETWORK_READER,
        *_perms("brokers", ["add", "change"], NETWORK_MODELS),
        "brokers.coordinate_network",
        *MONITORING_READER,
        *EVALUATOR_OF_MEASURES,
        "accounts.view_user",
    },
    Role.EVALUATOR: {"brokers.add_eligibilitycheck", "brokers.add_review"},
    Role.APPLICANT: {"brokers.add_application"},
    Role.INNOVATION_BROKER: {
        *CLUSTER_READER,
        *_perms("programmes", ["view"], BROKER_VISIBLE_PROGRAMME_MODELS),
        *BROKER_NETWORK,
    },
    Role.GOVERNMENT_OFFICIAL: {
        *CLUSTER_READER,
        *PROGRAMME_READER,
        *GRANT_READER,
        *NETWORK_READER,
        *MONITORING_READER,
        "programmes.approve_programme",
        "monitoring.approve_evaluation",
        # Officials ask for an evaluation's report in either language (and
        # again, when one failed); they enter nothing in it.
        "monitoring.add_evaluationreport",
    },
    Role.ADVISORY_COMMITTEE: {
        *CLUSTER_READER,
        *PROGRAMME_READER,
        *NETWORK_READER,
        *MONITORING_READER,
    },
}


def sync_role_groups():
    """Create a group per role and give it exactly the role's permissions.

    Permissions whose app is not migrated yet are skipped; the next call
    (there is one after each app's migrations) adds them.
    """
    from django.contrib.auth.models import Group, Permission

    wanted = {perm for perms in ROLE_PERMISSIONS.values() for perm in perms}
    available = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={perm.split(".", 1)[1] for perm in wanted}
        )
    }
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set([available[p] for p in sorted(perms) if p in available])
