"""Inviting many people from a file: upload, the report of problems, progress and summary."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..access import invitation_import_for
from ..invitation_forms import ImportForm
from ..models import InvitationImport
from ..services.invitation_import import (
    COLUMN_LABELS,
    invitation_file_read,
    invitation_import_create,
)

# Shown on the page; the full list would be unreadable when a whole file is wrong.
MAX_PROBLEMS_SHOWN = 200


@org_view(perm=Perm.INVITE_MEMBERS)
def invitation_import(request: OrgRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        read = invitation_file_read(
            upload=upload, organization=request.organization, inviter=request.membership
        )
        if read.ok:
            batch = invitation_import_create(
                organization=request.organization,
                inviter=request.membership,
                file_name=upload.name,
                read=read,
            )
            return redirect(
                "invitation_import_detail", org_slug=request.organization.slug, import_id=batch.pk
            )
        problems = read.problems
    return render(
        request,
        "accounts/invitations/import.html",
        {
            "form": form,
            "problems": problems[:MAX_PROBLEMS_SHOWN],
            "problems_hidden": max(0, len(problems) - MAX_PROBLEMS_SHOWN),
            "problem_count": len(problems),
            "recent": InvitationImport.objects.filter(organization=request.organization)
            .select_related("created_by")
            .defer("rows")[:10],
        },
    )


@org_view(perm=Perm.INVITE_MEMBERS)
def invitation_import_detail(request: OrgRequest, import_id: int) -> HttpResponse:
    batch = invitation_import_for(request.organization, import_id)
    return render(request, "accounts/invitations/import_detail.html", {"batch": batch})


@org_view(perm=Perm.INVITE_MEMBERS)
def invitation_import_progress(request: OrgRequest, import_id: int) -> HttpResponse:
    """The progress block alone, which the detail page polls (htmx) until the import is done."""
    batch = invitation_import_for(request.organization, import_id)
    return render(request, "accounts/invitations/_import_progress.html", {"batch": batch})


@org_view(perm=Perm.INVITE_MEMBERS)
def invitation_import_template(request: OrgRequest) -> HttpResponse:
    """An example file with the column names in the reader's language. Dutch Excel expects `;`
    between columns, English Excel `,`; the byte-order mark tells Excel it is UTF-8."""
    dutch = get_language() == "nl"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if dutch else ",")
    writer.writerow([str(label) for label in COLUMN_LABELS.values()])
    writer.writerow(
        [
            "anna.devries@example.com",
            "Anna de Vries",
            _("Sales"),
            _("ambassador"),
            _("no"),
            request.organization.language,
        ]
    )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="invitations.csv"'
    return response
