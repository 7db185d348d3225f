"""The demo district: complete, valid, and the same after a second run.

Loading takes seconds, so every test shares one load, made once for the module
inside a transaction that is rolled back at its end; each test runs in a
savepoint of its own within it (the second run too).
"""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import formats, timezone, translation
from PIL import Image
from wagtail.models import Page

from bid.money import format_money
from home.indicators import Status
from home.management.commands.load_demo_data import DEMO_DOMAIN, DEMO_PASSWORD
from home.models import (
    AnnualReportPage,
    DistrictPlanPage,
    DistrictSettings,
    HomePage,
    Indicator,
    NewsPage,
    RankingChange,
    StandardPage,
)
from home.selectors import priorities_ranked
from members.agreements.models import Agreement
from members.areas.models import Observation
from members.contributions import sie
from members.contributions.models import (
    BankImport,
    Contribution,
    CreditNote,
    InvoiceSettings,
    PaymentReview,
)
from members.contributions.peppol import invoice_xml
from members.contributions.selectors import years_overview
from members.meetings.models import Decision, Meeting
from members.premises.models import Premises, VacancyIndicator
from members.proposals.models import Proposal
from search.backends import get_search_backend
from search.backends.base import SearchRequest
from search.documents import Audience

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.proxy
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """What the command printed; the district stays until the module ends."""
    output = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def test_running_twice_leaves_every_row_count_the_same(demo):
    first = row_counts()
    call_command("load_demo_data", stdout=StringIO())
    assert row_counts() == first


def test_demo_pages_exist_in_four_languages(demo):
    homes = HomePage.objects.live()
    assert sorted(homes.values_list("locale__language_code", flat=True)) == [
        "da",
        "en",
        "nb",
        "sv",
    ]
    assert len({home.translation_key for home in homes}) == 1
    for page in StandardPage.objects.filter(locale__language_code="sv"):
        assert page.get_translations().live().count() == 3
    english_about = StandardPage.objects.get(locale__language_code="en", slug="about")
    assert english_about.title == "About the district"
    # Every page is published but the 2026 activity report, a draft for the board.
    drafts = Page.objects.filter(live=False).exclude(depth=1)
    assert [page.specific_class for page in drafts] == [AnnualReportPage]
    district = DistrictSettings.objects.get()
    assert district.organisation_name.startswith("Hamnstaden")
    assert district.email and district.phone and district.city
    assert NewsPage.objects.live().filter(locale__language_code="en").count() == 3


def test_demo_drafts_the_2026_activity_report_from_the_ledger(demo):
    report = AnnualReportPage.objects.get(year=2026).get_latest_revision_as_object()
    overview = next(row for row in years_overview() if row["year"] == 2026)
    contributions = report.figures["contributions"]
    assert (contributions["due"], contributions["paid"]) == (
        overview["due"],
        overview["collected"],
    )
    assert report.figures["projects"]["discontinued"] == 1
    assert {block.block_type for block in report.body} >= {
        "figures",
        "table",
        "indicator_chart",
    }
    index = report.get_parent().specific
    assert index.get_translations().live().count() == 3


def test_demo_search_holds_the_agreements_and_the_vacant_premises(demo):
    def found(kind: str, audience: Audience) -> int:
        return (
            get_search_backend()
            .search(
                SearchRequest(query="", audience=audience, filters={"type": [kind]})
            )
            .total
        )

    staff = Audience(levels=frozenset({"public", "members", "board"}))
    assert found("agreement", staff) == Agreement.objects.count() > 0
    lease = Agreement.objects.filter(counterparty__isnull=False).first()
    party = Audience(organisations=frozenset({lease.counterparty_id}))
    assert found("agreement", party) == lease.counterparty.agreements_as_party.count()
    vacant = Premises.objects.filter(status="vacant").count()
    assert found("premises", Audience.public()) == vacant > 0
    assert found("premises", Audience.public()) < Premises.objects.count()


def test_demo_has_a_user_for_each_role_who_can_sign_in(demo):
    expected_groups = {
        "sekretariat": ["Secretariat"],
        "styrelse": ["Board"],
        "karin": [],
        "ali": [],
        "admin": [],
    }
    for local, groups in expected_groups.items():
        email = f"{local}@{DEMO_DOMAIN}"
        user = authenticate(email=email, password=DEMO_PASSWORD)
        assert user is not None, email
        assert sorted(user.groups.values_list("name", flat=True)) == groups
        assert user.emailaddress_set.get().verified
        assert email in demo
    assert authenticate(
        email=f"admin@{DEMO_DOMAIN}", password=DEMO_PASSWORD
    ).is_superuser
    assert DEMO_PASSWORD in demo


