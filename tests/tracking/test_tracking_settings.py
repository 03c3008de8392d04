"""The link-tracking settings page: managers and admins choose the UTM parameters."""

from __future__ import annotations

import pytest

from multiplier.core.models import AuditEvent
from multiplier.tracking.models import TrackingSettings

pytestmark = pytest.mark.django_db


def url(org) -> str:
    return f"/o/{org.slug}/links/settings/"


VALID = {"add_source": "on", "add_medium": "on", "medium": "ambassadors", "add_campaign": "on"}


def test_a_manager_changes_the_parameters_and_sees_the_example(login, manager, org, make_link):
    client = login(manager)
    page = client.get(url(org)).content.decode()
    assert "utm_medium=employee_advocacy" in page  # the defaults, before anything is saved
    response = client.post(url(org), VALID, follow=True)
    assert "Settings saved." in response.content.decode()
    saved = TrackingSettings.objects.get(organization=org)
    assert (saved.medium, saved.add_source, saved.add_content) == ("ambassadors", True, False)
    page = response.content.decode()
    assert (
        "utm_medium=ambassadors" in page and "utm_content" not in page.split("utm-example")[1][:300]
    )
    event = AuditEvent.objects.get(action="tracking_settings.update")
    assert event.data["changed"] == {"medium": "ambassadors", "add_content": False}
    # New links follow the settings.
    assert "utm_medium=ambassadors" in make_link().destination
    assert "utm_content" not in make_link().destination
    # Saving the same again changes nothing.
    assert "Nothing changed." in client.post(url(org), VALID, follow=True).content.decode()


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({**VALID, "medium": "employee advocacy"}, "medium", "no spaces"),
        ({**VALID, "medium": ""}, "medium", "switch utm_medium off"),
    ],
)
def test_invalid_values_are_refused_with_a_field_error(login, admin, org, data, field, message):
    response = login(admin).post(url(org), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert len(errors) == 1 and message in errors[0]
    assert not TrackingSettings.objects.filter(organization=org).exists()


def test_without_utm_medium_no_value_is_needed(login, admin, org):
    response = login(admin).post(url(org), {"add_source": "on", "medium": ""})
    assert response.status_code == 302
    assert TrackingSettings.objects.get(organization=org).add_medium is False


def test_ambassadors_may_not_and_outsiders_get_404(login, ambassador, outsider, org):
    assert login(ambassador).get(url(org)).status_code == 403
    assert login(outsider).get(url(org)).status_code == 404
    assert login(ambassador).post(url(org), VALID).status_code == 403
    assert not TrackingSettings.objects.exists()


def test_the_page_is_in_the_managers_navigation_and_in_dutch(login, manager, org):
    assert url(org) in login(manager).get(f"/o/{org.slug}/").content.decode()
    manager.user.language = "nl"
    manager.user.save()
    page = login(manager).get(url(org)).content.decode()
    assert "Linktracking" in page and "Instellingen opslaan" in page
