"""Build the demo district, Hamnstaden BID, in all four languages.

Each app loads its own part from the data files in its `demo` package
(members/<app>/demo/, home/demo/) through its services; `demo_steps` calls
them in the order they depend on each other. Idempotent: what exists is left
as it is, so a second run changes nothing.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.signal_handlers import disable_reference_index_auto_update

from home import demo as home_demo
from home.demo import reports as reports_demo
from members.accounts import demo as accounts_demo
from members.agreements import demo as agreements_demo
from members.areas import demo as areas_demo
from members.auditing import demo as auditing_demo
from members.contributions import demo as contributions_demo
from members.enrolment import demo as enrolment_demo
from members.meetings import demo as meetings_demo
from members.notifications import demo as notifications_demo
from members.organisations import demo as organisations_demo
from members.premises import demo as premises_demo
from members.projects import demo as projects_demo
from members.proposals import demo as proposals_demo
from search import indexing

# Published in the README on purpose; handle() refuses production settings.
DEMO_PASSWORD = "demo-Hamnstaden-2026"  # nosec B105
DEMO_DOMAIN = accounts_demo.DOMAIN


class Command(BaseCommand):
    help = "Load the demo district (idempotent): pages in four languages and users."

    def handle(self, *args, **options):
        # None while override_settings() is in force (a live test server).
        if (settings.SETTINGS_MODULE or "").endswith(".production"):
            raise CommandError(
                "load_demo_data creates accounts whose password is published; "
                "it does not run with the production settings."
            )
        # The demo people are fictional: what the workflows would email them
        # is discarded instead of filling the console.
        email_backend = settings.EMAIL_BACKEND
        settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        try:
            # The search index once at the end too, instead of object by object
            # as each is saved (which a rebuild would redo).
            with indexing.paused(), transaction.atomic():
                # Wagtail's reference index ("used by") once at the end instead
                # of after every save and revision: a third of the load's time.
                with disable_reference_index_auto_update():
                    for step in self.demo_steps():
                        self.stdout.write(f"· {step.__doc__.strip().splitlines()[0]}")
                        step()
                self.stdout.write(f"· {self.references.__doc__.strip()}")
                self.references()
            # After commit and its callbacks, so the index sees what they wrote.
            self.stdout.write(f"· {self.search_index.__doc__.strip()}")
            self.search_index()
        finally:
            settings.EMAIL_BACKEND = email_backend
        self.print_logins()

    def demo_steps(self):
        """People first, then the district's areas, which the plan's
        priorities, the properties and the proposals name; the site's pages
        and plan before the member apps, whose proposals and decisions concern
        the plan's priorities; then the member apps from the lowest up."""
        return [
            self.district_settings,
            self.users,
            self.areas,
            self.pages,
            self.plan,
            self.news,
            self.members,
            self.contributions,
            self.proposals,
            self.meetings,
            self.situation,
            self.projects,
            self.agreements,
            self.premises,
            self.audit,
            self.annual_report,
            self.notifications,
        ]

    def district_settings(self):
        """District settings: name and contact details for the footer."""
        home_demo.district_settings()

    def users(self):
        """A user for each role, with a verified email address."""
        accounts_demo.load(password=DEMO_PASSWORD)

    def areas(self):
        """Four areas of the district with their boundaries."""
        areas_demo.areas()

    def pages(self):
        """Home, about and contact pages in Swedish, Danish, Norwegian and English."""
        home_demo.pages()

    def plan(self):
        """The district plan with six ranked priorities, indicators and history."""
        home_demo.plan()

    def news(self):
        """A news index with three articles in every language and an Atom feed."""
        home_demo.news()

    def members(self):
        """Twelve organisations, forty properties, one application in each state."""
        organisations_demo.load()
        enrolment_demo.load(home=home_demo.home_page())

    def contributions(self):
        """The 2026 contributions, paid, partly paid and overdue; 2027's scheme."""
        contributions_demo.load()

    def proposals(self):
        """Fifteen proposals in every state and the public project list."""
        proposals_demo.load(home=home_demo.home_page())

    def meetings(self):
        """Three bodies, thirty meetings with minutes, decisions and papers."""
        meetings_demo.load(home=home_demo.home_page())

    def situation(self):
        """Four areas, twelve weeks of situational pictures, actions and walks."""
        areas_demo.load()

    def agreements(self):
        """Eight agreements of every kind, one expiring soon, one obligation overdue."""
        agreements_demo.load()

    def premises(self):
        """Premises on every property, four vacant, two search requests."""
        premises_demo.load()

    def audit(self):
        """The auditor, given 2025–2026 by the secretariat, and their first pages."""
        auditing_demo.load()

    def projects(self):
        """Funding, milestones, a discontinued project and two evaluations."""
        projects_demo.load()

    def annual_report(self):
        """The activity reports section and the 2026 report, drafted from the data."""
        reports_demo.load(home=home_demo.home_page())

    def notifications(self):
        """Follows by hand (proposers and addressed parties follow already)."""
        notifications_demo.load()

    def references(self):
        """Wagtail's reference index, rebuilt from everything above."""
        call_command("rebuild_references_index", verbosity=0)

    def search_index(self):
        """The search index, rebuilt from everything above."""
        indexing.rebuild()

    def print_logins(self):
        self.stdout.write(self.style.SUCCESS("\nDemo district ready. Logins:"))
        for email, role in accounts_demo.logins():
            self.stdout.write(f"  {email:<34} {role}")
        self.stdout.write(f"  password for all: {DEMO_PASSWORD}\n")
        self.stdout.write(
            "Members sign in at /accounts/login/; board and secretariat use /admin/."
        )
