from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    """Tracked links, the redirector, the bot filter, the click store and its roll-ups."""

    name = "multiplier.tracking"
    label = "tracking"
    verbose_name = _("Tracking")
