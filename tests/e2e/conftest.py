"""Browser tests: Playwright (sync API) drives Debian's Chromium against pytest-django's server.

Every test in tests/e2e/ is marked `browser` (deselect with `-m "not browser"`; `make test-fast`).
The browser is Debian's /usr/bin/chromium, never one downloaded by Playwright (`make test` installs
the Debian package when it runs as root; do not run `playwright install`).

Fixtures (use them in new flows; the people come from tests/conftest.py):

    page             a phone: 375x812 CSS pixels, touch, mobile viewport. Relative URLs work:
                     `page.goto("/o/acme/")` opens the live server.
    desktop_page     the same on a 1280x800 desktop screen.
    open_page        `open_page()` opens one more phone (`open_page("desktop")`: a desktop) in a
                     fresh browser context, without cookies: a second person, or someone opening
                     the link from an e-mail on another device.
    shot             `shot(page, "after-login")` saves a full-page PNG of this step to
                     test-artifacts/<test name>/<NN>-<label>.png (git-ignored). Take one per step:
                     the pictures are how a person checks the layout, and CI keeps them.
    browser_login    `browser_login(page, member)` logs a Membership (or User) in through the real
                     login form and returns once the next page has loaded.
    media            uploads (posts' images) go to `<media>/media/`; `media` is a fresh folder to
                     write the files to upload in.
    live_server      pytest-django's server; each test using it gets a transactional database.
                     Settings are production's (DEBUG off, secure-only cookies: Chromium accepts
                     those from http://localhost) but for the redirect to HTTPS; static files
                     come from the app folders.

Every page also fails the test on a JavaScript error, a resource that fails to load (but for the
status of an error page opened on purpose) or a Content-Security-Policy violation (the CSP forbids
inline scripts and styles), and a failing test leaves a `failed.png` of each page it had open.
Example:

    pytestmark = pytest.mark.browser

    def test_member_list(page, shot, browser_login, manager):
        browser_login(page, manager)
        page.get_by_role("link", name="Members").click()
        shot(page, "members")
        expect(page.get_by_role("heading", name="Members")).to_be_visible()
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from multiplier.accounts.models import User
from multiplier.core.models import Membership
from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
# Headless without a sandbox (tests run as root) and without any of Chromium's own network
# traffic: the machines that run the tests have no network beyond the package registries.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    e2e = Path(__file__).parent
    for item in items:
        if e2e in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    # Keep each phase's report on the test, so fixtures know at teardown whether the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does, as root)")
    # Playwright's sync API keeps an asyncio loop in this thread, and Django refuses database
    # access from a thread with a running loop. The test code is synchronous, so that is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def _plain_http() -> Iterator[None]:
    # The live server speaks plain HTTP. Django's SecurityMiddleware reads SECURE_SSL_REDIRECT
    # once, when the server builds its handler (once per session), so switching it off per test
    # (tests/conftest.py) comes too late: it is switched off here, before live_server starts.
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text).strip("-")


def _test_dir(request: pytest.FixtureRequest) -> Path:
    return ARTIFACTS / _safe(request.node.name)


@pytest.fixture
def _console_errors() -> Iterator[list[str]]:
    """What the browser console of any page of the test reported as an error."""
    errors: list[str] = []
    yield errors
    assert not errors, f"errors in the browser console: {errors}"


def _open(
    request: pytest.FixtureRequest, browser: Browser, live_server, device: str, options: dict
) -> Iterator[Page]:
    errors: list[str] = request.getfixturevalue("_console_errors")
    context: BrowserContext = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    pages_opened: set[str] = set()

    def on_console(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        # Chromium logs the status of a page that answers 403, 404 or 410; those pages exist on
        # purpose and tests check them. A script, style sheet, image or htmx request that fails
        # is still an error.
        if (
            message.text.startswith("Failed to load resource")
            and message.location.get("url") in pages_opened
        ):
            return
        errors.append(message.text)

    page.on("request", lambda r: pages_opened.add(r.url) if r.is_navigation_request() else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", on_console)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        _test_dir(request).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=_test_dir(request) / f"failed-{device}.png", full_page=True)
    context.close()


# `live_server` in the signature (not looked up later): pytest-django then gives the test a
# transactional database, so the server's thread sees the rows the test creates.
@pytest.fixture
def page(request: pytest.FixtureRequest, browser: Browser, live_server) -> Iterator[Page]:
    yield from _open(request, browser, live_server, "phone", PHONE)


@pytest.fixture
def desktop_page(request: pytest.FixtureRequest, browser: Browser, live_server) -> Iterator[Page]:
    yield from _open(request, browser, live_server, "desktop", DESKTOP)


@pytest.fixture
def open_page(
    request: pytest.FixtureRequest, browser: Browser, live_server
) -> Iterator[Callable[..., Page]]:
    devices = {"phone": PHONE, "desktop": DESKTOP}
    opened = 0

    with ExitStack() as stack:

        def open_(device: str = "phone") -> Page:
            nonlocal opened
            opened += 1
            pages = contextmanager(_open)(
                request, browser, live_server, f"{device}-{opened}", devices[device]
            )
            return stack.enter_context(pages)

        yield open_


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    directory = _test_dir(request)
    if directory.exists():  # pictures of an earlier run of this test would mislead
        for old in directory.glob("*.png"):
            old.unlink()
    directory.mkdir(parents=True, exist_ok=True)
    count = 0

    def take(page: Page, label: str) -> Path:
        nonlocal count
        count += 1
        path = directory / f"{count:02d}-{_safe(label)}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take


@pytest.fixture
def browser_login() -> Callable[[Page, Membership | User], None]:
    def login(page: Page, who: Membership | User) -> None:
        user = who.user if isinstance(who, Membership) else who
        page.goto("/accounts/login/")
        page.locator("input[name=login]").fill(user.email)
        page.locator("input[name=password]").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("form:has(input[name=password]) button[type=submit]").click()
        if "/accounts/login/" in page.url:
            raise AssertionError(f"login as {user.email} failed: still on {page.url}")

    return login


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path
