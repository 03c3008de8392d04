"""The review queue: feed drafts and employees' proposals wait here for the programme team, who
approve them (after editing, if they like) or decline them with a reason the author sees.

Approving makes the post live at once (credited to its author, for goals and ways to
contribute); the author of a proposal hears the outcome by e-mail, in their own language.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership
from multiplier.program.services.actors import require_programme_runner

from ..models import Post, PostSource, PostStatus
from .submissions import TEXT_MAX, TITLE_MAX, validate_link

REASON_MAX = 1000


def is_waiting(post: Post) -> bool:
    """In the queue: a proposal in review, or a draft a feed brought."""
    return post.status == PostStatus.IN_REVIEW or (
        post.source == PostSource.FEED and post.status == PostStatus.DRAFT
    )


def _lock_waiting(post: Post) -> Post:
    current = Post.objects.select_for_update().get(pk=post.pk)
    if not is_waiting(current):
        # Someone else reviewed it first (two managers, two tabs): say so rather than redo it.
        raise ValidationError(_("This post has already been reviewed."))
    return current


def _notify(post: Post) -> None:
    if post.source == PostSource.EMPLOYEE and post.author_id:
        from ..tasks_review import notify_review_outcome

        transaction.on_commit(lambda: notify_review_outcome.enqueue(post.pk))


def review_approve(
    *,
    post: Post,
    by: Membership | None,
    title: str | None = None,
    text: str | None = None,
    link: str | None = None,
    notify: bool = True,
) -> Post:
    """Approve, with the reviewer's edits to title, text and link (None keeps them). `notify`
    False sends the author no e-mail (the demo data, which nobody reads)."""
    require_programme_runner(by, post.organization)
    errors: dict[str, str] = {}
    if title is not None:
        title = title.strip()
        if not title:
            errors["title"] = _("Give the post a title.")
        elif len(title) > TITLE_MAX:
            errors["title"] = _("Keep the title under %(max)s characters.") % {"max": TITLE_MAX}
    if text is not None:
        text = text.strip()
        if not text:
            errors["text"] = _("The post needs a text.")
        elif len(text) > TEXT_MAX:
            errors["text"] = _("Keep the text under %(max)s characters.") % {"max": TEXT_MAX}
    if link is not None:
        try:
            link = validate_link(link)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _lock_waiting(post)
        edited = []
        variant = current.variants.order_by("position", "pk").first()
        if text is not None and variant is not None and variant.text != text:
            variant.text = text
            variant.save(update_fields=["text"])
            edited.append("text")
        for name, value in (("title", title), ("link", link)):
            if value is not None and getattr(current, name) != value:
                setattr(current, name, value)
                edited.append(name)
        now = timezone.now()
        current.status = PostStatus.LIVE
        current.starts_at = current.starts_at or now
        current.went_live_at = now
        current.reviewed_by = by.user if by else None
        current.reviewed_at = now
        current.decline_reason = ""
        current.save()
        audit("post.approved", actor=by.user if by else None, organization=current.organization,
              target=current, source=current.source, edited=edited)  # fmt: skip
        if notify:
            _notify(current)
    return current


def review_decline(*, post: Post, by: Membership | None, reason: str) -> Post:
    """Decline with a reason; a colleague's proposal needs one (they read it), a feed draft
    does not (nobody wrote it)."""
    require_programme_runner(by, post.organization)
    reason = (reason or "").strip()
    if post.source == PostSource.EMPLOYEE and not reason:
        raise ValidationError(
            {"reason": _("Tell your colleague why, so that their next proposal fits.")}
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": _("Keep the reason under %(max)s characters.") % {"max": REASON_MAX}}
        )
    with transaction.atomic():
        current = _lock_waiting(post)
        current.status = PostStatus.DECLINED
        current.decline_reason = reason
        current.reviewed_by = by.user if by else None
        current.reviewed_at = timezone.now()
        current.save(update_fields=["status", "decline_reason", "reviewed_by", "reviewed_at",
                                    "updated_at"])  # fmt: skip
        audit("post.declined", actor=by.user if by else None, organization=current.organization,
              target=current, source=current.source)  # fmt: skip
        _notify(current)
    return current
