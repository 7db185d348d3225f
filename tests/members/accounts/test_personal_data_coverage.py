"""Every foreign key to the user is in a person's download, or it is said why not."""

import datetime
import json

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from home.management.commands.load_demo_data import DEMO_DOMAIN
from home.models import RankingChange
from members.accounts import personal_data
from members.agreements.models import Agreement as RegisteredAgreement
from members.agreements.models import FollowUp
from members.areas.models import (
    ActionItem,
    ActionUpdate,
    Observation,
    SafetyWalk,
    WeeklyReport,
    WeekPicture,
)
from members.auditing.models import AuditorGrant, AuditView
from members.contributions import services as contribution_services
from members.contributions.models import (
    BankImport,
    Contribution,
    CreditNote,
    InvoicingRun,
    LedgerEntry,
    PaymentAttempt,
    PaymentReview,
)
from members.enrolment.models import Agreement, Enrolment, EnrolmentTransition
from members.meetings.models import (
    AgendaItem,
    BodyMember,
    MeetingAdjuster,
    MeetingEvent,
    MinutesRevision,
)
from members.notifications.models import (
    Digest,
    Event,
    Follow,
    Notification,
    Preference,
)
from members.organisations.models import Invitation, PropertyOwnership
from members.premises.models import PremisesRequest
from members.projects.models import Evaluation, Expenditure, FundingLine, Milestone
from members.proposals.models import (
    ProgressUpdate,
    ProposalAttachment,
    ProposalComment,
    ProposalSupport,
    ProposalTransition,
)
from tests.factories.accounts import MemberUserFactory, UserFactory
from tests.factories.areas import area
from tests.factories.contributions import SchemeFactory, member
from tests.factories.meetings import MeetingFactory
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

OUR_APPS = ("bid", "home", "members", "search")

# What outside libraries keep about the person that the download includes.
THIRD_PARTY_EXPORTED = {
    "account.EmailAddress.user",
    "mfa.Authenticator.user",
    "wagtailusers.UserProfile.user",
}
# The Wagtail admin's own records of editorial work, kept by the admin's
# history and workflows. Only board, secretariat and administrators use the
# admin, and they see these records there.
WAGTAIL_EDITORIAL = "the Wagtail admin's editorial history, seen in the admin"
THIRD_PARTY_NOT_EXPORTED = {
    "wagtailcore.Page.owner": WAGTAIL_EDITORIAL,
    "wagtailcore.Page.locked_by": WAGTAIL_EDITORIAL,
    "wagtailcore.Revision.user": WAGTAIL_EDITORIAL,
    "wagtailcore.PageLogEntry.user": WAGTAIL_EDITORIAL,
    "wagtailcore.ModelLogEntry.user": WAGTAIL_EDITORIAL,
    "wagtailcore.WorkflowState.requested_by": WAGTAIL_EDITORIAL,
    "wagtailcore.TaskState.finished_by": WAGTAIL_EDITORIAL,
    "wagtailcore.Comment.user": WAGTAIL_EDITORIAL,
    "wagtailcore.Comment.resolved_by": WAGTAIL_EDITORIAL,
    "wagtailcore.CommentReply.user": WAGTAIL_EDITORIAL,
    "wagtailcore.PageSubscription.user": WAGTAIL_EDITORIAL,
    "wagtailcore.UploadedFile.uploaded_by_user": WAGTAIL_EDITORIAL,
    "wagtaildocs.Document.uploaded_by_user": WAGTAIL_EDITORIAL,
    "wagtailimages.Image.uploaded_by_user": WAGTAIL_EDITORIAL,
    "wagtailadmin.EditingSession.user": "who has a page open right now; expires",
    "wagtailadmin.FormState.user": "an unsaved admin form; expires",
    "wagtailcore.APIToken.user": "a secret credential, never exported",
}


def _ours(model) -> bool:
    name = model._meta.app_config.name
    return any(name == app or name.startswith(f"{app}.") for app in OUR_APPS)


def _label(model, field: str) -> str:
    return f"{model._meta.label}.{field}"


