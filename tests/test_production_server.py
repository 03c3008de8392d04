"""The production web server as an installation runs it: `multiplier setup`, then `multiplier web`
(granian, DEBUG off) with static files collected by setup and served by whitenoise.

The rest of the suite renders pages with plain static storage; only here do the hashed file names
of the manifest storage run, so a template that refers to a missing static file fails here (in
production it would be a server error on every page)."""

from __future__ import annotations

import re

from bench._common import log_in, production_server
from bench._redirect_data import step
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

        # A tracked link is answered by the redirector's fast path, and its click is stored.
        codes = server.env["MULTIPLIER_DATA_DIR"] + "/codes.txt"
        step(server, "links", "3", codes)
        code = open(codes).read().split()[0]  # noqa: SIM115
        browser = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
        response, body = server.request("GET", f"/r/{code}", headers={"User-Agent": browser})
        assert response.status == 302
        assert response.headers["Location"].startswith("https://example.org/articles/")
        assert response.headers["Cache-Control"] == "no-store"
        response, body = server.request("GET", "/r/Unknown0", headers={"User-Agent": browser})
        assert response.status == 404 and "This link does not lead anywhere" in body
        assert step(server, "humans") == "1"
