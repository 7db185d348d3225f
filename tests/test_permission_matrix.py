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


EVERYONE = ("anonymous", "member", "board", "secretariat", "admin")
STAFF_ONLY = {
    "anonymous": FOUND,
    "member": FOUND,
    "board": OK,
    "secretariat": OK,
    "admin": OK,
}

# Rows that need the plan: {plan_id} and {indicator_id} are filled in by the fixture.
PLAN_ROWS = [
    Row("/plan/", dict.fromkeys(EVERYONE, OK)),
    Row("/plan/history/", dict.fromkeys(EVERYONE, OK)),
    Row("/plan/published/", dict.fromkeys(EVERYONE, OK)),
    # Drafts are previewed in the admin, never served on the site, whoever asks.
    Row("/plan/draft/", dict.fromkeys(EVERYONE, NOT_FOUND)),
    Row("/charts/indicators/{indicator_id}.svg", dict.fromkeys(EVERYONE, OK)),
    Row(
        "/charts/indicators/{draft_indicator_id}.svg",
        dict.fromkeys(EVERYONE, NOT_FOUND),
    ),
    Row("/api/v1/priorities/", dict.fromkeys(EVERYONE, OK)),
    Row("/api/v1/openapi.json", dict.fromkeys(EVERYONE, OK)),
    Row("/api/", dict.fromkeys(EVERYONE, OK)),
    Row("/nyheter/feed/", dict.fromkeys(EVERYONE, OK)),
    # The board edits; members never reach the admin.
    Row("/admin/plan/{plan_id}/rank/", STAFF_ONLY),
    Row("/admin/pages/{plan_id}/edit/", STAFF_ONLY),
    Row("/admin/snippets/home/indicator/", STAFF_ONLY),
    Row(
        "/admin/snippets/home/indicator/edit/{indicator_id}/",
        STAFF_ONLY,
    ),
]


@pytest.fixture
def plan_ids():
    from tests.factories.pages import site_home
    from tests.factories.plan import (
        IndicatorFactory,
        NewsIndexPageFactory,
        PriorityPageFactory,
        plan_with_priorities,
    )

    home = site_home()
    plan, _ = plan_with_priorities(home, 0)
    published = PriorityPageFactory(parent=plan, slug="published")
    draft = PriorityPageFactory(parent=plan, slug="draft")
    draft.unpublish()
    NewsIndexPageFactory(parent=home)
    return {
        "plan_id": plan.pk,
        "indicator_id": IndicatorFactory(priority=published).pk,
        "draft_indicator_id": IndicatorFactory(priority=draft).pk,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=str)
def test_permission_matrix(client_for, row):
    assert_row(client_for, row)


@pytest.mark.django_db
@pytest.mark.parametrize("row", PLAN_ROWS, ids=str)
def test_permission_matrix_of_the_plan(client_for, plan_ids, row):
    assert_row(client_for, row.with_ids(plan_ids))


# Membership: the portal is for signed-in people; reviewing is for the board and
# secretariat; changing organisations in the admin is for the secretariat.
SIGNED_IN = {
    "anonymous": FOUND,
    "member": OK,
    "board": OK,
    "secretariat": OK,
    "admin": OK,
}
SECRETARIAT_ONLY = {
    "anonymous": FOUND,
    "member": FOUND,
    "board": FOUND,
    "secretariat": OK,
    "admin": OK,
}
MEMBER_ROWS = [
    Row("/portal/", SIGNED_IN),
    Row("/portal/organisations/new/", SIGNED_IN),
    Row("/accounts/data/", SIGNED_IN),
    Row("/accounts/delete/", SIGNED_IN),
    # Someone else's organisation: not found for everyone in the portal.
    Row(
        "/portal/organisations/{org_id}/",
        {
            **SIGNED_IN,
            **dict.fromkeys(("member", "board", "secretariat", "admin"), NOT_FOUND),
        },
    ),
    Row("/admin/enrolment_review/", STAFF_ONLY),
    Row("/admin/enrolment_review/inspect/{enrolment_id}/", STAFF_ONLY),
    Row("/admin/organisations/", STAFF_ONLY),
    Row("/admin/organisations/edit/{org_id}/", SECRETARIAT_ONLY),
    Row("/admin/properties/edit/{property_id}/", SECRETARIAT_ONLY),
    Row("/admin/snippets/enrolment/membershipterms/", STAFF_ONLY),
    Row("/admin/snippets/enrolment/membershipterms/add/", SECRETARIAT_ONLY),
    Row("/bli-medlem/", dict.fromkeys(EVERYONE, OK)),
    Row("/medlemmar/", dict.fromkeys(EVERYONE, OK)),
]


