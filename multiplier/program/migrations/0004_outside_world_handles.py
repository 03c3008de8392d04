"""Entity.handles becomes {network: handle} (JSON) instead of free text, so that each handle is
validated for its network and shown as a link.

Removed and added rather than altered: nothing has written the text column yet (the outside world
pages arrive with this migration), and PostgreSQL cannot cast an empty text to JSON."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("program", "0003_policy_source"),
    ]

    operations = [
        migrations.RemoveField(model_name="entity", name="handles"),
        migrations.AddField(
            model_name="entity",
            name="handles",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="handles on social networks"
            ),
        ),
    ]
