"""The brokers app's models, for Django's registry: those of the grant call
(brokers.call.models) and those of the network (brokers.network.models). Code
imports them from their own module."""

from brokers.call.models import *  # noqa: F403
from brokers.network.models import *  # noqa: F403
