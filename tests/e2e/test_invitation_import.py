"""Inviting a whole company from a spreadsheet: a manager uploads 5,000 people on a phone and
watches the progress bar move as the worker invites them chunk by chunk; a file with mistakes is
reported row by row and imports nobody."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import Page, expect

from multiplier.accounts.models import InvitationImport
from multiplier.accounts.services.invitation_import import CHUNK_SIZE, invitation_import_process
from multiplier.core.models import Membership, MembershipStatus

from .helpers import menu_link, no_sideways_scroll

HEADER = "e-mail,name,team,role,leader,language\n"
PEOPLE = 5000


def _csv(rows: list[str]) -> dict:
    return {
        "name": "staff.csv",
        "mimeType": "text/csv",
        "buffer": (HEADER + "".join(rows)).encode(),
    }


def _upload(page: Page, file: dict) -> None:
    page.get_by_label("File with the people to invite").set_input_files(file)
    page.get_by_role("button", name="Check and invite").click()


@contextmanager
def _own_signal_handlers() -> Iterator[None]:
    # The worker installs its own Ctrl-C handlers (for a graceful stop); give pytest its back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def _run_one_queued_task() -> None:
    """What `multiplier worker` does, for one task."""
    with _own_signal_handlers():
        call_command(
            "db_worker", "--batch", "--max-tasks=1", "--no-startup-delay", "--no-reload",
            verbosity=0,
        )  # fmt: skip


def test_a_manager_invites_5000_people_from_a_file_and_watches_the_progress(
    page, shot, browser_login, org, manager, settings
):
    # The real queue: nothing runs until this test lets the worker run it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    browser_login(page, manager)
    menu_link(page, "Invitations").click()
    page.get_by_role("link", name="Invite many from a file").click()
    expect(page.get_by_role("heading", name="Invite many from a file", level=1)).to_be_visible()
    shot(page, "import-page")
    no_sideways_scroll(page)

    _upload(
        page, _csv([f"person{n}@example.com,Person {n},Team {n % 7},,no,\n" for n in range(PEOPLE)])
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Import of staff.csv")
    progress = page.locator("#import-progress progress")
    expect(progress).to_have_attribute("value", "0")
    expect(progress).to_have_attribute("max", str(PEOPLE))
    expect(page.locator("#import-progress")).to_contain_text(f"0 of {PEOPLE:,}")
    shot(page, "queued")
    no_sideways_scroll(page)
    batch = InvitationImport.objects.get(organization=org)
    assert DBTaskResult.objects.filter(task_path__endswith="process_invitation_import").exists()
    invited = Membership.objects.filter(organization=org, status=MembershipStatus.INVITED)
    assert not invited.exists()  # queued, not run

    # The worker does one chunk; the page, polling, moves the bar.
    invitation_import_process(import_id=batch.pk, max_chunks=1)
    expect(progress).to_have_attribute("value", str(CHUNK_SIZE))
    expect(page.locator("#import-progress")).to_contain_text(f"{CHUNK_SIZE} of {PEOPLE:,}")
    expect(page.get_by_text("You can leave this page: the import carries on.")).to_be_visible()
    shot(page, "first-chunk")

    # The queued task invites the rest, where the first chunk stopped.
    _run_one_queued_task()
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    expect(progress).to_have_attribute("value", str(PEOPLE))
    expect(page.locator(".summary")).to_have_text(
        f"{PEOPLE:,} people invited"
    )  # 5,000 as people write it
    shot(page, "done")
    no_sideways_scroll(page)
    assert invited.count() == PEOPLE
    # Every chunk queued its e-mails for the worker.
    deliveries = DBTaskResult.objects.filter(task_path__endswith="deliver_invitations")
    assert deliveries.count() == PEOPLE // CHUNK_SIZE

    # A file with mistakes: reported row by row, and nobody is invited.
    page.get_by_role("link", name="Invite many from a file").click()
    rows = [f"new{n}@example.com,New {n},,,,\n" for n in range(2, 9)]
    rows[3] = rows[1]  # row 5 repeats row 3
    rows[5] = "new7@example,Seven,,,,\n"  # row 7
    _upload(page, _csv(rows))
    report = page.get_by_role("region", name="The file has 3 problems; nobody was invited")
    expect(report).to_be_visible()
    expect(report.locator("tbody tr")).to_have_count(3)
    lines = [
        " | ".join(row.locator("td").all_inner_texts()) for row in report.locator("tbody tr").all()
    ]
    assert lines == [
        "3 | e-mail | new3@example.com appears more than once: also in row 5.",
        "5 | e-mail | new3@example.com appears more than once: also in row 3.",
        "7 | e-mail | “new7@example” is not a valid e-mail address.",
    ], lines
    shot(page, "bad-file-report")
    no_sideways_scroll(page)
    assert InvitationImport.objects.filter(organization=org).count() == 1
    assert invited.count() == PEOPLE
