"""The scheduler enqueues each periodic job once per slot, however many schedulers run."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from multiplier.core import scheduler
from multiplier.core.models import ScheduledRun


@task()
def _noop() -> None:
    return None


JOB = scheduler.PeriodicJob(name="tests.noop", task=_noop, every=timedelta(hours=1))


def test_slot_is_the_start_of_the_period():
    now = datetime(2026, 11, 22, 14, 37, tzinfo=UTC)
    assert JOB.slot(now) == datetime(2026, 11, 22, 14, 0, tzinfo=UTC)
    daily = scheduler.PeriodicJob(name="d", task=_noop, every=timedelta(days=1))
    assert daily.slot(now) == datetime(2026, 11, 22, tzinfo=UTC)


@pytest.mark.django_db
def test_second_tick_in_same_slot_enqueues_nothing():
    now = datetime(2026, 11, 22, 14, 37, tzinfo=UTC)
    assert scheduler.tick(now, {JOB.name: JOB}) == ["tests.noop"]
    assert scheduler.tick(now + timedelta(minutes=10), {JOB.name: JOB}) == []
    assert scheduler.tick(now + timedelta(hours=1), {JOB.name: JOB}) == ["tests.noop"]
    assert ScheduledRun.objects.filter(job="tests.noop").count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_enqueue_a_job_once(settings):
    """Two scheduler threads, each with its own database connection, tick for the same slot
    at the same moment; the database queue must hold exactly one task."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = datetime(2026, 11, 22, 9, 5, tzinfo=UTC)
    start = threading.Barrier(2)
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            results.append(scheduler.tick(now, {JOB.name: JOB}))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(len(r) for r in results) == [0, 1]
    assert DBTaskResult.objects.filter(task_path__endswith="_noop").count() == 1
    assert ScheduledRun.objects.filter(job="tests.noop").count() == 1


def test_core_registers_its_housekeeping_jobs():
    from multiplier.core import tasks  # noqa: F401  (importing registers)

    assert "multiplier.core.tasks.prune_scheduler_history" in scheduler.REGISTRY
