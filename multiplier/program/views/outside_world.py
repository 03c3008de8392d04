"""Step 5, the outside world: the entities (managers), their ties to members, a theme's map, and
each member's own page where they say who they follow, know or engage with."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..access import connection_for, entity_for, theme_for
from ..forms.outside_world import ConnectionForm, EntityFilterForm, EntityForm
from ..models import Connection, ConnectionKind, Entity, EntityKind, Theme
from ..outside_map import (
    KIND_COLOURS,
    LINE_STYLES,
    layout_theme_map,
    shape_points,
    text_colour_on,
)
from ..selectors.outside_world import (
    TIES,
    connection_suggestions,
    entity_search,
    entity_ties,
    group_by_kind,
    member_outside_world,
    participating_connections,
    theme_map,
    themes_without_outside_world,
    unconnected_entities,
)
from ..services.outside_world import (
    connection_add,
    connection_remove,
    entity_create,
    entity_delete,
    entity_update,
)

# Suggestions shown at once; the rest are a click away on each theme's map.
SHOWN_SUGGESTIONS = 8


def _today(request: OrgRequest) -> date:
    return timezone.localdate(timezone=request.organization.tz)


def _next_or(request: OrgRequest, fallback: str) -> HttpResponseRedirect:
    """Back to the page the button was on (only a page of this organisation), else `fallback`."""
    target = request.POST.get("next", "")
    own_pages = f"/o/{request.organization.slug}/"
    if target.startswith(own_pages) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


# --- Entities (managers) -----------------------------------------------------------------------


@org_view(perm=Perm.RUN_PROGRAMME)
def entity_list(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    form = EntityFilterForm(request.GET, organization=organization)
    filters = form.filters()
    entities = list(entity_search(organization, **filters))
    today = _today(request)
    suggestions = connection_suggestions(organization, today=today)
    return render(
        request,
        "program/outside_world/list.html",
        {
            "form": form,
            "groups": group_by_kind(entities),
            "shown_count": len(entities),
            "total": Entity.objects.filter(organization=organization).count(),
            "is_filtered": any(filters.values()),
            "has_themes": Theme.objects.filter(organization=organization).active().exists(),
            "suggestions": suggestions[:SHOWN_SUGGESTIONS],
            "more_suggestions": max(0, len(suggestions) - SHOWN_SUGGESTIONS),
            "unconnected": unconnected_entities(organization, today=today),
            "empty_themes": themes_without_outside_world(organization),
            "today": today,
        },
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def entity_create_view(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    form = EntityForm(request.POST or None, organization=organization, initial=_preset(request))
    if request.method == "POST" and form.is_valid():
        try:
            entity = entity_create(
                organization=organization, by=request.membership, fields=form.entity_fields()
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("%(name)s is part of the outside world now. Who is connected to it?")
                % {"name": entity.name},
            )
            return redirect("entity_detail", organization.slug, entity.pk)
    return render(request, "program/outside_world/form.html", {"form": form, "entity": None})


def _preset(request: OrgRequest) -> dict:
    """?theme=<id>&kind=<kind>, from the links that add an entity for a theme."""
    initial: dict = {}
    theme_id = request.GET.get("theme", "")
    if theme_id.isdigit():
        theme = Theme.objects.filter(organization=request.organization, pk=theme_id).first()
        if theme is not None and not theme.is_archived:
            initial["themes"] = [theme]
    if request.GET.get("kind") in EntityKind.values:
        initial["kind"] = request.GET["kind"]
    return initial


@org_view(perm=Perm.RUN_PROGRAMME)
def entity_edit(request: OrgRequest, entity_id: int) -> HttpResponse:
    organization = request.organization
    entity = entity_for(organization, entity_id)
    form = EntityForm(request.POST or None, organization=organization, entity=entity)
    if request.method == "POST" and form.is_valid():
        try:
            entity_update(entity=entity, by=request.membership, fields=form.entity_fields())
        except ValidationError as error:
            form.add_service_errors(error)
            entity.refresh_from_db()  # the heading shows the saved name, not the refused one
        else:
            messages.success(request, _("Changes saved."))
            return redirect("entity_detail", organization.slug, entity.pk)
    return render(request, "program/outside_world/form.html", {"form": form, "entity": entity})


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def entity_delete_view(request: OrgRequest, entity_id: int) -> HttpResponse:
    entity = entity_for(request.organization, entity_id)
    entity_delete(entity=entity, by=request.membership)
    messages.success(request, _("%(name)s is deleted.") % {"name": entity.name})
    return redirect("entity_list", request.organization.slug)


def _render_detail(
    request: OrgRequest, entity: Entity, form: ConnectionForm, status: int = 200
) -> HttpResponse:
    organization = request.organization
    connections = (
        participating_connections(organization)
        .filter(entity=entity)
        .select_related("membership__user")
        .order_by("membership__user__name", "kind")
    )
    suggestions = connection_suggestions(organization, today=_today(request), entity=entity)
    return render(
        request,
        "program/outside_world/detail.html",
        {
            "entity": entity,
            "themes": entity.themes.all(),
            "ties": [c for c in connections if c.kind != ConnectionKind.SHOULD_CONNECT],
            "asked": [c for c in connections if c.kind == ConnectionKind.SHOULD_CONNECT],
            "form": form,
            "suggestions": suggestions,
            "today": _today(request),
        },
        status=status,
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def entity_detail(request: OrgRequest, entity_id: int) -> HttpResponse:
    entity = entity_for(request.organization, entity_id)
    return _render_detail(request, entity, ConnectionForm(organization=request.organization))


# --- Connections -------------------------------------------------------------------------------


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def connection_add_view(request: OrgRequest, entity_id: int) -> HttpResponse:
    """The form on the entity's page, and the one-click "add as should-connect" buttons of the
    suggestions (which say where to go back to in `next`)."""
    organization = request.organization
    entity = entity_for(organization, entity_id)
    form = ConnectionForm(request.POST, organization=organization)
    from_elsewhere = bool(request.POST.get("next"))
    if form.is_valid():
        member, kind = form.cleaned_data["membership"], form.cleaned_data["kind"]
        try:
            connection_add(entity=entity, membership=member, kind=kind, by=request.membership)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _connection_message(member.user.display_name, entity, kind))
            return _next_or(request, reverse("entity_detail", args=[organization.slug, entity.pk]))
    if from_elsewhere:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _next_or(request, reverse("entity_detail", args=[organization.slug, entity.pk]))
    return _render_detail(request, entity, form, status=400)


def _connection_message(person: str, entity: Entity, kind: str) -> str:
    if kind == ConnectionKind.SHOULD_CONNECT:
        return _(
            "Suggested: %(person)s should connect with %(entity)s. They see it on their "
            "outside-world page."
        ) % {"person": person, "entity": entity.name}
    return _("Saved: %(person)s — %(kind)s — %(entity)s.") % {
        "person": person,
        "kind": ConnectionKind(kind).label.lower(),
        "entity": entity.name,
    }


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def connection_remove_view(request: OrgRequest, connection_id: int) -> HttpResponse:
    connection = connection_for(request.organization, connection_id)
    connection_remove(connection=connection, by=request.membership)
    messages.success(
        request,
        _("Removed: %(person)s — %(kind)s — %(entity)s.")
        % {
            "person": connection.membership.user.display_name,
            "kind": connection.get_kind_display().lower(),
            "entity": connection.entity.name,
        },
    )
    fallback = reverse("entity_detail", args=[request.organization.slug, connection.entity_id])
    return _next_or(request, fallback)


# --- The map -----------------------------------------------------------------------------------


@org_view(perm=Perm.RUN_PROGRAMME)
def entity_map(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    themes = list(Theme.objects.filter(organization=organization).active())
    requested = request.GET.get("theme", "")
    # No theme asked for: the first one (the map is one theme at a time).
    theme = theme_for(organization, requested) if requested else next(iter(themes), None)
    context: dict = {"themes": themes, "theme": theme}
    if theme is not None:
        today = _today(request)
        the_map = theme_map(organization, theme)
        context.update(
            map=the_map,
            layout=layout_theme_map(the_map, key_word=_("key entity")),
            theme_text_colour=text_colour_on(theme.colour),
            kind_legend=[
                (label, KIND_COLOURS[kind], shape_points(kind, 10, 10, 7))
                for kind, label in EntityKind.choices
            ],
            tie_legend=[(label, LINE_STYLES[kind]) for kind, label in ConnectionKind.choices],
            suggestions=connection_suggestions(organization, today=today, theme=theme),
            unconnected=unconnected_entities(organization, today=today, theme=theme),
            today=today,
        )
    return render(request, "program/outside_world/map.html", context)


# --- A member's own ties -----------------------------------------------------------------------


@org_view(perm=Perm.USE_PROGRAMME)
def outside_world_mine(request: OrgRequest) -> HttpResponse:
    return render(
        request,
        "program/outside_world/mine.html",
        {
            "world": member_outside_world(request.membership),
            "today": _today(request),
            "profile_url": reverse("profile", args=[request.organization.slug]),
        },
    )


@require_POST
@org_view(perm=Perm.USE_PROGRAMME)
def outside_world_mine_toggle(request: OrgRequest, entity_id: int) -> HttpResponse:
    """Switch one of the member's own ties on or off (or decline a suggestion). With htmx the
    entity's card is swapped in place; without, the page reloads at that card."""
    entity = entity_for(request.organization, entity_id)
    kind = request.POST.get("kind", "")
    me = request.membership
    if kind in TIES or kind == ConnectionKind.SHOULD_CONNECT:
        existing = Connection.objects.filter(entity=entity, membership=me, kind=kind).first()
        if existing is not None:
            connection_remove(connection=existing, by=me)
        elif kind in TIES:
            connection_add(entity=entity, membership=me, kind=kind, by=me)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "program/outside_world/_mine_entity.html",
            {"item": entity_ties(me, entity), "today": _today(request)},
        )
    url = reverse("outside_world_mine", args=[request.organization.slug])
    return redirect(f"{url}#entity-{entity.pk}")
