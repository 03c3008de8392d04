from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo organisation. It sits on top of every other app (it fills them all with data)."""

    name = "multiplier.demo"
    label = "demo"
