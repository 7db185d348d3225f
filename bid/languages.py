"""The site's languages, all read from settings.LANGUAGES (Wagtail's content and
admin languages are the same list): LANGUAGE_CODE is the one content is written
in first and translated from."""

from django.conf import settings


def codes() -> tuple[str, ...]:
    """Every language code, in the order of settings.LANGUAGES."""
    return tuple(code for code, _name in settings.LANGUAGES)


def default() -> str:
    return settings.LANGUAGE_CODE


def translations() -> tuple[str, ...]:
    """The languages other than the default: those content is translated into."""
    return tuple(code for code in codes() if code != settings.LANGUAGE_CODE)
