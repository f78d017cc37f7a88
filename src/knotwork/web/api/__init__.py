"""The JSON API (django-ninja) under /api/v1/: the finder and the knowledge base, as data."""
