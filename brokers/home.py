"""The home-page panels of the grant call and the broker network."""

from accounts.roles import Role
from brokers.call.models import GrantCall
from brokers.network import figures, meetings
from core.home import panel
from districts.models import District


@panel("open_calls", roles={Role.APPLICANT})
def open_calls(user):
    return list(GrantCall.objects.open_to_applicants())


@panel(
    "network",
    roles={
        Role.OFFICE_STAFF,
        Role.NETWORK_COORDINATOR,
        Role.INNOVATION_BROKER,
        Role.GOVERNMENT_OFFICIAL,
        Role.ADVISORY_COMMITTEE,
    },
)
def network_coverage(user):
    districts = list(District.objects.with_brokers())
    return {
        "districts": districts,
        "covered": sum(1 for d in districts if d.brokers),
        "rural": sum(1 for d in districts if d.is_rural),
    }


@panel("broker_district", roles={Role.INNOVATION_BROKER}, when=lambda user: user.district_id)
def broker_district(user):
    """Their district this month and year."""
    return figures.district_panel(user.district)


@panel("next_meeting", roles={Role.INNOVATION_BROKER})
def next_meeting(user):
    return meetings.next_meeting()


@panel("coordination", roles={Role.NETWORK_COORDINATOR})
def coordination(user):
    return figures.coordinator_panel()
