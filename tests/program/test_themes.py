"""Step 2: the themes pages and services (create, change, order, archive, restore, delete)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from multiplier.core.models import AuditEvent, MembershipStatus
from multiplier.program.forms.member_themes import ThemeChoicesForm
from multiplier.program.models import Campaign, Entity, EntityKind, Goal, MemberTheme, Metric, Theme
from multiplier.program.selectors.themes import theme_is_used
from multiplier.program.services.themes import (
    normalise_keywords,
    theme_archive,
    theme_create,
    theme_delete,
    theme_move,
    theme_restore,
    theme_update,
)

pytestmark = pytest.mark.django_db


def url(name: str, org, *args) -> str:
    return reverse(name, args=[org.slug, *args])


def names(org) -> list[str]:
    return [t.name for t in Theme.objects.filter(organization=org).active()]


def form_data(**overrides) -> dict:
    data = {"name": "Energy transition", "description": "Why it matters.",
            "keywords": "solar, Heat pumps", "colour": "#2A7A4B"}  # fmt: skip
    return {**data, **overrides}


@pytest.fixture
def solar(org, manager):
    return theme_create(organization=org, by=manager, name="Solar")


# --- Who may do what ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "manager"])
def test_staff_manage_themes(request, login, org, who):
    client = login(request.getfixturevalue(who))
    assert client.get(url("theme_list", org)).status_code == 200
    response = client.post(url("theme_create", org), form_data())
    assert response.status_code == 302
    assert names(org) == ["Energy transition"]


def test_ambassador_may_not_manage_themes(login, org, ambassador, solar):
    client = login(ambassador)
    assert client.get(url("theme_list", org)).status_code == 403
    assert client.post(url("theme_create", org), form_data()).status_code == 403
    assert client.post(url("theme_archive", org, solar.pk)).status_code == 403
    assert client.post(url("theme_delete", org, solar.pk)).status_code == 403
    assert names(org) == ["Solar"]
    with pytest.raises(PermissionDenied):
        theme_create(organization=org, by=ambassador, name="Wind")


def test_outsider_gets_404(login, org, outsider, solar):
    client = login(outsider)
    assert client.get(url("theme_list", org)).status_code == 404
    assert client.get(url("theme_edit", org, solar.pk)).status_code == 404
    # and a manager of another organisation cannot act on this one's themes through services
    with pytest.raises(PermissionDenied):
        theme_archive(theme=solar, by=outsider)


def test_opted_out_manager_is_refused(login, org, make_member):
    opted_out = make_member(org, role="manager", status=MembershipStatus.OPTED_OUT)
    assert login(opted_out).get(url("theme_list", org)).status_code == 403


# --- Creating and changing ----------------------------------------------------------------------


def test_a_new_theme_is_saved_normalised_and_audited(login, org, manager):
    response = login(manager).post(
        url("theme_create", org),
        form_data(name="  Energy   transition ", keywords="solar, Heat  pumps,,#grid, SOLAR ,"),
    )
    assert response.status_code == 302
    theme = Theme.objects.get(organization=org)
    assert theme.name == "Energy transition"
    assert theme.keywords == ["solar", "Heat pumps", "grid"]
    assert theme.colour == "#2a7a4b"
    event = AuditEvent.objects.get(action="theme.created")
    assert event.organization == org
    assert event.actor == manager.user
    assert event.data["keywords"] == ["solar", "Heat pumps", "grid"]


def test_new_themes_go_to_the_end(org, manager, solar):
    theme_create(organization=org, by=manager, name="Wind")
    theme_create(organization=org, by=manager, name="Hydrogen")
    assert names(org) == ["Solar", "Wind", "Hydrogen"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (form_data(name=""), "name", "Give the theme a name."),
        (form_data(name="   "), "name", "Give the theme a name."),
        (form_data(colour="red"), "colour", "Enter a colour like #1f5f8b."),
        (form_data(colour="#12345"), "colour", "Enter a colour like #1f5f8b."),
        (form_data(colour=""), "colour", "Choose a colour"),
        (form_data(keywords="x" * 41), "keywords", "at most 40 characters"),
        (form_data(keywords=",".join(f"k{n}" for n in range(26))), "keywords", "At most 25"),
        (form_data(name="n" * 81), "name", "at most 80 characters"),
    ],
)
def test_bad_input_gives_a_field_error_and_saves_nothing(login, org, manager, data, field, message):
    response = login(manager).post(url("theme_create", org), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Theme.objects.filter(organization=org).exists()
    assert not AuditEvent.objects.filter(action="theme.created").exists()


@pytest.mark.parametrize("spelling", ["Solar", "SOLAR", " solar "])
def test_duplicate_name_is_a_field_error(login, org, manager, solar, spelling):
    response = login(manager).post(url("theme_create", org), form_data(name=spelling))
    assert response.status_code == 200
    assert "There is already a theme called “Solar”." in response.context["form"].errors["name"]
    assert Theme.objects.filter(organization=org).count() == 1


def test_duplicate_of_an_archived_theme_says_restore_it(login, org, manager, solar):
    theme_archive(theme=solar, by=manager)
    response = login(manager).post(url("theme_create", org), form_data(name="solar"))
    assert response.status_code == 200
    (error,) = response.context["form"].errors["name"]
    assert "archived theme called “Solar”" in error
    assert "Restore it" in error
    assert Theme.objects.filter(organization=org).count() == 1


def test_the_same_name_in_another_organisation_is_fine(other_org, outsider, solar):
    theme = theme_create(organization=other_org, by=outsider, name="Solar")
    assert theme.organization == other_org


def test_editing_a_theme(login, org, manager, solar):
    client = login(manager)
    page = client.get(url("theme_edit", org, solar.pk))
    assert page.context["form"].initial["name"] == "Solar"
    response = client.post(
        url("theme_edit", org, solar.pk),
        form_data(name="Solar power", keywords="pv, PV, panels", description=""),
    )
    assert response.status_code == 302
    solar.refresh_from_db()
    assert (solar.name, solar.keywords, solar.colour) == (
        "Solar power",
        ["pv", "panels"],
        "#2a7a4b",
    )
    event = AuditEvent.objects.get(action="theme.updated")
    assert event.data["name"] == {"from": "Solar", "to": "Solar power"}


def test_renaming_to_another_themes_name_is_refused_but_own_case_change_is_fine(
    login, org, manager, solar
):
    wind = theme_create(organization=org, by=manager, name="Wind")
    client = login(manager)
    response = client.post(url("theme_edit", org, wind.pk), form_data(name="solar"))
    assert response.status_code == 200
    assert "There is already a theme called “Solar”." in response.context["form"].errors["name"]
    assert "Edit Wind" in response.content.decode()  # the heading keeps the saved name
    wind.refresh_from_db()
    assert wind.name == "Wind"
    changes = theme_update(
        theme=solar, by=manager, name="SOLAR", description="", keywords=[], colour=solar.colour
    )
    assert changes == {"name": {"from": "Solar", "to": "SOLAR"}}


def test_saving_unchanged_theme_changes_nothing(org, manager, solar):
    values = {"name": "Solar", "description": "", "keywords": [], "colour": solar.colour}
    assert theme_update(theme=solar, by=manager, **values) == {}
    assert not AuditEvent.objects.filter(action="theme.updated").exists()


def test_normalise_keywords():
    assert normalise_keywords(" AI ,ai,  machine   learning\n#ML;ml, ") == [
        "AI",
        "machine learning",
        "ML",
    ]
    assert normalise_keywords(["a", "A", " b "]) == ["a", "b"]
    assert normalise_keywords("") == []
    with pytest.raises(ValidationError):
        normalise_keywords("y" * 41)


# --- Order --------------------------------------------------------------------------------------


def test_moving_themes_up_and_down(login, org, manager, solar):
    wind = theme_create(organization=org, by=manager, name="Wind")
    hydrogen = theme_create(organization=org, by=manager, name="Hydrogen")
    client = login(manager)
    response = client.post(url("theme_move", org, hydrogen.pk), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#theme-{hydrogen.pk}")
    assert names(org) == ["Solar", "Hydrogen", "Wind"]
    client.post(url("theme_move", org, solar.pk), {"direction": "down"})
    assert names(org) == ["Hydrogen", "Solar", "Wind"]
    # At the ends nothing moves.
    assert not theme_move(theme=Theme.objects.get(pk=hydrogen.pk), by=manager, direction="up")
    assert not theme_move(theme=wind, by=manager, direction="down")
    assert names(org) == ["Hydrogen", "Solar", "Wind"]
    assert AuditEvent.objects.filter(action="theme.moved").count() == 2


def test_moving_repairs_tied_positions(org, manager):
    # Themes made elsewhere may share a position; a move still does what the buttons say.
    for name in ["A", "B", "C"]:
        Theme.objects.create(organization=org, name=name, position=0)
    c = Theme.objects.get(organization=org, name="C")
    assert theme_move(theme=c, by=manager, direction="up")
    assert names(org) == ["A", "C", "B"]


def test_moving_is_a_post(login, org, manager, solar):
    assert login(manager).get(url("theme_move", org, solar.pk)).status_code == 405


# --- Archive, restore, delete ------------------------------------------------------------------


def test_archived_themes_are_hidden_from_members_and_restorable(login, org, manager, ambassador):
    solar = theme_create(organization=org, by=manager, name="Solar")
    wind = theme_create(organization=org, by=manager, name="Wind")
    MemberTheme.objects.create(organization=org, membership=ambassador, theme=solar)
    client = login(manager)
    assert client.post(url("theme_archive", org, solar.pk)).status_code == 302
    solar.refresh_from_db()
    assert solar.is_archived
    assert AuditEvent.objects.filter(action="theme.archived", target="Solar").exists()
    # Members no longer get to choose it; the bond is kept for history.
    form = ThemeChoicesForm(membership=ambassador)
    assert [row["theme"].name for row in form.rows] == ["Wind"]
    assert MemberTheme.objects.filter(theme=solar).exists()
    page = client.get(url("theme_list", org))
    assert [t.name for t in page.context["archived"]] == ["Solar"]
    assert [t.name for t in page.context["active"]] == ["Wind"]

    client.post(url("theme_restore", org, solar.pk))
    solar.refresh_from_db()
    assert not solar.is_archived
    assert names(org) == ["Wind", "Solar"]  # restored at the end
    assert AuditEvent.objects.filter(action="theme.restored").exists()
    assert wind.pk  # untouched


def test_an_unused_theme_can_be_deleted(login, org, manager, solar):
    page = login(manager).get(url("theme_list", org))
    assert reverse("theme_delete", args=[org.slug, solar.pk]) in page.content.decode()
    response = login(manager).post(url("theme_delete", org, solar.pk))
    assert response.status_code == 302
    assert not Theme.objects.filter(pk=solar.pk).exists()
    assert AuditEvent.objects.get(action="theme.deleted").target == "Solar"


def _use_by_member(org, theme, make_member):
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)  # any bond counts
    MemberTheme.objects.create(organization=org, membership=opted_out, theme=theme)


def _use_by_goal(org, theme, make_member):
    Goal.objects.create(organization=org, name="Reach", metric=Metric.SHARES, target=10,
                        start=date(2026, 1, 1), end=date(2026, 3, 31), theme=theme)  # fmt: skip


def _use_by_campaign(org, theme, make_member):
    campaign = Campaign.objects.create(
        organization=org, name="Spring", start=date(2026, 3, 1), end=date(2026, 5, 31)
    )
    campaign.themes.add(theme)


def _use_by_entity(org, theme, make_member):
    entity = Entity.objects.create(organization=org, name="Energy Weekly", kind=EntityKind.MEDIA)
    entity.themes.add(theme)


@pytest.mark.parametrize("use", [_use_by_member, _use_by_goal, _use_by_campaign, _use_by_entity])
def test_a_used_theme_is_archived_not_deleted(login, org, manager, make_member, solar, use):
    assert not theme_is_used(solar)
    use(org, solar, make_member)
    assert theme_is_used(solar)
    client = login(manager)
    page = client.get(url("theme_list", org))
    assert page.context["active"][0].is_used
    assert reverse("theme_archive", args=[org.slug, solar.pk]) in page.content.decode()
    assert reverse("theme_delete", args=[org.slug, solar.pk]) not in page.content.decode()

    response = client.post(url("theme_delete", org, solar.pk), follow=True)
    assert "cannot be deleted. Archive it instead" in response.content.decode()
    assert Theme.objects.filter(pk=solar.pk).exists()
    assert not AuditEvent.objects.filter(action="theme.deleted").exists()
    with pytest.raises(ValidationError):
        theme_delete(theme=solar, by=manager)


def test_theme_list_counts_participating_people_only(login, org, manager, ambassador, make_member):
    solar = theme_create(organization=org, by=manager, name="Solar")
    for member in [ambassador, make_member(org, status=MembershipStatus.OPTED_OUT)]:
        MemberTheme.objects.create(organization=org, membership=member, theme=solar)
    page = login(manager).get(url("theme_list", org))
    assert page.context["active"][0].people == 1
    assert "1 person" in page.content.decode()


def test_empty_state_says_what_to_do(login, org, manager):
    content = login(manager).get(url("theme_list", org)).content.decode()
    assert "No themes yet" in content
    assert "Add the first theme" in content


def test_restore_and_archive_are_idempotent(org, manager, solar):
    theme_restore(theme=solar, by=manager)
    theme_archive(theme=solar, by=manager)
    theme_archive(theme=solar, by=manager)
    assert AuditEvent.objects.filter(action="theme.archived").count() == 1
    assert not AuditEvent.objects.filter(action="theme.restored").exists()


def test_the_installation_itself_may_set_up_themes(org, ambassador):
    """The demo sets up a programme without a manager (`by=None`); the audit log says nobody."""
    theme = theme_create(organization=org, by=None, name="Demo theme")
    assert AuditEvent.objects.get(action="theme.created").actor is None
    assert theme.position == 0
