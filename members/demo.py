# ruff: noqa: E501 -- demo prose and addresses read better unwrapped
"""The demo district's members: organisations, properties, people and one
application in each state, built through the same services the portal uses."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from members.enrolment import services as enrolment_services
from members.enrolment.models import Agreement, MembershipTerms
from members.organisations import services as organisation_services
from members.organisations.models import Organisation

DOMAIN = "hamnstaden.example"

TERMS_BODY = {
    "sv": "<h3>1. Medlemskap</h3><p>Medlem är den organisation som äger fastighet, bedriver verksamhet eller har ett samhällsuppdrag i Hamnstaden och vars ansökan styrelsen har godkänt.</p><h3>2. Avgift</h3><p>Medlemmen betalar en årlig avgift enligt den avgiftsmodell årsmötet beslutar: en grundavgift och en avgift per kvadratmeter bruttoarea efter användning.</p><h3>3. Avtalstid och uppsägning</h3><p>Avtalet gäller i tolv månader och förlängs därefter med tolv månader i taget. Uppsägning ska ske skriftligen och träder i kraft tre månader efter att den har gjorts.</p><h3>4. Personuppgifter</h3><p>Föreningen behandlar kontaktpersoners uppgifter för att administrera medlemskapet.</p>",
    "da": "<h3>1. Medlemskab</h3><p>Medlem er den organisation, der ejer ejendom, driver virksomhed eller har en samfundsopgave i Hamnstaden, og hvis ansøgning bestyrelsen har godkendt.</p><h3>2. Bidrag</h3><p>Medlemmet betaler et årligt bidrag efter den model, generalforsamlingen vedtager: et grundbidrag og et bidrag pr. kvadratmeter bruttoareal efter anvendelse.</p><h3>3. Aftaleperiode og opsigelse</h3><p>Aftalen gælder i tolv måneder og forlænges derefter med tolv måneder ad gangen. Opsigelse skal ske skriftligt og træder i kraft tre måneder efter, at den er givet.</p><h3>4. Personoplysninger</h3><p>Foreningen behandler kontaktpersoners oplysninger for at administrere medlemskabet.</p>",
    "nb": "<h3>1. Medlemskap</h3><p>Medlem er den organisasjonen som eier eiendom, driver virksomhet eller har et samfunnsoppdrag i Hamnstaden, og som styret har godkjent søknaden til.</p><h3>2. Kontingent</h3><p>Medlemmet betaler en årlig kontingent etter modellen årsmøtet vedtar: en grunnkontingent og en kontingent per kvadratmeter bruttoareal etter bruk.</p><h3>3. Avtaleperiode og oppsigelse</h3><p>Avtalen gjelder i tolv måneder og forlenges deretter med tolv måneder om gangen. Oppsigelse skal skje skriftlig og trer i kraft tre måneder etter at den er gitt.</p><h3>4. Personopplysninger</h3><p>Foreningen behandler kontaktpersoners opplysninger for å administrere medlemskapet.</p>",
    "en": "<h3>1. Membership</h3><p>A member is an organisation that owns property, runs a business or has a public mission in Hamnstaden and whose application the board has approved.</p><h3>2. Contribution</h3><p>The member pays an annual contribution under the model the annual meeting adopts: a base fee and a fee per square metre of gross floor area by use.</p><h3>3. Term and cancellation</h3><p>The agreement runs for twelve months and then renews for twelve months at a time. Notice must be given in writing and takes effect three months after it is given.</p><h3>4. Personal data</h3><p>The association processes contact persons' data to administer the membership.</p>",
}
TERMS_TITLE = {
    "sv": "Medlemsvillkor",
    "da": "Medlemsvilkår",
    "nb": "Medlemsvilkår",
    "en": "Membership terms",
}

# name, type, country, number, city, listed, description, properties, admin, state
# Each property: (designation, street address, area, m², use)
ORGANISATIONS = [
    {
        "legal_name": "Kajfastigheter AB",
        "type": "property_owner",
        "country": "SE",
        "org_number": "556901-2346",
        "listed": True,
        "description": "Äger och förvaltar kontor och butiker längs kajen sedan 1998.",
        "admin": ("karin", "Karin", "Ström"),
        "state": "member",
        "since": datetime.date(2025, 5, 2),
        "properties": [
            ("Västerhamn Kajen 1:12", "Kajgatan 2", "Hamnpromenaden", 4200, "office"),
            ("Västerhamn Kajen 1:13", "Kajgatan 6", "Hamnpromenaden", 3100, "mixed"),
            ("Västerhamn Kajen 1:14", "Kajgatan 10", "Hamnpromenaden", 2650, "retail"),
            ("Västerhamn Tullen 3", "Tullgatan 1", "Centrum", 5400, "office"),
            ("Västerhamn Tullen 4", "Tullgatan 3", "Centrum", 1800, "retail"),
            (
                "Västerhamn Magasinet 2",
                "Magasinsgatan 4",
                "Hamnpromenaden",
                6100,
                "mixed",
            ),
            (
                "Västerhamn Magasinet 3",
                "Magasinsgatan 6",
                "Hamnpromenaden",
                2300,
                "office",
            ),
            ("Västerhamn Pråmen 1", "Pråmgatan 2", "Torget", 1450, "retail"),
        ],
    },
    {
        "legal_name": "Hamnens Bostäder AB",
        "type": "housing_company",
        "country": "SE",
        "org_number": "556677-8899",
        "listed": True,
        "description": "Kommunens bostadsbolag med 1 400 lägenheter i Hamnstaden.",
        "admin": ("ali", "Ali", "Hassan"),
        "state": "member",
        "since": datetime.date(2025, 5, 2),
        "properties": [
            (
                "Västerhamn Fyren 1",
                "Fyrvägen 2",
                "Stationsområdet",
                8800,
                "residential",
            ),
            (
                "Västerhamn Fyren 2",
                "Fyrvägen 4",
                "Stationsområdet",
                8600,
                "residential",
            ),
            (
                "Västerhamn Fyren 3",
                "Fyrvägen 6",
                "Stationsområdet",
                7900,
                "residential",
            ),
            ("Västerhamn Ankaret 5", "Ankargränd 1", "Centrum", 6400, "residential"),
            ("Västerhamn Ankaret 6", "Ankargränd 3", "Centrum", 6100, "mixed"),
            ("Västerhamn Skeppet 1", "Skeppsgatan 12", "Torget", 9300, "residential"),
            ("Västerhamn Skeppet 2", "Skeppsgatan 14", "Torget", 2100, "retail"),
            (
                "Västerhamn Masten 8",
                "Mastvägen 9",
                "Stationsområdet",
                7200,
                "residential",
            ),
            (
                "Västerhamn Masten 9",
                "Mastvägen 11",
                "Stationsområdet",
                6900,
                "residential",
            ),
            (
                "Västerhamn Masten 10",
                "Mastvägen 13",
                "Stationsområdet",
                7050,
                "residential",
            ),
            ("Västerhamn Roret 2", "Rorgatan 2", "Centrum", 1250, "retail"),
        ],
    },
    {
        "legal_name": "Västerhamns kommun",
        "type": "municipality",
        "country": "SE",
        "org_number": "212000-0142",
        # Public buyers take e-invoices (Peppol) and ask for their reference.
        "invoicing": {
            "peppol_id": "0007:2120000142",
            "buyer_reference": "KS 4410 Näringsliv",
        },
        "listed": True,
        "description": "Kommunen ansvarar för gator, torg, parker och belysning på allmän platsmark.",
        "admin": None,
        "state": "member",
        "since": datetime.date(2025, 5, 2),
        "properties": [
            ("Västerhamn Torget 1:1", "Stora torget", "Torget", 1200, "public"),
            (
                "Västerhamn Stationen 1:4",
                "Stationsplan 1",
                "Stationsområdet",
                3400,
                "public",
            ),
            ("Västerhamn Skolan 2", "Skolgatan 5", "Centrum", 7600, "public"),
            (
                "Västerhamn Biblioteket 1",
                "Bibliotekstorget 2",
                "Torget",
                2900,
                "public",
            ),
            ("Västerhamn Parken 1:3", "Hamnparken", "Hamnpromenaden", 450, "public"),
            (
                "Västerhamn Idrotten 1",
                "Idrottsvägen 1",
                "Stationsområdet",
                4100,
                "public",
            ),
            ("Västerhamn Torget 1:2", "Lilla torget", "Torget", 600, "public"),
        ],
    },
    {
        "legal_name": "Polismyndigheten",
        "type": "public_agency",
        "country": "SE",
        "org_number": "202100-0076",
        "invoicing": {
            "peppol_id": "0007:2021000076",
            "buyer_reference": "LPO Västerhamn 7120",
            "order_reference": "A-2026-118",
        },
        "listed": True,
        "description": "Lokalpolisområde Västerhamn deltar i den veckovisa lägesbilden.",
        "admin": None,
        "state": "member",
        "since": datetime.date(2025, 6, 1),
        "properties": [],
    },
    {
        "legal_name": "Räddningstjänsten Västerhamn",
        "type": "public_agency",
        "country": "SE",
        "org_number": "222000-0117",
        "listed": False,
        "description": "",
        "admin": None,
        "state": "member",
        "since": datetime.date(2025, 6, 1),
        "properties": [
            (
                "Västerhamn Brandstationen 1",
                "Brandvägen 1",
                "Stationsområdet",
                2400,
                "public",
            )
        ],
    },
    {
        "legal_name": "Handelsföreningen Hamnstaden",
        "type": "association",
        "country": "SE",
        "org_number": "802455-6675",
        "listed": True,
        "description": "Samlar handlare och restauranger kring torget och kajen.",
        "admin": None,
        "state": "member",
        "since": datetime.date(2025, 5, 20),
        "properties": [],
    },
    {
        "legal_name": "Café Kajen AB",
        "type": "business",
        "country": "SE",
        "org_number": "559012-3450",
        "listed": True,
        "description": "Kafé och bageri vid färjeläget.",
        "admin": None,
        "state": "member",
        "since": datetime.date(2025, 9, 1),
        "properties": [
            ("Västerhamn Färjan 2", "Färjeläget 1", "Hamnpromenaden", 380, "retail")
        ],
    },
    {
        "legal_name": "Brf Fyrtornet",
        "type": "housing_company",
        "country": "SE",
        "org_number": "769612-3459",
        "listed": False,
        "description": "",
        "admin": None,
        "state": "member",
        "since": datetime.date(2025, 10, 1),
        "properties": [
            (
                "Västerhamn Fyrtornet 1",
                "Fyrtornsgatan 1",
                "Centrum",
                5200,
                "residential",
            ),
            (
                "Västerhamn Fyrtornet 2",
                "Fyrtornsgatan 3",
                "Centrum",
                4800,
                "residential",
            ),
            (
                "Västerhamn Fyrtornet 3",
                "Fyrtornsgatan 5",
                "Centrum",
                4700,
                "residential",
            ),
            ("Västerhamn Fyrtornet 4", "Fyrtornsgatan 7", "Centrum", 900, "retail"),
            (
                "Västerhamn Fyrtornet 5",
                "Fyrtornsgatan 9",
                "Centrum",
                4650,
                "residential",
            ),
            ("Västerhamn Fyrtornet 6", "Fyrtornsgatan 11", "Centrum", 850, "retail"),
        ],
    },
    {
        "legal_name": "Nordhavn Ejendomme A/S",
        "type": "property_owner",
        "country": "DK",
        "org_number": "35123458",
        "listed": False,
        "description": "",
        "admin": ("mads", "Mads", "Kristensen"),
        "state": "submitted",
        "properties": [
            ("Västerhamn Lotsen 7", "Lotsgatan 7", "Hamnpromenaden", 3800, "office"),
            ("Västerhamn Lotsen 8", "Lotsgatan 9", "Hamnpromenaden", 2200, "retail"),
        ],
    },
    {
        "legal_name": "Fjordbygg Eiendom AS",
        "type": "property_owner",
        "country": "NO",
        "org_number": "923456783",
        "listed": False,
        "description": "",
        "admin": ("ingrid", "Ingrid", "Solberg"),
        "state": "needs_information",
        "request": "Vi saknar uppgift om bruttoarean för Västerhamn Varvet 3. Komplettera gärna med ett utdrag ur fastighetsregistret.",
        "properties": [
            (
                "Västerhamn Varvet 2",
                "Varvsgatan 2",
                "Stationsområdet",
                5100,
                "industrial",
            ),
            ("Västerhamn Varvet 3", "Varvsgatan 4", "Stationsområdet", 1, "industrial"),
        ],
    },
    {
        "legal_name": "Stationens Kiosk HB",
        "type": "business",
        "country": "SE",
        "org_number": "969812-3453",
        "listed": False,
        "description": "",
        "admin": ("lisa", "Lisa", "Nyberg"),
        "state": "draft",
        "properties": [
            (
                "Västerhamn Stationen 1:9",
                "Stationsplan 3",
                "Stationsområdet",
                60,
                "retail",
            )
        ],
    },
    {
        "legal_name": "Snabbtvätten i Hamnstaden AB",
        "type": "business",
        "country": "SE",
        "org_number": "556345-6788",
        "listed": False,
        "description": "",
        "admin": ("per", "Per", "Olsson"),
        "state": "rejected",
        "reason": "Verksamheten ligger utanför distriktets gräns (Norra industriområdet). Välkommen att söka igen om ni flyttar in i Hamnstaden.",
        "properties": [
            (
                "Norra Industrin 4:2",
                "Industrivägen 40",
                "Utanför distriktet",
                900,
                "industrial",
            )
        ],
    },
]


def _person(local, first, last):
    """The demo person (created with the other demo logins)."""
    return get_user_model().objects.get(email=f"{local}@{DOMAIN}")


def _terms(board):
    if MembershipTerms.objects.exists():
        return
    source = MembershipTerms.objects.create(
        locale=Locale.objects.get(language_code="sv"),
        version="2025-1",
        title=TERMS_TITLE["sv"],
        body=TERMS_BODY["sv"],
        effective_from=datetime.date(2025, 4, 24),
    )
    for code in ("da", "nb", "en"):
        translation = source.copy_for_translation(
            Locale.objects.get(language_code=code)
        )
        translation.title = TERMS_TITLE[code]
        translation.body = TERMS_BODY[code]
        translation.save()


def load():
    """Create the members once; a second run finds them and changes nothing."""
    User = get_user_model()
    board = User.objects.get(email=f"styrelse@{DOMAIN}")
    secretariat = User.objects.get(email=f"sekretariat@{DOMAIN}")
    _terms(board)
    terms = MembershipTerms.objects.get(locale__language_code="sv")
    for spec in ORGANISATIONS:
        if Organisation.objects.filter(legal_name=spec["legal_name"]).exists():
            continue
        admin = _person(*spec["admin"]) if spec["admin"] else secretariat
        organisation = organisation_services.organisation_create(
            by=admin,
            legal_name=spec["legal_name"],
            type=spec["type"],
            country=spec["country"],
            org_number=spec["org_number"],
            street_address=(
                spec["properties"][0][1] if spec["properties"] else "Kajgatan 4"
            ),
            postal_code="120 30",
            city="Västerhamn",
            invoice_email=f"faktura@{slugify(spec['legal_name'])}.example",
            listed_publicly=spec["listed"],
            public_description=spec["description"],
            **spec.get("invoicing", {}),
        )
        if admin == secretariat:
            organisation.managed_by_secretariat = True
            organisation.save(update_fields=["managed_by_secretariat"])
        properties = [
            organisation_services.property_add(
                organisation=organisation,
                by=admin,
                designation=designation,
                street_address=street,
                area=area,
                gross_floor_area_m2=floor_area,
                use_category=use,
            )
            for designation, street, area, floor_area, use in spec["properties"]
        ]
        enrolment = enrolment_services.enrolment_start(
            organisation=organisation, by=admin
        )
        enrolment_services.enrolment_update(
            enrolment=enrolment, by=admin, property_ids=[p.pk for p in properties]
        )
        if spec["state"] == "draft":
            continue
        enrolment_services.enrolment_submit(
            enrolment=enrolment, by=admin, terms=terms, accept_terms=True
        )
        if spec["state"] == "member":
            enrolment_services.enrolment_approve(
                enrolment=enrolment, by=board, starts_on=spec["since"]
            )
        elif spec["state"] == "needs_information":
            enrolment_services.enrolment_request_information(
                enrolment=enrolment, by=secretariat, comment=spec["request"]
            )
        elif spec["state"] == "rejected":
            enrolment_services.enrolment_reject(
                enrolment=enrolment, by=board, reason=spec["reason"]
            )
    # Agreements adopted long ago have renewed since, as the daily job records.
    for agreement in Agreement.objects.all():
        enrolment_services.agreement_roll_forward(
            agreement=agreement, today=timezone.localdate()
        )


INVOICE_SETTINGS = {
    "legal_name": "Hamnstaden BID ekonomisk förening",
    "org_number": "769600-0004",
    "vat_number": "SE769600000401",
    "f_skatt": True,
    "street_address": "Kajgatan 4",
    "postal_code": "120 30",
    "city": "Västerhamn",
    "country": "SE",
    "email": "ekonomi@hamnstaden.example",
    "phone": "+46 8 123 456 00",
    "bankgiro": "5050-1055",
    "iban": "SE45 5000 0000 0583 9825 7466",
    "bic": "ESSESESS",
    "late_interest_text": "Vid betalning efter förfallodagen debiteras dröjsmålsränta enligt räntelagen.",
}
EXEMPT = "Medlemsavgiften är inte momspliktig (3 kap. mervärdesskattelagen)."
# The bank's file of 4 December 2026: two members paid their 2027 invoices with
# the OCR reference, one payment came with a reference nobody has.
DEMO_BANK_FILE = (
    Path(__file__).parent / "contributions" / "demo" / "bgmax-2026-12-04.txt"
)


def load_contributions():
    """The 2026 contributions with card and bank payments, a partial payment with
    extended due date, overdue members and a refunded double payment; 2027's
    scheme, with VAT, issued on 1 December; the bank's file of 4 December
    imported (two payments matched, one waiting for the secretariat); the
    municipality and the police get their invoices as Peppol e-invoices."""
    from members.contributions import services as contribution_services
    from members.contributions.models import Contribution, ContributionScheme

    _invoice_settings()
    _einvoice_buyers()
    if not ContributionScheme.objects.filter(year=2026).exists():
        _contributions_2026()
    scheme_2027 = ContributionScheme.objects.get(year=2027)
    if scheme_2027.locked_at is None and scheme_2027.vat_rate == 0:
        # A demo database from before VAT: 2027 is still a draft, so it learns
        # the rate the annual meeting adopted.
        ContributionScheme.objects.filter(pk=scheme_2027.pk).update(
            vat_rate=25, vat_exemption_reason="", due_date=datetime.date(2027, 1, 31)
        )
        scheme_2027.refresh_from_db()
    if not Contribution.objects.filter(year=2027).exists():
        contribution_services.contributions_issue(
            scheme=scheme_2027, on=datetime.date(2026, 12, 1)
        )
        # Handelsföreningen's invoice went out at the business rate; the board
        # had agreed a member rate for associations, so it is credited in full.
        User = get_user_model()
        contribution_services.contribution_void(
            contribution=Contribution.objects.get(
                year=2027, organisation__legal_name="Handelsföreningen Hamnstaden"
            ),
            by=User.objects.get(email=f"sekretariat@{DOMAIN}"),
            reason="Fakturerad med fel avgift; föreningar betalar medlemsavgift enligt styrelsens beslut 2026-11-12 (§ 6).",
            on=datetime.date(2026, 12, 3),
        )
    _bank_file()


def _invoice_settings():
    from members.contributions.models import InvoiceSettings

    settings = InvoiceSettings.load()
    if settings.legal_name and settings.vat_number:
        return
    for field, value in INVOICE_SETTINGS.items():
        setattr(settings, field, value)
    settings.full_clean()
    settings.save()


def _einvoice_buyers():
    """Earlier demo databases learn the public buyers' Peppol details too."""
    for spec in ORGANISATIONS:
        if spec.get("invoicing"):
            Organisation.objects.filter(
                legal_name=spec["legal_name"], peppol_id=""
            ).update(**spec["invoicing"])


