"""Step 3: who cares about, and who knows about, which theme.

Members declare their own themes (onboarding, profile): `member_theme_set`. Managers put people
on a theme, confirm experts or withdraw a confirmation, and take someone off a theme. Only
participating members and active themes take part; every change is audit-logged. A manager's
`by` may be None: the installation itself (the demo), see services/actors.py.

A member's own answer wins: taking part is voluntary, so "not for me" removes a bond even when a
manager made it. A confirmation is of expertise, so it goes when the member steps back to
interest.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership
from multiplier.core.permissions import Perm, can

from ..models import MemberTheme, Theme, ThemeRelation
from .actors import require_programme_runner

NOT_FOR_ME = "none"  # the member's third answer: no bond at all


def _check_participating(membership: Membership) -> None:
    if not membership.is_active:
        raise ValidationError(
            _("Only people who take part in the programme can be on a theme."),
            code="not_participating",
        )


def _check_active_theme(theme: Theme, organization_id: int) -> None:
    if theme.organization_id != organization_id:
        raise PermissionDenied
    if theme.is_archived:
        raise ValidationError(
            _("“%(name)s” is archived: restore it first.") % {"name": theme.name},
            code="theme_archived",
        )


@transaction.atomic
def member_theme_set(*, membership: Membership, choices: Mapping[int, str]) -> dict[str, dict]:
    """The member's own answers: {theme id: "interest" | "expertise" | "none"} for active themes
    of their organisation. Returns (and audits) the changes as {theme name: {"from", "to"}}."""
    if not can(membership, Perm.USE_PROGRAMME):
        raise PermissionDenied
    themes = {
        theme.pk: theme
        for theme in Theme.objects.filter(
            organization_id=membership.organization_id, pk__in=list(choices)
        ).active()
    }
    unknown = set(choices) - set(themes)
    if unknown:
        raise ValidationError(_("Some of these themes no longer exist."), code="unknown_theme")
    valid = {NOT_FOR_ME, *ThemeRelation.values}
    if any(choice not in valid for choice in choices.values()):
        raise ValidationError(_("Choose one of the answers for each theme."), code="bad_choice")

    bonds = {
        bond.theme_id: bond
        for bond in MemberTheme.objects.select_for_update().filter(
            membership=membership, theme_id__in=list(themes)
        )
    }
    changes: dict[str, dict] = {}
    for theme_id, choice in choices.items():
        bond = bonds.get(theme_id)
        before = bond.relation if bond else NOT_FOR_ME
        if before == choice:
            continue
        changes[themes[theme_id].name] = {"from": before, "to": choice}
        if choice == NOT_FOR_ME:
            bond.delete()  # type: ignore[union-attr]  (before != choice, so a bond exists)
        elif bond is None:
            MemberTheme.objects.create(
                organization_id=membership.organization_id,
                membership=membership,
                theme_id=theme_id,
                relation=choice,
            )
        else:
            bond.relation = choice
            # A confirmation is of expertise; it does not carry over to interest.
            bond.confirmed_at, bond.confirmed_by = None, None
            bond.save(update_fields=["relation", "confirmed_at", "confirmed_by"])
    if changes:
        audit(
            "member_theme.declared",
            actor=membership.user,
            organization=membership.organization,
            target=membership.user.email,
            changes=changes,
        )
    return changes


@transaction.atomic
def member_theme_assign(
    *,
    membership: Membership,
    theme: Theme,
    relation: str,
    by: Membership | None,
    confirm: bool = False,
) -> MemberTheme:
    """A manager puts someone on a theme (or changes how they are on it). With `confirm`, the
    expertise is confirmed at once."""
    require_programme_runner(by, membership.organization)
    _check_active_theme(theme, membership.organization_id)
    _check_participating(membership)
    if relation not in ThemeRelation.values:
        raise ValidationError({"relation": [_("Choose interest or expertise.")]})
    if confirm and relation != ThemeRelation.EXPERTISE:
        raise ValidationError(
            {"confirm": [_("Only expertise can be confirmed: choose “Expertise” as well.")]}
        )
    bond, created = MemberTheme.objects.select_for_update().get_or_create(
        membership=membership,
        theme=theme,
        defaults={"organization_id": membership.organization_id, "relation": relation},
    )
    before = None if created else bond.relation
    bond.relation = relation
    bond.assigned_by = getattr(by, "user", None)
    if relation != ThemeRelation.EXPERTISE:
        bond.confirmed_at, bond.confirmed_by = None, None
    elif confirm and bond.confirmed_at is None:
        bond.confirmed_at, bond.confirmed_by = timezone.now(), getattr(by, "user", None)
    bond.save()
    audit(
        "member_theme.assigned",
        actor=getattr(by, "user", None),
        organization=membership.organization,
        target=membership.user.email,
        theme=theme.name,
        relation={"from": before, "to": relation},
        confirmed=bond.confirmed_at is not None,
    )
    return bond


def member_theme_confirm_expert(*, member_theme: MemberTheme, by: Membership | None) -> bool:
    """Confirm someone's expertise. Returns False if it was confirmed already."""
    require_programme_runner(by, member_theme.organization)
    _check_active_theme(member_theme.theme, member_theme.organization_id)
    _check_participating(member_theme.membership)
    if member_theme.relation != ThemeRelation.EXPERTISE:
        raise ValidationError(
            _("%(name)s is interested in this theme but has not said they have expertise.")
            % {"name": member_theme.membership.user.display_name},
            code="not_expertise",
        )
    if member_theme.confirmed_at is not None:
        return False
    member_theme.confirmed_at, member_theme.confirmed_by = timezone.now(), getattr(by, "user", None)
    member_theme.save(update_fields=["confirmed_at", "confirmed_by"])
    audit(
        "member_theme.expert_confirmed",
        actor=getattr(by, "user", None),
        organization=member_theme.membership.organization,
        target=member_theme.membership.user.email,
        theme=member_theme.theme.name,
    )
    return True


def member_theme_withdraw_confirmation(*, member_theme: MemberTheme, by: Membership | None) -> bool:
    """Take a confirmation back (the expertise the member declared stays). Returns False if
    there was none."""
    require_programme_runner(by, member_theme.organization)
    if member_theme.confirmed_at is None:
        return False
    member_theme.confirmed_at, member_theme.confirmed_by = None, None
    member_theme.save(update_fields=["confirmed_at", "confirmed_by"])
    audit(
        "member_theme.confirmation_withdrawn",
        actor=getattr(by, "user", None),
        organization=member_theme.membership.organization,
        target=member_theme.membership.user.email,
        theme=member_theme.theme.name,
    )
    return True


def member_theme_remove(*, member_theme: MemberTheme, by: Membership | None) -> None:
    """A manager takes someone off a theme."""
    require_programme_runner(by, member_theme.organization)
    audit(
        "member_theme.removed",
        actor=getattr(by, "user", None),
        organization=member_theme.membership.organization,
        target=member_theme.membership.user.email,
        theme=member_theme.theme.name,
        relation=member_theme.relation,
        confirmed=member_theme.confirmed_at is not None,
    )
    member_theme.delete()
