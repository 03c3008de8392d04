from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    """The strategy of the seven steps: goals, themes, expertise, levels, outside world, policy."""

    name = "multiplier.program"
    label = "program"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (defaults for new organisations)

        # policy: the onboarding step, the re-accept gate and the audit log's labels
        from .policy_hooks import register as register_policy_hooks

        register_policy_hooks()