def _bank_file():
    from members.contributions.bank import bank_file_import

    User = get_user_model()
    bank_file_import(
        file_name=DEMO_BANK_FILE.name,
        content=DEMO_BANK_FILE.read_bytes(),
        by=User.objects.get(email=f"sekretariat@{DOMAIN}"),
    )


def _contributions_2026():
    from members.contributions import services as contribution_services
    from members.contributions.models import (
        Contribution,
        ContributionScheme,
        SchemeRate,
    )

    rates = {
        "office": 12_50,
        "retail": 15_00,
        "residential": 4_00,
        "industrial": 8_00,
        "public": 0,
        "mixed": 10_00,
    }
    schemes = {}
    for year in (2026, 2027):
        scheme = ContributionScheme(
            year=year,
            currency="SEK",
            base_fee_minor=5_000_00,
            floor_minor=10_000_00,
            cap_minor=250_000_00,
            due_date=datetime.date(year, 3, 31)
            if year == 2026
            else datetime.date(2027, 1, 31),
            # From 2027 the association's services to members carry VAT.
            vat_rate=0 if year == 2026 else 25,
            vat_exemption_reason=EXEMPT if year == 2026 else "",
            notes="Beslutad av årsmötet 2025-04-24 (§ 9)."
            if year == 2026
            else "Beslutad av årsmötet 2026-04-23 (§ 8); moms tillkommer från 2027.",
        )
        scheme.full_clean()
        scheme.save()
        for use, rate in rates.items():
            SchemeRate.objects.create(
                scheme=scheme, use_category=use, rate_minor_per_m2=rate
            )
        schemes[year] = scheme
    contribution_services.contributions_issue(
        scheme=schemes[2026], on=datetime.date(2026, 1, 15)
    )
    User = get_user_model()
    secretariat = User.objects.get(email=f"sekretariat@{DOMAIN}")
    invoices = {
        c.organisation.legal_name: c for c in Contribution.objects.filter(year=2026)
    }

    def card(name, day, amount=None, intent=None):
        contribution = invoices[name]
        return contribution_services.entry_record(
            contribution=contribution,
            kind="card_payment",
            source="stripe",
            external_id=intent or f"pi_demo_{contribution.number}",
            amount_minor=amount or contribution.amount_minor,
            occurred_on=day,
        )

    def bank(name, day, amount=None):
        contribution = invoices[name]
        return contribution_services.bank_payment_record(
            contribution=contribution,
            by=secretariat,
            amount_minor=amount or contribution.amount_minor,
            occurred_on=day,
            reference=f"Bankgiro {day.isoformat()}",
            form_token=f"demo-{contribution.number}-{day.isoformat()}",
        )

    card("Kajfastigheter AB", datetime.date(2026, 2, 20))
    bank("Hamnens Bostäder AB", datetime.date(2026, 3, 28))
    bank("Västerhamns kommun", datetime.date(2026, 3, 30))
    bank("Café Kajen AB", datetime.date(2026, 3, 12))
    # Brf Fyrtornet paid twice; the card payment was refunded.
    bank("Brf Fyrtornet", datetime.date(2026, 3, 25))
    double = card("Brf Fyrtornet", datetime.date(2026, 3, 26), intent="pi_demo_double")[
        0
    ]
    contribution_services.entry_record(
        contribution=double.contribution,
        kind="refund",
        source="stripe",
        external_id="ch_demo_double",
        amount_minor=double.amount_minor,
        occurred_on=datetime.date(2026, 3, 30),
    )
    # Polismyndigheten paid half and was granted until mid-December for the rest.
    police = invoices["Polismyndigheten"]
    bank(
        "Polismyndigheten", datetime.date(2026, 4, 10), amount=police.amount_minor // 2
    )
    Contribution.objects.filter(pk=police.pk).update(
        due_date=datetime.date(2026, 12, 15)
    )
    # Handelsföreningen paid part and is overdue; Räddningstjänsten has not paid.
    trade = invoices["Handelsföreningen Hamnstaden"]
    bank(
        "Handelsföreningen Hamnstaden",
        datetime.date(2026, 5, 2),
        amount=trade.amount_minor // 4,
    )


