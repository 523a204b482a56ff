from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Cluster programmes")

    def ready(self):
        from programmes import home  # noqa: F401 (registers its home-page panels)
