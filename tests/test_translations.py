"""Every text has its Dutch translation, and the catalogue is in step with the code."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "multiplier" / "locale" / "nl" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def test_every_entry_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [], f"Dutch translation missing for: {untranslated}"
    assert fuzzy == [], f"fuzzy (unchecked) translations: {fuzzy}"


def test_translations_keep_their_placeholders():
    wrong = []
    for entry in polib.pofile(str(PO)):
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            found = sorted(PLACEHOLDER.findall(text))
            # A singular form may leave the count out ("elke dag" for "every %(days)s days").
            if found != expected and not (entry.msgid_plural and set(found) <= set(expected)):
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_catalogue_passes_gnu_msgfmt_checks():
    """The checks translators' tools apply: format strings match, headers are sound."""
    assert shutil.which("msgfmt"), "GNU gettext is needed (apt-get install gettext)"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(PO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_catalogue_contains_every_text_in_the_code(tmp_path):
    """Extract the texts from a copy of the code (GNU gettext's xgettext, as `make messages`
    does) and check that none is missing from the committed catalogue."""
    assert shutil.which("xgettext"), "GNU gettext is needed (apt-get install gettext)"
    copy = tmp_path / "multiplier"
    shutil.copytree(ROOT / "multiplier", copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "nl", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    extracted = {e.msgid for e in polib.pofile(str(copy / PO.relative_to(ROOT / "multiplier")))}
    committed = {e.msgid for e in polib.pofile(str(PO)) if not e.obsolete}
    missing = sorted(extracted - committed)
    assert missing == [], f"run `make messages` and translate: {missing}"


OVERRIDES = ROOT / "multiplier" / "locale_overrides"


def test_overrides_of_allauth_texts_still_match_allauth():
    """Our wording for allauth's texts only works while allauth uses the same msgids: after an
    allauth upgrade this names the ones it dropped."""
    import allauth

    theirs = Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    known = {(e.msgctxt, e.msgid) for e in polib.pofile(str(theirs))}
    for language in ("en", "nl"):
        catalogue = polib.pofile(str(OVERRIDES / language / "LC_MESSAGES" / "django.po"))
        stale = [e.msgid for e in catalogue if (e.msgctxt, e.msgid) not in known]
        assert stale == [], f"{language}: allauth no longer has {stale}"
        assert [e.msgid for e in catalogue.untranslated_entries()] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "ours", "theirs"),
    [("en", "Reset your password", "Password Reset"), ("nl", "Inloggen", "Aanmelden")],
)
def test_allauth_pages_use_our_wording(client, settings, language, ours, theirs):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = "account_reset_password" if language == "en" else "account_login"
    content = client.get(reverse(page)).content.decode()
    assert ours in content
    assert theirs not in content
