"""Background work of the review queue. Tasks are thin: they call a service."""

from __future__ import annotations

from django_tasks import task

from .services.review_email import review_outcome_send


@task()
def notify_review_outcome(post_id: int) -> bool:
    """E-mail the author of a proposal that it was approved or declined."""
    return review_outcome_send(post_id=post_id)