def foreign_keys_to_the_user() -> dict[str, tuple]:
    """Every field a concrete model declares that points at the user."""
    user_model = get_user_model()
    found = {}
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.get_fields():
            if (
                field.concrete
                and field.is_relation
                and field.related_model is user_model
                # Fields a multi-table child inherits belong to its parent.
                and field.model is model
            ):
                found[_label(model, field.name)] = (model, field.name)
    return found


def covered_labels() -> set[str]:
    return {_label(model, field) for model, field in personal_data.covered()}


def test_every_foreign_key_to_the_user_in_our_apps_is_exported():
    ours = {
        label
        for label, (model, _) in foreign_keys_to_the_user().items()
        if _ours(model)
    }
    assert len(ours) > 30
    assert sorted(ours - covered_labels()) == []


def test_the_sign_in_libraries_records_are_exported():
    assert sorted(THIRD_PARTY_EXPORTED - covered_labels()) == []


def test_every_other_library_foreign_key_to_the_user_is_decided():
    third_party = {
        label
        for label, (model, _) in foreign_keys_to_the_user().items()
        if not _ours(model)
    }
    undecided = third_party - THIRD_PARTY_EXPORTED - set(THIRD_PARTY_NOT_EXPORTED)
    assert sorted(undecided) == []
    assert THIRD_PARTY_EXPORTED.isdisjoint(THIRD_PARTY_NOT_EXPORTED)


def test_every_declared_cover_is_a_foreign_key_to_the_user():
    real = set(foreign_keys_to_the_user())
    assert sorted(covered_labels() - real) == []


def held_in_download(client) -> dict:
    response = client.get("/accounts/data/download/")
    assert response.status_code == 200
    return json.loads(response.content)


def records_missing_from(data: dict, user) -> list[str]:
    """The kinds of record the person has more of than their download lists."""
    missing = []
    for registered in personal_data.sections():
        for model, field in registered.covers:
            count = model._default_manager.filter(**{field: user}).count()
            if len(data[registered.name]) < count:
                missing.append(f"{registered.name}: {_label(model, field)}")
    return missing


