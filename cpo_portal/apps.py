from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CpoPortalConfig(AppConfig):
    name = "cpo_portal"
    verbose_name = _("Portal")
