"""The shared steps views and services call (docs/architecture.md, "Repeated
shapes"): answering a posted action, a page of several forms, changing only
the named fields of a record, and a dashboard item that counts."""

import datetime

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import RequestFactory
from django.utils import translation

from bid import dashboard
from bid.actions import reported
from bid.forms import FormsByButton
from bid.records import fields_set, record_update
from members.areas.forms import ActionForm
from members.contributions.admin_views import BankPaymentForm
from members.organisations.models import Organisation
from members.premises.forms import PremisesForm
from members.proposals.forms import ProgressForm
from tests.factories.organisations import organisation_with_admin


def _request(method="get", data=None):
    request = getattr(RequestFactory(), method)("/somewhere/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _told(request):
    return [(message.level_tag, str(message)) for message in get_messages(request)]


# bid.actions.reported


def test_a_done_action_says_so_and_goes_on():
    request = _request("post")

    response = reported(
        request, lambda: 7, done=lambda n: f"Done {n}", to=lambda n: f"/to/{n}/"
    )

    assert response.status_code == 302
    assert response.url == "/to/7/"
    assert _told(request) == [("success", "Done 7")]


def test_a_refused_action_tells_each_reason_and_goes_back():
    request = _request("post")

    def act():
        raise ValidationError(["Not now.", "Not you."])

    response = reported(request, act, done="Done", to="/to/", back="/back/")

    assert response.url == "/back/"
    assert _told(request) == [("error", "Not now."), ("error", "Not you.")]


def test_only_the_refusal_named_is_told_others_are_raised():
    class Refused(Exception):
        pass

    request = _request("post")

    def refuse():
        raise Refused("Locked.")

    response = reported(request, refuse, done="Done", to="/to/", refused=Refused)
    assert response.url == "/to/"
    assert _told(request) == [("error", "Locked.")]

    def fail():
        raise ValidationError("Not told")

    with pytest.raises(ValidationError):
        reported(request, fail, done="Done", to="/to/", refused=Refused)


# bid.forms.FormsByButton


class NameForm(forms.Form):
    name = forms.CharField()


def test_only_the_pressed_buttons_form_is_bound_and_answered():
    request = _request("post", {"second": "", "name": "Hamnen"})
    posted = FormsByButton(request, "first", "second")
    first, second = NameForm(posted.data("first")), NameForm(posted.data("second"))
    called = []

    response = posted.submitted(
        {
            "first": (first, lambda: called.append("first"), "First"),
            "second": (second, lambda: called.append("second"), "Second"),
        },
        to="/next/",
    )

    assert posted.pressed == "second"
    assert not first.is_bound
    assert second.is_bound
    assert called == ["second"]
    assert response.url == "/next/"
    assert _told(request) == [("success", "Second")]


def test_a_page_shown_or_posted_without_a_known_button_answers_nothing():
    for request in (_request(), _request("post", {"other": ""})):
        posted = FormsByButton(request, "first")
        form = NameForm(posted.data("first"))
        assert posted.pressed is None
        assert not form.is_bound
        answers = {"first": (form, lambda: pytest.fail("called"), "")}
        assert posted.submitted(answers, to="/") is None


# bid.records


@pytest.mark.django_db
def test_only_the_allowed_fields_change_and_text_is_stripped():
    organisation, _admin = organisation_with_admin()

    fields_set(
        organisation,
        {"legal_name": "  Kajen AB  ", "city": "Malmö"},
        allowed={"legal_name", "city"},
        what="an organisation",
    )
    assert (organisation.legal_name, organisation.city) == ("Kajen AB", "Malmö")

    with pytest.raises(TypeError, match="'org_number' is not an organisation field"):
        fields_set(
            organisation,
            {"org_number": "5560000000"},
            allowed={"legal_name"},
            what="an organisation",
        )


# As every transactional test here: the next one reloads the migrated rows.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_update_is_checked_before_it_is_saved():
    organisation, _admin = organisation_with_admin()
    allowed = {"legal_name"}

    # As the services call it: inside their transaction, which the lock lasts.
    with transaction.atomic():
        saved = record_update(
            organisation, {"legal_name": " Nya Kajen AB "}, allowed=allowed, what="x"
        )
    assert Organisation.objects.get(pk=organisation.pk).legal_name == "Nya Kajen AB"
    assert saved.legal_name == "Nya Kajen AB"

    with pytest.raises(ValidationError), transaction.atomic():
        record_update(organisation, {"legal_name": ""}, allowed=allowed, what="x")
    assert Organisation.objects.get(pk=organisation.pk).legal_name == "Nya Kajen AB"


# bid.dashboard.register_count


def test_a_counting_item_counts_when_shown_and_links_its_page(monkeypatch):
    monkeypatch.setattr(dashboard, "_registry", {})
    counts = iter([3, 0])
    dashboard.register_count(
        name="waiting",
        order=1,
        permission="organisations.view_organisation",
        label="Waiting",
        count=lambda: next(counts),
        url="wagtailadmin_home",
        query="?status=waiting",
    )
    request = _request()
    request.user = type("Staff", (), {"has_perm": lambda self, perm: True})()

    (item,) = dashboard.items_for(request)
    assert (item.label, item.count, item.url) == (
        "Waiting",
        3,
        "/admin/?status=waiting",
    )
    assert dashboard.items_for(request)[0].count == 0

    request.user = type("Member", (), {"has_perm": lambda self, perm: False})()
    assert dashboard.items_for(request) == []


@pytest.mark.parametrize(
    ("form_class", "field"),
    [
        (BankPaymentForm, "occurred_on"),
        (ActionForm, "due_date"),
        (ProgressForm, "reported_on"),
        (PremisesForm, "vacant_since"),
    ],
)
@pytest.mark.django_db
def test_a_date_picker_shows_its_date_in_every_language(form_class, field):
    """A browser's date input takes only ISO dates: in Danish, whose date
    format is 07.12.2026, a picker without `DATE_INPUT` came back empty, and
    saving the form again cleared the date."""
    with translation.override("da"):
        rendered = str(form_class(initial={field: datetime.date(2026, 12, 7)})[field])
    assert 'type="date"' in rendered
    assert 'value="2026-12-07"' in rendered
