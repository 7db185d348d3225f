from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "members.enrolment"
    label = "enrolment"
    verbose_name = _("Enrolment")

    def ready(self):
        from bid import access
        from members.enrolment.selectors import memberships_of

        access.register_membership(memberships_of)
