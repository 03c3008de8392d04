"""Inviting many people from a CSV or Excel file: every bad file is explained and imports
nobody; a good one invites everyone, chunk by chunk, with a progress bar."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from multiplier.accounts.models import ImportStatus, Invitation, InvitationImport, User
from multiplier.accounts.services.invitation_import import (
    ReadResult,
    invitation_file_read,
    invitation_import_create,
    invitation_import_process,
    invitation_imports_resume,
    sniff_delimiter,
)
from multiplier.core.models import AuditEvent, Membership, MembershipStatus, Role

pytestmark = pytest.mark.django_db

HEADER = "e-mail,name,team,role,leader,language\n"


def csv_file(text: str, name: str = "people.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows: list[list[object]], name: str = "people.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, org, file: SimpleUploadedFile):
    return client.post(reverse("invitation_import", args=[org.slug]), {"file": file})


def problems(response) -> list[tuple[int | None, str, str]]:
    return [(p.row, p.column, p.message) for p in response.context["problems"]]


def nothing_created(org) -> bool:
    return (
        not InvitationImport.objects.exists()
        and not Invitation.objects.exists()
        and not Membership.objects.filter(organization=org, status=MembershipStatus.INVITED)
        .exists()
    )  # fmt: skip


# --- Files that cannot be imported --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("naam,team\nAnna,Sales\n", [(1, "e-mail", "column for e-mail addresses is missing")]),
        (
            HEADER + "anna@example.com,Anna,,,,\nnot-an-address,Bob,,,,\n",
            [(3, "e-mail", "“not-an-address” is not a valid e-mail address")],
        ),
        (
            HEADER + "anna@example.com,Anna,,,,\n,Bob,,,,\n",
            [(3, "e-mail", "The e-mail address is missing")],
        ),
        (
            HEADER + "anna@example.com,Anna,,chief,,\n",
            [(2, "role", "Unknown role “chief”. Use ambassador, manager or admin")],
        ),
        (
            HEADER + "anna@example.com,Anna,,,,fr\n",
            [(2, "language", "Unknown language “fr”. Use en (English), nl (Dutch)")],
        ),
        (
            HEADER + "anna@example.com,Anna,,,maybe,\n",
            [(2, "leader", "“maybe” is not yes or no")],
        ),
        (
            HEADER + "anna@example.com,Anna,,,,\nbob@example.com,Bob,,,,\nAnna@Example.com,A,,,,\n",
            [
                (2, "e-mail", "anna@example.com appears more than once: also in row 4"),
                (4, "e-mail", "anna@example.com appears more than once: also in row 2"),
            ],
        ),
        (
            "email,e-mail\na@example.com,b@example.com\n",
            [(1, "e-mail", "There are two columns for e-mail: “email” and “e-mail”")],
        ),
        ("e-mail,naam\n", [(None, "", "column names but nobody to invite")]),
        ("e-mail,naam\n\n,,\n", [(None, "", "column names but nobody to invite")]),
        ("", [(None, "", "The file is empty")]),
        ("\r\n  \n", [(None, "", "The file is empty")]),
    ],
    ids=[
        "missing-column", "invalid-email", "empty-email", "unknown-role", "unknown-language",
        "bad-yes-no", "duplicate-rows", "duplicate-column", "header-only", "header-and-blanks",
        "empty-file", "whitespace-only",
    ],
)  # fmt: skip
def test_bad_csv_is_reported_row_by_row_and_imports_nothing(org, manager, login, text, expected):
    response = upload(login(manager), org, csv_file(text))
    assert response.status_code == 200
    found = problems(response)
    assert [(row, column) for row, column, _m in found] == [(r, c) for r, c, _m in expected]
    for (_r, _c, message), (_r2, _c2, fragment) in zip(found, expected, strict=True):
        assert fragment in message
    assert b"nobody was invited" in response.content
    assert nothing_created(org)
    assert mail.outbox == []


def test_every_failing_row_is_listed_not_only_the_first(org, manager, login):
    text = HEADER + "".join(f"bad{n},P{n},,,,\n" for n in range(5)) + "ok@example.com,,,,,\n"
    found = problems(upload(login(manager), org, csv_file(text)))
    assert [row for row, _c, _m in found] == [2, 3, 4, 5, 6]
    assert nothing_created(org)


def test_a_manager_cannot_import_admins(org, manager, admin, login):
    text = HEADER + "boss@example.com,Boss,,admin,,\n"
    found = problems(upload(login(manager), org, csv_file(text)))
    assert found == [(2, "role", "Only admins can invite someone as admin.")]
    assert nothing_created(org)
    assert upload(login(admin), org, csv_file(text, "again.csv")).status_code == 302
    assert Membership.objects.get(user__email="boss@example.com").role == Role.ADMIN


@pytest.mark.parametrize(
    ("encoding", "fragment", "row"),
    [
        ("cp1252", "not saved as UTF-8", 3),
        ("utf-16", "saved as UTF-16", None),
        ("utf-16-le", "saved as UTF-16", None),
    ],
)
def test_wrong_encoding_tells_to_save_as_csv_utf8(org, manager, login, encoding, fragment, row):
    text = HEADER + "anna@example.com,Anna,,,,\nzoe@example.com,Zoë Café,,,,\n"
    found = problems(upload(login(manager), org, csv_file(text, encoding=encoding)))
    [(found_row, _column, message)] = found
    assert fragment in message and "CSV UTF-8" in message
    assert found_row == row
    assert nothing_created(org)


def test_a_50_mb_file_is_refused_by_its_size_before_reading(org, manager, login, settings):
    assert settings.INVITATION_IMPORT_MAX_BYTES < 50 * 2**20
    row = "someone@example.com,Some One,Sales,ambassador,no,en\n"
    big = HEADER + row * (50 * 2**20 // len(row) + 1)
    response = upload(login(manager), org, csv_file(big))
    [(row_number, _c, message)] = problems(response)
    # Had it been parsed, the duplicates and the row limit would have been the complaints.
    assert row_number is None and "at most 5 MB" in message and "MB" in message
    assert nothing_created(org)


def test_too_many_rows(org, manager, login, settings):
    settings.INVITATION_IMPORT_MAX_ROWS = 3
    text = HEADER + "".join(f"p{n}@example.com,,,,,\n" for n in range(4))
    [(_r, _c, message)] = problems(upload(login(manager), org, csv_file(text)))
    assert "more than 3 people" in message and "Split" in message
    assert nothing_created(org)
    exactly = HEADER + "".join(f"p{n}@example.com,,,,,\n\n" for n in range(3))  # blanks are fine
    assert upload(login(manager), org, csv_file(exactly, "ok.csv")).status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("people.xlsx", b"e-mail,naam\nanna@example.com,Anna\n", "not a real Excel workbook"),
        ("people.xlsx", b"PK\x03\x04 this is no zip at all", "not a real Excel workbook"),
        ("people.xls", b"\xd0\xcf\x11\xe0 old excel", "old Excel file (.xls)"),
        ("people.pdf", b"%PDF-1.7", "Files of type “.pdf” cannot be imported"),
        ("people", b"e-mail\nanna@example.com\n", "(no extension)"),
    ],
)
def test_unreadable_files_are_explained(org, manager, login, name, content, fragment):
    [(_r, _c, message)] = problems(upload(login(manager), org, SimpleUploadedFile(name, content)))
    assert fragment in message
    assert nothing_created(org)


def test_a_zip_that_is_not_a_workbook(org, manager, login):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a spreadsheet")
    file = SimpleUploadedFile("people.xlsx", buffer.getvalue())
    [(_r, _c, message)] = problems(upload(login(manager), org, file))
    assert "not a real Excel workbook" in message


def test_blank_lines_above_the_header_keep_row_numbers_right(org, manager, login):
    text = "\n\n" + HEADER + "anna@example.com,,,,,\nnot-an-address,,,,,\n"
    assert problems(upload(login(manager), org, csv_file(text)))[0][:2] == (5, "e-mail")


def test_an_empty_workbook_is_an_empty_file(org, manager, login):
    [(_r, _c, message)] = problems(upload(login(manager), org, xlsx_file([])))
    assert message == "The file is empty."
    assert nothing_created(org)


def test_bad_xlsx_rows_are_reported_with_their_row_numbers(org, manager, login):
    file = xlsx_file(
        [
            ["E-mailadres", "Naam", "Rol"],
            ["anna@example.com", "Anna", "ambassadeur"],
            [None, None, None],
            ["bob(at)example.com", "Bob", "baas"],
        ]
    )
    found = problems(upload(login(manager), org, file))
    assert [(row, column) for row, column, _m in found] == [(4, "E-mailadres"), (4, "Rol")]
    assert nothing_created(org)


# --- Files that can ---------------------------------------------------------------------------


def test_good_csv_with_bom_semicolons_and_dutch_headers(org, manager, login, make_member):
    make_member(org, email="active@example.com")
    make_member(org, email="optedout@example.com", status=MembershipStatus.OPTED_OUT)
    text = (
        "E-mail;Naam;Afdeling;Rol;Leidinggevende;Taal;Personeelsnummer\n"
        "anna@example.com;Anna de Vries;Verkoop;ambassadeur;nee;nl;17\n"
        "BOB@example.com;Bob Bakker;Directie;Programmamanager;ja;Engels;18\n"
        "active@example.com;Al Ready;;;;;19\n"
        "optedout@example.com;Otto;;;;;20\n"
    )
    file = SimpleUploadedFile("mensen.csv", b"\xef\xbb\xbf" + text.encode())
    response = upload(login(manager), org, file)
    batch = InvitationImport.objects.get()
    assert response["Location"] == reverse("invitation_import_detail", args=[org.slug, batch.pk])

    anna = Membership.objects.select_related("user").get(user__email="anna@example.com")
    assert (anna.user.name, anna.team, anna.role, anna.is_leader, anna.user.language) == (
        "Anna de Vries", "Verkoop", Role.AMBASSADOR, False, "nl",
    )  # fmt: skip
    bob = Membership.objects.select_related("user").get(user__email="bob@example.com")
    assert (bob.role, bob.is_leader, bob.user.language) == (Role.MANAGER, True, "en")
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.com", "bob@example.com"]

    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and (batch.processed, batch.total) == (4, 4)
    assert batch.result["invited"] == 2
    assert batch.result["skipped"] == [
        {"row": 4, "email": "active@example.com"},
        {"row": 5, "email": "optedout@example.com"},
    ]
    assert batch.rows == []  # not kept once everyone is invited
    page = login(manager).get(response["Location"]).content.decode()
    assert "already a member, skipped" in page and "active@example.com" in page
    assert "Personeelsnummer" in page  # the column we did not use is named
    assert AuditEvent.objects.filter(action="invitation_import.finished").get().data == {
        "invited": 2, "resent": 0, "skipped": 2,
    }  # fmt: skip


def test_good_xlsx_with_typed_cells(org, manager, login):
    file = xlsx_file(
        [
            ["Email", "Name", "Team", "Role", "Leader", "Language"],
            ["anna@example.com", "Anna", "Sales", "Ambassador", True, "nl"],
            ["bob@example.com", "Bob", None, "manager", 0, None],
            [None, None, None, None, None, None],
            ["carl@example.com", "Carl", 42, None, 1.0, "Dutch"],
        ]
    )
    assert upload(login(manager), org, file).status_code == 302
    people = {
        m.user.email: m for m in Membership.objects.filter(organization=org, status="invited")
    }
    assert set(people) == {"anna@example.com", "bob@example.com", "carl@example.com"}
    assert people["anna@example.com"].is_leader and people["carl@example.com"].is_leader
    assert not people["bob@example.com"].is_leader
    assert people["bob@example.com"].user.language == "en"  # empty: the organisation's
    assert (
        people["carl@example.com"].team == "42" and people["carl@example.com"].user.language == "nl"
    )


def test_pending_invitees_in_the_file_are_sent_their_invitation_again(org, manager, login):
    upload(login(manager), org, csv_file(HEADER + "anna@example.com,Anna,,,,\n"))
    upload(login(manager), org, csv_file(HEADER + "anna@example.com,Anna,Sales,,,\n", "2.csv"))
    invitation = Invitation.objects.get()
    assert invitation.send_count == 2 and len(mail.outbox) == 2
    assert invitation.membership.team == "Sales"
    assert InvitationImport.objects.order_by("pk").last().result["resent"] == 1


def test_the_example_file_can_be_imported_as_it_is(org, manager, login):
    for language in ("en", "nl"):
        client = login(manager)
        client.cookies["multiplier_language"] = language
        example = client.get(reverse("invitation_import_template", args=[org.slug]))
        assert example["Content-Type"].startswith("text/csv")
        read = invitation_file_read(
            upload=SimpleUploadedFile("example.csv", example.content),
            organization=org,
            inviter=manager,
        )
        assert read.ok, read.problems
        assert read.rows[0]["email"] == "anna.devries@example.com"


def test_delimiter_is_taken_from_the_header():
    assert sniff_delimiter("e-mail;naam;team") == ";"
    assert sniff_delimiter("email,name") == ","
    assert sniff_delimiter("email\tname") == "\t"
    assert sniff_delimiter("email") == ","


# --- Large files, chunks and progress -----------------------------------------------------------


def test_a_5000_row_csv_invites_everyone(org, manager, login):
    text = HEADER + "".join(
        f"person{n}@example.com,Person {n},Team {n % 7},,{'yes' if n % 50 == 0 else 'no'},"
        f"{'nl' if n % 2 else 'en'}\n"
        for n in range(5000)
    )
    response = upload(login(manager), org, csv_file(text, "everyone.csv"))
    assert response.status_code == 302
    batch = InvitationImport.objects.get()
    assert (batch.processed, batch.total, batch.status) == (5000, 5000, ImportStatus.DONE)
    assert batch.result["invited"] == 5000
    invited = Membership.objects.filter(organization=org, status=MembershipStatus.INVITED)
    assert invited.count() == 5000
    assert invited.filter(is_leader=True).count() == 100
    assert Invitation.objects.filter(organization=org, send_count=1).count() == 5000
    assert len(mail.outbox) == 5000
    assert len({m.to[0] for m in mail.outbox}) == 5000
    assert User.objects.filter(email__startswith="person", language="nl").count() == 2500

    progress = login(manager).get(reverse("invitation_import_progress", args=[org.slug, batch.pk]))
    assert b'<progress max="5000" value="5000"' in progress.content
    assert b"hx-trigger" not in progress.content  # done: the page stops polling


def _stored_import(org, manager, count: int) -> InvitationImport:
    rows = [
        {"row": n + 2, "email": f"p{n}@example.com", "name": f"P {n}", "team": "",
         "role": "ambassador", "is_leader": False, "language": "en"}
        for n in range(count)
    ]  # fmt: skip
    from django.test import override_settings

    # Stored without running it, as the database queue would hold it for a worker.
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        return invitation_import_create(
            organization=org,
            inviter=manager,
            file_name="people.csv",
            read=ReadResult(rows=rows),
        )


def test_progress_is_recorded_chunk_by_chunk(org, manager, login):
    batch = _stored_import(org, manager, 25)
    assert batch.processed == 0 and not Invitation.objects.exists()
    seen = []
    for _chunk in range(3):
        batch = invitation_import_process(import_id=batch.pk, chunk_size=10, max_chunks=1)
        seen.append((batch.processed, Invitation.objects.count(), batch.status))
    assert seen == [
        (10, 10, ImportStatus.RUNNING),
        (20, 20, ImportStatus.RUNNING),
        (25, 25, ImportStatus.DONE),
    ]


def test_the_page_polls_a_progress_bar_while_running(org, manager, login):
    batch = _stored_import(org, manager, 30)
    invitation_import_process(import_id=batch.pk, chunk_size=10, max_chunks=1)
    client = login(manager)
    page = client.get(reverse("invitation_import_detail", args=[org.slug, batch.pk])).content
    progress_url = reverse("invitation_import_progress", args=[org.slug, batch.pk])
    assert b'<progress max="30" value="10"' in page
    assert f'hx-get="{progress_url}"'.encode() in page and b'hx-trigger="every 1s"' in page
    partial = client.get(progress_url).content
    assert b"<html" not in partial and b'value="10"' in partial


def test_a_stopped_import_resumes_where_it_stopped_and_invites_nobody_twice(org, manager):
    batch = _stored_import(org, manager, 30)
    invitation_import_process(import_id=batch.pk, chunk_size=10, max_chunks=2)  # worker stops
    assert len(mail.outbox) == 20
    InvitationImport.objects.filter(pk=batch.pk).update(
        updated_at=batch.updated_at.replace(year=2000)
    )
    assert invitation_imports_resume() == 1  # the periodic job enqueues it again; it runs
    batch.refresh_from_db()
    assert (batch.processed, batch.status) == (30, ImportStatus.DONE)
    assert Invitation.objects.count() == 30
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"p{n}@example.com" for n in range(30))
    assert invitation_imports_resume() == 0


def test_import_pages_are_for_staff_of_that_organisation(org, manager, ambassador, outsider, login):
    batch = _stored_import(org, manager, 1)
    for name in ("invitation_import_detail", "invitation_import_progress"):
        url = reverse(name, args=[org.slug, batch.pk])
        assert login(ambassador).get(url).status_code == 403
        assert login(outsider).get(url).status_code == 404
        foreign = reverse(name, args=[outsider.organization.slug, batch.pk])
        assert login(outsider).get(foreign).status_code == 404
    assert (
        login(ambassador)
        .post(reverse("invitation_import", args=[org.slug]), {"file": csv_file(HEADER)})
        .status_code
        == 403
    )


def test_problems_list_is_capped_on_the_page(org, manager, login):
    text = HEADER + "".join(f"bad{n},,,,,\n" for n in range(250))
    response = upload(login(manager), org, csv_file(text))
    assert len(response.context["problems"]) == 200
    assert re.search(rb"and 50 more problems", response.content)
