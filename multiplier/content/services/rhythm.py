"""The rhythm: its settings, and the scheduler's once-per-cycle events.

- `cycles_open`: a new cycle has begun → one "opened" CycleEvent and the `cycle_opened` signal.
- `empty_cycles_warn`: the next cycle is near and too quiet → one "empty_warning" CycleEvent and
  an e-mail to the programme's managers and admins (who take part), each in their language.
Both are safe to run any number of times and by several schedulers at once: the unique
constraint on CycleEvent lets exactly one insert per cycle and kind through.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from multiplier.core.audit import audit
from multiplier.core.models import Membership, Organization
from multiplier.program.services.actors import require_programme_runner

from ..cycles import Cycle
from ..models import CycleEvent, CycleEventKind
from ..selectors.calendar import (
    NextCycleCheck,
    counted_posts,
    cycle_of,
    local_today,
    next_cycle_check,
    rhythm_settings,
)
from ..signals import cycle_opened

logger = logging.getLogger(__name__)

CADENCE_MIN, CADENCE_MAX = 7, 56
THRESHOLD_MIN, THRESHOLD_MAX = 1, 50
WARN_MIN, WARN_MAX = 1, 56

RHYTHM_FIELDS = ("cadence_days", "min_posts_per_cycle", "warn_days_before", "cycle_anchor")


def content_settings_update(
    *, organization: Organization, by: Membership | None, **fields: Any
) -> dict[str, dict[str, Any]]:
    """Change the rhythm: any of RHYTHM_FIELDS (the cadence lives on the organisation). Returns
    {field: {"from", "to"}} of what changed; the audit entry holds the same."""
    require_programme_runner(by, organization)
    unknown = set(fields) - set(RHYTHM_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        current = rhythm_settings(org)
        values = {
            "cadence_days": fields.get("cadence_days", org.cadence_days),
            "min_posts_per_cycle": fields.get("min_posts_per_cycle", current.min_posts_per_cycle),
            "warn_days_before": fields.get("warn_days_before", current.warn_days_before),
            "cycle_anchor": fields.get("cycle_anchor", current.cycle_anchor),
        }
        _validate(values)
        before = {
            "cadence_days": org.cadence_days,
            "min_posts_per_cycle": current.min_posts_per_cycle,
            "warn_days_before": current.warn_days_before,
            "cycle_anchor": current.cycle_anchor,
        }
        changes = {
            name: {"from": before[name], "to": value}
            for name, value in values.items()
            if before[name] != value
        }
        if not changes:
            return {}
        if "cadence_days" in changes:
            org.cadence_days = values["cadence_days"]
            org.save(update_fields=["cadence_days"])
            organization.cadence_days = org.cadence_days
        setting_fields = [name for name in changes if name != "cadence_days"]
        for name in setting_fields:
            setattr(current, name, values[name])
        if setting_fields:
            current.save(update_fields=setting_fields)
        logged = {
            name: {
                key: value.isoformat() if isinstance(value, date) else value
                for key, value in change.items()
            }
            for name, change in changes.items()
        }
        audit(
            "content.rhythm_changed",
            actor=by.user if by else None,
            organization=org,
            target=org,
            **logged,
        )
    return logged


def _validate(values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    cadence = values["cadence_days"]
    if cadence is None or not CADENCE_MIN <= cadence <= CADENCE_MAX:
        errors["cadence_days"] = _("Pick a cadence from %(min)s to %(max)s days.") % {
            "min": CADENCE_MIN,
            "max": CADENCE_MAX,
        }
    threshold = values["min_posts_per_cycle"]
    if threshold is None or not THRESHOLD_MIN <= threshold <= THRESHOLD_MAX:
        errors["min_posts_per_cycle"] = _("Enter a number of posts from %(min)s to %(max)s.") % {
            "min": THRESHOLD_MIN,
            "max": THRESHOLD_MAX,
        }
    warn = values["warn_days_before"]
    if warn is None or not WARN_MIN <= warn <= WARN_MAX:
        errors["warn_days_before"] = _("Enter a number of days from %(min)s to %(max)s.") % {
            "min": WARN_MIN,
            "max": WARN_MAX,
        }
    elif cadence and "cadence_days" not in errors and warn > cadence:
        errors["warn_days_before"] = _(
            "Warn at most one cadence (%(days)s days) ahead, or the warning would come before "
            "the cycle in between has even started."
        ) % {"days": cadence}
    if values["cycle_anchor"] is None:
        errors["cycle_anchor"] = _("Pick the day a cycle starts.")
    if errors:
        raise ValidationError(errors)


# --- once per cycle ------------------------------------------------------------------------------


def _claim(
    organization: Organization, cycle: Cycle, kind: str, data: dict[str, Any]
) -> CycleEvent | None:
    """Insert the cycle's event of this kind; None if it exists (someone got there first)."""
    try:
        with transaction.atomic():
            return CycleEvent.objects.create(
                organization=organization, cycle_start=cycle.start, kind=kind, data=data
            )
    except IntegrityError:
        return None


