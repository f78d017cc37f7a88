import functools

from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "knotwork.web.finder"
    label = "finder"

    def ready(self) -> None:
        # core's sentences (reasons, region labels, map captions) go through Django's
        # translation catalogue like the templates' own. The interface language is fixed
        # per process (KNOTWORK_LANGUAGE; no per-request switching), so each message is
        # looked up once: Django's gettext costs microseconds on a hot path.
        from django.utils.translation import gettext

        from knotwork.core.i18n import set_translator

        set_translator(functools.lru_cache(maxsize=4096)(gettext))
