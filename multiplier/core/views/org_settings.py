"""The organisation's settings (admins)."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..decorators import OrgRequest, org_view
from ..forms.org_settings import OrganizationSettingsForm
from ..permissions import Perm
from ..services.organization import organization_update


@org_view(perm=Perm.MANAGE_SETTINGS)
def org_settings(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    # The form validates a copy, so the page around it keeps showing the saved name.
    form = OrganizationSettingsForm(request.POST or None, instance=copy.copy(organization))
    if request.method == "POST" and form.is_valid():
        try:
            changes = organization_update(
                organization=organization, by=request.membership, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Settings saved.") if changes else _("Nothing changed."))
            return redirect("org_settings", organization.slug)
    return render(request, "core/org_settings.html", {"form": form})
