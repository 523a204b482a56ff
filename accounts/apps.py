from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_role_groups(**kwargs):
    from accounts.roles import sync_role_groups

    sync_role_groups()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and roles")

    def ready(self):
        from accounts import home  # noqa: F401 (registers its home-page panels)

        # Connected for every app: permissions of apps migrated after this
        # one exist only at their own post_migrate.
        post_migrate.connect(_sync_role_groups, dispatch_uid="accounts.sync_role_groups")
