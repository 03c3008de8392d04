"""Accepting the policy: the onboarding step, the re-accept gate, and the acceptance rate."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from multiplier.core import middleware
from multiplier.core.models import AuditEvent, MembershipStatus
from multiplier.program.gates import policy_gate
from multiplier.program.models import Policy, PolicyAcceptance
from multiplier.program.policy import acceptance_summary, policy_to_accept, policy_waiting
from multiplier.program.services.policy import (
    policy_accept,
    policy_draft_create,
    policy_publish,
)

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(name, args=["acme", *args])


def publish(org, by, text: str = "Be yourself.", changes: str = "") -> Policy:
    draft = policy_draft_create(
        organization=org, by=by, title="Our policy", text=text, changes=changes
    )
    return policy_publish(policy=draft, by=by)


def accept_url(next_url: str) -> str:
    return f"{url('policy_accept')}?{urlencode({'next': next_url})}"


# --- Onboarding ---------------------------------------------------------------------------------


@pytest.fixture
def newcomer(make_member, org):
    return make_member(org, onboarded=False, name="Nina New")


def test_onboarding_has_no_policy_step_without_a_published_policy(login, org, manager, newcomer):
    policy_draft_create(organization=org, by=manager, title="Draft", text="Not yet")
    client = login(newcomer)
    assert client.get(url("onboarding_step", "policy")).status_code == 404
    last = client.get(url("onboarding_step", "language"))
    assert last.context["is_last"]


def test_onboarding_shows_the_policy_after_the_built_in_steps_and_accepting_finishes(
    login, org, manager, newcomer
):
    policy = publish(org, manager, text="## Be yourself\nWrite in your own words.")
    client = login(newcomer)
    language = client.get(url("onboarding_step", "language"))
    assert [s.key for s in language.context["steps"]][-1] == "policy"
    response = client.post(
        url("onboarding_step", "language"),
        {"language": "en", "notify_new_content": "on"},
    )
    assert response.url == url("onboarding_step", "policy")
    page = client.get(response.url)
    html = page.content.decode()
    assert "<h2>Be yourself</h2>" in html
    assert ">I accept</button>" in html
    assert not PolicyAcceptance.objects.filter(membership=newcomer).exists()

    response = client.post(url("onboarding_step", "policy"), {"version": policy.version})
    assert response.url == url("org_home")
    assert PolicyAcceptance.objects.filter(policy=policy, membership=newcomer).exists()
    newcomer.refresh_from_db()
    assert newcomer.onboarded_at is not None
    event = AuditEvent.objects.get(action="policy.accepted", actor=newcomer.user)
    assert event.data == {"version": 1}
    # Finished onboarding with the current version accepted: no second question.
    assert client.get(url("org_home")).status_code == 200


def test_onboarding_refuses_a_version_published_after_the_page_was_shown(
    login, org, manager, newcomer
):
    first = publish(org, manager)
    publish(org, manager, text="Stricter", changes="Stricter")
    response = login(newcomer).post(url("onboarding_step", "policy"), {"version": first.version})
    assert response.status_code == 200
    assert "A newer version was published" in response.content.decode()
    assert not PolicyAcceptance.objects.filter(membership=newcomer).exists()


def test_gate_never_applies_during_onboarding(login, org, manager, newcomer):
    publish(org, manager)
    client = login(newcomer)
    response = client.get(url("org_home"))
    assert response.url == url("onboarding")  # the wizard, not the accept page
    assert client.get(url("onboarding_step", "welcome")).status_code == 200


# --- The re-accept gate -------------------------------------------------------------------------


def test_new_version_asks_once_then_returns_to_the_page(login, org, manager, ambassador):
    publish(org, manager)
    policy_accept(membership=ambassador, policy=Policy.objects.get(organization=org))
    second = publish(org, manager, text="New text", changes="We added a word on photos.")
    client = login(ambassador)

    wanted = url("org_home") + "?from=mail"
    response = client.get(wanted)
    assert response.status_code == 302
    assert response.url == accept_url(wanted)

    page = client.get(response.url)
    html = page.content.decode()
    assert "Our social media policy has changed" in html
    assert "We added a word on photos." in html
    assert "New text" in html
    assert html.count('type="submit" class="primary"') == 1  # one button

    response = client.post(url("policy_accept"), {"version": second.version, "next": wanted})
    assert response.status_code == 302 and response.url == wanted
    assert PolicyAcceptance.objects.filter(policy=second, membership=ambassador).exists()
    assert client.get(wanted).status_code == 200  # asked once, not again
    assert client.get(url("policy_accept")).url == url("org_home")  # nothing left to accept


def test_a_member_who_missed_a_version_reads_what_changed_in_each(login, org, manager, ambassador):
    policy_accept(membership=ambassador, policy=publish(org, manager))
    publish(org, manager, text="v2", changes="Photos of colleagues.")
    publish(org, manager, text="v3", changes="Who to ask.")
    html = login(ambassador).get(url("policy_accept")).content.decode()
    assert "Version 3 replaces version 1, which you accepted." in html
    assert html.index("In version 3") < html.index("Who to ask.") < html.index("In version 2")
    assert "Photos of colleagues." in html


def test_member_who_onboarded_before_any_policy_is_asked_to_accept_the_first(
    login, org, manager, ambassador
):
    publish(org, manager, text="The whole text")
    client = login(ambassador)
    response = client.get(url("org_home"))
    assert response.url == accept_url(url("org_home"))
    html = client.get(response.url).content.decode()
    assert "The whole text" in html and "has changed" not in html


@pytest.mark.parametrize(
    "evil",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", ""],
)
def test_next_stays_on_this_site(login, org, manager, ambassador, evil):
    policy = publish(org, manager)
    response = login(ambassador).post(
        url("policy_accept") + f"?{urlencode({'next': evil})}", {"version": policy.version}
    )
    assert response.status_code == 302 and response.url == url("org_home")
    assert PolicyAcceptance.objects.filter(membership=ambassador).exists()


def test_next_from_the_query_string_is_checked_too(login, org, manager, ambassador):
    publish(org, manager)
    page = login(ambassador).get(accept_url("https://evil.example/"))
    assert 'name="next" value="/o/acme/"' in page.content.decode()


def test_gate_leaves_opted_out_members_alone(login, make_member, org, manager):
    publish(org, manager)
    quitter = make_member(org, status=MembershipStatus.OPTED_OUT)
    response = login(quitter).get(url("org_home"))
    assert response.status_code == 200
    assert "opted out" in response.content.decode()


def test_gate_leaves_the_policy_pages_alone(login, org, manager, make_member):
    publish(org, manager)
    other_manager = make_member(org, role="manager")
    client = login(other_manager)
    assert client.get(url("policy_detail")).status_code == 200
    assert client.get(url("policy_create")).status_code == 200
    assert client.get(url("policy_accept")).status_code == 200
    assert client.get(url("guardrail_terms")).status_code == 302  # other pages do ask


def test_gate_does_not_interrupt_a_form_being_sent_or_an_htmx_request(
    login, org, manager, ambassador, make_member
):
    publish(org, manager)
    publish(org, manager, text="v2", changes="v2")
    other_manager = make_member(org, role="manager")
    client = login(other_manager)
    response = client.post(
        url("guardrail_terms"), {"language": "en", "term": "merger", "category": "confidential"}
    )
    assert response.status_code == 302 and response.url.startswith(url("guardrail_terms"))
    assert client.get(url("guardrail_terms"), headers={"HX-Request": "true"}).status_code == 200
    assert client.get(url("guardrail_terms")).status_code == 302  # the next page asks


def test_publisher_is_not_asked_to_accept_their_own_version(login, org, manager):
    publish(org, manager)
    assert login(manager).get(url("org_home")).status_code == 200


def test_gate_costs_one_small_query_per_page(login, org, manager, ambassador):
    """Measured: the org home with and without the gate registered, same data, same client."""
    publish(org, manager)
    policy_accept(membership=ambassador, policy=Policy.objects.get(organization=org))
    client = login(ambassador)
    client.get(url("org_home"))  # warm up: session, language, content types

    with CaptureQueriesContext(connection) as with_gate:
        assert client.get(url("org_home")).status_code == 200
    gates = middleware.GATES
    middleware.GATES = [gate for gate in gates if gate is not policy_gate]
    try:
        with CaptureQueriesContext(connection) as without_gate:
            assert client.get(url("org_home")).status_code == 200
    finally:
        middleware.GATES = gates

    assert len(with_gate) - len(without_gate) == 1
    policy_queries = [q["sql"] for q in with_gate if "program_policy" in q["sql"]]
    assert len(policy_queries) == 1
    assert "LIMIT 1" in policy_queries[0].upper()


def test_gate_query_for_a_member_who_has_to_accept(org, manager, ambassador):
    assert policy_to_accept(ambassador) is None  # no policy at all
    policy = publish(org, manager)
    with CaptureQueriesContext(connection) as queries:
        assert policy_to_accept(ambassador) == policy
    assert len(queries) == 1
    policy_accept(membership=ambassador, policy=policy)
    assert policy_to_accept(ambassador) is None


def test_accepting_is_once_per_version_and_only_for_published_versions(org, manager, ambassador):
    policy = publish(org, manager)
    policy_accept(membership=ambassador, policy=policy)
    policy_accept(membership=ambassador, policy=policy)
    assert PolicyAcceptance.objects.filter(membership=ambassador).count() == 1
    assert AuditEvent.objects.filter(action="policy.accepted", actor=ambassador.user).count() == 1
    draft = policy_draft_create(organization=org, by=manager, title="t", text="x", changes="c")
    with pytest.raises(Exception, match="draft"):
        policy_accept(membership=ambassador, policy=draft)


# --- The acceptance rate ------------------------------------------------------------------------


def test_acceptance_rate_counts_participating_members_only(
    login, make_member, org, other_org, admin, manager, ambassador, leader, outsider
):
    first = publish(org, manager)  # the manager accepts by publishing
    quitter = make_member(org, status=MembershipStatus.OPTED_OUT, name="Quinn Quit")
    policy_accept(membership=leader, policy=first)
    policy_accept(membership=ambassador, policy=first)
    # Quinn accepted before opting out: not counted either way.
    PolicyAcceptance.objects.create(organization=org, policy=first, membership=quitter)
    invited = make_member(org, status=MembershipStatus.INVITED, name="Ivy Invited")
    publish(other_org, outsider)  # another organisation changes nothing here

    summary = acceptance_summary(org)
    # admin, manager, ambassador, leader take part; Quinn opted out and Ivy has not joined.
    assert (summary.participating, summary.accepted, summary.rate) == (4, 3, 75)
    assert [m.user.name for m in summary.waiting] == ["Ada Admin"]

    second = publish(org, manager, text="v2", changes="v2")
    summary = acceptance_summary(org)
    assert summary.policy == second
    assert (summary.accepted, summary.rate, summary.waiting_count) == (1, 25, 3)
    assert {m.user.name for m in summary.waiting} == {"Ada Admin", "Amber Ambassador", "Lee Leader"}
    assert invited not in summary.waiting and quitter not in summary.waiting

    page = login(manager).get(url("policy_detail")).content.decode()
    assert "25%" in page
    assert "3 people have not accepted yet" in page
    assert "Amber Ambassador" in page and "Quinn Quit" not in page and "Ivy Invited" not in page


def test_rate_rounds_down_so_100_means_everyone(make_member, org, manager):
    policy = publish(org, manager)
    for _ in range(198):
        policy_accept(membership=make_member(org), policy=policy)
    make_member(org)  # one of 200 has not accepted
    summary = acceptance_summary(org)
    assert (summary.participating, summary.accepted, summary.rate) == (200, 199, 99)


def test_no_rate_without_a_policy(org, manager):
    summary = acceptance_summary(org)
    assert summary.rate is None and summary.policy is None and list(summary.waiting) == []


def test_the_gates_plain_query_agrees_with_policy_to_accept(org, manager, ambassador):
    """policy_waiting (plain SQL, asked on every page) answers what policy_to_accept answers."""

    def agree() -> bool:
        waiting = policy_waiting(ambassador)
        assert waiting == (policy_to_accept(ambassador) is not None)
        return waiting

    assert not agree()  # no policy at all
    draft = policy_draft_create(organization=org, by=manager, title="t", text="x", changes="c")
    assert not agree()  # a draft only
    first = policy_publish(policy=draft, by=manager)
    assert agree()
    policy_accept(membership=ambassador, policy=first)
    with CaptureQueriesContext(connection) as queries:
        assert not agree()
    assert len(queries) == 2  # one each
    publish(org, manager, changes="Shorter.")
    assert agree()  # a new version asks again
