"""The portal's audit section (see `members.organisations.sections`), for
auditors with access to some years."""

from django.utils.translation import gettext_lazy as _

from members.auditing.selectors import shows_audit
from members.organisations.sections import Section, register_section

register_section(
    Section(
        name="audit",
        order=90,
        label=_("Audit"),
        url_name="audit",
        url_names=frozenset(
            {
                "audit_year",
                "audit_agreements",
                "audit_agreement",
                "audit_decisions",
                "audit_ledger",
            }
        ),
        shown=shows_audit,
    )
)
