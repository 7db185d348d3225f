"""The demo district's applications (enrolment.toml): the membership terms in
every language and one application in each state, moved through the
enrolment services; then the join page and the member directory (pages.toml)."""

from django.utils import timezone
from wagtail.models import Page

from bid import demo, languages
from members.accounts import demo as people
from members.enrolment import services
from members.enrolment.models import Agreement, MembershipTerms
from members.enrolment.pages import JoinPage, MemberDirectoryPage
from members.organisations.models import Organisation, OrganisationMember


def _terms(spec: dict) -> MembershipTerms:
    """The terms in force, written once (no service writes terms: the board
    edits them in the admin)."""
    source = MembershipTerms.objects.filter(
        locale__language_code=languages.default()
    ).first()
    if source is not None:
        return source
    source = MembershipTerms.objects.create(
        locale=demo.locale(languages.default()),
        version=spec["version"],
        title=spec["title"][languages.default()],
        body=spec["body"][languages.default()],
        effective_from=spec["effective_from"],
    )
    for code in languages.translations():
        translation = source.copy_for_translation(demo.locale(code))
        translation.title = spec["title"][code]
        translation.body = spec["body"][code]
        translation.save()
    return source


def _applicant(organisation: Organisation):
    """The administrator who registered the organisation."""
    return (
        organisation.members.filter(role=OrganisationMember.Role.ADMIN)
        .order_by("pk")
        .first()
        .user
    )


def load(*, home: Page) -> None:
    """Each organisation's application once, then the renewals since."""
    spec = demo.data(__file__, "enrolment")
    board = people.person("styrelse")
    secretariat = people.person("sekretariat")
    terms = _terms(spec["terms"])
    for entry in spec["applications"]:
        organisation = Organisation.objects.get(legal_name=entry["organisation"])
        if organisation.enrolments.exists():
            continue
        applicant = _applicant(organisation)
        enrolment = services.enrolment_start(organisation=organisation, by=applicant)
        services.enrolment_update(
            enrolment=enrolment,
            by=applicant,
            property_ids=list(
                organisation.properties.order_by("pk").values_list("pk", flat=True)
            ),
        )
        if entry["state"] == "draft":
            continue
        services.enrolment_submit(
            enrolment=enrolment, by=applicant, terms=terms, accept_terms=True
        )
        if entry["state"] == "member":
            services.enrolment_approve(
                enrolment=enrolment, by=board, starts_on=entry["starts_on"]
            )
        elif entry["state"] == "needs_information":
            services.enrolment_request_information(
                enrolment=enrolment, by=secretariat, comment=entry["request"]
            )
        elif entry["state"] == "rejected":
            services.enrolment_reject(
                enrolment=enrolment, by=board, reason=entry["reason"]
            )
    # Agreements adopted long ago have renewed since, as the daily job records.
    for agreement in Agreement.objects.all():
        services.agreement_roll_forward(agreement=agreement, today=timezone.localdate())
    pages = demo.data(__file__, "pages")
    for model, text in (
        (JoinPage, pages["join"]),
        (MemberDirectoryPage, pages["directory"]),
    ):
        demo.page_in_every_language(
            parent=home, model=model, text=text, show_in_menus=True
        )
