"""Organisations created before content existed get their rhythm's settings too (new ones get
them from the post_save signal): cycles start on the Monday of the organisation's first week."""

import zoneinfo
from datetime import timedelta

from django.db import migrations


def forwards(apps, schema_editor):
    Organization = apps.get_model("core", "Organization")
    ContentSettings = apps.get_model("content", "ContentSettings")
    for org in Organization.objects.all():
        created = org.created_at.astimezone(zoneinfo.ZoneInfo(org.time_zone)).date()
        ContentSettings.objects.get_or_create(
            organization=org,
            defaults={"cycle_anchor": created - timedelta(days=created.weekday())},
        )


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial"), ("core", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
