"""People in several organisations: the menu offers the others, `/` remembers the last one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from multiplier.core.models import MembershipStatus, Role
from multiplier.core.services.members import membership_remove

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_both(make_member, ambassador, other_org):
    """Amber is an ambassador at Acme and a manager at Globex."""
    return make_member(other_org, role=Role.MANAGER, email="ambassador@acme.test")


def home(slug: str) -> str:
    return reverse("org_home", args=[slug])


def test_the_menu_offers_the_other_organisation(login, ambassador, in_both):
    content = login(ambassador).get(home("acme")).content.decode()
    assert "Switch organisation" in content
    assert f'<a href="{home("globex")}">Globex</a>' in content
    assert f'<a href="{home("acme")}">Acme</a>' not in content


def test_switching_works_and_the_root_remembers_the_last_one(login, ambassador, in_both):
    client = login(ambassador)
    assert client.get("/")["Location"] == home("acme")  # the first, alphabetically
    response = client.get(home("globex"))
    assert response.status_code == 200
    assert response.context["organization"].slug == "globex"
    # At Globex she is a manager: the staff menu shows.
    assert reverse("members", args=["globex"]) in response.content.decode()
    assert client.get("/")["Location"] == home("globex")
    client.get(home("acme"))
    assert client.get("/")["Location"] == home("acme")


def test_no_switch_section_with_one_organisation(login, ambassador):
    assert "Switch organisation" not in login(ambassador).get(home("acme")).content.decode()


def test_a_pending_invitation_is_not_offered(login, ambassador, make_member, other_org):
    make_member(other_org, email="ambassador@acme.test", status=MembershipStatus.INVITED)
    assert "Globex" not in login(ambassador).get(home("acme")).content.decode()


def test_after_removal_the_root_falls_back_to_the_remaining_one(
    login, ambassador, in_both, outsider
):
    client = login(ambassador)
    client.get(home("globex"))
    membership_remove(membership=in_both, by=outsider)
    assert client.get("/")["Location"] == home("acme")
    assert client.get(home("globex")).status_code == 404
