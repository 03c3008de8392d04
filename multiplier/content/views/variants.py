"""A post's variants: adding one, changing it (text, hashtags, networks, image), deleting it
(a post keeps at least one) and moving it up or down."""

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
from multiplier.program.forms.service_errors import add_service_errors

from ..access import post_for, variant_for
from ..forms.variants import VariantForm
from ..models import Post, Variant
from ..previews import variant_report
from ..services.variants import variant_create, variant_delete, variant_move, variant_update
from .posts import _counter_networks


def post_url(request: OrgRequest, post: Post) -> str:
    return reverse("post_detail", args=[request.organization.slug, post.pk])


def _render(
    request: OrgRequest, form: VariantForm, post: Post, variant: Variant | None = None
) -> HttpResponse:
    return render(
        request,
        "content/variants/form.html",
        {
            "form": form,
            "post": post,
            "variant": variant,
            "networks": _counter_networks(),
            # The saved text's guardrail findings, to look at while changing it.
            "report": variant_report(variant, post) if variant is not None else None,
        },
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def variant_create_view(request: OrgRequest, post_id: int) -> HttpResponse:
    post = post_for(request.organization, post_id)
    form = VariantForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            variant = variant_create(post=post, by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Variant added."))
            url = f"{post_url(request, post)}?variant={variant.pk}#previews"
            return redirect(url)
    return _render(request, form, post)


@org_view(perm=Perm.RUN_PROGRAMME)
def variant_update_view(request: OrgRequest, variant_id: int) -> HttpResponse:
    variant = variant_for(request.organization, variant_id)
    post = variant.post
    form = VariantForm(request.POST or None, request.FILES or None, variant=variant)
    if request.method == "POST" and form.is_valid():
        try:
            variant_update(variant=variant, by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Variant saved."))
            return redirect(f"{post_url(request, post)}?variant={variant.pk}#previews")
    return _render(request, form, post, variant)


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def variant_delete_view(request: OrgRequest, variant_id: int) -> HttpResponse:
    variant = variant_for(request.organization, variant_id)
    post = variant.post
    try:
        variant_delete(variant=variant, by=request.membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Variant deleted."))
    return redirect("post_detail", request.organization.slug, post.pk)


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def variant_move_view(request: OrgRequest, variant_id: int) -> HttpResponse:
    variant = variant_for(request.organization, variant_id)
    variant_move(variant=variant, by=request.membership, up=request.POST.get("direction") == "up")
    return redirect(f"{post_url(request, variant.post)}#variants")
