"""`python -m bench [name ...]`: run every benchmark module in this folder (or the named ones).

A benchmark is a module `bench/<name>.py` with a `run() -> list[Result]`. It prints its details
and each Result prints one closing line:

    BENCH <name> <value> <unit> target <op><target> PASS|FAIL

The exit status is 1 if any result failed, so CI or a person can rely on it.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from bench._common import Result


def discover() -> list[str]:
    folder = Path(__file__).parent
    return sorted(
        info.name for info in pkgutil.iter_modules([str(folder)]) if not info.name.startswith("_")
    )


def main(argv: list[str]) -> int:
    available = discover()
    names = argv or available
    unknown = sorted(set(names) - set(available))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}")
        return 2
    results: list[Result] = []
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name}: {(module.__doc__ or '').strip().splitlines()[0]}", flush=True)
        results += module.run()
    failed = [r.name for r in results if not r.passed]
    print(f"== {len(results) - len(failed)} passed, {len(failed)} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
