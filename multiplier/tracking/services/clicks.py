"""Reading the click spool into the database and keeping the daily roll-ups (the worker's job).

Idempotent: the offset up to which a spool file has been read is stored in the same transaction
as the clicks read from it, so a worker that dies half-way, or two workers at once, never store a
click twice. Only complete lines are read; a line still being written is left for the next run.
A file is deleted once its hour is over and it has been read to the end.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from ..models import Click, LinkDay, SpoolProgress, TrackedLink, VisitorKey
from ..spool import PREFIX, SUFFIX, Hit, hour_of
from ..visitors import forget_keys

logger = logging.getLogger(__name__)

CHUNK_BYTES = 1 << 20  # about 20,000 clicks per transaction: short write locks
# A process may still append to the previous hour's file for a moment after the hour ends.
GRACE_SECONDS = 120
LOCK_NAME = "~ingest"


def clicks_ingest(*, now: float | None = None) -> int:
    """Store every complete spooled line not stored yet; returns how many clicks were stored."""
    folder = Path(settings.CLICK_SPOOL_DIR)
    if not folder.is_dir():
        return 0
    now = time.time() if now is None else now
    stored = 0
    for path in sorted(folder.glob(f"{PREFIX}*{SUFFIX}")):
        stored += _ingest_file(path, now)
    return stored


def _ingest_file(path: Path, now: float) -> int:
    stored = 0
    while True:
        with transaction.atomic():
            _lock()
            progress, _ = SpoolProgress.objects.select_for_update().get_or_create(name=path.name)
            try:
                with path.open("rb") as spooled:
                    spooled.seek(progress.offset)
                    data = spooled.read(CHUNK_BYTES)
                    size = spooled.seek(0, 2)
            except FileNotFoundError:  # another worker finished and deleted it
                return stored
            end = data.rfind(b"\n") + 1
            if end:
                stored += _store(_parse(data[:end], path.name))
                progress.offset += end
                progress.save(update_fields=["offset"])
            finished = progress.offset >= size and _hour_over(path.name, now)
            if finished:
                # The file first, then its offset: a crash in between leaves an offset without a
                # file (harmless), never a file without its offset (read twice).
                path.unlink(missing_ok=True)
                progress.delete()
                return stored
            if not end or len(data) < CHUNK_BYTES:
                return stored


def _lock() -> None:
    """One ingester at a time, whichever file: roll-ups of a link can come from many files."""
    SpoolProgress.objects.select_for_update().get_or_create(name=LOCK_NAME)


def _hour_over(name: str, now: float) -> bool:
    try:
        start = datetime.strptime(hour_of(name), "%Y%m%d%H").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return True  # not one of ours: once read, remove it
    return now >= start + 3600 + GRACE_SECONDS


def _parse(data: bytes, name: str) -> list[Hit]:
    hits = []
    for line in data.splitlines():
        try:
            hits.append(Hit.parse(line))
        except (ValueError, UnicodeDecodeError):
            # A line torn by a crash of the machine: skip it, keep the rest.
            logger.warning("skipping a damaged line in %s: %r", name, line[:200])
    return hits


def _store(hits: list[Hit]) -> int:
    if not hits:
        return 0
    orgs = dict(
        TrackedLink.objects.filter(id__in={h.link_id for h in hits}).values_list(
            "id", "organization_id"
        )
    )
    kept = [h for h in hits if h.link_id in orgs]  # links deleted since: nothing to count
    Click.objects.bulk_create(
        [
            Click(
                link_id=h.link_id,
                at=datetime.fromtimestamp(h.at, UTC),
                day=h.day,
                human=h.human,
                visitor=h.visitor,
            )
            for h in kept
        ],
        batch_size=2000,
    )
    link_days_refresh(pairs={(h.link_id, h.day) for h in kept}, orgs=orgs)
    return len(kept)


def link_days_refresh(*, pairs: Iterable[tuple[int, object]], orgs: dict[int, int]) -> None:
    """Recount the roll-ups of these (link, day) pairs from their clicks. A recount, not an
    increment, so it is right whatever happened before (and visitors can only be recounted)."""
    pairs = set(pairs)
    if not pairs:
        return
    links = {link for link, _ in pairs}
    days = {day for _, day in pairs}
    counts = (
        Click.objects.filter(link_id__in=links, day__in=days)
        .values("link_id", "day")
        .annotate(
            n_clicks=Count("id", filter=Q(human=True)),
            n_bots=Count("id", filter=Q(human=False)),
            n_visitors=Count("visitor", filter=Q(human=True), distinct=True),
        )
    )
    rows = [
        LinkDay(
            organization_id=orgs[row["link_id"]],
            link_id=row["link_id"],
            day=row["day"],
            clicks=row["n_clicks"],
            visitors=row["n_visitors"],
            bot_hits=row["n_bots"],
        )
        for row in counts
        if (row["link_id"], row["day"]) in pairs
    ]
    LinkDay.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["link", "day"],
        update_fields=["clicks", "visitors", "bot_hits"],
    )


def visitor_keys_prune(*, today: date | None = None) -> int:
    """Delete the keys of days that are over everywhere, so their visitor hashes can no longer be
    tied to an address. A day ends last at UTC-12, 12 hours after it ends in UTC, so the keys of
    the day before yesterday (UTC) and older are no longer needed."""
    today = today or timezone.now().date()
    deleted, _ = VisitorKey.objects.filter(day__lt=today - timedelta(days=1)).delete()
    forget_keys()
    return deleted
