"""Compile the translation catalogues (.po -> .mo) without GNU gettext.

The .po files are the source (committed); the .mo files are build output (ignored by git) made by
`multiplier setup` and before the test suite runs, so a fresh machine needs no gettext to run the
product. Extracting new texts (`make messages`) does need gettext.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
OVERRIDES_DIR = Path(__file__).resolve().parent / "locale_overrides"


def compile_catalogues(*locale_dirs: Path) -> list[Path]:
    """Compile every .po whose .mo is missing or older (by default in our catalogue and in the
    overrides of allauth's texts). Returns the .mo files written."""
    written = []
    po_paths = [
        p for d in locale_dirs or (LOCALE_DIR, OVERRIDES_DIR) for p in d.glob("*/LC_MESSAGES/*.po")
    ]
    for po_path in sorted(po_paths):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        # Write next to the target and rename: several processes (test workers) may compile at
        # the same moment, and none must ever read a half-written file.
        fd, tmp = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
        os.close(fd)
        catalogue.save_as_mofile(tmp)
        os.replace(tmp, mo_path)
        written.append(mo_path)
    return written
