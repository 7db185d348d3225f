"""Build the demo district, Hamnstaden BID, in all four languages.

Idempotent: what exists is left as it is, so a second run changes nothing.
Later modules add their part of the demo through `demo_steps` below.
"""

from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Site

from home import demo_content as demo
from home.models import (
    DistrictPlanPage,
    DistrictSettings,
    HomePage,
    Indicator,
    JoinPage,
    Measurement,
    MeetingIndexPage,
    MemberDirectoryPage,
    NewsIndexPage,
    NewsPage,
    PriorityPage,
    PriorityParty,
    ProjectIndexPage,
    RankingChange,
    StandardPage,
)
from home.services import priorities_reorder, ranking_record_initial
from members import demo as members_demo
from members.accounts import roles

# Published in the README on purpose; handle() refuses production settings.
DEMO_PASSWORD = "demo-Hamnstaden-2026"  # nosec B105
DEMO_DOMAIN = "hamnstaden.example"

DEMO_USERS = [
    # email, first name, last name, groups, superuser, language, description
    ("admin", "Anna", "Administratör", [], True, "sv", "administrator (superuser)"),
    (
        "sekretariat",
        "Eva",
        "Lindqvist",
        [roles.SECRETARIAT],
        False,
        "sv",
        "secretariat",
    ),
    ("styrelse", "Johan", "Berg", [roles.BOARD], False, "sv", "board member"),
    ("karin", "Karin", "Ström", [], False, "sv", "member: Kajfastigheter AB (admin)"),
    ("ali", "Ali", "Hassan", [], False, "sv", "member: Hamnens Bostäder AB (admin)"),
    ("mads", "Mads", "Kristensen", [], False, "da", "applicant, application submitted"),
    (
        "ingrid",
        "Ingrid",
        "Solberg",
        [],
        False,
        "nb",
        "applicant, information requested",
    ),
    ("polis", "Lars", "Holm", [], False, "sv", "party: Polismyndigheten (police)"),
    ("lisa", "Lisa", "Nyberg", [], False, "sv", "applicant, draft application"),
    ("per", "Per", "Olsson", [], False, "sv", "applicant, application rejected"),
]

DISTRICT = {
    "organisation_name": "Hamnstaden BID ekonomisk förening",
    "organisation_number": "769600-0004",
    "email": "kontakt@hamnstaden.example",
    "phone": "+46 8 123 456 00",
    "street_address": "Kajgatan 4",
    "postal_code": "120 30",
    "city": "Västerhamn",
    "currency": DistrictSettings.Currency.SEK,
}

HOME = {
    "sv": {
        "title": "Startsida",
        "hero_heading": "Tillsammans för ett tryggare, renare och mer attraktivt "
        "Hamnstaden",
        "hero_text": "Fastighetsägare, bostadsbolag, näringsidkare, kommunen och "
        "polisen samarbetar i Hamnstaden BID. Här ser du vad vi prioriterar, vad "
        "pengarna går till och vad det ger.",
        "hero_cta_text": "Läs om distriktet",
        "description": "<p>Hamnstaden BID är ett frivilligt partnerskap där "
        "medlemmarna betalar en årlig avgift och beslutar om en gemensam "
        "<b>verksamhetsplan</b> med en rangordnad prioriteringslista.</p>",
    },
    "da": {
        "title": "Forside",
        "hero_heading": "Sammen om et tryggere, renere og mere attraktivt Hamnstaden",
        "hero_text": "Ejendomsejere, boligselskaber, erhvervsdrivende, kommunen og "
        "politiet samarbejder i Hamnstaden BID. Her kan du se, hvad vi prioriterer, "
        "hvad pengene bruges til, og hvad det giver.",
        "hero_cta_text": "Læs om distriktet",
        "description": "<p>Hamnstaden BID er et frivilligt partnerskab, hvor "
        "medlemmerne betaler et årligt bidrag og vedtager en fælles "
        "<b>forretningsplan</b> med en prioriteret liste.</p>",
    },
    "nb": {
        "title": "Forside",
        "hero_heading": "Sammen for et tryggere, renere og mer attraktivt Hamnstaden",
        "hero_text": "Eiendomsbesittere, boligselskaper, næringsdrivende, kommunen og "
        "politiet samarbeider i Hamnstaden BID. Her ser du hva vi prioriterer, hva "
        "pengene går til og hva det gir.",
        "hero_cta_text": "Les om distriktet",
        "description": "<p>Hamnstaden BID er et frivillig partnerskap der medlemmene "
        "betaler en årlig kontingent og vedtar en felles <b>virksomhetsplan</b> med "
        "en rangert prioriteringsliste.</p>",
    },
    "en": {
        "title": "Home",
        "hero_heading": "Together for a safer, cleaner and more attractive Hamnstaden",
        "hero_text": "Property owners, housing companies, businesses, the municipality "
        "and the police work together in Hamnstaden BID. See what we prioritise, "
        "what the money is for and what it achieves.",
        "hero_cta_text": "About the district",
        "description": "<p>Hamnstaden BID is a voluntary partnership: members pay an "
        "annual contribution and agree a shared <b>business plan</b> with a ranked "
        "list of priorities.</p>",
    },
}

