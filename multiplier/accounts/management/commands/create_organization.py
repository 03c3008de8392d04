"""`multiplier create_organization --name "Acme" --slug acme --admin-email it@acme.example`

Creates an organisation and invites its first admin: the invitation is e-mailed, and its link is
printed too, for an installation whose e-mail is not set up yet.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from multiplier.accounts.services.invitation_email import invitations_deliver
from multiplier.accounts.services.organization_setup import organization_create


class Command(BaseCommand):
    help = "Create an organisation and invite its first admin (prints the invitation link)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="The organisation's name.")
        parser.add_argument("--slug", required=True, help="Short name in addresses: /o/<slug>/.")
        parser.add_argument("--admin-email", required=True, help="Who becomes its first admin.")
        parser.add_argument("--admin-name", default="", help="The admin's name (optional).")
        parser.add_argument(
            "--language",
            default="nl",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The organisation's language, and that of the invitation (default: nl).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organization, invitation = organization_create(
                name=options["name"],
                slug=options["slug"],
                language=options["language"],
                admin_email=options["admin_email"],
                admin_name=options["admin_name"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(_messages(exc))) from None
        # Sent here rather than by the worker: on a new installation the worker may not run
        # yet, and the printed link must be the one in the e-mail.
        delivery = invitations_deliver(invitation_ids=[invitation.pk])
        self.stdout.write(
            self.style.SUCCESS(
                f"Created organisation {organization.name} (/o/{organization.slug}/)."
            )
        )
        if delivery.sent:
            self.stdout.write(f"Invitation e-mailed to {invitation.email}.")
        else:
            self.stderr.write(
                self.style.WARNING(
                    f"The invitation e-mail to {invitation.email} could not be sent (see the "
                    "log); give them the link below yourself."
                )
            )
        self.stdout.write(
            f"Invitation link (valid until {invitation.expires_at:%Y-%m-%d %H:%M} UTC):"
        )
        self.stdout.write(delivery.links[invitation.pk])


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items()]
    return list(exc.messages)
