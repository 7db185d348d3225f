"""The demo district's agreements register (agreements.toml): eight
agreements of every kind with Hamnstaden's parties, one ending within 60
days, one with an overdue obligation, signed PDFs and a yearly follow-up; the
secretariat's demo user is responsible for them. Everything goes through the
services; loading twice adds nothing."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bid import demo
from members.accounts import demo as people
from members.agreements import services
from members.agreements.models import Agreement
from members.organisations.models import Organisation


def _day(days: int | None) -> datetime.date | None:
    if days is None:
        return None
    return timezone.localdate() + datetime.timedelta(days=days)


def _signed_pdf(agreement: Agreement) -> bytes:
    """A one-page stand-in for the scanned, signed agreement (the core font:
    the demo's words are all Latin-1)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(0, 9, agreement.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", size=11)
    period = f"{agreement.starts_on:%Y-%m-%d} - " + (
        f"{agreement.ends_on:%Y-%m-%d}" if agreement.ends_on else "tills vidare"
    )
    for line in (
        f"Parter: Hamnstaden BID ekonomisk förening och {agreement.party_label}",
        f"Avtalstid: {period}",
        f"Uppsägningstid: {agreement.notice_months} månader",
        "",
        "Undertecknat av båda parter.",
    ):
        pdf.multi_cell(0, 7, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def load() -> None:
    spec = demo.data(__file__, "agreements")
    by = people.person(spec["responsible"])
    organisations = {o.legal_name: o for o in Organisation.objects.all()}
    priorities = Agreement._meta.get_field("priority").related_model.objects
    decisions = Agreement._meta.get_field("decision").related_model.objects
    for entry in spec["agreements"]:
        if Agreement.objects.filter(title=entry["title"]).exists():
            continue
        counterparty = organisations.get(entry.get("counterparty", ""))
        agreement = services.agreement_create(
            by=by,
            title=entry["title"],
            counterparty=counterparty,
            counterparty_name=""
            if counterparty
            else entry.get("counterparty_name", entry.get("counterparty", "")),
            kind=entry["kind"],
            value_minor=entry["value_minor"],
            value_per=entry["value_per"],
            starts_on=_day(entry["starts_in_days"]),
            ends_on=_day(entry.get("ends_in_days")),
            renews_by_months=entry.get("renews_by_months"),
            notice_months=entry["notice_months"],
            responsible=by,
            priority=priorities.filter(slug=entry["priority"]).order_by("pk").first()
            if "priority" in entry
            else None,
            decision=decisions.filter(text__contains=entry["decision"]).first()
            if "decision" in entry
            else None,
        )
        for obligation in entry.get("obligations", []):
            services.obligation_add(
                by=by,
                agreement=agreement,
                title=obligation["title"],
                kind=obligation["kind"],
                due_on=_day(obligation["due_in_days"]),
                done_on=_day(obligation.get("done_in_days")),
            )
        if "document" in entry:
            services.document_add(
                by=by,
                agreement=agreement,
                title=entry["document"],
                file=ContentFile(_signed_pdf(agreement), name="avtal.pdf"),
            )
        if "follow_up" in entry:
            follow_up = entry["follow_up"]
            services.follow_up_record(
                by=by,
                agreement=agreement,
                year=timezone.localdate().year - follow_up["years_ago"],
                delivered_as_agreed=follow_up["delivered_as_agreed"],
                cost_as_agreed=follow_up["cost_as_agreed"],
                outcome=follow_up["outcome"],
                note=follow_up["note"],
            )
