"""Soak: two production app servers on one PostgreSQL and Redis, under load and faults.

Prepares its own database (bid_soak: migrate + load_demo_data), starts two gunicorn
servers (bid/gunicorn.py, production profile, plain HTTP on loopback) and a task
worker on it, and a third "fault" server on a private PostgreSQL (port 55432, a
copy of bid_soak) with Elasticsearch and Stripe pointed at a closed port. Then:

1. load: SOAK_CLIENTS (16) clients for SOAK_SECONDS (60) over the public pages of
   both servers; any answer other than 2xx/3xx, or a connection error, fails;
2. meanwhile, what one server writes is read on the other at once: a board
   member's new ranking of the priorities (admin on A, public plan on B), a bank
   payment the secretariat records (admin on A, the member's portal on B), a
   session started on A used on B, rate-limit counters in Redis;
3. faults on the third server: search with Elasticsearch unreachable, a card
   payment with Stripe unreachable, and its PostgreSQL restarted while requests
   flow, gunicorn left running.

Exits 1 on any failure and stops everything it started, also on Ctrl-C.

    make soak        (or: SOAK_SECONDS=10 .venv/bin/python bench/soak.py)
"""

import contextlib
import datetime
import glob
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
WARM_UP = 5  # seconds of load before the timed run, so workers have loaded code
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "16"))
WORKERS = os.environ.get("SOAK_WORKERS", "3")
DATABASE_URL = os.environ.get(
    "SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bid_soak"
)
REDIS_URL = os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/5")
PORTS = [int(p) for p in os.environ.get("SOAK_PORTS", "18101,18102,18103").split(",")]
PG_PORT = int(os.environ.get("SOAK_PG_PORT", "55432"))
WORK_DIR = Path(os.environ.get("SOAK_DIR", "/tmp/soak"))
PG_DIR = WORK_DIR / "pg"
PASSWORD = "demo-Hamnstaden-2026"  # the demo's, published in the README
CLOSED = "http://127.0.0.1:9"  # the discard port: nothing listens there

BASE_ENV = {
    "SECRET_KEY": "soak-only-" + "0123456789abcdefghijklmnopqrstuvwxyz" * 2,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "EMAIL_URL": "consolemail://",
    "SECURE_SSL_REDIRECT": "false",
    "STATIC_ROOT": str(WORK_DIR / "static"),
    "MEDIA_ROOT": str(WORK_DIR / "media"),
    "REDIS_URL": REDIS_URL,
    "LOG_LEVEL": "WARNING",
    "ELASTICSEARCH_URL": "",
    "STRIPE_SECRET_KEY": "",
}


START = time.monotonic()


def say(text: str = "", *, stamp: bool = False) -> None:
    if stamp:
        body = text.lstrip("\n")
        text = (
            text[: len(text) - len(body)]
            + f"[{time.monotonic() - START:3.0f} s] {body}"
        )
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class Soak:
    checks: list[Check] = field(default_factory=list)
    processes: list[tuple[subprocess.Popen, object]] = field(default_factory=list)
    cleanups: list = field(default_factory=list)

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.checks.append(Check(name, bool(ok), detail))
        say(f"  [{'ok' if ok else 'FAIL'}] {name}{': ' + detail if detail else ''}")
        return bool(ok)

    def spawn(self, name: str, argv: list[str], env: dict) -> subprocess.Popen:
        log = open(WORK_DIR / f"{name}.log", "w")  # closed by close()
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((process, log))
        return process

    def close(self) -> None:
        """Stop the processes (all at once: each drains for seconds), then the rest."""
        for process, _ in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process, log in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            log.close()
        self.processes.clear()
        while self.cleanups:
            try:
                self.cleanups.pop()()
            except (OSError, subprocess.SubprocessError) as error:
                say(f"  cleanup: {error}")


def run(argv: list[str], env: dict | None = None, **kwargs) -> str:
    result = subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} failed ({result.returncode}):\n"
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return result.stdout


def app_env(profile: str, **extra: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "STRIPE_", "ELASTICSEARCH_", "AWS_"))
    }
    env.update(BASE_ENV, DJANGO_ENV=profile)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(extra)
    return env


