# ruff: noqa: E501 -- translated prose; wrapping sentences mid-word helps no reader
"""Texts of the demo district's plan and news, in Swedish, Danish, Norwegian and English.

Data only; `load_demo_data` turns it into pages, indicators and measurements
through the same models and services the board uses.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

LANGUAGES = ("sv", "da", "nb", "en")

PLAN = {
    "slug": {
        "sv": "verksamhetsplan",
        "da": "forretningsplan",
        "nb": "virksomhetsplan",
        "en": "plan",
    },
    "title": {
        "sv": "Verksamhetsplan 2025–2028",
        "da": "Forretningsplan 2025–2028",
        "nb": "Virksomhetsplan 2025–2028",
        "en": "Business plan 2025–2028",
    },
    "intro": {
        "sv": "Planen som årsmötet antog 2025: vad vi vill uppnå i Hamnstaden, vad det "
        "kostar och hur vi följer upp det.",
        "da": "Planen, som generalforsamlingen vedtog i 2025: hvad vi vil opnå i "
        "Hamnstaden, hvad det koster, og hvordan vi følger op.",
        "nb": "Planen årsmøtet vedtok i 2025: hva vi vil oppnå i Hamnstaden, hva det "
        "koster og hvordan vi følger det opp.",
        "en": "The plan adopted by the annual meeting in 2025: what we want to achieve "
        "in Hamnstaden, what it costs and how we follow it up.",
    },
    "vision": {
        "sv": "<p><b>Vision:</b> Hamnstaden är 2028 en trygg, ren och levande stadsdel där "
        "människor vill bo, arbeta och investera.</p>",
        "da": "<p><b>Vision:</b> I 2028 er Hamnstaden en tryg, ren og levende bydel, hvor "
        "folk vil bo, arbejde og investere.</p>",
        "nb": "<p><b>Visjon:</b> I 2028 er Hamnstaden en trygg, ren og levende bydel der "
        "folk vil bo, jobbe og investere.</p>",
        "en": "<p><b>Vision:</b> by 2028 Hamnstaden is a safe, clean and lively "
        "neighbourhood where people want to live, work and invest.</p>",
    },
    "figures_heading": {
        "sv": "Distriktet i siffror",
        "da": "Distriktet i tal",
        "nb": "Distriktet i tall",
        "en": "The district in figures",
    },
    "figures": [
        (
            "9 000",
            {
                "sv": "invånare",
                "da": "indbyggere",
                "nb": "innbyggere",
                "en": "residents",
            },
        ),
        (
            "400",
            {
                "sv": "företag",
                "da": "virksomheder",
                "nb": "bedrifter",
                "en": "businesses",
            },
        ),
        (
            "38",
            {
                "sv": "medlemmar i föreningen",
                "da": "medlemmer af foreningen",
                "nb": "medlemmer i foreningen",
                "en": "members of the association",
            },
        ),
    ],
    "budget_heading": {
        "sv": "Budget",
        "da": "Budget",
        "nb": "Budsjett",
        "en": "Budget",
    },
    "budget_lines": [
        (
            {
                "sv": "Trygghet och belysning",
                "da": "Tryghed og belysning",
                "nb": "Trygghet og belysning",
                "en": "Safety and lighting",
            },
            1_450_000,
        ),
        (
            {
                "sv": "Renhållning",
                "da": "Renholdelse",
                "nb": "Renhold",
                "en": "Cleanliness",
            },
            900_000,
        ),
        (
            {
                "sv": "Övriga insatser",
                "da": "Øvrige indsatser",
                "nb": "Øvrige tiltak",
                "en": "Other work",
            },
            1_150_000,
        ),
        (
            {
                "sv": "Sekretariat",
                "da": "Sekretariat",
                "nb": "Sekretariat",
                "en": "Secretariat",
            },
            600_000,
        ),
    ],
}

# Baseline, quarterly measurements for two years and a target, per indicator.
BASELINE_DATE = date(2024, 9, 30)
TARGET_DATE = date(2027, 12, 31)
MEASURED_ON = [
    date(2024, 12, 31),
    date(2025, 3, 31),
    date(2025, 6, 30),
    date(2025, 9, 30),
    date(2025, 12, 31),
    date(2026, 3, 31),
    date(2026, 6, 30),
    date(2026, 9, 30),
]

PRIORITIES = [
    {
        "slug": {
            "sv": "trygghet-och-belysning",
            "da": "tryghed-og-belysning",
            "nb": "trygghet-og-belysning",
            "en": "safety-and-lighting",
        },
        "title": {
            "sv": "Trygghet och belysning",
            "da": "Tryghed og belysning",
            "nb": "Trygghet og belysning",
            "en": "Safety and lighting",
        },
        "summary": {
            "sv": "Fler ska känna sig trygga kvällstid: bättre belysning, trygghetsvandringar "
            "och samordnade insatser med polisen.",
            "da": "Flere skal føle sig trygge om aftenen: bedre belysning, tryghedsvandringer "
            "og koordinerede indsatser med politiet.",
            "nb": "Flere skal føle seg trygge om kvelden: bedre belysning, trygghetsvandringer "
            "og samordnet innsats med politiet.",
            "en": "More people should feel safe in the evening: better lighting, safety walks "
            "and joint work with the police.",
        },
        "status": "active",
        "budget": 1_450_000_00,
        "parties": [
            (
                "Västerhamns kommun",
                {
                    "sv": "belysning",
                    "da": "belysning",
                    "nb": "belysning",
                    "en": "lighting",
                },
            ),
            (
                "Polisen",
                {
                    "sv": "samverkan",
                    "da": "samarbejde",
                    "nb": "samarbeid",
                    "en": "cooperation",
                },
            ),
            ("Hamnens Bostäder AB", None),
        ],
        "areas": "Centrum, Stationsområdet",
        "indicators": [
            {
                "name": {
                    "sv": "Andel som känner sig trygga kvällstid",
                    "da": "Andel der føler sig trygge om aftenen",
                    "nb": "Andel som føler seg trygge om kvelden",
                    "en": "Share who feel safe in the evening",
                },
                "unit": {"sv": "%", "da": "%", "nb": "%", "en": "%"},
                "direction": "higher",
                "baseline": 48,
                "target": 70,
                "headline": True,
                "progress": [0.05, 0.12, 0.2, 0.26, 0.33, 0.41, 0.5, 0.58],
                "source": "Trygghetsenkäten",
            },
            {
                "name": {
                    "sv": "Anmäld skadegörelse per månad",
                    "da": "Anmeldt hærværk pr. måned",
                    "nb": "Anmeldt skadeverk per måned",
                    "en": "Reported vandalism per month",
                },
                "unit": {
                    "sv": "anmälningar",
                    "da": "anmeldelser",
                    "nb": "anmeldelser",
                    "en": "reports",
                },
                "direction": "lower",
                "baseline": 42,
                "target": 25,
                "headline": False,
                "progress": [0.0, 0.1, 0.06, 0.2, 0.18, 0.3, 0.35, 0.4],
                "source": "Polisen, öppna data",
            },
        ],
    },
    {
        "slug": {
            "sv": "renhallning",
            "da": "renholdelse",
            "nb": "renhold",
            "en": "cleanliness",
        },
        "title": {
            "sv": "Renhållning",
            "da": "Renholdelse",
            "nb": "Renhold",
            "en": "Cleanliness",
        },
        "summary": {
            "sv": "Mindre skräp och klotter: gemensam städning av gator, torg och "
            "gångstråk och snabb sanering av klotter.",
            "da": "Mindre affald og graffiti: fælles rengøring af gader, torve og stier og "
            "hurtig fjernelse af graffiti.",
            "nb": "Mindre søppel og tagging: felles renhold av gater, torg og gangveier og "
            "rask fjerning av tagging.",
            "en": "Less litter and graffiti: joint cleaning of streets, squares and paths "
            "and quick graffiti removal.",
        },
        "status": "active",
        "budget": 900_000_00,
        "parties": [
            (
                "Kajfastigheter AB",
                {
                    "sv": "leder arbetet",
                    "da": "leder arbejdet",
                    "nb": "leder arbeidet",
                    "en": "leads the work",
                },
            ),
            ("Västerhamns kommun", None),
        ],
        "areas": "Centrum, Hamnpromenaden",
        "indicators": [
            {
                "name": {
                    "sv": "Skräp per 10 m² (skräpmätning)",
                    "da": "Affald pr. 10 m² (affaldsmåling)",
                    "nb": "Søppel per 10 m² (søppelmåling)",
                    "en": "Litter per 10 m² (litter count)",
                },
                "unit": {
                    "sv": "skräp/10 m²",
                    "da": "stk./10 m²",
                    "nb": "stk./10 m²",
                    "en": "items/10 m²",
                },
                "direction": "lower",
                "baseline": 5.2,
                "target": 2.5,
                "headline": True,
                "progress": [0.02, 0.05, 0.12, 0.1, 0.16, 0.2, 0.24, 0.27],
                "source": "Håll Sverige Rent, skräpmätning",
            },
        ],
    },
    {
        "slug": {
            "sv": "lokala-jobb-for-unga",
            "da": "lokale-job-til-unge",
            "nb": "lokale-jobber-for-unge",
            "en": "local-jobs-for-young-people",
        },
        "title": {
            "sv": "Lokala jobb för unga",
            "da": "Lokale job til unge",
            "nb": "Lokale jobber for unge",
            "en": "Local jobs for young people",
        },
        "summary": {
            "sv": "Sommarjobb och praktikplatser hos medlemsföretagen för unga som bor i "
            "Hamnstaden.",
            "da": "Sommerjob og praktikpladser hos medlemsvirksomhederne til unge, der bor "
            "i Hamnstaden.",
            "nb": "Sommerjobber og praksisplasser hos medlemsbedriftene for unge som bor i "
            "Hamnstaden.",
            "en": "Summer jobs and work placements at member companies for young people "
            "living in Hamnstaden.",
        },
        "status": "active",
        "budget": 450_000_00,
        "parties": [
            (
                "Hamnens Bostäder AB",
                {
                    "sv": "samordnar",
                    "da": "koordinerer",
                    "nb": "koordinerer",
                    "en": "coordinates",
                },
            ),
            ("Arbetsförmedlingen", None),
        ],
        "areas": "",
        "indicators": [
            {
                "name": {
                    "sv": "Sommarjobb för unga 16–19 år",
                    "da": "Sommerjob til unge 16–19 år",
                    "nb": "Sommerjobber for unge 16–19 år",
                    "en": "Summer jobs for 16–19-year-olds",
                },
                "unit": {"sv": "jobb", "da": "job", "nb": "jobber", "en": "jobs"},
                "direction": "higher",
                "baseline": 35,
                "target": 120,
                "headline": True,
                "progress": [0.0, 0.0, 0.3, 0.3, 0.3, 0.3, 0.72, 0.72],
                "source": "Sekretariatets sammanställning",
            },
        ],
    },
    {
        "slug": {
            "sv": "platsmarknadsforing",
            "da": "stedbranding",
            "nb": "stedsmarkedsforing",
            "en": "place-marketing",
        },
        "title": {
            "sv": "Platsmarknadsföring",
            "da": "Stedbranding",
            "nb": "Stedsmarkedsføring",
            "en": "Place marketing",
        },
        "summary": {
            "sv": "Evenemang och berättelser som lockar besökare till torget och "
            "hamnpromenaden.",
            "da": "Arrangementer og fortællinger, der trækker besøgende til torvet og "
            "havnepromenaden.",
            "nb": "Arrangementer og fortellinger som trekker besøkende til torget og "
            "havnepromenaden.",
            "en": "Events and stories that bring visitors to the square and the harbour "
            "promenade.",
        },
        "status": "proposed",
        "budget": 300_000_00,
        "parties": [("Handelsföreningen Hamnstaden", None)],
        "areas": "Torget, Hamnpromenaden",
        "indicators": [
            {
                "name": {
                    "sv": "Besökare på torget en lördag",
                    "da": "Besøgende på torvet en lørdag",
                    "nb": "Besøkende på torget en lørdag",
                    "en": "Visitors to the square on a Saturday",
                },
                "unit": {
                    "sv": "besökare",
                    "da": "besøgende",
                    "nb": "besøkende",
                    "en": "visitors",
                },
                "direction": "higher",
                "baseline": 2100,
                "target": 3000,
                "headline": True,
                "progress": [0.05, -0.02, 0.15, 0.22, 0.18, 0.3, 0.45, 0.66],
                "source": "Passagemätare, torget",
            },
        ],
    },
    {
        "slug": {
            "sv": "mobilitet",
            "da": "mobilitet",
            "nb": "mobilitet",
            "en": "mobility",
        },
        "title": {
            "sv": "Mobilitet",
            "da": "Mobilitet",
            "nb": "Mobilitet",
            "en": "Mobility",
        },
        "summary": {
            "sv": "Säkrare cykelvägar och fler cykelparkeringar mellan stationen och "
            "hamnen.",
            "da": "Sikrere cykelstier og flere cykelparkeringer mellem stationen og "
            "havnen.",
            "nb": "Tryggere sykkelveier og flere sykkelparkeringer mellom stasjonen og "
            "havna.",
            "en": "Safer cycle routes and more bicycle parking between the station and "
            "the harbour.",
        },
        "status": "paused",
        "budget": None,
        "parties": [("Västerhamns kommun", None)],
        "areas": "Stationsområdet",
        "indicators": [
            {
                "name": {
                    "sv": "Cykelparkeringsplatser vid stationen",
                    "da": "Cykelparkeringspladser ved stationen",
                    "nb": "Sykkelparkeringsplasser ved stasjonen",
                    "en": "Bicycle parking spaces at the station",
                },
                "unit": {
                    "sv": "platser",
                    "da": "pladser",
                    "nb": "plasser",
                    "en": "spaces",
                },
                "direction": "higher",
                "baseline": 220,
                "target": 500,
                "headline": True,
                "progress": [0.0, 0.0, 0.14, 0.14, 0.14, 0.14, 0.14, 0.14],
                "source": "Västerhamns kommun",
            },
        ],
    },
    {
        "slug": {
            "sv": "lokalforsorjning",
            "da": "lokaleforsyning",
            "nb": "lokaleforsyning",
            "en": "premises-supply",
        },
        "title": {
            "sv": "Lokalförsörjning",
            "da": "Lokaleforsyning",
            "nb": "Lokaleforsyning",
            "en": "Premises supply",
        },
        "summary": {
            "sv": "Färre tomma lokaler i gatuplan genom gemensam uthyrning och "
            "pop-up-butiker.",
            "da": "Færre tomme lokaler i stueetagen gennem fælles udlejning og "
            "pop-up-butikker.",
            "nb": "Færre tomme lokaler på gateplan gjennom felles utleie og "
            "pop-up-butikker.",
            "en": "Fewer empty street-level premises through joint letting and pop-up "
            "shops.",
        },
        "status": "active",
        "budget": 250_000_00,
        "parties": [("Kajfastigheter AB", None), ("Hamnens Bostäder AB", None)],
        "areas": "Centrum",
        "indicators": [
            {
                "name": {
                    "sv": "Vakanta lokaler i gatuplan",
                    "da": "Ledige lokaler i stueetagen",
                    "nb": "Ledige lokaler på gateplan",
                    "en": "Vacant street-level premises",
                },
                "unit": {"sv": "%", "da": "%", "nb": "%", "en": "%"},
                "direction": "lower",
                "baseline": 14,
                "target": 6,
                "headline": True,
                "progress": [0.06, 0.12, 0.25, 0.31, 0.38, 0.5, 0.62, 0.69],
                "source": "Medlemmarnas lokalregister",
            },
            {
                "name": {
                    "sv": "Pop-up-butiker under året",
                    "da": "Pop-up-butikker i løbet af året",
                    "nb": "Pop-up-butikker i løpet av året",
                    "en": "Pop-up shops during the year",
                },
                "unit": {
                    "sv": "butiker",
                    "da": "butikker",
                    "nb": "butikker",
                    "en": "shops",
                },
                "direction": "higher",
                "baseline": 0,
                "target": 12,
                "headline": False,
                "progress": [0.0, 0.08, 0.17, 0.25, 0.33, 0.33, 0.5, 0.58],
                "source": "Sekretariatet",
            },
        ],
    },
]

# The annual meeting adopted the ranking with safety first and local jobs second;
# the board later moved cleanliness up after the members' survey.
INITIAL_ORDER = [0, 2, 1, 3, 4, 5]
ADOPTED_AT = datetime(2025, 4, 24, 19, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
CHANGED_AT = datetime(2026, 3, 12, 18, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
INITIAL_RATIONALE = (
    "Rangordningen antogs av årsmötet den 24 april 2025 (§ 7) tillsammans med "
    "verksamhetsplanen."
)
CHANGE_RATIONALE = (
    "Styrelsen beslutade den 12 mars 2026 (§ 4) att flytta upp renhållningen efter "
    "medlemsenkäten, där nedskräpning var det vanligaste klagomålet."
)

# The board proposes resuming the paused mobility priority; it awaits approval.
PENDING_CHANGE = {
    "index": 4,
    "summary": "Säkrare cykelvägar och 280 nya cykelparkeringar mellan stationen och "
    "hamnen, med start våren 2027 när kommunens ombyggnad av stationsområdet är klar.",
}

NEWS_INDEX = {
    "slug": {"sv": "nyheter", "da": "nyheder", "nb": "nyheter", "en": "news"},
    "title": {"sv": "Nyheter", "da": "Nyheder", "nb": "Nyheter", "en": "News"},
    "intro": {
        "sv": "Nytt från Hamnstaden BID.",
        "da": "Nyt fra Hamnstaden BID.",
        "nb": "Nytt fra Hamnstaden BID.",
        "en": "News from Hamnstaden BID.",
    },
}

NEWS = [
    {
        "date": date(2026, 10, 14),
        "slug": {
            "sv": "ny-belysning-hamnpromenaden",
            "da": "ny-belysning-havnepromenaden",
            "nb": "ny-belysning-havnepromenaden",
            "en": "new-lighting-harbour-promenade",
        },
        "title": {
            "sv": "Ny belysning längs hamnpromenaden",
            "da": "Ny belysning langs havnepromenaden",
            "nb": "Ny belysning langs havnepromenaden",
            "en": "New lighting along the harbour promenade",
        },
        "summary": {
            "sv": "Sextio nya armaturer lyser nu upp promenaden hela vägen från stationen "
            "till färjeläget.",
            "da": "Tres nye armaturer lyser nu promenaden op hele vejen fra stationen til "
            "færgelejet.",
            "nb": "Seksti nye armaturer lyser nå opp promenaden hele veien fra stasjonen "
            "til fergeleiet.",
            "en": "Sixty new lamps now light the promenade all the way from the station to "
            "the ferry terminal.",
        },
    },
    {
        "date": date(2026, 6, 2),
        "slug": {
            "sv": "sommarjobb-2026",
            "da": "sommerjob-2026",
            "nb": "sommerjobber-2026",
            "en": "summer-jobs-2026",
        },
        "title": {
            "sv": "84 unga fick sommarjobb",
            "da": "84 unge fik sommerjob",
            "nb": "84 unge fikk sommerjobb",
            "en": "84 young people got summer jobs",
        },
        "summary": {
            "sv": "Medlemsföretagen erbjöd 84 sommarjobb i år, mer än dubbelt så många som "
            "förra året.",
            "da": "Medlemsvirksomhederne tilbød 84 sommerjob i år, mere end dobbelt så "
            "mange som sidste år.",
            "nb": "Medlemsbedriftene tilbød 84 sommerjobber i år, mer enn dobbelt så mange "
            "som i fjor.",
            "en": "Member companies offered 84 summer jobs this year, more than twice as "
            "many as last year.",
        },
    },
    {
        "date": date(2026, 3, 13),
        "slug": {
            "sv": "renhallning-hogre-prioritet",
            "da": "renholdelse-hojere-prioritet",
            "nb": "renhold-hoyere-prioritet",
            "en": "cleanliness-higher-priority",
        },
        "title": {
            "sv": "Renhållningen får högre prioritet",
            "da": "Renholdelse får højere prioritet",
            "nb": "Renhold får høyere prioritet",
            "en": "Cleanliness moves up the priority list",
        },
        "summary": {
            "sv": "Efter medlemsenkäten flyttade styrelsen upp renhållningen till plats två "
            "i prioriteringslistan.",
            "da": "Efter medlemsundersøgelsen rykkede bestyrelsen renholdelse op på plads "
            "to på prioritetslisten.",
            "nb": "Etter medlemsundersøkelsen flyttet styret renhold opp til plass to på "
            "prioriteringslisten.",
            "en": "After the members' survey the board moved cleanliness up to second place "
            "on the priority list.",
        },
    },
]

JOIN_PAGE = {
    "slug": {"sv": "bli-medlem", "da": "bliv-medlem", "nb": "bli-medlem", "en": "join"},
    "title": {
        "sv": "Bli medlem",
        "da": "Bliv medlem",
        "nb": "Bli medlem",
        "en": "Join the BID",
    },
    "intro": {
        "sv": "Fastighetsägare, bostadsbolag, företag och offentliga aktörer i Hamnstaden är välkomna som medlemmar. Ansök med era fastigheter, så behandlar styrelsen ansökan inom en månad.",
        "da": "Ejendomsejere, boligselskaber, virksomheder og offentlige aktører i Hamnstaden er velkomne som medlemmer. Ansøg med jeres ejendomme, så behandler bestyrelsen ansøgningen inden for en måned.",
        "nb": "Eiendomsbesittere, boligselskaper, bedrifter og offentlige aktører i Hamnstaden er velkomne som medlemmer. Søk med eiendommene deres, så behandler styret søknaden innen en måned.",
        "en": "Property owners, housing companies, businesses and public bodies in Hamnstaden are welcome as members. Apply with your properties and the board will review the application within a month.",
    },
}

DIRECTORY = {
    "slug": {"sv": "medlemmar", "da": "medlemmer", "nb": "medlemmer", "en": "members"},
    "title": {"sv": "Medlemmar", "da": "Medlemmer", "nb": "Medlemmer", "en": "Members"},
    "intro": {
        "sv": "Organisationerna som driver Hamnstaden BID och har valt att synas här.",
        "da": "Organisationerne bag Hamnstaden BID, som har valgt at blive vist her.",
        "nb": "Organisasjonene bak Hamnstaden BID som har valgt å vises her.",
        "en": "The organisations behind Hamnstaden BID that chose to be listed here.",
    },
}

PROJECTS = {
    "slug": {"sv": "projekt", "da": "projekter", "nb": "prosjekter", "en": "projects"},
    "title": {"sv": "Projekt", "da": "Projekter", "nb": "Prosjekter", "en": "Projects"},
    "intro": {
        "sv": "Projekt som medlemmarna har föreslagit och styrelsen har beslutat om, och hur långt de har kommit.",
        "da": "Projekter, som medlemmerne har foreslået, og bestyrelsen har besluttet, og hvor langt de er nået.",
        "nb": "Prosjekter som medlemmene har foreslått og styret har vedtatt, og hvor langt de har kommet.",
        "en": "Projects members proposed and the board decided on, and how far they have come.",
    },
}

MEETINGS = {
    "slug": {"sv": "moten", "da": "moder", "nb": "moter", "en": "meetings"},
    "title": {
        "sv": "Möten och protokoll",
        "da": "Møder og referater",
        "nb": "Møter og protokoller",
        "en": "Meetings and minutes",
    },
    "intro": {
        "sv": "Kommande möten, justerade protokoll och styrelsens beslut. Medlemmar ser även mötena för medlemmar när de är inloggade.",
        "da": "Kommende møder, godkendte referater og bestyrelsens beslutninger. Medlemmer ser også møderne for medlemmer, når de er logget ind.",
        "nb": "Kommende møter, justerte protokoller og styrets vedtak. Medlemmer ser også møtene for medlemmer når de er logget inn.",
        "en": "Upcoming meetings, adjusted minutes and the board's decisions. Members who are logged in also see the members' meetings.",
    },
}
