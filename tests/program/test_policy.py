"""The social media policy: who may write it, sanitising, drafts, publishing and versions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from multiplier.core.models import AuditEvent
from multiplier.program.models import Policy, PolicyAcceptance
from multiplier.program.policy_text import policy_html
from multiplier.program.services.policy import (
    policy_draft_create,
    policy_draft_update,
    policy_publish,
)

pytestmark = pytest.mark.django_db

TEXT = "## Be yourself\nWrite in your own words."


def url(name: str, *args) -> str:
    return reverse(name, args=["acme", *args])


def draft(org, by, *, text: str = TEXT, changes: str = "", title: str = "Our policy") -> Policy:
    return policy_draft_create(organization=org, by=by, title=title, text=text, changes=changes)


def published(org, by, **kwargs) -> Policy:
    return policy_publish(policy=draft(org, by, **kwargs), by=by)


# --- Who may do what ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "manager"])
def test_admins_and_managers_write_and_publish(request, login, org, who):
    member = request.getfixturevalue(who)
    client = login(member)
    assert client.get(url("policy_create")).status_code == 200
    response = client.post(
        url("policy_create"), {"title": "Our policy", "text": TEXT, "action": "publish"}
    )
    assert response.status_code == 302
    policy = Policy.objects.get(organization=org)
    assert policy.version == 1 and policy.published_at is not None
    assert policy.created_by == member.user


def test_ambassador_reads_but_cannot_write(login, org, manager, ambassador):
    policy = published(org, manager)
    client = login(ambassador)
    page = client.get(url("policy_detail"))
    assert page.status_code == 200
    assert "Write in your own words." in page.content.decode()
    assert "For programme managers" not in page.content.decode()
    assert client.get(url("policy_create")).status_code == 403
    assert client.post(url("policy_create"), {"title": "x", "text": "y"}).status_code == 403
    assert client.get(url("policy_edit", policy.pk)).status_code == 403
    assert client.get(url("policy_version", policy.pk)).status_code == 403
    with pytest.raises(PermissionDenied):
        draft(org, ambassador)


def test_outsider_gets_404(login, org, manager, outsider):
    policy = published(org, manager)
    client = login(outsider)
    assert client.get(url("policy_detail")).status_code == 404
    assert client.get(url("policy_version", policy.pk)).status_code == 404
    with pytest.raises(PermissionDenied):
        policy_draft_create(organization=org, by=outsider, title="x", text="y")


def test_opted_out_member_cannot_read_it_and_has_no_link(login, make_member, org, manager):
    published(org, manager)
    quitter = make_member(org, status="opted_out")
    client = login(quitter)
    assert client.get(url("policy_detail")).status_code == 403
    assert url("policy_detail") not in client.get(url("profile")).content.decode()


def test_members_find_it_in_their_menu_and_managers_under_programme(
    login, org, ambassador, manager
):
    link = f'href="{url("policy_detail")}"'
    assert link in login(ambassador).get(url("profile")).content.decode()
    staff_menu = login(manager).get(url("members")).content.decode()
    assert staff_menu.count(link) == 1  # under Programme, not twice
    assert f'href="{url("guardrail_terms")}"' in staff_menu


def test_the_installation_itself_may_write_it(org):
    """by=None is the installation (data set-up, the demo): no membership, no publisher."""
    policy = policy_publish(
        policy=policy_draft_create(organization=org, by=None, title="Ours", text=TEXT), by=None
    )
    assert (policy.version, policy.created_by) == (1, None)
    assert not PolicyAcceptance.objects.exists()
    assert AuditEvent.objects.get(action="policy.published").actor is None


# --- Sanitising ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "gone", "kept"),
    [
        ("<p>Hi</p><script>alert('x')</script>", ["<script", "alert"], ["<p>Hi</p>"]),
        ('<p onclick="steal()">Hi</p>', ["onclick", "steal"], ["<p>Hi</p>"]),
        ('<a href="javascript:alert(1)">click</a>', ["javascript", "href"], [">click</a>"]),
        ('<a href="JaVaScRiPt:alert(1)">click</a>', ["avascript", "href"], [">click</a>"]),
        ("[click](javascript:alert(1))", ["javascript", "href"], [">click</a>"]),
        ('<iframe src="https://evil.example"></iframe>Hi', ["<iframe", "evil"], ["Hi"]),
        ('<p style="position:fixed">Hi</p>', ["style", "fixed"], ["<p>Hi</p>"]),
        ('<img src=x onerror="alert(1)">Hi', ["<img", "onerror"], ["Hi"]),
        ("<style>body{display:none}</style>Hi", ["<style", "display"], ["Hi"]),
        ('<a href="/o/acme/profile/">relative</a>', ["href"], [">relative</a>"]),
        ('<a href="data:text/html,x">data</a>', ["href", "data:"], [">data</a>"]),
        (
            "[guide](https://example.org/guide)",
            [],
            ['<a href="https://example.org/guide" rel="noopener nofollow">guide</a>'],
        ),
        (
            '<a href="mailto:comms@acme.test" target="_blank">ask</a>',
            ["target"],
            ['<a href="mailto:comms@acme.test" rel="noopener nofollow">ask</a>'],
        ),
    ],
)
def test_text_is_sanitised_before_it_is_saved(org, manager, typed, gone, kept):
    policy = draft(org, manager, text=typed)
    for fragment in gone:
        assert fragment not in policy.body
    for fragment in kept:
        assert fragment in policy.body
    assert policy.source == typed  # what was typed is kept for editing, never shown


def test_only_allowed_tags_survive(org, manager):
    policy = draft(org, manager, text="<h1>Big</h1><div><b>b</b><u>u</u><table><tr><td>t</td>")
    assert policy.body == "Bigbut"  # the tags go, their text stays


@pytest.mark.parametrize(
    "typed",
    ["<script>alert(1)</script>", "<iframe src='x'></iframe>", "<style>p{}</style>", "   \n  "],
)
def test_nothing_readable_left_is_a_field_error_and_nothing_is_saved(login, org, manager, typed):
    response = login(manager).post(
        url("policy_create"), {"title": "Policy", "text": typed, "action": "save"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert not Policy.objects.filter(organization=org).exists()


def test_pages_show_only_sanitised_html_even_for_a_row_written_around_the_service(
    login, org, manager, ambassador
):
    Policy.objects.create(
        organization=org,
        version=1,
        title="Sneaky",
        body='<p onclick="x()">Hello</p><script>alert(1)</script>',
        source="<script>typed</script>",
        published_at="2026-01-01T00:00:00Z",
    )
    PolicyAcceptance.objects.create(
        organization=org, policy=Policy.objects.get(), membership=ambassador
    )
    html = login(ambassador).get(url("policy_detail")).content.decode()
    assert "<p>Hello</p>" in html
    assert "onclick" not in html and "alert(1)" not in html and "typed" not in html


def test_simple_marks_become_html():
    html = policy_html(
        "Intro with **bold**, *italic* and https://acme.test/guide.\n"
        "Next line\n\n## Be yourself\n### Photos\n- one\n- two\n  continued\n"
        "1. first\n2. second\n> quoted"
    )
    assert html == (
        "<p>Intro with <strong>bold</strong>, <em>italic</em> and "
        '<a href="https://acme.test/guide" rel="noopener nofollow">https://acme.test/guide</a>.'
        "<br>\nNext line</p>\n<h2>Be yourself</h2>\n<h3>Photos</h3>\n"
        "<ul><li>one</li><li>two continued</li></ul>\n<ol><li>first</li><li>second</li></ol>\n"
        "<blockquote><p>quoted</p></blockquote>"
    )


def test_less_than_and_ampersand_in_plain_text_stay_text():
    assert policy_html("Salaries < 3000 & bonuses") == "<p>Salaries &lt; 3000 &amp; bonuses</p>"


# --- Drafts, publishing, versions ---------------------------------------------------------------


def test_first_version_needs_no_summary_later_ones_do(org, manager):
    first = published(org, manager)
    assert (first.version, first.changes) == (1, "")
    second = draft(org, manager, text="New text")
    assert second.version == 2
    with pytest.raises(ValidationError) as error:
        policy_publish(policy=second, by=manager)
    assert "changes" in error.value.message_dict
    second.refresh_from_db()
    assert second.published_at is None
    policy_draft_update(policy=second, by=manager, title="Ours", text="New text", changes="Shorter")
    assert policy_publish(policy=second, by=manager).published_at is not None
    assert list(
        Policy.objects.published().filter(organization=org).values_list("version", flat=True)
    ) == [2, 1]


def test_publishing_from_the_form_without_a_summary_saves_nothing(login, org, manager):
    published(org, manager)
    second = draft(org, manager, text="Old draft text")
    response = login(manager).post(
        url("policy_edit", second.pk),
        {"title": "Ours", "text": "Changed text", "changes": "  ", "action": "publish"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["changes"]
    second.refresh_from_db()
    assert second.published_at is None
    assert second.source == "Old draft text"  # the save and the publication are one step


def test_publishing_through_the_form(login, org, manager):
    published(org, manager)
    second = draft(org, manager)
    response = login(manager).post(
        url("policy_edit", second.pk),
        {"title": "Ours", "text": "Changed", "changes": "One rule less", "action": "publish"},
    )
    assert response.status_code == 302 and response.url == url("policy_detail")
    second.refresh_from_db()
    assert (second.published_at is not None, second.changes) == (True, "One rule less")


def test_publishing_is_audited_and_counts_as_accepting_for_the_publisher(org, manager):
    policy = published(org, manager)
    event = AuditEvent.objects.get(action="policy.published")
    assert (event.actor, event.organization, event.data) == (manager.user, org, {"version": 1})
    assert PolicyAcceptance.objects.filter(policy=policy, membership=manager).exists()


def test_a_published_version_cannot_be_edited(login, org, manager):
    policy = published(org, manager)
    with pytest.raises(ValidationError):
        policy_draft_update(policy=policy, by=manager, title="New", text="Changed")
    client = login(manager)
    response = client.post(url("policy_edit", policy.pk), {"title": "New", "text": "Changed"})
    assert response.status_code == 302
    assert response.url == url("policy_version", policy.pk)
    policy.refresh_from_db()
    assert policy.title == "Our policy"
    with pytest.raises(ValidationError):
        policy_publish(policy=policy, by=manager)  # nor published twice


def test_one_draft_at_a_time(login, org, manager):
    first = draft(org, manager)
    with pytest.raises(ValidationError):
        draft(org, manager)
    response = login(manager).get(url("policy_create"))
    assert response.status_code == 302 and response.url == url("policy_edit", first.pk)


def test_new_draft_starts_from_the_current_version_or_the_one_asked_for(login, org, manager):
    published(org, manager, text="Version one text")
    published(org, manager, text="Version two text", changes="Rewritten")
    client = login(manager)
    form = client.get(url("policy_create")).context["form"]
    assert form.initial["text"] == "Version two text"
    assert "changes" in form.fields
    first = Policy.objects.get(organization=org, version=1)
    form = client.get(url("policy_create") + f"?from={first.pk}").context["form"]
    assert form.initial["text"] == "Version one text"


def test_new_draft_from_another_organisations_version_is_404(
    login, org, other_org, manager, outsider
):
    foreign = published(other_org, outsider)
    assert login(manager).get(url("policy_create") + f"?from={foreign.pk}").status_code == 404


def test_first_policy_starts_from_the_example_text_in_the_organisations_language(
    login, make_org, make_member, manager
):
    dutch = make_org("Bakkerij", slug="bakkerij", language="nl")
    boss = make_member(dutch, role="manager", name="Bea Baas", email="bea@bakkerij.test")
    form = login(boss).get(reverse("policy_create", args=["bakkerij"])).context["form"]
    assert form.initial["title"] == "Ons socialemediabeleid"
    assert "Wees jezelf" in form.initial["text"] and "Bakkerij" in form.initial["text"]
    assert "Bea Baas (bea@bakkerij.test)" in form.initial["text"]
    assert "changes" not in form.fields  # nothing changed in a first version
    english = login(boss).get(reverse("policy_create", args=["bakkerij"]) + "?language=en")
    assert "Be yourself" in english.context["form"].initial["text"]


def test_example_texts_are_policies_that_survive_sanitising(org, manager):
    from multiplier.program.policy_template import TEXT, starting_policy

    for language in TEXT:
        title, text = starting_policy(language=language, organization="Acme", contact="Max")
        policy = policy_draft_create(organization=org, by=manager, title=title, text=text)
        assert policy.body.count("<h2>") == 6
        assert "<ul>" in policy.body and "{" not in policy.body
        policy.delete()


def test_discarding_a_draft(login, org, manager):
    policy = draft(org, manager)
    response = login(manager).post(url("policy_edit", policy.pk), {"action": "discard"})
    assert response.status_code == 302
    assert not Policy.objects.filter(pk=policy.pk).exists()


def test_draft_preview_and_the_managers_overview(login, org, manager, ambassador):
    published(org, manager)
    second = draft(org, manager, text="Brand new text", changes="Shorter")
    client = login(manager)
    preview = client.get(url("policy_version", second.pk)).content.decode()
    assert "Brand new text" in preview and "not published yet" in preview
    overview = client.get(url("policy_detail")).content.decode()
    assert "Continue the draft of version 2" in overview
    assert "Version 1" in overview
    assert "Brand new text" not in overview  # members keep seeing version 1
    assert "Brand new text" not in login(ambassador).get(url("policy_detail")).content.decode()


def test_empty_states(login, org, manager, ambassador):
    assert "Write the policy" in login(manager).get(url("policy_detail")).content.decode()
    page = login(ambassador).get(url("policy_detail")).content.decode()
    assert "has not published a social media policy yet" in page


@pytest.mark.parametrize(
    ("title", "error"), [("", "Give the policy a title."), ("x" * 121, "at most 120")]
)
def test_title_is_required_and_limited(org, manager, title, error):
    with pytest.raises(ValidationError) as raised:
        draft(org, manager, title=title)
    assert error in raised.value.message_dict["title"][0]
    assert not Policy.objects.exists()
