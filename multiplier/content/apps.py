from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    """Ready-made posts and their variants, the content rhythm, feeds and employees' own posts."""

    name = "multiplier.content"
    label = "content"
    verbose_name = _("Content")

    def ready(self) -> None:
        from . import facts, signals  # noqa: F401  (signals: settings for new organisations)

        facts.register()
        # --- sources: the review queue on the programme team's home page ---
        from . import review_home

        review_home.register()
