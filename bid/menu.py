"""Admin menu items shown only to whoever holds a permission: every app's
menu entries (registers, overviews, exports) are of this one kind."""

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A Wagtail admin menu item shown to holders of `permission` ("app.codename")."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
