"""The expected status of every URL of the project for every role.

Each `s("…")` lists the statuses in the order of ROLES:

    anonymous  member_a  member_a_contact  member_b  board  secretariat  admin  auditor

`member_a` administers member organisation A, `member_a_contact` is a contact
of A, `member_b` administers member organisation B; the `auditor` acts for no
organisation and may read this year's books (the audit pages).
{placeholders} are ids from tests/permission_matrix/world.py. Every URL
pattern of the URL conf must be reached by at least one row (see
tests/test_permission_matrix.py), except Wagtail's own admin views, which
follow WAGTAIL_ADMIN_RULE.
"""

from tests.conftest import ROLES
from tests.permissions import Row


def s(spec: str) -> dict[str, int]:
    codes = [int(code) for code in spec.split()]
    if len(codes) != len(ROLES):
        raise ValueError(f"{spec!r}: one status per role of {ROLES}")
    return dict(zip(ROLES, codes, strict=True))


def row(url: str, spec: str, **kwargs) -> Row:
    return Row(url, s(spec), **kwargs)


def post(url: str, spec: str, data: dict | None = None) -> Row:
    return Row(url, s(spec), method="post", data=data or {})


PUBLIC = "200 200 200 200 200 200 200 200"
SIGNED_IN = "302 200 200 200 200 200 200 200"
# Members' records: every member and staff; the auditor, who acts for no
# member organisation, is not a member.
MEMBERS = "302 200 200 200 200 200 200 404"
# Wagtail's admin: board and secretariat (and superusers) only.
STAFF = "302 302 302 302 200 200 200 302"
SECRETARIATE = "302 302 302 302 302 200 200 302"
# A's records in the portal: A's people only; everyone else 404, staff too
# (staff follow the records in the admin, not in the portal).
A_PEOPLE = "302 200 200 404 404 404 404 404"
# A's records only A's administrator may change; its contact gets 403.
A_ADMIN = "302 200 403 404 404 404 404 404"
# The auditor's pages: refused to everyone else; the auditor reaches its year.
AUDITOR = "302 403 403 403 403 403 403 200"
AUDITOR_NOT_THIS_YEAR = "302 403 403 403 403 403 403 404"
NOBODY = "404 404 404 404 404 404 404 404"
SUPERUSER = "302 302 302 302 302 302 200 302"
ALL_REDIRECTED = "302 302 302 302 302 302 302 302"

# Non-staff are sent to sign in by every admin view; staff statuses vary.
WAGTAIL_ADMIN_RULE = {
    "anonymous": 302,
    "member_a": 302,
    "member_a_contact": 302,
    "member_b": 302,
    "auditor": 302,
}

SITE = [
    row("/healthz", PUBLIC),
    row("/robots.txt", PUBLIC),
    # The installable portal: manifest, service worker and offline page are
    # public (the browser fetches the manifest without cookies); none of them
    # shows anything personal.
    row("/manifest.webmanifest", PUBLIC),
    row("/en/manifest.webmanifest", PUBLIC),
    row("/sw.js", PUBLIC),
    row("/offline/", PUBLIC),
    row("/en/offline/", PUBLIC),
    row("/search/?q=test", PUBLIC),
    row("/en/search/?q=test", PUBLIC),
    row("/api/", PUBLIC),
    row("/en/api/", PUBLIC),
    row("/open-data/", PUBLIC),
    row("/en/open-data/", PUBLIC),
    row("/charts/indicators/{indicator_id}.svg", PUBLIC),
    # A draft priority's indicator is not published, whoever asks.
    row("/charts/indicators/{draft_indicator_id}.svg", NOBODY),
    row("/stripe/webhook/", "405 405 405 405 405 405 405 405"),
    row("/documents/{document_id}/{document_file}", PUBLIC),
    row("/documents/authenticate_with_password/{document_restriction}/", PUBLIC),
    row("/_util/login/", PUBLIC),
    row("/_util/authenticate_with_password/{page_restriction}/{home_id}/", PUBLIC),
]

OPEN_DATA = [
    row(f"/open-data/{slug}.csv", PUBLIC)
    for slug in (
        "priorities",
        "indicators",
        "meetings",
        "decisions",
        "projects",
        "evaluations",
        "premises",
    )
] + [
    row("/open-data/members.csv", PUBLIC),
    row("/open-data/unknown.csv", NOBODY),
]

API = [
    row("/api/v1/openapi.json", PUBLIC),
    row("/api/v1/priorities/", PUBLIC),
    row("/api/v1/priorities/1", PUBLIC),
    row("/api/v1/meetings/", PUBLIC),
    row("/api/v1/meetings/{public_meeting}", PUBLIC),
    # Only public meetings exist in the API, whoever asks.
    row("/api/v1/meetings/{members_meeting}", NOBODY),
    row("/api/v1/meetings/{board_meeting}", NOBODY),
    row("/api/v1/decisions/", PUBLIC),
    row("/api/v1/decisions/{public_decision}", PUBLIC),
    row("/api/v1/decisions/{board_decision}", NOBODY),
    row("/api/v1/projects/", PUBLIC),
    row("/api/v1/projects/{proposal_accepted_b}", PUBLIC),
    row("/api/v1/projects/{proposal_draft_a}", NOBODY),
    row("/api/v1/projects/{proposal_submitted_a}", NOBODY),
    row("/api/v1/members/", PUBLIC),
    row("/api/v2/pages/", PUBLIC),
    row("/api/v2/pages/{home_id}/", PUBLIC),
    # Addresses no operation answers: a JSON 404, or the address with its slash.
    row("/api/v1/meetings/abc/", NOBODY),
    row("/api/v2/pages/abc/", NOBODY),
    row("/api/v1/meetings", "301 301 301 301 301 301 301 301"),
    row("/api/v2/pages/find/?html_path=/", "302 302 302 302 302 302 302 302"),
]

