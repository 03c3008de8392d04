"""The production web server as an installation runs it: `multiplier setup`, then `multiplier web`
(gunicorn, DEBUG off) with static files collected by setup and served by whitenoise.

The rest of the suite renders pages with plain static storage; only here do the hashed file names
of the manifest storage run, so a template that refers to a missing static file fails here (in
production it would be a server error on every page)."""

from __future__ import annotations

import re

from bench._common import log_in, production_server
from multiplier.demo.data import DEMO_PASSWORD


def test_web_serves_pages_and_their_static_files_with_debug_off():
    with production_server(workers=1) as server:
        response, page = server.request("GET", "/accounts/login/")
        assert response.status == 200
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
        assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
        for asset in assets:
            assert re.search(r"\.[0-9a-f]{12}\.\w+$", asset), f"{asset} has no content hash"
            asset_response, body = server.request("GET", asset)
            assert asset_response.status == 200, asset
            assert "immutable" in asset_response.headers["Cache-Control"]
            assert body

        cookie = log_in(server, "ambassador@noorderlicht.example", DEMO_PASSWORD)
        response, page = server.request("GET", "/o/noorderlicht/", headers={"Cookie": cookie})
        assert response.status == 200
        assert "Lotte" in page
