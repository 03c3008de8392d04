"""Organisations created before the programme existed get its defaults too (new ones get them
from the post_save signal). Uses the historical models and the plain data in program/defaults.py."""

from django.db import migrations


def forwards(apps, schema_editor):
    from multiplier.program.defaults import GUARDRAILS, LEVELS

    Organization = apps.get_model("core", "Organization")
    Level = apps.get_model("program", "Level")
    GuardrailTerm = apps.get_model("program", "GuardrailTerm")
    ProgrammeSettings = apps.get_model("program", "ProgrammeSettings")
    for org in Organization.objects.all():
        ProgrammeSettings.objects.get_or_create(organization=org)
        language = org.language if org.language in ("en", "nl") else "en"
        if not Level.objects.filter(organization=org).exists():
            for position, level in enumerate(LEVELS):
                Level.objects.create(
                    organization=org,
                    key=level["key"],
                    name=level["name"][language],
                    description=level["description"][language],
                    behaviour=level["behaviour"][language],
                    position=position,
                    min_shares=level["min_shares"],
                    min_personalised_shares=level["min_personalised_shares"],
                    min_own_posts=level["min_own_posts"],
                    min_expert_themes=level["min_expert_themes"],
                )
        if not GuardrailTerm.objects.filter(organization=org).exists():
            for term_language, terms in GUARDRAILS.items():
                for term, category, advice in terms:
                    GuardrailTerm.objects.create(
                        organization=org,
                        language=term_language,
                        term=term,
                        category=category,
                        advice=advice,
                    )


class Migration(migrations.Migration):
    dependencies = [("program", "0001_initial"), ("core", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
