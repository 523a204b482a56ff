from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self):
        # Registers the computations and the check that every indicator's is known.
        from monitoring import indicators  # noqa: F401
