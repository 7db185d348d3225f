"""The public meeting records: upcoming and past meetings, the meeting record,
decision permalinks, the calendar and the decisions feed.

What a visitor sees is decided in the meetings module's selectors: public
meetings for everyone, members' meetings for members, all for the board.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale

from bid.access import hidden
from bid.pages import SectionPage
from members.meetings.feeds import DecisionsFeed, calendar_bytes, public_calendar
from members.meetings.models import Body
from members.meetings.pdf import minutes_pdf
from members.meetings.selectors import (
    decision_visibility,
    decisions_visible_to,
    meeting_visibility,
    meetings_visible_to,
    past,
    upcoming,
)

PER_PAGE = 25


class MeetingIndexPage(RoutablePageMixin, SectionPage):
    # Meetings, their decisions with the proposals and priorities they concern,
    # attendance by organisation (for the page cache, bid/cache.py).
    cache_tags = (
        "meetings",
        "proposals",
        "organisations.organisation",
        "home.prioritypage",
    )

    class Meta:
        verbose_name = _("meeting records")

    # Addresses used by other pages

    @classmethod
    def for_active_locale(cls):
        pages = cls.objects.live()
        return (
            pages.filter(locale=Locale.get_active()).first()
            or pages.filter(locale=Locale.get_default()).first()
            or pages.first()
        )

    def meeting_url(self, meeting) -> str:
        return self.url + self.reverse_subpage("meeting", args=[meeting.pk])

    def decision_url(self, decision) -> str:
        return self.url + self.reverse_subpage(
            "decision", args=[decision.meeting_id, decision.number]
        )

    # Routes

    @path("")
    def index_route(self, request):
        body = Body.objects.filter(slug=request.GET.get("body", "")).first()
        visible = meetings_visible_to(user=request.user, body=body)
        years = sorted(
            {d.year for d in past(visible).dates("starts_at", "year")}, reverse=True
        )
        try:
            year = int(request.GET.get("year", ""))
        except ValueError:
            year = None
        if year not in years:
            year = years[0] if years else None
        return self.render(
            request,
            context_overrides={
                "bodies": Body.objects.all(),
                "chosen_body": body,
                "upcoming": upcoming(visible)[:10],
                "past": Paginator(past(visible, year=year), PER_PAGE).get_page(
                    request.GET.get("page")
                ),
                "years": years,
                "chosen_year": year,
            },
        )

    @path("<int:meeting_id>/", name="meeting")
    def meeting_route(self, request, meeting_id):
        meeting = meetings_visible_to(user=request.user).filter(pk=meeting_id).first()
        if meeting is None:
            return hidden(request, visibility=meeting_visibility(meeting_id=meeting_id))
        show_minutes = meeting.minutes_public
        return self.render(
            request,
            context_overrides={
                "meeting": meeting,
                "items": meeting.agenda_items.all(),
                "decisions": meeting.decisions.select_related(
                    "proposal"
                ).prefetch_related("priorities")
                if show_minutes
                else [],
                "attendance": meeting.attendance.select_related("organisation")
                if show_minutes
                else [],
                "attachments": meeting.attachments.all(),
                "revisions": meeting.revisions.select_related("agenda_item")
                if show_minutes
                else [],
                "adjusters": meeting.adjusters.select_related("user")
                if show_minutes
                else [],
                "show_minutes": show_minutes,
                "decision_base": self.url
                + self.reverse_subpage("meeting", args=[meeting.pk]),
                "is_upcoming": meeting.ends_at >= timezone.now(),
            },
            template="meetings/meeting_page.html",
        )

    @path("<int:meeting_id>/<int:number>/", name="decision")
    def decision_route(self, request, meeting_id, number):
        decision = (
            decisions_visible_to(user=request.user)
            .filter(meeting_id=meeting_id, number=number)
            .prefetch_related("priorities")
            .first()
        )
        if decision is None:
            return hidden(
                request,
                visibility=decision_visibility(meeting_id=meeting_id, number=number),
            )
        return self.render(
            request,
            context_overrides={
                "decision": decision,
                "meeting": decision.meeting,
                "meeting_url": self.meeting_url(decision.meeting),
            },
            template="meetings/decision_page.html",
        )

    @path("<int:meeting_id>/pdf/", name="minutes_pdf")
    def minutes_pdf_route(self, request, meeting_id):
        meeting = (
            meetings_visible_to(user=request.user)
            .filter(pk=meeting_id, status="published")
            .first()
        )
        if meeting is None:
            return hidden(
                request,
                visibility=meeting_visibility(meeting_id=meeting_id, published=True),
            )
        response = HttpResponse(minutes_pdf(meeting), content_type="application/pdf")
        held_on = timezone.localdate(meeting.starts_at)
        name = f"minutes-{meeting.body.slug}-{held_on:%Y-%m-%d}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        response["Cache-Control"] = "private, max-age=0"
        return response

    @path("decisions/", name="decisions")
    def decisions_route(self, request):
        decisions = decisions_visible_to(user=request.user)
        query = request.GET.get("q", "").strip()[:100]
        if query:
            decisions = decisions.filter(text__icontains=query)
        return self.render(
            request,
            context_overrides={
                "decisions": Paginator(decisions, PER_PAGE).get_page(
                    request.GET.get("page")
                ),
                "query": query,
                "meeting_base": self.url,
            },
            template="meetings/decision_list.html",
        )

    @path("decisions/feed/", name="decisions_feed")
    def decisions_feed(self, request):
        return DecisionsFeed(index_page=self)(request)

    @path("calendar/", name="calendar")
    def calendar_route(self, request):
        return self._calendar(request, body=None)

    @path("<slug:body_slug>/calendar/", name="body_calendar")
    def body_calendar_route(self, request, body_slug):
        body = Body.objects.filter(slug=body_slug).first()
        if body is None:
            raise Http404
        return self._calendar(request, body=body)

    def _calendar(self, request, *, body):
        name = f"{self.title} – {body.name}" if body else self.title
        data = calendar_bytes(
            meetings=public_calendar(body=body),
            name=name,
            url_for=lambda m: request.build_absolute_uri(self.meeting_url(m)),
            host=self.get_site().hostname,
        )
        response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
        filename = f"meetings-{body.slug}.ics" if body else "meetings.ics"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response
