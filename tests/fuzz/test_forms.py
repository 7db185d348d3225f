"""Every form, posted with arbitrary text, missing fields, huge values,
control characters and unicode by the role that may use it: the answer is
never a server error, and a refused post changes nothing."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from members.areas import services as areas
from members.areas.models import INCIDENT_FIELDS, iso_week_of
from members.contributions import services as contributions
from members.contributions.models import Contribution
from members.enrolment.models import Enrolment
from members.meetings.models import AgendaItem, Meeting, MeetingAdjuster
from members.notifications.models import Category
from members.organisations.models import Organisation, OrganisationMember
from members.proposals.models import Proposal
from tests.factories.accounts import (
    AdminUserFactory,
    BoardUserFactory,
    MemberUserFactory,
    SecretariatUserFactory,
)
from tests.factories.areas import area, named_area
from tests.factories.contributions import SchemeFactory, member
from tests.factories.meetings import MeetingFactory, published_meeting
from tests.factories.organisations import (
    EnrolmentFactory,
    MembershipTermsFactory,
    PropertyFactory,
    organisation_with_admin,
)
from tests.factories.pages import site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db

ALLOWED = {200, 302, 400, 403, 404}
# The apps whose rows a refused post must leave alone.
APPS = {
    "organisations",
    "enrolment",
    "contributions",
    "proposals",
    "meetings",
    "areas",
    "notifications",
    "home",
    "accounts",
}
# Created on the first page rendered, whatever is posted.
LAZY = {"home.DistrictSettings"}

NASTY = [
    "",
    " ",
    "\x00",
    "\x00abc",
    "\x1b[31m",
    "\r\n",
    "0",
    "-1",
    "1e999",
    "NaN",
    "9" * 40,
    "²",
    "١٢٣",
    "2026-02-30",
    "0000-00-00",
    "99999-12-31",
    "on",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202eevil",
    "{{ 7|add:7 }}",
    "%(x)s",
    "a" * 10_000,
    "💥" * 500,
    "https://evil.example/",
]
nasty = st.sampled_from(NASTY) | st.text(max_size=40)


@dataclass
class Target:
    client: Client
    url: str
    valid: dict
    # Fields the form has beyond the valid ones, fuzzed too.
    extra: list[str] = field(default_factory=list)
    # The apps whose rows a valid post would change (all are counted).
    writes: set[str] = field(default_factory=set)


def posted(target: Target):
    """Each field valid, hostile, a list of values, or left out."""
    names = [*target.valid, *target.extra]

    def one(name):
        choices = [nasty, st.lists(nasty, min_size=2, max_size=3), st.none()]
        if name in target.valid:
            choices.insert(0, st.just(target.valid[name]))
        return st.one_of(*choices)

    return st.fixed_dictionaries({name: one(name) for name in names}).map(
        lambda data: {k: v for k, v in data.items() if v is not None}
    )


def _models(app_labels) -> list:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in app_labels
        and not model._meta.proxy
        and model._meta.label not in LAZY
    ]


def rows(target: "Target") -> dict:
    """The row count of every table of the project's apps (one query), and
    every value of the tables of the apps the form writes to."""
    tables = [model._meta.db_table for model in _models(APPS)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT "
            + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)
        )
        counts = dict(zip(tables, cursor.fetchone(), strict=True))
    values = {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in _models(target.writes)
    }
    return {"counts": counts, "values": values}


def forget_messages(client: Client) -> None:
    """Messages of earlier posts wait for a page to show them; only this
    post's count."""
    client.cookies.pop("messages", None)
    session = client.session
    if session.pop("_messages", None) is not None:
        session.save()


def refused(response) -> bool:
    if response.status_code != 302:
        return True
    levels = {m.level_tag for m in get_messages(response.wsgi_request)}
    return "error" in levels


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The forms, each with a user who may use it and a post that would pass.


