"""The join page and the member directory, moved from home (home 0010 renamed
the tables and relabelled the content types); this only takes the models into
the app's state."""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0010_member_pages_to_their_apps"),
        ("enrolment", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="JoinPage",
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
                        (
                            "body",
                            wagtail.fields.StreamField(
                                [
                                    ("heading", 2),
                                    ("paragraph", 3),
                                    ("image", 7),
                                    ("quote", 10),
                                    ("call_to_action", 15),
                                ],
                                blank=True,
                                block_lookup={
                                    0: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Heading", "max_length": 120},
                                    ),
                                    1: (
                                        "wagtail.blocks.ChoiceBlock",
                                        [],
                                        {
                                            "choices": [
                                                ("h2", "Heading 2"),
                                                ("h3", "Heading 3"),
                                            ],
                                            "label": "Level",
                                        },
                                    ),
                                    2: (
                                        "wagtail.blocks.StructBlock",
                                        [[("text", 0), ("level", 1)]],
                                        {},
                                    ),
                                    3: (
                                        "wagtail.blocks.RichTextBlock",
                                        (),
                                        {
                                            "features": [
                                                "bold",
                                                "italic",
                                                "link",
                                                "document-link",
                                                "ol",
                                                "ul",
                                                "h3",
                                            ],
                                            "label": "Paragraph",
                                            "template": "home/blocks/paragraph_block.html",
                                        },
                                    ),
                                    4: (
                                        "wagtail.images.blocks.ImageChooserBlock",
                                        (),
                                        {"label": "Image"},
                                    ),
                                    5: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "help_text": "Describe the image for people who cannot see it; leave empty if it is decorative.",
                                            "label": "Alternative text",
                                            "max_length": 250,
                                            "required": False,
                                        },
                                    ),
                                    6: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "label": "Caption",
                                            "max_length": 250,
                                            "required": False,
                                        },
                                    ),
                                    7: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("image", 4),
                                                ("alt_text", 5),
                                                ("caption", 6),
                                            ]
                                        ],
                                        {},
                                    ),
                                    8: (
                                        "wagtail.blocks.TextBlock",
                                        (),
                                        {"label": "Quote"},
                                    ),
                                    9: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "label": "Attribution",
                                            "max_length": 120,
                                            "required": False,
                                        },
                                    ),
                                    10: (
                                        "wagtail.blocks.StructBlock",
                                        [[("text", 8), ("attribution", 9)]],
                                        {},
                                    ),
                                    11: (
                                        "wagtail.blocks.TextBlock",
                                        (),
                                        {"label": "Text", "required": False},
                                    ),
                                    12: (
                                        "wagtail.blocks.PageChooserBlock",
                                        (),
                                        {"label": "Page", "required": False},
                                    ),
                                    13: (
                                        "wagtail.blocks.URLBlock",
                                        (),
                                        {"label": "Or an address", "required": False},
                                    ),
                                    14: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {"label": "Link text", "max_length": 60},
                                    ),
                                    15: (
                                        "wagtail.blocks.StructBlock",
                                        [
                                            [
                                                ("heading", 0),
                                                ("text", 11),
                                                ("link_page", 12),
                                                ("link_url", 13),
                                                ("link_text", 14),
                                            ]
                                        ],
                                        {},
                                    ),
                                },
                                verbose_name="body",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "join page",
                    },
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="MemberDirectoryPage",
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
                        "verbose_name": "member directory",
                    },
                    bases=("wagtailcore.page",),
                ),
            ],
        ),
    ]
