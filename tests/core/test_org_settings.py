"""The organisation settings page and `organization_update`."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from multiplier.core.models import AuditEvent, Organization
from multiplier.core.services.organization import organization_update

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Acme Europe",
    "time_zone": "Europe/Brussels",
    "language": "nl",
    "cadence_days": "7",
    "require_mfa_for_staff": "on",
}


def settings_url(org) -> str:
    return reverse("org_settings", args=[org.slug])


@pytest.mark.parametrize("who", ["manager", "ambassador", "leader"])
def test_only_admins_reach_the_settings(request, login, who, org):
    client = login(request.getfixturevalue(who))
    assert client.get(settings_url(org)).status_code == 403
    assert client.post(settings_url(org), VALID).status_code == 403
    org.refresh_from_db()
    assert org.name == "Acme"


def test_outsider_gets_404(login, outsider, org):
    assert login(outsider).get(settings_url(org)).status_code == 404


def test_admin_sees_the_form_with_explanations(login, admin, org):
    response = login(admin).get(settings_url(org))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Acme"' in content
    assert "The number of days between two sets of new ready-made posts." in content
    # The slug is shown but cannot be edited.
    assert "<code>acme</code>" in content
    assert 'name="slug"' not in content


def test_admin_saves_settings_and_the_change_is_audited(login, admin, org):
    response = login(admin).post(settings_url(org), VALID)
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.name, org.time_zone, org.language, org.cadence_days) == (
        "Acme Europe",
        "Europe/Brussels",
        "nl",
        7,
    )
    assert org.require_mfa_for_staff is True
    assert org.slug == "acme"
    event = AuditEvent.objects.get(action="organization.updated")
    assert event.organization == org
    assert event.actor == admin.user
    assert event.data == {
        "name": {"from": "Acme", "to": "Acme Europe"},
        "time_zone": {"from": "Europe/Amsterdam", "to": "Europe/Brussels"},
        "language": {"from": "en", "to": "nl"},
        "cadence_days": {"from": 14, "to": 7},
        "require_mfa_for_staff": {"from": False, "to": True},
    }


def test_saving_unchanged_settings_records_nothing(login, admin, org):
    data = {"name": "Acme", "time_zone": org.time_zone, "language": "en", "cadence_days": "14"}
    response = login(admin).post(settings_url(org), data, follow=True)
    assert "Nothing changed." in response.content.decode()
    assert not AuditEvent.objects.filter(action="organization.updated").exists()


def test_a_slug_in_the_post_is_ignored(login, admin, org):
    login(admin).post(settings_url(org), {**VALID, "slug": "hijack"})
    org.refresh_from_db()
    assert org.slug == "acme"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "   ", "Give the organisation a name."),
        ("cadence_days", "0", "The cadence is at least 1 day."),
        ("cadence_days", "91", "The cadence is at most 90 days."),
        ("cadence_days", "", "Enter the number of days between new content, from 1 to 90."),
        ("time_zone", "Mars/Olympus_Mons", "Unknown time zone. Pick one from the list."),
        ("language", "xx", "Select a valid choice."),
    ],
)
def test_bad_input_gives_a_clear_error_and_changes_nothing(
    login, admin, org, field, value, message
):
    response = login(admin).post(settings_url(org), {**VALID, field: value})
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in response.content.decode().replace("&#x27;", "'")
    assert Organization.objects.get(pk=org.pk).name == "Acme"
    assert not AuditEvent.objects.filter(action="organization.updated").exists()
    # The page around the form still shows the saved name.
    assert "<title>Organisation settings · Acme · Multiplier</title>" in response.content.decode()


def test_the_service_validates_too(admin, org):
    for fields in ({"name": ""}, {"cadence_days": 0}, {"time_zone": "Nowhere/Else"}):
        with pytest.raises(ValidationError):
            organization_update(organization=org, by=admin, **fields)
    org.refresh_from_db()
    assert (org.name, org.cadence_days, org.time_zone) == ("Acme", 14, "Europe/Amsterdam")


def test_the_service_refuses_non_admins_and_the_slug(manager, outsider, admin, org):
    for by in (manager, outsider):
        with pytest.raises(PermissionDenied):
            organization_update(organization=org, by=by, name="Evil")
    with pytest.raises(ValueError):
        organization_update(organization=org, by=admin, slug="other")
    org.refresh_from_db()
    assert (org.name, org.slug) == ("Acme", "acme")


def test_requiring_two_factor_sends_the_admin_to_set_it_up(login, admin, org):
    client = login(admin)
    response = client.post(settings_url(org), VALID, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("org_mfa_required", args=[org.slug]))


def test_settings_are_in_the_menu_of_admins_only(login, admin, manager, org):
    link = f'href="{settings_url(org)}"'
    home = reverse("org_home", args=[org.slug])
    assert link in login(admin).get(home).content.decode()
    assert link not in login(manager).get(home).content.decode()
