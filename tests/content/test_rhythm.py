"""The rhythm's periodic jobs: a cycle opens once, the empty-cycle warning comes once per cycle
(by e-mail to the managers and admins who take part, each in their language, and on their home
page), and every job can run twice without doing anything twice."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from multiplier.content import tasks
from multiplier.content.models import CycleEvent, CycleEventKind, PostStatus
from multiplier.content.selectors.calendar import local_today
from multiplier.content.services.rhythm import cycles_open, empty_cycles_warn
from multiplier.content.signals import cycle_opened
from multiplier.core.models import MembershipStatus, Role
from multiplier.core.scheduler import REGISTRY

from .calendar_helpers import at, make_post, place_cycles

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    """What the `cycle_opened` signal carried."""
    calls: list[dict] = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    cycle_opened.connect(receiver, dispatch_uid="test-rhythm")
    yield calls
    cycle_opened.disconnect(dispatch_uid="test-rhythm")


def test_the_jobs_are_registered_with_the_scheduler():
    every = {job.task: job.every for job in REGISTRY.values()}
    assert every[tasks.publish_due_posts] == timedelta(minutes=5)
    assert every[tasks.open_cycles] == timedelta(minutes=15)
    assert every[tasks.warn_empty_cycles] == timedelta(hours=1)


def test_a_cycle_opens_once(org, other_org, received, django_capture_on_commit_callbacks):
    place_cycles(org, day_in_cycle=1)
    make_post(org, starts_at=timezone.now() - timedelta(minutes=5), status=PostStatus.LIVE)
    with django_capture_on_commit_callbacks(execute=True):
        first = cycles_open()
    with django_capture_on_commit_callbacks(execute=True):
        second = cycles_open()
    assert {event.organization for event in first} == {org, other_org}
    assert second == []
    event = CycleEvent.objects.get(organization=org, kind=CycleEventKind.OPENED)
    assert event.cycle_start == local_today(org)
    assert event.data["posts"] == 1
    signalled = [call for call in received if call["organization"] == org]
    assert len(signalled) == 1 and signalled[0]["cycle"].start == local_today(org)
    assert signalled[0]["event"] == event


def test_the_next_cycle_opens_again(org, received, django_capture_on_commit_callbacks):
    next_start = place_cycles(org, day_in_cycle=14)
    with django_capture_on_commit_callbacks(execute=True):
        cycles_open()
        cycles_open(now=at(org, next_start, 0, 10))  # just after midnight: a new cycle
    starts = sorted(
        CycleEvent.objects.filter(organization=org).values_list("cycle_start", flat=True)
    )
    assert starts == [next_start - timedelta(days=14), next_start]


def test_the_task_runs_the_service_and_is_idempotent(org):
    place_cycles(org, day_in_cycle=2)
    tasks.open_cycles.enqueue()
    tasks.open_cycles.enqueue()
    assert CycleEvent.objects.filter(organization=org, kind=CycleEventKind.OPENED).count() == 1


# --- the empty-cycle warning ----------------------------------------------------------------------


@pytest.fixture
def staff(org, make_member, admin, manager):
    """A Dutch-speaking manager, an opted-out manager and an ambassador besides the fixtures."""
    dutch = make_member(org, role=Role.MANAGER, email="manon@acme.test", name="Manon de Vries",
                        language="nl")  # fmt: skip
    gone = make_member(org, role=Role.MANAGER, email="gone@acme.test",
                       status=MembershipStatus.OPTED_OUT)  # fmt: skip
    invited = make_member(org, role=Role.MANAGER, email="invited@acme.test",
                          status=MembershipStatus.INVITED)  # fmt: skip
    amb = make_member(org, role=Role.AMBASSADOR, email="amb@acme.test")
    return {"dutch": dutch, "gone": gone, "invited": invited, "ambassador": amb}


def test_warning_once_per_cycle_to_participating_staff_in_their_language(
    org, admin, manager, staff, smtp_server
):
    next_start = place_cycles(org, day_in_cycle=10, warn=7, threshold=2)  # next cycle in 5 days
    make_post(org, starts_at=at(org, next_start + timedelta(days=1)))
    make_post(org, starts_at=at(org, next_start), status=PostStatus.DRAFT)  # not counted

    warnings = empty_cycles_warn()
    assert len(warnings) == 1
    assert empty_cycles_warn() == []  # the hourly job again: nothing more
    assert tasks.warn_empty_cycles.enqueue().return_value == 0

    recipients = sorted(address for _sender, rcpts in smtp_server.envelopes for address in rcpts)
    assert recipients == sorted([admin.user.email, manager.user.email, staff["dutch"].user.email])
    event = CycleEvent.objects.get(organization=org, kind=CycleEventKind.EMPTY_WARNING)
    assert event.cycle_start == next_start
    assert event.data == {"posts": 1, "threshold": 2, "emailed": 3}

    english = smtp_server.to(manager.user.email)[0]
    assert "is too quiet" in english["Subject"]
    text = smtp_server.text(english)
    assert "Hello Max," in text
    assert "It has 1 live or scheduled post; it needs at least 2." in text
    assert f"/o/{org.slug}/content/calendar/" in text
    assert f'/o/{org.slug}/content/calendar/"' in smtp_server.html(english)
    dutch = smtp_server.to(staff["dutch"].user.email)[0]
    assert "te stil" in dutch["Subject"]
    assert "Hallo Manon," in smtp_server.text(dutch)


def test_no_warning_too_early_or_when_the_cycle_is_full(org, manager, smtp_server):
    next_start = place_cycles(org, day_in_cycle=3, warn=7)  # next cycle in 12 days
    assert empty_cycles_warn() == []
    place_cycles(org, day_in_cycle=10, warn=7)  # in 5 days, but two posts are planned
    next_start = place_cycles(org, day_in_cycle=10, warn=7)
    make_post(org, starts_at=at(org, next_start))
    make_post(org, starts_at=at(org, next_start + timedelta(days=3)), status=PostStatus.LIVE)
    assert empty_cycles_warn() == []
    assert smtp_server.messages == []
    assert not CycleEvent.objects.filter(kind=CycleEventKind.EMPTY_WARNING).exists()


def test_opted_out_managers_get_nothing(org, make_member, smtp_server):
    make_member(org, role=Role.MANAGER, email="quiet@acme.test", status=MembershipStatus.OPTED_OUT)
    place_cycles(org, day_in_cycle=12, warn=7)
    warnings = empty_cycles_warn()
    assert len(warnings) == 1 and warnings[0].sent_to == []
    assert smtp_server.messages == []


def test_warning_on_the_managers_home_page_only(login, org, manager, ambassador):
    next_start = place_cycles(org, day_in_cycle=10, warn=7)
    home = f"/o/{org.slug}/"
    page = login(manager).get(home).content.decode()
    assert "The next cycle is too quiet" in page
    assert f"#cycle-{next_start.isoformat()}" in page
    assert "The next cycle is too quiet" not in login(ambassador).get(home).content.decode()
    # Filled: the warning goes away.
    make_post(org, starts_at=at(org, next_start))
    make_post(org, starts_at=at(org, next_start + timedelta(days=1)))
    assert "The next cycle is too quiet" not in login(manager).get(home).content.decode()


def test_go_live_task(org):
    post = make_post(org, starts_at=timezone.now() - timedelta(minutes=3))
    assert tasks.publish_due_posts.enqueue().return_value == 1
    assert tasks.publish_due_posts.enqueue().return_value == 0
    post.refresh_from_db()
    assert post.status == PostStatus.LIVE and post.went_live_at is not None


def test_warning_is_tried_again_when_the_mail_server_was_down(org, manager, settings):
    place_cycles(org, day_in_cycle=10, warn=7)
    # A port on this machine where nothing listens: the connection is refused.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    assert empty_cycles_warn() == []
    assert not CycleEvent.objects.filter(kind=CycleEventKind.EMPTY_WARNING).exists()
    # The mail server is back (Django's test outbox): the next run warns.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert len(empty_cycles_warn()) == 1
    assert [m.to for m in mail.outbox] == [[manager.user.email]]
