"""Organisations and properties in the admin (registered in the Members menu)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from members.organisations.models import Organisation, Property
from members.organisations.services import (
    ORGANISATION_FIELDS,
    PROPERTY_FIELDS,
    property_transfer,
)


class PropertyEditView(EditView):
    """Changing the owner here is a transfer: the ownership history records it."""

    def save_instance(self):
        new_owner = self.form.cleaned_data["owner"]
        old_owner_id = Property.objects.values_list("owner_id", flat=True).get(
            pk=self.form.instance.pk
        )
        with transaction.atomic():
            self.form.instance.owner_id = old_owner_id
            instance = super().save_instance()
            if new_owner.pk != old_owner_id:
                property_transfer(
                    prop=instance,
                    to=new_owner,
                    on=timezone.localdate(),
                    by=self.request.user,
                )
        return instance


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    name = "organisations"
    icon = "group"
    menu_label = _("Organisations")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["legal_name", "org_number", "type", "country", "city"]
    list_filter = ["type", "country", "listed_publicly", "managed_by_secretariat"]
    search_fields = ["legal_name", "org_number", "city"]
    # The member's own fields, except who may pay by card (the organisation's
    # choice), and whether the secretariat looks after the organisation.
    form_fields = [
        *(name for name in ORGANISATION_FIELDS if name != "contacts_may_pay"),
        "managed_by_secretariat",
    ]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "website":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, **kwargs)


class PropertyViewSet(ModelViewSet):
    model = Property
    name = "properties"
    icon = "home"
    menu_label = _("Properties")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "designation",
        "owner",
        "area",
        "gross_floor_area_m2",
        "use_category",
    ]
    list_filter = ["use_category", "area"]
    search_fields = ["designation", "street_address"]
    edit_view_class = PropertyEditView
    # The owner (a change is a transfer, above) and what the owner may set.
    form_fields = ["owner", *PROPERTY_FIELDS]
