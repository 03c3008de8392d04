"""What each role may do, decided here and nowhere else.

Views ask `can(membership, Perm.X)` (or declare `@org_view(perm=Perm.X)`); templates ask
`{% if perms_org.manage_members %}`. Adding a capability means adding a Perm and its roles here.
"""

from __future__ import annotations

from enum import StrEnum

from .models import Membership, MembershipStatus, Role


class Perm(StrEnum):
    # Everyone who takes part.
    USE_PROGRAMME = "use_programme"
    # Running the programme: content, goals, themes, dashboards.
    RUN_PROGRAMME = "run_programme"
    VIEW_MEMBERS = "view_members"
    INVITE_MEMBERS = "invite_members"
    # Organisation administration.
    MANAGE_MEMBERS = "manage_members"  # roles, leader flag, removing people
    MANAGE_SETTINGS = "manage_settings"
    VIEW_AUDIT_LOG = "view_audit_log"
    EXPORT_DATA = "export_data"


_ALL = frozenset(Role)
_STAFF = frozenset({Role.ADMIN, Role.MANAGER})
_ADMIN = frozenset({Role.ADMIN})

ROLES_FOR: dict[Perm, frozenset[str]] = {
    Perm.USE_PROGRAMME: _ALL,
    Perm.RUN_PROGRAMME: _STAFF,
    Perm.VIEW_MEMBERS: _STAFF,
    Perm.INVITE_MEMBERS: _STAFF,
    Perm.MANAGE_MEMBERS: _ADMIN,
    Perm.MANAGE_SETTINGS: _ADMIN,
    Perm.VIEW_AUDIT_LOG: _ADMIN,
    Perm.EXPORT_DATA: _ADMIN,
}

# An opted-out member keeps access to their own profile (to opt in again) and nothing else.
_OPTED_OUT_ALLOWED: frozenset[Perm] = frozenset()


def can(membership: Membership | None, perm: Perm) -> bool:
    if membership is None:
        return False
    if membership.status == MembershipStatus.INVITED:
        return False
    if membership.status == MembershipStatus.OPTED_OUT and perm not in _OPTED_OUT_ALLOWED:
        return False
    return membership.role in ROLES_FOR[perm]


def permissions_for(membership: Membership | None) -> dict[str, bool]:
    """All permissions as a dict, for templates."""
    return {perm.value: can(membership, perm) for perm in Perm}
