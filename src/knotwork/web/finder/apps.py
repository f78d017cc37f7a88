from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "knotwork.web.finder"
    label = "finder"

    def ready(self) -> None:
        # core's sentences (reasons, region labels, map captions) go through Django's
        # translation catalogue like the templates' own
        from django.utils.translation import gettext

        from knotwork.core.i18n import set_translator

        set_translator(gettext)
