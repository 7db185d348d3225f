"""The member portal's sections: the persistent navigation every portal page
shows, each section registered by the app that owns it (in its `panels.py`).

A section is shown to the people its `shown` predicate admits and is current
on every page whose URL name (in the `portal` namespace) it lists.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bid.access import organisations_of
from bid.registry import add_once


def _everyone(user) -> bool:
    return True


def acts_for_organisation(user) -> bool:
    """A section (or shortcut) for the people of some organisation: what it
    offers is done for one of them."""
    return bool(organisations_of(user))


@dataclass(frozen=True, kw_only=True)
class Section:
    name: str
    order: int
    label: str
    url_name: str
    url_names: frozenset[str] = frozenset()
    shown: Callable[..., bool] = _everyone


@dataclass(frozen=True)
class SectionLink:
    label: str
    url: str
    current: bool


_sections: dict[str, Section] = {}


def register_section(section: Section) -> Section:
    return add_once(_sections, section.name, section, what="The portal section")


def sections_for(request: HttpRequest) -> list[SectionLink]:
    """The sections this person may open, in their order, the current one
    marked."""
    match = request.resolver_match
    current = match.url_name if match and match.namespace == "portal" else None
    return [
        SectionLink(
            label=section.label,
            url=reverse(f"portal:{section.url_name}"),
            current=current == section.url_name or current in section.url_names,
        )
        for section in sorted(_sections.values(), key=lambda s: s.order)
        if section.shown(request.user)
    ]


register_section(
    Section(
        name="dashboard",
        order=10,
        label=_("Overview"),
        url_name="dashboard",
        url_names=frozenset(
            {
                "organisation",
                "organisation_edit",
                "organisation_create",
                "property_add",
                "property_edit",
                "property_delete",
                "invite",
                "member_role",
                "member_remove",
                "invitation_revoke",
                "invitation",
                "enrolment",
                "enrolment_send",
                "agreement_notice",
            }
        ),
    )
)
