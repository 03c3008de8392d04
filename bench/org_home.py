"""An organisation's home page for a logged-in ambassador, on the production web server.

The production server (`multiplier web`: granian, DEBUG off, SQLite in a temporary folder with
the demo organisation) answers wrk, a load generator in a second process on loopback. The health
check `/healthz` (no session, one `SELECT 1`) is measured first in the same run as the baseline:
it is what this machine and the server manage without any page work, so the ratio says how much
the page itself costs, whatever the machine.
"""

from __future__ import annotations

from bench._common import (
    Result,
    log_in,
    machine,
    page_against_healthz,
    page_results,
    production_server,
)

SECONDS = 10
CONNECTIONS = 4  # a few people clicking at the same moment
TARGET_P95_MS = 100.0
PAGE = "/o/noorderlicht/"


def run() -> list[Result]:
    from multiplier.demo.data import DEMO_PASSWORD

    print(f"machine: {machine()}")
    with production_server() as server:
        workers = server.env.get("WEB_CONCURRENCY", "the default number of")
        print(f"server: multiplier web on {server.base} with {workers} granian workers")
        cookie = log_in(server, "ambassador@noorderlicht.example", DEMO_PASSWORD)
        _check_page(server, cookie)

        baseline, page = page_against_healthz(
            server,
            PAGE,
            cookie=cookie,
            label="org home",
            seconds=SECONDS,
            connections=CONNECTIONS,
            warmup_seconds=2,
        )
        _check_page(server, cookie)  # still logged in: every measured request was the real page
    return page_results("org_home", "org home", page, baseline, TARGET_P95_MS)


def _check_page(server, cookie: str) -> None:
    response, page = server.request("GET", PAGE, headers={"Cookie": cookie})
    if response.status != 200 or "Lotte" not in page:
        raise RuntimeError(f"{PAGE} is not the ambassador's home page (HTTP {response.status})")
