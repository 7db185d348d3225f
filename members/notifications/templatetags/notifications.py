from django import template

from members.notifications import followables, selectors

register = template.Library()


@register.inclusion_tag("notifications/includes/follow.html", takes_context=True)
def follow_button(context, subject):
    """Follow / stop following, for a signed-in person who may see it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or subject is None:
        return {"show": False}
    kind = followables.kind_of(subject)
    if kind is None:
        return {"show": False}
    return {
        "show": True,
        "kind": kind,
        "pk": subject.pk,
        "following": selectors.is_following(user, subject, cached=True),
        "next": request.get_full_path(),
        "label": str(subject),
        "csrf_token": context.get("csrf_token"),
    }
