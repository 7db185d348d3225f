"""What every app's demo loader shares: reading its data files and adding a
page in every language. The apps' loaders run from `load_demo_data`."""

import tomllib
from pathlib import Path

from wagtail.models import Locale, Page

from bid import languages


def data(package_file: str, name: str) -> dict:
    """The TOML file `name` kept next to a demo package's `__init__.py`."""
    with (Path(package_file).parent / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def page_in_every_language(
    *, parent: Page, model: type[Page], text: dict[str, dict[str, object]], **fields
) -> Page:
    """The page under `parent` with the main language's slug, created once and
    translated once per language. `text` holds each translated field by
    language code ("title", "slug", …); `fields` are the same in all."""
    default = languages.default()
    source = model.objects.child_of(parent).filter(slug=text["slug"][default]).first()
    if source is None:
        source = model(
            **{name: value[default] for name, value in text.items()}, **fields
        )
        parent.add_child(instance=source)
        source.save_revision().publish()
    for code in languages.translations():
        if source.has_translation(locale(code)):
            continue
        page = translation_at(source, code, text["slug"][code])
        for name, value in text.items():
            setattr(page, name, value[code])
        page.draft_title = page.title
        page.full_clean()
        page.save_revision().publish()
    return source


def translation_at(source: Page, code: str, slug: str) -> Page:
    """A copy of `source` for the language `code`, at its own address `slug`
    from the start. The copy is made at the source's slug, and Wagtail leaves
    a redirect behind whenever a page's slug changes: publishing the copy
    under its own slug left one from an address that never served anyone (76
    of them in the demo's redirects)."""
    page = source.copy_for_translation(locale(code)).specific
    if page.slug != slug:
        page.slug = slug
        page.set_url_path(page.get_parent())
        # A new copy has no children whose addresses would follow.
        Page.objects.filter(pk=page.pk).update(slug=slug, url_path=page.url_path)
    return page
