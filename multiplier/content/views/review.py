"""The review queue for the programme team: feed drafts and colleagues' proposals, each approved
(after editing, if need be) or declined with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm
from multiplier.program.forms.service_errors import add_service_errors
from multiplier.program.guardrails import check_text, check_texts

from ..access import post_for
from ..forms.review import ApproveForm, DeclineForm
from ..models import Post
from ..selectors.review import review_queue
from ..services.review import is_waiting, review_approve, review_decline

PAGE_SIZE = 20  # a new feed brings up to 20 drafts at once; each is checked by the guardrails


@org_view(perm=Perm.RUN_PROGRAMME)
def review_queue_view(request: OrgRequest) -> HttpResponse:
    page = Paginator(review_queue(request.organization), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for post in page:
        variant = next(iter(post.variants.all()), None)
        post.first_text = variant.text if variant else ""
    checked = [_checked(post.title, post.first_text) for post in page]
    for post, findings in zip(page, check_texts(request.organization, checked), strict=True):
        post.findings = findings
    return render(request, "content/review/queue.html", {"posts": page, "page": page})


def _checked(title: str, text: str) -> str:
    """What the guardrails read: the text, and the title when it says something else (a
    proposal's title is often the text's first words, which should not count twice)."""
    return text if title.rstrip("…") in text else f"{title}\n{text}"


def _page(
    request: OrgRequest,
    post: Post,
    approve_form: ApproveForm | None = None,
    decline_form: DeclineForm | None = None,
) -> HttpResponse:
    variant = post.variants.order_by("position", "pk").first()
    text = variant.text if variant else ""
    if approve_form is None:
        approve_form = ApproveForm(initial={"title": post.title, "text": text, "link": post.link})
    checked = approve_form.data.get("text", text) if approve_form.is_bound else text
    return render(
        request,
        "content/review/item.html",
        {
            "post": post,
            "variant": variant,
            "waiting": is_waiting(post),
            "approve_form": approve_form,
            "decline_form": decline_form or DeclineForm(),
            "checked_text": checked,
            "findings": check_text(request.organization, checked),
        },
    )


def _back_to_queue(request: OrgRequest, error: ValidationError) -> HttpResponse:
    """An error about the post itself (say, someone reviewed it meanwhile), not about the input:
    said on the queue."""
    messages.error(request, " ".join(error.messages))
    return redirect("review_queue", request.organization.slug)


@org_view(perm=Perm.RUN_PROGRAMME)
def review_item(request: OrgRequest, post_id: int) -> HttpResponse:
    """GET: the post with its edit-and-approve form; POST: approve with the edits."""
    post = post_for(request.organization, post_id)
    if request.method != "POST":
        return _page(request, post)
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            review_approve(post=post, by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _back_to_queue(request, error)
            add_service_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” is approved and live.")
                             % {"title": form.cleaned_data["title"] or post.title})  # fmt: skip
            return redirect("review_queue", request.organization.slug)
    return _page(request, post, approve_form=form)


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def review_decline_view(request: OrgRequest, post_id: int) -> HttpResponse:
    post = post_for(request.organization, post_id)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            review_decline(post=post, by=request.membership, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _back_to_queue(request, error)
            add_service_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” is declined.") % {"title": post.title})
            return redirect("review_queue", request.organization.slug)
    return _page(request, post, decline_form=form)
