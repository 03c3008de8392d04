"""Access to tenant-owned objects.

Every lookup of an object that belongs to an organisation goes through a helper built on
`get_owned_or_404`, which filters by the requesting organisation first. An object of another
organisation and a missing object therefore give the same 404: nobody can probe for ids.
Each app keeps one helper per type in its own `access.py`; this module holds core's.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from .models import Membership, Organization

M = TypeVar("M", bound=Model)


def get_owned_or_404(queryset: QuerySet[M], organization: Organization, **lookup: Any) -> M:
    try:
        owned = queryset.filter(organization=organization).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    # The organisation is the one the request already resolved: attach it, so that code using
    # `owned.organization` (time zones, permissions, audit) does not load it again per object.
    owned.organization = organization
    return owned


def membership_for(organization: Organization, pk: Any) -> Membership:
    return get_owned_or_404(Membership.objects.select_related("user"), organization, pk=pk)
