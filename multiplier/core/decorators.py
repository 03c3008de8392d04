"""`org_view`: the one way to write a view under /o/<org_slug>/."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .middleware import ORG_KWARG
from .models import Membership, Organization
from .permissions import Perm, can


class OrgRequest(HttpRequest):
    """What an org view receives (for type hints): the middleware has set these."""

    organization: Organization
    membership: Membership


def org_view(
    perm: Perm | None = Perm.USE_PROGRAMME, *, skip_gates: bool = False
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Declare a view of an organisation and the permission it needs.

    The middleware has already resolved the organisation (404 for non-members); this checks
    the role (403) and drops `org_slug` from the view's arguments. `perm=None` means any
    member, opted-out ones included (their profile, to opt in again). `skip_gates` lets a view
    be reached before onboarding / two-factor set-up is done (the wizard itself).
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            kwargs.pop(ORG_KWARG, None)
            membership = getattr(request, "membership", None)
            if membership is None:
                # Only possible if the URL pattern lacks <org_slug>: a programming error.
                raise RuntimeError(f"{view.__qualname__} is an org_view without <{ORG_KWARG}>")
            if perm is not None and not can(membership, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.skip_gates = skip_gates  # type: ignore[attr-defined]
        wrapper.org_perm = perm  # type: ignore[attr-defined]
        return wrapper

    return decorator
