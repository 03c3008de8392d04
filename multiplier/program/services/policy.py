"""Writing the social media policy: drafts, publishing a version, members accepting it.

An organisation has at most one draft at a time; it carries the next version number, so
published versions are numbered 1, 2, 3 without gaps. A published version is never edited: a
manager starts a new draft from it. The text a manager types is turned into HTML and sanitised
here, before anything is saved (policy_text.py); pages only ever show that sanitised HTML.
Publishing and accepting are audited.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership, MembershipStatus, Organization

from ..models import Policy, PolicyAcceptance
from ..policy_text import has_text, policy_html
from .actors import require_programme_runner

TITLE_MAX_LENGTH = Policy._meta.get_field("title").max_length


def _cleaned(title: str, text: str) -> tuple[str, str]:
    """(title, sanitised HTML), or a ValidationError per field."""
    errors: dict[str, str] = {}
    title = " ".join(title.split())
    if not title:
        errors["title"] = _("Give the policy a title.")
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("A title can be at most %(max)d characters long.") % {
            "max": TITLE_MAX_LENGTH
        }
    body = policy_html(text)
    if not text.strip():
        errors["text"] = _("Write the text of the policy.")
    elif not has_text(body):
        errors["text"] = _(
            "Nothing readable is left once the parts that are not allowed (scripts, embedded "
            "frames, ...) are taken out. Write the policy as text."
        )
    if errors:
        raise ValidationError(errors)
    return title, body


def _lock(organization: Organization) -> None:
    # Version numbers and the one-draft rule are decided under this lock, so two managers
    # pressing "New draft" at once cannot both get one.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()


def _locked_draft(policy: Policy) -> Policy:
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if policy.published_at is not None:
        raise ValidationError(
            _("Version %(version)d is published and can no longer be changed: start a new draft.")
            % {"version": policy.version},
            code="published",
        )
    return policy


def policy_draft_create(
    *, organization: Organization, by: Membership | None, title: str, text: str, changes: str = ""
) -> Policy:
    require_programme_runner(by, organization)
    title, body = _cleaned(title, text)
    with transaction.atomic():
        _lock(organization)
        policies = Policy.objects.filter(organization=organization)
        if policies.filter(published_at__isnull=True).exists():
            raise ValidationError(
                _("There is already a draft of the next version: continue that one."),
                code="draft_exists",
            )
        newest = policies.aggregate(newest=Max("version"))["newest"] or 0
        return Policy.objects.create(
            organization=organization,
            version=newest + 1,
            title=title,
            source=text,
            body=body,
            changes=changes.strip(),
            created_by=by.user if by else None,
        )


def policy_draft_update(
    *, policy: Policy, by: Membership | None, title: str, text: str, changes: str = ""
) -> Policy:
    require_programme_runner(by, policy.organization)
    title, body = _cleaned(title, text)
    with transaction.atomic():
        policy = _locked_draft(policy)
        policy.title, policy.source, policy.body = title, text, body
        policy.changes = changes.strip()
        policy.save(update_fields=["title", "source", "body", "changes"])
    return policy


def policy_draft_discard(*, policy: Policy, by: Membership | None) -> None:
    require_programme_runner(by, policy.organization)
    with transaction.atomic():
        _locked_draft(policy).delete()


def policy_publish(*, policy: Policy, by: Membership | None) -> Policy:
    """Make the draft the current policy. From the second version on, members are asked to
    accept it again and see what changed, so that summary is required. The manager who
    publishes it has thereby accepted it."""
    organization = policy.organization
    require_programme_runner(by, organization)
    with transaction.atomic():
        _lock(organization)
        policy = _locked_draft(policy)
        published = Policy.objects.published().filter(organization=organization)
        newest = published.aggregate(newest=Max("version"))["newest"]
        if newest is not None and not policy.changes.strip():
            raise ValidationError(
                {
                    "changes": _(
                        "Say in a few words what changed since version %(version)d: members "
                        "read this when they are asked to accept the new version."
                    )
                    % {"version": newest}
                }
            )
        policy.published_at = timezone.now()
        policy.save(update_fields=["published_at"])
        audit(
            "policy.published",
            actor=by.user if by else None,
            organization=organization,
            target=str(policy),
            version=policy.version,
        )
        if by is not None and by.status == MembershipStatus.ACTIVE:
            policy_accept(membership=by, policy=policy)
    return policy


def policy_accept(*, membership: Membership, policy: Policy) -> PolicyAcceptance:
    """Record that the member accepted this version (once; accepting again changes nothing)."""
    if membership.organization_id != policy.organization_id:
        raise PermissionDenied
    if membership.status != MembershipStatus.ACTIVE:
        raise PermissionDenied  # opted-out members are not asked anything
    if policy.published_at is None:
        raise ValidationError(_("A draft cannot be accepted."), code="draft")
    with transaction.atomic():
        acceptance, created = PolicyAcceptance.objects.get_or_create(
            policy=policy,
            membership=membership,
            defaults={"organization_id": policy.organization_id},
        )
        if created:
            audit(
                "policy.accepted",
                actor=membership.user,
                organization=policy.organization,
                target=str(policy),
                version=policy.version,
            )
    return acceptance