# Preparation ---------------------------------------------------------------------


def database_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


def server_url(url: str, name: str = "postgres") -> str:
    return url.rsplit("/", 1)[0] + "/" + name


def prepare_database() -> None:
    name = database_name(DATABASE_URL)
    with psycopg.connect(server_url(DATABASE_URL), autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and os.environ.get("SOAK_FRESH"):
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    # load_demo_data refuses the production profile: dev, with debug off.
    env = app_env(
        "dev", DATABASE_URL=DATABASE_URL, DEBUG="0", TASKS_BACKEND="immediate"
    )
    run([PYTHON, "manage.py", "migrate", "--no-input"], env)
    run([PYTHON, "manage.py", "load_demo_data"], env)
    production = app_env("production", DATABASE_URL=DATABASE_URL, BASE_URL=CLOSED)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], production)
    redis.Redis.from_url(REDIS_URL).flushdb()


def pg_command(binary: str, *args: str) -> list[str]:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{binary}"))
    path = os.environ.get("SOAK_PG_BIN", found[-1].rsplit("/", 1)[0] if found else "")
    if not path:
        raise RuntimeError(
            "PostgreSQL's server binaries (initdb, pg_ctl) are missing: "
            "apt-get install postgresql (make soak does this when root)."
        )
    argv = [f"{path}/{binary}", *args]
    # PostgreSQL refuses to run as root; its own user runs the private instance.
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def private_postgres(soak: Soak) -> str:
    """A throwaway PostgreSQL on PG_PORT holding a copy of the soak database."""
    stop_private_postgres()
    shutil.rmtree(PG_DIR, ignore_errors=True)
    PG_DIR.mkdir(parents=True)
    if os.geteuid() == 0:
        shutil.chown(PG_DIR, "postgres", "postgres")
    data = str(PG_DIR / "data")
    run(pg_command("initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync"))
    soak.cleanups.append(lambda: shutil.rmtree(PG_DIR, ignore_errors=True))
    soak.cleanups.append(stop_private_postgres)
    pg_ctl("start")
    url = f"postgres://postgres@127.0.0.1:{PG_PORT}/{database_name(DATABASE_URL)}"
    dump = str(PG_DIR / "soak.dump")
    run(["pg_dump", "-Fc", "-f", dump, "-d", DATABASE_URL])
    run(
        [
            "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(PG_PORT),
            "-U",
            "postgres",
            database_name(DATABASE_URL),
        ]
    )
    run(["pg_restore", "--no-owner", "-d", url, dump])
    return url


def pg_ctl(action: str, *extra: str) -> None:
    options = f"-p {PG_PORT} -k {PG_DIR} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(
        pg_command(
            "pg_ctl",
            "-D",
            str(PG_DIR / "data"),
            "-l",
            str(PG_DIR / "postgres.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            *extra,
            action,
        )
    )


def stop_private_postgres() -> None:
    if (PG_DIR / "data" / "postmaster.pid").exists():
        with contextlib.suppress(RuntimeError):
            run(pg_command("pg_ctl", "-D", str(PG_DIR / "data"), "-m", "fast", "stop"))


def start_server(soak: Soak, name: str, port: int, database_url: str, **extra):
    env = app_env(
        "production",
        DATABASE_URL=database_url,
        BASE_URL=f"http://127.0.0.1:{port}",
        TASKS_BACKEND="database",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=WORKERS,
        **extra,
    )
    return soak.spawn(name, [GUNICORN, "-c", "bid/gunicorn.py", "bid.wsgi"], env)


def wait_until_up(process: subprocess.Popen, base: str, timeout: float = 90) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        with contextlib.suppress(requests.RequestException):
            if requests.get(base + "/healthz", timeout=5).status_code == 200:
                return True
        time.sleep(0.5)
    return False


# HTTP clients ----------------------------------------------------------------------


class PlainHttpSession(requests.Session):
    """Production cookies are Secure; on loopback HTTP they are sent back anyway."""

    def prepare_request(self, request):
        for cookie in self.cookies:
            cookie.secure = False
        return super().prepare_request(request)


