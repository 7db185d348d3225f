"""Benchmark: public pages under load, queries per page, webhook replay.

Builds a throwaway PostgreSQL database with the demo district and bulk data
(200 organisations, 2,000 properties, two years of meetings with minutes and
decisions, 50 proposals), then:

1. counts SQL queries per page (anonymous pages, and the member portal as a
   member) with Django's test client;
2. starts gunicorn with the production settings (bid/gunicorn.py) on loopback
   and drives each page with wrk: req/s and p50/p95 latency, beside a bare
   view (/robots.txt, no database query) — first with the page cache off
   (the shared fragments on), every public page and the member portal as
   the member, then with the page cache on, the anonymous pages again;
3. adds nine more times the bulk data and counts the queries again: a count
   that grows with the data is an N+1.

Figures go to bench/results.json under "pages" and "queries". Webhooks have
their own benchmark (bench/webhooks.py), which uses this module's `Server`.

    make bench    (or: DATABASE_URL=postgres://… .venv/bin/python bench/pages.py)

BENCH_SECONDS (default 8) is how long wrk drives each page.
"""

import datetime
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import common

common.setup(
    ELASTICSEARCH_URL="",
    STRIPE_SECRET_KEY="",
    ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
)

import bulk  # noqa: E402
import django  # noqa: E402
from django.conf import settings as django_settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from home.models import (  # noqa: E402
    DistrictPlanPage,
    NewsIndexPage,
    NewsPage,
    PriorityPage,
)
from members.areas.models import Area  # noqa: E402
from members.contributions.models import ContributionScheme  # noqa: E402
from members.contributions.services import contributions_issue  # noqa: E402
from members.enrolment.pages import JoinPage, MemberDirectoryPage  # noqa: E402
from members.meetings.models import (  # noqa: E402
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Visibility,
)
from members.meetings.pages import MeetingIndexPage  # noqa: E402
from members.organisations.models import Organisation, OrganisationMember, Property  # noqa: E402
from members.proposals.models import ProgressUpdate, Proposal, ProposalSupport  # noqa: E402
from members.proposals.pages import ProjectIndexPage  # noqa: E402
from members.proposals.selectors import public_projects  # noqa: E402
from search import indexing  # noqa: E402
from tests.factories.organisations import swedish_org_number  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
MEMBER_EMAIL = "karin@hamnstaden.example"
WEBHOOK_SECRET = "whsec_bench"

ORGANISATIONS = 200
PROPERTIES_PER_ORGANISATION = 10
PROPOSALS = 50
MEETING_DAYS = 14  # one meeting of each body a fortnight
YEARS = 2

MINUTES = (
    "<p>Ordföranden redogjorde för läget. Belysningen vid kajen har bytts ut "
    "och klotter har sanerats inom 24 timmar. Fastighetsägarna rapporterade "
    "om nedskräpning vid stationen och vaktbolagets ronder.</p>"
    "<p>Diskussion om budgeten, marknadsföringen och sommarjobb för unga. "
    "Sekretariatet återkommer med en rapport till nästa möte.</p>"
)


def say(text: str) -> None:
    sys.stdout.write(f"[pages] {text}\n")
    sys.stdout.flush()


# Data


