from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Public site")

    def ready(self):
        from bid import cache
        from home import datasets  # noqa: F401 - registers the plan's datasets

        # Every page shows the district settings in its footer.
        cache.connect(every_page=["home.DistrictSettings"])
        # Each member app declares its open datasets in its opendata.py.
        autodiscover_modules("opendata")
