"""The programme's background work. Tasks are thin: they call a service."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from multiplier.core.scheduler import periodic

from .services.goals import goals_finalise


@periodic(every=timedelta(days=1))
@task()
def finalise_goals() -> int:
    """Keep the final result of goals whose period ended (each in its organisation's date)."""
    return goals_finalise()