PROPOSALS = [
    # (title, summary, priority index, org, status, cost kr, funding kr, supporters, comments, progress)
    (
        "Belysning längs Kajstigen",
        "Trettio nya LED-armaturer på den mörka gångvägen mellan kajen och stationen.",
        0,
        "Kajfastigheter AB",
        "completed",
        850_000,
        500_000,
        ["Hamnens Bostäder AB", "Café Kajen AB"],
        ["Äntligen! Stigen är otrygg på kvällarna."],
        [(100, "Alla armaturer är på plats och tända.")],
    ),
    (
        "Trygghetsvandringar varje kvartal",
        "Gemensamma kvällsvandringar med polis, fastighetsägare och boende fyra gånger per år.",
        0,
        "Hamnens Bostäder AB",
        "in_progress",
        60_000,
        40_000,
        ["Polismyndigheten", "Kajfastigheter AB", "Västerhamns kommun"],
        ["Vi deltar gärna från polisens sida."],
        [
            (25, "Första vandringen genomförd, 32 deltagare."),
            (50, "Andra vandringen: fokus på stationsområdet."),
        ],
    ),
    (
        "Kameraövervakning vid cykelgaraget",
        "Kameror vid cykelgaraget för att minska stölder.",
        0,
        "Brf Fyrtornet",
        "rejected",
        300_000,
        300_000,
        [],
        ["Integriteten för boende måste väga tungt."],
        [],
    ),
    (
        "Snabbare klottersanering",
        "Avtal om klottersanering inom 24 timmar på alla medlemmars fasader.",
        1,
        "Kajfastigheter AB",
        "accepted",
        240_000,
        120_000,
        ["Brf Fyrtornet", "Handelsföreningen Hamnstaden"],
        [],
        [],
    ),
    (
        "Fler papperskorgar på torget",
        "Tolv nya papperskorgar med pantfack på Stora torget och Lilla torget.",
        1,
        "Handelsföreningen Hamnstaden",
        "under_review",
        90_000,
        90_000,
        ["Café Kajen AB", "Hamnens Bostäder AB", "Kajfastigheter AB"],
        [
            "Gärna med pantfack, det minskar skräpet runt bänkarna.",
            "Vem ansvarar för tömningen?",
        ],
        [],
    ),
    (
        "Städdag med skolorna",
        "En gemensam städdag varje vår med skolorna i Hamnstaden.",
        1,
        "Västerhamns kommun",
        "submitted",
        35_000,
        20_000,
        ["Hamnens Bostäder AB"],
        [],
        [],
    ),
    (
        "Sommarjobbsmässa på torget",
        "En mässa där medlemsföretagen möter unga som söker sommarjobb.",
        2,
        "Hamnens Bostäder AB",
        "completed",
        80_000,
        50_000,
        ["Kajfastigheter AB", "Café Kajen AB", "Handelsföreningen Hamnstaden"],
        [],
        [(100, "Mässan hade 420 besökare och 84 unga fick jobb.")],
    ),
    (
        "Mentorprogram för unga entreprenörer",
        "Företagare i distriktet blir mentorer för unga som vill starta eget.",
        2,
        "Handelsföreningen Hamnstaden",
        "under_review",
        150_000,
        100_000,
        ["Café Kajen AB"],
        ["Vi ställer upp med två mentorer."],
        [],
    ),
    (
        "Julmarknad på kajen",
        "En julmarknad över tre helger i december med lokala handlare.",
        3,
        "Handelsföreningen Hamnstaden",
        "accepted",
        200_000,
        120_000,
        ["Café Kajen AB", "Kajfastigheter AB"],
        [],
        [],
    ),
    (
        "Skyltprogram för hamnpromenaden",
        "Gemensamma skyltar och kartor längs promenaden.",
        3,
        "Kajfastigheter AB",
        "withdrawn",
        180_000,
        180_000,
        [],
        [],
        [],
    ),
    (
        "Cykelpump och verktygsstation",
        "En publik cykelservicestation vid stationen.",
        4,
        "Västerhamns kommun",
        "submitted",
        45_000,
        25_000,
        ["Brf Fyrtornet", "Hamnens Bostäder AB"],
        [],
        [],
    ),
    (
        "Bättre skyltning till färjan",
        "Tydligare vägvisning för gående och cyklister från stationen till färjeläget.",
        4,
        "Café Kajen AB",
        "draft",
        60_000,
        60_000,
        [],
        [],
        [],
    ),
    (
        "Pop-up-butiker i tomma lokaler",
        "Korttidsuthyrning av tomma lokaler till lokala formgivare.",
        5,
        "Kajfastigheter AB",
        "in_progress",
        120_000,
        60_000,
        ["Handelsföreningen Hamnstaden", "Café Kajen AB"],
        ["Vi har två lokaler som kan passa."],
        [(40, "Tre pop-up-butiker öppnade i september.")],
    ),
    (
        "Gemensam lokaldatabas",
        "En gemensam förteckning över lediga lokaler i distriktet.",
        5,
        "Hamnens Bostäder AB",
        "submitted",
        70_000,
        70_000,
        ["Kajfastigheter AB"],
        [],
        [],
    ),
    (
        "Lekplats vid Fyrtornet",
        "Ombyggnad av den slitna lekplatsen vid Fyrtornsgatan.",
        0,
        "Brf Fyrtornet",
        "draft",
        400_000,
        150_000,
        [],
        [],
        [],
    ),
]

