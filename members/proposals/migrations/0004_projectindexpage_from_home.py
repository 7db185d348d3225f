"""The project list page, moved from home (home 0010 renamed the table and
relabelled the content type); this only takes the model into the app's state."""

import django.db.models.deletion
import wagtail.contrib.routable_page.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0010_member_pages_to_their_apps"),
        ("proposals", "0003_proposal_decision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProjectIndexPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "intro",
                            models.TextField(blank=True, verbose_name="introduction"),
                        ),
                    ],
                    options={
                        "verbose_name": "project list",
                    },
                    bases=(
                        wagtail.contrib.routable_page.models.RoutablePageMixin,
                        "wagtailcore.page",
                    ),
                ),
            ],
        ),
    ]
