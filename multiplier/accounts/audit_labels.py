"""How the audit log names what this app records (registered by AccountsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "invitation.created": _("Invited"),
    "invitation.resent": _("Invitation sent again"),
    "invitation.revoked": _("Invitation withdrawn"),
    "invitation.accepted": _("Invitation accepted"),
    "invitation.pruned": _("Old invitations removed"),
    "invitation_import.created": _("Invitations imported from a file"),
    "invitation_import.finished": _("Import of invitations finished"),
    "member.opted_out": _("Opted out"),
    "member.opted_in": _("Opted in again"),
    "organization.created": _("Organisation created"),
}

DETAIL_LABELS = {
    "rows": _("people in the file"),
    "invited": _("invited"),
    "resent": _("invited again"),
    "skipped": _("skipped (already members)"),
    "count": _("number"),
}
