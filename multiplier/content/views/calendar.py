"""The content calendar (cycles and the posts that go live in each; moving a post by a form or
by dragging it to another cycle) and the rhythm's settings, for managers and admins."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm
from multiplier.program.forms.service_errors import add_service_errors

from ..access import post_for
from ..forms.calendar import PostMoveForm, RhythmSettingsForm
from ..models import Post, PostStatus
from ..selectors.calendar import calendar_for, cycle_of, rhythm_settings
from ..services.calendar import cycle_drop_moment, post_move
from ..services.rhythm import content_settings_update

# Sent by calendar.js: answer with the redrawn board (or the error as text), not a page.
SCRIPT_HEADER = "X-Calendar"


def _board_context(request: OrgRequest) -> dict:
    calendar = calendar_for(request.organization)
    for post in [post for column in calendar.cycles for post in column.posts] + calendar.undated:
        post.move_form = PostMoveForm(post=post, auto_id=f"move-{post.pk}-%s")
    return {"calendar": calendar}


@org_view(perm=Perm.RUN_PROGRAMME)
def content_calendar(request: OrgRequest) -> HttpResponse:
    return render(request, "content/calendar/calendar.html", _board_context(request))


def _moved_message(post: Post, changes: dict) -> str:
    if not changes:
        return _("Nothing changed.")
    local = timezone.localtime(post.starts_at, post.organization.tz)
    when = formats.date_format(local, "DATETIME_FORMAT")
    if post.status not in (PostStatus.LIVE, PostStatus.SCHEDULED):
        return _("“%(title)s” is planned for %(when)s; it goes live then once it is scheduled.") % {
            "title": post.title,
            "when": when,
        }
    if "status" in changes:
        return _(
            "“%(title)s” now goes live on %(when)s; it is scheduled again and leaves the feed "
            "until then."
        ) % {"title": post.title, "when": when}
    return _("“%(title)s” now goes live on %(when)s.") % {"title": post.title, "when": when}


@org_view(perm=Perm.RUN_PROGRAMME)
def calendar_post_move(request: OrgRequest, post_id: int) -> HttpResponse:
    """GET: the move form on its own page. POST: a day and time from the form, or a `cycle`
    (its first day) from a drag on the calendar."""
    organization = request.organization
    post = post_for(organization, post_id)
    by_script = request.headers.get(SCRIPT_HEADER) == "1"
    form = PostMoveForm(request.POST or None, post=post)
    if request.method == "POST":
        dropped = "cycle" in request.POST
        try:
            if dropped:
                starts_at = cycle_drop_moment(post=post, cycle=_posted_cycle(request))
            elif form.is_valid():
                starts_at = form.starts_at()
            else:
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            changes = post_move(post=post, starts_at=starts_at, by=request.membership)
        except ValidationError as error:
            if by_script:
                return HttpResponse(
                    " ".join(error.messages), status=400, content_type="text/plain; charset=utf-8"
                )
            if dropped:
                messages.error(request, " ".join(error.messages))
                return redirect("content_calendar", organization.slug)
            if form.is_valid():  # the form's own errors are on it already
                add_service_errors(form, _as_form_errors(error))
        else:
            message = _moved_message(post, changes)
            if by_script:
                context = _board_context(request) | {"status_message": message}
                return HttpResponse(
                    render_to_string("content/calendar/_board.html", context, request=request)
                )
            messages.success(request, message)
            day = timezone.localtime(post.starts_at, organization.tz).date()
            cycle = cycle_of(organization, day, rhythm_settings(organization))
            url = reverse("content_calendar", args=[organization.slug])
            return redirect(f"{url}#cycle-{cycle.start.isoformat()}")
    return render(request, "content/calendar/move.html", {"form": form, "post": post})


def _posted_cycle(request: OrgRequest):
    try:
        day = date.fromisoformat(request.POST.get("cycle", ""))
    except ValueError:
        raise ValidationError(_("Drop the post on a cycle of the calendar.")) from None
    return cycle_of(request.organization, day, rhythm_settings(request.organization))


def _as_form_errors(error: ValidationError) -> ValidationError:
    """The service names the field `starts_at`; the form shows it as the day."""
    if hasattr(error, "error_dict"):
        fields = {"starts_at": "day", "ends_at": "day"}
        return ValidationError({fields.get(k, k): v for k, v in error.error_dict.items()})
    return error


@org_view(perm=Perm.RUN_PROGRAMME)
def rhythm_settings_view(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    settings = rhythm_settings(organization)
    form = RhythmSettingsForm(request.POST or None, organization=organization, settings=settings)
    if request.method == "POST" and form.is_valid():
        try:
            changes = content_settings_update(
                organization=organization, by=request.membership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rhythm saved.") if changes else _("Nothing changed."))
            return redirect("content_calendar", organization.slug)
    return render(request, "content/calendar/settings.html", {"form": form})
