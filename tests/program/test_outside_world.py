"""Step 5, the outside world: entities (the list, adding, changing, deleting) and who may."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from multiplier.core.models import AuditEvent, MembershipStatus
from multiplier.program.models import Connection, ConnectionKind, Entity, EntityKind, Theme
from multiplier.program.outside_links import clean_web_address, handle_links
from multiplier.program.services.outside_world import (
    EntityFields,
    entity_create,
    entity_delete,
    entity_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(org) -> Theme:
    return Theme.objects.create(organization=org, name="Sustainable building")


def url(name: str, org, *args) -> str:
    return reverse(name, args=[org.slug, *args])


def entity_post(**overrides) -> dict:
    data = {"name": "Tech Week Utrecht", "kind": "event", "url": "", "notes": ""}
    data.update(overrides)
    return data


def make_entity(org, name="Anna Jansen", kind=EntityKind.INFLUENCER, themes=(), **extra) -> Entity:
    entity = Entity.objects.create(organization=org, name=name, kind=kind, **extra)
    entity.themes.set(themes)
    return entity


# --- Who may --------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "manager"])
def test_staff_manage_the_outside_world(request, login, org, who, theme):
    client = login(request.getfixturevalue(who))
    assert client.get(url("entity_list", org)).status_code == 200
    response = client.post(
        url("entity_create", org),
        entity_post(themes=[theme.pk], is_key="on", event_date="2026-06-18"),
    )
    entity = Entity.objects.get(organization=org, name="Tech Week Utrecht")
    assert response.status_code == 302
    assert response["Location"] == url("entity_detail", org, entity.pk)
    assert list(entity.themes.all()) == [theme]
    assert entity.is_key and entity.event_date == date(2026, 6, 18)
    assert client.get(url("entity_detail", org, entity.pk)).status_code == 200
    assert client.get(url("entity_edit", org, entity.pk)).status_code == 200


@pytest.mark.parametrize("name", ["entity_list", "entity_create", "entity_map"])
def test_ambassadors_may_not_manage_entities(login, ambassador, org, name):
    assert login(ambassador).get(url(name, org)).status_code == 403


def test_ambassadors_may_not_change_or_delete_an_entity(login, ambassador, org):
    entity = make_entity(org)
    client = login(ambassador)
    assert client.get(url("entity_detail", org, entity.pk)).status_code == 403
    assert client.post(url("entity_edit", org, entity.pk), entity_post()).status_code == 403
    assert client.post(url("entity_delete", org, entity.pk)).status_code == 403
    entity.refresh_from_db()
    assert entity.name == "Anna Jansen"


def test_ambassadors_see_the_entities_of_the_organisation_on_their_own_page(
    login, ambassador, org, other_org
):
    make_entity(org, name="Anna Jansen")
    make_entity(other_org, name="Globex Gazette", kind=EntityKind.MEDIA)
    response = login(ambassador).get(url("outside_world_mine", org))
    assert response.status_code == 200
    assert "Anna Jansen" in response.content.decode()
    assert "Globex Gazette" not in response.content.decode()


def test_outsider_gets_404(login, outsider, org):
    entity = make_entity(org)
    client = login(outsider)
    for address in (url("entity_list", org), url("entity_detail", org, entity.pk),
                    url("outside_world_mine", org)):  # fmt: skip
        assert client.get(address).status_code == 404
    assert client.post(url("entity_delete", org, entity.pk)).status_code == 404
    assert Entity.objects.filter(pk=entity.pk).exists()


def test_an_entity_of_another_organisation_is_404(login, manager, org, other_org):
    foreign = make_entity(other_org, name="Globex Gazette", kind=EntityKind.MEDIA)
    client = login(manager)
    assert client.get(url("entity_detail", org, foreign.pk)).status_code == 404
    assert client.post(url("entity_edit", org, foreign.pk), entity_post()).status_code == 404
    assert client.post(url("entity_delete", org, foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "Globex Gazette"


def test_the_service_refuses_ambassadors_and_other_organisations(ambassador, outsider, org):
    with pytest.raises(PermissionDenied):
        entity_create(organization=org, by=ambassador, fields=EntityFields("X", "media"))
    with pytest.raises(PermissionDenied):
        entity_create(organization=org, by=outsider, fields=EntityFields("X", "media"))
    assert not Entity.objects.exists()


def test_the_installation_itself_may_keep_entities(org):
    """by=None is the installation (the demo, data set-up): allowed, audited without an actor."""
    entity = entity_create(organization=org, by=None, fields=EntityFields("X", "media"))
    entity_delete(entity=entity, by=None)
    assert list(
        AuditEvent.objects.filter(actor=None).order_by("pk").values_list("action", flat=True)
    ) == ["entity.created", "entity.deleted"]


# --- Bad input: clear field errors, nothing saved -----------------------------------------------


def post_form_errors(client, org, **data) -> dict:
    response = client.post(url("entity_create", org), entity_post(**data))
    assert response.status_code == 200
    return response.context["form"].errors


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("not a url", "This is not a web address"),
        ("javascript:alert(document.cookie)", "start with http:// or https://"),
        ("JavaScript:alert(1)", "start with http:// or https://"),
        ("data:text/html,<script>alert(1)</script>", "start with http:// or https://"),
        ("ftp://files.example.org/", "start with http:// or https://"),
        ("https://user:secret@example.org/", "This is not a web address"),
        ("https://", "This is not a web address"),
    ],
)
def test_a_web_address_that_is_not_one_is_a_field_error(login, manager, org, address, message):
    errors = post_form_errors(login(manager), org, url=address)
    assert list(errors) == ["url"]
    assert message in errors["url"][0]
    assert not Entity.objects.exists()


def test_a_web_address_is_normalised(login, manager, org):
    login(manager).post(url("entity_create", org), entity_post(url="  WWW.TechWeek.NL/Programma "))
    assert Entity.objects.get().url == "https://www.techweek.nl/Programma"
    assert clean_web_address("http://Example.org") == "http://example.org/"
    assert clean_web_address("example.org:8080/x?y=1") == "https://example.org:8080/x?y=1"


def test_a_duplicate_name_within_the_same_kind_is_a_field_error(login, manager, org):
    make_entity(org, name="Tech Week Utrecht", kind=EntityKind.EVENT)
    errors = post_form_errors(login(manager), org, name="  tech week   UTRECHT ")
    assert list(errors) == ["name"]
    assert "already an entity of the kind “Event” called “tech week UTRECHT”" in errors["name"][0]
    assert Entity.objects.count() == 1


def test_the_same_name_may_exist_in_another_kind_or_organisation(login, manager, org, other_org):
    make_entity(org, name="Tech Week Utrecht", kind=EntityKind.COMMUNITY)
    make_entity(other_org, name="Tech Week Utrecht", kind=EntityKind.EVENT)
    response = login(manager).post(url("entity_create", org), entity_post())
    assert response.status_code == 302
    assert Entity.objects.filter(organization=org).count() == 2


def test_a_theme_of_another_organisation_is_a_field_error(login, manager, org, other_org, theme):
    foreign = Theme.objects.create(organization=other_org, name="Globex theme")
    errors = post_form_errors(login(manager), org, themes=[theme.pk, foreign.pk])
    assert errors["themes"] == ["Choose themes of this organisation."]
    assert not Entity.objects.exists()
    # The service refuses it too, whoever calls it.
    with pytest.raises(ValidationError) as error:
        entity_create(organization=org, by=manager, fields=EntityFields("X", "media", [foreign]))
    assert "themes" in error.value.error_dict


def test_an_archived_theme_cannot_be_chosen_for_a_new_entity(login, manager, org, theme):
    from django.utils import timezone

    theme.archived_at = timezone.now()
    theme.save()
    errors = post_form_errors(login(manager), org, themes=[theme.pk])
    assert errors["themes"] == ["Choose themes of this organisation."]


def test_an_archived_theme_stays_on_an_entity_that_is_changed(login, manager, org, theme):
    from django.utils import timezone

    entity = make_entity(org, themes=[theme])
    theme.archived_at = timezone.now()
    theme.save()
    response = login(manager).post(
        url("entity_edit", org, entity.pk),
        entity_post(name="Anna Jansen", kind="influencer", themes=[theme.pk], notes="Writes a lot"),
    )
    assert response.status_code == 302
    entity.refresh_from_db()
    assert list(entity.themes.all()) == [theme] and entity.notes == "Writes a lot"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("handle_mastodon", "@techweek", "as @name@server"),
        ("handle_x", "tech week!", "not a handle or profile address on X"),
        ("handle_linkedin", "techweek", "Paste the address of the LinkedIn page"),
        ("handle_linkedin", "https://example.org/company/techweek", "on LinkedIn"),
        ("handle_bluesky", "@no_dot", "on Bluesky"),
    ],
)
def test_a_handle_that_does_not_fit_its_network_is_a_field_error(
    login, manager, org, field, value, message
):
    errors = post_form_errors(login(manager), org, **{field: value})
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert not Entity.objects.exists()


def test_the_handles_are_folded_away_unless_one_is_filled_in_or_refused(login, manager, org):
    client = login(manager)
    assert '<details class="handles">' in client.get(url("entity_create", org)).content.decode()
    refused = client.post(url("entity_create", org), entity_post(handle_x="tech week!"))
    assert '<details class="handles" open>' in refused.content.decode()
    entity = make_entity(org, handles={"x": "@annajansen"})
    page = client.get(url("entity_edit", org, entity.pk)).content.decode()
    assert '<details class="handles" open>' in page and 'value="@annajansen"' in page


def test_handles_are_stored_per_network_in_one_form_and_shown_as_links(login, manager, org):
    client = login(manager)
    client.post(
        url("entity_create", org),
        entity_post(
            handle_x="https://twitter.com/TechWeekNL",
            handle_mastodon="https://mastodon.social/@techweek",
            handle_linkedin="linkedin.com/company/techweek/",
            handle_bluesky="techweek.bsky.social",
        ),
    )
    entity = Entity.objects.get()
    assert entity.handles == {
        "x": "@TechWeekNL",
        "mastodon": "@techweek@mastodon.social",
        "linkedin": "https://www.linkedin.com/company/techweek",
        "bluesky": "@techweek.bsky.social",
    }
    assert [link.url for link in handle_links(entity.handles)] == [
        "https://www.linkedin.com/company/techweek",
        "https://x.com/TechWeekNL",
        "https://mastodon.social/@techweek",
        "https://bsky.app/profile/techweek.bsky.social",
    ]
    page = client.get(url("entity_detail", org, entity.pk)).content.decode()
    assert 'href="https://mastodon.social/@techweek"' in page


def test_only_events_have_a_date_which_is_optional(login, manager, org):
    client = login(manager)
    errors = post_form_errors(client, org, kind="media", event_date="2026-06-18")
    assert list(errors) == ["event_date"]
    assert "Only events have a date" in errors["event_date"][0]
    assert post_form_errors(client, org, event_date="18 juni")["event_date"] == [
        "Enter a date, for example 2026-06-18."
    ]
    assert client.post(url("entity_create", org), entity_post()).status_code == 302
    assert Entity.objects.get().event_date is None


def test_a_name_is_required_and_spaces_do_not_count(login, manager, org):
    assert "name" in post_form_errors(login(manager), org, name="   ")
    with pytest.raises(ValidationError) as error:
        entity_create(organization=org, by=manager, fields=EntityFields("  ", "media"))
    assert "name" in error.value.error_dict
    with pytest.raises(ValidationError, match="at most 120 characters"):
        entity_create(organization=org, by=manager, fields=EntityFields("x" * 121, "media"))
    assert not Entity.objects.exists()


# --- Changing and deleting, audited ---------------------------------------------------------------


def test_creating_changing_and_deleting_are_audited(manager, org, theme):
    entity = entity_create(
        organization=org,
        by=manager,
        fields=EntityFields("Vakblad Bouw", EntityKind.MEDIA, [theme], url="vakbladbouw.nl"),
    )
    created = AuditEvent.objects.get(action="entity.created")
    assert (created.actor, created.organization, created.target) == (
        manager.user,
        org,
        "Vakblad Bouw",
    )

    entity_update(
        entity=entity,
        by=manager,
        fields=EntityFields(
            "Vakblad Bouw", EntityKind.MEDIA, [], url="vakbladbouw.nl", is_key=True
        ),
    )
    updated = AuditEvent.objects.get(action="entity.updated")
    assert updated.data == {
        "is_key": {"from": False, "to": True},
        "themes": {"from": "Sustainable building", "to": ""},
    }
    # Saving without a change writes nothing.
    entity_update(
        entity=entity,
        by=manager,
        fields=EntityFields(
            "Vakblad Bouw", EntityKind.MEDIA, [], url="vakbladbouw.nl", is_key=True
        ),
    )
    assert AuditEvent.objects.filter(action="entity.updated").count() == 1

    Connection.objects.create(organization=org, entity=entity, membership=manager,
                              kind=ConnectionKind.FOLLOWS)  # fmt: skip
    entity_delete(entity=entity, by=manager)
    deleted = AuditEvent.objects.get(action="entity.deleted")
    assert deleted.data == {"kind": "media", "connections": 1}
    assert not Entity.objects.exists() and not Connection.objects.exists()


def test_renaming_onto_an_existing_name_is_refused(login, manager, org):
    make_entity(org, name="Anna Jansen")
    other = make_entity(org, name="Bob de Vries")
    response = login(manager).post(
        url("entity_edit", org, other.pk), entity_post(name="ANNA JANSEN", kind="influencer")
    )
    assert "name" in response.context["form"].errors
    other.refresh_from_db()
    assert other.name == "Bob de Vries"
    assert "Change Bob de Vries" in response.content.decode()  # the saved name, not the refused one


def test_delete_from_the_page(login, manager, org):
    entity = make_entity(org)
    response = login(manager).post(url("entity_delete", org, entity.pk))
    assert response["Location"] == url("entity_list", org)
    assert not Entity.objects.exists()
    assert login(manager).get(url("entity_delete", org, entity.pk)).status_code == 405


# --- The list -------------------------------------------------------------------------------------


def test_empty_state_explains_step_5_with_examples(login, manager, org):
    page = login(manager).get(url("entity_list", org)).content.decode()
    assert "Who matters around your themes?" in page
    assert "a trade magazine" in page
    assert "Add the first one" in page


def listed(response) -> list[str]:
    return [e.name for group in response.context["groups"] for e in group.entities]


def test_the_list_is_grouped_by_kind_with_key_ones_first(login, manager, org):
    make_entity(org, name="Zeta meetup", kind=EntityKind.COMMUNITY)
    make_entity(org, name="Alpha group", kind=EntityKind.COMMUNITY)
    make_entity(org, name="Young families", kind=EntityKind.AUDIENCE)
    make_entity(org, name="Key meetup", kind=EntityKind.COMMUNITY, is_key=True)
    response = login(manager).get(url("entity_list", org))
    groups = response.context["groups"]
    assert [g.kind for g in groups] == ["audience", "community"]
    assert [e.name for e in groups[1].entities] == ["Key meetup", "Alpha group", "Zeta meetup"]


def test_the_list_filters(login, manager, make_member, org, theme):
    other_theme = Theme.objects.create(organization=org, name="Energy")
    anna = make_entity(org, name="Anna Jansen", themes=[theme], is_key=True, notes="Blogs daily")
    make_entity(org, name="Bouwbeurs", kind=EntityKind.EVENT, themes=[other_theme])
    make_entity(org, name="Vakblad", kind=EntityKind.MEDIA, themes=[theme])
    gone = make_member(org, status=MembershipStatus.OPTED_OUT)
    Connection.objects.create(organization=org, entity=anna, membership=manager, kind="follows")
    vakblad = Entity.objects.get(name="Vakblad")
    Connection.objects.create(organization=org, entity=vakblad, membership=gone, kind="knows")
    client = login(manager)

    def names(**params) -> list[str]:
        return sorted(listed(client.get(url("entity_list", org), params)))

    assert names(theme=theme.pk) == ["Anna Jansen", "Vakblad"]
    assert names(kind="event") == ["Bouwbeurs"]
    assert names(key="on") == ["Anna Jansen"]
    assert names(q="blogs") == ["Anna Jansen"]
    # An opted-out person's tie does not count: nobody is connected to the magazine.
    assert names(unconnected="on") == ["Bouwbeurs", "Vakblad"]
    assert names(theme="not-a-number") == ["Anna Jansen", "Bouwbeurs", "Vakblad"]


def test_the_list_counts_only_participating_people(login, manager, make_member, org):
    entity = make_entity(org)
    for status in (MembershipStatus.ACTIVE, MembershipStatus.OPTED_OUT, MembershipStatus.INVITED):
        member = make_member(org, status=status)
        Connection.objects.create(organization=org, entity=entity, membership=member, kind="knows")
    response = login(manager).get(url("entity_list", org))
    (shown,) = response.context["groups"][0].entities
    assert shown.tied_count == 1
    assert "1 person connected" in response.content.decode()


def test_create_form_can_start_from_a_theme_and_kind(login, manager, org, theme):
    response = login(manager).get(url("entity_create", org), {"theme": theme.pk, "kind": "event"})
    form = response.context["form"]
    assert form.initial["themes"] == [theme] and form.initial["kind"] == "event"


def test_pages_work_in_dutch(login, manager, org, theme):
    entity = make_entity(org, themes=[theme])
    manager.user.language = "nl"
    manager.user.save()
    client = login(manager)
    assert "Buitenwereld" in client.get(url("entity_list", org)).content.decode()
    page = client.get(url("entity_detail", org, entity.pk)).content.decode()
    assert "Verbinding toevoegen" in page
