"""Inviting many people from a CSV or Excel file.

Two steps. `invitation_file_read` checks the whole file and every row first and returns either
the clean rows or the list of problems (row, column, message): a file with any problem imports
nobody. `invitation_import_create` stores the clean rows and enqueues
`invitation_import_process`, which invites them chunk by chunk; each chunk and its progress are
committed together, so a worker that stops half-way is resumed where it stopped and never
invites anyone twice.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization, Role

from ..models import ImportStatus, InvitationImport
from .invitations import Invitee, Outcome, invitations_create_bulk, may_invite_as

CHUNK_SIZE = 250
# An .xlsx is a zip file; refuse one that would unpack to far more than any list of people
# needs (a "zip bomb" would otherwise fill the memory of the web server).
MAX_UNPACKED_FACTOR = 10

# Column names people use, in English and Dutch, as `_normalise` leaves them.
HEADER_ALIASES: dict[str, str] = {
    **dict.fromkeys(["email", "emailaddress", "mail", "emailadres", "mailadres"], "email"),
    **dict.fromkeys(["name", "fullname", "naam", "volledigenaam"], "name"),
    **dict.fromkeys(["team", "department", "afdeling", "teamafdeling", "teamdepartment"], "team"),
    **dict.fromkeys(["role", "rol"], "role"),
    **dict.fromkeys(["leader", "isleader", "leidinggevende"], "leader"),
    **dict.fromkeys(["language", "taal"], "language"),
}
# How each column is called in messages (and in the template file), in the reader's language.
COLUMN_LABELS = {
    "email": gettext_lazy("e-mail"),
    "name": gettext_lazy("name"),
    "team": gettext_lazy("team"),
    "role": gettext_lazy("role"),
    "leader": gettext_lazy("leader"),
    "language": gettext_lazy("language"),
}

YES = {"yes", "y", "ja", "j", "true", "waar", "1", "x"}
NO = {"no", "n", "nee", "false", "onwaar", "0", ""}

ROLE_ALIASES: dict[str, str] = {
    **dict.fromkeys(["admin", "administrator", "beheerder"], Role.ADMIN),
    **dict.fromkeys(
        ["manager", "programmemanager", "programmanager", "programmamanager"], Role.MANAGER
    ),
    **dict.fromkeys(["ambassador", "ambassadeur", ""], Role.AMBASSADOR),
}

LANGUAGE_ALIASES: dict[str, str] = {
    **dict.fromkeys(["en", "english", "engels", "engb", "enus"], "en"),
    **dict.fromkeys(["nl", "dutch", "nederlands", "vlaams", "nlnl", "nlbe"], "nl"),
}


@dataclass(frozen=True)
class Problem:
    """One reason the file cannot be imported. `row` is the row number as the spreadsheet
    shows it (the header is row 1); None for a problem with the file as a whole."""

    message: str
    row: int | None = None
    column: str = ""


@dataclass
class ReadResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class FileProblem(Exception):
    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.problem = Problem(message, row=row)


def _normalise(value: str) -> str:
    return re.sub(r"[\s\-_.*:()/]+", "", value.strip().lower())


# --- Reading the file -------------------------------------------------------------------------


def invitation_file_read(
    *, upload: UploadedFile, organization: Organization, inviter: Membership
) -> ReadResult:
    """Read and check a whole file. Nothing is written."""
    try:
        table = _read_table(upload)
        return _check_rows(table, organization=organization, inviter=inviter)
    except FileProblem as exc:
        return ReadResult(problems=[exc.problem])


def _read_table(upload: UploadedFile) -> Iterator[list[str]]:
    """The cells of the file, row by row, as text. Checks the size before reading anything."""
    max_bytes = settings.INVITATION_IMPORT_MAX_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise FileProblem(
            _(
                "The file is %(size)s MB; at most %(max)s MB can be imported at once. "
                "Split the list into smaller files."
            )
            % {"size": _megabytes(upload.size), "max": _megabytes(max_bytes)}
        )
    if not upload.size:
        raise FileProblem(_("The file is empty."))
    suffix = PurePath(upload.name or "").suffix.lower()
    data = upload.read(max_bytes + 1)
    if suffix == ".csv":
        return _read_csv(data)
    if suffix == ".xlsx":
        return _read_xlsx(data)
    if suffix == ".xls":
        raise FileProblem(
            _(
                "This is an old Excel file (.xls). Open it in Excel and save it as "
                '"Excel Workbook (.xlsx)" or as "CSV UTF-8".'
            )
        )
    raise FileProblem(
        _("Files of type “%(type)s” cannot be imported. Upload a .csv or .xlsx file.")
        % {"type": suffix or _("(no extension)")}
    )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f}".removesuffix(".0")


SAVE_AS_UTF8 = gettext_lazy(
    'Save it as "CSV UTF-8": in Excel choose File, Save As, "CSV UTF-8 (Comma delimited)"; '
    "in LibreOffice or Numbers choose the character set Unicode (UTF-8)."
)


def _read_csv(data: bytes) -> Iterator[list[str]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise FileProblem(
            _("The file is saved as UTF-16 (“Unicode text”), which cannot be read here.")
            + " "
            + str(SAVE_AS_UTF8)
        )
    data = data.removeprefix(b"\xef\xbb\xbf")  # the byte-order mark Excel puts in "CSV UTF-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise FileProblem(
            _(
                "The file is not saved as UTF-8 (it looks like Windows-1252 or another old "
                "character set), so letters such as é or ë would be garbled."
            )
            + " "
            + str(SAVE_AS_UTF8),
            row=row,
        ) from None
    if not text.strip():
        raise FileProblem(_("The file is empty."))
    header_line = text.lstrip("\r\n").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(header_line))
    try:
        return iter(list(_limited(reader)))
    except csv.Error as exc:
        raise FileProblem(
            _("The file cannot be read as CSV (%(error)s).") % {"error": exc},
            row=reader.line_num or None,
        ) from None


def sniff_delimiter(header_line: str) -> str:
    """Excel writes `;` where the decimal separator is a comma (the Netherlands, Belgium) and
    `,` elsewhere. The header row decides: column names never contain either, so whichever
    occurs there separates the columns (csv.Sniffer guesses from data rows, where names with
    commas in them mislead it)."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _limited(rows: Any) -> Iterator[list[str]]:
    """Stop reading one person past the maximum: a longer file is refused, so reading the rest
    would only cost time. Blank rows do not count (they are skipped)."""
    limit = 1 + settings.INVITATION_IMPORT_MAX_ROWS + 1  # the header, the maximum, one more
    filled = 0
    for row in rows:
        filled += any(cell.strip() for cell in row)
        if filled > limit:
            return
        yield row