def organisation_create():
    return Target(
        signed_in(MemberUserFactory()),
        reverse("portal:organisation_create"),
        {
            "legal_name": "Nya AB",
            "country": "SE",
            "org_number": "556677-8899",
            "type": "business",
            "street_address": "Gatan 1",
            "postal_code": "11122",
            "city": "Staden",
            "invoice_email": "f@example.org",
        },
        ["website", "listed_publicly", "public_description", "contacts_may_pay"],
    )


def organisation_edit():
    organisation, user = organisation_with_admin()
    target = organisation_create()
    return Target(
        signed_in(user),
        reverse("portal:organisation_edit", args=[organisation.pk]),
        target.valid,
        target.extra,
    )


def property_add():
    organisation, user = organisation_with_admin()
    return Target(
        signed_in(user),
        reverse("portal:property_add", args=[organisation.pk]),
        {
            "designation": "Kvarteret 1:1",
            "street_address": "Gatan 2",
            "area": str(named_area("Centrum").pk),
            "gross_floor_area_m2": "1200",
            "use_category": "office",
        },
        ["assessed_value_minor", "assessed_value_currency"],
    )


def property_edit():
    target = property_add()
    organisation = Organisation.objects.get()
    prop = PropertyFactory(owner=organisation)
    target.url = reverse("portal:property_edit", args=[prop.pk])
    return target


def invite():
    organisation, user = organisation_with_admin()
    return Target(
        signed_in(user),
        reverse("portal:invite", args=[organisation.pk]),
        {"email": "ny@example.org", "role": "contact"},
    )


def member_role():
    organisation, user = organisation_with_admin()
    other = OrganisationMember.objects.create(
        organisation=organisation, user=MemberUserFactory(), role="contact"
    )
    return Target(
        signed_in(user),
        reverse("portal:member_role", args=[other.pk]),
        {"role": "admin"},
    )


def enrolment_edit():
    organisation, user = organisation_with_admin()
    enrolment = EnrolmentFactory(organisation=organisation)
    return Target(
        signed_in(user),
        reverse("portal:enrolment", args=[enrolment.pk]),
        {"message": "Hej", "properties": []},
    )


def enrolment_send():
    organisation, user = organisation_with_admin()
    enrolment = EnrolmentFactory(organisation=organisation)
    terms = MembershipTermsFactory()
    return Target(
        signed_in(user),
        reverse("portal:enrolment_send", args=[enrolment.pk]),
        {"terms": str(terms.pk), "accept_terms": "on"},
    )


def _proposal_world():
    _plan, (priority,) = plan_with_priorities(site_home(), 1)
    organisation, user = member(legal_name="Förslag AB")
    proposal = ProposalFactory(
        organisation=organisation, author=user, priority=priority
    )
    return priority, organisation, user, proposal


def proposal_create():
    priority, organisation, user, _proposal = _proposal_world()
    return Target(
        signed_in(user),
        reverse("portal:proposal_create"),
        {
            "organisation": str(organisation.pk),
            "title": "Bänkar",
            "summary": "Fler bänkar.",
            "description": "Text",
            "priority": str(priority.pk),
            "estimated_cost_minor": "1000",
            "requested_funding_minor": "500",
        },
        ["areas", "co_funding"],
    )


def proposal_edit():
    target = proposal_create()
    proposal = Proposal.objects.get()
    target.url = reverse("portal:proposal_edit", args=[proposal.pk])
    del target.valid["organisation"]
    return target


def proposal_comment():
    *_rest, proposal = _proposal_world()
    Proposal.objects.filter(pk=proposal.pk).update(status="submitted")
    _other, commenter = member(legal_name="Grannen AB")
    return Target(
        signed_in(commenter),
        reverse("portal:proposal_comment", args=[proposal.pk]),
        {"body": "Bra förslag"},
    )


def proposal_progress():
    _priority, _organisation, user, proposal = _proposal_world()
    Proposal.objects.filter(pk=proposal.pk).update(status="in_progress")
    return Target(
        signed_in(user),
        reverse("portal:proposal_progress", args=[proposal.pk]),
        {"reported_on": "2026-01-10", "percent": "50", "text": "Halvvägs"},
    )