def one_record_of_every_kind(person):
    """Everything a person can make or be named in, once each."""
    now = timezone.now()
    today = timezone.localdate()
    plan, (priority,) = plan_with_priorities(site_home(), count=1)
    organisation, _ = member(user=person, legal_name="Personens Bolag AB")
    other = UserFactory()
    enrolment = Enrolment.objects.get(organisation=organisation)
    owned = organisation.properties.get()

    # Accounts and the sign-in libraries (EmailAddress and UserProfile exist).
    Authenticator.objects.create(
        user=person, type=Authenticator.Type.TOTP, data={"secret": "TOTPSECRET"}
    )
    # Organisations and enrolment.
    PropertyOwnership.objects.create(
        property=owned,
        organisation=organisation,
        owned_from=datetime.date(2020, 1, 1),
        owned_until=datetime.date(2024, 12, 31),
        recorded_by=person,
    )
    Invitation.objects.create(
        organisation=organisation, email="ny@example.org", invited_by=person
    )
    Invitation.objects.create(
        organisation=organisation,
        email="gammal@example.org",
        accepted_by=person,
        accepted_at=now,
    )
    EnrolmentTransition.objects.create(
        enrolment=enrolment,
        from_status="draft",
        to_status="submitted",
        by=person,
        by_name=str(person),
    )
    Agreement.objects.create(
        membership=enrolment.membership,
        signed_on=today,
        term_months=12,
        notice_months=3,
        renewal_date=today + datetime.timedelta(days=365),
        cancelled_on=today,
        cancelled_by=person,
    )
    # Contributions.
    scheme = SchemeFactory()
    contribution_services.contributions_issue(
        scheme=scheme, on=datetime.date(2026, 1, 15)
    )
    invoice = Contribution.objects.get(organisation=organisation)
    PaymentAttempt.objects.create(
        contribution=invoice,
        amount_minor=100,
        status="failed",
        payment_intent_id="pi_SECRETINTENT",
        started_by=person,
    )
    LedgerEntry.objects.create(
        contribution=invoice,
        kind="bank_payment",
        source="secretariat",
        external_id="manual-1",
        amount_minor=100,
        currency=invoice.currency,
        occurred_on=today,
        recorded_by=person,
    )
    InvoicingRun.objects.create(scheme=scheme, started_by=person)
    CreditNote.objects.create(
        contribution=invoice,
        number="K2026-1",
        year=2026,
        issued_on=today,
        currency=invoice.currency,
        net_minor=100,
        vat_minor=0,
        amount_minor=100,
        reason="Fel yta",
        created_by=person,
    )
    BankImport.objects.create(
        file_name="bgmax.txt", sha256="1" * 64, format="bgmax", imported_by=person
    )
    PaymentReview.objects.create(
        source="bank",
        reason="unmatched",
        external_id="bank-1",
        amount_minor=500,
        currency="SEK",
        status="resolved",
        resolution="accepted",
        resolved_at=now,
        resolved_by=person,
    )
    # Proposals.
    proposal = ProposalFactory(
        organisation=organisation, author=person, priority=priority
    )
    ProposalTransition.objects.create(
        proposal=proposal,
        from_status="draft",
        to_status="submitted",
        by=person,
        by_name=str(person),
    )
    ProposalAttachment.objects.create(
        proposal=proposal,
        file="proposals/plan.pdf",
        original_name="ritning.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=person,
    )
    ProposalSupport.objects.create(
        proposal=proposal, organisation=organisation, user=person
    )
    ProposalComment.objects.create(
        proposal=proposal,
        author=person,
        author_name=str(person),
        organisation=organisation,
        body="Min kommentar",
    )
    ProposalComment.objects.create(
        proposal=proposal,
        author=other,
        author_name=str(other),
        body="Olämpligt",
        hidden_at=now,
        hidden_by=person,
        hidden_reason="Personuppgifter",
    )
    ProgressUpdate.objects.create(
        proposal=proposal, reported_on=today, text="Halvvägs", percent=50, by=person
    )
    # Project follow-up.
    FundingLine.objects.create(
        project=proposal, party="bid", amount_minor=100, recorded_by=person
    )
    Expenditure.objects.create(
        project=proposal,
        spent_on=today,
        description="Armaturer",
        amount_minor=100,
        recorded_by=person,
    )
    Milestone.objects.create(
        project=proposal, title="Upphandling", due_on=today, responsible_user=person
    )
    Evaluation.objects.create(
        project=proposal, what_was_done="Lampor", cost_minor=100, written_by=person
    )
    # Agreements.
    registered = RegisteredAgreement.objects.create(
        title="Bevakning",
        counterparty_name="Vakt AB",
        kind="service",
        starts_on=today,
        responsible=person,
    )
    FollowUp.objects.create(
        agreement=registered,
        year=today.year,
        delivered_as_agreed="yes",
        cost_as_agreed="yes",
        outcome="renew",
        by=person,
    )
    # Meetings.
    meeting = MeetingFactory()
    BodyMember.objects.create(
        body=meeting.body, user=person, name=str(person), role="member"
    )
    MeetingAdjuster.objects.create(meeting=meeting, user=person)
    item = AgendaItem.objects.create(meeting=meeting, sort_order=0, title="Punkt")
    MinutesRevision.objects.create(
        meeting=meeting,
        agenda_item=item,
        previous_minutes="<p>Fel</p>",
        new_minutes="<p>Rätt</p>",
        reason="Stavfel",
        by=person,
        by_name=str(person),
    )
    MeetingEvent.objects.create(
        meeting=meeting, action="held", by=person, by_name=str(person)
    )
    # Areas.
    centre = area("Centrum", organisation)
    WeeklyReport.objects.create(
        organisation=organisation,
        area=centre,
        year=2026,
        week=10,
        colour="green",
        score=1,
        reported_by=person,
    )
    WeekPicture.objects.create(year=2026, week=10, consolidated_by=person)
    action = ActionItem.objects.create(
        title="Laga lampan",
        area=centre,
        addressed_to=organisation,
        due_date=today,
        created_by=person,
    )
    ActionUpdate.objects.create(item=action, status="done", by=person)
    walk = SafetyWalk.objects.create(
        date=today, area=centre, route="Runt torget", created_by=person
    )
    walk.parties.set([organisation])
    Observation.objects.create(
        walk=walk,
        category="lighting",
        description="Trasig lampa",
        address="Torget 1",
        land_owner=organisation,
        recorded_by=person,
    )
    # Notifications.
    proposal_type = ContentType.objects.get_for_model(proposal)
    Follow.objects.create(
        user=person, content_type=proposal_type, object_id=proposal.pk
    )
    event = Event.objects.create(
        kind="proposal.submitted",
        category="proposals",
        content_type=proposal_type,
        object_id=proposal.pk,
        subject_label=proposal.title,
        visibility="members",
        actor=person,
        occurred_at=now,
    )
    Notification.objects.create(user=person, event=event)
    Preference.objects.create(user=person, category="proposals", delivery="none")
    Digest.objects.create(user=person, year=2026, week=10, events=1)
    # The plan.
    RankingChange.objects.create(
        plan_translation_key=plan.translation_key,
        changed_by=person,
        changed_by_name=str(person),
        rationale="Tryggheten först",
        ranking_after=[{"key": str(priority.translation_key), "title": "Trygghet"}],
    )
    # Premises: a search request.
    PremisesRequest.objects.create(
        created_by=person, name="Bageriet", email="bageriet@example.com", use="shop"
    )
    # Audit: given, revoked and used access to the books.
    AuditorGrant.objects.create(
        user=person,
        first_year=today.year,
        last_year=today.year,
        granted_by=person,
        revoked_by=person,
        revoked_at=now,
    )
    AuditView.objects.create(user=person, path="/portal/audit/", status=200)