def build_chunk(chunk: int) -> None:
    """One unit of bulk data: organisations and properties, two more years of
    meetings (going back in time), proposals; bulk inserts, no signals."""
    rng = random.Random(chunk)
    first = 200_000 + chunk * ORGANISATIONS
    organisations = Organisation.objects.bulk_create(
        Organisation(
            legal_name=f"Kvartersbolaget {n} AB",
            country="SE",
            org_number=swedish_org_number(n),
            type="property_owner",
            street_address=f"Hamngatan {n % 90 + 1}",
            postal_code="120 30",
            city="Västerhamn",
            invoice_email=f"faktura{n}@example.org",
        )
        for n in range(first, first + ORGANISATIONS)
    )
    uses = ["office", "retail", "residential", "mixed"]
    # The demo's areas, by name.
    areas = {area.name: area for area in Area.objects.all()}
    Property.objects.bulk_create(
        Property(
            designation=f"Västerhamn Kajen {n}:{k}",
            street_address=f"Hamngatan {n % 90 + 1}",
            area=areas[rng.choice(["Centrum", "Hamnpromenaden", "Stationsområdet"])],
            gross_floor_area_m2=300 + (n * 37 + k * 11) % 4000,
            use_category=uses[(n + k) % 4],
            owner=organisation,
        )
        for n, organisation in enumerate(organisations, start=first)
        for k in range(PROPERTIES_PER_ORGANISATION)
    )
    bulk.enrol(organisations, datetime.date(2024, 1, 1))
    # The member the portal pages are counted for gains properties and
    # supports at every scale, so a per-row query would show.
    karin_org = OrganisationMember.objects.get(user__email=MEMBER_EMAIL).organisation
    Property.objects.bulk_create(
        Property(
            designation=f"Västerhamn Kajfastigheten {chunk}:{k}",
            street_address="Kajgatan 2",
            area=areas["Hamnpromenaden"],
            gross_floor_area_m2=800,
            use_category="office",
            owner=karin_org,
        )
        for k in range(3)
    )

    priorities = list(PriorityPage.objects.filter(locale__language_code="sv"))
    statuses = [
        Proposal.Status.SUBMITTED,
        Proposal.Status.UNDER_REVIEW,
        Proposal.Status.ACCEPTED,
        Proposal.Status.IN_PROGRESS,
        Proposal.Status.COMPLETED,
        Proposal.Status.REJECTED,
    ]
    now = django.utils.timezone.now()
    proposals = Proposal.objects.bulk_create(
        Proposal(
            title=f"Förslag {chunk}-{n}: belysning och trygghet vid kajen",
            summary="Bättre belysning, fler papperskorgar och städning.",
            description="Första stycket.\n\n- armaturer\n- städning",
            priority=priorities[n % len(priorities)],
            estimated_cost_minor=rng.randint(10, 500) * 1000_00,
            requested_funding_minor=rng.randint(5, 200) * 1000_00,
            organisation=organisations[n % len(organisations)],
            status=statuses[n % len(statuses)],
            submitted_at=now - datetime.timedelta(days=chunk * 700 + n * 5),
            decided_at=now - datetime.timedelta(days=chunk * 700 + n * 5 - 30),
        )
        for n in range(PROPOSALS)
    )
    Proposal.areas.through.objects.bulk_create(
        Proposal.areas.through(proposal=p, area=areas[name])
        for p in proposals
        for name in ("Centrum", "Hamnpromenaden")
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            proposal=p,
            reported_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=k * 30),
            text="Arbetet pågår enligt plan.",
            percent=25 * (k + 1),
        )
        for p in proposals
        if p.status in (Proposal.Status.IN_PROGRESS, Proposal.Status.COMPLETED)
        for k in range(3)
    )
    ProposalSupport.objects.bulk_create(
        [
            ProposalSupport(proposal=p, organisation=o)
            for p in proposals
            for o in rng.sample(organisations, 4)
        ]
        + [ProposalSupport(proposal=p, organisation=karin_org) for p in proposals]
    )

    bodies = list(Body.objects.all())
    end = now - datetime.timedelta(days=chunk * 365 * YEARS + 3)
    meetings = []
    for body in bodies:
        day = 0
        while day < 365 * YEARS:
            starts = (end - datetime.timedelta(days=day)).replace(
                hour=17, minute=0, second=0, microsecond=0
            )
            meetings.append(
                Meeting(
                    body=body,
                    title=f"{body.name} {starts:%Y-%m-%d}",
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    place="Kajgatan 4",
                    visibility=body.default_visibility,
                    status=Meeting.Status.PUBLISHED,
                    minutes_locked_at=starts + datetime.timedelta(days=7),
                    published_at=starts + datetime.timedelta(days=8),
                )
            )
            day += MEETING_DAYS
    meetings = Meeting.objects.bulk_create(meetings)
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=m,
            sort_order=k,
            title=f"Punkt {k + 1}: lägesbild och belysning",
            description="Föredragande redogör.",
            minutes=MINUTES,
        )
        for m in meetings
        for k in range(6)
    )
    decisions = Decision.objects.bulk_create(
        Decision(
            meeting=m,
            number=k + 1,
            item_number=k + 1,
            text="Styrelsen beslutade att godkänna handlingsplanen för belysning.",
            proposal=proposals[(i + k) % len(proposals)] if k == 0 else None,
        )
        for i, m in enumerate(meetings)
        for k in range(4)
    )
    Through = Decision.priorities.through
    Through.objects.bulk_create(
        Through(decision=d, prioritypage=priorities[i % len(priorities)])
        for i, d in enumerate(decisions)
    )
    Attendance.objects.bulk_create(
        Attendance(
            meeting=m,
            name=f"Ledamot {k}",
            organisation=organisations[(i + k) % len(organisations)],
            status="present" if k < 7 else "apologies",
        )
        for i, m in enumerate(meetings)
        for k in range(8)
    )


