from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    """The strategy of the seven steps: goals, themes, expertise, levels, outside world, policy."""

    name = "multiplier.program"
    label = "program"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (defaults for new organisations)

        # policy: the onboarding step, the re-accept gate and the audit log's labels.
        from multiplier.core.audit_display import register_action_labels
        from multiplier.core.middleware import register_gate

        from . import onboarding_steps  # noqa: F401  (registers the wizard step)
        from .gates import policy_gate

        register_gate(policy_gate)
        register_action_labels(
            {
                "policy.published": _("Social media policy published"),
                "policy.accepted": _("Social media policy accepted"),
                "guardrail.added": _("Guardrail term added"),
                "guardrail.changed": _("Guardrail term changed"),
                "guardrail.removed": _("Guardrail term removed"),
                "guardrail.defaults_restored": _("Default guardrail terms restored"),
            }
        )
