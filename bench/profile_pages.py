"""Where an uncached page's time goes: queries per page, the mean time of a
render, and pyinstrument's profile of one page, against a database that
already holds the demo district (docs/performance.md).

    DATABASE_URL=postgres://…/bid .venv/bin/python manage.py load_demo_data
    DATABASE_URL=postgres://…/bid .venv/bin/python bench/profile_pages.py [page …]
        [--renders N] [--profile PAGE] [--fragments off] [--sql]

Pages are rendered with Django's test client in this process (one thread, no
server); the page cache is off, the shared fragments on unless
`--fragments off`. Nothing is written to the database.
"""

import argparse
import statistics
import sys
import time

import common

common.setup(ELASTICSEARCH_URL="", STRIPE_SECRET_KEY="")

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from pages import MEMBER_EMAIL, MEMBER_PAGES, public_addresses  # noqa: E402
from pyinstrument import Profiler  # noqa: E402


def render(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--profile", default="")
    parser.add_argument("--fragments", choices=("on", "off"), default="on")
    parser.add_argument("--sql", action="store_true", help="print each query")
    parser.add_argument("--top", type=int, default=15, help="functions listed")
    options = parser.parse_args()

    anonymous = Client(HTTP_HOST="127.0.0.1")
    member = Client(HTTP_HOST="127.0.0.1")
    member.force_login(get_user_model().objects.get(email=MEMBER_EMAIL))
    pages = {n: (anonymous, u) for n, u in public_addresses().items()}
    pages |= {n: (member, u) for n, u in MEMBER_PAGES.items()}
    chosen = options.pages or list(pages)
    fragments = 600 if options.fragments == "on" else 0
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=fragments):
        sys.stdout.write(f"{'page':22} {'queries':>7} {'ms (mean)':>9}\n")
        for name in chosen:
            client, url = pages[name]
            render(client, url)  # per-process caches, shared fragments
            with CaptureQueriesContext(connection) as queries:
                render(client, url)
            count = len(queries)  # before a reconnection empties the log
            if options.sql:
                for query in queries.captured_queries:
                    sql = query["sql"]
                    where = sql.find(" WHERE ")
                    sys.stdout.write(f"  {sql[:60]} … {sql[where : where + 200]}\n")
            times = []
            for _ in range(options.renders):
                started = time.perf_counter()
                render(client, url)
                times.append((time.perf_counter() - started) * 1000)
            sys.stdout.write(f"{name:22} {count:7} {statistics.mean(times):9.1f}\n")
        if options.profile:
            client, url = pages[options.profile]
            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(options.renders):
                    render(client, url)
            # The tree, then each function's own time (the "top entries").
            sys.stdout.write(profiler.output_text(unicode=True, color=False))
            flat = profiler.output_text(unicode=True, color=False, flat=True)
            sys.stdout.write("\n".join(flat.splitlines()[: 8 + options.top]) + "\n")


if __name__ == "__main__":
    main()
