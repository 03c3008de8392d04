"""Give an organisation the programme's starting point: levels and guardrail terms."""

from __future__ import annotations

from multiplier.core.models import Organization

from ..defaults import GUARDRAILS, LEVELS
from ..models import GuardrailTerm, Level, ProgrammeSettings


def programme_defaults_ensure(*, organization: Organization) -> None:
    """Idempotent: creates what is missing, never overwrites what the organisation changed.
    Level texts are written in the organisation's language."""
    ProgrammeSettings.objects.get_or_create(organization=organization)
    if not Level.objects.filter(organization=organization).exists():
        language = organization.language if organization.language in ("en", "nl") else "en"
        Level.objects.bulk_create(
            Level(
                organization=organization,
                key=level["key"],
                name=level["name"][language],
                description=level["description"][language],
                behaviour=level["behaviour"][language],
                position=position,
                min_shares=level["min_shares"],
                min_personalised_shares=level["min_personalised_shares"],
                min_own_posts=level["min_own_posts"],
                min_expert_themes=level["min_expert_themes"],
            )
            for position, level in enumerate(LEVELS)
        )
    if not GuardrailTerm.objects.filter(organization=organization).exists():
        GuardrailTerm.objects.bulk_create(
            GuardrailTerm(
                organization=organization,
                language=language,
                term=term,
                category=category,
                advice=advice,
            )
            for language, terms in GUARDRAILS.items()
            for term, category, advice in terms
        )
