from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "members.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from members.meetings import signals  # noqa: F401 - connects the handlers
