from django import template

from members.meetings.pages import MeetingIndexPage
from members.meetings.selectors import decisions_visible_to

register = template.Library()


@register.simple_tag(takes_context=True)
def decision_url(context, decision):
    """The decision's permalink, when the reader may see it (published minutes
    of a meeting in their audience); otherwise empty."""
    if decision is None:
        return ""
    request = context.get("request")
    user = getattr(request, "user", None)
    if (
        user is None
        or not decisions_visible_to(user=user).filter(pk=decision.pk).exists()
    ):
        return ""
    index = MeetingIndexPage.for_active_locale()
    return index.decision_url(decision) if index else ""
