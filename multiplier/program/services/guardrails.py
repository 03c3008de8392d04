"""The organisation's guardrail terms: adding, changing, removing, and restoring the defaults.

A term is unique per language regardless of case ("Gaza" and "gaza" are one term). That is
checked here with Python's casefold rather than left to the database constraint alone, because
SQLite's lower() only folds ASCII ("ÉLECTION" and "élection" would both get in there).
Changes are audited: they decide what ambassadors are warned about.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization

from ..defaults import GUARDRAILS
from ..models import GuardrailCategory, GuardrailTerm
from .actors import require_programme_runner

TERM_MAX_LENGTH = GuardrailTerm._meta.get_field("term").max_length
ADVICE_MAX_LENGTH = GuardrailTerm._meta.get_field("advice").max_length


def _language_name(language: str) -> str:
    return str(dict(settings.LANGUAGES).get(language, language))


def _cleaned(
    organization: Organization,
    *,
    language: str,
    term: str,
    category: str,
    advice: str,
    exclude_pk: int | None = None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    term = " ".join(term.split())  # phrases match across any white space anyway
    advice = " ".join(advice.split())
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Choose one of the languages in the list.")
    if category not in GuardrailCategory.values:
        errors["category"] = _("Choose one of the categories in the list.")
    if not term:
        errors["term"] = _("Enter a word or phrase.")
    elif len(term) > TERM_MAX_LENGTH:
        errors["term"] = _("A term can be at most %(max)d characters long.") % {
            "max": TERM_MAX_LENGTH
        }
    elif "language" not in errors:
        existing = GuardrailTerm.objects.filter(organization=organization, language=language)
        if exclude_pk is not None:
            existing = existing.exclude(pk=exclude_pk)
        if any(t.casefold() == term.casefold() for t in existing.values_list("term", flat=True)):
            errors["term"] = _("“%(term)s” is already in the %(language)s list.") % {
                "term": term,
                "language": _language_name(language),
            }
    if len(advice) > ADVICE_MAX_LENGTH:
        errors["advice"] = _("Advice can be at most %(max)d characters long.") % {
            "max": ADVICE_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    return {"language": language, "term": term, "category": category, "advice": advice}


def _duplicate(language: str, term: str) -> ValidationError:
    # Two managers adding the same term at the same moment: the constraint catches the second.
    return ValidationError(
        {
            "term": _("“%(term)s” is already in the %(language)s list.")
            % {"term": term, "language": _language_name(language)}
        }
    )


def guardrail_term_create(
    *,
    organization: Organization,
    by: Membership | None,
    language: str,
    term: str,
    category: str = GuardrailCategory.OTHER,
    advice: str = "",
) -> GuardrailTerm:
    require_programme_runner(by, organization)
    fields = _cleaned(organization, language=language, term=term, category=category, advice=advice)
    try:
        with transaction.atomic():
            created = GuardrailTerm.objects.create(organization=organization, **fields)
    except IntegrityError:
        raise _duplicate(fields["language"], fields["term"]) from None
    audit(
        "guardrail.added",
        actor=by.user if by else None,
        organization=organization,
        target=created,
        **fields,
    )
    return created


def guardrail_term_update(
    *,
    guardrail_term: GuardrailTerm,
    by: Membership | None,
    language: str,
    term: str,
    category: str,
    advice: str = "",
) -> GuardrailTerm:
    organization = guardrail_term.organization
    require_programme_runner(by, organization)
    fields = _cleaned(
        organization,
        language=language,
        term=term,
        category=category,
        advice=advice,
        exclude_pk=guardrail_term.pk,
    )
    changes = {
        name: {"from": getattr(guardrail_term, name), "to": value}
        for name, value in fields.items()
        if getattr(guardrail_term, name) != value
    }
    if not changes:
        return guardrail_term
    for name, value in fields.items():
        setattr(guardrail_term, name, value)
    try:
        with transaction.atomic():
            guardrail_term.save(update_fields=list(changes))
    except IntegrityError:
        raise _duplicate(fields["language"], fields["term"]) from None
    audit(
        "guardrail.changed",
        actor=by.user if by else None,
        organization=organization,
        target=guardrail_term,
        **changes,
    )
    return guardrail_term


def guardrail_term_delete(*, guardrail_term: GuardrailTerm, by: Membership | None) -> None:
    organization = guardrail_term.organization
    require_programme_runner(by, organization)
    with transaction.atomic():
        audit(
            "guardrail.removed",
            actor=by.user if by else None,
            organization=organization,
            target=guardrail_term,
            language=guardrail_term.language,
            category=guardrail_term.category,
        )
        guardrail_term.delete()


def guardrail_terms_restore_defaults(*, organization: Organization, by: Membership | None) -> int:
    """Add the default terms the organisation no longer has. Never removes or changes a term
    of the organisation's own. Returns how many were added."""
    require_programme_runner(by, organization)
    with transaction.atomic():
        existing = {
            (language, term.casefold())
            for language, term in GuardrailTerm.objects.filter(
                organization=organization
            ).values_list("language", "term")
        }
        missing = [
            GuardrailTerm(
                organization=organization,
                language=language,
                term=term,
                category=category,
                advice=advice,
            )
            for language, terms in GUARDRAILS.items()
            for term, category, advice in terms
            if (language, term.casefold()) not in existing
        ]
        GuardrailTerm.objects.bulk_create(missing)
        if missing:
            audit(
                "guardrail.defaults_restored",
                actor=by.user if by else None,
                organization=organization,
                added=len(missing),
            )
    return len(missing)