def test_demo_plan_has_six_ranked_priorities_with_indicators_and_history(demo):
    plans = DistrictPlanPage.objects.live()
    assert plans.count() == 4
    orders = {
        plan.locale.language_code: [
            p.translation_key for p in priorities_ranked(plan=plan)
        ]
        for plan in plans
    }
    assert len(orders["sv"]) == 6
    assert orders["da"] == orders["nb"] == orders["en"] == orders["sv"]
    indicators = list(Indicator.objects.all())
    fed = set(VacancyIndicator.objects.values_list("indicator_id", flat=True))
    assert fed, "the premises register feeds the plan's vacancy indicator"
    for indicator in indicators:
        # Eight measurements by hand; the premises register adds today's to
        # the indicator it feeds.
        assert indicator.measurements.count() == 8 + (indicator.pk in fed)
        names = {t.locale.language_code: t.name for t in indicator.texts.all()}
        assert set(names) == {"da", "nb", "en"} and all(names.values())
    assert {i.priority.translation_key for i in indicators} == set(orders["sv"])
    assert {Status.ON_TRACK, Status.OFF_TRACK} <= {
        i.assessment.status for i in indicators
    }
    changes = RankingChange.objects.all()
    assert changes.count() == 2
    assert all(change.rationale and change.changed_by_name for change in changes)


def test_demo_shows_the_money_path(demo):
    seller = InvoiceSettings.load()
    assert (seller.bankgiro, seller.f_skatt) == ("5050-1055", True)
    issued_2027 = Contribution.objects.filter(year=2027)
    assert issued_2027.count() == 8
    assert all(c.vat_minor * 4 == c.net_minor for c in issued_2027)
    # Handelsföreningen's invoice was credited in full; nothing was deleted.
    credit_note = CreditNote.objects.get()
    assert credit_note.number == "K2026-00001"
    assert credit_note.contribution.organisation.legal_name == (
        "Handelsföreningen Hamnstaden"
    )
    # The bank's file of 4 December: two matched, one waiting with a suggestion.
    report = BankImport.objects.get()
    assert (report.matched, report.unmatched, report.short, report.over) == (
        2,
        1,
        0,
        0,
    )
    waiting = PaymentReview.objects.get(status="open")
    assert waiting.suggestion.number == "2027-00001"
    paid = {c.organisation.legal_name for c in issued_2027 if c.status == "paid"}
    assert paid == {"Västerhamns kommun", "Café Kajen AB"}
    # The municipality receives e-invoices and gets its reference on them.
    municipality = issued_2027.get(organisation__legal_name="Västerhamns kommun")
    assert municipality.organisation.peppol_id == "0007:2120000142"
    assert b"KS 4410 N" in invoice_xml(municipality)
    # The 2026 books export.
    assert b"#SIETYP 4" in sie.sie_file(year=2026).content


def test_demo_reads_true(demo):
    """What the demo shows holds together: adjusters were there, the ranking
    history cites the decisions that made it, every walk observation has its
    photo, counts are whole and co-funding reads as money."""
    for meeting in Meeting.objects.prefetch_related("adjusters__user", "attendance"):
        present = {a.name for a in meeting.attendance.all() if a.status == "present"}
        for adjuster in meeting.adjusters.all():
            assert adjuster.user.get_full_name() in present, (meeting, adjuster)

    with translation.override("sv"):
        for change in RankingChange.objects.all():
            day = timezone.localtime(change.changed_at).date()
            assert formats.date_format(day, "j F Y") in change.rationale
            number = int(re.search(r"§ (\d+)", change.rationale).group(1))
            decision = Decision.objects.get(meeting__starts_at__date=day, number=number)
            assert "rangordning" in decision.text, (change.rationale, decision.text)

    observations = Observation.objects.all()
    assert observations.count() == 5
    for observation in observations:
        with Image.open(observation.photo.open()) as photo:
            assert photo.format == "JPEG"
            assert not photo.getexif()  # stripped on upload, as for members' photos
        observation.photo.close()

    plan = DistrictPlanPage.objects.get(locale__language_code="sv")
    html = Client().get(plan.url).content.decode()
    counts = [
        indicator
        for indicator in Indicator.objects.all()
        if indicator.baseline_value % 1 == 0 and indicator.target_value % 1 == 0
    ]
    assert any(indicator.unit == "jobb" for indicator in counts)
    for indicator in counts:
        assert all(m.value % 1 == 0 for m in indicator.measurements.all())
        assert not re.search(rf"\d,\d+\s{re.escape(indicator.unit)}", html)

    funded = Proposal.objects.exclude(co_funding="")
    assert funded.exists()
    for proposal in funded:
        party, amount = proposal.co_funding.rsplit(": ", 1)
        assert amount == format_money(
            proposal.estimated_cost_minor - proposal.requested_funding_minor,
            proposal.currency,
            language="sv",
        )
