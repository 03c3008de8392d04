"""Moving posts on the calendar, and scheduled posts going live.

`post_move` is what both the calendar's edit form and a drag between cycles call: it moves the
post's window (keeping its length unless a new end is given). `posts_go_live` is the scheduler's
five-minute job.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership
from multiplier.program.services.actors import require_programme_runner

from ..cycles import Cycle
from ..models import Post, PostStatus
from ..selectors.calendar import MOVABLE, cycle_bounds

# A form is filled in a minute or two before it is sent: a start "now" that has just passed is
# not a start in the past.
GRACE = timedelta(minutes=5)
DEFAULT_TIME = time(9, 0)  # posts go live at nine in the morning unless told otherwise


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def post_move(
    *,
    post: Post,
    starts_at: datetime | None,
    ends_at: datetime | None = None,
    by: Membership | None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Move the post to go live at `starts_at`. Without `ends_at`, a post that had an end keeps
    its window's length. A live post moved into the future is scheduled again (it leaves the
    feed until then). Returns what changed ({} when nothing did); raises ValidationError with
    field errors ("starts_at", "ends_at") or a general one."""
    require_programme_runner(by, post.organization)
    now = now or timezone.now()
    with transaction.atomic():
        current = Post.objects.select_for_update().get(pk=post.pk)
        if current.status not in MOVABLE:
            raise ValidationError(
                _(
                    "“%(title)s” is %(status)s; only posts that are still to come or live can "
                    "be moved."
                )
                % {"title": current.title, "status": current.get_status_display().lower()}
            )
        if starts_at is None:
            raise ValidationError({"starts_at": _("Pick the day the post goes live.")})
        if ends_at is None and current.ends_at is not None:
            if current.starts_at is not None:
                ends_at = starts_at + (current.ends_at - current.starts_at)
            elif current.ends_at > starts_at:
                ends_at = current.ends_at
        if starts_at == current.starts_at and ends_at == current.ends_at:
            return {}
        if starts_at < now - GRACE:
            raise ValidationError(
                {"starts_at": _("Pick a moment from now on: a post cannot go live in the past.")}
            )
        if ends_at is not None and ends_at <= starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})

        changes: dict[str, Any] = {
            "starts_at": {"from": _iso(current.starts_at), "to": _iso(starts_at)},
        }
        if ends_at != current.ends_at:
            changes["ends_at"] = {"from": _iso(current.ends_at), "to": _iso(ends_at)}
        current.starts_at = starts_at
        current.ends_at = ends_at
        fields = ["starts_at", "ends_at", "updated_at"]
        if current.status == PostStatus.LIVE and starts_at > now:
            current.status = PostStatus.SCHEDULED
            changes["status"] = {"from": PostStatus.LIVE, "to": PostStatus.SCHEDULED}
            fields.append("status")
        current.save(update_fields=fields)
        audit(
            "post.moved",
            actor=by.user if by else None,
            organization=current.organization,
            target=current,
            **changes,
        )
    post.starts_at, post.ends_at, post.status = current.starts_at, current.ends_at, current.status
    return changes


def cycle_drop_moment(*, post: Post, cycle: Cycle, now: datetime | None = None) -> datetime:
    """Where a post dropped on a cycle lands: the cycle's first day at the post's own time of day
    (nine o'clock for a post without one). In the running cycle that moment may have passed:
    then today at that time, or else the next full hour. Raises ValidationError for a cycle that
    is over."""
    organization = post.organization
    tz = organization.tz
    now = now or timezone.now()
    at = timezone.localtime(post.starts_at, tz).time() if post.starts_at else DEFAULT_TIME
    cycle_end = cycle_bounds(organization, cycle)[1]
    moment = timezone.make_aware(datetime.combine(cycle.start, at), tz)
    if moment <= now:
        today = timezone.localtime(now, tz).date()
        moment = timezone.make_aware(datetime.combine(today, at), tz)
    if moment <= now:
        local_now = timezone.localtime(now, tz)
        moment = local_now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    if moment >= cycle_end:
        raise ValidationError(_("This cycle is over; pick a cycle that is still to come."))
    return moment


def posts_go_live(*, now: datetime | None = None) -> int:
    """Scheduled posts whose start has come go live. The update is conditional on the status,
    so two workers running this at once make each post live once. Returns how many did."""
    now = now or timezone.now()
    due = list(
        Post.objects.filter(status=PostStatus.SCHEDULED, starts_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    if not due:
        return 0
    return Post.objects.filter(pk__in=due, status=PostStatus.SCHEDULED).update(
        status=PostStatus.LIVE, went_live_at=now, updated_at=now
    )
