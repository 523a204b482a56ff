"""The network's catalogue of service types, and each district's tailoring of it:
which of the types the district offers, with its local notes."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from brokers.network.access import can_tailor_district
from brokers.network.models import DistrictServiceOffer, ServiceType


def _unique_code(name):
    base = slugify(name)[:40] or "service"
    taken = set(ServiceType.objects.filter(code__startswith=base).values_list("code", flat=True))
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def save_service_type(*, service_type, by):
    """Save a new or changed service type; a new one gets a code from its name
    (the code never changes: records and the demo refer to it)."""
    if not by.has_perm(
        "brokers.change_servicetype" if service_type.pk else "brokers.add_servicetype"
    ):
        raise PermissionDenied
    if not service_type.code:
        service_type.code = _unique_code(service_type.name_en or service_type.name)
    service_type.save()
    return service_type


def types_to_tailor(district):
    """Active service types, and inactive ones the district still offers (so
    they can be dropped), each with the district's offer or None as .offer."""
    offers = {
        offer.service_type_id: offer
        for offer in DistrictServiceOffer.objects.filter(district=district)
    }
    types = list(ServiceType.objects.filter(Q(is_active=True) | Q(pk__in=list(offers))))
    for service_type in types:
        service_type.offer = offers.get(service_type.pk)
    return types


@transaction.atomic
def tailor_district(*, district, chosen, by):
    """Make the district offer exactly the chosen service types.

    chosen maps each offered ServiceType to its local notes. Types no longer
    chosen are dropped (their history stays); inactive types cannot be added.
    """
    if not can_tailor_district(by, district):
        raise PermissionDenied
    current = {o.service_type_id: o for o in DistrictServiceOffer.objects.filter(district=district)}
    for service_type, notes in chosen.items():
        offer = current.pop(service_type.pk, None)
        if offer is None:
            if service_type.is_active:
                DistrictServiceOffer.objects.create(
                    district=district, service_type=service_type, notes=notes
                )
        elif offer.notes != notes:
            offer.notes = notes
            offer.save(update_fields=["notes"])
    for offer in current.values():
        offer.delete()
