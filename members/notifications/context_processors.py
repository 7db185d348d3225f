from django.utils.functional import SimpleLazyObject

from members.notifications.selectors import unread_count


class _Unread:
    def __init__(self, user):
        self.user = user

    @property
    def count(self) -> int:
        return unread_count(self.user) if self.user.is_authenticated else 0


def unread(request):
    """The header's unread count, counted only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: _Unread(user))}
