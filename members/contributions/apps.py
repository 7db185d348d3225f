from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "members.contributions"
    label = "contributions"
    verbose_name = _("Contributions")
