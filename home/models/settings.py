"""The district's site-wide settings: who runs it and how to reach them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class DistrictSettings(BaseSiteSetting):
    """Who runs the district and how to reach them; shown in every page's footer."""

    class Currency(models.TextChoices):
        SEK = "SEK", _("Swedish krona (SEK)")
        DKK = "DKK", _("Danish krone (DKK)")
        NOK = "NOK", _("Norwegian krone (NOK)")

    organisation_name = models.CharField(_("organisation name"), max_length=200)
    organisation_number = models.CharField(
        _("organisation number"), max_length=20, blank=True
    )
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.SEK
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("organisation_number")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
            ],
            heading=_("Contact details"),
        ),
        FieldPanel("currency"),
    ]

    class Meta:
        verbose_name = _("district settings")

    def __str__(self):
        return self.organisation_name
