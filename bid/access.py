"""Who may see and do what: the one vocabulary of visibility, the audience a
person belongs to, and the role rules every view, search, event, feed, API and
export asks.

The bottom layer cannot read memberships (they belong to the member apps), so
the enrolment app registers a resolver from its AppConfig: for people, the
organisations they act for and which of those are members today.
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponseRedirect

PUBLIC, MEMBERS, BOARD, ORGANISATION = "public", "members", "board", "organisation"
VISIBILITIES = (PUBLIC, MEMBERS, BOARD, ORGANISATION)

BOARD_GROUP, SECRETARIAT_GROUP = "Board", "Secretariat"

# The role rules, by name: each is a Django permission the board, the
# secretariat (or both) hold through their groups; an active administrator
# holds them all, a deactivated account none.
RULES = {
    "access_admin": "wagtailadmin.access_admin",
    "audit": "auditing.audit",
    "consolidate_week": "areas.consolidate_week",
    "decide_proposal": "proposals.decide_proposal",
    "manage_actions": "areas.manage_actions",
    "record_meeting": "meetings.record_meeting",
    "review_enrolment": "enrolment.review_enrolment",
    "view_meeting": "meetings.view_meeting",
}
# Who sees what is meant for the board: board meetings, organisations' events.
STAFF_RULE = "view_meeting"
# Staff who count as members: reviewers of proposals and admin users.
MEMBER_RULES = ("decide_proposal", "access_admin")

# user ids -> {user id: (ids of organisations acted for, ids of those that are
# members today)}; people acting for none may be left out.
MembershipResolver = Callable[
    [Collection[int]], Mapping[int, tuple[frozenset[int], frozenset[int]]]
]
_resolvers: list[MembershipResolver] = []
NO_ORGANISATIONS = (frozenset(), frozenset())


@dataclass(frozen=True)
class Audience:
    """Who is looking: the visibility levels they may read, and the
    organisations whose own records they may read."""

    levels: frozenset = frozenset({PUBLIC})
    organisations: frozenset = frozenset()

    @classmethod
    def public(cls) -> "Audience":
        return cls()


# What a refused person may do next (see `Refusal` and bid.errors).
SIGN_IN, REGISTER, AWAIT_APPROVAL, ASK_ADMIN, OTHER_ACCOUNT = (
    "sign_in",
    "register",
    "await_approval",
    "ask_admin",
    "other_account",
)


class Refusal(PermissionDenied):
    """A refusal whose reason (translated, for the person refused) is shown on
    the 403 page, with `advice` when the next step is not the one their
    account's state suggests (`advice_for`)."""

    def __init__(self, reason, *, advice: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.advice = advice


def require_permission(user, permission: str, reason) -> None:
    """Refuse, with `reason`, someone who lacks the Django permission: what a
    service checks before it writes."""
    if user is None or not user.has_perm(permission):
        raise Refusal(reason)


def advice_for(user) -> str:
    """The next step of someone refused: sign in, register an organisation,
    wait for its membership to be approved, or use another account."""
    if user is None or not user.is_authenticated:
        return SIGN_IN
    if is_member(user) or is_staff(user):
        return OTHER_ACCOUNT
    if not organisations_of(user):
        return REGISTER
    return AWAIT_APPROVAL


def hidden(request, *, visibility: str | None) -> HttpResponseRedirect:
    """The answer for a record this person may not see, from the record's
    visibility (None when there is no such record). A visitor who is not
    signed in is sent to sign in for a members' record, and back to it
    afterwards; everyone else gets a 404, so board and organisation records
    never reveal that they exist. Raises Http404 or returns the redirect."""
    if visibility == MEMBERS and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


def register_membership(resolver: MembershipResolver) -> None:
    """Called from the AppConfig of the app that knows memberships; a second
    call replaces the first."""
    _resolvers[:] = [resolver]


def may(user, rule: str) -> bool:
    """Whether this person holds the named rule of `RULES`."""
    permission = RULES[rule]
    if user is None or not user.is_authenticated:
        return False
    _load_permissions(user)
    return user.has_perm(permission)


def is_staff(user) -> bool:
    """The board, the secretariat and administrators: they see all but the
    organisations' drafts."""
    return may(user, STAFF_RULE)


def is_member(user) -> bool:
    """Someone acting for an organisation that is a member today, or staff
    who review proposals or use the admin."""
    if user is None or not user.is_authenticated:
        return False
    if any(may(user, rule) for rule in MEMBER_RULES):
        return True
    return bool(_membership(user)[1])


def is_board(user) -> bool:
    return user.is_superuser or BOARD_GROUP in _group_names(user)


def is_secretariat(user) -> bool:
    return user.is_superuser or SECRETARIAT_GROUP in _group_names(user)


def organisations_of(user) -> frozenset[int]:
    """The ids of the organisations this person acts for."""
    if user is None or not user.is_authenticated:
        return frozenset()
    return _membership(user)[0]


def audience_for(user) -> Audience:
    """Anonymous: public. A person of a member organisation: public and
    members, and their organisations' own records. Board, secretariat and
    administrators: public, members and board (drafts stay with their
    organisation, as in the portal)."""
    if user is None or not user.is_authenticated:
        return Audience.public()
    rules = {rule for rule in (STAFF_RULE, *MEMBER_RULES) if may(user, rule)}
    return _audience(rules, _membership(user))


def audiences_for(users) -> dict[int, Audience]:
    """The audience of each of many signed-up people, in two queries however
    many they are: one for their roles, one for their organisations."""
    users = list(users)
    if not users:
        return {}
    ids = [user.pk for user in users]
    rules = _rules_held(ids, (STAFF_RULE, *MEMBER_RULES))
    memberships = _resolve(ids)
    return {
        pk: _audience(rules.get(pk, set()), memberships.get(pk, NO_ORGANISATIONS))
        for pk in ids
    }


def _audience(rules: set[str], membership: tuple) -> Audience:
    organisations, members = membership
    levels = {PUBLIC}
    if members or rules.intersection(MEMBER_RULES):
        levels.add(MEMBERS)
    if STAFF_RULE in rules:
        levels.update({MEMBERS, BOARD})
    return Audience(levels=frozenset(levels), organisations=frozenset(organisations))


def _membership(user) -> tuple[frozenset[int], frozenset[int]]:
    """Asked once per user object (one request), like its groups."""
    cached = user.__dict__.get("_access_membership")
    if cached is None:
        cached = _resolve([user.pk]).get(user.pk, NO_ORGANISATIONS)
        user.__dict__["_access_membership"] = cached
    return cached


def _resolve(user_ids) -> Mapping[int, tuple[frozenset[int], frozenset[int]]]:
    if not _resolvers:
        return {}
    return _resolvers[0](user_ids)


def _load_permissions(user) -> None:
    """Fill the cache `ModelBackend` keeps on the user object with one query
    (its own takes two: the person's permissions, then their groups').
    Superusers and deactivated accounts never reach the cache."""
    if hasattr(user, "_perm_cache") or not user.is_active or user.is_superuser:
        return
    permission_model = apps.get_model("auth", "Permission")
    rows = (
        permission_model.objects.filter(Q(user=user) | Q(group__user=user))
        .values_list("content_type__app_label", "codename")
        .distinct()
    )
    user._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}


def _group_names(user) -> set[str]:
    cached = user.__dict__.get("_group_names")
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user.__dict__["_group_names"] = cached
    return cached


def _rules_held(user_ids, rules) -> dict[int, set[str]]:
    """Which of the rules each person holds, in one query: Django's own test
    (`ModelBackend.has_perm`), by their own permissions or their groups'."""
    permission_model = apps.get_model("auth", "Permission")
    held_by_person = Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk"))
    annotations = {}
    for index, rule in enumerate(rules):
        app_label, codename = RULES[rule].split(".", 1)
        annotations[f"rule_{index}"] = Exists(
            permission_model.objects.filter(
                held_by_person, content_type__app_label=app_label, codename=codename
            )
        )
    rows = (
        get_user_model()
        .objects.filter(pk__in=user_ids)
        .annotate(**annotations)
        .values_list("pk", "is_active", "is_superuser", *annotations)
    )
    return {
        pk: {
            rule
            for rule, holds in zip(rules, flags, strict=True)
            if active and (superuser or holds)
        }
        for pk, active, superuser, *flags in rows
    }