def proposal_step():
    _priority, _organisation, user, proposal = _proposal_world()
    return Target(
        signed_in(user),
        reverse("portal:proposal_step", args=[proposal.pk]),
        {"to": "submitted", "comment": ""},
    )


def proposal_support():
    *_rest, proposal = _proposal_world()
    Proposal.objects.filter(pk=proposal.pk).update(status="submitted")
    other, supporter = member(legal_name="Grannen AB")
    return Target(
        signed_in(supporter),
        reverse("portal:proposal_support", args=[proposal.pk]),
        {"organisation": str(other.pk)},
    )


def proposal_review():
    *_rest, proposal = _proposal_world()
    Proposal.objects.filter(pk=proposal.pk).update(status="submitted")
    return Target(
        signed_in(BoardUserFactory()),
        reverse("proposal_review:inspect", args=[proposal.pk]),
        {"action": "under_review", "comment": "", "decision_reference": ""},
        ["comment_id", "reason"],
    )


def adjustment_change():
    adjuster = MemberUserFactory()
    meeting = MeetingFactory(status=Meeting.Status.MINUTES_DRAFTED)
    AgendaItem.objects.create(meeting=meeting, sort_order=0, title="Punkt")
    MeetingAdjuster.objects.create(meeting=meeting, user=adjuster)
    return Target(
        signed_in(adjuster),
        reverse("portal:adjustment_change", args=[meeting.pk]),
        {"comment": "Ändra punkt 1"},
    )


def meeting_correction():
    meeting = published_meeting()
    item = meeting.agenda_items.get()
    return Target(
        signed_in(SecretariatUserFactory()),
        reverse("meetings_meeting:inspect", args=[meeting.pk]),
        {
            "action": "correct",
            "item": str(item.pk),
            "minutes": "<p>Rätt.</p>",
            "reason": "Stavfel",
        },
    )


def _district():
    kajen, kajen_user = member(legal_name="Kajen AB")
    centrum = area("Centrum", kajen)
    return kajen, kajen_user, centrum


def situation_report():
    kajen, user, centrum = _district()
    return Target(
        signed_in(user),
        reverse("portal:situation_report"),
        {
            "organisation": str(kajen.pk),
            "area": str(centrum.pk),
            "colour": "green",
            "score": "2",
            "note": "Lugnt",
            **dict.fromkeys(INCIDENT_FIELDS, "0"),
        },
    )


def action_create():
    kajen, _user, centrum = _district()
    return Target(
        signed_in(SecretariatUserFactory()),
        reverse("portal:action_create"),
        {
            "title": "Laga lampan",
            "area": str(centrum.pk),
            "addressed_to": str(kajen.pk),
            "due_date": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            "description": "Trasig",
        },
    )


def action_update():
    kajen, user, centrum = _district()
    item = areas.action_create(
        by=SecretariatUserFactory(),
        title="Laga",
        area=centrum,
        addressed_to=kajen,
        due_date=timezone.localdate() + datetime.timedelta(days=7),
        description="",
    )
    return Target(
        signed_in(user),
        reverse("portal:action", args=[item.pk]),
        {"status": "in_progress", "text": "På gång"},
    )


def observation():
    kajen, user, centrum = _district()
    walk = areas.walk_create(
        by=SecretariatUserFactory(),
        area=centrum,
        date=timezone.localdate() - datetime.timedelta(days=1),
        route="Runt",
        parties=[kajen],
    )
    return Target(
        signed_in(user),
        reverse("portal:walk", args=[walk.pk]),
        {
            "category": "lighting",
            "description": "Mörkt",
            "address": "Gatan 1",
            "latitude": "57.705",
            "longitude": "11.955",
        },
        ["land_owner"],
    )


def consolidate():
    kajen, user, centrum = _district()
    year, week = iso_week_of(timezone.localdate())
    return Target(
        signed_in(SecretariatUserFactory()),
        reverse("situation_consolidate", args=[year, week]),
        {
            f"colour_{centrum.pk}": "green",
            f"score_{centrum.pk}": "1",
            f"reason_{centrum.pk}": "",
            f"summary_{centrum.pk}": "",
            "summary": "",
        },
    )


