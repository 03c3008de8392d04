"""The programme canvas: the seven steps of the book as a checklist, each with its state and a
one-line summary computed from the organisation's data (PRODUCT.md, "The seven steps").

Pure reads, one function per step, so each state can be tested on constructed data. People are
counted only while they take part (`participating()`): opted-out members count nowhere here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from multiplier.core.models import Membership, Organization

from . import metrics
from .goal_progress import GoalStatus, goal_progress
from .metrics import MetricQuery
from .models import (
    Connection,
    ConnectionKind,
    Entity,
    Goal,
    Level,
    Policy,
    Theme,
)
from .policy import acceptance_summary
from .selectors.coverage import coverage

# How far back "the programme runs" and step 7 look for shares.
RUNNING_WINDOW_DAYS = 90


class StepState(StrEnum):
    DONE = "done"
    ATTENTION = "attention"
    TODO = "todo"


STATE_LABELS: dict[StepState, Promise] = {
    StepState.DONE: gettext_lazy("Done"),
    StepState.ATTENTION: gettext_lazy("Needs attention"),
    StepState.TODO: gettext_lazy("To do"),
}


@dataclass(frozen=True)
class CanvasStep:
    number: int
    title: Promise
    purpose: Promise  # what the step is for, in one line (the book)
    state: StepState
    summary: str
    url_name: str  # where the step is done; the page may not exist yet (see the template)
    action: Promise

    @property
    def state_label(self) -> Promise:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class Canvas:
    steps: list[CanvasStep]
    runs: bool

    @property
    def done(self) -> int:
        return sum(step.state == StepState.DONE for step in self.steps)


def _window(organization: Organization, today: date) -> MetricQuery:
    return MetricQuery(organization, today - timedelta(days=RUNNING_WINDOW_DAYS - 1), today)


def programme_runs(organization: Organization, today: date) -> bool:
    """The programme runs once someone shared in the last 90 days (shares come from `sharing`,
    through the facts registry; until it exists, nothing has been shared)."""
    query = _window(organization, today)
    return bool(metrics.fact("sharer_ids", query)) or any(
        metrics.fact("shares_per_day", query).values()
    )


def _participating(organization: Organization):
    return Membership.objects.for_org(organization).participating()


def _percent(part: int, whole: int) -> int:
    return int((Decimal(part) * 100 / whole).quantize(Decimal(1), ROUND_HALF_UP))


def _sentences(*parts: str) -> str:
    return " ".join(part for part in parts if part)


# --- Step 1: goals ------------------------------------------------------------------------------


def goals_step(organization: Organization, today: date, runs: bool) -> CanvasStep:
    def step(state: StepState, summary: str, url_name: str = "goal_list") -> CanvasStep:
        return CanvasStep(
            1,
            gettext_lazy("Goals"),
            gettext_lazy("What must the programme achieve? A metric, a target and a period."),
            state,
            summary,
            url_name,
            # Once goals exist the link leads to them, not to a form for the first one.
            gettext_lazy("Set goals")
            if url_name == "goal_create"
            else gettext_lazy("See the goals"),
        )

    goals = list(Goal.objects.filter(organization=organization).select_related("organization"))
    if not goals:
        return step(StepState.TODO, _("No goals yet."), "goal_create")
    current = [goal for goal in goals if goal.end >= today]
    if not current:
        return step(
            StepState.ATTENTION,
            ngettext(
                "%(n)d goal, and its period is over: set the next one.",
                "%(n)d goals, all of them over: set the next one.",
                len(goals),
            )
            % {"n": len(goals)},
        )
    summary = ngettext(
        "%(n)d goal running or coming up.", "%(n)d goals running or coming up.", len(current)
    ) % {"n": len(current)}
    # Before anyone shares, every count is 0 and "not on track" would say nothing.
    behind = 0
    if runs:
        for goal in current:
            progress = goal_progress(goal, today=today)
            behind += progress.status == GoalStatus.RUNNING and progress.on_track is False
    if behind:
        return step(
            StepState.ATTENTION,
            _sentences(
                summary,
                ngettext("%(n)d is not on track.", "%(n)d are not on track.", behind)
                % {"n": behind},
            ),
        )
    return step(StepState.DONE, summary)


# --- Step 2: themes -----------------------------------------------------------------------------


def themes_step(organization: Organization) -> CanvasStep:
    def step(state: StepState, summary: str) -> CanvasStep:
        return CanvasStep(
            2,
            gettext_lazy("Themes"),
            gettext_lazy("The subjects the organisation wants to be recognised for."),
            state,
            summary,
            "theme_list",
            gettext_lazy("Choose themes"),
        )

    themes = list(Theme.objects.filter(organization=organization).active())
    if not themes:
        return step(StepState.TODO, _("No themes yet."))
    undescribed = sum(not theme.description.strip() for theme in themes)
    if undescribed:
        return step(
            StepState.ATTENTION,
            ngettext(
                "%(total)d theme, %(missing)d without a description.",
                "%(total)d themes, %(missing)d without a description.",
                len(themes),
            )
            % {"total": len(themes), "missing": undescribed},
        )
    names = ", ".join(theme.name for theme in themes)
    return step(
        StepState.DONE,
        ngettext("%(n)d theme: %(names)s.", "%(n)d themes: %(names)s.", len(themes))
        % {"n": len(themes), "names": names},
    )


# --- Step 3: employees per theme ----------------------------------------------------------------


def people_step(organization: Organization) -> CanvasStep:
    def step(state: StepState, summary: str) -> CanvasStep:
        return CanvasStep(
            3,
            gettext_lazy("Employees per theme"),
            gettext_lazy("Who has expertise in and passion for which theme."),
            state,
            summary,
            "coverage",
            gettext_lazy("See who covers what"),
        )

    # One definition of coverage for the canvas and the coverage page: experts are the ones a
    # manager confirmed (program/selectors/coverage.py).
    covered = coverage(organization)
    if not covered.themes:
        return step(StepState.TODO, _("Choose themes first; then map who covers them."))
    if not any(theme.ambassadors for theme in covered.themes):
        return step(StepState.TODO, _("Nobody taking part has chosen a theme yet."))
    settings = covered.settings
    few_experts = sum(theme.needs_experts for theme in covered.themes)
    few_people = sum(theme.needs_ambassadors for theme in covered.themes)
    if not covered.flagged:
        return step(
            StepState.DONE,
            _("Every theme has enough ambassadors and experts."),
        )
    if settings.min_experts_per_theme == 1:
        experts = ngettext(
            "%(n)d theme has no expert.", "%(n)d themes have no expert.", few_experts
        ) % {"n": few_experts}
    else:
        experts = ngettext(
            "%(n)d theme has fewer than %(min)d experts.",
            "%(n)d themes have fewer than %(min)d experts.",
            few_experts,
        ) % {"n": few_experts, "min": settings.min_experts_per_theme}
    people = ngettext(
        "%(n)d theme has fewer than %(min)d ambassadors.",
        "%(n)d themes have fewer than %(min)d ambassadors.",
        few_people,
    ) % {"n": few_people, "min": settings.min_ambassadors_per_theme}
    return step(
        StepState.ATTENTION,
        _sentences(people if few_people else "", experts if few_experts else ""),
    )


# --- Step 4: ways to contribute (Level in the model; not ranks) --------------------------------


def levels_step(organization: Organization) -> CanvasStep:
    def step(state: StepState, summary: str) -> CanvasStep:
        return CanvasStep(
            4,
            gettext_lazy("Ways to contribute"),
            gettext_lazy("Sharer, engager, creator, expert: every way counts, none ranks higher."),
            state,
            summary,
            "level_list",
            gettext_lazy("Describe the ways to contribute"),
        )

    levels = list(Level.objects.filter(organization=organization))
    if not levels:
        return step(StepState.TODO, _("No ways to contribute yet."))
    undescribed = sum(not level.description.strip() for level in levels)
    if undescribed:
        return step(
            StepState.ATTENTION,
            ngettext(
                "%(total)d way to contribute, %(missing)d without a description.",
                "%(total)d ways to contribute, %(missing)d without a description.",
                len(levels),
            )
            % {"total": len(levels), "missing": undescribed},
        )
    names = ", ".join(level.name for level in levels)
    return step(
        StepState.DONE,
        ngettext(
            "%(n)d way to contribute: %(names)s.",
            "%(n)d ways to contribute: %(names)s.",
            len(levels),
        )
        % {"n": len(levels), "names": names},
    )


# --- Step 5: the outside world ------------------------------------------------------------------

# A wish ("should connect") is not a connection yet.
REAL_CONNECTIONS = [kind for kind in ConnectionKind if kind != ConnectionKind.SHOULD_CONNECT]


def outside_step(organization: Organization) -> CanvasStep:
    def step(state: StepState, summary: str) -> CanvasStep:
        return CanvasStep(
            5,
            gettext_lazy("The outside world"),
            gettext_lazy(
                "The audiences, influencers, media, communities and events around each theme."
            ),
            state,
            summary,
            "entity_list",
            gettext_lazy("Map the outside world"),
        )

    connected = Connection.objects.filter(
        entity=OuterRef("pk"),
        kind__in=REAL_CONNECTIONS,
        membership__in=_participating(organization),
    )
    entities = list(
        Entity.objects.filter(organization=organization).annotate(connected=Exists(connected))
    )
    if not entities:
        return step(StepState.TODO, _("The outside world is empty."))
    lonely = sum(not entity.connected for entity in entities)
    bare_themes = (
        Theme.objects.filter(organization=organization)
        .active()
        .filter(entities__isnull=True)
        .count()
    )
    total = ngettext("%(n)d entity.", "%(n)d entities.", len(entities)) % {"n": len(entities)}
    if not (lonely or bare_themes):
        return step(
            StepState.DONE,
            ngettext(
                "%(n)d entity, with someone connected.",
                "%(n)d entities, each with someone connected.",
                len(entities),
            )
            % {"n": len(entities)},
        )
    return step(
        StepState.ATTENTION,
        _sentences(
            total,
            ngettext(
                "%(n)d has nobody connected to it.", "%(n)d have nobody connected to them.", lonely
            )
            % {"n": lonely}
            if lonely
            else "",
            ngettext(
                "%(n)d theme has no outside world yet.",
                "%(n)d themes have no outside world yet.",
                bare_themes,
            )
            % {"n": bare_themes}
            if bare_themes
            else "",
        ),
    )


# --- Step 6: support (the social media policy) --------------------------------------------------


def support_step(organization: Organization) -> CanvasStep:
    def step(state: StepState, summary: str) -> CanvasStep:
        return CanvasStep(
            6,
            gettext_lazy("Support"),
            gettext_lazy("Tips, training and a social media policy: support, not control."),
            state,
            summary,
            "policy_detail",
            # Once there is a policy, the page is where to see who accepted it.
            gettext_lazy("See the policy") if policy else gettext_lazy("Write the policy"),
        )

    acceptance = acceptance_summary(organization)
    policy = acceptance.policy
    newer_draft = (
        Policy.objects.filter(organization=organization, published_at__isnull=True)
        .filter(version__gt=policy.version if policy else 0)
        .exists()
    )
    if policy is None:
        if newer_draft:
            return step(StepState.TODO, _("A draft policy is waiting to be published."))
        return step(StepState.TODO, _("No social media policy yet."))
    if acceptance.participating:
        summary = _("Policy version %(version)d accepted by %(percent)d%% of members.") % {
            "version": policy.version,
            "percent": _percent(acceptance.accepted, acceptance.participating),
        }
    else:
        summary = _("Policy version %(version)d published.") % {"version": policy.version}
    if newer_draft:
        return step(
            StepState.ATTENTION,
            _sentences(summary, _("A newer draft is waiting to be published.")),
        )
    return step(StepState.DONE, summary)


# --- Step 7: measure ----------------------------------------------------------------------------


def measure_step(organization: Organization, today: date, runs: bool) -> CanvasStep:
    def step(state: StepState, summary: str) -> CanvasStep:
        return CanvasStep(
            7,
            gettext_lazy("Measure"),
            gettext_lazy("Shares, clicks, reach and participation, against your goals."),
            state,
            summary,
            "goal_list",
            gettext_lazy("See progress"),
        )

    if not runs:
        return step(StepState.TODO, _("Measuring starts when sharing begins."))
    query = _window(organization, today)
    shares, clicks = int(metrics.shares(query)), int(metrics.clicks(query))
    return step(
        StepState.DONE,
        _sentences(
            ngettext(
                "%(n)d share in the last 90 days,", "%(n)d shares in the last 90 days,", shares
            )
            % {"n": shares},
            ngettext("%(n)d click.", "%(n)d clicks.", clicks) % {"n": clicks},
        ),
    )


def build_canvas(organization: Organization, today: date | None = None) -> Canvas:
    """`today` is the organisation's local date unless given (tests give one)."""
    today = today or timezone.localdate(timezone=organization.tz)
    runs = programme_runs(organization, today)
    return Canvas(
        steps=[
            goals_step(organization, today, runs),
            themes_step(organization),
            people_step(organization),
            levels_step(organization),
            outside_step(organization),
            support_step(organization),
            measure_step(organization, today, runs),
        ],
        runs=runs,
    )
