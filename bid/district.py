"""The district's name where no page shows it: the subject and greeting of the
sign-in emails. home registers where the name is kept (DISTRICT_NAME_HOOK)."""

from django.conf import settings
from wagtail import hooks

from bid.hooks import DISTRICT_NAME_HOOK


def district_name(request=None) -> str:
    """The name the district gives itself, else the platform's (SITE_NAME)."""
    for hook in hooks.get_hooks(DISTRICT_NAME_HOOK):
        if name := hook(request):
            return name
    return settings.WAGTAIL_SITE_NAME
