"""Where images are kept (MEDIA_STORAGE) and how the app serves them (SERVE_MEDIA): only files
inside MEDIA_ROOT, nosniff, images inline and anything else as a download."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from multiplier import settings as project_settings
from multiplier.content.services.variants import variant_create

from .helpers import make_post, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_local_storage_is_the_default():
    assert project_settings.MEDIA_STORAGE == "local"
    assert project_settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    assert project_settings.SERVE_MEDIA is True


def test_s3_storage_is_configured_from_the_environment():
    config = project_settings.media_storage(
        "s3",
        {"S3_BUCKET": "posts", "S3_ENDPOINT_URL": "https://s3.example", "S3_REGION": "eu-1",
         "S3_ACCESS_KEY_ID": "key", "S3_SECRET_ACCESS_KEY": "secret"},
    )  # fmt: skip
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    options = config["OPTIONS"]
    assert options["bucket_name"] == "posts" and options["endpoint_url"] == "https://s3.example"
    assert options["access_key"] == "key" and options["secret_key"] == "secret"
    assert options["querystring_auth"] is False and "custom_domain" not in options
    with pytest.raises(ValueError, match="MEDIA_STORAGE"):
        project_settings.media_storage("ftp", {})


def test_an_uploaded_image_is_served_with_safe_headers(org, manager, media, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    post = make_post(manager)
    variant = variant_create(
        post=post, by=manager, text="Hi", image_alt="A photo",
        image=SimpleUploadedFile("p.png", png_bytes(), "image/png"),
    )  # fmt: skip
    assert variant.image.url == f"/media/{variant.image.name}"
    response = client.get(variant.image.url)  # no login: networks fetch it for their previews
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert b"".join(response.streaming_content) == png_bytes()


def test_other_files_are_downloads_and_paths_stay_inside(media, client):
    default_storage.save("org-1/note.html", __import__("io").BytesIO(b"<script>alert(1)</script>"))
    response = client.get("/media/org-1/note.html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    (media.parent / "secret.txt").write_text("secret")
    assert client.get("/media/../secret.txt").status_code == 404
    assert client.get("/media/%2e%2e/secret.txt").status_code == 404
    assert client.get("/media/missing.png").status_code == 404
    assert client.post("/media/org-1/note.html").status_code == 405
