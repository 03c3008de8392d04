"""Content pages, all under /o/<org_slug>/content/ (see multiplier/urls.py).

URL kwargs for objects are `<type>_id`: post_id, variant_id, source_id, item_id
(tests/test_isolation.py makes foreign ones)."""

org_urlpatterns: list = []
