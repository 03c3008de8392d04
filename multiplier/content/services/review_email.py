"""The e-mail that tells an author how their proposal was reviewed, in their own language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ..models import Post, PostSource, PostStatus


def review_outcome_send(*, post_id: int) -> bool:
    """Send it; False when there is nobody (left) to tell or nothing was decided."""
    post = (
        Post.objects.select_related("organization", "author__user", "reviewed_by")
        .filter(pk=post_id, source=PostSource.EMPLOYEE)
        .first()
    )
    if post is None or post.author is None or post.status not in (
        PostStatus.LIVE, PostStatus.DECLINED,
    ):  # fmt: skip
        return False
    author = post.author
    if author.status != "active":
        return False  # opted out (or removed): they receive nothing
    organization = post.organization
    context = {
        "post": post,
        "organization": organization,
        "approved": post.status == PostStatus.LIVE,
        "name": author.user.get_short_name() if author.user.name else "",
        "reviewer": post.reviewed_by.display_name if post.reviewed_by else "",
        "link": settings.SITE_URL + reverse("proposal_list", args=[organization.slug]),
    }
    with translation.override(author.user.language or organization.language):
        subject = render_to_string("content/email/review_outcome_subject.txt", context)
        text = render_to_string("content/email/review_outcome.txt", context)
        html = render_to_string("content/email/review_outcome.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[author.user.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return True
