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

        # rhythm and calendar: the empty-cycle warning on managers' home; audit-log labels
        from .rhythm_hooks import register as register_rhythm_hooks

        register_rhythm_hooks()
        # --- sources: the review queue on the programme team's home page ---
        from . import (
            campaign_posts,  # noqa: F401  (the campaign page's "Posts" section)
            review_home,
            tasks_link_cards,  # noqa: F401  (registers the periodic resume of link cards)
        )

        review_home.register()
