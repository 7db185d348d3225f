from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # Each module registers what it indexes in its search_documents.py.
        autodiscover_modules("search_documents")
        from search import indexing

        indexing.connect()