ACCOUNTS = [
    # Signing in and up is for visitors; the signed-in are sent on.
    row("/accounts/login/", "200 302 302 302 302 302 302 302"),
    row("/en/accounts/login/", "200 302 302 302 302 302 302 302"),
    row("/accounts/signup/", "200 302 302 302 302 302 302 302"),
    row("/accounts/logout/", "302 200 200 200 200 200 200 200"),
    row("/accounts/inactive/", PUBLIC),
    row("/accounts/reauthenticate/", SIGNED_IN),
    row("/accounts/reauthenticate/code/", SIGNED_IN),
    row("/accounts/reauthenticate/code/confirm/", "302 302 302 302 302 302 302 302"),
    row("/accounts/login/code/confirm/", "302 302 302 302 302 302 302 302"),
    row("/accounts/email/", SIGNED_IN),
    row("/accounts/confirm-email/", PUBLIC),
    row("/accounts/confirm-email/forged-key/", PUBLIC),
    row("/accounts/password/change/", SIGNED_IN),
    row("/accounts/password/set/", "302 302 302 302 302 302 302 302"),
    row("/accounts/password/reset/", PUBLIC),
    row("/accounts/password/reset/done/", PUBLIC),
    row("/accounts/password/reset/key/1-forged/", PUBLIC),
    row("/accounts/password/reset/key/done/", PUBLIC),
    # Staff have an authenticator app and recovery codes (the admin requires
    # them): their pages ask for a code again first; members have none (404).
    row("/accounts/2fa/", SIGNED_IN),
    row("/accounts/2fa/authenticate/", "302 302 302 302 302 302 302 302"),
    row("/accounts/2fa/reauthenticate/", "302 302 302 302 200 200 200 302"),
    row("/accounts/2fa/totp/activate/", "302 302 302 302 302 302 302 302"),
    row("/accounts/2fa/totp/deactivate/", "302 404 404 404 302 302 302 404"),
    row("/accounts/2fa/recovery-codes/", "302 404 404 404 302 302 302 404"),
    row("/accounts/2fa/recovery-codes/generate/", "302 302 302 302 302 302 302 302"),
    row("/accounts/2fa/recovery-codes/download/", "302 404 404 404 302 302 302 404"),
    row("/accounts/name/", SIGNED_IN),
    row("/accounts/data/", SIGNED_IN),
    row("/accounts/data/download/", SIGNED_IN),
    row("/accounts/delete/", SIGNED_IN),
]

