"""Posts: creating and changing them, and their way through draft → in review → scheduled → live
→ archived. Every write checks that the person runs the programme and is audited.

`post_slug` is the one place a post's address name is made (unique per organisation); other
features (content sources, employees' proposals) reuse it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization
from multiplier.program.models import Campaign, Theme
from multiplier.program.services.actors import require_programme_runner

from ..models import Audience, Post, PostSource, PostStatus
from .link_cards import link_card_request

SLUG_MAX = 80
EDITABLE_FIELDS = (
    "title",
    "link",
    "themes",
    "campaign",
    "audience",
    "audience_teams",
    "audience_themes",
    "starts_at",
    "ends_at",
)

# Which status each step may start from. Archived and returned posts go back to draft first, so
# that a post is looked at again before it reaches anyone's feed.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "submit": (PostStatus.DRAFT,),
    "schedule": (PostStatus.DRAFT, PostStatus.IN_REVIEW),
    "publish": (PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.SCHEDULED),
    "archive": (PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.SCHEDULED, PostStatus.LIVE),
    "return_to_draft": (
        PostStatus.IN_REVIEW,
        PostStatus.SCHEDULED,
        PostStatus.ARCHIVED,
        PostStatus.DECLINED,
    ),
}


def post_slug(organization: Organization, title: str, *, exclude: Post | None = None) -> str:
    """A slug for `title`, unique among the organisation's posts ("open-days", "open-days-2")."""
    base = slugify(title)[: SLUG_MAX - 6].strip("-") or "post"
    taken = Post.objects.filter(organization=organization, slug__startswith=base)
    if exclude is not None and exclude.pk:
        taken = taken.exclude(pk=exclude.pk)
    used = set(taken.values_list("slug", flat=True))
    if base not in used:
        return base
    number = 2
    while f"{base}-{number}" in used:
        number += 1
    return f"{base}-{number}"


def _validate(
    post: Post, themes: list[Theme], audience_themes: list[Theme], campaign: Campaign | None
) -> None:
    errors: dict[str, str] = {}
    if not post.title:
        errors["title"] = _("Give the post a title (only the programme team sees it).")
    if post.starts_at and post.ends_at and post.ends_at <= post.starts_at:
        errors["ends_at"] = _("The window must end after it starts.")
    org_id = post.organization_id
    if any(theme.organization_id != org_id for theme in themes):
        errors["themes"] = _("Pick themes of your own organisation.")
    if any(theme.organization_id != org_id for theme in audience_themes):
        errors["audience_themes"] = _("Pick themes of your own organisation.")
    if campaign is not None and campaign.organization_id != org_id:
        errors["campaign"] = _("Pick a campaign of your own organisation.")
    if post.audience == Audience.TEAMS and not post.audience_teams:
        errors["audience_teams"] = _("Name at least one team, or choose another audience.")
    if post.audience == Audience.THEMES and not audience_themes:
        errors["audience_themes"] = _("Pick at least one theme, or choose another audience.")
    if errors:
        raise ValidationError(errors)
    post.full_clean(exclude=["organization", "slug"], validate_constraints=False)


def _clean_teams(teams: Iterable[str] | None) -> list[str]:
    seen: dict[str, str] = {}
    for team in teams or []:
        name = (team or "").strip()
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def post_create(
    *,
    organization: Organization,
    by: Membership | None,
    title: str,
    link: str = "",
    themes: Iterable[Theme] = (),
    campaign: Campaign | None = None,
    audience: str = Audience.EVERYONE,
    audience_teams: Iterable[str] = (),
    audience_themes: Iterable[Theme] = (),
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    source: str = PostSource.MANAGER,
) -> Post:
    """A new draft post. Its variants are added with services/variants.py (the view that makes
    both does so in one transaction, so a post is never left without a variant)."""
    require_programme_runner(by, organization)
    themes, audience_themes = list(themes), list(audience_themes)
    post = Post(
        organization=organization,
        title=(title or "").strip(),
        link=(link or "").strip(),
        campaign=campaign,
        audience=audience,
        audience_teams=_clean_teams(audience_teams) if audience == Audience.TEAMS else [],
        starts_at=starts_at,
        ends_at=ends_at,
        source=source,
        created_by=by.user if by else None,
    )
    _validate(post, themes, audience_themes, campaign)
    with transaction.atomic():
        post.slug = post_slug(organization, post.title)
        post.save()
        post.themes.set(themes)
        post.audience_themes.set(audience_themes if audience == Audience.THEMES else [])
        audit(
            "post.created",
            actor=by.user if by else None,
            organization=organization,
            target=post,
            link=post.link,
            campaign=campaign.name if campaign else None,
        )
        # In this transaction: with the database queue the fetch is committed with the link.
        if post.link:
            link_card_request(post=post)
    return post


def _for_log(value: Any) -> Any:
    if isinstance(value, list) and value and isinstance(value[0], Theme):
        return sorted(theme.name for theme in value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Campaign):
        return value.name
    return value


