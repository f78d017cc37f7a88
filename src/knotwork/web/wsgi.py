"""WSGI entry point for gunicorn (``knotwork serve`` starts it for you)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotwork.web.settings")
application = get_wsgi_application()


def warm_up() -> None:
    """Load the knowledge base and build every index before the first request.

    With gunicorn's preload the workers fork after this and share the result, so no
    visitor waits a second for the first answer.
    """
    from knotwork.core.bodymap import load_geometry
    from knotwork.core.finder import finder_index
    from knotwork.core.resolve import resolver_for
    from knotwork.web.kb import get_kb

    kb = get_kb()
    finder_index(kb)
    resolver_for(kb)
    load_geometry()


warm_up()