@pytest.mark.django_db
def test_a_person_with_one_record_of_every_kind_downloads_each_of_them(client_for):
    person = MemberUserFactory()
    one_record_of_every_kind(person)
    unmade = [
        _label(model, field)
        for model, field in personal_data.covered()
        if not model._default_manager.filter(**{field: person}).exists()
    ]
    assert unmade == [], "one_record_of_every_kind() must make these too"

    data = held_in_download(client_for("member", user=person))

    assert [name for name, held in data.items() if not held] == []
    assert records_missing_from(data, person) == []
    assert data["proposal_comments"][0]["comment"] == "Min kommentar"
    assert data["walk_observations"][0]["description"] == "Trasig lampa"
    assert data["priority_ranking_changes"][0]["after"] == ["Trygghet"]
    assert data["two_factor_methods"] == ["totp"]
    text = json.dumps(data)
    for secret in (person.password, "TOTPSECRET", "pi_SECRETINTENT"):
        assert secret not in text
    for token in Invitation.objects.values_list("token", flat=True):
        assert token not in text


@pytest.mark.django_db
def test_each_demo_persons_download_holds_every_record_they_made(client_for, capsys):
    call_command("load_demo_data")
    people = get_user_model().objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
    assert people.count() >= 10
    for person in people:
        data = held_in_download(client_for("member", user=person))
        assert records_missing_from(data, person) == [], person.email
    karin = people.get(email=f"karin@{DEMO_DOMAIN}")
    data = held_in_download(client_for("member", user=karin))
    for kind in ("proposals", "proposal_supports", "weekly_reports", "follows"):
        assert data[kind], kind


@pytest.mark.django_db
def test_the_download_reads_every_section_as_the_section_itself_exports_it():
    # The download reads most sections in one query of JSON rows
    # (personal_data.document); each must come out as its own export gives it.
    person = MemberUserFactory()
    one_record_of_every_kind(person)
    carried = [
        registered for registered in personal_data.sections() if registered.carried
    ]
    assert len(carried) > 20

    data = personal_data.document(user=person)

    for registered in personal_data.sections():
        assert data[registered.name] == registered.export(person), registered.name
