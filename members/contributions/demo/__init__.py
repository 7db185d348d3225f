"""The demo district's money (contributions.toml): the 2026 contributions with
card and bank payments, a partial payment with extended due date, overdue
members and a refunded double payment; 2027's scheme with VAT issued on
1 December, one invoice credited, and the bank's file of 4 December imported
(two payments matched, one waiting for the secretariat). Invoice settings and
schemes are written as the admin forms write them: no service exists for them."""

from fractions import Fraction
from pathlib import Path

from bid import demo
from members.accounts import demo as people
from members.contributions import services
from members.contributions.bank import bank_file_import
from members.contributions.models import (
    Contribution,
    ContributionScheme,
    InvoiceSettings,
    SchemeRate,
)


def load() -> None:
    """Invoice settings, schemes, invoices and payments; once."""
    spec = demo.data(__file__, "contributions")
    _invoice_settings(spec["invoice_settings"])
    schemes = {scheme["year"]: scheme for scheme in spec["schemes"]}
    if not ContributionScheme.objects.filter(year=2026).exists():
        for year in (2026, 2027):
            _scheme(schemes[year])
        services.contributions_issue(
            scheme=ContributionScheme.objects.get(year=2026),
            on=schemes[2026]["issued_on"],
        )
        _payments(spec["payments_2026"])
    scheme_2027 = ContributionScheme.objects.get(year=2027)
    if scheme_2027.locked_at is None and scheme_2027.vat_rate == 0:
        # A demo database from before VAT: 2027 is still a draft, so it learns
        # the rate the annual meeting adopted.
        ContributionScheme.objects.filter(pk=scheme_2027.pk).update(
            vat_rate=schemes[2027]["vat_rate"],
            vat_exemption_reason=schemes[2027]["vat_exemption_reason"],
            due_date=schemes[2027]["due_date"],
        )
        scheme_2027.refresh_from_db()
    if not Contribution.objects.filter(kind="annual", year=2027).exists():
        services.contributions_issue(scheme=scheme_2027, on=schemes[2027]["issued_on"])
        void = spec["void"]
        services.contribution_void(
            contribution=Contribution.objects.get(
                kind="annual",
                year=void["year"],
                organisation__legal_name=void["organisation"],
            ),
            by=people.person(void["by"]),
            reason=void["reason"],
            on=void["on"],
        )
    bank_file = spec["bank_file"]
    bank_file_import(
        file_name=bank_file["name"],
        content=(Path(__file__).parent / bank_file["name"]).read_bytes(),
        by=people.person(bank_file["by"]),
    )


def _invoice_settings(values: dict) -> None:
    settings = InvoiceSettings.load()
    if settings.legal_name and settings.vat_number:
        return
    for field, value in values.items():
        setattr(settings, field, value)
    settings.full_clean()
    settings.save()


def _scheme(spec: dict) -> None:
    scheme = ContributionScheme(
        year=spec["year"],
        currency=spec["currency"],
        base_fee_minor=spec["base_fee_minor"],
        floor_minor=spec["floor_minor"],
        cap_minor=spec["cap_minor"],
        due_date=spec["due_date"],
        vat_rate=spec["vat_rate"],
        vat_exemption_reason=spec["vat_exemption_reason"],
        notes=spec["notes"],
    )
    scheme.full_clean()
    scheme.save()
    for use, rate in spec["rates_minor_per_m2"].items():
        SchemeRate.objects.create(
            scheme=scheme, use_category=use, rate_minor_per_m2=rate
        )


def _payments(payments: list[dict]) -> None:
    secretariat = people.person("sekretariat")
    invoices = {
        contribution.organisation.legal_name: contribution
        for contribution in Contribution.objects.filter(kind="annual", year=2026)
    }
    for payment in payments:
        contribution = invoices[payment["organisation"]]
        amount = int(contribution.amount_minor * Fraction(payment.get("share", 1)))
        day = payment["on"]
        if payment["method"] == "card":
            entry, _created = services.entry_record(
                contribution=contribution,
                kind="card_payment",
                source="stripe",
                external_id=payment.get("intent", f"pi_demo_{contribution.number}"),
                amount_minor=amount,
                occurred_on=day,
            )
        else:
            entry = services.bank_payment_record(
                contribution=contribution,
                by=secretariat,
                amount_minor=amount,
                occurred_on=day,
                reference=f"Bankgiro {day.isoformat()}",
                form_token=f"demo-{contribution.number}-{day.isoformat()}",
            )
        if "refund" in payment:
            services.entry_record(
                contribution=entry.contribution,
                kind="refund",
                source="stripe",
                external_id=payment["refund"]["external_id"],
                amount_minor=entry.amount_minor,
                occurred_on=payment["refund"]["on"],
            )
        if "due_date" in payment:
            # The secretariat's extension, as the admin records it.
            Contribution.objects.filter(pk=contribution.pk).update(
                due_date=payment["due_date"]
            )