STANDARD_PAGES = [
    {
        "key": "about",
        "slug": {
            "sv": "om-distriktet",
            "da": "om-distriktet",
            "nb": "om-distriktet",
            "en": "about",
        },
        "title": {
            "sv": "Om distriktet",
            "da": "Om distriktet",
            "nb": "Om distriktet",
            "en": "About the district",
        },
        "intro": {
            "sv": "Hamnstaden är en stadsdel med 9 000 invånare, 400 företag och en "
            "växande hamnpromenad.",
            "da": "Hamnstaden er en bydel med 9.000 indbyggere, 400 virksomheder og en "
            "voksende havnepromenade.",
            "nb": "Hamnstaden er en bydel med 9 000 innbyggere, 400 bedrifter og en "
            "voksende havnepromenade.",
            "en": "Hamnstaden is a neighbourhood of 9,000 residents, 400 businesses "
            "and a growing harbour promenade.",
        },
        "body": {
            "sv": "<p>Sedan 2024 arbetar fastighetsägare, bostadsbolag, kommunen, "
            "polisen och räddningstjänsten tillsammans i en BID-förening. Arbetet "
            "följer en verksamhetsplan som medlemsmötet har antagit.</p>",
            "da": "<p>Siden 2024 har ejendomsejere, boligselskaber, kommunen, politiet "
            "og beredskabet arbejdet sammen i en BID-forening efter en "
            "forretningsplan, som medlemsmødet har vedtaget.</p>",
            "nb": "<p>Siden 2024 har eiendomsbesittere, boligselskaper, kommunen, "
            "politiet og brannvesenet samarbeidet i en BID-forening etter en "
            "virksomhetsplan som medlemsmøtet har vedtatt.</p>",
            "en": "<p>Since 2024 property owners, housing companies, the "
            "municipality, the police and the rescue service have worked together "
            "in a BID association, following a business plan adopted by the annual "
            "meeting.</p>",
        },
    },
    {
        "key": "contact",
        "slug": {"sv": "kontakt", "da": "kontakt", "nb": "kontakt", "en": "contact"},
        "title": {"sv": "Kontakt", "da": "Kontakt", "nb": "Kontakt", "en": "Contact"},
        "intro": {
            "sv": "Sekretariatet svarar på frågor om medlemskap, avgifter och projekt.",
            "da": "Sekretariatet besvarer spørgsmål om medlemskab, bidrag og "
            "projekter.",
            "nb": "Sekretariatet svarer på spørsmål om medlemskap, kontingent og "
            "prosjekter.",
            "en": "The secretariat answers questions about membership, contributions "
            "and projects.",
        },
        "body": {
            "sv": "<p>Skriv till kontakt@hamnstaden.example eller ring "
            "08-123 456 00 vardagar 9–16.</p>",
            "da": "<p>Skriv til kontakt@hamnstaden.example eller ring "
            "+46 8 123 456 00 på hverdage kl. 9–16.</p>",
            "nb": "<p>Skriv til kontakt@hamnstaden.example eller ring "
            "+46 8 123 456 00 på hverdager kl. 9–16.</p>",
            "en": "<p>Write to kontakt@hamnstaden.example or call +46 8 123 456 00 "
            "on weekdays, 9:00–16:00.</p>",
        },
    },
]


def paragraph(html: str) -> list:
    return [("paragraph", html)]


