from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "members.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        # Each app registers its portal panels in its panels.py.
        autodiscover_modules("panels")
