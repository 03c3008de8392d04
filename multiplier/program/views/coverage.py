"""Step 3's picture: themes x people, with the counts and the thresholds (managers)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..forms.coverage import ThresholdsForm
from ..selectors.coverage import coverage
from ..services.coverage import coverage_thresholds_update


@org_view(perm=Perm.RUN_PROGRAMME)
def coverage_view(request: OrgRequest) -> HttpResponse:
    picture = coverage(request.organization)
    form = ThresholdsForm(
        request.POST or None,
        initial={
            "min_ambassadors": picture.settings.min_ambassadors_per_theme,
            "min_experts": picture.settings.min_experts_per_theme,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes = coverage_thresholds_update(
                organization=request.organization, by=request.membership, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thresholds saved.") if changes else _("Nothing changed."))
            return redirect("coverage", request.organization.slug)
    return render(request, "program/coverage/coverage.html", {"coverage": picture, "form": form})