def post_update(*, post: Post, by: Membership | None, **fields: Any) -> dict[str, dict[str, Any]]:
    """Change the given fields (any of EDITABLE_FIELDS); returns what changed, as logged."""
    require_programme_runner(by, post.organization)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name in ("title", "link"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    with transaction.atomic():
        current = Post.objects.select_for_update().get(pk=post.pk)
        old_themes = list(current.themes.all())
        old_audience_themes = list(current.audience_themes.all())
        themes = list(fields.pop("themes", old_themes))
        audience_themes = list(fields.pop("audience_themes", old_audience_themes))
        audience = fields.get("audience", current.audience)
        if "audience_teams" in fields or audience != Audience.TEAMS:
            fields["audience_teams"] = (
                _clean_teams(fields.get("audience_teams", current.audience_teams))
                if audience == Audience.TEAMS
                else []
            )
        if audience != Audience.THEMES:
            audience_themes = []
        changes = {
            name: {"from": getattr(current, name), "to": value}
            for name, value in fields.items()
            if getattr(current, name) != value
        }
        for name, old, new in (
            ("themes", old_themes, themes),
            ("audience_themes", old_audience_themes, audience_themes),
        ):
            if {t.pk for t in old} != {t.pk for t in new}:
                changes[name] = {"from": old, "to": new}
        if not changes:
            return {}
        for name, change in changes.items():
            if name not in ("themes", "audience_themes"):
                setattr(current, name, change["to"])
        _validate(current, themes, audience_themes, current.campaign)
        plain = [name for name in changes if name not in ("themes", "audience_themes")]
        if plain:
            current.save(update_fields=[*plain, "updated_at"])
        if "themes" in changes:
            current.themes.set(themes)
        if "audience_themes" in changes:
            current.audience_themes.set(audience_themes)
        logged = {
            name: {"from": _for_log(c["from"]), "to": _for_log(c["to"])}
            for name, c in changes.items()
        }
        audit(
            "post.updated",
            actor=by.user if by else None,
            organization=current.organization,
            target=current,
            **logged,
        )
        if "link" in changes:
            link_card_request(post=current)
    for name in plain:
        setattr(post, name, getattr(current, name))
    post.card_status = current.card_status
    return logged


# --- status ------------------------------------------------------------------------------------


def _transition(post: Post, by: Membership | None, step: str, status: str, **extra: Any) -> Post:
    require_programme_runner(by, post.organization)
    with transaction.atomic():
        current = Post.objects.select_for_update().get(pk=post.pk)
        if current.status not in TRANSITIONS[step]:
            raise ValidationError(
                _("A post that is “%(status)s” cannot be %(step)s.")
                % {"status": current.get_status_display(), "step": STEP_LABELS[step]},
                code="status",
            )
        if step in ("submit", "schedule", "publish") and not current.variants.exists():
            raise ValidationError(_("Add a variant first: a post needs at least one text."))
        previous = current.status
        current.status = status
        for name, value in extra.items():
            setattr(current, name, value)
        current.save(update_fields=["status", *extra, "updated_at"])
        audit(
            f"post.{step}",
            actor=by.user if by else None,
            organization=current.organization,
            target=current,
            **{"from": previous, "to": status},
        )
    post.status = current.status
    for name in extra:
        setattr(post, name, getattr(current, name))
    return post


# Lower-case verbs for "cannot be …" (the status names come from the model).
STEP_LABELS = {
    "submit": gettext_lazy("sent for review"),
    "schedule": gettext_lazy("scheduled"),
    "publish": gettext_lazy("published"),
    "archive": gettext_lazy("archived"),
    "return_to_draft": gettext_lazy("returned to draft"),
}


def post_submit_for_review(*, post: Post, by: Membership | None) -> Post:
    return _transition(post, by, "submit", PostStatus.IN_REVIEW)


def post_schedule(*, post: Post, by: Membership | None) -> Post:
    """Scheduled posts go live at the window's start (the rhythm's scheduler publishes them)."""
    if post.starts_at is None:
        raise ValidationError(
            {"starts_at": _("Set when the post goes live (the window's start) to schedule it.")}
        )
    return _transition(post, by, "schedule", PostStatus.SCHEDULED)


def post_publish(*, post: Post, by: Membership | None) -> Post:
    """Live now: the window starts now unless it already started; `went_live_at` records when."""
    now = timezone.now()
    if post.ends_at is not None and post.ends_at <= now:
        raise ValidationError(
            {"ends_at": _("The window has already ended; move its end before publishing.")}
        )
    extra: dict[str, Any] = {"went_live_at": now}
    if post.starts_at is None or post.starts_at > now:
        extra["starts_at"] = now
    return _transition(post, by, "publish", PostStatus.LIVE, **extra)


def post_archive(*, post: Post, by: Membership | None) -> Post:
    return _transition(post, by, "archive", PostStatus.ARCHIVED)


def post_return_to_draft(*, post: Post, by: Membership | None) -> Post:
    return _transition(post, by, "return_to_draft", PostStatus.DRAFT)


STEPS = {
    "submit": post_submit_for_review,
    "schedule": post_schedule,
    "publish": post_publish,
    "archive": post_archive,
    "return_to_draft": post_return_to_draft,
}


def post_steps(post: Post) -> list[str]:
    """The steps open to `post` now, in the order they are offered."""
    return [step for step, starts in TRANSITIONS.items() if post.status in starts]
