from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "multiplier.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from multiplier.core.audit_display import register_action_labels, register_detail_labels

        from . import onboarding_steps, signals  # noqa: F401  (wizard steps; language on login)
        from .audit_labels import ACTION_LABELS, DETAIL_LABELS

        register_action_labels(ACTION_LABELS)
        register_detail_labels(DETAIL_LABELS)
