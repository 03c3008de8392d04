"""Step 2: the organisation's themes. Create, change, order, archive, restore, delete.

Every function takes the acting membership as `by` (it must be allowed to run the programme in
that organisation; None is the installation itself, e.g. the demo: services/actors.py), validates
before it writes and writes the audit log. Refusals are `ValidationError`s keyed by field where a
field is at fault, so a form can show them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization

from ..models import HEX_COLOUR, Theme
from ..selectors.themes import ordered_active_themes, theme_is_used
from .actors import require_programme_runner

NAME_MAX_LENGTH = Theme._meta.get_field("name").max_length
KEYWORD_MAX_LENGTH = 40
MAX_KEYWORDS = 25
DEFAULT_COLOUR = Theme._meta.get_field("colour").default


def clean_name(name: str) -> str:
    """One spelling per name: no stray or double spaces."""
    return " ".join(name.split())


def normalise_keywords(keywords: str | Iterable[str]) -> list[str]:
    """Keywords as typed ("energy, Solar panels ,solar  panels") -> a clean list ["energy",
    "Solar panels"]: trimmed, inner spaces collapsed, a leading # dropped, duplicates (ignoring
    case) removed, the first spelling kept. Raises ValidationError for overlong input."""
    parts = re.split(r"[,\n;]", keywords) if isinstance(keywords, str) else list(keywords)
    result: list[str] = []
    seen: set[str] = set()
    for part in parts:
        keyword = " ".join(part.split()).lstrip("#").strip()
        if not keyword or keyword.casefold() in seen:
            continue
        if len(keyword) > KEYWORD_MAX_LENGTH:
            raise ValidationError(
                _("“%(keyword)s” is too long: a keyword can have at most %(max)d characters.")
                % {"keyword": keyword[:KEYWORD_MAX_LENGTH] + "…", "max": KEYWORD_MAX_LENGTH},
                code="keyword_too_long",
            )
        seen.add(keyword.casefold())
        result.append(keyword)
    if len(result) > MAX_KEYWORDS:
        raise ValidationError(
            _("At most %(max)d keywords, please: keep the ones that say most about the theme.")
            % {"max": MAX_KEYWORDS},
            code="too_many_keywords",
        )
    return result


def _validated(
    organization: Organization,
    *,
    name: str,
    description: str,
    keywords: Iterable[str] | str,
    colour: str,
    exclude_pk: int | None = None,
) -> dict[str, Any]:
    """The cleaned values, or a ValidationError with every field's problem at once."""
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {"name": clean_name(name), "description": description.strip()}
    if not values["name"]:
        errors["name"] = [_("Give the theme a name.")]
    elif len(values["name"]) > NAME_MAX_LENGTH:
        errors["name"] = [
            _("A theme name can have at most %(max)d characters.") % {"max": NAME_MAX_LENGTH}
        ]
    else:
        clash = (
            Theme.objects.filter(organization=organization, name__iexact=values["name"])
            .exclude(pk=exclude_pk)
            .first()
        )
        if clash is not None:
            errors["name"] = [_duplicate_message(clash)]
    try:
        values["keywords"] = normalise_keywords(keywords)
    except ValidationError as error:
        errors["keywords"] = error.messages
    values["colour"] = colour.strip().lower()
    try:
        HEX_COLOUR(values["colour"])
    except ValidationError:
        errors["colour"] = [_("Choose a colour, or type one like #1f5f8b.")]
    if errors:
        raise ValidationError(errors)
    return values


def _duplicate_message(clash: Theme) -> str:
    if clash.is_archived:
        return _(
            "There is already an archived theme called “%(name)s”. Restore it from the archived "
            "themes, or choose another name."
        ) % {"name": clash.name}
    return _("There is already a theme called “%(name)s”.") % {"name": clash.name}


def _save(theme: Theme, **kwargs: Any) -> None:
    """Save, turning a name clash that slipped past the check (two people at once) into the
    same field error."""
    try:
        with transaction.atomic():
            theme.save(**kwargs)
    except IntegrityError:
        clash = Theme.objects.filter(
            organization_id=theme.organization_id, name__iexact=theme.name
        ).first()
        if clash is None:
            raise
        raise ValidationError({"name": [_duplicate_message(clash)]}) from None


