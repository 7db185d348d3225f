"""The person's language is one setting: the portal's emails and the Wagtail
admin follow it, whether it is changed in the portal or by an administrator.
An authenticator app activated in a session is that session's second factor."""

from allauth.mfa.signals import authenticator_added
from django.db.models.signals import post_save
from wagtail.users.models import UserProfile

from members.accounts.two_factor import totp_activated


def admin_language_follows(sender, instance, raw=False, **kwargs):
    if raw or not instance.language:
        return
    profile = UserProfile.get_for_user(instance)
    if profile.preferred_language != instance.language:
        profile.preferred_language = instance.language
        profile.save(update_fields=["preferred_language"])


def connect(user_model):
    post_save.connect(
        admin_language_follows,
        sender=user_model,
        dispatch_uid="accounts.admin_language_follows",
    )
    authenticator_added.connect(
        totp_activated, dispatch_uid="accounts.staff_totp_activated"
    )
