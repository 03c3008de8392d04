import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "multiplier.settings")
application = get_wsgi_application()

# Tracked links (/r/<code>) are answered before Django's request stack; see tracking/redirector.py.
from multiplier.tracking.redirector import RedirectorMiddleware  # noqa: E402

application = RedirectorMiddleware(application)
