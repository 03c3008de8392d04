"""The content calendar: cycles around today with their posts and counts, moving a post by the
form and by a drop on a cycle, the rhythm settings page, and who may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from multiplier.content.models import ContentSettings, PostStatus
from multiplier.content.selectors.calendar import calendar_for, local_today
from multiplier.content.services.calendar import cycle_drop_moment, post_move, posts_go_live
from multiplier.core.models import AuditEvent

from .calendar_helpers import at, make_post, place_cycles

pytestmark = pytest.mark.django_db


def url(name: str, org, *args) -> str:
    return reverse(name, args=[org.slug, *args])


# --- the calendar's content -----------------------------------------------------------------------


def test_calendar_shows_past_current_and_next_cycles_with_their_posts(org):
    next_start = place_cycles(org, day_in_cycle=3, threshold=2)
    today = local_today(org)
    past = make_post(org, starts_at=at(org, today - timedelta(days=20)), status=PostStatus.ARCHIVED)
    live = make_post(org, starts_at=at(org, today - timedelta(days=1)), status=PostStatus.LIVE)
    planned = make_post(org, starts_at=at(org, next_start), status=PostStatus.SCHEDULED)
    draft = make_post(org, starts_at=at(org, next_start + timedelta(days=1)),
                      status=PostStatus.DRAFT)  # fmt: skip
    make_post(org, starts_at=at(org, next_start), status=PostStatus.DECLINED)  # never shown

    calendar = calendar_for(org)
    assert len(calendar.cycles) == 6  # three past, the current one, two ahead
    assert [c.is_past for c in calendar.cycles] == [True, True, True, False, False, False]
    assert calendar.current.cycle.start == today - timedelta(days=2)
    assert calendar.next.cycle.start == next_start
    assert calendar.cycles[1].posts == [past]  # 20 days ago: two cycles back
    assert calendar.cycles[1].counted == 1  # archived: it went live then
    assert calendar.current.posts == [live] and calendar.current.counted == 1
    # The draft is shown but not counted: only live and scheduled posts reach ambassadors.
    assert calendar.next.posts == [planned, draft]
    assert (calendar.next.counted, calendar.next.short, calendar.next.flagged) == (1, 1, True)
    # Twelve days before the next cycle with a seven-day warning period: no warning yet.
    assert not calendar.warn_next


def test_past_cycles_say_how_many_posts_went_live(login, org, manager):
    place_cycles(org, day_in_cycle=3)
    today = local_today(org)
    make_post(org, starts_at=at(org, today - timedelta(days=20)), status=PostStatus.ARCHIVED)
    make_post(org, starts_at=at(org, today - timedelta(days=19)), status=PostStatus.LIVE)
    page = login(manager).get(url("content_calendar", org)).content.decode()
    assert "2 posts went live" in page
    assert "No posts went live in this cycle." in page  # the other past cycles
    assert "0 posts went live" not in page  # said once, not twice


def test_a_post_belongs_to_the_cycle_of_its_local_day(org):
    # 23:30 in Amsterdam on the last day of the cycle is the next day in UTC: still this cycle.
    next_start = place_cycles(org, day_in_cycle=3)
    late = make_post(org, starts_at=at(org, next_start - timedelta(days=1), 23, 30))
    calendar = calendar_for(org)
    assert late in calendar.current.posts and late not in calendar.next.posts


def test_warning_on_the_calendar_within_the_warning_period(login, org, manager):
    next_start = place_cycles(org, day_in_cycle=10, warn=7)  # next cycle in 5 days
    make_post(org, starts_at=at(org, next_start))
    page = login(manager).get(url("content_calendar", org)).content.decode()
    assert "The next cycle is too quiet" in page
    assert "Needs 1 more post" in page
    make_post(org, starts_at=at(org, next_start + timedelta(days=2)))
    page = login(manager).get(url("content_calendar", org)).content.decode()
    assert "The next cycle is too quiet" not in page


def test_empty_calendar_says_what_to_do(login, org, manager):
    place_cycles(org, day_in_cycle=3)
    page = login(manager).get(url("content_calendar", org)).content.decode()
    assert "No posts go live in this cycle yet." in page
    assert "Schedule ready posts into this cycle" in page


def test_calendar_links_to_the_post_only_when_post_pages_exist(login, org, manager):
    place_cycles(org, day_in_cycle=3)
    post = make_post(org, starts_at=timezone.now() + timedelta(days=1), title="Heat pump myths")
    page = login(manager).get(url("content_calendar", org)).content.decode()
    assert "Heat pump myths" in page
    try:
        detail = reverse("post_detail", kwargs={"org_slug": org.slug, "post_id": post.pk})
    except NoReverseMatch:  # the post pages live on another branch until merged
        detail = None
    if detail:
        assert f'href="{detail}"' in page
    else:
        assert '<span class="cal-post-title">Heat pump myths</span>' in page


# --- who may see it -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["content_calendar", "content_rhythm_settings"])
@pytest.mark.parametrize(("who", "status"), [("admin", 200), ("manager", 200),
                                             ("ambassador", 403), ("leader", 403)])  # fmt: skip
def test_pages_are_for_managers_and_admins(request, login, org, name, who, status):
    member = request.getfixturevalue(who)
    assert login(member).get(url(name, org)).status_code == status


def test_another_organisations_post_cannot_be_moved(login, org, manager, other_org):
    foreign = make_post(other_org, starts_at=timezone.now() + timedelta(days=3))
    response = login(manager).post(
        url("calendar_post_move", org, foreign.pk), {"day": "2030-01-01", "time": "09:00"}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.starts_at.year != 2030


def test_service_refuses_ambassadors_and_other_organisations(org, ambassador, outsider):
    post = make_post(org, starts_at=timezone.now() + timedelta(days=3))
    for who in (ambassador, outsider):
        with pytest.raises(PermissionDenied):
            post_move(post=post, starts_at=timezone.now() + timedelta(days=5), by=who)


# --- moving a post --------------------------------------------------------------------------------


def test_move_keeps_the_window_length_and_audits(org, manager):
    start = timezone.now() + timedelta(days=2)
    post = make_post(org, starts_at=start, ends_at=start + timedelta(days=14))
    new_start = start + timedelta(days=9)
    changes = post_move(post=post, starts_at=new_start, by=manager)
    post.refresh_from_db()
    assert post.starts_at == new_start and post.ends_at == new_start + timedelta(days=14)
    assert set(changes) == {"starts_at", "ends_at"}
    event = AuditEvent.objects.get(action="post.moved")
    assert event.actor == manager.user and event.data["starts_at"]["to"] == new_start.isoformat()


def test_move_validates(org, manager):
    start = timezone.now() + timedelta(days=2)
    post = make_post(org, starts_at=start)
    with pytest.raises(ValidationError) as error:
        post_move(post=post, starts_at=timezone.now() - timedelta(days=1), by=manager)
    assert "cannot go live in the past" in str(error.value.message_dict["starts_at"])
    with pytest.raises(ValidationError) as error:
        post_move(post=post, starts_at=start + timedelta(days=3), ends_at=start, by=manager)
    assert "The end must come after the start." in error.value.message_dict["ends_at"]
    with pytest.raises(ValidationError):
        post_move(post=post, starts_at=None, by=manager)
    archived = make_post(org, starts_at=start, status=PostStatus.ARCHIVED)
    with pytest.raises(ValidationError) as error:
        post_move(post=archived, starts_at=start + timedelta(days=1), by=manager)
    assert "only posts that are still to come or live can be moved" in error.value.messages[0]
    assert post_move(post=post, starts_at=start, by=manager) == {}  # nothing changed
    assert not AuditEvent.objects.filter(action="post.moved").exists()


def test_a_live_post_moved_into_the_future_is_scheduled_again(org, manager):
    post = make_post(org, starts_at=timezone.now() - timedelta(hours=2), status=PostStatus.LIVE)
    post_move(post=post, starts_at=timezone.now() + timedelta(days=3), by=manager)
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED


def test_move_by_the_form_schedules_into_the_next_cycle(login, org, manager):
    next_start = place_cycles(org, day_in_cycle=3)
    post = make_post(org, starts_at=at(org, local_today(org) + timedelta(days=1), 10, 30))
    response = login(manager).post(
        url("calendar_post_move", org, post.pk),
        {"day": (next_start + timedelta(days=2)).isoformat(), "time": "08:15"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#cycle-{next_start.isoformat()}")
    post.refresh_from_db()
    assert post.starts_at == at(org, next_start + timedelta(days=2), 8, 15)
    assert post in calendar_for(org).next.posts


def test_move_form_shows_field_errors(login, org, manager):
    place_cycles(org, day_in_cycle=3)
    post = make_post(org, starts_at=timezone.now() + timedelta(days=1))
    client = login(manager)
    response = client.post(url("calendar_post_move", org, post.pk), {"day": "", "time": "09:00"})
    assert response.status_code == 200
    assert "Pick the day the post goes live." in response.content.decode()
    yesterday = (local_today(org) - timedelta(days=1)).isoformat()
    response = client.post(url("calendar_post_move", org, post.pk),
                           {"day": yesterday, "time": "09:00"})  # fmt: skip
    assert "a post cannot go live in the past" in response.content.decode()
    assert client.get(url("calendar_post_move", org, post.pk)).status_code == 200


def test_drop_on_a_cycle_by_script_answers_with_the_redrawn_board(login, org, manager):
    next_start = place_cycles(org, day_in_cycle=3)
    post = make_post(org, starts_at=at(org, local_today(org) + timedelta(days=1), 10, 30),
                     title="Solar on schools")  # fmt: skip
    response = login(manager).post(
        url("calendar_post_move", org, post.pk),
        {"cycle": next_start.isoformat()},
        headers={"X-Calendar": "1"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="calendar-board"' in body and "Solar on schools" in body
    assert "now goes live on" in body  # the message for the status line
    post.refresh_from_db()
    # The first day of the cycle, at the post's own time of day.
    assert post.starts_at == at(org, next_start, 10, 30)


def test_drop_on_a_past_cycle_is_refused(login, org, manager):
    place_cycles(org, day_in_cycle=3)
    post = make_post(org, starts_at=timezone.now() + timedelta(days=1))
    past = (local_today(org) - timedelta(days=20)).isoformat()
    client = login(manager)
    response = client.post(url("calendar_post_move", org, post.pk), {"cycle": past},
                           headers={"X-Calendar": "1"})  # fmt: skip
    assert response.status_code == 400
    assert "This cycle is over" in response.content.decode()
    response = client.post(url("calendar_post_move", org, post.pk), {"cycle": "nonsense"},
                           headers={"X-Calendar": "1"})  # fmt: skip
    assert response.status_code == 400
    # Without the script: back to the calendar with the message.
    response = client.post(url("calendar_post_move", org, post.pk), {"cycle": past}, follow=True)
    assert "This cycle is over" in response.content.decode()


def test_a_draft_is_planned_not_promised(login, org, manager):
    next_start = place_cycles(org, day_in_cycle=3)
    draft = make_post(org, starts_at=None, status=PostStatus.DRAFT, title="Heat pump FAQ")
    client = login(manager)
    page = client.get(url("content_calendar", org)).content.decode()
    assert "Not on the calendar yet" in page and "no day yet" in page
    assert f'id="move-{draft.pk}-day"' in page  # its own move form
    response = client.post(
        url("calendar_post_move", org, draft.pk),
        {"day": next_start.isoformat(), "time": "09:00"},
        follow=True,
    )
    assert "“Heat pump FAQ” is planned for" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PostStatus.DRAFT and draft in calendar_for(org).next.posts
    assert calendar_for(org).next.counted == 0


def test_drop_on_the_running_cycle_lands_in_the_future(org):
    place_cycles(org, day_in_cycle=3)
    calendar = calendar_for(org)
    post = make_post(org, starts_at=None)
    now = at(org, local_today(org), 15, 20)  # after nine o'clock today
    moment = cycle_drop_moment(post=post, cycle=calendar.current.cycle, now=now)
    assert moment == at(org, local_today(org), 16, 0)  # the next full hour


def test_scheduled_posts_go_live_once(org):
    due = make_post(org, starts_at=timezone.now() - timedelta(minutes=1))
    later = make_post(org, starts_at=timezone.now() + timedelta(hours=1))
    now = timezone.now()
    assert posts_go_live(now=now) == 1
    assert posts_go_live(now=now) == 0  # twice: nothing more
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, due.went_live_at) == (PostStatus.LIVE, now)
    assert later.status == PostStatus.SCHEDULED


# --- rhythm settings ------------------------------------------------------------------------------


def test_rhythm_settings_are_saved_and_audited(login, org, manager):
    response = login(manager).post(
        url("content_rhythm_settings", org),
        {"cadence_days": "7", "min_posts_per_cycle": "3", "warn_days_before": "4",
         "cycle_anchor": "2026-01-05"},
    )  # fmt: skip
    assert response.status_code == 302
    org.refresh_from_db()
    settings = ContentSettings.objects.get(organization=org)
    assert org.cadence_days == 7
    assert (settings.min_posts_per_cycle, settings.warn_days_before) == (3, 4)
    assert settings.cycle_anchor.isoformat() == "2026-01-05"
    event = AuditEvent.objects.get(action="content.rhythm_changed")
    assert event.data["cadence_days"] == {"from": 14, "to": 7}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cadence_days", "6", "A cycle is at least 7 days."),
        ("cadence_days", "57", "A cycle is at most 56 days."),
        ("min_posts_per_cycle", "0", "At least 1 post."),
        ("warn_days_before", "20", "Warn at most one cadence (14 days) ahead"),
        ("cycle_anchor", "", "Pick the day a cycle starts."),
    ],
)
def test_rhythm_settings_validation(login, org, manager, field, value, message):
    data = {"cadence_days": "14", "min_posts_per_cycle": "2", "warn_days_before": "7",
            "cycle_anchor": "2026-01-05", field: value}  # fmt: skip
    response = login(manager).post(url("content_rhythm_settings", org), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    org.refresh_from_db()
    assert org.cadence_days == 14


def test_nav_has_the_calendar_for_staff_only(login, org, manager, ambassador):
    calendar = url("content_calendar", org)
    assert calendar in login(manager).get(url("org_home", org)).content.decode()
    assert calendar not in login(ambassador).get(url("org_home", org)).content.decode()


def test_audit_log_reads_the_rhythms_actions(login, org, admin, manager):
    start = timezone.now() + timedelta(days=2)
    post_move(post=make_post(org, starts_at=start), starts_at=start + timedelta(days=1),
              by=manager)  # fmt: skip
    login(manager).post(
        url("content_rhythm_settings", org),
        {"cadence_days": "14", "min_posts_per_cycle": "3", "warn_days_before": "7",
         "cycle_anchor": "2026-01-05"},
    )  # fmt: skip
    page = login(admin).get(url("audit_log", org)).content.decode()
    assert "Post moved on the calendar" in page and "live from:" in page
    assert "Content rhythm changed" in page and "posts a cycle needs at least: 2 → 3" in page
