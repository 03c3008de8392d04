"""Posts for programme managers: the list (filtered by status, theme, campaign), creating a post
with its first variant, its page (variants, previews per network, warnings), changing it, its
status steps and its link card."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm
from multiplier.program.forms.service_errors import add_service_errors
from multiplier.program.models import Campaign, Theme

from ..access import post_for
from ..forms.posts import PostForm
from ..forms.variants import LinkCardForm, VariantForm
from ..limits import LIMITS
from ..models import Post, PostStatus
from ..post_links import post_links
from ..previews import PREVIEW_NETWORKS, card_for, previews_for, variant_reports
from ..services.link_cards import link_card_edit
from ..services.posts import STEPS, post_create, post_steps, post_update
from ..services.variants import clean_text, variant_create, variant_validate


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@org_view(perm=Perm.RUN_PROGRAMME)
def post_list(request: OrgRequest) -> HttpResponse:
    organization = request.organization
    posts = Post.objects.filter(organization=organization).select_related("campaign")
    status = request.GET.get("status", "")
    theme_id = _int_or_none(request.GET.get("theme"))
    campaign_id = _int_or_none(request.GET.get("campaign"))
    if status in PostStatus.values:
        posts = posts.filter(status=status)
    if theme_id:
        posts = posts.filter(themes__id=theme_id)
    if campaign_id:
        posts = posts.filter(campaign_id=campaign_id)
    filtered = bool(status in PostStatus.values or theme_id or campaign_id)
    posts = (
        posts.distinct()
        .annotate(variant_count=Count("variants", distinct=True))
        .prefetch_related("themes")
    )
    return render(
        request,
        "content/posts/list.html",
        {
            "posts": posts,
            "filtered": filtered,
            "has_posts": filtered or posts.exists(),
            "statuses": PostStatus.choices,
            "themes": Theme.objects.filter(organization=organization).order_by("position", "name"),
            "campaigns": Campaign.objects.filter(organization=organization),
            "chosen": {"status": status, "theme": theme_id, "campaign": campaign_id},
        },
    )


def _counter_networks() -> list[tuple[str, str, int]]:
    return [(n, label, LIMITS[n]) for n, label in PREVIEW_NETWORKS.items()] + [
        ("threads", "Threads", LIMITS["threads"])
    ]


@org_view(perm=Perm.RUN_PROGRAMME)
def post_create_view(request: OrgRequest) -> HttpResponse:
    organization, by = request.organization, request.membership
    post_form = PostForm(request.POST or None, organization=organization)
    variant_form = VariantForm(request.POST or None, request.FILES or None, prefix="variant")
    if request.method == "POST" and not (post_form.is_valid() & variant_form.is_valid()):
        if variant_form.is_valid():
            # The post's fields have errors: still check the variant, so all show at once.
            data = variant_form.cleaned_data
            try:
                variant_validate(
                    link=post_form.cleaned_data.get("link") or "",
                    text=clean_text(data["text"]),
                    hashtags=data["hashtags"],
                    networks=data["networks"],
                    image=data["image"],
                    image_alt=clean_text(data["image_alt"]),
                    has_image=data["image"] is not None,
                )
            except ValidationError as error:
                add_service_errors(variant_form, error)
    elif request.method == "POST":
        try:
            with transaction.atomic():
                try:
                    post = post_create(organization=organization, by=by, **post_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(post_form, error)
                    raise
                try:
                    variant_create(post=post, by=by, **variant_form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(variant_form, error)
                    raise
        except ValidationError:
            pass  # nothing saved: the transaction is rolled back; the errors are on the forms
        else:
            messages.success(request, _("Post “%(title)s” saved as a draft.") % {"title": post})
            return redirect("post_detail", organization.slug, post.pk)
    return render(
        request,
        "content/posts/form.html",
        {
            "form": post_form,
            "variant_form": variant_form,
            "post": None,
            "networks": _counter_networks(),
        },
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def post_update_view(request: OrgRequest, post_id: int) -> HttpResponse:
    organization = request.organization
    post = post_for(organization, post_id)
    form = PostForm(request.POST or None, organization=organization, post=post)
    if request.method == "POST" and form.is_valid():
        try:
            changes = post_update(post=post, by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Post saved.") if changes else _("Nothing changed."))
            return redirect("post_detail", organization.slug, post.pk)
    return render(
        request,
        "content/posts/form.html",
        {"form": form, "variant_form": None, "post": post, "networks": _counter_networks()},
    )


def _detail_context(
    request: OrgRequest, post: Post, card_form: LinkCardForm | None = None
) -> dict[str, Any]:
    variants = list(post.variants.all())
    chosen = next(
        (v for v in variants if str(v.pk) == request.GET.get("variant")),
        variants[0] if variants else None,
    )
    if card_form is None and post.link:
        card_form = LinkCardForm(
            initial={
                "title": post.card_title,
                "description": post.card_description,
                "image_url": post.card_image_url,
            }
        )
    return {
        "post": post,
        "reports": variant_reports(variants, post),
        "chosen": chosen,
        "previews": previews_for(chosen, post) if chosen else [],
        "card": card_for(post),
        "card_form": card_form,
        "steps": post_steps(post),
        "can_delete_variant": len(variants) > 1,
        "post_links": post_links(post, request.organization.slug),
    }


@org_view(perm=Perm.RUN_PROGRAMME)
def post_detail(request: OrgRequest, post_id: int) -> HttpResponse:
    post = post_for(request.organization, post_id)
    return render(request, "content/posts/detail.html", _detail_context(request, post))


STEP_DONE = {
    "submit": gettext_lazy("The post is waiting for review."),
    "schedule": gettext_lazy("The post is scheduled."),
    "publish": gettext_lazy("The post is live."),
    "archive": gettext_lazy("The post is archived."),
    "return_to_draft": gettext_lazy("The post is a draft again."),
}


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def post_status_view(request: OrgRequest, post_id: int) -> HttpResponse:
    post = post_for(request.organization, post_id)
    step = request.POST.get("step", "")
    if step not in STEPS:
        messages.error(request, _("Unknown step."))
    else:
        try:
            STEPS[step](post=post, by=request.membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, str(STEP_DONE[step]))
    return redirect("post_detail", request.organization.slug, post.pk)


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def post_card_view(request: OrgRequest, post_id: int) -> HttpResponse:
    post = post_for(request.organization, post_id)
    form = LinkCardForm(request.POST)
    if form.is_valid():
        try:
            link_card_edit(post=post, by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):  # the service names the model's card_* fields
                error = ValidationError(
                    {k.removeprefix("card_"): v for k, v in error.error_dict.items()}
                )
            add_service_errors(form, error)
        else:
            messages.success(request, _("Link card saved."))
            return redirect("post_detail", request.organization.slug, post.pk)
    return render(
        request, "content/posts/detail.html", _detail_context(request, post, card_form=form)
    )
