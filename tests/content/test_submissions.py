"""Employees' own content: proposing a post or a blog, with the image checked by its content,
guardrail findings shown as a warning, and "My proposals" with the status and the reason."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from multiplier.content.models import Post, PostKind, PostSource, PostStatus
from multiplier.content.selectors.review import my_proposals, review_queue
from multiplier.content.services.review import review_decline
from multiplier.content.services.submissions import proposal_create
from multiplier.core.models import MembershipStatus
from multiplier.program.models import GuardrailTerm

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def png(width: int = 400, height: int = 300) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_an_ambassador_proposes_a_post_with_an_image(org, ambassador):
    post = proposal_create(
        membership=ambassador, kind=PostKind.POST,
        text="  We installed our 1000th heat pump in Eindhoven today!  ",
        link="https://blog.acme.example/1000", image=png(), image_alt="The team in front of it",
    )  # fmt: skip
    post.refresh_from_db()
    assert (post.status, post.source, post.author) == (
        PostStatus.IN_REVIEW, PostSource.EMPLOYEE, ambassador,
    )  # fmt: skip
    assert post.title == "We installed our 1000th heat pump in Eindhoven today!"
    assert post.created_by == ambassador.user
    variant = post.variants.get()
    assert variant.text == "We installed our 1000th heat pump in Eindhoven today!"
    assert variant.image.name.startswith(f"org-{org.pk}/variants/")
    assert (variant.image_width, variant.image_height) == (400, 300)
    assert variant.image_alt == "The team in front of it"
    assert list(review_queue(org)) == [post]
    assert list(my_proposals(ambassador)) == [post]


def test_a_blog_needs_its_address_and_title(ambassador):
    with pytest.raises(ValidationError) as error:
        proposal_create(membership=ambassador, kind=PostKind.BLOG, text="I wrote about pumps")
    assert set(error.value.message_dict) == {"link", "title"}
    post = proposal_create(
        membership=ambassador, kind=PostKind.BLOG, title="Why I became an engineer",
        link="https://amber.example/why-engineer",
    )  # fmt: skip
    assert post.kind == PostKind.BLOG and post.variants.get().text == "Why I became an engineer"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"text": ""}, "text", "Write the text of your post."),
        ({"link": "javascript:alert(1)"}, "link", "Enter a full web address"),
        ({"text": "x" * 3001}, "text", "Keep the text under 3000 characters."),
        ({"image": "small"}, "image", "each side must be between 100 and 8000 pixels"),
        ({"image": "svg"}, "image", "not an image we can use"),
        ({"image": "no-alt"}, "image_alt", "Describe the image"),
        ({"kind": "video"}, "kind", "Choose a post or a blog."),
    ],
)
def test_proposals_are_validated(ambassador, fields, field, message):
    data = {"kind": PostKind.POST, "text": "Hello", **fields}
    image = data.pop("image", None)
    if image == "small":
        data.update(image=png(50, 50), image_alt="tiny")
    elif image == "svg":
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        data.update(image=SimpleUploadedFile("x.png", svg, "image/png"), image_alt="x")
    elif image == "no-alt":
        data.update(image=png())
    with pytest.raises(ValidationError) as error:
        proposal_create(membership=ambassador, **data)
    assert message in " ".join(error.value.message_dict[field])
    assert not Post.objects.exists()


def test_opted_out_members_cannot_propose(make_member, org):
    opted_out = make_member(org, status=MembershipStatus.OPTED_OUT)
    with pytest.raises(PermissionDenied):
        proposal_create(membership=opted_out, kind=PostKind.POST, text="Hi")


def test_the_form_page_proposes_and_warns_about_guardrail_terms(org, ambassador, login):
    GuardrailTerm.objects.create(organization=org, language="en", term="Project Nightingale",
                                 category="confidential")  # fmt: skip
    client = login(ambassador)
    url = reverse("proposal_create", args=[org.slug])
    page = client.get(url).content.decode()
    assert "Propose a post" in page and 'enctype="multipart/form-data"' in page
    answer = client.post(url, {"kind": "post", "text": "", "link": "nope"})
    html = answer.content.decode()
    assert "Write the text of your post." in html and "Enter a full web address" in html
    answer = client.post(
        url,
        {"kind": "post", "text": "Soon: project nightingale brings heat pumps", "image": png(),
         "image_alt": "A heat pump"},
        follow=True,
    )  # fmt: skip
    html = answer.content.decode()
    assert answer.redirect_chain[-1][0] == reverse("proposal_list", args=[org.slug])
    assert "is waiting for the programme team&#x27;s review." in html
    assert "A second look may help: your text mentions “Project Nightingale”." in html
    assert "waiting for review" in html
    assert Post.objects.get().variants.get().image


def test_my_proposals_show_the_status_and_the_decline_reason(org, ambassador, leader, login):
    empty = login(ambassador).get(reverse("proposal_list", args=[org.slug])).content.decode()
    assert "No proposals yet" in empty
    mine = proposal_create(membership=ambassador, kind=PostKind.POST, text="Pump news")
    proposal_create(membership=leader, kind=PostKind.POST, text="Someone else's")
    review_decline(post=mine, by=None, reason="We shared this last week already.")
    html = login(ambassador).get(reverse("proposal_list", args=[org.slug])).content.decode()
    assert "Pump news" in html and "Someone else" not in html
    assert "declined" in html and "We shared this last week already." in html


def test_the_menu_offers_proposing_to_everyone(org, ambassador, manager, login):
    for member in (ambassador, manager):
        html = login(member).get(reverse("org_home", args=[org.slug])).content.decode()
        assert reverse("proposal_create", args=[org.slug]) in html
        assert reverse("proposal_list", args=[org.slug]) in html
    ambassador_home = login(ambassador).get(reverse("org_home", args=[org.slug])).content.decode()
    assert reverse("review_queue", args=[org.slug]) not in ambassador_home
