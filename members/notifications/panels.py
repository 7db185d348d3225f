"""The portal section of notifications (see `members.organisations.sections`)."""

from django.utils.translation import gettext_lazy as _

from members.organisations.sections import Section, register_section

register_section(
    Section(
        name="notifications",
        order=60,
        label=_("Notifications"),
        url_name="notifications",
        url_names=frozenset({"notification_settings"}),
    )
)
