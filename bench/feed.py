"""The ambassador feed with 500 live posts and 10,000 members, on the production web server.

Like org_home: `multiplier web` (granian, DEBUG off, SQLite in a temporary folder with the demo
organisation), loaded by wrk on loopback, with /healthz measured in the same run as the baseline.
Before the server answers anything, bench/_feed_data.py grows the demo organisation to 10,000
members and 500 live posts (audiences for everyone, teams, themes and leaders; three versions
each; 20,000 shares). The measured page is the demo ambassador's feed page, /o/noorderlicht/sharing/
(the first 20 of their posts: themes first, "new this cycle", already shared).
"""

from __future__ import annotations

import subprocess
import sys

from bench._common import (
    HERE,
    Result,
    log_in,
    machine,
    page_against_healthz,
    page_results,
    production_server,
)

SECONDS = 10
CONNECTIONS = 4
TARGET_P95_MS = 50.0
PAGE = "/o/noorderlicht/sharing/"


def run() -> list[Result]:
    from multiplier.demo.data import DEMO_PASSWORD

    print(f"machine: {machine()}")
    with production_server() as server:
        print("data: 10,000 members, 500 live posts ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "bench._feed_data"],
            env={**server.env, "DJANGO_SETTINGS_MODULE": "multiplier.settings"},
            cwd=HERE.parent,
            check=True,
        )
        cookie = log_in(server, "ambassador@noorderlicht.example", DEMO_PASSWORD)
        _check_page(server, cookie)
        baseline, page = page_against_healthz(
            server,
            PAGE,
            cookie=cookie,
            label="feed",
            seconds=SECONDS,
            connections=CONNECTIONS,
            warmup_seconds=3,
        )
        _check_page(server, cookie)
    return page_results("feed", "feed", page, baseline, TARGET_P95_MS)


def _check_page(server, cookie: str) -> None:
    """The real feed: 200, the ambassador's posts, and a "show more" for the rest."""
    response, page = server.request("GET", PAGE, headers={"Cookie": cookie})
    if response.status != 200 or "Benchmark post" not in page or "feed-more" not in page:
        raise RuntimeError(f"{PAGE} is not the ambassador's full feed (HTTP {response.status})")
