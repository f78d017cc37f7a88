"""WSGI entry point for gunicorn (``knotwork serve`` starts it for you)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotwork.web.settings")
application = get_wsgi_application()
