"""Content sources for the programme team: the list with each feed's last poll and last error,
adding, changing and removing a feed, and "check now"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm
from multiplier.program.forms.service_errors import add_service_errors

from ..access import feed_source_for
from ..forms.feeds import FeedSourceForm
from ..models import FeedSource, PostStatus
from ..services.feeds import feed_create, feed_delete, feed_poll, feed_update


@org_view(perm=Perm.RUN_PROGRAMME)
def feed_source_list(request: OrgRequest) -> HttpResponse:
    sources = (
        FeedSource.objects.filter(organization=request.organization)
        .annotate(
            item_count=Count("items", distinct=True),
            waiting_count=Count(
                "items", filter=Q(items__post__status=PostStatus.DRAFT), distinct=True
            ),
        )
        .prefetch_related("themes")
    )
    return render(request, "content/feeds/list.html", {"sources": sources})


@org_view(perm=Perm.RUN_PROGRAMME)
def feed_source_create(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    form = FeedSourceForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            source = feed_create(organization=organization, by=request.membership,
                                 **form.cleaned_data)  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Content source “%(name)s” added. Check it now to see its newest items.")
                % {"name": source.name},
            )
            return redirect("feed_source_list", organization.slug)
    return render(request, "content/feeds/form.html", {"form": form, "source": None})


@org_view(perm=Perm.RUN_PROGRAMME)
def feed_source_edit(request: OrgRequest, source_id: int) -> HttpResponse:
    organization = request.organization
    source = feed_source_for(organization, source_id)
    form = FeedSourceForm(request.POST or None, organization=organization, source=source)
    if request.method == "POST" and form.is_valid():
        try:
            changed = feed_update(source=source, by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Content source saved.") if changed
                             else _("Nothing changed."))  # fmt: skip
            return redirect("feed_source_list", organization.slug)
    return render(request, "content/feeds/form.html", {"form": form, "source": source})


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def feed_source_delete(request: OrgRequest, source_id: int) -> HttpResponse:
    source = feed_source_for(request.organization, source_id)
    feed_delete(source=source, by=request.membership)
    messages.success(
        request,
        _("Content source “%(name)s” removed. The posts it brought are kept.")
        % {"name": source.name},
    )
    return redirect("feed_source_list", request.organization.slug)


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def feed_source_poll(request: OrgRequest, source_id: int) -> HttpResponse:
    """Check the feed now, while the manager waits: they asked, so they want the answer (the
    fetch has a timeout of a few seconds)."""
    source = feed_source_for(request.organization, source_id)
    result = feed_poll(source=source)
    if result.error:
        messages.error(
            request,
            _("“%(name)s” could not be read: %(error)s") % {"name": source.name,
                                                             "error": result.error},
        )  # fmt: skip
    elif result.not_modified or not result.new:
        messages.info(request, _("“%(name)s” has no new items.") % {"name": source.name})
    else:
        messages.success(
            request,
            ngettext(
                "“%(name)s”: %(count)d new item is waiting in the review queue.",
                "“%(name)s”: %(count)d new items are waiting in the review queue.",
                result.new,
            )
            % {"name": source.name, "count": result.new},
        )
    return redirect("feed_source_list", request.organization.slug)