PORTAL = [
    row("/portal/", SIGNED_IN),
    row("/en/portal/", SIGNED_IN),
    row("/da/portal/", SIGNED_IN),
    row("/nb/portal/", SIGNED_IN),
    row("/portal/organisations/new/", SIGNED_IN),
    # Organisation A: its people see it; only its administrator changes it.
    row("/portal/organisations/{org_a}/", A_PEOPLE),
    row("/en/portal/organisations/{org_a}/", A_PEOPLE),
    row("/portal/organisations/{org_a}/edit/", A_ADMIN),
    row("/portal/organisations/{org_a}/properties/new/", A_ADMIN),
    post(
        "/portal/organisations/{org_a}/invite/",
        A_ADMIN.replace("200", "302"),
        {"email": "new@example.org", "role": "contact"},
    ),
    row("/portal/properties/{property_a}/", A_ADMIN),
    # Premises: the owner's administrators keep them; the owner's contact may
    # not add (403) and finds no premises to edit, nor does anyone else (404).
    row("/portal/properties/{property_a}/premises/new/", A_ADMIN),
    row("/portal/premises/{premises_a}/", "302 200 404 404 404 404 404 404"),
    post(
        "/portal/premises/{premises_a}/status/",
        "302 302 404 404 404 404 404 404",
        {"status": "let"},
    ),
    # Search requests: anyone signed in sees their own (none: an empty list).
    row("/portal/premises/requests/", SIGNED_IN),
    row("/portal/premises/requests/new/", SIGNED_IN),
    # A's people close A's request; nobody else finds it.
    post(
        "/portal/premises/requests/{premises_request_a}/close/",
        "302 302 302 404 404 404 404 404",
    ),
    post(
        "/portal/properties/{spare_property_a}/delete/",
        "302 302 403 404 404 404 404 404",
    ),
    post(
        "/portal/people/{contact_membership}/role/",
        "302 302 403 404 404 404 404 404",
        {"role": "admin"},
    ),
    post(
        "/portal/people/{contact_membership}/remove/", "302 302 403 404 404 404 404 404"
    ),
    post(
        "/portal/invitations/{invitation_a}/revoke/", "302 302 403 404 404 404 404 404"
    ),
    # The token is the credential: whoever holds it may look at the invitation.
    row("/portal/invitations/{invitation_token}/", SIGNED_IN),
    row("/portal/invitations/forged-token/", "302 404 404 404 404 404 404 404"),
    row("/portal/applications/{enrolment_a}/", A_PEOPLE),
    post(
        "/portal/applications/{draft_enrolment_a}/send/",
        "302 302 403 404 404 404 404 404",
        {"terms": "{terms_id}", "accept_terms": "on", "properties": "{property_a}"},
    ),
    row("/portal/applications/{draft_enrolment_a}/properties/new/", A_ADMIN),
    post("/portal/agreements/{agreement_a}/notice/", "302 302 403 404 404 404 404 404"),
    row("/portal/contributions/", SIGNED_IN),
    row("/portal/contributions/{contribution_a}/", A_PEOPLE),
    row("/portal/contributions/{contribution_a}/pay/", A_ADMIN),
    row("/portal/receipts/{receipt_a}/", A_PEOPLE),
    row("/portal/contributions/{contribution_a}/invoice.pdf", A_PEOPLE),
    row("/en/portal/contributions/{contribution_a}/invoice.pdf", A_PEOPLE),
    row("/portal/contributions/{voided_a}/credit-note.pdf", A_PEOPLE),
    # An invoice that is not void has no credit note.
    row(
        "/portal/contributions/{contribution_a}/credit-note.pdf",
        "302 404 404 404 404 404 404 404",
    ),
    row("/portal/receipts/{receipt_a}/receipt.pdf", A_PEOPLE),
    # Peppol e-invoices (UBL XML) of A's invoice and credit note: A's people only.
    row("/portal/contributions/{contribution_a}/invoice.xml", A_PEOPLE),
    row("/portal/contributions/{voided_a}/credit-note.xml", A_PEOPLE),
    row(
        "/portal/contributions/{contribution_a}/credit-note.xml",
        "302 404 404 404 404 404 404 404",
    ),
    # Proposals: for members and staff; a draft is its organisation's alone.
    row("/portal/proposals/", "302 200 200 200 200 200 200 403"),
    row("/portal/proposals/mine/", SIGNED_IN),
    row("/portal/proposals/new/", "302 200 200 200 403 403 403 403"),
    row("/portal/proposals/{proposal_draft_a}/", A_PEOPLE),
    row("/portal/proposals/{proposal_submitted_a}/", "302 200 200 200 200 200 200 404"),
    row("/portal/proposals/{proposal_draft_a}/edit/", A_PEOPLE),
    post(
        "/portal/proposals/{spare_draft_a}/delete/", "302 302 302 404 404 404 404 404"
    ),
    post(
        "/portal/proposals/{proposal_draft_a}/step/",
        "302 302 302 404 404 404 404 404",
        {"to": "submitted"},
    ),
    post(
        "/portal/proposals/{proposal_submitted_a}/support/",
        "302 404 404 302 404 404 404 404",
        {"organisation": "{org_b}"},
    ),
    post(
        "/portal/proposals/{proposal_draft_a}/comment/",
        "302 302 302 404 404 404 404 404",
        {"text": "Bra"},
    ),
    post(
        "/portal/proposals/{proposal_draft_a}/progress/",
        "302 302 302 404 404 404 404 404",
    ),
    post(
        "/portal/proposals/{proposal_draft_a}/attachments/",
        "302 302 302 404 404 404 404 404",
    ),
    # Files follow their proposal; the view asks nobody to sign in.
    row(
        "/portal/attachments/{proposal_attachment_a}/",
        "404 200 200 404 404 404 404 404",
    ),
    # Minutes adjustment: A's administrator adjusts the members' meeting.
    row("/portal/adjustments/", SIGNED_IN),
    row("/portal/adjustments/{adjusted_meeting}/", "302 200 404 404 404 404 404 404"),
    post(
        "/portal/adjustments/{adjusted_meeting}/approve/",
        "302 302 404 404 404 404 404 404",
    ),
    post(
        "/portal/adjustments/{adjusted_meeting}/change/",
        "302 302 404 404 404 404 404 404",
        {"comment": "Rätta stycke två."},
    ),
    row("/portal/meeting-files/{public_file}/", PUBLIC),
    row("/portal/meeting-files/{board_file}/", "404 404 404 404 200 200 200 404"),
    # A's administrator adjusts board-only minutes: opens them and their files
    # while adjusting; once published, the meeting's visibility decides.
    row("/portal/adjustments/{board_adjusting}/", "302 200 404 404 404 404 404 404"),
    row(
        "/portal/meeting-files/{board_adjusting_file}/",
        "404 200 404 404 200 200 200 404",
    ),
    row("/portal/adjustments/{board_adjusted}/", "302 404 404 404 404 404 404 404"),
    row(
        "/portal/meeting-files/{board_adjusted_file}/",
        "404 404 404 404 200 200 200 404",
    ),
    # The weekly work: A is a party of the area; B is a member, not a party.
    row("/portal/situation/", "302 200 200 200 200 200 200 403"),
    row("/portal/situation/trend.svg", "302 200 200 200 200 200 200 403"),
    row("/portal/situation/report/", "302 200 200 403 403 403 403 403"),
    # An area's page: for whoever sees the situational picture.
    row("/portal/areas/", "302 200 200 200 200 200 200 403"),
    row("/portal/areas/centrum/", "302 200 200 200 200 200 200 403"),
    row("/portal/areas/centrum/trend.svg", "302 200 200 200 200 200 200 403"),
    row("/portal/areas/no-such-area/", "302 404 404 404 404 404 404 403"),
    row("/portal/actions/", "302 200 200 403 200 200 200 403"),
    post("/portal/actions/new/", "302 403 403 403 302 302 302 403"),
    row("/portal/actions/{action_a}/", "302 200 200 404 200 200 200 404"),
    row("/portal/agreements/", SIGNED_IN),
    row("/portal/agreements/{party_agreement}/", "302 200 200 404 200 200 200 404"),
    row("/portal/agreements/documents/0/", "302 404 404 404 404 404 404 404"),
    # The audit: the auditor's years only (another year, or an agreement not
    # in force in the year, is 404); everyone else is refused, staff too
    # (they keep the books in the admin).
    row("/portal/audit/", AUDITOR),
    row("/portal/audit/{audit_year}/", AUDITOR),
    row("/en/portal/audit/{audit_year}/", AUDITOR),
    row("/portal/audit/{unaudited_year}/", AUDITOR_NOT_THIS_YEAR),
    row("/portal/audit/{unaudited_year}/ledger/", AUDITOR_NOT_THIS_YEAR),
    row("/portal/audit/{audit_year}/agreements/", AUDITOR),
    row("/portal/audit/{audit_year}/agreements/{party_agreement}/", AUDITOR),
    row(
        "/portal/audit/{audit_year}/agreements/{ended_agreement}/",
        AUDITOR_NOT_THIS_YEAR,
    ),
    row("/portal/audit/{audit_year}/documents/{party_document}/", AUDITOR),
    row(
        "/portal/audit/{unaudited_year}/documents/{party_document}/",
        AUDITOR_NOT_THIS_YEAR,
    ),
    row("/portal/audit/{audit_year}/documents/0/", AUDITOR_NOT_THIS_YEAR),
    row("/portal/audit/{audit_year}/decisions/", AUDITOR),
    row("/portal/audit/{audit_year}/ledger/", AUDITOR),
    row("/portal/audit/{audit_year}/exports/ledger/", AUDITOR),
    row("/portal/audit/{audit_year}/exports/contributions/", AUDITOR),
    row("/portal/audit/{audit_year}/exports/decisions/", AUDITOR),
    row("/portal/audit/{audit_year}/exports/agreements/", AUDITOR),
    row("/portal/audit/{audit_year}/exports/sie/", AUDITOR),
    row("/portal/audit/{audit_year}/exports/passwords/", AUDITOR_NOT_THIS_YEAR),
    # Read-only: no page of the audit takes a post.
    post("/portal/audit/{audit_year}/", "302 405 405 405 405 405 405 405"),
    row("/portal/walks/", "302 200 200 403 200 200 200 403"),
    row("/portal/walks/{walk_id}/", "302 200 200 404 200 200 200 404"),
    # The land owner suggested for a point: for the walk's parties only.
    row(
        "/portal/walks/{walk_id}/owner/?lat=57.705&lon=11.955",
        "302 200 200 404 200 200 200 404",
    ),
    row("/portal/walks/{walk_id}/summary/", "302 200 200 404 200 200 200 404"),
    row("/portal/walks/{walk_id}/summary.pdf", "302 200 200 404 200 200 200 404"),
    # Quick reports between walks: the parties of an area.
    row("/portal/quick-report/", "302 200 200 403 403 403 403 403"),
    row(
        "/portal/quick-report/area/?lat=57.705&lon=11.955",
        "302 200 200 403 403 403 403 403",
    ),
    post(
        "/portal/observations/{observation_id}/action/",
        "302 302 302 404 302 302 302 404",
    ),
    row(
        "/portal/observations/{observation_id}/photo/",
        "302 200 200 404 200 200 200 404",
    ),
    row("/portal/notifications/", SIGNED_IN),
    row("/en/portal/notifications/", SIGNED_IN),
    post("/portal/notifications/read/", "302 302 302 302 302 302 302 302"),
    row("/portal/notifications/{notification_a}/", "302 302 404 404 404 404 404 404"),
    row("/portal/notifications/settings/", SIGNED_IN),
    post("/portal/follow/", "302 404 404 404 404 404 404 404"),
    # The unsubscribe link is its own credential: no sign-in needed.
    row("/portal/digest/unsubscribe/{unsubscribe_token}/", PUBLIC),
    row("/portal/digest/unsubscribe/forged/", "400 400 400 400 400 400 400 400"),
]

