"""The project's URLs plus one view that leaks: tests/test_isolation.py must find it."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from multiplier.core.decorators import org_view
from multiplier.core.models import Membership
from multiplier.core.permissions import Perm
from multiplier.urls import handler403, handler404
from multiplier.urls import urlpatterns as project_urlpatterns

__all__ = ["handler403", "handler404", "urlpatterns"]


@org_view(perm=Perm.VIEW_MEMBERS)
def leaky_member(request: HttpRequest, member_id: int) -> HttpResponse:
    # The bug on purpose: no organisation filter (core.access.membership_for would have one).
    membership = Membership.objects.get(pk=member_id)
    return HttpResponse(membership.user.email)


urlpatterns = [
    *project_urlpatterns,
    path("o/<slug:org_slug>/leaky/members/<int:member_id>/", leaky_member, name="leaky_member"),
]
