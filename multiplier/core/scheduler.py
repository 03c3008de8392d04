"""Periodic work without cron.

Apps register periodic tasks with `@periodic(every=...)` (or `register_periodic`). The scheduler
loop (`multiplier scheduler`) calls `tick()` every few seconds; `tick` enqueues each job at most
once per time slot. Exactly-once-per-slot comes from the database, not from the process: a row
(job, slot) is inserted before enqueueing and a unique constraint rejects the second insert, so any
number of schedulers on any number of machines can run at the same time.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun

logger = logging.getLogger(__name__)

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object  # a django_tasks Task; enqueued with no arguments
    every: timedelta

    def slot(self, now: datetime) -> datetime:
        """The start of the period `now` falls in (periods are aligned to a fixed epoch)."""
        periods = (now - EPOCH) // self.every
        return EPOCH + periods * self.every


REGISTRY: dict[str, PeriodicJob] = {}


def register_periodic(task: object, *, every: timedelta, name: str | None = None) -> None:
    job_name = name or getattr(task, "module_path", None) or repr(task)
    REGISTRY[job_name] = PeriodicJob(name=job_name, task=task, every=every)


def periodic(*, every: timedelta, name: str | None = None):
    """Decorator for a django_tasks Task: `@periodic(every=timedelta(hours=1))` above `@task`."""

    def decorator(task: object) -> object:
        register_periodic(task, every=every, name=name)
        return task

    return decorator


def tick(now: datetime | None = None, jobs: dict[str, PeriodicJob] | None = None) -> list[str]:
    """Enqueue every job whose current slot has not been enqueued yet. Returns their names."""
    now = now or timezone.now()
    enqueued: list[str] = []
    for job in (jobs if jobs is not None else REGISTRY).values():
        slot = job.slot(now)
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, slot=slot)
                # Enqueued in the same transaction as the claim: with the database backend
                # the task row and the claim commit (or roll back) together.
                result = job.task.enqueue()  # type: ignore[attr-defined]
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another scheduler claimed this slot first
        logger.info("enqueued %s for slot %s", job.name, slot.isoformat())
        enqueued.append(job.name)
    return enqueued


def autodiscover() -> list[str]:
    """Import every app's `tasks.py` and `tasks_*.py` (apps split their tasks by feature), so
    their `@periodic` decorators register. Returns the imported module names."""
    imported: list[str] = []
    for config in apps.get_app_configs():
        names = [
            info.name
            for info in pkgutil.iter_modules([config.path])
            if info.name == "tasks" or info.name.startswith("tasks_")
        ]
        for name in sorted(names):
            module = f"{config.name}.{name}"
            importlib.import_module(module)
            imported.append(module)
    return imported


def prune_runs(older_than: timedelta = timedelta(days=30)) -> int:
    deleted, _ = ScheduledRun.objects.filter(slot__lt=timezone.now() - older_than).delete()
    return deleted