# Wagtail pages, served by its catch-all route, one row per page type and per
# route of a routable page.
PAGES = [
    row("/", PUBLIC),
    row("/en/", PUBLIC),
    row("/da/", PUBLIC),
    row("/nb/", PUBLIC),
    row("/om-oss/", PUBLIC),
    row("/does-not-exist/", NOBODY),
    row("/plan/", PUBLIC),
    row("/plan/history/", PUBLIC),
    row("/plan/published/", PUBLIC),
    # Drafts are previewed in the admin, never served on the site.
    row("/plan/draft/", NOBODY),
    row("/nyheter/", PUBLIC),
    row("/nyheter/feed/", PUBLIC),
    row("/nyheter/nyhet/", PUBLIC),
    row("/projekt/", PUBLIC),
    row("/projekt/{proposal_accepted_b}/", PUBLIC),
    row("/projekt/{proposal_submitted_a}/", NOBODY),
    # The activity reports: the published one and its PDF for everyone, a
    # draft for nobody (the board and the secretariat preview it in the admin).
    row("/verksamhetsberattelser/", PUBLIC),
    row("/verksamhetsberattelser/2026/", PUBLIC),
    row("/verksamhetsberattelser/2026/pdf/", PUBLIC),
    row("/verksamhetsberattelser/2025/", NOBODY),
    row("/verksamhetsberattelser/2025/pdf/", NOBODY),
    row("/lediga-lokaler/", PUBLIC),
    # Anyone may leave a search request there (a business outside the register).
    row("/lediga-lokaler/request/", PUBLIC),
    row("/lardomar/", PUBLIC),
    row("/lardomar/{lesson_public}/", PUBLIC),
    # A members' case sends a visitor to sign in (and back).
    row("/lardomar/{lesson_members}/", MEMBERS),
    row("/bli-medlem/", PUBLIC),
    row("/medlemmar/", PUBLIC),
    row("/moten/", PUBLIC),
    row("/moten/{public_meeting}/", PUBLIC),
    row("/moten/{public_meeting}/1/", PUBLIC),
    row("/moten/{public_meeting}/pdf/", PUBLIC),
    # A members' record sends a visitor to sign in (and back); board records
    # stay 404 for everyone not on the board.
    row("/moten/{members_meeting}/", MEMBERS),
    row("/moten/{members_meeting}/1/", MEMBERS),
    row("/moten/{members_meeting}/pdf/", MEMBERS),
    row("/moten/{board_meeting}/", "404 404 404 404 200 200 200 404"),
    row("/moten/{board_meeting}/1/", "404 404 404 404 200 200 200 404"),
    row("/moten/{board_meeting}/pdf/", "404 404 404 404 200 200 200 404"),
    # Published board minutes A's administrator adjusted: the board's alone now.
    row("/moten/{board_adjusted}/", "404 404 404 404 200 200 200 404"),
    row("/moten/{board_adjusted}/1/", "404 404 404 404 200 200 200 404"),
    row("/moten/{board_adjusted}/pdf/", "404 404 404 404 200 200 200 404"),
    row("/moten/{planned_meeting}/", PUBLIC),
    row("/moten/decisions/", PUBLIC),
    row("/moten/decisions/feed/", PUBLIC),
    row("/moten/calendar/", PUBLIC),
    row("/moten/styrelsen/calendar/", PUBLIC),
    row("/moten/okand/calendar/", NOBODY),
]