def build(scale_from: int, scale_to: int) -> None:
    for chunk in range(scale_from, scale_to):
        build_chunk(chunk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    indexing.rebuild()


# Addresses


def addresses() -> dict[str, str]:
    plan = DistrictPlanPage.objects.live().get(locale__language_code="sv")
    priority = PriorityPage.objects.live().child_of(plan).order_by("path").first()
    index = MeetingIndexPage.objects.live().get(locale__language_code="sv")
    meeting = (
        Meeting.objects.filter(
            visibility=Visibility.PUBLIC,
            status=Meeting.Status.PUBLISHED,
            title__regex=r"\d{4}-",
        )
        .order_by("-starts_at")
        .first()
    )
    return {
        "hello (robots.txt)": "/robots.txt",
        "home": "/",
        "plan": plan.url,
        "priority": priority.url,
        "meeting list": index.url,
        "meeting": index.meeting_url(meeting),
        "search": "/search/?q=belysning",
    }


def public_addresses() -> dict[str, str]:
    """Every kind of public page: those driven under load and the rest."""
    news = NewsIndexPage.objects.live().get(locale__language_code="sv")
    article = NewsPage.objects.live().child_of(news).order_by("-published_on").first()
    projects = ProjectIndexPage.objects.live().get(locale__language_code="sv")
    project = public_projects().order_by("pk").first()
    return {
        **addresses(),
        "news list": news.url,
        "news article": article.url,
        "project list": projects.url,
        "project": projects.url
        + projects.reverse_subpage("project", args=[project.pk]),
        "member directory": MemberDirectoryPage.objects.live()
        .get(locale__language_code="sv")
        .url,
        "join": JoinPage.objects.live().get(locale__language_code="sv").url,
    }


MEMBER_PAGES = {
    "portal dashboard": "/portal/",
    "portal proposals": "/portal/proposals/",
    "portal situation": "/portal/situation/",
}


# Queries per page


def count_queries() -> dict[str, dict[str, int]]:
    """Queries per page: with every cache off ("cold"), and with the caches on
    but the page itself not cached ("warm": a render after the page cache
    has filled the shared fragments; an extra query parameter misses it)."""
    anonymous = Client()
    member = Client()
    member.force_login(get_user_model().objects.get(email=MEMBER_EMAIL))
    pages = [(anonymous, n, u) for n, u in public_addresses().items()]
    pages += [(member, n, u) for n, u in MEMBER_PAGES.items()]
    counts: dict[str, dict[str, int]] = {}
    for mode, seconds in (("cold", 0), ("warm", 600)):
        cache.clear()
        with override_settings(
            PAGE_CACHE_SECONDS=seconds, FRAGMENT_CACHE_SECONDS=seconds
        ):
            for client, name, url in pages:
                client.get(url)  # per-process caches (site root, locales)
                joined = "&" if "?" in url else "?"
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(f"{url}{joined}bench=1")
                assert response.status_code == 200, (url, response.status_code)
                assert response.get("X-Page-Cache") != "hit", url
                counts.setdefault(name, {})[mode] = len(queries)
    return counts


# The server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the production settings on a loopback port."""

    def __init__(self, *, database_url: str, static_root: str, page_cache: bool):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.secret_key = "bench-only-" + "x" * 50
        env = {
            **os.environ,
            "DJANGO_ENV": "production",
            "DJANGO_SETTINGS_MODULE": "bid.settings.production",
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "BASE_URL": self.url,
            "EMAIL_URL": "consolemail://",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": f"bidbench{self.port}",
            "PAGE_CACHE_SECONDS": "600" if page_cache else "0",
            # Shared fragments stay on: "no page cache" is every page rendered.
            "FRAGMENT_CACHE_SECONDS": "600",
            "STATIC_ROOT": static_root,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "STRIPE_SECRET_KEY": "sk_test_bench",
            "STRIPE_PUBLISHABLE_KEY": "pk_test_bench",
            "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
            # Nothing listens on the discard port: a call to Stripe fails at once.
            "STRIPE_API_BASE": "http://127.0.0.1:9",
            "TASKS_BACKEND": "database",
            "LOG_LEVEL": "WARNING",
            "DEBUG": "0",
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "bid/gunicorn.py", "bid.wsgi"],
            cwd=common.ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(Path(tempfile.gettempdir()) / "bench-gunicorn.log", "w"),
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/robots.txt", timeout=2)
                break
            except OSError as error:
                if self.process.poll() is not None:
                    raise RuntimeError(
                        "gunicorn exited; see bench-gunicorn.log"
                    ) from error
                time.sleep(0.3)
        else:
            self.stop()
            raise RuntimeError("gunicorn did not answer within 60 s")
        self.workers = int(env.get("WEB_CONCURRENCY", os.cpu_count() * 2 + 1))

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def wrk(url: str, seconds: int, cookie: str = "") -> dict:
    script = common.ROOT / "bench" / "wrk_report.lua"
    header = ["-H", f"Cookie: {cookie}"] if cookie else []
    output = subprocess.run(
        [
            shutil.which("wrk") or "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            *header,
            "-s",
            str(script),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.search(r"^BENCH (\{.*\})$", output, re.MULTILINE)
    figures = json.loads(found.group(1))
    seconds_run = figures["duration_us"] / 1e6
    return {
        "rps": round(figures["requests"] / seconds_run, 1),
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p95_ms": round(figures["p95_us"] / 1000, 1),
        "p99_ms": round(figures["p99_us"] / 1000, 1),
        "requests": figures["requests"],
        "errors": figures["socket_errors"] + figures["bad_status"],
    }


def member_cookie(server: Server) -> str:
    """A session cookie of the member the portal pages are driven as, signed
    with the server's secret key."""
    client = Client()
    with override_settings(SECRET_KEY=server.secret_key):
        client.force_login(get_user_model().objects.get(email=MEMBER_EMAIL))
    name = django_settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def load(
    server: Server, pages: dict[str, str], member_pages: dict[str, str] | None = None
) -> dict[str, dict]:
    """req/s and latency of each of `pages` as an anonymous visitor and of
    each of `member_pages` as the member (never page-cached)."""
    cookie = member_cookie(server) if member_pages else ""
    driven = [(name, path, "") for name, path in pages.items()]
    driven += [(name, path, cookie) for name, path in (member_pages or {}).items()]
    measured = {}
    for name, path, with_cookie in driven:
        request = urllib.request.Request(server.url + path)
        if with_cookie:
            request.add_header("Cookie", with_cookie)
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200, (path, response.status)
            assert response.url == server.url + path, (path, response.url)
        wrk(server.url + path, 2, with_cookie)  # warm-up: imports, caches
        measured[name] = wrk(server.url + path, SECONDS, with_cookie)
        say(f"  {name:22} {measured[name]['rps']:8.1f} req/s")
    hello = measured["hello (robots.txt)"]["rps"]
    for figures in measured.values():
        figures["ratio_to_hello"] = round(figures["rps"] / hello, 3)
    return measured


# Run


def issue_contributions() -> int:
    scheme = ContributionScheme.objects.order_by("-year").first()
    on = scheme.due_date.replace(month=1, day=10)
    run = contributions_issue(scheme=scheme, on=on)
    return run.created


def main() -> None:
    started = time.perf_counter()
    figures: dict = {}
    with common.throwaway_database("pagebench", serialize=False) as test_name:
        static_root = tempfile.mkdtemp(prefix="bench-static-")
        try:
            say("demo district (manage.py load_demo_data)")
            call_command("load_demo_data", stdout=open(os.devnull, "w"))
            say(f"bulk data ×1: {ORGANISATIONS} organisations, two years of meetings")
            build(0, 1)
            issued = issue_contributions()
            built = time.perf_counter() - started
            say(f"built in {built:.0f} s; {issued} contributions issued")

            queries_1x = count_queries()
            _collectstatic(static_root)
            database_url = _database_url(test_name)
            load_figures = {}
            for cached in (False, True):
                say(f"gunicorn, page cache {'on' if cached else 'off'}:")
                server = Server(
                    database_url=database_url,
                    static_root=static_root,
                    page_cache=cached,
                )
                try:
                    # Members' pages are never page-cached: driven once.
                    load_figures["cached" if cached else "uncached"] = load(
                        server,
                        addresses() if cached else public_addresses(),
                        None if cached else MEMBER_PAGES,
                    )
                finally:
                    server.stop()
            figures["pages"] = {
                "workers": server.workers,
                "threads": int(os.environ.get("GUNICORN_THREADS", "2")),
                "connections": CONNECTIONS,
                "seconds_per_page": SECONDS,
                "database": connection.vendor,
                "cache": "redis",
                **load_figures,
            }

            say("bulk data ×10")
            build(1, 10)
            queries_10x = count_queries()
            figures["queries"] = {
                name: {
                    f"{mode}_{scale}": counts[name][mode]
                    for scale, counts in (("1x", queries_1x), ("10x", queries_10x))
                    for mode in ("cold", "warm")
                }
                for name in queries_1x
            }
            figures["pages"]["build_seconds"] = round(built)
        finally:
            shutil.rmtree(static_root, ignore_errors=True)
    common.record(figures)


def _collectstatic(static_root: str) -> None:
    """Static files as production serves them (hashed names, compressed)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bid.settings.base",
        "SECRET_KEY": "bench-only",
        "STATIC_ROOT": static_root,
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=common.ROOT,
        env=env,
        check=True,
    )


def _database_url(name: str) -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{name}"


if __name__ == "__main__":
    main()