class Command(BaseCommand):
    help = "Load the demo district (idempotent): pages in four languages and users."

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError(
                "load_demo_data creates accounts whose password is published; "
                "it does not run with the production settings."
            )
        # The demo people are fictional: what the workflows would email them
        # is discarded instead of filling the console.
        email_backend = settings.EMAIL_BACKEND
        settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        try:
            with transaction.atomic():
                for step in self.demo_steps():
                    self.stdout.write(f"· {step.__doc__.strip().splitlines()[0]}")
                    step()
            # After commit, so the index sees what the signals indexed too.
            self.stdout.write(f"· {self.search_index.__doc__.strip()}")
            self.search_index()
        finally:
            settings.EMAIL_BACKEND = email_backend
        self.print_logins()

    def demo_steps(self):
        return [
            self.district_settings,
            self.users,
            self.pages,
            self.plan,
            self.news,
            self.members,
            self.contributions,
            self.proposals,
            self.meetings,
            self.situation,
            self.notifications,
        ]

    def situation(self):
        """Four areas, twelve weeks of situational pictures, actions and walks."""
        from members.areas import demo as areas_demo

        areas_demo.load()

    def notifications(self):
        """Follows by hand (proposers and addressed parties follow already)."""
        from members.notifications import demo as notifications_demo

        notifications_demo.load()

    def search_index(self):
        """The search index, rebuilt from everything above."""
        from search import indexing

        indexing.rebuild()

    def district_settings(self):
        """District settings: name and contact details for the footer."""
        site = Site.objects.get(is_default_site=True)
        settings_row, created = DistrictSettings.objects.get_or_create(
            site=site, defaults=DISTRICT
        )
        if created:
            settings_row.full_clean()

    def pages(self):
        """Home, about and contact pages in Swedish, Danish, Norwegian and English."""
        home = HomePage.objects.get(locale__language_code="sv", depth=2)
        if home.latest_revision_id is None:
            self._fill_home(home, "sv")
        for code in ("da", "nb", "en"):
            locale = Locale.objects.get(language_code=code)
            if not home.has_translation(locale):
                translated = home.copy_for_translation(locale)
                self._fill_home(translated.specific, code)
        for spec in STANDARD_PAGES:
            self._standard_page(home, spec)
        self._link_hero(home)

    def _fill_home(self, home: HomePage, code: str) -> None:
        content = HOME[code]
        home.title = home.draft_title = content["title"]
        home.hero_heading = content["hero_heading"]
        home.hero_text = content["hero_text"]
        home.hero_cta_text = content["hero_cta_text"]
        home.description = content["description"]
        home.full_clean()
        home.save_revision().publish()

    def _standard_page(self, home: HomePage, spec: dict) -> None:
        source = (
            StandardPage.objects.child_of(home).filter(slug=spec["slug"]["sv"]).first()
        )
        if source is None:
            source = StandardPage(
                title=spec["title"]["sv"],
                slug=spec["slug"]["sv"],
                intro=spec["intro"]["sv"],
                body=paragraph(spec["body"]["sv"]),
                show_in_menus=True,
            )
            home.add_child(instance=source)
            source.save_revision().publish()
        for code in ("da", "nb", "en"):
            locale = Locale.objects.get(language_code=code)
            if source.has_translation(locale):
                continue
            page = source.copy_for_translation(locale).specific
            page.title = page.draft_title = spec["title"][code]
            page.slug = spec["slug"][code]
            page.intro = spec["intro"][code]
            page.body = paragraph(spec["body"][code])
            page.full_clean()
            page.save_revision().publish()

    def _link_hero(self, home: HomePage) -> None:
        about = StandardPage.objects.child_of(home).get(slug="om-distriktet")
        for page in HomePage.objects.filter(translation_key=home.translation_key):
            if page.hero_cta_page_id is None:
                page.hero_cta_page = about
                page.save(update_fields=["hero_cta_page"])
                page.save_revision().publish()

    def users(self):
        """A user for each role, with a verified email address."""
        User = get_user_model()
        for local, first, last, groups, superuser, language, _role in DEMO_USERS:
            email = f"{local}@{DEMO_DOMAIN}"
            user = User.objects.filter(email=email).first()
            if user is None:
                create = (
                    User.objects.create_superuser
                    if superuser
                    else (User.objects.create_user)
                )
                user = create(
                    email=email,
                    password=DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                    language=language,
                )
                user.groups.set(Group.objects.filter(name__in=groups))
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )

    def plan(self):
        """The district plan with six ranked priorities, indicators and history."""
        home = self._home()
        source = DistrictPlanPage.objects.child_of(home).first()
        if source is not None:
            return
        plan = DistrictPlanPage(
            title=demo.PLAN["title"]["sv"],
            slug=demo.PLAN["slug"]["sv"],
            intro=demo.PLAN["intro"]["sv"],
            period_start=2025,
            period_end=2028,
            body=self._plan_body("sv"),
            show_in_menus=True,
        )
        home.add_child(instance=plan)
        plan.save_revision().publish()
        pages = {}
        for index in demo.INITIAL_ORDER:
            spec = demo.PRIORITIES[index]
            priority = PriorityPage(
                title=spec["title"]["sv"],
                slug=spec["slug"]["sv"],
                **self._priority_fields(spec, "sv"),
            )
            plan.add_child(instance=priority)
            priority.save_revision().publish()
            pages[index] = priority
            self._indicators(priority, spec)
        for code in demo.LANGUAGES[1:]:
            translated_plan = plan.copy_for_translation(self._locale(code)).specific
            translated_plan.title = translated_plan.draft_title = demo.PLAN["title"][
                code
            ]
            translated_plan.slug = demo.PLAN["slug"][code]
            translated_plan.intro = demo.PLAN["intro"][code]
            translated_plan.body = self._plan_body(code)
            translated_plan.save_revision().publish()
            for index in demo.INITIAL_ORDER:
                spec = demo.PRIORITIES[index]
                page = pages[index].copy_for_translation(self._locale(code)).specific
                page.title = page.draft_title = spec["title"][code]
                page.slug = spec["slug"][code]
                for field, value in self._priority_fields(spec, code).items():
                    setattr(page, field, value)
                page.full_clean()
                page.save_revision().publish()

        board = get_user_model().objects.get(email=f"styrelse@{DEMO_DOMAIN}")
        adopted = ranking_record_initial(
            plan=plan, by=board, rationale=demo.INITIAL_RATIONALE
        )
        changed = priorities_reorder(
            plan=plan,
            ordered_ids=[pages[index].pk for index in range(len(demo.PRIORITIES))],
            by=board,
            rationale=demo.CHANGE_RATIONALE,
        )
        # Date the demo history as the story tells it.
        for change, when in ((adopted, demo.ADOPTED_AT), (changed, demo.CHANGED_AT)):
            RankingChange.objects.filter(pk=change.pk).update(changed_at=when)
        # A change the board has submitted and the secretariat has yet to approve.
        pending = PriorityPage.objects.get(pk=pages[demo.PENDING_CHANGE["index"]].pk)
        pending.summary = demo.PENDING_CHANGE["summary"]
        pending.save_revision(user=board)
        pending.get_workflow().start(pending, board)

    def _plan_body(self, code: str) -> list:
        plan = demo.PLAN
        return [
            ("paragraph", plan["vision"][code]),
            (
                "figures",
                {
                    "heading": plan["figures_heading"][code],
                    "figures": [
                        {"value": value, "label": label[code]}
                        for value, label in plan["figures"]
                    ],
                },
            ),
            (
                "budget_summary",
                {
                    "heading": plan["budget_heading"][code],
                    "year": 2026,
                    "currency": "SEK",
                    "lines": [
                        {"item": item[code], "amount": amount}
                        for item, amount in plan["budget_lines"]
                    ],
                },
            ),
        ]

    def _priority_fields(self, spec: dict, code: str) -> dict:
        return {
            "summary": spec["summary"][code],
            "status": spec["status"],
            "budget_year": 2026 if spec["budget"] is not None else None,
            "budget_amount_minor": spec["budget"],
            "budget_currency": "SEK",
            "areas": spec["areas"],
            "show_in_menus": False,
            "responsible_parties": [
                PriorityParty(name=name, role=role[code] if role else "")
                for name, role in spec["parties"]
            ],
        }

    def _indicators(self, priority: PriorityPage, spec: dict) -> None:
        for order, item in enumerate(spec["indicators"]):
            baseline, target = (
                Decimal(str(item["baseline"])),
                Decimal(str(item["target"])),
            )
            indicator = Indicator(
                priority=priority,
                name=item["name"]["sv"],
                name_da=item["name"]["da"],
                name_nb=item["name"]["nb"],
                name_en=item["name"]["en"],
                unit=item["unit"]["sv"],
                unit_da=item["unit"]["da"],
                unit_nb=item["unit"]["nb"],
                unit_en=item["unit"]["en"],
                direction=item["direction"],
                baseline_value=baseline,
                baseline_date=demo.BASELINE_DATE,
                target_value=target,
                target_date=demo.TARGET_DATE,
                is_headline=item["headline"],
                sort_order=order,
            )
            indicator.full_clean()
            indicator.save()
            for measured_on, share in zip(
                demo.MEASURED_ON, item["progress"], strict=True
            ):
                value = (baseline + (target - baseline) * Decimal(str(share))).quantize(
                    Decimal("0.1")
                )
                measurement = Measurement(
                    indicator=indicator,
                    measured_on=measured_on,
                    value=value,
                    source=item["source"],
                )
                measurement.full_clean()
                measurement.save()

    def news(self):
        """A news index with three articles in every language and an Atom feed."""
        home = self._home()
        if NewsIndexPage.objects.child_of(home).exists():
            return
        spec = demo.NEWS_INDEX
        index = NewsIndexPage(
            title=spec["title"]["sv"],
            slug=spec["slug"]["sv"],
            intro=spec["intro"]["sv"],
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        translated_indexes = {}
        for code in demo.LANGUAGES[1:]:
            page = index.copy_for_translation(self._locale(code)).specific
            page.title = page.draft_title = spec["title"][code]
            page.slug = spec["slug"][code]
            page.intro = spec["intro"][code]
            page.save_revision().publish()
            translated_indexes[code] = page
        for article in reversed(demo.NEWS):
            source = NewsPage(
                title=article["title"]["sv"],
                slug=article["slug"]["sv"],
                summary=article["summary"]["sv"],
                published_on=article["date"],
                body=paragraph(f"<p>{article['summary']['sv']}</p>"),
            )
            index.add_child(instance=source)
            source.save_revision().publish()
            for code in demo.LANGUAGES[1:]:
                page = source.copy_for_translation(self._locale(code)).specific
                page.title = page.draft_title = article["title"][code]
                page.slug = article["slug"][code]
                page.summary = article["summary"][code]
                page.body = paragraph(f"<p>{article['summary'][code]}</p>")
                page.save_revision().publish()

    def members(self):
        """Twelve organisations, forty properties, one application in each state."""
        members_demo.load()
        home = self._home()
        for model, spec in (
            (JoinPage, demo.JOIN_PAGE),
            (MemberDirectoryPage, demo.DIRECTORY),
        ):
            if model.objects.child_of(home).exists():
                continue
            page = model(
                title=spec["title"]["sv"],
                slug=spec["slug"]["sv"],
                intro=spec["intro"]["sv"],
                show_in_menus=True,
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            for code in demo.LANGUAGES[1:]:
                translated = page.copy_for_translation(self._locale(code)).specific
                translated.title = translated.draft_title = spec["title"][code]
                translated.slug = spec["slug"][code]
                translated.intro = spec["intro"][code]
                translated.save_revision().publish()

    def contributions(self):
        """The 2026 contributions, paid, partly paid and overdue; 2027's scheme."""
        members_demo.load_contributions()

    def proposals(self):
        """Fifteen proposals in every state and the public project list."""
        members_demo.load_proposals()
        home = self._home()
        if ProjectIndexPage.objects.child_of(home).exists():
            return
        spec = demo.PROJECTS
        page = ProjectIndexPage(
            title=spec["title"]["sv"],
            slug=spec["slug"]["sv"],
            intro=spec["intro"]["sv"],
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        for code in demo.LANGUAGES[1:]:
            translated = page.copy_for_translation(self._locale(code)).specific
            translated.title = translated.draft_title = spec["title"][code]
            translated.slug = spec["slug"][code]
            translated.intro = spec["intro"][code]
            translated.save_revision().publish()

    def meetings(self):
        """Three bodies, thirty meetings with minutes, decisions and papers."""
        from members.meetings import demo as meetings_demo

        meetings_demo.load()
        self._index_page(MeetingIndexPage, demo.MEETINGS)

    def _index_page(self, model, spec) -> None:
        home = self._home()
        if model.objects.child_of(home).exists():
            return
        page = model(
            title=spec["title"]["sv"],
            slug=spec["slug"]["sv"],
            intro=spec["intro"]["sv"],
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        for code in demo.LANGUAGES[1:]:
            translated = page.copy_for_translation(self._locale(code)).specific
            translated.title = translated.draft_title = spec["title"][code]
            translated.slug = spec["slug"][code]
            translated.intro = spec["intro"][code]
            translated.save_revision().publish()

    def _home(self) -> HomePage:
        return HomePage.objects.get(locale__language_code="sv", depth=2)

    def _locale(self, code: str) -> Locale:
        return Locale.objects.get(language_code=code)

    def print_logins(self):
        self.stdout.write(self.style.SUCCESS("\nDemo district ready. Logins:"))
        for local, _first, _last, _groups, _superuser, _language, role in DEMO_USERS:
            self.stdout.write(f"  {local + '@' + DEMO_DOMAIN:<34} {role}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}\n")
        self.stdout.write(
            "Members sign in at /accounts/login/; board and secretariat use /admin/."
        )
