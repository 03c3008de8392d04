from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Membership
from .permissions import permissions_for


def tenancy(request: HttpRequest) -> dict[str, Any]:
    """The current organisation, the member's permissions and their other organisations."""
    membership = getattr(request, "membership", None)
    context: dict[str, Any] = {
        "organization": getattr(request, "organization", None),
        "membership": membership,
        "perms_org": permissions_for(membership),
    }
    user = getattr(request, "user", None)
    known = getattr(request, "my_memberships", None)  # read by OrganizationMiddleware
    if known is not None:
        context["my_memberships"] = known
    elif user is not None and user.is_authenticated:
        context["my_memberships"] = Membership.objects.of_user(user)
    return context
