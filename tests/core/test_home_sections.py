"""Sections that other apps add to an organisation's home page (core/home.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.template import Template
from django.urls import reverse

from multiplier.core import home

pytestmark = pytest.mark.django_db


@pytest.fixture
def section_template() -> Template:
    return Template("<section>{{ text }} for {{ organization.name }}</section>")


@pytest.fixture
def register() -> Iterator:
    keys: list[str] = []

    def add(key: str, section, order: int = 100) -> None:
        keys.append(key)
        home.register_home_section(key, section, order=order)

    yield add
    for key in keys:
        home.unregister_home_section(key)


def test_sections_render_in_order_and_only_for_whom_they_are_meant(
    login, org, ambassador, manager, register, section_template
):
    register("late", lambda m: (section_template, {"text": "Second"}), order=900)
    register("early", lambda m: (section_template, {"text": "First"}), order=1)
    register("staff", lambda m: (section_template, {"text": "Staff"}) if m.is_staff_role else None)

    content = login(ambassador).get(reverse("org_home", args=[org.slug])).content.decode()
    assert content.index("First for Acme") < content.index("Second for Acme")
    assert "Staff for Acme" not in content
    assert (
        "Staff for Acme"
        in login(manager).get(reverse("org_home", args=[org.slug])).content.decode()
    )


def test_sections_are_escaped_like_any_template(login, org, ambassador, register, section_template):
    register("evil", lambda m: (section_template, {"text": "<script>alert(1)</script>"}))
    content = login(ambassador).get(reverse("org_home", args=[org.slug])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; for Acme" in content
