from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrokersConfig(AppConfig):
    name = "brokers"
    verbose_name = _("Network of Innovation Brokers")

    def ready(self):
        from brokers import home  # noqa: F401 (registers its home-page panels)
