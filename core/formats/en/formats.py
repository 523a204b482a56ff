# English as the region's officials read it: British day-first dates (31/12/2025),
# as everywhere else in the portal, and the comma for thousands.
from django.conf.locale.en_GB.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