def log_in(base: str, email: str) -> requests.Session:
    s = PlainHttpSession()
    s.get(base + "/accounts/login/", timeout=30).raise_for_status()
    response = s.post(
        base + "/accounts/login/",
        data={
            "login": email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": s.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=30,
    )
    if response.status_code != 302 or "sessionid" not in s.cookies:
        raise RuntimeError(
            f"login of {email} on {base} answered {response.status_code}"
        )
    return s


def post(s: requests.Session, url: str, data: dict, **kwargs) -> requests.Response:
    headers = {"X-CSRFToken": s.cookies.get("csrftoken", "")}
    headers.update(kwargs.pop("headers", {}))
    return s.post(
        url,
        data={"csrfmiddlewaretoken": headers["X-CSRFToken"], **data},
        headers=headers,
        allow_redirects=False,
        timeout=30,
        **kwargs,
    )


def input_value(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    if not match:
        raise RuntimeError(f"no input {name} in the form")
    return match.group(1)


# 1. Load ---------------------------------------------------------------------------


@dataclass
class Sample:
    server: str
    page: str
    status: int
    started: float
    seconds: float = 0.0
    error: str = ""


def public_pages(base: str) -> dict[str, str]:
    """The pages a visitor reads; the meeting, priority and article are found."""

    def first(page: str, pattern: str) -> str:
        html = requests.get(base + page, timeout=30).text
        links = [link for link in re.findall(pattern, html) if link != page]
        if not links:
            raise RuntimeError(f"no link like {pattern} on {page}")
        return links[0]

    return {
        "home": "/",
        "plan": "/verksamhetsplan/",
        "priority": first(
            "/verksamhetsplan/", r'<h3><a href="(/verksamhetsplan/[a-z-]+/)"'
        ),
        "meetings": "/moten/",
        "meeting": first("/moten/", r'href="(/moten/\d+/)"'),
        "news": "/nyheter/",
        "article": first("/nyheter/", r'href="(/nyheter/(?!feed/)[a-z0-9-]+/)"'),
        "search": "/search/?q=belysning",
        "open data": "/open-data/",
        "home (en)": "/en/",
    }


RETRIED = [0]  # GETs retried once after a closed keep-alive connection


def load(servers: dict[str, str], pages: dict[str, str], seconds: float):
    samples: list[Sample] = []
    lock = threading.Lock()
    targets = [(s, p) for s in servers for p in pages]
    end = time.monotonic() + seconds

    def client(number: int) -> None:
        http = requests.Session()
        # Each client alternates between the servers, so a keep-alive connection
        # may sit idle past gunicorn's keep-alive and be closed just as a request
        # goes out on it. Like a browser, retry such a GET once (counted and
        # reported); a second failure is an error.
        http.mount(
            "http://",
            HTTPAdapter(
                max_retries=Retry(
                    total=1,
                    connect=1,
                    read=1,
                    status=0,
                    other=0,
                    allowed_methods=["GET"],
                    raise_on_status=False,
                )
            ),
        )
        mine = []
        i = number
        while time.monotonic() < end:
            server, page = targets[i % len(targets)]
            i += 1
            started = time.perf_counter()
            try:
                response = http.get(
                    servers[server] + pages[page], allow_redirects=False, timeout=30
                )
                sample = Sample(server, page, response.status_code, started)
                history = getattr(response.raw, "retries", None)
                if history is not None and history.history:
                    with lock:
                        RETRIED[0] += 1
            except requests.RequestException as error:
                sample = Sample(server, page, 0, started, error=type(error).__name__)
            sample.seconds = time.perf_counter() - started
            mine.append(sample)
        with lock:
            samples.extend(mine)

    threads = [
        threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    return threads, samples


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def report_load(soak: Soak, samples: list[Sample], warm_up: list[Sample]) -> dict:
    seconds = max(s.started + s.seconds for s in samples) - min(
        s.started for s in samples
    )
    failed = [s for s in warm_up + samples if not (200 <= s.status < 400)]
    say(f"\n  {'server':7} {'page':10} {'requests':>9} {'errors':>7} {'p95 ms':>8}")
    by = defaultdict(list)
    for sample in samples:
        by[(sample.server, sample.page)].append(sample)
    for (server, page), group in sorted(by.items()):
        errors = sum(1 for s in group if not (200 <= s.status < 400))
        latency = p95([s.seconds for s in group]) * 1000
        say(f"  {server:7} {page:10} {len(group):9} {errors:7} {latency:8.0f}")
    figures = {
        "clients": CLIENTS,
        "seconds": round(seconds, 1),
        "requests": len(samples),
        "errors": sum(1 for s in samples if not (200 <= s.status < 400)),
        "retried_once": RETRIED[0],
        "requests_per_second": round(len(samples) / seconds, 1),
        "p50_ms": round(statistics.median([s.seconds for s in samples]) * 1000, 1),
        "p95_ms": round(p95([s.seconds for s in samples]) * 1000, 1),
    }
    say(
        f"\n  {figures['requests']} requests in {seconds:.0f} s by {CLIENTS} clients: "
        f"{figures['requests_per_second']} req/s, p50 {figures['p50_ms']} ms, "
        f"p95 {figures['p95_ms']} ms, {figures['errors']} errors, "
        f"{figures['retried_once']} GETs retried once on a closed keep-alive "
        f"connection ({len(warm_up)} warm-up requests before, not timed)"
    )
    kinds = Counter((s.server, s.page, s.status, s.error) for s in failed)
    soak.check(
        "load: every answer 2xx/3xx, no connection errors",
        not failed and samples,
        "; ".join(
            f"{k[0]} {k[1]} {k[2] or k[3]} ×{n}" for k, n in kinds.most_common(5)
        ),
    )
    return figures


# 2. One server writes, the other reads ---------------------------------------------


def ranking_on_a_shows_on_b(soak: Soak, a: str, b: str) -> None:
    board = log_in(a, "styrelse@hamnstaden.example")
    plan = requests.get(
        b + "/api/v2/pages/?type=home.DistrictPlanPage&locale=sv&fields=title",
        timeout=30,
    ).json()["items"][0]
    form = board.get(f"{a}/admin/plan/{plan['id']}/rank/", timeout=30).text
    ranks = re.findall(r'name="(rank_\d+)"', form)
    if len(ranks) < 2:
        raise RuntimeError("the ranking form lists fewer than two priorities")

    def order_on(base: str) -> list[str]:
        html = requests.get(base + "/verksamhetsplan/", timeout=30).text
        return re.findall(r'<h3><a href="(/verksamhetsplan/[a-z-]+/)"', html)

    before = order_on(b)
    token = uuid.uuid4().hex[:8]
    data = {name: str(rank) for rank, name in enumerate(ranks, start=1)}
    data[ranks[0]], data[ranks[1]] = "2", "1"
    data["rationale"] = f"Soak {token}: the first two priorities trade places."
    response = post(board, f"{a}/admin/plan/{plan['id']}/rank/", data)
    after = order_on(b)
    history = requests.get(b + "/verksamhetsplan/history/", timeout=30).text
    soak.check(
        "board ranks on A → B's public plan shows the new order at once",
        response.status_code == 302
        and after[:2] == before[1::-1]
        and after[2:] == before[2:]
        and token in history,
        f"POST {response.status_code}; B's top two {before[:2]} → {after[:2]}",
    )
    admin_on_b = board.get(b + "/admin/", allow_redirects=False, timeout=30)
    soak.check(
        "a session started on A is valid on B",
        admin_on_b.status_code == 200,
        f"B /admin/ answered {admin_on_b.status_code}",
    )


def payment_on_a_shows_on_b(soak: Soak, a: str, b: str) -> None:
    member = log_in(b, "polis@hamnstaden.example")
    listing = member.get(b + "/portal/contributions/", timeout=30).text
    invoices = sorted(set(re.findall(r'href="/portal/contributions/(\d+)/"', listing)))
    if not invoices:
        raise RuntimeError("the police's portal lists no invoice")
    invoice = invoices[0]

    def receipts() -> set[str]:
        html = member.get(f"{b}/portal/contributions/{invoice}/", timeout=30).text
        return set(re.findall(r'href="/portal/receipts/(\d+)/"', html))

    before = receipts()
    secretariat = log_in(a, "sekretariat@hamnstaden.example")
    inspect = f"{a}/admin/contributions/inspect/{invoice}/"
    form = secretariat.get(inspect, timeout=30).text
    reference = f"SOAK-{uuid.uuid4().hex[:8]}"
    response = post(
        secretariat,
        inspect,
        {
            "amount_minor": "1",
            "occurred_on": datetime.date.today().isoformat(),
            "reference": reference,
            "token": input_value(form, "token"),
        },
    )
    after = receipts()
    soak.check(
        "secretariat records a bank payment on A → B's portal shows its receipt",
        response.status_code == 302 and len(after - before) == 1,
        f"POST {response.status_code}; receipts on B {len(before)} → {len(after)}",
    )


# 3. Faults on the third server ------------------------------------------------------


def search_without_elasticsearch(soak: Soak, c: str, log: Path) -> None:
    started = time.perf_counter()
    response = requests.get(c + "/search/?q=belysning", timeout=30)
    took = time.perf_counter() - started
    hits = response.text.count("<mark>")
    time.sleep(0.5)  # the log line is written by another process
    logged = "answered by the database" in log.read_text()
    soak.check(
        "Elasticsearch unreachable → search answers 200 with results from the database",
        response.status_code == 200 and hits > 0 and logged,
        f"{response.status_code} in {took * 1000:.0f} ms, {hits} highlighted words, "
        f"warning logged: {logged}",
    )


def payment_without_stripe(soak: Soak, c: str, database_url: str) -> None:
    member = log_in(c, "polis@hamnstaden.example")
    listing = member.get(c + "/portal/contributions/", timeout=30).text
    invoice = sorted(set(re.findall(r'href="/portal/contributions/(\d+)/"', listing)))[
        0
    ]

    def rows() -> tuple[int, ...]:
        with psycopg.connect(database_url) as connection:
            return tuple(
                connection.execute(
                    f"SELECT count(*) FROM contributions_{t}"
                ).fetchone()[0]
                for t in ("ledgerentry", "paymentattempt", "stripecustomer")
            )

    before = rows()
    response = post(
        member,
        f"{c}/en/portal/contributions/{invoice}/pay/",
        {"stripe_token": "tok_visa"},
        headers={"X-Requested-With": "fetch"},
    )
    try:
        error = response.json().get("error", "")
    except ValueError:
        error = response.text[:200]
    after = rows()
    soak.check(
        "Stripe unreachable → paying answers a clear error and writes nothing",
        response.status_code == 400
        and "cannot be reached" in error
        and before == after,
        f"{response.status_code} {error!r}; ledger, attempts, customers {before} → "
        f"{after}",
    )
    # django-ratelimit hashes scope, client and window into the key's tail.
    keys = redis.Redis.from_url(REDIS_URL).keys("bid:*:ratelimit:*")
    soak.check(
        "rate-limit counters are kept in Redis (shared by every server)",
        len(keys) > 0,
        f"{len(keys)} rate-limit counter(s) in {REDIS_URL}",
    )


def children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


def database_restart(soak: Soak, c: str, gunicorn: subprocess.Popen) -> None:
    """Requests flow while the private PostgreSQL restarts; gunicorn stays up."""
    workers_before = children(gunicorn.pid)
    samples: list[tuple[float, float, int]] = []  # started, ended, status
    stop_at = [float("inf")]

    def client() -> None:
        http = requests.Session()
        i = 0
        while time.monotonic() < stop_at[0]:
            page = ("/healthz", "/", "/moten/", "/search/?q=belysning")[i % 4]
            i += 1
            started = time.monotonic()
            try:
                status = http.get(
                    c + page, allow_redirects=False, timeout=30
                ).status_code
            except requests.RequestException:
                status = 0
            samples.append((started, time.monotonic(), status))
            time.sleep(0.05)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    down_at = time.monotonic()
    pg_ctl("restart", "-m", "fast")
    up_at = time.monotonic()
    stop_at[0] = up_at + 6
    for thread in threads:
        thread.join()
    before = [s for s in samples if s[1] < down_at]
    after = [s for s in samples if s[0] >= up_at]
    during = [s for s in samples if s not in before and s not in after]
    failed = [s for s in before + after if not (200 <= s[2] < 400)]
    workers_after = children(gunicorn.pid)
    soak.check(
        "PostgreSQL restarted → requests after it succeed, gunicorn not restarted",
        gunicorn.poll() is None
        and workers_after == workers_before
        and len(before) > 0
        and len(after) >= 20
        and not failed,
        f"restart took {up_at - down_at:.1f} s; {len(before)} requests before, "
        f"{len(during)} overlapping it {dict(Counter(s[2] for s in during))}, "
        f"{len(after)} after; {len(failed)} failed outside the restart; workers "
        f"{sorted(workers_before)} → {sorted(workers_after)}",
    )


# Main ------------------------------------------------------------------------------


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main() -> int:
    soak = Soak()
    signal.signal(signal.SIGTERM, interrupted)
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    figures: dict = {}
    try:
        say(
            f"Preparing {DATABASE_URL} (migrate, load_demo_data, collectstatic)",
            stamp=True,
        )
        prepare_database()
        say(f"Copying it to a private PostgreSQL on port {PG_PORT}", stamp=True)
        private_url = private_postgres(soak)
        a, b, c = (f"http://127.0.0.1:{port}" for port in PORTS)
        say(
            f"Starting app servers A {a} and B {b}, a task worker, fault server C {c}",
            stamp=True,
        )
        servers = {
            "A": start_server(soak, "A", PORTS[0], DATABASE_URL),
            "B": start_server(soak, "B", PORTS[1], DATABASE_URL),
            "C": start_server(
                soak,
                "C",
                PORTS[2],
                private_url,
                ELASTICSEARCH_URL=CLOSED,
                STRIPE_SECRET_KEY="sk_test_soak",
                STRIPE_PUBLISHABLE_KEY="pk_test_soak",
                STRIPE_WEBHOOK_SECRET="whsec_soak",
                STRIPE_API_BASE=CLOSED,
            ),
        }
        soak.spawn(
            "worker",
            [PYTHON, "manage.py", "db_worker"],
            app_env("production", DATABASE_URL=DATABASE_URL, BASE_URL=a),
        )
        for name, base in zip("ABC", (a, b, c), strict=True):
            if not soak.check(
                f"server {name} answers /healthz", wait_until_up(servers[name], base)
            ):
                raise RuntimeError(f"server {name} did not start: see {WORK_DIR}")
        pages = public_pages(b)

        say(
            f"\n1. Load: {CLIENTS} clients for {SECONDS} s over {len(pages)} pages × 2",
            stamp=True,
        )
        threads, warm_up = load({"A": a, "B": b}, pages, WARM_UP)
        for thread in threads:
            thread.join()
        threads, samples = load({"A": a, "B": b}, pages, SECONDS)
        time.sleep(min(5, SECONDS / 4))
        say("\n2. Written on A, read on B (under load)", stamp=True)
        ranking_on_a_shows_on_b(soak, a, b)
        payment_on_a_shows_on_b(soak, a, b)
        for thread in threads:
            thread.join()
        say("\n   Load results", stamp=True)
        figures = report_load(soak, samples, warm_up)

        say("\n3. Faults on C", stamp=True)
        search_without_elasticsearch(soak, c, WORK_DIR / "C.log")
        payment_without_stripe(soak, c, private_url)
        database_restart(soak, c, servers["C"])
    except KeyboardInterrupt:
        soak.check("interrupted", False)
    except (RuntimeError, OSError, requests.RequestException, psycopg.Error) as error:
        soak.check("soak ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        say("\nStopping everything the soak started", stamp=True)
        soak.close()
    failed = [check for check in soak.checks if not check.ok]
    say(f"\nSummary ({time.monotonic() - START:.0f} s, logs in {WORK_DIR}):")
    for check in soak.checks:
        say(f"  {'ok  ' if check.ok else 'FAIL'} {check.name}")
    if figures:
        say("  " + json.dumps(figures))
    say(
        f"{'FAILED' if failed else 'PASSED'}: {len(soak.checks) - len(failed)} of "
        f"{len(soak.checks)} checks"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
