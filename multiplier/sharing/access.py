"""One access helper per sharing type: another organisation's object and a missing one both give
404 (see core/access.py). A share is only ever shown to the member who made it."""

from __future__ import annotations

from typing import Any

from multiplier.core.access import get_owned_or_404
from multiplier.core.models import Membership

from .models import Share


def own_share_for(membership: Membership, pk: Any) -> Share:
    return get_owned_or_404(
        Share.objects.select_related("post", "variant", "tracked_link").filter(
            membership=membership
        ),
        membership.organization,
        pk=pk,
    )
