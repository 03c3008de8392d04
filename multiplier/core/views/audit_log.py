"""The organisation's audit log (admins)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from ..audit_display import action_label, event_details
from ..decorators import OrgRequest, org_view
from ..permissions import Perm
from ..selectors import org_audit_actions, org_audit_events

PAGE_SIZE = 50


@org_view(perm=Perm.VIEW_AUDIT_LOG)
def audit_log(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    actions = org_audit_actions(organization)
    action = request.GET.get("action", "")
    if action not in actions:
        action = ""
    page = Paginator(org_audit_events(organization, action=action), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {"event": event, "label": action_label(event.action), "details": event_details(event)}
        for event in page
    ]
    return render(
        request,
        "core/audit_log.html",
        {
            "page": page,
            "rows": rows,
            "action": action,
            "actions": sorted(
                ((a, action_label(a)) for a in actions), key=lambda item: item[1].lower()
            ),
        },
    )
