"""The guardrail terms page (managers): the list per language, adding, changing, removing,
restoring the defaults, and a "try it" box that shows what check_text finds in a sample."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..access import guardrail_term_for
from ..forms.guardrails import GuardrailTermForm, GuardrailTryForm
from ..forms.service_errors import add_service_errors
from ..guardrails import check_text
from ..models import GuardrailTerm
from ..services.guardrails import (
    guardrail_term_create,
    guardrail_term_delete,
    guardrail_term_update,
    guardrail_terms_restore_defaults,
)


def _list_url(request: OrgRequest, language: str = "") -> str:
    """The list, with `language`'s terms open and in view."""
    url = reverse("guardrail_terms", args=[request.organization.slug])
    return f"{url}?{urlencode({'language': language})}#terms-{language}" if language else url


def _page(request: OrgRequest, **context: Any) -> HttpResponse:
    terms = GuardrailTerm.objects.filter(organization=request.organization)
    by_language = {code: [] for code, _name in settings.LANGUAGES}
    for term in terms:
        by_language.setdefault(term.language, []).append(term)
    context.setdefault(
        "form", GuardrailTermForm(initial={"language": request.organization.language})
    )
    context.setdefault("try_form", GuardrailTryForm())
    open_language = request.GET.get("language", "")
    if open_language not in by_language:
        open_language = request.organization.language
    return render(
        request,
        "program/guardrails/list.html",
        {
            "languages": [
                (code, name, by_language.get(code, [])) for code, name in settings.LANGUAGES
            ],
            "open_language": open_language,
            **context,
        },
    )


@org_view(perm=Perm.RUN_PROGRAMME)
def guardrail_terms(request: OrgRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    form = GuardrailTermForm(request.POST)
    if form.is_valid():
        try:
            term = guardrail_term_create(
                organization=request.organization, by=request.membership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("“%(term)s” is added.") % {"term": term.term})
            return redirect(_list_url(request, term.language))
    return _page(request, form=form)


@org_view(perm=Perm.RUN_PROGRAMME)
def guardrail_term_edit(request: OrgRequest, term_id: int) -> HttpResponse:
    term = guardrail_term_for(request.organization, term_id)
    initial = {name: getattr(term, name) for name in ("language", "term", "category", "advice")}
    form = GuardrailTermForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            guardrail_term_update(guardrail_term=term, by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(_list_url(request, term.language))
    return render(request, "program/guardrails/edit.html", {"form": form, "term": term})


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def guardrail_term_delete_view(request: OrgRequest, term_id: int) -> HttpResponse:
    term = guardrail_term_for(request.organization, term_id)
    guardrail_term_delete(guardrail_term=term, by=request.membership)
    messages.success(request, _("“%(term)s” is removed.") % {"term": term.term})
    return redirect(_list_url(request, term.language))


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def guardrail_terms_restore(request: OrgRequest) -> HttpResponse:
    added = guardrail_terms_restore_defaults(
        organization=request.organization, by=request.membership
    )
    if added:
        messages.success(
            request,
            ngettext(
                "One default term is back in the list.",
                "%(count)d default terms are back in the list.",
                added,
            )
            % {"count": added},
        )
    else:
        messages.info(request, _("Every default term is already in the list."))
    return redirect(_list_url(request))


@require_POST
@org_view(perm=Perm.RUN_PROGRAMME)
def guardrail_check(request: OrgRequest) -> HttpResponse:
    """The "try it" box. With htmx only the result is sent back; without JavaScript, the page."""
    form = GuardrailTryForm(request.POST)
    context: dict[str, Any] = {"try_form": form}
    if form.is_valid():
        text = form.cleaned_data["text"]
        context.update(
            text=text,
            findings=check_text(request.organization, text, form.cleaned_data["language"] or None),
            checked=True,
        )
    if request.headers.get("HX-Request"):
        return render(request, "program/guardrails/_try_result.html", context)
    return _page(request, **context)
