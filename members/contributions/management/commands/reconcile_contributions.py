"""Ask Stripe about open card payments and apply what webhooks missed."""

from django.core.management.base import BaseCommand, CommandError

from bid.progress import progress_bar
from members.contributions import gateway
from members.contributions.services import contributions_reconcile


class Command(BaseCommand):
    help = "Re-fetch open card payments from Stripe and settle the ledger."

    def handle(self, *args, **options):
        if not gateway.is_configured():
            raise CommandError("Stripe is not configured (STRIPE_SECRET_KEY).")
        quiet = options["verbosity"] == 0
        try:
            with progress_bar(self.stderr, unit="payment", quiet=quiet) as progress:
                checked = contributions_reconcile(progress=progress)
        except gateway.GatewayError as error:
            raise CommandError(error.user_message) from error
        self.stdout.write(
            self.style.SUCCESS(f"Checked {checked} card payments with Stripe.")
        )