TRANSITION_PATH = {
    "draft": [],
    "submitted": ["submitted"],
    "under_review": ["submitted", "under_review"],
    "accepted": ["submitted", "under_review", "accepted"],
    "rejected": ["submitted", "under_review", "rejected"],
    "withdrawn": ["submitted", "withdrawn"],
    "in_progress": ["submitted", "under_review", "accepted", "in_progress"],
    "completed": ["submitted", "under_review", "accepted", "in_progress", "completed"],
}
REASONING = {
    "accepted": "Styrelsen bifaller förslaget. Det ligger väl i linje med prioriteringen och har brett stöd bland medlemmarna.",
    "rejected": "Styrelsen avslår förslaget: kameraövervakning kräver tillstånd och väger inte upp intrånget i de boendes integritet. Vi föreslår i stället bättre belysning.",
}


def load_proposals():
    """Fifteen proposals in every state, with supports, comments and progress."""
    from home.models import PriorityPage
    from members.organisations.models import Organisation
    from members.proposals import services as proposal_services
    from members.proposals.models import Proposal

    if Proposal.objects.exists():
        return
    User = get_user_model()
    board = User.objects.get(email=f"styrelse@{DOMAIN}")
    priorities = list(
        PriorityPage.objects.filter(locale__language_code="sv").order_by("path")
    )
    organisations = {o.legal_name: o for o in Organisation.objects.all()}

    def person(organisation):
        return organisation.members.filter(role="admin").first().user

    for index, spec in enumerate(PROPOSALS):
        (
            title,
            summary,
            priority,
            org,
            status,
            cost,
            funding,
            supporters,
            comments,
            progress,
        ) = spec
        organisation = organisations[org]
        author = person(organisation)
        proposal = proposal_services.proposal_create(
            by=author,
            organisation=organisation,
            title=title,
            summary=summary,
            description=(
                f"{summary}\n\nBakgrund:\n- Förslaget bygger på medlemsenkäten 2025.\n"
                "- Kostnaden är uppskattad av förslagsställaren.\n\n"
                "Mer information: https://hamnstaden.example/projekt"
            ),
            priority=priorities[priority],
            areas="Centrum" if index % 2 else "Hamnpromenaden",
            estimated_cost_minor=cost * 100,
            requested_funding_minor=funding * 100,
            co_funding=""
            if funding == cost
            else f"{org}: {cost - funding} 000 kr".replace(" 000 000", " 000"),
        )
        path = TRANSITION_PATH[status]

        def step(to, by, proposal):
            return proposal_services.proposal_transition(
                proposal=proposal,
                to=to,
                by=by,
                comment=REASONING.get(to, ""),
                decision_reference="Styrelsemöte 2026-03-12, § 6"
                if to in REASONING
                else "",
            )

        # Submitted (and reviewed): the discussion happens while it is open.
        for to in path[:2]:
            proposal = step(
                to, author if to in ("submitted", "withdrawn") else board, proposal
            )
        if proposal.status in ("submitted", "under_review"):
            for name in supporters:
                supporter = organisations[name]
                proposal_services.support_toggle(
                    proposal=proposal, by=person(supporter), organisation=supporter
                )
            for number, text in enumerate(comments):
                name = (
                    supporters[number % len(supporters)]
                    if supporters
                    else "Västerhamns kommun"
                )
                commenter = organisations[name]
                proposal_services.comment_add(
                    proposal=proposal, by=person(commenter), body=text
                )
        # The decision.
        for to in path[2:3]:
            proposal = step(to, board, proposal)
        # Progress moves an accepted proposal into progress.
        for number, (percent, text) in enumerate(progress):
            proposal_services.progress_report(
                proposal=proposal,
                by=author,
                text=text,
                percent=percent,
                reported_on=datetime.date(2026, 4 + 2 * number, 15),
            )
            proposal.refresh_from_db()
        if "in_progress" in path and proposal.status == "accepted":
            proposal = step("in_progress", author, proposal)
        if status == "completed":
            proposal = step("completed", author, proposal)
