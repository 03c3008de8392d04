"""The ambassador feed page: every post of the member's feed, a page at a time (htmx "show more"
appends the next page; without htmx it is an ordinary link)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..feed import feed_for

PAGE_SIZE = 20


@org_view(perm=Perm.USE_PROGRAMME)
def feed_view(request: OrgRequest) -> HttpResponse:
    feed = feed_for(request.membership)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    start = (page - 1) * PAGE_SIZE
    context = {
        "entries": feed.page(start, start + PAGE_SIZE),
        "total": len(feed),
        "next_page": page + 1 if start + PAGE_SIZE < len(feed) else None,
    }
    if request.headers.get("HX-Request") and page > 1:
        return render(request, "sharing/_feed_page.html", context)
    return render(request, "sharing/feed.html", context)
