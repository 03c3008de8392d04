"""An organisation's home page for a logged-in ambassador, on the production web server.

The production server (`multiplier web`: granian, DEBUG off, SQLite in a temporary folder with
the demo organisation) answers wrk, a load generator in a second process on loopback. The health
check `/healthz` (no session, one `SELECT 1`) is measured first in the same run as the baseline:
it is what this machine and the server manage without any page work, so the ratio says how much
the page itself costs, whatever the machine.
"""

from __future__ import annotations

from bench._common import Load, Result, log_in, machine, production_server, result, wrk

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

        # Warm-up: every worker imports its code and fills its caches before anything is counted.
        wrk(server.base + PAGE, seconds=2, connections=CONNECTIONS, headers={"Cookie": cookie})
        baseline = _measure(
            "healthz", wrk(server.base + "/healthz", seconds=SECONDS, connections=CONNECTIONS)
        )
        page = _measure(
            "org home",
            wrk(
                server.base + PAGE,
                seconds=SECONDS,
                connections=CONNECTIONS,
                headers={"Cookie": cookie},
            ),
        )
        _check_page(server, cookie)  # still logged in: every measured request was the real page

    print(
        f"org home / healthz: p50 x{page.p50_ms / baseline.p50_ms:.1f}, "
        f"p95 x{page.p95_ms / baseline.p95_ms:.1f}, throughput x{page.rps / baseline.rps:.2f}"
    )
    results = [result("org_home_p95_ms", page.p95_ms, "ms", "<", TARGET_P95_MS)]
    if page.errors or baseline.errors:
        results.append(
            result("org_home_errors", page.errors + baseline.errors, "requests", "<=", 0)
        )
    return results


def _measure(label: str, load: Load) -> Load:
    print(f"{label:>8}: {load.summary()}", flush=True)
    return load


def _check_page(server, cookie: str) -> None:
    response, page = server.request("GET", PAGE, headers={"Cookie": cookie})
    if response.status != 200 or "Lotte" not in page:
        raise RuntimeError(f"{PAGE} is not the ambassador's home page (HTTP {response.status})")
