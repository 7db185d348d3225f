from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "members.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Each app registers its event kinds and followables in its notices.py.
        autodiscover_modules("notices")
        from bid.events import event_published
        from members.notifications.services import event_received

        event_published.connect(event_received, dispatch_uid="notifications.event")
