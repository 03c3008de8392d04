"""Core's periodic housekeeping. Tasks are thin: they call a service or a selector."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django_tasks import task

from .scheduler import periodic, prune_runs


@periodic(every=timedelta(days=1))
@task()
def prune_scheduler_history() -> int:
    """Forget which slots were enqueued more than 30 days ago (older slots never come back)."""
    return prune_runs(timedelta(days=30))


@periodic(every=timedelta(days=1))
@task()
def prune_task_results() -> None:
    """Finished background task results are kept a week for troubleshooting, then removed."""
    call_command("prune_db_task_results", "--min-age-days=7", verbosity=0)
