"""Every page an ambassador, a manager, an admin and a visitor can reach, opened on a 375-px phone,
in English and in Dutch (longer words): none may scroll sideways, a Dutch page may hold no English,
and each leaves a screenshot to look at."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from multiplier.accounts.models import Invitation, User
from multiplier.accounts.services.invitation_email import invitations_deliver
from multiplier.accounts.services.invitation_import import ReadResult, invitation_import_create
from multiplier.accounts.services.invitations import Invitee, invitation_create
from multiplier.core.models import Membership, MembershipStatus, Organization, Role
from tests.conftest import PASSWORD

from .helpers import english_words, no_sideways_scroll


@dataclass(frozen=True)
class Visit:
    label: str
    url: str
    status: int = 200
    lands: str | None = None  # the path it ends on, when it redirects


@pytest.fixture(params=["en", "nl"])
def language(request: pytest.FixtureRequest) -> str:
    return request.param


def _speak(language: str, page: Page, site: str) -> None:
    """Everyone reads the site in this language: the people made so far (their own choice counts
    once they are logged in) and a visitor on this page (the language cookie)."""
    User.objects.update(language=language)
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site}
    page.context.add_cookies([cookie])


def _sweep(page: Page, shot: Callable[[Page, str], object], visits: list[Visit]) -> None:
    """Open each page; report every page that is wider than the phone (or, in Dutch, holds
    English), not only the first."""
    too_wide, english = [], []
    for visit in visits:
        response = page.goto(visit.url)
        assert response is not None and response.status == visit.status, (visit, response)
        landed = urlsplit(page.url).path
        assert landed == (visit.lands or urlsplit(visit.url).path), (visit, page.url)
        shot(page, visit.label)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > page.viewport_size["width"]:
            too_wide.append(f"{visit.label} ({visit.url}): {width}px")
        dutch = page.locator("html").get_attribute("lang") == "nl"
        if dutch and (leftovers := english_words(page.get_by_role("main").inner_text())):
            english.append(f"{visit.label}: {leftovers}")
    assert not too_wide, too_wide
    assert not english, english


def _invite(organization: Organization, inviter: Membership | None, email: str, **fields) -> str:
    """An invitation and the path of its link (as the e-mail would have it)."""
    _outcome, invitation = invitation_create(
        organization=organization,
        inviter=inviter,
        invitee=Invitee(email=email, **fields),
        deliver=False,
    )
    link = invitations_deliver(invitation_ids=[invitation.pk]).links[invitation.pk]
    return urlsplit(link).path


def _totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def test_pages_for_visitors(
    page, shot, browser_login, live_server, language, org, manager, ambassador
):
    _speak(language, page, live_server.url)
    expired = _invite(org, manager, "late@example.com", name="Laura Late")
    Invitation.objects.filter(email="late@example.com").update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    user = ambassador.user
    reset_key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    _sweep(
        page,
        shot,
        [
            Visit("login", "/accounts/login/"),
            Visit("signup-closed", "/accounts/signup/"),
            Visit("password-reset", "/accounts/password/reset/"),
            Visit("password-reset-sent", "/accounts/password/reset/done/"),
            Visit(
                "password-reset-new-password",
                f"/accounts/password/reset/key/{reset_key}/",
                lands=f"/accounts/password/reset/key/{user_pk_to_url_str(user)}-set-password/",
            ),
            Visit("password-reset-bad-key", "/accounts/password/reset/key/1-wrong/"),
            Visit("confirm-email-sent", "/accounts/confirm-email/"),
            Visit(
                "accept-new-person",
                _invite(org, manager, "someone.with.a.long.address@example-company.com"),
            ),
            Visit("accept-expired", expired, 410),
            Visit("accept-broken-link", "/invite/not-a-real-link/", 404),
            Visit("not-found", "/no-such-page/", 404),
        ],
    )

    # Someone with an account but no organisation (yet).
    loner = User.objects.create_user(
        email="loner@example.com", password=PASSWORD, name="Lou", language=language
    )
    EmailAddress.objects.create(user=loner, email=loner.email, verified=True, primary=True)
    browser_login(page, loner)
    _sweep(page, shot, [Visit("no-organisation", "/")])


def test_pages_for_an_ambassador(
    page, open_page, shot, browser_login, live_server, language,
    org, other_org, manager, ambassador, outsider, make_member,
):  # fmt: skip
    _speak(language, page, live_server.url)
    join = _invite(other_org, outsider, ambassador.user.email)
    someone_else = _invite(org, manager, "someone.else@example.com")
    browser_login(page, ambassador)
    _sweep(
        page,
        shot,
        [
            Visit("home", "/o/acme/"),
            Visit("profile", "/o/acme/profile/"),
            Visit("email-addresses", "/accounts/email/"),
            Visit("change-password", "/accounts/password/change/"),
            Visit("two-factor", "/accounts/2fa/"),
            Visit(
                "confirm-password",
                "/accounts/2fa/totp/activate/",
                lands="/accounts/reauthenticate/",
            ),
            Visit("join-second-organisation", join),
            Visit("invitation-for-someone-else", someone_else),
            Visit("members-forbidden", "/o/acme/members/", 403),
            Visit("settings-forbidden", "/o/acme/settings/", 403),
            Visit("other-organisation", "/o/globex/", 404),
            Visit("log-out", "/accounts/logout/"),
        ],
    )
    # The link in the e-mail that confirms a second address (after this, two-factor set-up
    # waits until the address is confirmed, so it comes last).
    second_address = EmailAddress.objects.create(
        user=ambassador.user, email="amber.private@example.com", verified=False
    )
    confirm_key = EmailConfirmationHMAC(second_address).key
    _sweep(page, shot, [Visit("confirm-email-address", f"/accounts/confirm-email/{confirm_key}/")])

    newcomer = make_member(org, name="Nina Newcomer", onboarded=False, language=language)
    fresh = open_page()
    browser_login(fresh, newcomer)
    _sweep(
        fresh,
        shot,
        [
            Visit("onboarding-welcome", "/o/acme/onboarding/welcome/"),
            Visit("onboarding-networks", "/o/acme/onboarding/networks/"),
            Visit("onboarding-language", "/o/acme/onboarding/language/"),
        ],
    )

    quitter = make_member(
        org, name="Quinn Quit", status=MembershipStatus.OPTED_OUT, language=language
    )
    away = open_page()
    browser_login(away, quitter)
    _sweep(
        away,
        shot,
        [
            Visit("opted-out-home", "/o/acme/"),
            Visit("opted-out-profile", "/o/acme/profile/"),
            Visit("opted-out-members", "/o/acme/members/", 403),
        ],
    )


def test_pages_for_a_manager(
    page, shot, browser_login, live_server, language, org, manager, ambassador, make_member
):
    make_member(org, role=Role.AMBASSADOR, name="Lee Leader", is_leader=True, team="Board")
    for n in range(3):
        _invite(
            org, manager, f"colleague.number.{n}@a-rather-long-company-name.example", team="Sales"
        )
    rows = [
        {"row": n + 2, "email": email, "name": "", "team": "", "role": Role.AMBASSADOR,
         "is_leader": False, "language": "en"}
        for n, email in enumerate(["new.one@example.com", ambassador.user.email])
    ]  # fmt: skip
    batch = invitation_import_create(
        organization=org,
        inviter=manager,
        file_name="staff-list-2026.csv",
        read=ReadResult(rows=rows),
    )
    _speak(language, page, live_server.url)
    browser_login(page, manager)
    _sweep(
        page,
        shot,
        [
            Visit("home", "/o/acme/"),
            Visit("members", "/o/acme/members/"),
            Visit("members-filtered-empty", "/o/acme/members/?q=nobody"),
            Visit("member-detail", f"/o/acme/members/{ambassador.pk}/"),
            Visit("invitations", "/o/acme/invitations/"),
            Visit("invitations-expired", "/o/acme/invitations/?status=expired"),
            Visit("invitations-accepted", "/o/acme/invitations/?status=accepted"),
            Visit("invite-someone", "/o/acme/invitations/new/"),
            Visit("import", "/o/acme/invitations/import/"),
            Visit("import-done", f"/o/acme/invitations/import/{batch.pk}/"),
            Visit("settings-forbidden", "/o/acme/settings/", 403),
            Visit("audit-log-forbidden", "/o/acme/audit/", 403),
        ],
    )

    # An organisation that requires two-factor authentication of its staff.
    Organization.objects.filter(pk=org.pk).update(require_mfa_for_staff=True)
    _sweep(
        page,
        shot,
        [
            Visit(
                "two-factor-required",
                "/o/acme/members/",
                lands="/o/acme/security/two-factor-required/",
            )
        ],
    )


def test_pages_for_an_admin(
    page, shot, browser_login, live_server, language, org, admin, manager, ambassador
):
    _invite(org, admin, "noor@example.com", name="Noor Nieuw")
    _speak(language, page, live_server.url)
    browser_login(page, admin)
    _sweep(
        page,
        shot,
        [
            Visit("home", "/o/acme/"),
            Visit("members", "/o/acme/members/"),
            Visit("member-detail-editable", f"/o/acme/members/{ambassador.pk}/"),
            Visit("member-detail-self", f"/o/acme/members/{admin.pk}/"),
            Visit("settings", "/o/acme/settings/"),
            Visit("audit-log", "/o/acme/audit/"),
            Visit("two-factor", "/accounts/2fa/"),
            Visit(
                "confirm-password",
                "/accounts/2fa/totp/activate/",
                lands="/accounts/reauthenticate/",
            ),
        ],
    )

    # Set up an authenticator app, as a person would, and see the pages that follow.
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url("/accounts/2fa/totp/activate/")
    shot(page, "activate-authenticator")
    no_sideways_scroll(page)
    # On a phone the QR code cannot be scanned: the app opens from a link, or the secret is copied.
    expect(page.locator("main a[href^='otpauth://totp/']")).to_be_visible()
    secret = page.locator("#authenticator_secret").inner_text()
    assert len(secret) == 32 and secret.isalnum()  # the whole secret, as plain text
    for _attempt in range(2):  # a code typed as its 30-second window closes is refused: again
        page.locator("input[name=code]").fill(_totp_code(secret))
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        if urlsplit(page.url).path != "/accounts/2fa/totp/activate/":
            break
    expect(page).to_have_url("/accounts/2fa/recovery-codes/")
    _sweep(
        page,
        shot,
        [
            Visit("recovery-codes", "/accounts/2fa/recovery-codes/"),
            Visit("two-factor-on", "/accounts/2fa/"),
            Visit("new-recovery-codes", "/accounts/2fa/recovery-codes/generate/"),
            Visit("turn-off-authenticator", "/accounts/2fa/totp/deactivate/"),
        ],
    )

    # The next login asks for a code.
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(admin.user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url("/accounts/2fa/authenticate/")
    _sweep(page, shot, [Visit("two-factor-code", "/accounts/2fa/authenticate/")])
