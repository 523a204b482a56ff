from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = _("Cluster organisations")

    def ready(self):
        from clusters import home  # noqa: F401 (registers its home-page panels)
