"""`create_organization`: how a self-hosted installation gets its first organisation."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from multiplier.core.models import AuditEvent, Membership, MembershipStatus, Organization, Role

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("create_organization", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_creates_the_organisation_and_invites_its_first_admin(settings):
    settings.SITE_URL = "https://advocacy.example.org"
    output = run(
        "--name", "Acme Corp", "--slug", "acme-corp", "--admin-email", "IT@acme.example",
        "--language", "nl",
    )  # fmt: skip
    organization = Organization.objects.get(slug="acme-corp")
    assert (organization.name, organization.language) == ("Acme Corp", "nl")
    membership = Membership.objects.get(organization=organization)
    assert membership.user.email == "it@acme.example"
    assert (membership.role, membership.status) == (Role.ADMIN, MembershipStatus.INVITED)

    [message] = mail.outbox
    assert "Je bent uitgenodigd" in message.subject  # the organisation's language
    link = re.search(r"https://advocacy\.example\.org/invite/\S+/", output).group(0)
    assert link in message.body  # the printed link is the e-mailed one
    assert AuditEvent.objects.filter(action="organization.created").exists()

    client = Client()
    path = link.removeprefix(settings.SITE_URL)
    response = client.post(path, {"name": "Ida IT", "password": "first admin pass 1",
                                  "language": "en"})  # fmt: skip
    assert response["Location"] == reverse("org_home", args=["acme-corp"])
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE


def test_refuses_a_slug_that_is_taken_or_malformed(org):
    with pytest.raises(CommandError, match="slug"):
        run("--name", "Again", "--slug", "acme", "--admin-email", "a@example.com")
    with pytest.raises(CommandError, match="slug"):
        run("--name", "Bad", "--slug", "not a slug", "--admin-email", "a@example.com")
    with pytest.raises(CommandError, match="email"):
        run("--name", "Bad", "--slug", "bad-mail", "--admin-email", "nope")
    assert list(Organization.objects.values_list("slug", flat=True)) == ["acme"]
    assert mail.outbox == []


def test_prints_the_link_when_the_mail_server_is_unreachable(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    err = io.StringIO()
    out = io.StringIO()
    call_command(
        "create_organization", "--name", "Offline", "--slug", "offline",
        "--admin-email", "admin@offline.example", stdout=out, stderr=err,
    )  # fmt: skip
    assert "could not be sent" in err.getvalue()
    assert re.search(r"/invite/\S+/", out.getvalue())