def cycles_open(*, now: datetime | None = None) -> list[CycleEvent]:
    """Record the opening of each organisation's current cycle, once, and announce it."""
    now = now or timezone.now()
    opened = []
    for organization in Organization.objects.all():
        settings_ = rhythm_settings(organization)
        cycle = cycle_of(organization, local_today(organization, now), settings_)
        if CycleEvent.objects.filter(
            organization=organization, cycle_start=cycle.start, kind=CycleEventKind.OPENED
        ).exists():
            continue
        event = _claim(
            organization,
            cycle,
            CycleEventKind.OPENED,
            {
                "end": cycle.end.isoformat(),
                "posts": counted_posts(organization, cycle).count(),
            },
        )
        if event is None:
            continue
        opened.append(event)
        logger.info("cycle %s opened for %s", cycle.start, organization.slug)
        # After the commit: a receiver that enqueues work must find the event in the database.
        transaction.on_commit(
            lambda o=organization, c=cycle, e=event: cycle_opened.send(
                sender=CycleEvent, organization=o, cycle=c, event=e
            )
        )
    return opened


@dataclass
class EmptyCycleWarning:
    organization: Organization
    event: CycleEvent
    sent_to: list[str]


def empty_cycles_warn(*, now: datetime | None = None) -> list[EmptyCycleWarning]:
    """Warn each organisation whose next cycle is within its warning period and short of
    posts, once per cycle: a CycleEvent and an e-mail to its managers and admins."""
    now = now or timezone.now()
    warnings = []
    for organization in Organization.objects.all():
        check = next_cycle_check(organization, now=now)
        if not check.due:
            continue
        if CycleEvent.objects.filter(
            organization=organization,
            cycle_start=check.cycle.start,
            kind=CycleEventKind.EMPTY_WARNING,
        ).exists():
            continue
        event = _claim(
            organization,
            check.cycle,
            CycleEventKind.EMPTY_WARNING,
            {"posts": check.counted, "threshold": check.threshold},
        )
        if event is None:
            continue
        try:
            sent_to = _email_staff(organization, check)
        except MailServerUnreachable:
            # Nobody was told: give the claim back, so that the next hourly run tries again.
            # (Once anyone got the e-mail the claim stays: at most once per cycle.)
            event.delete()
            continue
        event.data["emailed"] = len(sent_to)
        event.save(update_fields=["data"])
        warnings.append(EmptyCycleWarning(organization, event, sent_to))
    return warnings


class MailServerUnreachable(Exception):
    """Not one warning could be handed to the mail server."""


def warning_recipients(organization: Organization):
    """Managers and admins who take part (opted-out people receive nothing)."""
    return (
        Membership.objects.for_org(organization)
        .participating()
        .staff()
        .select_related("user")
        .order_by("pk")
    )


def _email_staff(organization: Organization, check: NextCycleCheck) -> list[str]:
    messages = [
        (member.user.email, empty_cycle_message(organization, check, member))
        for member in warning_recipients(organization)
    ]
    if not messages:
        return []
    sent: list[str] = []
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        logger.exception("could not connect to the mail server for %s", organization.slug)
        raise MailServerUnreachable from error
    try:
        for address, message in messages:
            try:
                connection.send_messages([message])
            except (smtplib.SMTPException, OSError):
                logger.exception("empty-cycle warning to %s not sent", address)
            else:
                sent.append(address)
    finally:
        connection.close()
    return sent


def empty_cycle_message(
    organization: Organization, check: NextCycleCheck, member: Membership
) -> EmailMultiAlternatives:
    """The warning e-mail, in the recipient's language and the organisation's dates."""
    user = member.user
    context = {
        "organization": organization,
        "check": check,
        "name": user.get_short_name() if user.name else "",
        "calendar_url": settings.SITE_URL + reverse("content_calendar", args=[organization.slug]),
    }
    language = user.language or organization.language
    with translation.override(language), timezone.override(organization.tz):
        subject = render_to_string("content/email/empty_cycle_subject.txt", context)
        text = render_to_string("content/email/empty_cycle.txt", context)
        html = render_to_string("content/email/empty_cycle.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message
