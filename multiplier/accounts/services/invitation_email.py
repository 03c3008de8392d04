"""The invitation e-mail: a fresh link per sending, in the invitee's language.

Called from the background task `deliver_invitations` (and directly by `create_organization`,
which prints the link as well). A batch of invitations goes out over one SMTP connection.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from ..invitation_tokens import hash_secret, make_token, new_secret
from ..models import Invitation

logger = logging.getLogger(__name__)


@dataclass
class Delivery:
    links: dict[int, str] = field(default_factory=dict)  # invitation id -> accept link
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def accept_url(token: str) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[token])


def invitations_deliver(*, invitation_ids: Sequence[int]) -> Delivery:
    """Give each still-pending invitation a new secret and e-mail its link.

    The new secrets are committed before sending: a link that was e-mailed always works. If
    sending fails the invitation keeps a secret nobody has, which "Send again" replaces;
    `last_sent_at` and `send_count` count only e-mails the mail server accepted.
    """
    invitations = list(
        Invitation.objects.pending()
        .filter(pk__in=invitation_ids, membership__isnull=False)
        .select_related("organization", "invited_by", "membership__user")
        .order_by("pk")
    )
    delivery = Delivery()
    if not invitations:
        return delivery
    for invitation in invitations:
        secret = new_secret()
        invitation.token_hash = hash_secret(secret)
        delivery.links[invitation.pk] = accept_url(make_token(invitation.key, secret))
    with transaction.atomic():
        Invitation.objects.bulk_update(invitations, ["token_hash"], batch_size=500)

    messages = list(zip(invitations, invitation_messages(invitations, delivery.links), strict=True))
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError):
        logger.exception("could not connect to the mail server for %d invitations", len(messages))
        delivery.failed = [inv.pk for inv, _message in messages]
        return delivery
    try:
        for invitation, message in messages:
            try:
                connection.send_messages([message])
            except (smtplib.SMTPException, OSError):
                logger.exception("invitation %s could not be sent", invitation.pk)
                delivery.failed.append(invitation.pk)
            else:
                delivery.sent.append(invitation.pk)
    finally:
        connection.close()
    Invitation.objects.filter(pk__in=delivery.sent).update(
        last_sent_at=timezone.now(), send_count=F("send_count") + 1
    )
    return delivery


# Placeholders for what differs from person to person; see `invitation_messages`.
_GREETING = "MULTIPLIERGREETINGPLACEHOLDER"
_LINK = "MULTIPLIERLINKPLACEHOLDER"


def invitation_messages(
    invitations: Sequence[Invitation], links: dict[int, str]
) -> list[EmailMultiAlternatives]:
    """One e-mail per invitation, in the same order.

    An import sends thousands of e-mails that differ only in greeting and link, so the
    templates are rendered once per group that reads the same (language, organisation,
    inviter, expiry) and each person's greeting and link are filled in afterwards.
    """
    groups: dict[tuple, list[Invitation]] = defaultdict(list)
    for invitation in invitations:
        key = (
            invitation.language,
            invitation.organization_id,
            invitation.invited_by_id,
            invitation.expires_at,
        )
        groups[key].append(invitation)
    messages: dict[int, EmailMultiAlternatives] = {}
    for group in groups.values():
        first = group[0]
        subject, text, html = _render(first)
        inviter = first.invited_by
        for invitation in group:
            greeting = _greeting(invitation)
            link = links[invitation.pk]
            message = EmailMultiAlternatives(
                subject=subject,
                body=text.replace(_GREETING, greeting).replace(_LINK, link),
                to=[invitation.email],
                # Questions about the invitation go to the person who sent it.
                reply_to=[inviter.email] if inviter else None,
            )
            message.attach_alternative(
                html.replace(_GREETING, escape(greeting)).replace(_LINK, escape(link)),
                "text/html",
            )
            messages[invitation.pk] = message
    return [messages[invitation.pk] for invitation in invitations]


def _render(invitation: Invitation) -> tuple[str, str, str]:
    """Subject, text and HTML, with placeholders for the greeting and the link."""
    organization = invitation.organization
    inviter = invitation.invited_by
    context = {
        "invitation": invitation,
        "organization": organization,
        "inviter": inviter.display_name if inviter else "",
        "greeting": _GREETING,
        "link": _LINK,
    }
    # Texts, dates and the expiry time as the invitee reads them.
    with translation.override(invitation.language), timezone.override(organization.tz):
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        text = render_to_string("accounts/email/invitation.txt", context)
        html = render_to_string("accounts/email/invitation.html", context)
    return " ".join(subject.split()), text, html


def _greeting(invitation: Invitation) -> str:
    user = invitation.membership.user if invitation.membership else None
    with translation.override(invitation.language):
        # "Hello Anna," when we know her name; "Hello," rather than a guess from the address.
        if user and user.name:
            return _("Hello %(name)s,") % {"name": user.get_short_name()}
        return _("Hello,")
