"""The portal's agreements section (see `members.organisations.sections`),
for the people of an organisation party to an agreement."""

from django.utils.translation import gettext_lazy as _

from members.agreements.selectors import may_see_section
from members.organisations.sections import Section, register_section

register_section(
    Section(
        name="agreements",
        order=70,
        label=_("Agreements"),
        url_name="agreements",
        url_names=frozenset({"agreement_detail"}),
        shown=may_see_section,
    )
)
