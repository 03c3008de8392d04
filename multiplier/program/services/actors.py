"""Who may write the programme's data through a service."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from multiplier.core.models import Membership, Organization
from multiplier.core.permissions import Perm, can


def require_programme_runner(by: Membership | None, organization: Organization) -> None:
    """A manager or admin of this organisation; None is the installation itself (data set-up,
    the demo), which may."""
    if by is not None and (
        by.organization_id != organization.pk or not can(by, Perm.RUN_PROGRAMME)
    ):
        raise PermissionDenied
