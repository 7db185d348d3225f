"""The follows and delivery choices a reader would have made by hand
(follows.toml), made through the notification services."""

from django.contrib.auth import get_user_model

from bid import demo
from members.accounts import demo as people
from members.notifications import registry, selectors, services
from members.notifications.models import Preference


def load() -> None:
    """Each follow and preference once; people missing from the data are skipped."""
    spec = demo.data(__file__, "follows")
    users = {
        user.email: user
        for user in get_user_model().objects.filter(email__endswith=f"@{people.DOMAIN}")
    }
    for follow in spec["follows"]:
        user = users.get(people.email(follow["person"]))
        followable = registry.followable(follow["kind"])
        if user is None or followable is None:
            continue
        subjects = followable.model.objects.filter(**follow["filter"]).exclude(
            **follow.get("exclude", {})
        )
        for subject in subjects[: follow.get("count", 1)]:
            if not selectors.is_following(user, subject):
                services.follow_toggle(user=user, subject=subject)
    for preference in spec["preferences"]:
        user = users.get(people.email(preference["person"]))
        if user is None:
            continue
        if not Preference.objects.filter(
            user=user, category=preference["category"]
        ).exists():
            services.preferences_save(
                user=user, choices={preference["category"]: preference["delivery"]}
            )
