"""The web face of Knotwork (Django): the finder, the library, session plans and the JSON API."""
