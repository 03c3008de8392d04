"""Reading the spool into clicks and roll-ups: idempotent, complete lines only, visitors counted
with a daily key that is forgotten, and no address or User-Agent stored anywhere."""

from __future__ import annotations

import os
import time
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from multiplier.tracking import redirector
from multiplier.tracking.models import Click, LinkDay, SpoolProgress, VisitorKey
from multiplier.tracking.services.clicks import GRACE_SECONDS, clicks_ingest, visitor_keys_prune
from multiplier.tracking.visitors import forget_keys, visitor_hash

from .conftest import BROWSER

pytestmark = pytest.mark.django_db

OTHER_BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def click(link, *, ip: str = "203.0.113.9", agent: str = BROWSER, method: str = "GET") -> None:
    target = redirector.resolve(link.code)
    environ = {"REQUEST_METHOD": method, "HTTP_USER_AGENT": agent, "REMOTE_ADDR": ip}
    redirector.record(target, environ)


def counts(link) -> tuple[int, int, int]:
    day = LinkDay.objects.get(link=link)
    return day.clicks, day.visitors, day.bot_hits


def test_roll_ups_count_clicks_visitors_and_bots(make_link):
    link, other = make_link(), make_link()
    click(link)
    click(link)  # the same person again: a click, not a visitor
    click(link, ip="198.51.100.4")  # someone else
    click(link, agent=OTHER_BROWSER)  # another device behind the same address
    click(link, agent="LinkedInBot/1.0")
    click(link, method="HEAD")
    click(other)
    assert clicks_ingest() == 7
    assert counts(link) == (4, 3, 2)
    assert counts(other) == (1, 1, 0)
    assert LinkDay.objects.get(link=link).organization_id == link.organization_id
    # More clicks later are added to the same day's roll-up.
    click(link, ip="192.0.2.1")
    assert clicks_ingest() == 1
    assert counts(link) == (5, 4, 2)


def test_ingest_is_idempotent(make_link, spool_dir):
    link = make_link()
    click(link)
    assert clicks_ingest() == 1
    assert clicks_ingest() == 0
    # Even if the offset was lost with a crash *before* the transaction committed, the offset and
    # the clicks go together: here the stored offset is what makes the second run read nothing.
    (progress,) = SpoolProgress.objects.exclude(name="~ingest")
    assert progress.offset == os.path.getsize(spool_dir / progress.name)
    assert Click.objects.count() == 1 and counts(link) == (1, 1, 0)


def test_a_partial_last_line_is_left_for_the_next_run(make_link, spool_dir):
    link = make_link()
    click(link)
    (path,) = spool_dir.iterdir()
    line = path.read_bytes()
    with path.open("ab") as spooled:
        spooled.write(line[:10])  # a line still being written
    assert clicks_ingest() == 1
    with path.open("ab") as spooled:
        spooled.write(line[10:])
    assert clicks_ingest() == 1
    assert Click.objects.count() == 2 and counts(link) == (2, 1, 0)


def test_finished_files_are_deleted_and_current_ones_kept(make_link, spool_dir):
    link = make_link()
    click(link)
    (path,) = spool_dir.iterdir()
    clicks_ingest()
    assert path.exists()  # this hour's file: its process still writes to it
    in_two_hours = time.time() + 2 * 3600 + GRACE_SECONDS
    assert clicks_ingest(now=in_two_hours) == 0
    assert not path.exists()
    assert not SpoolProgress.objects.exclude(name="~ingest").exists()
    assert Click.objects.count() == 1


def test_clicks_of_deleted_links_are_dropped(make_link):
    link, kept = make_link(), make_link()
    click(link)
    click(kept)
    link.delete()
    assert clicks_ingest() == 1
    assert Click.objects.get().link == kept


def test_a_damaged_line_is_skipped_and_the_rest_stored(make_link, spool_dir):
    link = make_link()
    click(link)
    (path,) = spool_dir.iterdir()
    with path.open("ab") as spooled:
        spooled.write(b"garbage\n")
    click(link)
    assert clicks_ingest() == 2


def test_visitor_hashes_use_a_key_per_day_that_is_forgotten(make_link):
    today = date(2026, 12, 6)
    yesterday = today - timedelta(days=1)
    same_person = {"ip": "203.0.113.9", "user_agent": BROWSER}
    assert visitor_hash(day=today, **same_person) == visitor_hash(day=today, **same_person)
    assert visitor_hash(day=today, **same_person) != visitor_hash(day=yesterday, **same_person)
    assert visitor_hash(day=today, **same_person) != visitor_hash(
        day=today, ip="203.0.113.10", user_agent=BROWSER
    )
    # The key is random and shared by all processes through the database.
    first = visitor_hash(day=today, **same_person)
    forget_keys()
    assert visitor_hash(day=today, **same_person) == first
    keys = set(VisitorKey.objects.values_list("key", flat=True))
    assert len(keys) == 2 and all(len(k) == 64 for k in keys)

    visitor_hash(day=today - timedelta(days=2), **same_person)
    assert visitor_keys_prune(today=today) == 1  # the day before yesterday is over everywhere
    assert sorted(VisitorKey.objects.values_list("day", flat=True)) == [yesterday, today]
    assert visitor_keys_prune(today=today + timedelta(days=2)) == 2
    forget_keys()
    assert visitor_hash(day=today, **same_person) != first  # a new key: old hashes are orphans


def test_no_address_or_user_agent_is_stored_anywhere(make_link, spool_dir):
    link = make_link()
    address, agent = "203.0.113.77", BROWSER + " Unique/4242"
    for method in ("GET", "HEAD"):
        click(link, ip=address, agent=agent, method=method)
    bot = "facebookexternalhit/1.1 Unique/4343"
    click(link, ip=address, agent=bot)
    for path in spool_dir.iterdir():
        text = path.read_text()
        assert address not in text and "Unique/" not in text
    assert clicks_ingest() == 3
    dump = []
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (our own table names)
            dump.extend(str(value) for row in cursor.fetchall() for value in row)
    everything = "\n".join(dump)
    assert "tracking_click" in tables and len(dump) > 100
    assert address not in everything
    assert "Unique/" not in everything


def test_command_reads_the_spool(make_link, capsys):
    link = make_link()
    click(link)
    call_command("ingest_clicks")
    assert "1 clicks stored" in capsys.readouterr().out
    assert counts(link) == (1, 1, 0)


def test_the_worker_reads_the_spool_every_minute_and_prunes_keys_hourly(make_link):
    from multiplier.core.scheduler import REGISTRY, autodiscover
    from multiplier.tracking import tasks

    autodiscover()  # as the scheduler does
    jobs = {job.task: job.every for job in REGISTRY.values()}
    assert jobs[tasks.ingest_clicks] == timedelta(minutes=1)
    assert jobs[tasks.prune_visitor_keys] == timedelta(hours=1)
    link = make_link()
    click(link)
    tasks.ingest_clicks.enqueue()  # the immediate backend runs it now
    assert counts(link) == (1, 1, 0)


@pytest.mark.django_db(transaction=True)
def test_two_ingesters_at_once_store_each_click_once(make_link):
    import threading

    from django.db import connections

    link = make_link()
    for n in range(300):
        click(link, ip=f"198.51.100.{n % 50}")
    results: list[int] = []
    errors: list[BaseException] = []

    def ingest() -> None:
        try:
            results.append(clicks_ingest())
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ingest) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == [0, 300]  # one read everything, the other found nothing left
    assert Click.objects.count() == 300
    assert counts(link) == (300, 50, 0)
