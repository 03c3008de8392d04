"""Content sources: feeds whose new items become draft posts in the review queue.

`feed_poll` asks with the validators of the last answer (If-None-Match / If-Modified-Since), so
an unchanged feed costs one 304. Items are recognised by their GUID, then by their link, so an
item never becomes a second draft. A feed that fails keeps its items and drafts and shows the
error until a poll succeeds again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization
from multiplier.program.models import Theme
from multiplier.program.services.actors import require_programme_runner

from ..feeds import FeedParseError, ParsedItem, parse_feed
from ..fetch import FetchError, fetch
from ..models import FeedItem, FeedSource, PostSource, PostStatus
from .intake import post_intake

logger = logging.getLogger(__name__)

FIRST_POLL_MAX_ITEMS = 20  # a new source brings its 20 newest items, not ten years of archive
MAX_FEED_BYTES = 5_000_000
FETCH_TIMEOUT = 10.0  # seconds; feeds are small, but some servers are slow
USER_AGENT = "Multiplier feed reader (+https://github.com/multiplier)"
EDITABLE_FIELDS = ("name", "url", "themes", "is_active")


@dataclass(frozen=True)
class PollResult:
    new: int = 0  # drafts created
    not_modified: bool = False
    error: str = ""


def _validate(source: FeedSource, themes: list[Theme]) -> None:
    errors: dict[str, str] = {}
    if not source.name:
        errors["name"] = _("Give the source a name.")
    try:
        URLValidator(schemes=["http", "https"])(source.url)
    except ValidationError:
        errors["url"] = _("Enter the feed's full address, starting with https:// or http://.")
    else:
        if (
            FeedSource.objects.filter(organization=source.organization, url=source.url)
            .exclude(pk=source.pk)
            .exists()
        ):
            errors["url"] = _("This feed is already one of your content sources.")
    if any(theme.organization_id != source.organization_id for theme in themes):
        errors["themes"] = _("Pick themes of your own organisation.")
    if errors:
        raise ValidationError(errors)
    source.full_clean(exclude=["organization", "created_by"], validate_constraints=False)


def feed_create(
    *,
    organization: Organization,
    by: Membership | None,
    name: str,
    url: str,
    themes: Iterable[Theme] = (),
    is_active: bool = True,
) -> FeedSource:
    require_programme_runner(by, organization)
    themes = list(themes)
    source = FeedSource(
        organization=organization,
        name=(name or "").strip(),
        url=(url or "").strip(),
        is_active=is_active,
        created_by=by.user if by else None,
    )
    _validate(source, themes)
    with transaction.atomic():
        source.save()
        source.themes.set(themes)
        audit("feed.created", actor=by.user if by else None, organization=organization,
              target=source, url=source.url)  # fmt: skip
    return source


def feed_update(*, source: FeedSource, by: Membership | None, **fields: Any) -> list[str]:
    """Change some of EDITABLE_FIELDS; returns the names of the fields that changed. A new
    address forgets the old one's validators (they belong to the old server)."""
    require_programme_runner(by, source.organization)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name in ("name", "url"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    with transaction.atomic():
        current = FeedSource.objects.select_for_update().get(pk=source.pk)
        previous_themes = list(current.themes.all())
        themes = list(fields.pop("themes", previous_themes))
        changed = [name for name, value in fields.items() if getattr(current, name) != value]
        for name in changed:
            setattr(current, name, fields[name])
        themes_changed = {t.pk for t in themes} != {t.pk for t in previous_themes}
        if not changed and not themes_changed:
            return []
        _validate(current, themes)
        if "url" in changed:
            current.etag = current.last_modified = ""
            changed += ["etag", "last_modified"]
        if changed:
            current.save(update_fields=changed)
        if themes_changed:
            current.themes.set(themes)
            changed.append("themes")
        audit("feed.updated", actor=by.user if by else None, organization=current.organization,
              target=current, fields=sorted(changed))  # fmt: skip
    return changed


def feed_delete(*, source: FeedSource, by: Membership | None) -> None:
    """Remove the source. The drafts and posts it brought stay: they are posts now."""
    require_programme_runner(by, source.organization)
    with transaction.atomic():
        audit("feed.deleted", actor=by.user if by else None, organization=source.organization,
              target=source, url=source.url)  # fmt: skip
        source.delete()


def _fail(source: FeedSource, message: str) -> PollResult:
    now = timezone.now()
    FeedSource.objects.filter(pk=source.pk).update(last_polled_at=now, last_error=message[:500])
    source.last_polled_at, source.last_error = now, message[:500]
    return PollResult(error=message)


def feed_poll(*, source: FeedSource) -> PollResult:
    """Fetch the feed (conditionally) and turn its new items into drafts."""
    headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, "
               "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"}  # fmt: skip
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    try:
        answer = fetch(source.url, headers=headers, max_bytes=MAX_FEED_BYTES, timeout=FETCH_TIMEOUT)
    except FetchError as error:
        return _fail(source, str(error))
    if answer.status == 304:
        now = timezone.now()
        FeedSource.objects.filter(pk=source.pk).update(
            last_polled_at=now, last_success_at=now, last_error=""
        )
        source.last_polled_at = source.last_success_at = now
        source.last_error = ""
        return PollResult(not_modified=True)
    if answer.status >= 400:
        return _fail(source, _("The feed answered with HTTP status %(status)s.")
                     % {"status": answer.status})  # fmt: skip
    if answer.truncated:
        return _fail(source, _("The feed is larger than we read (%(mb)s MB).")
                     % {"mb": MAX_FEED_BYTES // 1_000_000})  # fmt: skip
    try:
        parsed = parse_feed(answer.body)
    except FeedParseError as error:
        return _fail(source, str(error))
    new = _import(source, parsed.items)
    now = timezone.now()
    source.last_polled_at = source.last_success_at = now
    source.last_error = ""
    source.etag = answer.headers.get("etag", "")[:300]
    source.last_modified = answer.headers.get("last-modified", "")[:100]
    FeedSource.objects.filter(pk=source.pk).update(
        last_polled_at=now, last_success_at=now, last_error="",
        etag=source.etag, last_modified=source.last_modified,
    )  # fmt: skip
    return PollResult(new=new)


def _import(source: FeedSource, items: list[ParsedItem]) -> int:
    """Record every unseen item; the new ones (at most FIRST_POLL_MAX_ITEMS of a source seen for
    the first time) become drafts. Returns the number of drafts."""
    with transaction.atomic():
        # One poll of a source at a time: a second one waits here and then sees the items.
        locked = FeedSource.objects.select_for_update().get(pk=source.pk)
        seen_guids = set(FeedItem.objects.filter(source=locked).values_list("guid", flat=True))
        first_poll = not seen_guids
        seen_links = set(
            FeedItem.objects.filter(organization_id=locked.organization_id)
            .exclude(link="")
            .values_list("link", flat=True)
        )
        themes = list(locked.themes.filter(archived_at__isnull=True))
        created = 0
        for index, item in enumerate(items):  # newest first
            if item.guid in seen_guids or (item.link and item.link in seen_links):
                continue
            seen_guids.add(item.guid)
            if item.link:
                seen_links.add(item.link)
            post = None
            if not first_poll or index < FIRST_POLL_MAX_ITEMS:
                post = post_intake(
                    organization=locked.organization,
                    title=item.title or item.link or locked.name,
                    text=item.summary or item.title,
                    link=item.link,
                    source=PostSource.FEED,
                    status=PostStatus.DRAFT,
                    themes=themes,
                )
                created += 1
            FeedItem.objects.create(
                organization_id=locked.organization_id, source=locked, guid=item.guid,
                link=item.link, title=item.title, summary=item.summary,
                published_at=item.published_at, post=post,
            )  # fmt: skip
    if created:
        logger.info("feed %s: %d new drafts", source.pk, created)
    return created


def feeds_due() -> list[int]:
    """Ids of the active sources, for the periodic poll (each polled in its own task)."""
    return list(FeedSource.objects.filter(is_active=True).values_list("pk", flat=True))


def feed_poll_by_id(*, source_id: int) -> PollResult | None:
    """The background poll. An error is stored as text, so it is written in the organisation's
    language (a manager's "check now" writes it in theirs)."""
    source = (
        FeedSource.objects.select_related("organization").filter(pk=source_id, is_active=True)
    ).first()
    if source is None:
        return None  # removed or paused since it was enqueued
    with translation.override(source.organization.language):
        return feed_poll(source=source)
