"""The coverage thresholds: how many ambassadors and confirmed experts a theme needs at least."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization

from ..models import ProgrammeSettings
from .actors import require_programme_runner

MAX_THRESHOLD = 1000


def coverage_thresholds_update(
    *, organization: Organization, by: Membership | None, min_ambassadors: int, min_experts: int
) -> dict[str, dict[str, int]]:
    """Returns (and audits) the changes as {field: {"from", "to"}}; empty when nothing changed."""
    require_programme_runner(by, organization)
    errors: dict[str, list[str]] = {}
    for name, value in (("min_ambassadors", min_ambassadors), ("min_experts", min_experts)):
        if not 0 <= value <= MAX_THRESHOLD:
            errors[name] = [
                _("Enter a number from 0 to %(max)d.") % {"max": MAX_THRESHOLD},
            ]
    if not errors and min_experts > min_ambassadors:
        errors["min_experts"] = [
            _(
                "A theme cannot need more experts than ambassadors: experts are ambassadors "
                "too. Raise the number of ambassadors or lower this one."
            )
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        settings, _created = ProgrammeSettings.objects.select_for_update().get_or_create(
            organization=organization
        )
        new = {"min_ambassadors_per_theme": min_ambassadors, "min_experts_per_theme": min_experts}
        changes = {
            field: {"from": getattr(settings, field), "to": value}
            for field, value in new.items()
            if getattr(settings, field) != value
        }
        if changes:
            for field, change in changes.items():
                setattr(settings, field, change["to"])
            settings.save(update_fields=list(changes))
            audit(
                "programme.coverage_thresholds_changed",
                actor=getattr(by, "user", None),
                organization=organization,
                **changes,
            )
    return changes
