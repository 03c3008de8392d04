"""The feed page in one process, independent of the machine's load (docs/benchmarks.md, feed):
`python -m bench._feed_profile [folder] [--profile]`.

Builds the benchmark's data (bench/_feed_data.py) into a SQLite database in `folder` (kept, so a
second run reuses it; a new temporary folder if none is given), then requests the feed page as
the demo ambassador through Django's test client with DEBUG off: prints the queries of one
request and the CPU time per request (`time.process_time()`, so other work on the machine counts
less than with a wall clock). `--profile` adds cProfile's top functions.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGE = "/o/noorderlicht/sharing/"
REQUESTS = 400


def main(argv: list[str]) -> None:
    folders = [a for a in argv if not a.startswith("--")]
    data = Path(folders[0] if folders else tempfile.mkdtemp(prefix="multiplier-feed-profile-"))
    data.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        {
            "MULTIPLIER_DATA_DIR": str(data),
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "http://127.0.0.1:1",
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "multiplier.settings",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    if not (data / "multiplier.sqlite3").exists():
        for step in ("setup", "demo"):
            cli = [sys.executable, "-m", "multiplier.cli", step]
            subprocess.run(cli, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, "-m", "bench._feed_data"], check=True)
    print(f"data: {data}")

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from multiplier.accounts.models import User

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(email="ambassador@noorderlicht.example"))
    for _ in range(20):  # warm up: the feed version, templates, cards
        response = client.get(PAGE)
    if response.status_code != 200 or b"Benchmark post" not in response.content:
        raise RuntimeError(f"{PAGE} is not the ambassador's feed (HTTP {response.status_code})")
    with CaptureQueriesContext(connection) as queries:
        client.get(PAGE)
    print(f"queries per request: {len(queries)}")
    for query in queries:
        print(f"  {query['sql'][:150]}")
    started = time.process_time()
    for _ in range(REQUESTS):
        client.get(PAGE)
    per_request = (time.process_time() - started) * 1000 / REQUESTS
    print(f"CPU per request: {per_request:.2f} ms ({REQUESTS} requests)")
    if "--profile" in argv:
        profile = cProfile.Profile()
        profile.runcall(lambda: [client.get(PAGE) for _ in range(REQUESTS)])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main(sys.argv[1:])
