"""Background work for invitations. Tasks are thin: they call a service."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from multiplier.core.scheduler import periodic

from .services.invitation_email import invitations_deliver
from .services.invitation_import import invitation_import_process, invitation_imports_resume
from .services.invitations import invitations_prune


class DeliveryFailed(Exception):
    """Some invitation e-mails were not accepted by the mail server (see the log)."""


@task()
def deliver_invitations(invitation_ids: list[int]) -> int:
    """E-mail these invitations (one mail-server connection for the lot). Returns how many
    were sent; never the links, because task results are stored."""
    delivery = invitations_deliver(invitation_ids=invitation_ids)
    if delivery.failed:
        # Marks the task as failed, for whoever watches the queue; the invitations themselves
        # show "not sent" and can be sent again from the invitations page.
        raise DeliveryFailed(f"{len(delivery.failed)} of {len(invitation_ids)} not sent")
    return len(delivery.sent)


@task()
def process_invitation_import(import_id: int) -> None:
    invitation_import_process(import_id=import_id)


@periodic(every=timedelta(minutes=10))
@task()
def resume_invitation_imports() -> int:
    """Imports whose worker stopped half-way are picked up again where they stopped."""
    return invitation_imports_resume()


@periodic(every=timedelta(days=1))
@task()
def prune_invitations() -> int:
    return invitations_prune()
