"""The board and the secretariat review applications; the secretariat also keeps
organisations, properties, agreements and the membership terms up to date."""

from django.db import migrations

from members.accounts import roles

REVIEW = [
    "enrolment.view_enrolment",
    "enrolment.review_enrolment",
    "organisations.view_organisation",
    "organisations.view_property",
    "enrolment.view_agreement",
    "enrolment.view_membershipterms",
]
SECRETARIAT_ONLY = [
    "organisations.change_organisation",
    "organisations.change_property",
    "enrolment.change_agreement",
    "enrolment.add_membershipterms",
    "enrolment.change_membershipterms",
    "enrolment.delete_membershipterms",
]


def apply(apps, schema_editor):
    roles.ensure_permissions_exist(apps)
    roles.grant_model_permissions(apps, roles.BOARD, REVIEW)
    roles.grant_model_permissions(apps, roles.SECRETARIAT, REVIEW + SECRETARIAT_ONLY)


class Migration(migrations.Migration):
    dependencies = [
        ("enrolment", "0001_initial"),
        ("organisations", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
