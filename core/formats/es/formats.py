# Django's Spanish locale formats, with the thousands point that the regional
# administration uses in its budgets (740.000 €) instead of a thin space.
from django.conf.locale.es.formats import *  # noqa: F403

THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
