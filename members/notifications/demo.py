"""Who follows what in the demo district, and how they like to be told.

Events reach people as the other modules' demo steps run through their
services; this step adds the follows a reader would have chosen by hand."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale

from members.notifications.models import Delivery, Follow, Preference

DOMAIN = "hamnstaden.example"


def _follow(user, subject) -> None:
    if user is None or subject is None:
        return
    Follow.objects.get_or_create(
        user=user,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
    )


def load() -> None:
    from home.models import PriorityPage
    from members.areas.models import Area
    from members.meetings.models import Body
    from members.proposals.models import Proposal

    users = get_user_model().objects.filter(email__endswith=f"@{DOMAIN}")
    by_local = {user.email.split("@")[0]: user for user in users}
    karin, ali, polis = (by_local.get(n) for n in ("karin", "ali", "polis"))
    priority = PriorityPage.objects.filter(
        slug="trygghet-och-belysning", locale=Locale.get_default()
    ).first()
    _follow(karin, Area.objects.filter(slug="stationsomradet").first())
    _follow(karin, Body.objects.filter(slug="styrelsen").first())
    _follow(karin, priority)
    _follow(polis, Area.objects.filter(slug="torget").first())
    _follow(ali, Body.objects.filter(slug="operativa-gruppen").first())
    for proposal in Proposal.objects.filter(
        organisation__legal_name="Kajfastigheter AB"
    ).exclude(status=Proposal.Status.DRAFT)[:2]:
        _follow(ali, proposal)
    if karin is not None:
        Preference.objects.get_or_create(
            user=karin,
            category="contributions",
            defaults={"delivery": Delivery.IMMEDIATE},
        )
