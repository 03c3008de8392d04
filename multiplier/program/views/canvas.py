"""The programme canvas: the seven steps and where each stands (program/canvas.py computes it)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from multiplier.core.decorators import OrgRequest, org_view
from multiplier.core.permissions import Perm

from ..canvas import build_canvas


@org_view(perm=Perm.RUN_PROGRAMME)
def programme_canvas(request: OrgRequest) -> HttpResponse:
    return render(
        request, "program/canvas/page.html", {"canvas": build_canvas(request.organization)}
    )