# The admin's own 404 for an address it does not know.
CATCH_ALL_ROWS = [
    row("/admin/does-not-exist/", "302 302 302 302 404 404 404 302"),
    # The API is mounted at /api/ (its root is the reference page); no pattern of
    # it answers /api/v1/ itself.
    row("/api/v1/", NOBODY),
]

# Our own admin views and viewsets, one row per URL pattern.
ADMIN = [
    row("/admin/", STAFF),
    row("/admin/login/", "302 403 403 403 302 302 302 403"),
    row("/admin/test404/", STAFF),
    row("/admin/jsi18n/", PUBLIC),
    row("/admin/sprite/", PUBLIC),
    # Wagtail's password reset is sent to allauth's (rate limits, one flow).
    row("/admin/password_reset/", ALL_REDIRECTED),
    row("/admin/password_reset/done/", ALL_REDIRECTED),
    row("/admin/password_reset/confirm/x/y/", ALL_REDIRECTED),
    row("/admin/password_reset/complete/", ALL_REDIRECTED),
    # The plan.
    row("/admin/plan/{plan_id}/rank/", STAFF),
    # Drafting the activity report: the secretariat's (the board edits the draft).
    row("/admin/annual-report/generate/", SECRETARIATE),
    row("/admin/annual-report/generate/?year=2026", SECRETARIATE),
    post("/admin/annual-report/generate/", SECRETARIATE),
    # Contributions.
    row("/admin/contributions/overview/", STAFF),
    row("/admin/contributions/export/2026.csv", STAFF),
    # Issuing redirects to the run (secretariat) or to sign in (the others).
    # The confirmation page; posting without "confirm" issues nothing.
    row("/admin/contributions/issue/{scheme_id}/", STAFF),
    post("/admin/contributions/issue/{scheme_id}/", STAFF),
    row("/admin/contributions/runs/{run_id}/", STAFF),
    # Bank files and the payments to review: the board looks, the secretariat
    # imports (posting no file answers the form again) and resolves.
    row("/admin/contributions/bank-files/", STAFF),
    post("/admin/contributions/bank-files/", "302 302 302 302 302 200 200 302"),
    row("/admin/contributions/bank-files/{bank_import_id}/", STAFF),
    row("/admin/contributions/reviews/", STAFF),
    row("/admin/contributions/reviews/{review_id}/", STAFF),
    # The board's post does nothing and is sent back; the secretariat's
    # refund (with a note) resolves the item and goes back to the list.
    post(
        "/admin/contributions/reviews/{review_id}/",
        "302 302 302 302 302 302 302 302",
        {"action": "refund", "refund-note": "Returned"},
    ),
    # PDFs of invoices, credit notes and receipts, for whoever sees the invoices.
    row("/admin/contributions/{contribution_a}/invoice.pdf", STAFF),
    row("/admin/contributions/{contribution_a}/invoice.pdf?lang=en", STAFF),
    row("/admin/contributions/{voided_a}/credit-note.pdf", STAFF),
    row(
        "/admin/contributions/{contribution_a}/credit-note.pdf",
        "302 302 302 302 404 404 404 302",
    ),
    row("/admin/contributions/receipts/{receipt_a}/receipt.pdf", STAFF),
    # Peppol e-invoices (UBL XML), for whoever sees the invoices.
    row("/admin/contributions/{contribution_a}/invoice.xml", STAFF),
    row("/admin/contributions/{voided_a}/credit-note.xml", STAFF),
    row(
        "/admin/contributions/{contribution_a}/credit-note.xml",
        "302 302 302 302 404 404 404 302",
    ),
    # The books (SIE): the secretariat's; the board is sent back to the dashboard.
    row("/admin/contributions/books/", SECRETARIATE),
    row("/admin/contributions/books/2026.se", SECRETARIATE),
    row("/admin/contributions/", STAFF),
    row("/admin/contributions/results/", STAFF),
    row("/admin/contributions/new/", SUPERUSER),
    row("/admin/contributions/edit/{contribution_a}/", SECRETARIATE),
    row("/admin/contributions/delete/{contribution_a}/", SUPERUSER),
    row("/admin/contributions/history/{contribution_a}/", SECRETARIATE),
    row("/admin/contributions/history-results/{contribution_a}/", SECRETARIATE),
    row("/admin/contributions/usage/{contribution_a}/", SECRETARIATE),
    row("/admin/contributions/inspect/{contribution_a}/", STAFF),
    row("/admin/contribution_schemes/", STAFF),
    row("/admin/contribution_schemes/results/", STAFF),
    row("/admin/contribution_schemes/new/", STAFF),
    row("/admin/contribution_schemes/edit/{scheme_id}/", STAFF),
    row("/admin/contribution_schemes/delete/{scheme_id}/", SUPERUSER),
    row("/admin/contribution_schemes/history/{scheme_id}/", STAFF),
    row("/admin/contribution_schemes/history-results/{scheme_id}/", STAFF),
    row("/admin/contribution_schemes/usage/{scheme_id}/", STAFF),
    row("/admin/contribution_schemes/inspect/{scheme_id}/", STAFF),
    row("/admin/contribution_schemes/copy/{scheme_id}/", STAFF),
    # Proposal review.
    row("/admin/proposal_review/", STAFF),
    row("/admin/proposal_review/results/", STAFF),
    row("/admin/proposal_review/new/", SUPERUSER),
    row("/admin/proposal_review/edit/{proposal_submitted_a}/", SUPERUSER),
    row("/admin/proposal_review/delete/{proposal_submitted_a}/", SUPERUSER),
    row("/admin/proposal_review/history/{proposal_submitted_a}/", SUPERUSER),
    row("/admin/proposal_review/history-results/{proposal_submitted_a}/", SUPERUSER),
    row("/admin/proposal_review/usage/{proposal_submitted_a}/", SUPERUSER),
    row("/admin/proposal_review/inspect/{proposal_submitted_a}/", STAFF),
    # Drafts stay with their organisation, even in the admin.
    row(
        "/admin/proposal_review/inspect/{proposal_draft_a}/",
        "302 302 302 302 404 404 404 302",
    ),
    # Enrolment review.
    row("/admin/enrolment_review/", STAFF),
    row("/admin/enrolment_review/results/", STAFF),
    row("/admin/enrolment_review/new/", SUPERUSER),
    row("/admin/enrolment_review/edit/{enrolment_a}/", SUPERUSER),
    row("/admin/enrolment_review/delete/{enrolment_a}/", SUPERUSER),
    row("/admin/enrolment_review/history/{enrolment_a}/", SUPERUSER),
    row("/admin/enrolment_review/history-results/{enrolment_a}/", SUPERUSER),
    row("/admin/enrolment_review/usage/{enrolment_a}/", SUPERUSER),
    row("/admin/enrolment_review/inspect/{enrolment_a}/", STAFF),
    # Organisations, properties, agreements, membership terms.
    row("/admin/organisations/", STAFF),
    row("/admin/organisations/results/", STAFF),
    row("/admin/organisations/new/", SUPERUSER),
    row("/admin/organisations/edit/{org_a}/", SECRETARIATE),
    row("/admin/organisations/delete/{org_a}/", SUPERUSER),
    row("/admin/organisations/history/{org_a}/", SECRETARIATE),
    row("/admin/organisations/history-results/{org_a}/", SECRETARIATE),
    row("/admin/organisations/usage/{org_a}/", SECRETARIATE),
    row("/admin/organisations/inspect/{org_a}/", STAFF),
    row("/admin/properties/", STAFF),
    row("/admin/properties/results/", STAFF),
    row("/admin/properties/new/", SUPERUSER),
    row("/admin/properties/edit/{property_a}/", SECRETARIATE),
    row("/admin/properties/delete/{property_a}/", SUPERUSER),
    row("/admin/properties/history/{property_a}/", SECRETARIATE),
    row("/admin/properties/history-results/{property_a}/", SECRETARIATE),
    row("/admin/properties/usage/{property_a}/", SECRETARIATE),
    row("/admin/properties/inspect/{property_a}/", STAFF),
    row("/admin/agreements/", STAFF),
    row("/admin/agreements/results/", STAFF),
    row("/admin/agreements/new/", SUPERUSER),
    row("/admin/agreements/edit/{agreement_a}/", SECRETARIATE),
    row("/admin/agreements/delete/{agreement_a}/", SUPERUSER),
    row("/admin/agreements/history/{agreement_a}/", SECRETARIATE),
    row("/admin/agreements/history-results/{agreement_a}/", SECRETARIATE),
    row("/admin/agreements/usage/{agreement_a}/", SECRETARIATE),
    row("/admin/agreements/inspect/{agreement_a}/", STAFF),
    row("/admin/snippets/enrolment/membershipterms/", STAFF),
    row("/admin/snippets/enrolment/membershipterms/results/", STAFF),
    row("/admin/snippets/enrolment/membershipterms/add/", SECRETARIATE),
    row("/admin/snippets/enrolment/membershipterms/edit/{terms_id}/", SECRETARIATE),
    row("/admin/snippets/enrolment/membershipterms/delete/{terms_id}/", SECRETARIATE),
    row("/admin/snippets/enrolment/membershipterms/usage/{terms_id}/", SECRETARIATE),
    row("/admin/snippets/enrolment/membershipterms/history/{terms_id}/", SECRETARIATE),
    row(
        "/admin/snippets/enrolment/membershipterms/history-results/{terms_id}/",
        SECRETARIATE,
    ),
    row("/admin/snippets/enrolment/membershipterms/copy/{terms_id}/", SECRETARIATE),
    row("/admin/snippets/choose/enrolment/membershipterms/", STAFF),
    row("/admin/snippets/choose/enrolment/membershipterms/results/", STAFF),
    row("/admin/snippets/choose/enrolment/membershipterms/chosen/{terms_id}/", STAFF),
    row("/admin/snippets/choose/enrolment/membershipterms/chosen-multiple/", STAFF),
    row("/admin/snippets/choose/enrolment/membershipterms/create/", SECRETARIATE),
    # Indicators of the plan.
    row("/admin/snippets/home/indicator/", STAFF),
    row("/admin/snippets/home/indicator/results/", STAFF),
    row("/admin/snippets/home/indicator/add/", STAFF),
    row("/admin/snippets/home/indicator/edit/{indicator_id}/", STAFF),
    row("/admin/snippets/home/indicator/delete/{indicator_id}/", STAFF),
    row("/admin/snippets/home/indicator/usage/{indicator_id}/", STAFF),
    row("/admin/snippets/home/indicator/history/{indicator_id}/", STAFF),
    row("/admin/snippets/home/indicator/history-results/{indicator_id}/", STAFF),
    row("/admin/snippets/home/indicator/copy/{indicator_id}/", STAFF),
    row("/admin/snippets/choose/home/indicator/", STAFF),
    row("/admin/snippets/choose/home/indicator/results/", STAFF),
    row("/admin/snippets/choose/home/indicator/chosen/{indicator_id}/", STAFF),
    row("/admin/snippets/choose/home/indicator/chosen-multiple/", STAFF),
    row("/admin/snippets/choose/home/indicator/create/", STAFF),
    # Meetings.
    row("/admin/meetings/records/", STAFF),
    row("/admin/meetings/records/results/", STAFF),
    row("/admin/meetings/records/new/", STAFF),
    row("/admin/meetings/records/edit/{planned_meeting}/", STAFF),
    row("/admin/meetings/records/delete/{planned_meeting}/", STAFF),
    row("/admin/meetings/records/history/{planned_meeting}/", STAFF),
    row("/admin/meetings/records/history-results/{planned_meeting}/", STAFF),
    row("/admin/meetings/records/usage/{planned_meeting}/", STAFF),
    row("/admin/meetings/records/inspect/{board_meeting}/", STAFF),
    row("/admin/meetings/bodies/", STAFF),
    row("/admin/meetings/bodies/results/", STAFF),
    row("/admin/meetings/bodies/new/", STAFF),
    row("/admin/meetings/bodies/edit/{body_id}/", STAFF),
    row("/admin/meetings/bodies/delete/{body_id}/", STAFF),
    row("/admin/meetings/bodies/history/{body_id}/", STAFF),
    row("/admin/meetings/bodies/history-results/{body_id}/", STAFF),
    row("/admin/meetings/bodies/usage/{body_id}/", STAFF),
    row("/admin/meetings/decisions.csv", STAFF),
    # The situation.
    row("/admin/agreement-register/", STAFF),
    row("/admin/agreement-register/?kind=lease&expiring=1", STAFF),
    row("/admin/agreement-register/new/", STAFF),
    row("/admin/agreement-register/expiring/", STAFF),
    row("/admin/agreement-register/act/", STAFF),
    row("/admin/agreement-register/value/", STAFF),
    row("/admin/agreement-register/{party_agreement}/", STAFF),
    row("/admin/agreement-register/documents/0/", "302 302 302 302 404 404 404 302"),
    row(
        "/admin/agreement-register/obligations/{agreement_obligation}/done/",
        "302 302 302 302 405 405 405 302",
    ),
    post(
        "/admin/agreement-register/obligations/{agreement_obligation}/done/",
        ALL_REDIRECTED,
    ),
    row("/admin/projects/evaluations/", STAFF),
    row("/admin/projects/{closed_project}/evaluation/", STAFF),
    row("/admin/projects/milestones/overdue/", STAFF),
    row("/admin/premises/requests/", STAFF),
    # Board and secretariat remove a request (then back to the list: 302);
    # everyone else is sent to sign in.
    post("/admin/premises/requests/{premises_request_a}/remove/", ALL_REDIRECTED),
    # Auditors' access and log: the board and the secretariat.
    row("/admin/auditors/", STAFF),
    row("/admin/auditors/log/", STAFF),
    row("/admin/auditors/log/?auditor={auditor_user}&page=2", STAFF),
    row("/admin/auditors/{auditor_grant}/revoke/", "302 302 302 302 405 405 405 302"),
    post("/admin/auditors/{auditor_grant}/revoke/", ALL_REDIRECTED),
    post("/admin/auditors/", STAFF, {"email": "x"}),
    row("/admin/projects/{proposal_accepted_b}/milestones/", STAFF),
    row(
        "/admin/projects/{proposal_draft_a}/milestones/",
        "302 302 302 302 404 404 404 302",
    ),
    row("/admin/projects/milestones/{milestone_id}/", STAFF),
    post(
        "/admin/projects/milestones/{milestone_id}/done/",
        "302 302 302 302 302 302 302 302",
    ),
    row(
        "/admin/projects/milestones/{milestone_id}/done/",
        "302 302 302 302 405 405 405 302",
    ),
    row("/admin/projects/indicators/{project_indicator_id}/", STAFF),
    row("/admin/projects/{proposal_accepted_b}/funding/", STAFF),
    # Refused in words: a line without party or amount is not added.
    post("/admin/projects/{proposal_accepted_b}/funding/", STAFF, {"add_line": "1"}),
    row(
        "/admin/projects/{proposal_draft_a}/funding/", "302 302 302 302 404 404 404 302"
    ),
    # The world has no funding line: the steps' addresses answer staff 404
    # (tests/members/projects/test_funding_admin.py takes them).
    row("/admin/projects/funding/0/decide/", "302 302 302 302 404 404 404 302"),
    row("/admin/projects/funding/0/invoice/", "302 302 302 302 404 404 404 302"),
    row("/admin/projects/funding/0/paid/", "302 302 302 302 404 404 404 302"),
    post("/admin/projects/funding/0/remove/", "302 302 302 302 404 404 404 302"),
    row("/admin/situation/weeks/", SECRETARIATE),
    row("/admin/situation/weeks/{year}/{week}/", SECRETARIATE),
    row("/admin/situation/areas/", STAFF),
    row("/admin/situation/areas/results/", STAFF),
    row("/admin/situation/areas/new/", STAFF),
    row("/admin/situation/areas/edit/{area_id}/", STAFF),
    row("/admin/situation/areas/delete/{area_id}/", STAFF),
    row("/admin/situation/areas/history/{area_id}/", STAFF),
    row("/admin/situation/areas/history-results/{area_id}/", STAFF),
    row("/admin/situation/areas/usage/{area_id}/", STAFF),
    row("/admin/situation/areas/inspect/{area_id}/", STAFF),
    row("/admin/situation/actions/", STAFF),
    row("/admin/situation/actions/results/", STAFF),
    row("/admin/situation/actions/new/", STAFF),
    row("/admin/situation/actions/edit/{action_a}/", STAFF),
    row("/admin/situation/actions/delete/{action_a}/", STAFF),
    row("/admin/situation/actions/history/{action_a}/", STAFF),
    row("/admin/situation/actions/history-results/{action_a}/", STAFF),
    row("/admin/situation/actions/usage/{action_a}/", STAFF),
    row("/admin/situation/walks/", STAFF),
    row("/admin/situation/walks/results/", STAFF),
    row("/admin/situation/walks/new/", STAFF),
    row("/admin/situation/walks/edit/{walk_id}/", STAFF),
    row("/admin/situation/walks/delete/{walk_id}/", STAFF),
    row("/admin/situation/walks/history/{walk_id}/", STAFF),
    row("/admin/situation/walks/history-results/{walk_id}/", STAFF),
    row("/admin/situation/walks/usage/{walk_id}/", STAFF),
    row("/admin/situation/reports/", STAFF),
    row("/admin/situation/reports/results/", STAFF),
    row("/admin/situation/reports/new/", SUPERUSER),
    row("/admin/situation/reports/edit/{report_id}/", SECRETARIATE),
    row("/admin/situation/reports/delete/{report_id}/", SUPERUSER),
    row("/admin/situation/reports/history/{report_id}/", SECRETARIATE),
    row("/admin/situation/reports/history-results/{report_id}/", SECRETARIATE),
    row("/admin/situation/reports/usage/{report_id}/", SECRETARIATE),
    row("/admin/situation/reports/inspect/{report_id}/", STAFF),
]

