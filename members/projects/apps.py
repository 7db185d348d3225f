from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "members.projects"
    label = "projects"
    verbose_name = _("Project follow-up")

    def ready(self):
        from members.projects import receivers  # noqa: F401 - connects them
