"""Our pages' templates: each compiles, and each request gets its own language's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

import knotwork.web

TEMPLATES = Path(knotwork.web.__file__).parent / "templates"


@pytest.mark.parametrize(
    "name", sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html"))
)
def test_every_template_compiles(name: str) -> None:
    # Jinja2 reports a syntax error only when a template is first loaded: load them all
    engines["jinja2"].get_template(name)


def test_the_words_of_a_page_follow_the_request_language() -> None:
    page = engines["jinja2"].from_string(
        "{{ _('Yes') }} | {{ ngettext('%(num)d year', '%(num)d years', 2) }}"
    )
    request = RequestFactory().get("/")
    # Django's own catalogues have these words in German; ours are English only so far
    with translation.override("de"):
        german = page.render({}, request)
    with translation.override("en"):
        english = page.render({}, request)
    with translation.override("de"):
        again = page.render({}, request)
    assert english == "Yes | 2 years"
    assert german == again
    assert german.startswith("Ja | ")
