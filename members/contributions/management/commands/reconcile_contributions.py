"""Ask Stripe about open card payments and apply what webhooks missed."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from members.contributions import gateway
from members.contributions.services import contributions_reconcile


class Command(BaseCommand):
    help = "Re-fetch open card payments from Stripe and settle the ledger."

    def handle(self, *args, **options):
        if not gateway.is_configured():
            raise CommandError("Stripe is not configured (STRIPE_SECRET_KEY).")
        bar = tqdm(
            total=0, unit="payment", file=self.stderr, disable=options["verbosity"] == 0
        )

        def progress(done, total):
            bar.total = total
            bar.update(done - bar.n)

        try:
            checked = contributions_reconcile(progress=progress)
        except gateway.GatewayError as error:
            raise CommandError(error.user_message) from error
        finally:
            bar.close()
        self.stdout.write(
            self.style.SUCCESS(f"Checked {checked} card payments with Stripe.")
        )
