"""Who may open which address. Each module adds its rows here."""

import pytest

from tests.permissions import Row, assert_row

OK, FOUND, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404

ROWS = [
    # Public site: everyone reads it, in every language.
    Row(
        "/", dict.fromkeys(("anonymous", "member", "board", "secretariat", "admin"), OK)
    ),
    Row(
        "/en/",
        dict.fromkeys(("anonymous", "member", "board", "secretariat", "admin"), OK),
    ),
    Row(
        "/da/",
        dict.fromkeys(("anonymous", "member", "board", "secretariat", "admin"), OK),
    ),
    Row(
        "/nb/",
        dict.fromkeys(("anonymous", "member", "board", "secretariat", "admin"), OK),
    ),
    Row(
        "/search/?q=test",
        dict.fromkeys(("anonymous", "member", "board", "secretariat", "admin"), OK),
    ),
    Row(
        "/healthz",
        dict.fromkeys(("anonymous", "member", "board", "secretariat", "admin"), OK),
    ),
    Row(
        "/does-not-exist/",
        dict.fromkeys(
            ("anonymous", "member", "board", "secretariat", "admin"), NOT_FOUND
        ),
    ),
    # Accounts: signing in is for visitors; account settings for the signed-in.
    Row(
        "/accounts/login/",
        {
            "anonymous": OK,
            "member": FOUND,
            "board": FOUND,
            "secretariat": FOUND,
            "admin": FOUND,
        },
    ),
    Row(
        "/accounts/email/",
        {"anonymous": FOUND, "member": OK, "board": OK, "secretariat": OK, "admin": OK},
    ),
    Row(
        "/accounts/2fa/",
        {"anonymous": FOUND, "member": OK, "board": OK, "secretariat": OK, "admin": OK},
    ),
    # The admin is for board, secretariat and administrators only.
    Row(
        "/admin/",
        {
            "anonymous": FOUND,
            "member": FOUND,
            "board": OK,
            "secretariat": OK,
            "admin": OK,
        },
    ),
    Row(
        "/admin/pages/",
        {
            "anonymous": FOUND,
            "member": FOUND,
            "board": OK,
            "secretariat": OK,
            "admin": OK,
        },
    ),
    # People and groups: the secretariat manages them, the board does not.
    Row(
        "/admin/users/",
        {
            "anonymous": FOUND,
            "member": FOUND,
            "board": FOUND,
            "secretariat": OK,
            "admin": OK,
        },
    ),
    Row(
        "/admin/groups/",
        {
            "anonymous": FOUND,
            "member": FOUND,
            "board": FOUND,
            "secretariat": OK,
            "admin": OK,
        },
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=str)
def test_permission_matrix(client_for, row):
    assert_row(client_for, row)