def theme_create(
    *,
    organization: Organization,
    by: Membership | None,
    name: str,
    description: str = "",
    keywords: Iterable[str] | str = (),
    colour: str = DEFAULT_COLOUR,
) -> Theme:
    """A new theme, placed after the others."""
    require_programme_runner(by, organization)
    values = _validated(
        organization, name=name, description=description, keywords=keywords, colour=colour
    )
    last = Theme.objects.filter(organization=organization).aggregate(n=Max("position"))["n"]
    theme = Theme(organization=organization, position=0 if last is None else last + 1, **values)
    _save(theme)
    audit(
        "theme.created",
        actor=getattr(by, "user", None),
        organization=organization,
        target=theme.name,
        **values,
    )
    return theme


def theme_update(
    *,
    theme: Theme,
    by: Membership | None,
    name: str,
    description: str,
    keywords: Iterable[str] | str,
    colour: str,
) -> dict[str, dict[str, Any]]:
    """Change what differs; returns the changes as {field: {"from": old, "to": new}} (empty
    when nothing changed), as the audit entry records them."""
    require_programme_runner(by, theme.organization)
    values = _validated(
        theme.organization,
        name=name,
        description=description,
        keywords=keywords,
        colour=colour,
        exclude_pk=theme.pk,
    )
    changes = {
        field: {"from": getattr(theme, field), "to": value}
        for field, value in values.items()
        if getattr(theme, field) != value
    }
    if not changes:
        return {}
    for field, change in changes.items():
        setattr(theme, field, change["to"])
    _save(theme, update_fields=list(changes))
    audit(
        "theme.updated",
        actor=getattr(by, "user", None),
        organization=theme.organization,
        target=theme.name,
        **changes,
    )
    return changes


def theme_move(*, theme: Theme, by: Membership | None, direction: Literal["up", "down"]) -> bool:
    """Swap the theme with its neighbour among the active themes. Returns False when it is
    already first (up) or last (down), or archived (archived themes have no place in the order).
    Positions are renumbered 0..n-1, which also repairs ties."""
    require_programme_runner(by, theme.organization)
    if direction not in ("up", "down"):
        raise ValueError(f"Unknown direction: {direction!r}")
    with transaction.atomic():
        # Lock the organisation's themes, so two managers moving at once cannot tangle the order.
        list(Theme.objects.select_for_update().filter(organization=theme.organization))
        themes = ordered_active_themes(theme.organization)
        index = next((i for i, t in enumerate(themes) if t.pk == theme.pk), None)
        other = None if index is None else index + (-1 if direction == "up" else 1)
        if index is None or other is None or not 0 <= other < len(themes):
            return False
        themes[index], themes[other] = themes[other], themes[index]
        for position, item in enumerate(themes):
            item.position = position
        Theme.objects.bulk_update(themes, ["position"])
    audit(
        "theme.moved",
        actor=getattr(by, "user", None),
        organization=theme.organization,
        target=theme.name,
        direction=direction,
        order=[t.name for t in themes],
    )
    return True


def theme_archive(*, theme: Theme, by: Membership | None) -> None:
    """Hide the theme from members and from choice lists; bonds, goals and the rest keep it."""
    require_programme_runner(by, theme.organization)
    if theme.is_archived:
        return
    theme.archived_at = timezone.now()
    theme.save(update_fields=["archived_at"])
    audit(
        "theme.archived",
        actor=getattr(by, "user", None),
        organization=theme.organization,
        target=theme.name,
    )


def theme_restore(*, theme: Theme, by: Membership | None) -> None:
    """Bring an archived theme back, at the end of the order."""
    require_programme_runner(by, theme.organization)
    if not theme.is_archived:
        return
    last = (
        Theme.objects.filter(organization=theme.organization)
        .active()
        .aggregate(n=Max("position"))["n"]
    )
    theme.archived_at = None
    theme.position = 0 if last is None else last + 1
    theme.save(update_fields=["archived_at", "position"])
    audit(
        "theme.restored",
        actor=getattr(by, "user", None),
        organization=theme.organization,
        target=theme.name,
    )


def theme_delete(*, theme: Theme, by: Membership | None) -> None:
    """Delete a theme nothing refers to (a typo, a second thought). A used theme is archived
    instead, so history keeps it."""
    require_programme_runner(by, theme.organization)
    with transaction.atomic():
        if theme_is_used(theme):
            raise ValidationError(
                _(
                    "“%(name)s” is in use (people, goals, campaigns or the outside world refer "
                    "to it), so it cannot be deleted. Archive it instead: it disappears from "
                    "every list but stays in the history."
                )
                % {"name": theme.name},
                code="theme_in_use",
            )
        audit(
            "theme.deleted",
            actor=getattr(by, "user", None),
            organization=theme.organization,
            target=theme.name,
            description=theme.description,
            keywords=theme.keywords,
            colour=theme.colour,
        )
        theme.delete()
