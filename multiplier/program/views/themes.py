"""Step 2, for managers: the list of themes, adding and changing one, ordering, archiving."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..access import theme_for
from ..forms.themes import ThemeForm
from ..selectors.themes import themes_overview
from ..services.themes import (
    theme_archive,
    theme_create,
    theme_delete,
    theme_move,
    theme_restore,
    theme_update,
)


@org_view(perm=Perm.RUN_PROGRAMME)
def theme_list(request: OrgRequest) -> HttpResponse:
    themes = list(themes_overview(request.organization))
    return render(
        request,
        "program/themes/list.html",
        {
            "active": [theme for theme in themes if not theme.is_archived],
            "archived": [theme for theme in themes if theme.is_archived],
        },
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def theme_create_view(request: OrgRequest) -> HttpResponse:
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = theme_create(
                organization=request.organization, by=request.membership, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Theme “%(name)s” added.") % {"name": theme.name})
            return redirect("theme_list", request.organization.slug)
    return render(request, "program/themes/form.html", {"form": form, "theme": None})


@org_view(perm=Perm.RUN_PROGRAMME)
def theme_edit(request: OrgRequest, theme_id: int) -> HttpResponse:
    theme = theme_for(request.organization, theme_id)
    form = ThemeForm.for_theme(theme, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            changes = theme_update(theme=theme, by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Theme saved.") if changes else _("Nothing changed."))
            return redirect("theme_list", request.organization.slug)
    if request.method == "POST":
        # The heading keeps the saved name while a refused change is being corrected.
        theme.refresh_from_db()
    return render(request, "program/themes/form.html", {"form": form, "theme": theme})


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def theme_move_view(request: OrgRequest, theme_id: int) -> HttpResponse:
    theme = theme_for(request.organization, theme_id)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    theme_move(theme=theme, by=request.membership, direction=direction)
    return redirect(_list_url(request, theme.pk))


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def theme_archive_view(request: OrgRequest, theme_id: int) -> HttpResponse:
    theme = theme_for(request.organization, theme_id)
    theme_archive(theme=theme, by=request.membership)
    messages.success(
        request,
        _("“%(name)s” is archived: members no longer see it. You can restore it at any time.")
        % {"name": theme.name},
    )
    return redirect("theme_list", request.organization.slug)


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def theme_restore_view(request: OrgRequest, theme_id: int) -> HttpResponse:
    theme = theme_for(request.organization, theme_id)
    theme_restore(theme=theme, by=request.membership)
    messages.success(
        request, _("“%(name)s” is back, at the end of the list.") % {"name": theme.name}
    )
    return redirect(_list_url(request, theme.pk))


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def theme_delete_view(request: OrgRequest, theme_id: int) -> HttpResponse:
    theme = theme_for(request.organization, theme_id)
    try:
        theme_delete(theme=theme, by=request.membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” is deleted.") % {"name": theme.name})
    return redirect("theme_list", request.organization.slug)


def _list_url(request: OrgRequest, theme_id: int) -> str:
    # Back to the row that was acted on, so a phone does not jump to the top after each move.
    return f"{reverse('theme_list', args=[request.organization.slug])}#theme-{theme_id}"
