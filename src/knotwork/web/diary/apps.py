"""The diary app: a person's own pain diary, sessions and questionnaires."""

from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "knotwork.web.diary"
    label = "diary"
    default_auto_field = "django.db.models.BigAutoField"
