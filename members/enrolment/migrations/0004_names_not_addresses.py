"""Names stored with a step before people had names of their own were their
email addresses, shown on pages (the public ranking history among them). Each
becomes the person's name, or the address's local part when they have none,
as `User.display_name` gives today."""

from django.db import migrations

# (model, user link, stored name)
STORED = [("EnrolmentTransition", "by", "by_name")]


def names_not_addresses(apps, schema_editor):
    for model_name, link, field in STORED:
        model = apps.get_model("enrolment", model_name)
        rows = model.objects.filter(**{f"{field}__contains": "@"}).select_related(link)
        for row in rows:
            user = getattr(row, link)
            full = " ".join(
                part
                for part in (
                    getattr(user, "first_name", ""),
                    getattr(user, "last_name", ""),
                )
                if part
            )
            setattr(row, field, full or getattr(row, field).split("@")[0])
            row.save(update_fields=[field])


class Migration(migrations.Migration):
    dependencies = [("enrolment", "0003_pages_from_home")]

    operations = [
        migrations.RunPython(names_not_addresses, migrations.RunPython.noop),
    ]
