# The two set-up commands are `make run` and `make test`; everything else is a helper.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check messages browser-deps bench clean help audit screens vendor-leaflet

help:
	@echo "make run    - install, migrate, load the demo district and serve http://$(HOST):$(PORT)/"
	@echo "make test   - install test tools (and Chromium when root) and run the whole suite"
	@echo "make lint   - ruff, the import contracts (import-linter) and vulture"
	@echo "make messages - extract and compile translations (needs GNU gettext)"
	@echo "make bench  - benchmarks on PostgreSQL; figures go to bench/results.json"
	@echo "make audit  - pip-audit of the installed packages and bandit of the code (docs/security.md)"
	@echo "make vendor-leaflet - refresh static/vendor/leaflet/ (Leaflet and Geoman) from the npm registry"
	@echo "make screens - screenshots of each role's main page, phone and desktop, to docs/screens/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

# Links in emails point at the address served here, unless BASE_URL is set.
run: export BASE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed
	@mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_data
	$(MANAGE) runserver $(HOST):$(PORT)

# Debian's Chromium drives the browser tests; Playwright never downloads one.
browser-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "No /usr/bin/chromium and not root: browser tests will be skipped (CI fails them)."; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/vulture

check: $(VENV)/.installed-test
	DJANGO_SETTINGS_MODULE=bid.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=bid.settings.test $(MANAGE) makemigrations --check --dry-run

# The suite runs in PYTEST_WORKERS processes (pytest-xdist; each has its own test
# database, test_bid_gw0, test_bid_gw1, …, and media folder), each test going to
# the next free worker, browser tests too (one at a time would leave the other
# worker idle at the end: 10 minutes against 8 when grouped). The longest
# browser test starts first (tests/browser/conftest.py), so neither worker is
# left alone with it at the end. Not "worksteal": a worker that steals plain
# database tests after it has run the transactional ones (which empty the
# database) runs them on an empty database. The suite is CPU-bound,
# so one worker per core ("auto"); PYTEST_WORKERS=0 runs it in one process. The
# target's wall time is printed at the end, pass or fail.
PYTEST_WORKERS ?= auto
MAKE_STARTED := $(shell date +%s)

test: $(VENV)/.installed-test browser-deps lint check
	@status=0; pytest_started=$$(date +%s); \
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS) || status=$$?; \
	now=$$(date +%s); all=$$((now - $(MAKE_STARTED))); suite=$$((now - pytest_started)); \
	printf 'make test: %d min %d s (the suite: %d min %d s, %s workers)\n' \
		$$((all / 60)) $$((all % 60)) $$((suite / 60)) $$((suite % 60)) "$(PYTEST_WORKERS)"; \
	exit $$status

# Benchmarks run against PostgreSQL (set DATABASE_URL to use another server) and
# Redis (BENCH_REDIS_URL); about 10 minutes. The page benchmark drives gunicorn
# with Debian's wrk, installed here when missing.
bench: $(VENV)/.installed-test
	@if command -v wrk >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's wrk for the page benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	else \
		echo "wrk is missing and not root: install it (apt-get install wrk)"; exit 1; \
	fi
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bid} $(BIN)/python bench/run.py

# Leaflet and the Geoman drawing tools, bundled (no CDN): the npm registry's
# packages at the pinned versions, unpacked with `npm pack` (no node_modules).
LEAFLET_VERSION ?= 1.9.4
GEOMAN_VERSION ?= 2.20.2
LEAFLET_DIR := static/vendor/leaflet
vendor-leaflet:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	( cd "$$tmp" && npm pack --silent leaflet@$(LEAFLET_VERSION) \
		@geoman-io/leaflet-geoman-free@$(GEOMAN_VERSION) >/dev/null ); \
	mkdir -p "$$tmp/leaflet" "$$tmp/geoman"; \
	tar -xzf "$$tmp"/leaflet-$(LEAFLET_VERSION).tgz -C "$$tmp/leaflet" --strip-components=1; \
	tar -xzf "$$tmp"/geoman-io-leaflet-geoman-free-$(GEOMAN_VERSION).tgz -C "$$tmp/geoman" --strip-components=1; \
	rm -rf $(LEAFLET_DIR); mkdir -p $(LEAFLET_DIR)/images; \
	cp "$$tmp"/leaflet/dist/leaflet.js "$$tmp"/leaflet/dist/leaflet.css $(LEAFLET_DIR)/; \
	cp "$$tmp"/leaflet/dist/images/*.png $(LEAFLET_DIR)/images/; \
	cp "$$tmp"/leaflet/LICENSE $(LEAFLET_DIR)/LICENSE; \
	cp "$$tmp"/geoman/dist/leaflet-geoman.min.js "$$tmp"/geoman/dist/leaflet-geoman.css $(LEAFLET_DIR)/; \
	cp "$$tmp"/geoman/LICENSE $(LEAFLET_DIR)/LICENSE-geoman; \
	sed -i '/sourceMappingURL=/d' $(LEAFLET_DIR)/*.js $(LEAFLET_DIR)/*.css; \
	printf '%s\n' \
		"leaflet $(LEAFLET_VERSION) (BSD-2-Clause), from the npm registry:" \
		"  leaflet.js, leaflet.css, images/ = dist/; LICENSE" \
		"@geoman-io/leaflet-geoman-free $(GEOMAN_VERSION) (MIT), from the npm registry:" \
		"  leaflet-geoman.min.js, leaflet-geoman.css = dist/; LICENSE-geoman" \
		"Source-map comments are removed (the maps are not bundled; collectstatic's manifest would look for them)." \
		"Update: make vendor-leaflet LEAFLET_VERSION=<version> GEOMAN_VERSION=<version>" \
		> $(LEAFLET_DIR)/VERSION; \
	echo "$(LEAFLET_DIR): leaflet $(LEAFLET_VERSION), geoman $(GEOMAN_VERSION)"

# Known vulnerabilities in the installed packages (--strict: a package that could
# not be looked up fails the run) and bandit on the code; see docs/security.md.
audit: $(VENV)/.installed-test
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off
	$(BIN)/bandit -c pyproject.toml -r bid home members search -q

# Two production app servers on PostgreSQL and Redis under load, then faults; about
# 3-4 minutes. Needs PostgreSQL on 127.0.0.1:5432 and Redis on 6379 (SOAK_DATABASE_URL,
# SOAK_REDIS_URL override); runs a private PostgreSQL on 55432 for the restart.
.PHONY: soak
soak: $(VENV)/.installed-test
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing PostgreSQL's server binaries (no cluster) for the soak"; \
		mkdir -p /etc/postgresql-common; \
		grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf \
			|| echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi
	$(BIN)/python bench/soak.py

# The demo district in a temporary database, served and photographed by
# Debian's Chromium: PNGs of each role's main page (390 and 1280 wide).
screens: $(VENV)/.installed-test browser-deps
	$(BIN)/python tests/browser/screens.py

messages: $(VENV)/.installed
	$(MANAGE) makemessages -l sv -l da -l nb --no-obsolete --add-location file \
		-i '.venv' -i 'var' -i 'tests' -i 'bench' -i 'node_modules'
	$(MANAGE) compilemessages -i '.venv' -i 'var'

clean:
	rm -rf $(VENV) var/static var/test-media
