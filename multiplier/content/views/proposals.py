"""Members' own content: "Propose a post" and "My proposals" (with the status and, for a
declined one, the reason)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm
from multiplier.program.forms.service_errors import add_service_errors
from multiplier.program.guardrails import check_text

from ..forms.proposals import ProposalForm
from ..selectors.review import my_proposals
from ..services.submissions import proposal_create


@org_view(perm=Perm.USE_PROGRAMME)
def proposal_create_view(request: OrgRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = proposal_create(membership=request.membership, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you! “%(title)s” is waiting for the programme team's review.")
                % {"title": post.title},
            )
            # Guardrails advise; they never block. The author sees what deserves a second look.
            findings = check_text(request.organization, f"{data['title']}\n{data['text']}")
            if findings:
                terms = ", ".join(dict.fromkeys(f"“{finding.term}”" for finding in findings))
                messages.warning(
                    request,
                    _("A second look may help: your text mentions %(terms)s. The programme "
                      "team will see this too.") % {"terms": terms},
                )  # fmt: skip
            return redirect("proposal_list", request.organization.slug)
    return render(request, "content/proposals/form.html", {"form": form})


@org_view(perm=Perm.USE_PROGRAMME)
def proposal_list(request: OrgRequest) -> HttpResponse:
    return render(
        request,
        "content/proposals/list.html",
        {"proposals": my_proposals(request.membership)},
    )
