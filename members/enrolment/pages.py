"""Public pages about membership: how to join, and the member directory."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from bid.blocks import BodyBlock
from bid.pages import SectionPage
from members.enrolment.selectors import current_terms, members_listed_publicly
from members.organisations.models import Organisation


class JoinPage(SectionPage):
    """Explains membership and the terms in force, and leads to the application."""

    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*SectionPage.content_panels, FieldPanel("body")]
    cache_tags = ("enrolment.membershipterms",)  # for bid/cache.py

    class Meta:
        verbose_name = _("join page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["terms"] = current_terms(locale=self.locale)
        return context


class MemberDirectoryPage(SectionPage):
    """The members that chose to be listed publicly, filterable by type."""

    cache_tags = ("organisations.organisation", "enrolment.membership")

    class Meta:
        verbose_name = _("member directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chosen = request.GET.get("type", "")
        if chosen not in Organisation.Type.values:
            chosen = ""
        context["organisations"] = members_listed_publicly(type=chosen or None)
        context["types"] = Organisation.Type.choices
        context["chosen_type"] = chosen
        return context
