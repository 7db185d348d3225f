"""Who may open which address: every URL pattern of the project, every role.

The rows are in tests/permission_matrix/table.py; the records they point at are
built once for this module (tests/permission_matrix/world.py) and rolled back
at its end.
"""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

from tests.conftest import ROLES
from tests.permission_matrix import table
from tests.permission_matrix.world import build_world
from tests.permissions import assert_row, route_of, route_path, url_patterns

OUR_PACKAGES = {"bid", "home", "members", "search"}
# Routes that answer any address below them: a row reaching one of these only
# counts when it is meant to (a page, or the admin's own 404).
CATCH_ALL = {r"^((?:[\w\-]+/)*)$", "admin/.*/$"}
# Wagtail admin routes written as regular expressions, with an address each.
REGEX_ADMIN_URLS = {
    r"admin/pages/(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)"
    r"\.\.\.(?P<revision_id_b>live|latest|\d+)/$": (
        "/admin/pages/1/revisions/compare/earliest...latest/"
    ),
}


def is_ours(pattern) -> bool:
    """A view of this project, or a Wagtail generic view of one of its models
    (Wagtail's user admin is Wagtail's own, though the user model is ours)."""
    view = pattern.callback
    module = getattr(getattr(view, "view_class", view), "__module__", "") or ""
    if module.split(".")[0] in OUR_PACKAGES:
        return True
    model = getattr(view, "view_initkwargs", {}).get("model")
    if isinstance(model, str):
        model = apps.get_model(model)
    return (
        model is not None
        and model.__module__.split(".")[0] in OUR_PACKAGES
        and model is not get_user_model()
    )


def wagtail_admin_routes() -> set[str]:
    """Routes under /admin/ whose every view is Wagtail's (or Django's) own."""
    routes: dict[str, bool] = {}
    for route, pattern in url_patterns():
        if route.startswith("admin/"):
            routes[route] = routes.get(route, False) or is_ours(pattern)
    return {route for route, ours in routes.items() if not ours} - CATCH_ALL


def address_of(route: str) -> str:
    """An address the route answers, with made-up arguments."""
    if route in REGEX_ADMIN_URLS:
        return REGEX_ADMIN_URLS[route]
    address = re.sub(r"<int:\w+>", "1", route)
    address = re.sub(r"<(?:\w+:)?\w+>", "x", address)
    if re.search(r"[\\^$()?*+\[\]]", address):
        raise AssertionError(f"{route}: add an address to REGEX_ADMIN_URLS")
    return "/" + address


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The records and a signed-in client per role, for the whole module."""
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        ids, users = build_world()
        clients = {"anonymous": Client()}
        for role, user in users.items():
            clients[role] = Client()
            clients[role].force_login(user)
        assert set(clients) == set(ROLES)
        yield ids, clients
        transaction.set_rollback(True)


ALL_ROWS = table.ROWS + table.PAGES + table.WAGTAIL_ADMIN_SAMPLE


def check_coverage(rows, ids) -> tuple[list[str], list[str]]:
    """The URL patterns no row reaches (Wagtail's own admin aside), and the
    rows whose URL no pattern of theirs answers any more."""
    routes = {route for route, _pattern in url_patterns()}
    covered = set()
    stale = []
    for row in rows:
        url = row.with_ids(ids).url
        try:
            route = route_of(url)
        except Resolver404:
            stale.append(url)
            continue
        if route in CATCH_ALL and row not in table.PAGES + table.CATCH_ALL_ROWS:
            stale.append(url)
        covered.add(route)
    return sorted(routes - wagtail_admin_routes() - covered), stale


@pytest.mark.django_db
def test_every_url_pattern_has_a_row_and_every_row_a_pattern(world):
    ids, _clients = world
    missing, stale = check_coverage(ALL_ROWS, ids)
    assert not stale, f"rows whose URL pattern no longer exists: {stale}"
    assert not missing, f"URL patterns without a row in the matrix: {missing}"


@pytest.mark.django_db
def test_a_url_pattern_without_a_row_or_a_row_without_a_pattern_is_caught(world):
    ids, _clients = world
    without_health = [row for row in ALL_ROWS if row.url != "/healthz"]
    assert check_coverage(without_health, ids)[0] == ["healthz"]
    gone = table.row("/portal/gone/", table.SIGNED_IN)
    assert check_coverage([*ALL_ROWS, gone], ids)[1] == ["/portal/gone/"]


@pytest.mark.django_db
def test_every_page_type_and_every_route_of_a_routable_page_has_a_row(world):
    """Wagtail serves pages through one catch-all pattern, so the page types
    and their sub-routes are checked here instead."""
    ids, _clients = world
    pages = sorted(
        (page for page in Page.objects.live().specific() if page.url),
        key=lambda page: len(page.url),
    )
    served = set()
    for row in table.PAGES:
        path = route_path(row.with_ids(ids).url)
        page = [page for page in pages if path.startswith(page.url)][-1]
        served.add(type(page).__name__)
        if isinstance(page, RoutablePageMixin):
            rest = "/" + path[len(page.url) :]
            try:
                match = page.get_resolver().resolve(rest)
            except Resolver404:
                continue
            served.add(f"{type(page).__name__}:{match.url_name}")
    wanted = set()
    for model in get_page_models():
        if model.__module__.split(".")[0] not in OUR_PACKAGES:
            continue
        wanted.add(model.__name__)
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                wanted.add(
                    f"{model.__name__}:{pattern.name or pattern.callback.__name__}"
                )
    assert not wanted - served, f"pages and routes without a row: {wanted - served}"


def test_the_wagtail_admin_sample_agrees_with_the_rule():
    for row in table.WAGTAIL_ADMIN_SAMPLE:
        for role, status in table.WAGTAIL_ADMIN_RULE.items():
            assert row.expected[role] == status, row


@pytest.mark.django_db
def test_wagtail_admin_views_send_everyone_but_staff_to_sign_in(world):
    ids, clients = world
    explicit = {route_of(row.with_ids(ids).url) for row in ALL_ROWS}
    wrong = {}
    for route in sorted(wagtail_admin_routes() - explicit):
        url = address_of(route)
        if route_of(url) != route:
            continue  # shadowed by an earlier pattern, which has its own row
        for role, status in table.WAGTAIL_ADMIN_RULE.items():
            response = clients[role].get(url)
            if response.status_code != status or "/admin/login/" not in response.get(
                "Location", ""
            ):
                wrong[f"{role} {url}"] = response.status_code
    assert not wrong, wrong


@pytest.mark.django_db
@pytest.mark.parametrize("row", ALL_ROWS, ids=str)
def test_permission_matrix(world, row):
    ids, clients = world
    assert_row(clients.__getitem__, row.with_ids(ids))
