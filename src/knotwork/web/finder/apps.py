import functools

from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "knotwork.web.finder"
    label = "finder"

    def ready(self) -> None:
        # core's sentences (reasons, region labels, map captions) go through Django's
        # translation catalogue like the templates' own, in the language active for the
        # request (LocaleMiddleware). Each message is looked up once per language: Django's
        # gettext costs microseconds on a hot path.
        from django.utils.translation import get_language, gettext

        from knotwork.core.i18n import set_translator

        @functools.lru_cache(maxsize=8192)
        def lookup(language: str | None, message: str) -> str:
            return gettext(message)

        set_translator(
            lambda message: lookup(get_language(), message),
            language=lambda: get_language() or "",
        )
