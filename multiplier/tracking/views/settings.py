"""The organisation's link-tracking settings (programme managers and admins)."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..forms import TrackingSettingsForm
from ..selectors import tracking_settings_for
from ..services.links import destination_with_utm
from ..services.settings import tracking_settings_update

EXAMPLE_LINK = "https://example.org/news/our-new-office?ref=newsletter"


@org_view(perm=Perm.RUN_PROGRAMME)
def tracking_settings(request: OrgRequest) -> HttpResponse:
    current = tracking_settings_for(request.organization.id)
    # The form validates a copy, so the example on the page keeps showing what is saved.
    form = TrackingSettingsForm(request.POST or None, instance=copy.copy(current))
    if request.method == "POST" and form.is_valid():
        changed = tracking_settings_update(
            organization=request.organization, by=request.membership, **form.cleaned_data
        )
        messages.success(request, _("Settings saved.") if changed else _("Nothing changed."))
        return redirect("tracking_settings", request.organization.slug)
    example = destination_with_utm(
        EXAMPLE_LINK,
        network="linkedin",
        campaign="spring-launch",
        content="v2",
        settings=current,
    )
    return render(
        request,
        "tracking/settings.html",
        {"form": form, "example_link": EXAMPLE_LINK, "example": example},
    )
