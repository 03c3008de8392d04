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

from bench._common import HERE, Load, Result, log_in, machine, production_server, result, wrk

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
        wrk(server.base + PAGE, seconds=3, connections=CONNECTIONS, headers={"Cookie": cookie})
        baseline = _measure(
            "healthz", wrk(server.base + "/healthz", seconds=SECONDS, connections=CONNECTIONS)
        )
        page = _measure(
            "feed",
            wrk(
                server.base + PAGE,
                seconds=SECONDS,
                connections=CONNECTIONS,
                headers={"Cookie": cookie},
            ),
        )
        _check_page(server, cookie)
    print(
        f"feed / healthz: p50 x{page.p50_ms / baseline.p50_ms:.1f}, "
        f"p95 x{page.p95_ms / baseline.p95_ms:.1f}, throughput x{page.rps / baseline.rps:.2f}"
    )
    results = [result("feed_p95_ms", page.p95_ms, "ms", "<", TARGET_P95_MS)]
    if page.errors or baseline.errors:
        results.append(result("feed_errors", page.errors + baseline.errors, "requests", "<=", 0))
    return results


def _measure(label: str, load: Load) -> Load:
    print(f"{label:>8}: {load.summary()}", flush=True)
    return load


def _check_page(server, cookie: str) -> None:
    """The real feed: 200, the ambassador's posts, and a "show more" for the rest."""
    response, page = server.request("GET", PAGE, headers={"Cookie": cookie})
    if response.status != 200 or "Benchmark post" not in page or "feed-more" not in page:
        raise RuntimeError(f"{PAGE} is not the ambassador's full feed (HTTP {response.status})")
