# The two set-up commands are `make run` and `make test`; everything else is a helper.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check messages browser-deps bench clean help

help:
	@echo "make run    - install, migrate, load the demo district and serve http://$(HOST):$(PORT)/"
	@echo "make test   - install test tools (and Chromium when root) and run the whole suite"
	@echo "make lint   - ruff format --check and ruff check"
	@echo "make messages - extract and compile translations (needs GNU gettext)"
	@echo "make bench  - benchmarks on PostgreSQL; figures go to bench/results.json"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

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

check: $(VENV)/.installed-test
	DJANGO_SETTINGS_MODULE=bid.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=bid.settings.test $(MANAGE) makemigrations --check --dry-run

test: $(VENV)/.installed-test browser-deps lint check
	$(BIN)/pytest $(PYTEST_ARGS)

# Benchmarks run against PostgreSQL (set DATABASE_URL to use another server).
bench: $(VENV)/.installed-test
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bid} $(BIN)/python bench/invoicing.py
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bid} $(BIN)/python bench/search.py

messages: $(VENV)/.installed
	$(MANAGE) makemessages -l sv -l da -l nb --no-obsolete --add-location file \
		-i '.venv' -i 'var' -i 'tests' -i 'bench' -i 'node_modules'
	$(MANAGE) compilemessages -i '.venv' -i 'var'

clean:
	rm -rf $(VENV) var/static var/test-media
