"""The index follows the records: saving, publishing, unpublishing and deleting
update it after commit, and the search page shows each reader only what they
may see."""

import pytest
from django.db import transaction
from django.test import Client

from members.meetings.models import AgendaItem, Meeting, Visibility
from members.proposals.models import Proposal
from search import indexing
from search.models import SearchEntry
from tests.factories.accounts import BoardUserFactory
from tests.factories.contributions import member
from tests.factories.meetings import (
    BodyFactory,
    MeetingFactory,
    meeting_index,
    published_meeting,
)
from tests.factories.pages import StandardPageFactory, site_home
from tests.factories.plan import plan_with_priorities
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db


def client(user=None) -> Client:
    c = Client()
    if user:
        c.force_login(user)
    return c


def found(c, query, **params) -> str:
    return c.get("/search/", {"q": query, **params}).content.decode()


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        home = site_home()
        meeting_index(home)
        body = BodyFactory(name="Styrelsen", slug="styrelsen")
        public = published_meeting(
            body=body, title="Öppet möte", decisions=("Belysningen byts ut.",)
        )
        secret = published_meeting(
            body=body,
            title="Medlemsmöte",
            visibility=Visibility.MEMBERS,
            decisions=("Hemlighetsfullt beslut om vaktbolaget.",),
        )
        _org, member_user = member(legal_name="Medlemmen AB")
    return {"public": public, "secret": secret, "member": member_user, "home": home}


def test_members_minutes_never_reach_anonymous_readers(world):
    anonymous = client()
    for query in ("vaktbolaget", "Hemlighets*", "*", "Medlemsmöte", "beslut"):
        assert "Hemlighetsfullt" not in found(anonymous, query), query
    assert (
        "Hemlighetsfullt"
        not in anonymous.get("/search/", {"type": "decision"}).content.decode()
    )
    html = found(client(world["member"]), "vaktbolaget")
    assert "Medlemsmöte" in html
    assert "<mark>vaktbolaget</mark>" in html


def test_minutes_are_indexed_only_once_published(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site_home()
        meeting = MeetingFactory(title="Kommande")
        AgendaItem.objects.create(
            meeting=meeting, title="Punkt", minutes="<p>Utkastord</p>"
        )
    assert not SearchEntry.objects.filter(type="minutes").exists()
    assert SearchEntry.objects.filter(doc_id=f"meeting:{meeting.pk}").exists()
    with django_capture_on_commit_callbacks(execute=True):
        meeting.status = Meeting.Status.PUBLISHED
        meeting.save()
    assert "Utkastord" in found(client(), "utkastord")


def test_nothing_is_queued_while_indexing_is_paused_and_a_rebuild_catches_up(
    django_capture_on_commit_callbacks,
):
    site_home()
    with indexing.paused(), django_capture_on_commit_callbacks(execute=True):
        meeting = MeetingFactory(title="Under pausen")
    assert not SearchEntry.objects.filter(doc_id=f"meeting:{meeting.pk}").exists()
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save()  # outside the block: queued again
    assert SearchEntry.objects.filter(doc_id=f"meeting:{meeting.pk}").exists()
    with indexing.paused(), django_capture_on_commit_callbacks(execute=True):
        other = MeetingFactory(title="Också under pausen")
    indexing.rebuild()
    assert SearchEntry.objects.filter(doc_id=f"meeting:{other.pk}").exists()


def test_deleting_a_meeting_removes_all_its_documents(
    world, django_capture_on_commit_callbacks
):
    group = f"meetings.meeting:{world['public'].pk}"
    assert SearchEntry.objects.filter(group=group).count() == 3  # meeting, minutes, §1
    with django_capture_on_commit_callbacks(execute=True):
        world["public"].delete()
    assert not SearchEntry.objects.filter(group=group).exists()


def test_unpublishing_or_deleting_a_page_removes_it(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPageFactory(
            parent=world["home"], title="Trygghetsvandringar", slug="tv"
        )
        page.save_revision().publish()
    assert "Trygghetsvandringar" in found(client(), "trygghetsvandring")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not SearchEntry.objects.filter(doc_id=f"page:{page.pk}").exists()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert SearchEntry.objects.filter(doc_id=f"page:{page.pk}").exists()
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert not SearchEntry.objects.filter(doc_id=f"page:{page.pk}").exists()


def test_drafts_are_found_only_by_their_organisation(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _plan, (priority,) = plan_with_priorities(world["home"], 1)
        organisation, author = member(legal_name="Förslagsställaren AB")
        proposal = ProposalFactory(
            organisation=organisation,
            author=author,
            priority=priority,
            title="Lekplatsbelysning",
        )
    assert "Lekplatsbelysning" in found(client(author), "lekplatsbelysning")
    for reader in (world["member"], BoardUserFactory(), None):
        assert "Lekplatsbelysning" not in found(client(reader), "lekplatsbelysning")
    with django_capture_on_commit_callbacks(execute=True):
        Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.ACCEPTED)
        proposal.refresh_from_db()
        proposal.save()
    assert "Lekplatsbelysning" in found(client(), "lekplatsbelysning")


def test_rebuild_is_idempotent(world):
    signalled = set(SearchEntry.objects.values_list("doc_id", flat=True))
    count = indexing.rebuild()
    rebuilt = set(SearchEntry.objects.values_list("doc_id", flat=True))
    assert signalled <= rebuilt and len(rebuilt) == count
    assert indexing.rebuild() == count
    assert set(SearchEntry.objects.values_list("doc_id", flat=True)) == rebuilt


def test_search_page_facets_combine_and_link(world):
    board = client(BoardUserFactory())
    html = board.get("/search/", {"q": "", "type": "decision"}).content.decode()
    assert "Belysningen byts ut." in html and "Hemlighetsfullt" in html
    assert 'name="type" value="decision" checked' in html
    narrowed = board.get(
        "/search/", {"q": "beslut", "type": "decision", "body": "Styrelsen"}
    ).content.decode()
    assert "Hemlighetsfullt" in narrowed
    assert "?q=beslut&amp;body=Styrelsen" in narrowed  # remove the type filter
    none = board.get("/search/", {"q": "xyzzyquux"}).content.decode()
    assert 'id="no-results"' in none


def test_the_search_box_is_on_every_page(world):
    html = client().get("/").content.decode()
    assert 'role="search"' in html and 'action="/search/"' in html


def test_bad_input_is_harmless(world):
    anonymous = client()
    for params in (
        {"q": "x" * 5000},
        {"q": "belysning", "page": "abc"},
        {"q": "belysning", "page": "999999"},
        {"q": "'); drop table x; --"},
        {"q": "&&& ||| !!! :*"},
        {"year": "tjugo"},
    ):
        assert anonymous.get("/search/", params).status_code == 200, params


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_object_is_queued_once_per_transaction_and_again_after_a_rollback(
    monkeypatch,
):
    queued = []

    class Task:
        @staticmethod
        def enqueue(**kwargs):
            queued.append(kwargs)

    monkeypatch.setattr(indexing, "index_object", Task)
    meeting = MeetingFactory()
    queued.clear()
    with transaction.atomic():
        for title in ("Ett", "Två", "Tre"):
            meeting.title = title
            meeting.save()
    assert queued == [{"label": "meetings.meeting", "pk": meeting.pk}]
    queued.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        meeting.save()
        raise RuntimeError("rolled back")
    assert queued == []
    with transaction.atomic():
        meeting.save()
    assert queued == [{"label": "meetings.meeting", "pk": meeting.pk}]
