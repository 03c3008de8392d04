import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "multiplier.settings")
application = get_wsgi_application()

# Tracked links (/r/<code>) are answered before Django's request stack; see tracking/redirector.py.
from multiplier.tracking.redirector import RedirectorMiddleware  # noqa: E402

application = RedirectorMiddleware(application)

# Everything loaded so far (Django, the apps, templates' code) lives as long as the process: move
# it out of the garbage collector's sight, so that full collections, which pause every request
# in this process, only walk what requests create. Measured on the redirector's tail latency.
gc.freeze()
