"""One district with two member organisations, built once for the whole matrix.

Member A has an administrator and a contact and owns the private records the
matrix probes (drafts, invoices, receipts, people, invitations, an application,
action items, notifications); member B is an administrator of another member
organisation who must never see them.
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
)

from bid import events
from home.models import AnnualReportIndexPage, AnnualReportPage
from members.agreements.models import Agreement as PartyAgreement
from members.agreements.models import AgreementDocument
from members.agreements.models import Obligation as AgreementObligation
from members.areas import services as area_services
from members.areas.models import Observation
from members.auditing.models import AuditorGrant
from members.contributions import services as contribution_services
from members.contributions.models import (
    BankImport,
    Contribution,
    ContributionScheme,
)
from members.enrolment.models import Agreement, Enrolment
from members.enrolment.pages import JoinPage, MemberDirectoryPage
from members.meetings.models import (
    Meeting,
    MeetingAdjuster,
    MeetingAttachment,
    Visibility,
)
from members.notifications.models import Notification
from members.notifications.services import unsubscribe_token
from members.organisations import services as organisation_services
from members.organisations.models import OrganisationMember
from members.premises.models import Premises, PremisesRequest
from members.premises.pages import PremisesIndexPage
from members.projects.models import Evaluation, Milestone, ProjectIndicator
from members.projects.pages import LessonsIndexPage
from members.proposals.models import Proposal
from members.proposals.pages import ProjectIndexPage
from members.proposals.services import attachment_add
from tests.factories.accounts import (
    AdminUserFactory,
    BoardUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
)
from tests.factories.areas import area
from tests.factories.auditing import auditor
from tests.factories.contributions import SchemeFactory, member
from tests.factories.meetings import (
    BodyFactory,
    MeetingFactory,
    meeting_index,
    published_meeting,
)
from tests.factories.organisations import (
    EnrolmentFactory,
    MembershipTermsFactory,
    OrganisationMemberFactory,
    PropertyFactory,
)
from tests.factories.pages import StandardPageFactory, site_home
from tests.factories.plan import (
    IndicatorFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PriorityPageFactory,
    plan_with_priorities,
)
from tests.factories.proposals import ProposalFactory

PDF = b"%PDF-1.4\n%%EOF\n"


def build_world() -> tuple[dict, dict]:
    """Create the records; return the ids to fill rows with and the role users."""
    board = BoardUserFactory()
    secretariat = SecretariatUserFactory()
    superuser = AdminUserFactory()

    # The public site.
    home = site_home()
    plan, _ = plan_with_priorities(home, 0)
    priority = PriorityPageFactory(parent=plan, slug="published")
    draft_priority = PriorityPageFactory(parent=plan, slug="draft")
    draft_priority.unpublish()
    news_index = NewsIndexPageFactory(parent=home)
    news = NewsPageFactory(parent=news_index, slug="nyhet")
    about = StandardPageFactory(parent=home)
    home.add_child(instance=JoinPage(title="Bli medlem", slug="bli-medlem"))
    home.add_child(instance=MemberDirectoryPage(title="Medlemmar", slug="medlemmar"))
    home.add_child(instance=ProjectIndexPage(title="Projekt", slug="projekt"))
    # The activity reports: 2026 published, 2025 still a draft.
    reports = AnnualReportIndexPage(
        title="Verksamhetsberättelser", slug="verksamhetsberattelser"
    )
    home.add_child(instance=reports)
    for year, live in ((2026, True), (2025, False)):
        reports.add_child(
            instance=AnnualReportPage(
                title=f"Verksamhetsberättelse {year}",
                slug=str(year),
                year=year,
                summary="Året i korthet.",
                live=live,
            )
        )
    MembershipTermsFactory()

    # Two member organisations; A has an administrator and a contact.
    org_a, admin_a = member(legal_name="Alfa Fastigheter AB")
    contact_a = MemberUserFactory()
    OrganisationMemberFactory(
        organisation=org_a, user=contact_a, role=OrganisationMember.Role.CONTACT
    )
    contact_membership = OrganisationMember.objects.get(user=contact_a)
    org_b, admin_b = member(legal_name="Beta Fastigheter AB")
    property_a = org_a.properties.get()
    spare_property_a = PropertyFactory(owner=org_a)
    premises_a = Premises.objects.create(
        property=property_a, name="Alfa, butik", use="shop", floor_area_m2=100
    )
    premises_request_a = PremisesRequest.objects.create(
        organisation=org_a, created_by=admin_a, use="office", min_m2=50
    )
    invitation = organisation_services.invitation_create(
        organisation=org_a, by=admin_a, email="guest@example.org", role="contact"
    )
    enrolment_a = Enrolment.objects.get(organisation=org_a)
    draft_enrolment_a = EnrolmentFactory(organisation=org_a, applicant=admin_a)
    today = timezone.localdate()
    agreement_a = Agreement.objects.create(
        membership=enrolment_a.membership,
        signed_on=today,
        term_months=12,
        notice_months=3,
        renewal_date=today + datetime.timedelta(days=365),
    )

    # Contributions: an invoice for each member, and a receipt for A.
    SchemeFactory()
    scheme = ContributionScheme.objects.get()
    contribution_services.contributions_issue(
        scheme=scheme, on=datetime.date(2026, 1, 15)
    )
    contribution_a = Contribution.objects.get(organisation=org_a)
    entry_a, _ = contribution_services.entry_record(
        contribution=contribution_a,
        kind="bank_payment",
        source="bank",
        external_id="b1",
        amount_minor=100,
        occurred_on=datetime.date(2026, 2, 1),
    )
    run = scheme.runs.first()
    # A bank file and a payment it could not place, for the review queue.
    bank_import = BankImport.objects.create(
        file_name="world.xml", sha256="0" * 64, format="camt054"
    )
    review, _ = contribution_services.review_open(
        source="bank",
        reason="unmatched",
        external_id="world-1",
        amount_minor=5000,
        currency="SEK",
    )
    # A's invoice of an earlier year, voided with a credit note.
    earlier = SchemeFactory(year=2025, due_date=datetime.date(2025, 3, 31))
    contribution_services.contributions_issue(
        scheme=earlier, on=datetime.date(2025, 1, 15)
    )
    voided_a = Contribution.objects.get(organisation=org_a, year=2025)
    contribution_services.contribution_void(
        contribution=voided_a, by=superuser, reason="Fel yta"
    )

    # Proposals: A's draft (private to A) and A's submitted one (members see it).
    proposal_draft = ProposalFactory(
        organisation=org_a, author=admin_a, priority=priority
    )
    # Deleting a draft deletes its files, which no rollback brings back.
    spare_draft = ProposalFactory(organisation=org_a, author=admin_a, priority=priority)
    proposal_submitted = ProposalFactory(
        organisation=org_a,
        author=admin_a,
        priority=priority,
        status=Proposal.Status.SUBMITTED,
    )
    proposal_accepted = ProposalFactory(
        organisation=org_b,
        author=admin_b,
        priority=priority,
        status=Proposal.Status.ACCEPTED,
    )
    proposal_attachment = attachment_add(
        proposal=proposal_draft,
        by=admin_a,
        upload=SimpleUploadedFile("a.pdf", PDF),
    )
    # B's closed projects in the library of lessons: one case public, one
    # for members.
    home.add_child(instance=LessonsIndexPage(title="Lärdomar", slug="lardomar"))
    home.add_child(
        instance=PremisesIndexPage(title="Lediga lokaler", slug="lediga-lokaler")
    )
    lessons = {}
    for visibility in ("public", "members"):
        closed = ProposalFactory(
            organisation=org_b,
            author=admin_b,
            priority=priority,
            status=Proposal.Status.COMPLETED,
        )
        lessons[visibility] = Evaluation.objects.create(
            project=closed,
            what_was_done="Lampor",
            cost_minor=100,
            visibility=visibility,
        )

    # Meetings of each audience; A's administrator adjusts the members' minutes.
    meeting_index(home)
    body = BodyFactory(slug="styrelsen")
    public_meeting = published_meeting(body=body)
    members_meeting = published_meeting(body=body, visibility=Visibility.MEMBERS)
    board_meeting = published_meeting(body=body, visibility=Visibility.BOARD)
    adjusted_meeting = MeetingFactory(body=body, visibility=Visibility.MEMBERS)
    MeetingAdjuster.objects.create(meeting=adjusted_meeting, user=admin_a)
    # Board-only minutes A's administrator adjusts: out for adjustment, and published.
    board_adjusting = MeetingFactory(
        body=body, visibility=Visibility.BOARD, status=Meeting.Status.MINUTES_DRAFTED
    )
    MeetingAdjuster.objects.create(meeting=board_adjusting, user=admin_a)
    board_adjusted = published_meeting(
        body=body, visibility=Visibility.BOARD, adjusters=[admin_a]
    )
    planned_meeting = MeetingFactory(body=body)
    files = {}
    for key, meeting in (
        ("public", public_meeting),
        ("board", board_meeting),
        ("board_adjusting", board_adjusting),
        ("board_adjusted", board_adjusted),
    ):
        attachment = MeetingAttachment(
            meeting=meeting, title=key, content_type="application/pdf", size=len(PDF)
        )
        attachment.file.save("a.pdf", ContentFile(PDF), save=True)
        files[key] = attachment.pk

    # The weekly work: A is the party of an area, with an action and a walk.
    centrum = area("Centrum", org_a)
    action_a = area_services.action_create(
        by=secretariat,
        area=centrum,
        addressed_to=org_a,
        title="Punkt",
        due_date=today + datetime.timedelta(days=3),
    )
    walk = area_services.walk_create(
        by=secretariat, area=centrum, date=today, route="Runt", parties=[org_a]
    )
    observation = Observation(
        walk=walk,
        category=Observation.Category.choices[0][0],
        description="Trasig lampa",
        land_owner=org_a,
        recorded_by=secretariat,
    )
    observation.photo.save("p.png", get_test_image_file(), save=False)
    observation.save()
    year, week = today.isocalendar()[:2]
    report, _ = area_services.report_save(
        by=admin_a,
        organisation=org_a,
        area=centrum,
        year=year,
        week=week,
        colour="green",
        score=4,
    )
    area_services.week_consolidate(by=secretariat, year=year, week=week, decisions={})

    # A notification for A's administrator.
    events.publish(
        "meeting.cancelled", subject=body, visibility="public", recipients=[admin_a]
    )
    notification_a = Notification.objects.filter(user=admin_a).latest("pk")

    # Wagtail's own records: a document and an image.
    document = get_document_model().objects.create(title="Plan")
    document.file.save("plan.pdf", ContentFile(PDF), save=True)
    collection = Collection.get_first_root_node().add_child(name="Styrelsen")
    document_restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="hemligt"
    )
    secret = StandardPageFactory(parent=home, title="Hemlig", slug="hemlig")
    page_restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type="password", password="hemligt"
    )
    image = get_image_model().objects.create(title="Bild", file=get_test_image_file())

    indicator = IndicatorFactory(priority=priority)
    milestone = Milestone.objects.create(
        project=proposal_accepted, title="Upphandling", due_on=datetime.date(2026, 5, 1)
    )
    project_indicator = ProjectIndicator.objects.create(
        project=proposal_accepted,
        indicator=indicator,
        baseline_value=10,
        baseline_date=datetime.date(2026, 1, 1),
        target_value=20,
        target_date=datetime.date(2027, 1, 1),
    )
    party_agreement = PartyAgreement.objects.create(
        title="Hyra", counterparty=org_a, kind="lease", starts_on=today
    )
    agreement_obligation = AgreementObligation.objects.create(
        agreement=party_agreement, title="Rapport", due_on=today
    )
    party_document = AgreementDocument.objects.create(
        agreement=party_agreement,
        title="Avtal",
        file=ContentFile(PDF, name="avtal.pdf"),
    )
    # An agreement that ended years ago: outside the auditor's year.
    ended_agreement = PartyAgreement.objects.create(
        title="Bevakning",
        counterparty_name="Vakt AB",
        kind="service",
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2020, 12, 31),
    )
    # The auditor may read this calendar year's books, not last year's.
    audit_year = timezone.localdate().year
    auditor_user = auditor(first_year=audit_year)
    grant = AuditorGrant.objects.get(user=auditor_user)
    ids = {
        "home_id": home.pk,
        "plan_id": plan.pk,
        "priority_id": priority.pk,
        "news_id": news.pk,
        "about_id": about.pk,
        "indicator_id": indicator.pk,
        "draft_indicator_id": IndicatorFactory(priority=draft_priority).pk,
        "org_a": org_a.pk,
        "org_b": org_b.pk,
        "property_a": property_a.pk,
        "spare_property_a": spare_property_a.pk,
        "premises_a": premises_a.pk,
        "premises_request_a": premises_request_a.pk,
        "contact_membership": contact_membership.pk,
        "invitation_a": invitation.pk,
        "invitation_token": invitation.token,
        "enrolment_a": enrolment_a.pk,
        "draft_enrolment_a": draft_enrolment_a.pk,
        "agreement_a": agreement_a.pk,
        "terms_id": MembershipTermsFactory._meta.model.objects.get().pk,
        "scheme_id": scheme.pk,
        "run_id": run.pk,
        "bank_import_id": bank_import.pk,
        "review_id": review.pk,
        "contribution_a": contribution_a.pk,
        "receipt_a": entry_a.pk,
        "voided_a": voided_a.pk,
        "proposal_draft_a": proposal_draft.pk,
        "proposal_submitted_a": proposal_submitted.pk,
        "spare_draft_a": spare_draft.pk,
        "proposal_accepted_b": proposal_accepted.pk,
        "proposal_attachment_a": proposal_attachment.pk,
        "lesson_public": lessons["public"].pk,
        "lesson_members": lessons["members"].pk,
        "closed_project": lessons["public"].project_id,
        "milestone_id": milestone.pk,
        "project_indicator_id": project_indicator.pk,
        "party_agreement": party_agreement.pk,
        "agreement_obligation": agreement_obligation.pk,
        "party_document": party_document.pk,
        "ended_agreement": ended_agreement.pk,
        "audit_year": audit_year,
        "unaudited_year": audit_year - 1,
        "auditor_grant": grant.pk,
        "auditor_user": auditor_user.pk,
        "body_id": body.pk,
        "public_meeting": public_meeting.pk,
        "members_meeting": members_meeting.pk,
        "board_meeting": board_meeting.pk,
        "adjusted_meeting": adjusted_meeting.pk,
        "board_adjusting": board_adjusting.pk,
        "board_adjusted": board_adjusted.pk,
        "board_adjusting_file": files["board_adjusting"],
        "board_adjusted_file": files["board_adjusted"],
        "planned_meeting": planned_meeting.pk,
        "public_file": files["public"],
        "board_file": files["board"],
        "public_decision": public_meeting.decisions.get().pk,
        "board_decision": board_meeting.decisions.get().pk,
        "area_id": centrum.pk,
        "action_a": action_a.pk,
        "walk_id": walk.pk,
        "observation_id": observation.pk,
        "report_id": report.pk,
        "year": year,
        "week": week,
        "notification_a": notification_a.pk,
        "unsubscribe_token": unsubscribe_token(admin_a),
        "document_id": document.pk,
        "document_file": document.filename,
        "document_restriction": document_restriction.pk,
        "page_restriction": page_restriction.pk,
        "image_id": image.pk,
        "board_user": board.pk,
    }
    users = {
        "member_a": admin_a,
        "member_a_contact": contact_a,
        "member_b": admin_b,
        "board": board,
        "secretariat": secretariat,
        "admin": superuser,
        "auditor": auditor_user,
    }
    return ids, users
