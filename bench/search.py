"""Benchmark: search latency at 100,000 indexed records.

Builds a throwaway database (PostgreSQL when DATABASE_URL points at one),
indexes 100,000 search documents through the database backend (minutes,
decisions, meetings, proposals and pages of every visibility, Swedish text),
then times searches as a visitor, a member and the board: one-word,
two-word, prefix and empty queries, with and without facet filters. Records
p50/p95, the most common word on its own, uncached searches a second (one
after another, one thread) and "did you mean" for a misspelt word in
bench/results.json.

    make bench    (or: DATABASE_URL=postgres://… .venv/bin/python bench/search.py)
"""

import datetime
import os
import random
import statistics
import time

import common

common.setup(ELASTICSEARCH_URL="")

from django.db import connection  # noqa: E402

from search.backends import get_database_backend  # noqa: E402
from search.backends.base import SearchRequest  # noqa: E402
from search.documents import Audience, SearchDocument  # noqa: E402

RECORDS = int(os.environ.get("BENCH_SEARCH_RECORDS", "100000"))
QUERIES = int(os.environ.get("BENCH_SEARCH_QUERIES", "300"))

WORDS = (
    "belysningen trygghet klotter renhållning papperskorgar torget kajen stationen "
    "budgeten avgiften medlemmarna styrelsen beslutade protokollet justerare "
    "trygghetsvandring polisen kommunen fastighetsägarna handlingsplan lägesbild "
    "cykelparkering sommarjobb ungdomar marknadsföring julmarknad lokaler vakanser "
    "armaturer gångtunneln lekplatsen buskage städning nedskräpning skadegörelse "
    "inbrott förråd soprum bränder kameror avtal vaktbolaget sekretariatet rapport"
).split()
TYPES = ["minutes", "decision", "meeting", "proposal", "attachment", "page"]
BODIES = ["Styrelsen", "Årsmötet", "Operativa gruppen"]
AREAS = ["Centrum", "Hamnpromenaden", "Stationsområdet", "Torget", "Kajen"]
PRIORITIES = ["Trygghet och belysning", "Renhållning", "Lokala jobb för unga"]
VISIBILITIES = ["public"] * 5 + ["members"] * 3 + ["board"] + ["organisation"]


SYLLABLES = (
    "ba be bo bu da de di do fa fe fi fo ga ge gi go ha he hi ho ka ke ki ko "
    "la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so "
    "ta te ti to va ve vi vo"
).split()


def vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    """Made-up words and the district's: text where a word occurs in some
    documents, not all (Zipf-like, as in real minutes)."""
    made_up = {
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        + rng.choice(["", "en", "na", "ar", "et"])
        for _ in range(size * 2)
    }
    made_up = sorted(made_up)[: size - len(WORDS)]
    # The district's words rank from 100th down, so each is in roughly one
    # record in ten to thirty, as "belysning" is in real minutes; the most
    # frequent made-up words stand in for words everyone uses.
    return made_up[:100] + WORDS + made_up[100:]


def documents(count: int, rng: random.Random):
    words = vocabulary(rng)
    weights = [1 / (rank + 10) for rank in range(len(words))]

    def text(length):
        return " ".join(rng.choices(words, weights=weights, k=length))

    start = datetime.date(2020, 1, 1)
    for n in range(count):
        visibility = rng.choice(VISIBILITIES)
        body = text(rng.randint(40, 160))
        yield SearchDocument(
            id=f"bench:{n}",
            group=f"bench:{n}",
            type=rng.choice(TYPES),
            title=text(5).capitalize(),
            body=body,
            language="sv",
            url=f"/bench/{n}/",
            visibility=visibility,
            organisation_id=rng.randint(1, 500)
            if visibility == "organisation"
            else None,
            committee=rng.choice(BODIES),
            areas=rng.sample(AREAS, rng.randint(0, 2)),
            priorities=rng.sample(PRIORITIES, rng.randint(0, 1)),
            date=start + datetime.timedelta(days=n % 2500),
        )


def requests(rng: random.Random):
    audiences = [
        Audience.public(),
        Audience(levels=frozenset({"public", "members"}), organisations=frozenset({7})),
        Audience(levels=frozenset({"public", "members", "board"})),
    ]
    # What people look for: the district's words, and any of the 1,000 most
    # used words of the text (the most common of which are in most records).
    searched = vocabulary(random.Random(2026))[:1000]
    for n in range(QUERIES):
        kind = n % 5
        if kind == 0:
            query = rng.choice(WORDS)
        elif kind == 1:
            query = f"{rng.choice(searched)} {rng.choice(searched)}"
        elif kind == 2:
            query = rng.choice(searched)[:4] + "*"
        elif kind == 3:
            query = ""
        else:
            query = rng.choice(searched)
        filters = {}
        if n % 3 == 0:
            filters = {
                "type": [rng.choice(TYPES)],
                "year": [str(rng.randint(2020, 2026))],
            }
        yield SearchRequest(
            query=query,
            audience=audiences[n % 3],
            filters=filters,
            page=1 + (n % 4 == 0),
        )


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    with common.throwaway_database():
        backend = get_database_backend()
        rng = random.Random(2026)
        started = time.perf_counter()
        common_word = vocabulary(random.Random(2026))[0]
        having = [0]  # records with the common word

        def counted(records):
            for record in records:
                having[0] += (
                    common_word in f"{record.title} {record.body}".lower().split()
                )
                yield record

        backend.bulk_index(counted(documents(RECORDS, rng)))
        indexed = time.perf_counter() - started
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # As autovacuum leaves a table in use: each entry is written
                # twice (its vector after it), and the dead rows double what a
                # search reads until they are vacuumed.
                cursor.execute("VACUUM ANALYZE search_searchentry")
                cursor.execute("VACUUM ANALYZE search_searchtag")
        for request in list(requests(random.Random(1)))[:10]:
            backend.search(request)  # warm the caches
        timings = []
        run_started = time.perf_counter()
        for request in requests(random.Random(7)):
            started = time.perf_counter()
            backend.search(request)
            timings.append((time.perf_counter() - started) * 1000)
        run_seconds = time.perf_counter() - run_started
        # The worst case on its own: the most common word, in most records.
        worst = []
        for _ in range(9):
            started = time.perf_counter()
            backend.search(SearchRequest(query=common_word, audience=Audience.public()))
            worst.append((time.perf_counter() - started) * 1000)
        # "Did you mean" for a misspelt word of the district's, as a visitor.
        suggesting = []
        for _ in range(5):
            started = time.perf_counter()
            suggestion = backend.suggest(
                SearchRequest(query="belysnigen", audience=Audience.public())
            )
            suggesting.append((time.perf_counter() - started) * 1000)
        figures = {
            "records": RECORDS,
            "queries": len(timings),
            "database": connection.vendor,
            "index_seconds": round(indexed, 1),
            "records_per_second": round(RECORDS / indexed),
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
            "max_ms": round(max(timings), 1),
            "searches_per_second": round(len(timings) / run_seconds, 1),
            "common_word": common_word,
            # Counts stop at the cap: the share of the records the word is in.
            "common_word_share": round(having[0] / RECORDS, 2),
            "common_word_ms": round(statistics.median(worst), 1),
            "suggestion": suggestion,
            "suggest_ms": round(statistics.median(suggesting), 1),
        }
    common.record(figures, "search")


if __name__ == "__main__":
    main()
