"""Who a search is made for, from the signed-in person."""

from search.documents import BOARD, MEMBERS, PUBLIC, Audience


def audience_for(user) -> Audience:
    """Anonymous: public. A person of a member organisation: public and
    members, and their organisations' own drafts. Board, secretariat and
    administrators: public, members and board (drafts stay with their
    organisation, as in the portal)."""
    if user is None or not user.is_authenticated:
        return Audience.public()
    from members.organisations.selectors import organisations_for
    from members.proposals.selectors import is_member

    levels = {PUBLIC}
    if is_member(user):
        levels.add(MEMBERS)
    if user.is_superuser or user.has_perm("meetings.view_meeting"):
        levels.update({MEMBERS, BOARD})
    organisations = frozenset(organisations_for(user=user).values_list("pk", flat=True))
    return Audience(levels=frozenset(levels), organisations=organisations)
