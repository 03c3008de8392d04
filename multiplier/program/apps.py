from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    """The strategy of the seven steps: goals, themes, expertise, levels, outside world, policy."""

    name = "multiplier.program"
    label = "program"
    verbose_name = _("Programme")

    def ready(self) -> None:
        # Defaults for new organisations; the onboarding step and profile sections (themes).
        from . import member_pages, signals  # noqa: F401

        # goals: the canvas on the manager's home page; audit-log labels
        from .audit_labels import register as register_audit_labels
        from .canvas_home import register as register_canvas_home

        register_audit_labels()
        register_canvas_home()
        # policy: the onboarding step and the re-accept gate
        from .policy_hooks import register as register_policy_hooks

        register_policy_hooks()
