"""The share flow, one screen: pick a version, make it your own, choose the network, see the
preview; then share now (the network opens from the share page) or set a reminder for the
suggested slot. htmx refreshes the preview as the member types; without it the form still works.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from multiplier.content.limits import LIMITS, measure
from multiplier.content.models import Post, Variant
from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.models import Membership
from multiplier.core.permissions import Perm
from multiplier.program.guardrails import check_text

from ..access import own_share_for
from ..forms import ShareForm
from ..intents import COPY_FIRST, clean_instance, with_link
from ..models import ShareNetwork, SharingProfile
from ..personalise import THRESHOLD, distance
from ..services.shares import (
    UNDO_WINDOW,
    can_undo,
    reminder_set,
    share_intent,
    share_record,
    share_undo,
    short_url_placeholder,
)
from ..slots import slot_suggestion
from ..variants import starting_text, variant_suggestion
from .helpers import member_defaults, shareable_post


def _live(membership: Membership, post: Post, data: dict[str, Any]) -> dict[str, Any]:
    """What the live part of the screen shows for the form's current values: the preview, the
    fit on the network, whether it counts as own words, guardrail findings, the suggestion."""
    network = data.get("network") or ShareNetwork.LINKEDIN
    if network not in ShareNetwork.values:
        network = ShareNetwork.LINKEDIN
    variant: Variant | None = data.get("variant")
    text = data.get("text") or ""
    link = short_url_placeholder() if post.link else ""
    composed = with_link(text, link)  # what every network is given
    fit = measure(composed, network) if network in LIMITS else None
    # The link does not exist before sharing: the preview shows where it goes, not x's.
    preview = composed.replace(link, link.rstrip("x") + "…") if link else composed
    gap = distance(starting_text(variant), text, post.link) if variant else 1.0
    suggestion = variant_suggestion(post=post, membership=membership, network=network)
    return {
        "network": network,
        "network_label": ShareNetwork(network).label,
        "preview": preview,
        "fit": fit,
        "personalised": gap >= THRESHOLD,
        "findings": check_text(membership.organization, text),
        "checked_text": text,
        "suggested": suggestion,
        "suggested_number": _position(post, suggestion),
        "copy_first": network in COPY_FIRST,
    }


def _position(post: Post, variant: Variant | None) -> int | None:
    if variant is None:
        return None
    ids = [v.pk for v in post.variants.all()]
    return ids.index(variant.pk) + 1 if variant.pk in ids else None


def _form_values(form: ShareForm) -> dict[str, Any]:
    """The values as far as they are valid (for the live part, before submitting)."""
    form.is_valid()
    values = dict(form.cleaned_data)
    values.setdefault("text", form.data.get("text", ""))
    values.setdefault("network", form.data.get("network", ""))
    return values


@org_view(perm=Perm.USE_PROGRAMME)
def share_post(request: OrgRequest, post_id: int) -> HttpResponse:
    membership = request.membership
    post = shareable_post(membership, post_id)
    variants = list(post.variants.all())
    slot = slot_suggestion(post=post, membership=membership)
    if request.method == "POST":
        form = ShareForm(request.POST, post=post)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if request.POST.get("action") == "remind":
                    return _remind(request, post, data)
                recorded = share_record(
                    membership=membership,
                    post=post,
                    variant=data["variant"],
                    network=data["network"],
                    text=data["text"],
                    mastodon_instance=data["mastodon_instance"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("share_done", request.organization.slug, recorded.share.pk)
        values = _form_values(form)
    else:
        network, instance = member_defaults(membership)
        suggested = variant_suggestion(post=post, membership=membership, network=network)
        form = ShareForm(
            initial={
                "variant": suggested,
                "text": starting_text(suggested) if suggested else "",
                "network": network,
                "mastodon_instance": instance,
                "base_variant": suggested.pk if suggested else None,
            },
            post=post,
        )
        values = {"variant": suggested, "text": form.initial["text"], "network": network}
    return render(
        request,
        "sharing/share.html",
        {
            "post": post,
            "form": form,
            "variants": [(v, starting_text(v)) for v in variants],
            "slot": slot,
            "live": _live(membership, post, values),
        },
    )


def _remind(request: OrgRequest, post: Post, data: dict[str, Any]) -> HttpResponse:
    slot_at = parse_datetime(request.POST.get("slot_at", ""))
    if slot_at is None or timezone.is_naive(slot_at):
        raise ValidationError(_("Choose a time for the reminder."))
    reminder = reminder_set(
        membership=request.membership, post=post, network=data["network"], slot_at=slot_at
    )
    when = date_format(timezone.localtime(reminder.slot_at, request.organization.tz), "l j F, H:i")
    messages.success(
        request,
        _("We will remind you to share “%(title)s” on %(when)s.")
        % {"title": post.title, "when": when},
    )
    return redirect("sharing_feed", request.organization.slug)


@require_POST
@org_view(perm=Perm.USE_PROGRAMME)
def share_live(request: OrgRequest, post_id: int) -> HttpResponse:
    """htmx: the live part of the share screen for what is in the form now."""
    membership = request.membership
    post = shareable_post(membership, post_id)
    form = ShareForm(request.POST, post=post)
    return render(
        request,
        "sharing/_share_live.html",
        {"post": post, "live": _live(membership, post, _form_values(form))},
    )


@org_view(perm=Perm.USE_PROGRAMME)
def share_done(request: OrgRequest, share_id: int) -> HttpResponse:
    """After recording: open the network (share.js copies the text first where the network
    cannot take it), or undo within ten minutes."""
    share = own_share_for(request.membership, share_id)
    profile = SharingProfile.objects.filter(membership=request.membership).first()
    instance = clean_instance(profile.mastodon_instance) if profile else ""
    intent = share_intent(share, instance or "mastodon.social")
    undo_until: datetime = share.created_at + UNDO_WINDOW
    return render(
        request,
        "sharing/share_done.html",
        {
            "share": share,
            "intent": intent,
            "network_label": ShareNetwork(share.network).label,
            "can_undo": can_undo(share),
            "undo_until": undo_until,
        },
    )


@require_POST
@org_view(perm=Perm.USE_PROGRAMME)
def share_undo_view(request: OrgRequest, share_id: int) -> HttpResponse:
    share = own_share_for(request.membership, share_id)
    try:
        share_undo(share=share, by=request.membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("share_done", request.organization.slug, share.pk)
    messages.success(request, _("Share undone: it no longer counts."))
    return redirect("sharing_feed", request.organization.slug)