def _read_xlsx(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    not_excel = _(
        "This file is not a real Excel workbook (.xlsx), even though its name ends in .xlsx. "
        'Open it in Excel and save it again as "Excel Workbook (.xlsx)", or save it as '
        '"CSV UTF-8".'
    )
    if not data.startswith(b"PK\x03\x04"):
        raise FileProblem(not_excel)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise FileProblem(not_excel) from None
    if unpacked > MAX_UNPACKED_FACTOR * settings.INVITATION_IMPORT_MAX_BYTES:
        raise FileProblem(
            _("The workbook is too large. Keep only the list of people, or split it.")
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for broken files
        raise FileProblem(not_excel) from None
    try:
        sheet = workbook.worksheets[0]
        return iter(
            list(
                _limited(
                    [_cell_text(value) for value in row]
                    for row in sheet.iter_rows(values_only=True)
                )
            )
        )
    except Exception:
        raise FileProblem(not_excel) from None
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


# --- Checking the rows ------------------------------------------------------------------------


def _check_rows(
    table: Iterator[list[str]], *, organization: Organization, inviter: Membership
) -> ReadResult:
    result = ReadResult()
    # The column names are in the first row that is not blank.
    numbered = enumerate(table, start=1)
    first = next((item for item in numbered if any(cell.strip() for cell in item[1])), None)
    if first is None:
        raise FileProblem(_("The file is empty."))
    header_row, header = first

    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        if not cell.strip():
            continue
        key = HEADER_ALIASES.get(_normalise(cell))
        if key is None:
            result.ignored_columns.append(cell.strip())
        elif key in columns:
            result.problems.append(
                Problem(
                    _("There are two columns for %(column)s: “%(first)s” and “%(second)s”.")
                    % {
                        "column": COLUMN_LABELS[key],
                        "first": header[columns[key]].strip(),
                        "second": cell.strip(),
                    },
                    row=header_row,
                    column=cell.strip(),
                )
            )
        else:
            columns[key] = index
    if "email" not in columns:
        result.problems.append(
            Problem(
                _(
                    "The column for e-mail addresses is missing. The first row must contain "
                    "the column names; we recognise: %(names)s."
                )
                % {"names": expected_columns_text()},
                row=header_row,
                column=str(COLUMN_LABELS["email"]),
            )
        )
        return result
    labels = {key: header[index].strip() for key, index in columns.items()}

    rows_of: dict[str, list[int]] = {}
    count = 0
    for number, cells in numbered:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines between people are harmless
        count += 1
        if count > settings.INVITATION_IMPORT_MAX_ROWS:
            return ReadResult(
                problems=[
                    Problem(
                        _(
                            "The file has more than %(max)s people; at most %(max)s can be "
                            "imported at once. Split the list into smaller files."
                        )
                        % {"max": settings.INVITATION_IMPORT_MAX_ROWS}
                    )
                ]
            )
        values = {
            key: cells[index].strip() if index < len(cells) else ""
            for key, index in columns.items()
        }
        row, problems = _check_row(values, labels, organization=organization, inviter=inviter)
        for problem in problems:
            result.problems.append(Problem(problem.message, row=number, column=problem.column))
        if row is not None:
            row["row"] = number
            result.rows.append(row)
        if values["email"]:
            email = values["email"].lower()
            rows_of.setdefault(email, []).append(number)

    if count == 0:
        raise FileProblem(
            _("The file has column names but nobody to invite: add one person per row below.")
        )

    for email, numbers in rows_of.items():
        if len(numbers) < 2:
            continue
        for number in numbers:
            others = ", ".join(str(n) for n in numbers if n != number)
            result.problems.append(
                Problem(
                    _("%(email)s appears more than once: also in row %(rows)s.")
                    % {"email": email, "rows": others},
                    row=number,
                    column=labels["email"],
                )
            )
    result.problems.sort(key=lambda p: (p.row or 0, p.column))
    if result.problems:
        result.rows = []
    return result


def _check_row(
    values: dict[str, str],
    labels: dict[str, str],
    *,
    organization: Organization,
    inviter: Membership,
) -> tuple[dict[str, Any] | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(message, column=labels[key]))

    email = values["email"].lower()
    if not email:
        problem("email", _("The e-mail address is missing."))
    else:
        try:
            validate_email(email)
        except ValidationError:
            problem("email", _("“%(value)s” is not a valid e-mail address.") % {"value": email})

    name = values.get("name", "")
    if len(name) > 150:
        problem("name", _("The name is longer than 150 characters."))
    team = values.get("team", "")
    if len(team) > 120:
        problem("team", _("The team name is longer than 120 characters."))

    role = ROLE_ALIASES.get(_normalise(values.get("role", "")))
    if role is None:
        problem(
            "role",
            _("Unknown role “%(value)s”. Use ambassador, manager or admin.")
            % {"value": values["role"]},
        )
    elif not may_invite_as(inviter, role):
        problem("role", _("Only admins can invite someone as admin."))

    leader_text = _normalise(values.get("leader", ""))
    if leader_text not in YES | NO:
        problem(
            "leader",
            _("“%(value)s” is not yes or no. Use yes/no, ja/nee, true/false or 1/0.")
            % {"value": values["leader"]},
        )

    language_text = _normalise(values.get("language", ""))
    language = LANGUAGE_ALIASES.get(language_text) if language_text else organization.language
    if language is None:
        problem(
            "language",
            _("Unknown language “%(value)s”. Use %(languages)s.")
            % {"value": values["language"], "languages": _language_list()},
        )

    if problems:
        return None, problems
    return {
        "email": email,
        "name": name,
        "team": team,
        "role": role,
        "is_leader": leader_text in YES,
        "language": language,
    }, []


def _language_list() -> str:
    return ", ".join(f"{code} ({name})" for code, name in settings.LANGUAGES)


def expected_columns_text() -> str:
    return ", ".join(str(label) for label in COLUMN_LABELS.values())


# --- Importing --------------------------------------------------------------------------------


def invitation_import_create(
    *,
    organization: Organization,
    inviter: Membership,
    file_name: str,
    read: ReadResult,
) -> InvitationImport:
    """Store the checked rows and start inviting them in the background."""
    if not read.ok or not read.rows:
        raise ValueError("Only a file without problems can be imported.")
    with transaction.atomic():
        batch = InvitationImport.objects.create(
            organization=organization,
            created_by=inviter.user,
            file_name=file_name[:255],
            total=len(read.rows),
            rows=read.rows,
            result={
                "invited": 0,
                "resent": 0,
                "skipped": [],
                "ignored_columns": read.ignored_columns,
            },
        )
        audit(
            "invitation_import.created",
            actor=inviter.user,
            organization=organization,
            target=batch.file_name,
            rows=batch.total,
        )
        from ..tasks import process_invitation_import

        # In the same transaction: with the database queue, the import and its task are
        # committed together (and a stalled one is picked up by `resume_invitation_imports`).
        process_invitation_import.enqueue(import_id=batch.pk)
    return batch


def invitation_import_process(
    *, import_id: int, chunk_size: int = CHUNK_SIZE, max_chunks: int | None = None
) -> InvitationImport:
    """Invite the rows not yet processed, `chunk_size` at a time. Each chunk, its e-mails
    (enqueued) and the new `processed` count commit together; the import row is locked while a
    chunk runs, so two workers on one import take turns instead of inviting twice.
    `max_chunks` stops early (a worker that stops half-way)."""
    done_chunks = 0
    while True:
        with transaction.atomic():
            batch = (
                # of=("self",): only the import row is locked (its creator may be gone, and
                # PostgreSQL cannot lock the empty side of an outer join).
                InvitationImport.objects.select_for_update(of=("self",))
                .select_related("organization", "created_by")
                .get(pk=import_id)
            )
            if batch.is_done or (max_chunks is not None and done_chunks >= max_chunks):
                return batch
            _process_chunk(batch, chunk_size)
        done_chunks += 1


def _process_chunk(batch: InvitationImport, chunk_size: int) -> None:
    rows = batch.rows[batch.processed : batch.processed + chunk_size]
    outcomes = invitations_create_bulk(
        organization=batch.organization,
        invitees=[
            Invitee(
                email=row["email"],
                name=row["name"],
                team=row["team"],
                role=row["role"],
                is_leader=row["is_leader"],
                language=row["language"],
            )
            for row in rows
        ],
        # Whether the uploader may invite admins was checked row by row when the file was read.
        invited_by=batch.created_by,
    )
    result = batch.result
    for row, (outcome, _invitation) in zip(rows, outcomes, strict=True):
        if outcome == Outcome.INVITED:
            result["invited"] += 1
        elif outcome == Outcome.RESENT:
            result["resent"] += 1
        else:
            result["skipped"].append({"row": row["row"], "email": row["email"]})
    batch.processed += len(rows)
    batch.status = ImportStatus.RUNNING
    fields = ["processed", "status", "result", "updated_at"]
    if batch.processed >= batch.total:
        batch.status = ImportStatus.DONE
        batch.finished_at = timezone.now()
        batch.rows = []  # the people are invited; no need to keep a second copy of the list
        fields += ["finished_at", "rows"]
        audit(
            "invitation_import.finished",
            actor=batch.created_by,
            organization=batch.organization,
            target=batch.file_name,
            invited=result["invited"],
            resent=result["resent"],
            skipped=len(result["skipped"]),
        )
    batch.save(update_fields=fields)


def invitation_imports_resume(*, stalled_after: timedelta = timedelta(minutes=10)) -> int:
    """Enqueue again every import that has not moved for a while (its worker stopped)."""
    from ..tasks import process_invitation_import

    stalled = InvitationImport.objects.exclude(status=ImportStatus.DONE).filter(
        updated_at__lt=timezone.now() - stalled_after
    )
    ids = list(stalled.values_list("pk", flat=True))
    for import_id in ids:
        process_invitation_import.enqueue(import_id=import_id)
    return len(ids)
