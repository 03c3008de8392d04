from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    """The ambassador feed, the share flow (variants, intents, time slots), and impact pages."""

    name = "multiplier.sharing"
    label = "sharing"
    verbose_name = _("Sharing")

    def ready(self) -> None:
        # signals: the feed's cache version moves with every change to posts and shares;
        # facts: shares for the programme's goal metrics; the feed on the ambassador's home.
        from . import facts, feed_home, signals  # noqa: F401

        facts.register()
        feed_home.register()

        from multiplier.content.post_links import register_post_link

        register_post_link(_("Shares and clicks"), "post_impact")
