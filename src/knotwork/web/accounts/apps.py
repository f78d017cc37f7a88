"""The accounts app: its templates dress allauth's pages; its ready() stamps each sign-in."""

from typing import Any

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "knotwork.web.accounts"
    label = "knotwork_accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from knotwork.web.accounts.limits import stamp_sign_in

        def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
            stamp_sign_in(request)

        user_logged_in.connect(on_login, dispatch_uid="knotwork-stamp-sign-in", weak=False)
