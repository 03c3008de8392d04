"""Variants: plain text, hashtags, networks, length limits, images (real files, SVG refused),
alt text, at least one per post, order."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from multiplier.content.models import Variant
from multiplier.content.services.variants import (
    clean_text,
    parse_hashtags,
    variant_create,
    variant_delete,
    variant_move,
    variant_reorder,
    variant_update,
)
from multiplier.core.models import AuditEvent

from .helpers import SVG_WITH_SCRIPT, make_post, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(name: str = "photo.png", **kw) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(**kw), content_type="image/png")


def url(name: str, org, *args) -> str:
    return reverse(name, args=[org.slug, *args])


def test_text_is_plain_text():
    assert clean_text("<p>Hello <b>world</b></p><script>alert(1)</script>") == "Hello world"
    assert clean_text("Fish & chips <3") == "Fish & chips <3"
    assert clean_text("a\r\nb ") == "a\nb"
    assert parse_hashtags("#Energy, energy climate;#NetZero") == ["Energy", "climate", "NetZero"]


def test_create_with_image_stores_it_under_a_random_name(org, manager, media):
    post = make_post(manager)
    variant = variant_create(
        post=post, by=manager, text="With a picture", image=png("../../etc/x.PNG"),
        image_alt="Our office at dawn", hashtags=["office"], networks=["linkedin", "x"],
    )  # fmt: skip
    variant.refresh_from_db()
    assert variant.position == 1
    assert variant.image.name.startswith(f"org-{org.pk}/variants/")
    assert variant.image.name.endswith(".png") and ".." not in variant.image.name
    assert (variant.image_width, variant.image_height) == (400, 300)
    assert (media / variant.image.name).is_file()
    assert variant.networks == ["linkedin", "x"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.png", b"not an image at all", "image/png"), "not an image"),
        (SimpleUploadedFile("a.svg", SVG_WITH_SCRIPT, "image/svg+xml"), "SVG images are not"),
        (SimpleUploadedFile("a.png", png_bytes(50, 50), "image/png"), "50 by 50 pixels"),
    ],
)
def test_bad_images_are_refused_and_nothing_is_saved(org, manager, media, upload, message):
    post = make_post(manager)
    with pytest.raises(ValidationError) as error:
        variant_create(post=post, by=manager, text="Hi", image=upload, image_alt="x")
    assert message in " ".join(error.value.message_dict["image"])
    assert post.variants.count() == 1
    assert not list(media.rglob("*.*"))


def test_an_image_needs_alt_text(org, manager):
    post = make_post(manager)
    with pytest.raises(ValidationError) as error:
        variant_create(post=post, by=manager, text="Hi", image=png())
    assert "alt text" in error.value.message_dict["image_alt"][0]


def test_length_rules(org, manager):
    post = make_post(manager, link="https://acme.example/" + "a" * 100)
    x_text = "word " * 60  # 300 characters: too long for X and Bluesky, fine for LinkedIn
    variant = variant_create(post=post, by=manager, text=x_text)
    assert variant.pk  # fits some networks: saved (the page warns)
    with pytest.raises(ValidationError) as error:
        variant_create(post=post, by=manager, text=x_text, networks=["x", "linkedin"])
    assert "Too long for X, which this variant is marked for" in error.value.message_dict["text"][0]
    with pytest.raises(ValidationError) as error:
        variant_create(post=post, by=manager, text="word " * 650)
    assert "Too long for every network" in error.value.message_dict["text"][0]
    with pytest.raises(ValidationError) as error:
        variant_create(post=post, by=manager, text="Hi", hashtags=["not ok!"])
    assert "hashtags" in error.value.message_dict
    with pytest.raises(ValidationError):
        variant_create(post=post, by=manager, text="Hi", networks=["myspace"])
    assert post.variants.count() == 2


def test_update_replaces_and_removes_the_image(
    org, manager, media, django_capture_on_commit_callbacks
):
    post = make_post(manager)
    variant = variant_create(post=post, by=manager, text="Hi", image=png(), image_alt="One")
    first = variant.image.name
    with django_capture_on_commit_callbacks(execute=True):  # old files go once it is saved
        variant_update(variant=variant, by=manager, text="Hi again", image=png(color="red"),
                       image_alt="Two")  # fmt: skip
    assert variant.image.name != first
    assert not (media / first).exists() and (media / variant.image.name).exists()
    with pytest.raises(ValidationError):  # keeps the image: still needs its alt text
        variant_update(variant=variant, by=manager, text="Hi", image_alt="")
    second = variant.image.name
    with django_capture_on_commit_callbacks(execute=True):
        variant_update(variant=variant, by=manager, text="Hi", remove_image=True)
    variant.refresh_from_db()
    assert not variant.image and variant.image_alt == ""
    assert not (media / second).exists()
    assert AuditEvent.objects.filter(action="variant.updated").count() == 2


def test_a_post_keeps_at_least_one_variant(org, manager, login):
    post = make_post(manager)
    only = post.variants.get()
    with pytest.raises(ValidationError, match="at least one variant"):
        variant_delete(variant=only, by=manager)
    response = login(manager).post(url("variant_delete", org, only.pk), follow=True)
    assert "at least one variant" in response.content.decode()
    second = variant_create(post=post, by=manager, text="Second")
    variant_delete(variant=only, by=manager)
    assert list(post.variants.all()) == [second]
    assert Variant.objects.get().position == 0


def test_reorder_and_move(org, manager, login):
    post = make_post(manager, text="One")
    two = variant_create(post=post, by=manager, text="Two")
    three = variant_create(post=post, by=manager, text="Three")
    one = post.variants.get(text="One")
    variant_reorder(post=post, by=manager, order=[three.pk, one.pk, two.pk])
    assert [v.text for v in post.variants.all()] == ["Three", "One", "Two"]
    with pytest.raises(ValidationError):
        variant_reorder(post=post, by=manager, order=[three.pk, one.pk])
    variant_move(variant=two, by=manager, up=True)
    assert [v.text for v in post.variants.all()] == ["Three", "Two", "One"]
    login(manager).post(url("variant_move", org, three.pk), {"direction": "down"})
    assert [v.text for v in post.variants.all()] == ["Two", "Three", "One"]


def test_pages_add_and_change_variants(org, manager, login, media):
    post = make_post(manager)
    client = login(manager)
    assert client.get(url("variant_create", org, post.pk)).status_code == 200
    response = client.post(
        url("variant_create", org, post.pk),
        {"text": "From the page", "hashtags": "#a b", "image": png(), "image_alt": "A photo"},
    )
    assert response.status_code == 302
    variant = post.variants.get(text="From the page")
    assert variant.image and variant.hashtags == ["a", "b"]
    response = client.post(
        url("variant_create", org, post.pk),
        {"text": "SVG", "image": SimpleUploadedFile("x.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
         "image_alt": "x"},
    )  # fmt: skip
    assert "SVG images are not accepted" in response.content.decode()
    assert post.variants.count() == 2
    response = client.post(
        url("variant_update", org, variant.pk), {"text": "Changed", "image_alt": "A photo"}
    )
    assert response.status_code == 302
    variant.refresh_from_db()
    assert variant.text == "Changed" and variant.image


def test_only_programme_runners(org, manager, ambassador, outsider, login):
    post = make_post(manager)
    with pytest.raises(PermissionDenied):
        variant_create(post=post, by=ambassador, text="Mine")
    with pytest.raises(PermissionDenied):
        variant_create(post=post, by=outsider, text="Theirs")
    assert login(ambassador).get(url("variant_create", org, post.pk)).status_code == 403


def test_the_change_page_shows_guardrail_findings(org, manager, login):
    from multiplier.program.models import GuardrailTerm

    GuardrailTerm.objects.create(organization=org, language="en", term="zorblax")
    post = make_post(manager, text="A zorblax morning")
    variant = post.variants.get()
    body = login(manager).get(url("variant_update", org, variant.pk)).content.decode()
    assert "Guardrail check of the saved text" in body and "<mark>zorblax</mark>" in body