def notification_settings():
    return Target(
        signed_in(MemberUserFactory()),
        reverse("portal:notification_settings"),
        {category.value: "digest" for category in Category},
    )


def follow():
    return Target(
        signed_in(MemberUserFactory()),
        reverse("portal:follow"),
        {"kind": "proposal", "pk": "1", "next": "/portal/"},
    )


def notifications_read():
    return Target(
        signed_in(MemberUserFactory()),
        reverse("portal:notifications_read"),
        {"subject": "1-1"},
    )


def delete_account():
    return Target(
        signed_in(MemberUserFactory()),
        reverse("account_delete"),
        {"password": "wrong-password", "confirm": "on"},
    )


def enrolment_review():
    organisation, _user = organisation_with_admin()
    enrolment = EnrolmentFactory(
        organisation=organisation, status=Enrolment.Status.SUBMITTED
    )
    return Target(
        signed_in(BoardUserFactory()),
        reverse("enrolment_review:inspect", args=[enrolment.pk]),
        {"action": "request_information", "comment": "Vilka fastigheter?"},
    )


def contribution_payment():
    scheme = SchemeFactory()
    member()
    contributions.contributions_issue(scheme=scheme, on=datetime.date(2026, 1, 15))
    contribution = Contribution.objects.get()
    return Target(
        signed_in(AdminUserFactory()),
        reverse("contributions:inspect", args=[contribution.pk]),
        {
            "token": "t",
            "occurred_on": "2026-02-01",
            "amount_minor": "100",
            "reference": contribution.payment_reference,
        },
        ["void", "reason"],
    )


def plan_rank():
    plan, _priorities = plan_with_priorities(site_home(), 3)
    priorities = list(_priorities)
    valid = {f"rank_{p.pk}": str(rank) for rank, p in enumerate(priorities, start=1)}
    return Target(
        signed_in(AdminUserFactory()),
        reverse("home_plan_rank", args=[plan.pk]),
        {**valid, "rationale": "Styrelsens beslut"},
    )


TARGETS = [
    organisation_create,
    organisation_edit,
    property_add,
    property_edit,
    invite,
    member_role,
    enrolment_edit,
    enrolment_send,
    proposal_create,
    proposal_edit,
    proposal_comment,
    proposal_progress,
    proposal_step,
    proposal_support,
    proposal_review,
    adjustment_change,
    meeting_correction,
    situation_report,
    action_create,
    action_update,
    observation,
    consolidate,
    notification_settings,
    follow,
    notifications_read,
    delete_account,
    enrolment_review,
    contribution_payment,
    plan_rank,
]


WRITES = {
    "organisation": "organisations",
    "property": "organisations",
    "invite": "organisations",
    "member": "organisations",
    "enrolment": "enrolment",
    "proposal": "proposals",
    "adjustment": "meetings",
    "meeting": "meetings",
    "situation": "areas",
    "action": "areas",
    "observation": "areas",
    "consolidate": "areas",
    "notification": "notifications",
    "follow": "notifications",
    "notifications": "notifications",
    "delete": "accounts",
    "contribution": "contributions",
    "plan": "home",
}


@pytest.mark.parametrize("make", TARGETS, ids=lambda make: make.__name__)
def test_hostile_posts_never_fail_and_refused_posts_change_nothing(make):
    target = make()
    target.writes = {WRITES[make.__name__.split("_")[0]]}

    @settings(max_examples=30)
    @given(data=posted(target))
    def post(data):
        cache.clear()  # rate limits would otherwise answer 429 after a few
        forget_messages(target.client)
        response = target.client.post(target.url, data)
        assert response.status_code in ALLOWED, data
        after = rows(target)
        if refused(response):
            assert after == state["rows"], data
        state["rows"] = after

    state = {"rows": rows(target)}
    post()
