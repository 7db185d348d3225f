"""Run every benchmark in turn and print one table from bench/results.json.

    make bench    (or: DATABASE_URL=postgres://… .venv/bin/python bench/run.py)

Each script builds and drops its own throwaway database and writes its part of
bench/results.json; this prints them together. `--table` only prints the
table of the figures already recorded. The whole run takes about 12 minutes on
2 cores: pages about 5, search (100,000 records) about 4, the money benchmarks
(invoicing, bank import, SIE export, webhooks) about 3.
"""

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
SCRIPTS = [
    "invoicing.py",
    "bank_import.py",
    "sie_export.py",
    "webhooks.py",
    "search.py",
    "pages.py",
]


def table(results: dict) -> str:
    lines = []
    add = lines.append
    meta = results.get("run", {})
    if meta:
        add(f"Run {meta['date']} on {meta['cpus']} cores, {meta['memory_gib']} GiB")
    invoicing = results.get("invoicing")
    if invoicing:
        add("")
        add(f"Invoicing ({invoicing['members']:,} members, {invoicing['database']})")
        add(
            f"  issue {invoicing['issue_seconds']} s "
            f"({invoicing['members_per_second']:,} members/s), "
            f"second run {invoicing['second_run_seconds']} s"
        )
    bank = results.get("bank_import")
    if bank:
        add("")
        add(
            f"Bank file import (camt.054, {bank['payments']:,} payments, "
            f"{bank['database']}; goal ≤ 10 s)"
        )
        add(
            f"  import {bank['import_seconds']} s ({bank['payments_per_second']:,} "
            f"payments/s), second import {bank['second_import_seconds']} s; "
            f"{bank['matched']:,} matched, {bank['short']} short, {bank['over']} over, "
            f"{bank['unmatched']} unmatched"
        )
    sie = results.get("sie_export")
    if sie:
        add("")
        add(f"SIE 4 export ({sie['members']:,} members, {sie['database']})")
        add(
            f"  {sie['verifications']:,} verifications in "
            f"{sie['export_seconds_median']} s, {sie['queries']} queries, "
            f"{sie['file_bytes'] / 2**20:.1f} MiB, identical bytes in "
            f"{sie['identical_runs']} of {sie['identical_runs']} runs"
        )
    search = results.get("search")
    if search:
        add("")
        add(f"Search ({search['records']:,} records, {search['queries']} queries)")
        add(
            f"  p50 {search['p50_ms']} ms, p95 {search['p95_ms']} ms, "
            f"max {search['max_ms']} ms; index {search['records_per_second']:,} "
            "records/s"
        )
        if "searches_per_second" in search:
            add(
                f"  a common word (in {search['common_word_share']:.0%} of the "
                f"records) {search['common_word_ms']} ms; "
                f"{search['searches_per_second']} uncached searches/s (one thread)"
            )
    pages = results.get("pages")
    if pages:
        add("")
        add(
            f"Pages (gunicorn, production settings, {pages['workers']} workers × "
            f"{pages['threads']} threads; wrk {pages['connections']} connections, "
            f"{pages['seconds_per_page']} s a page)"
        )
        add(
            f"  {'page':22} {'no page cache':>30}   {'page cache (Redis)':>30}"
            f"\n  {'':22} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'×hello':>6}"
            f"   {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'×hello':>6}"
        )
        for name, off in pages["uncached"].items():
            # Members' pages and the less visited public ones: no cached run.
            on = pages["cached"].get(name)
            add(
                f"  {name:22} "
                + "   ".join(
                    f"{f['rps']:8.1f} {f['p50_ms']:7.1f} {f['p95_ms']:7.1f} "
                    f"{f['ratio_to_hello']:6.3f}"
                    if f
                    else f"{'—':>31}"
                    for f in (off, on)
                )
            )
    queries = results.get("queries")
    if queries:
        add("")
        add("Queries per page (cold: every cache off; warm: page not cached,")
        add("shared fragments cached; goal ≤ 15)")
        add(
            f"  {'page':22} {'cold 1×':>8} {'cold 10×':>9}"
            f" {'warm 1×':>8} {'warm 10×':>9}"
        )
        for name, counts in queries.items():
            add(
                f"  {name:22} {counts['cold_1x']:8} {counts['cold_10x']:9} "
                f"{counts['warm_1x']:8} {counts['warm_10x']:9}"
            )
    hooks = results.get("webhooks")
    if hooks:
        add("")
        add(
            f"Stripe webhooks ({hooks['events']:,} signed events: "
            f"{hooks.get('payments', hooks['events']):,} payments, "
            f"{hooks.get('refunds', 0):,} refunds; {hooks['concurrency']} at a time; "
            "goal ≥ 200/s on first delivery)"
        )
        add(
            f"  first delivery {hooks['first_events_per_second']} events/s, "
            f"replay (duplicates) {hooks['replay_events_per_second']} events/s; "
            f"{hooks['ledger_entries']} ledger entries"
        )
    return "\n".join(lines) + "\n"


def memory_gib() -> int:
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return 0
    return round(pages / 2**30)


def main() -> None:
    if "--table" not in sys.argv:
        started = time.perf_counter()
        for script in SCRIPTS:
            sys.stdout.write(f"== bench/{script}\n")
            sys.stdout.flush()
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / script)], cwd=ROOT, check=True
            )
        results = json.loads(RESULTS.read_text())
        results["run"] = {
            "date": time.strftime("%Y-%m-%d"),
            "cpus": os.cpu_count(),
            "memory_gib": memory_gib(),
            "python": platform.python_version(),
            "minutes": round((time.perf_counter() - started) / 60, 1),
        }
        RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    sys.stdout.write("\n" + table(json.loads(RESULTS.read_text())))


if __name__ == "__main__":
    main()
