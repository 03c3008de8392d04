"""Data steps of the redirect benchmark, run as a child process inside the benchmark server's
environment (its temporary database): `python -m bench._redirect_data links N FILE` creates N
tracked links of the demo organisation and writes their codes to FILE; `... humans` reads the
click spool into the database and prints how many human clicks are stored. `step` runs one
from the benchmark or a test."""

from __future__ import annotations

import os
import subprocess
import sys

from bench._common import Server


def step(server: Server, *args: str) -> str:
    """Run a data step in the server's environment (its database); returns what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "bench._redirect_data", *args],
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "multiplier.settings")
    import django

    django.setup()
    from multiplier.content.models import Post
    from multiplier.core.models import Organization
    from multiplier.demo.data import DEMO_ORG_SLUG
    from multiplier.tracking.models import Click, TrackedLink
    from multiplier.tracking.services.clicks import clicks_ingest
    from multiplier.tracking.services.links import destination_with_utm, new_code

    if argv[0] == "links":
        count, path = int(argv[1]), argv[2]
        org = Organization.objects.get(slug=DEMO_ORG_SLUG)
        post = Post.objects.filter(organization=org).first()
        codes = set()
        while len(codes) < count:
            codes.add(new_code())
        links = [
            TrackedLink(
                organization=org,
                code=code,
                destination=destination_with_utm(
                    f"https://example.org/articles/{n}?ref=bench",
                    network="linkedin",
                    campaign="bench",
                    content="v1",
                ),
                post=post,
                network="linkedin",
            )
            for n, code in enumerate(sorted(codes))
        ]
        TrackedLink.objects.bulk_create(links, batch_size=5000)
        with open(path, "w") as out:
            out.write("\n".join(sorted(codes)) + "\n")
    elif argv[0] == "humans":
        clicks_ingest()
        print(Click.objects.filter(human=True).count())
    else:
        raise SystemExit(f"unknown step {argv[0]}")


if __name__ == "__main__":
    main(sys.argv[1:])
