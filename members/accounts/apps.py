from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "members.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth import get_user_model

        from members.accounts.receivers import connect

        connect(get_user_model())
        # Each app's personal_data.py registers its part of a person's download
        # and what it does before an account is deleted.
        autodiscover_modules("personal_data")
