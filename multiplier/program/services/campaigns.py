"""Campaigns: a push in a period around some themes. Goals can be narrowed to one; posts will
belong to one (content). A campaign that anything points to is kept."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization

from ..models import Campaign, Theme
from .actors import require_programme_runner

EDITABLE_FIELDS = ("name", "description", "start", "end", "themes")


def _validate(campaign: Campaign, themes: list[Theme], previous_theme_ids: set[int]) -> None:
    errors: dict[str, str] = {}
    if not campaign.name:
        errors["name"] = _("Give the campaign a name.")
    elif (
        Campaign.objects.filter(organization=campaign.organization, name__iexact=campaign.name)
        .exclude(pk=campaign.pk)
        .exists()
    ):
        errors["name"] = _("There is already a campaign with this name.")
    if campaign.start and campaign.end and campaign.end < campaign.start:
        errors["end"] = _("The end cannot be before the start.")
    for theme in themes:
        if theme.organization_id != campaign.organization_id:
            errors["themes"] = _("Pick themes of your own organisation.")
        elif theme.is_archived and theme.pk not in previous_theme_ids:
            errors["themes"] = _("“%(theme)s” is archived; pick active themes.") % {
                "theme": theme.name
            }
    if errors:
        raise ValidationError(errors)
    # Length limits and the like; the rules above already gave the friendly messages.
    campaign.full_clean(exclude=["organization"], validate_constraints=False)


def campaign_create(
    *,
    organization: Organization,
    by: Membership | None,
    name: str,
    start: date,
    end: date,
    description: str = "",
    themes: Iterable[Theme] = (),
) -> Campaign:
    require_programme_runner(by, organization)
    themes = list(themes)
    campaign = Campaign(
        organization=organization,
        name=(name or "").strip(),
        description=(description or "").strip(),
        start=start,
        end=end,
    )
    _validate(campaign, themes, set())
    with transaction.atomic():
        campaign.save()
        campaign.themes.set(themes)
        audit(
            "campaign.created",
            actor=by.user if by else None,
            organization=organization,
            target=campaign,
            start=start.isoformat(),
            end=end.isoformat(),
            themes=sorted(theme.name for theme in themes),
        )
    return campaign


def _for_log(name: str, value: Any) -> Any:
    if name == "themes":
        return sorted(theme.name for theme in value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def campaign_update(
    *, campaign: Campaign, by: Membership | None, **fields: Any
) -> dict[str, dict[str, Any]]:
    """Change the given fields (any of EDITABLE_FIELDS). Returns {field: {"from", "to"}} of what
    changed (themes as sorted names); the audit entry holds the same."""
    require_programme_runner(by, campaign.organization)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name in ("name", "description"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()

    with transaction.atomic():
        current = Campaign.objects.select_for_update().get(pk=campaign.pk)
        previous_themes = list(current.themes.all())
        themes = list(fields.pop("themes", previous_themes))
        changes = {
            name: {"from": getattr(current, name), "to": value}
            for name, value in fields.items()
            if getattr(current, name) != value
        }
        if {t.pk for t in themes} != {t.pk for t in previous_themes}:
            changes["themes"] = {"from": previous_themes, "to": themes}
        if not changes:
            return {}
        for name, change in changes.items():
            if name != "themes":
                setattr(current, name, change["to"])
        _validate(current, themes, {t.pk for t in previous_themes})
        if set(changes) - {"themes"}:
            current.save(update_fields=[name for name in changes if name != "themes"])
        if "themes" in changes:
            current.themes.set(themes)
        logged = {
            name: {"from": _for_log(name, c["from"]), "to": _for_log(name, c["to"])}
            for name, c in changes.items()
        }
        audit(
            "campaign.updated",
            actor=by.user if by else None,
            organization=current.organization,
            target=current,
            **logged,
        )
    return logged


def campaign_uses(campaign: Campaign) -> dict[str, int]:
    """What points to the campaign, by the plural name of each kind of thing (goals now, posts
    once content exists). Found through the model's reverse relations, so apps above `program`
    are counted without being imported."""
    uses = {}
    for relation in Campaign._meta.related_objects:
        if relation.many_to_many:
            continue  # nothing is lost when an M2M link goes; only owners hold a campaign
        count = relation.related_model._default_manager.filter(
            **{relation.field.name: campaign}
        ).count()
        if count:
            uses[str(relation.related_model._meta.verbose_name_plural)] = count
    return uses


def campaign_delete(*, campaign: Campaign, by: Membership | None) -> None:
    require_programme_runner(by, campaign.organization)
    uses = campaign_uses(campaign)
    if uses:
        raise ValidationError(
            _("This campaign is in use (%(uses)s), so it cannot be deleted.")
            % {"uses": ", ".join(f"{name}: {count}" for name, count in uses.items())}
        )
    with transaction.atomic():
        audit(
            "campaign.deleted",
            actor=by.user if by else None,
            organization=campaign.organization,
            target=campaign,
        )
        campaign.delete()