# A sample of Wagtail's own admin views, all roles stated: non-staff as the
# rule says, staff as their groups allow.
WAGTAIL_ADMIN_SAMPLE = [
    row("/admin/pages/", STAFF),
    row("/admin/pages/{home_id}/", STAFF),
    row("/admin/pages/{plan_id}/edit/", STAFF),
    row("/admin/pages/{home_id}/history/", STAFF),
    row("/admin/pages/search/", STAFF),
    row("/admin/users/", SECRETARIATE),
    row("/admin/users/edit/{board_user}/", SECRETARIATE),
    row("/admin/groups/", SECRETARIATE),
    row("/admin/documents/", STAFF),
    row("/admin/images/", STAFF),
    row("/admin/images/{image_id}/", STAFF),
    row("/admin/sites/", "302 302 302 302 302 302 200 302"),
    row("/admin/locales/", SECRETARIATE),
    row("/admin/reports/site-history/", STAFF),
    row("/admin/account/", STAFF),
    row("/admin/choose-page/", STAFF),
    row("/admin/api/main/pages/", STAFF),
    row("/admin/workflows/list/", SECRETARIATE),
    row("/admin/redirects/", SECRETARIATE),
    row("/admin/collections/", "302 302 302 302 302 302 200 302"),
]

ROWS = SITE + OPEN_DATA + API + ACCOUNTS + PORTAL + ADMIN + CATCH_ALL_ROWS