@pytest.fixture
def member_ids():
    from home.models import JoinPage, MemberDirectoryPage
    from tests.factories.organisations import (
        EnrolmentFactory,
        PropertyFactory,
        organisation_with_admin,
    )
    from tests.factories.pages import site_home

    home = site_home()
    home.add_child(instance=JoinPage(title="Bli medlem", slug="bli-medlem"))
    home.add_child(instance=MemberDirectoryPage(title="Medlemmar", slug="medlemmar"))
    organisation, applicant = organisation_with_admin()
    return {
        "org_id": organisation.pk,
        "property_id": PropertyFactory(owner=organisation).pk,
        "enrolment_id": EnrolmentFactory(
            organisation=organisation, applicant=applicant, status="submitted"
        ).pk,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("row", MEMBER_ROWS, ids=str)
def test_permission_matrix_of_membership(client_for, member_ids, row):
    assert_row(client_for, row.with_ids(member_ids))


# Contributions: a member sees only its own; the board follows; the webhook is
# POST-only.
OTHERS_ONLY_404 = {
    "anonymous": FOUND,
    **dict.fromkeys(("member", "board", "secretariat", "admin"), NOT_FOUND),
}
CONTRIBUTION_ROWS = [
    Row("/portal/contributions/", SIGNED_IN),
    Row("/portal/contributions/{contribution_id}/", OTHERS_ONLY_404),
    Row("/portal/contributions/{contribution_id}/pay/", OTHERS_ONLY_404),
    Row("/portal/receipts/{entry_id}/", OTHERS_ONLY_404),
    Row("/admin/contributions/overview/", STAFF_ONLY),
    Row("/admin/contributions/", STAFF_ONLY),
    Row("/admin/contributions/inspect/{contribution_id}/", STAFF_ONLY),
    Row("/admin/contribution_schemes/", STAFF_ONLY),
    Row("/admin/contributions/export/2026.csv", STAFF_ONLY),
    Row("/stripe/webhook/", dict.fromkeys(EVERYONE, 405)),
]


@pytest.fixture
def contribution_ids():
    import datetime

    from members.contributions import services
    from members.contributions.models import Contribution, ContributionScheme
    from tests.factories.contributions import SchemeFactory, member

    SchemeFactory()
    member()
    services.contributions_issue(
        scheme=ContributionScheme.objects.get(), on=datetime.date(2026, 1, 15)
    )
    contribution = Contribution.objects.get()
    entry, _ = services.entry_record(
        contribution=contribution,
        kind="bank_payment",
        source="bank",
        external_id="b1",
        amount_minor=100,
        occurred_on=datetime.date(2026, 2, 1),
    )
    return {"contribution_id": contribution.pk, "entry_id": entry.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("row", CONTRIBUTION_ROWS, ids=str)
def test_permission_matrix_of_contributions(client_for, contribution_ids, row):
    assert_row(client_for, row.with_ids(contribution_ids))


# Meetings: the audience decides; "member" here is a person without a member
# organisation, so members' meetings answer 404 for them as for visitors.
PUBLIC_PAGE = dict.fromkeys(EVERYONE, OK)
STAFF_PAGE = {
    "anonymous": NOT_FOUND,
    "member": NOT_FOUND,
    "board": OK,
    "secretariat": OK,
    "admin": OK,
}
ADJUSTERS_ONLY = {
    "anonymous": FOUND,
    **dict.fromkeys(("member", "board", "secretariat", "admin"), NOT_FOUND),
}
MEETING_ROWS = [
    Row("/moten/", PUBLIC_PAGE),
    Row("/moten/{public_id}/", PUBLIC_PAGE),
    Row("/moten/{public_id}/1/", PUBLIC_PAGE),
    Row("/moten/{public_id}/pdf/", PUBLIC_PAGE),
    Row("/moten/{members_id}/", STAFF_PAGE),
    Row("/moten/{members_id}/1/", STAFF_PAGE),
    Row("/moten/{members_id}/pdf/", STAFF_PAGE),
    Row("/moten/{board_id}/", STAFF_PAGE),
    Row("/moten/{board_id}/1/", STAFF_PAGE),
    Row("/moten/decisions/", PUBLIC_PAGE),
    Row("/moten/decisions/feed/", PUBLIC_PAGE),
    Row("/moten/calendar/", PUBLIC_PAGE),
    Row("/moten/styrelsen/calendar/", PUBLIC_PAGE),
    Row("/api/v1/meetings/", PUBLIC_PAGE),
    Row("/api/v1/meetings/{public_id}", PUBLIC_PAGE),
    Row("/api/v1/meetings/{members_id}", dict.fromkeys(EVERYONE, NOT_FOUND)),
    Row("/api/v1/meetings/{board_id}", dict.fromkeys(EVERYONE, NOT_FOUND)),
    Row("/api/v1/decisions/", PUBLIC_PAGE),
    Row("/portal/adjustments/", SIGNED_IN),
    Row("/portal/adjustments/{members_id}/", ADJUSTERS_ONLY),
    Row("/portal/adjustments/{members_id}/approve/", ADJUSTERS_ONLY, method="post"),
    Row("/admin/meetings/records/", STAFF_ONLY),
    Row("/admin/meetings/records/inspect/{board_id}/", STAFF_ONLY),
    Row("/admin/meetings/records/edit/{planned_id}/", STAFF_ONLY),
    Row("/admin/meetings/records/new/", STAFF_ONLY),
    Row("/admin/meetings/bodies/", STAFF_ONLY),
    Row("/admin/meetings/decisions.csv", STAFF_ONLY),
]


@pytest.fixture
def meeting_ids():
    from members.meetings.models import Visibility
    from tests.factories.meetings import (
        BodyFactory,
        MeetingFactory,
        meeting_index,
        published_meeting,
    )
    from tests.factories.pages import site_home

    meeting_index(site_home())
    body = BodyFactory(slug="styrelsen")
    return {
        "public_id": published_meeting(body=body).pk,
        "members_id": published_meeting(body=body, visibility=Visibility.MEMBERS).pk,
        "board_id": published_meeting(body=body, visibility=Visibility.BOARD).pk,
        "planned_id": MeetingFactory(body=body).pk,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("row", MEETING_ROWS, ids=str)
def test_permission_matrix_of_meetings(client_for, meeting_ids, row):
    assert_row(client_for, row.with_ids(meeting_ids))


# The weekly work: members and parties see the picture; only parties report;
# the secretariat consolidates; action items answer 404 outside their parties.
PARTIES_ONLY = {
    "anonymous": FOUND,
    "member": FORBIDDEN,
    "board": OK,
    "secretariat": OK,
    "admin": OK,
}
SITUATION_ROWS = [
    Row("/portal/situation/", PARTIES_ONLY),
    Row("/portal/situation/trend.svg", PARTIES_ONLY),
    Row(
        "/portal/situation/report/",
        {
            "anonymous": FOUND,
            **dict.fromkeys(("member", "board", "secretariat", "admin"), FORBIDDEN),
        },
    ),
    Row("/portal/actions/", PARTIES_ONLY),
    Row(
        "/portal/actions/{action_id}/",
        {
            "anonymous": FOUND,
            "member": NOT_FOUND,
            "board": OK,
            "secretariat": OK,
            "admin": OK,
        },
    ),
    Row("/portal/walks/", PARTIES_ONLY),
    Row(
        "/portal/walks/{walk_id}/",
        {
            "anonymous": FOUND,
            "member": NOT_FOUND,
            "board": OK,
            "secretariat": OK,
            "admin": OK,
        },
    ),
    Row("/admin/situation/areas/", STAFF_ONLY),
    Row("/admin/situation/actions/", STAFF_ONLY),
    Row("/admin/situation/walks/", STAFF_ONLY),
    Row("/admin/situation/reports/", STAFF_ONLY),
    Row("/admin/situation/weeks/", {**STAFF_ONLY, "board": FOUND}),
    Row("/admin/situation/weeks/{year}/{week}/", {**STAFF_ONLY, "board": FOUND}),
]


@pytest.fixture
def situation_ids():
    import datetime

    from django.utils import timezone

    from members.areas import services
    from tests.factories.accounts import SecretariatUserFactory
    from tests.factories.areas import area
    from tests.factories.contributions import member

    organisation, _user = member(legal_name="Parten AB")
    centrum = area("Centrum", organisation)
    secretary = SecretariatUserFactory()
    item = services.action_create(
        by=secretary,
        area=centrum,
        addressed_to=organisation,
        title="Punkt",
        due_date=timezone.localdate() + datetime.timedelta(days=3),
    )
    walk = services.walk_create(
        by=secretary,
        area=centrum,
        date=timezone.localdate(),
        route="Runt",
        parties=[organisation],
    )
    year, week = timezone.localdate().isocalendar()[:2]
    services.week_consolidate(by=secretary, year=year, week=week, decisions={})
    return {"action_id": item.pk, "walk_id": walk.pk, "year": year, "week": week}


@pytest.mark.django_db
@pytest.mark.parametrize("row", SITUATION_ROWS, ids=str)
def test_permission_matrix_of_the_situation(client_for, situation_ids, row):
    assert_row(client_for, row.with_ids(situation_ids))


SIGNED_IN = {
    "anonymous": FOUND,
    **dict.fromkeys(("member", "board", "secretariat", "admin"), OK),
}
EVERYONE = dict.fromkeys(("anonymous", "member", "board", "secretariat", "admin"), OK)

NOTIFICATION_ROWS = [
    Row("/portal/notifications/", SIGNED_IN),
    Row("/en/portal/notifications/", SIGNED_IN),
    Row("/portal/notifications/settings/", SIGNED_IN),
    # Someone else's notification does not exist for anybody but its reader.
    Row(
        "/portal/notifications/{notification_id}/",
        {
            "anonymous": FOUND,
            **dict.fromkeys(("member", "board", "secretariat", "admin"), NOT_FOUND),
        },
    ),
    # The unsubscribe link is its own credential: no login needed.
    Row("/portal/digest/unsubscribe/{token}/", EVERYONE),
    Row(
        "/portal/digest/unsubscribe/forged/",
        dict.fromkeys(("anonymous", "member", "board", "secretariat", "admin"), 400),
    ),
    Row("/open-data/", EVERYONE),
    Row("/en/open-data/", EVERYONE),
    Row("/open-data/decisions.csv", EVERYONE),
]


@pytest.fixture
def notification_ids():
    from bid import events
    from members.notifications.models import Notification
    from members.notifications.services import unsubscribe_token
    from tests.factories.accounts import UserFactory
    from tests.factories.meetings import BodyFactory

    reader = UserFactory()
    body = BodyFactory()
    events.publish(
        "meeting.cancelled", subject=body, visibility="public", recipients=[reader]
    )
    return {
        "notification_id": Notification.objects.get(user=reader).pk,
        "token": unsubscribe_token(reader),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("row", NOTIFICATION_ROWS, ids=str)
def test_permission_matrix_of_notifications(client_for, notification_ids, row):
    assert_row(client_for, row.with_ids(notification_ids))
