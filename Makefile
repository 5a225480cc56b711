# Bilateral: `make run` to browse, `make test` to check. Both set themselves up.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
FIXTURES := reference officials sources meetings
HOST ?= 127.0.0.1
PORT ?= 8000

# Development defaults; anything already in the environment wins.
DEV_ENV := DEBUG=$${DEBUG:-1}
TEST_ENV := SECRET_KEY=$${SECRET_KEY:-insecure-test-only-key}

.PHONY: help install lock run db reset-db test lint browser-deps clean serve backup restore bench bench-deps soak messages bench-backup

help:
	@echo "make run    set up, load the releases and the historical record, serve http://$(HOST):$(PORT)"
	@echo "make db     migrate, load the fixtures and import the historical record (keeps edits)"
	@echo "make reset-db   delete every record and load afresh (asks first; CONFIRM=yes skips)"
	@echo "make test   set up and run every test (browser tests need Chromium)"
	@echo "make lint   ruff"
	@echo "make lock   pin every dependency, with hashes, in requirements.txt and requirements-dev.txt"
	@echo "make messages   gather the strings to translate into locale/es and compile them"
	@echo "make serve  production: collect static files, migrate, run gunicorn (see README, Deploying)"
	@echo "make backup / make restore BACKUP=file   the knowledge base to and from natural-key JSON"
	@echo "make bench  100,000 meetings served as in production, each page against Django's ceiling, then make soak"
	@echo "make soak   5 minutes of mixed reads at 100,000 meetings while an editor signs in (2FA) and saves"
	@echo "make bench-backup   backup and restore of 100,000 meetings, timed and checked"

# The exact versions of requirements-dev.txt, each checked against its hash, then the project
# itself without dependencies (it may not pull in anything the lock file does not name).
$(INSTALLED): pyproject.toml requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(INSTALLED)

# The one command that regenerates the lock files from pyproject.toml, after a dependency
# is added or to take newer versions (UPGRADE=1): requirements.txt for the site,
# requirements-dev.txt with the tests' too. pip-tools resolves; every file gets its hashes.
PIP_COMPILE = $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(if $(UPGRADE),--upgrade)
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "pip-tools>=7.4"
	$(PIP_COMPILE) --output-file requirements.txt pyproject.toml
	$(PIP_COMPILE) --extra dev --output-file requirements-dev.txt pyproject.toml

# Additive: creates what is missing and updates only what nobody edited (README, "Loading").
db: $(INSTALLED)
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py load_fixtures $(FIXTURES)
	$(DEV_ENV) $(BIN)/python manage.py import_historian
	$(DEV_ENV) $(BIN)/python manage.py create_editor_group

# Deletes every record of the database DATABASE_URL names (SQLite by default) and loads it
# afresh: editors' work included. Asks first unless CONFIRM=yes.
reset-db: $(INSTALLED)
	@[ "$(CONFIRM)" = yes ] || { printf 'This deletes every record in the database. Type yes: '; \
	  read answer; [ "$$answer" = yes ]; }
	$(DEV_ENV) $(BIN)/python manage.py flush --no-input
	$(MAKE) db

run: db
	$(DEV_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian's Chromium for the browser tests, when we may install it and it is missing.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is not installed: browser tests will be skipped."; fi; }

test: $(INSTALLED) browser-deps
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(TEST_ENV) $(BIN)/python -m pytest --create-db $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

# Production, with the environment described in the README (no development defaults here).
# Gunicorn's settings (workers, recycling, timeouts, logs) are in meetings/project/gunicorn_conf.py.
serve: $(INSTALLED)
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py create_editor_group
	exec $(BIN)/gunicorn meetings.project.wsgi --config python:meetings.project.gunicorn_conf --bind $(HOST):$(PORT)

# make backup [BACKUP=file.json.gz]: by default a dated file in backups/.
backup: $(INSTALLED)
	$(BIN)/python manage.py backup --output $(or $(BACKUP),backups/bilateral-$(shell date -u +%Y%m%dT%H%M%SZ).json.gz)

# make restore BACKUP=file.json.gz [RESTORE_ARGS="--replace", with "--dry-run" to only check]
restore: $(INSTALLED)
	@test -n "$(BACKUP)" || { echo "Name the backup: make restore BACKUP=backups/....json.gz"; exit 2; }
	$(BIN)/python manage.py restore $(BACKUP) $(RESTORE_ARGS)

# wrk drives the benchmark's load and redis-server shares the workers' cache, as in
# production with REDIS_URL: Debian's packages, when we may install them.
bench-deps:
	@command -v wrk >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk redis-server >/dev/null; \
	  else echo "wrk or redis-server missing: the benchmark falls back to its Python client or per-worker caches."; fi; }

# make bench [BENCH_ARGS="--meetings 10000 --duration 5"]: SQLite by default, PostgreSQL with
# DATABASE_URL. Builds (or reuses) the database, serves it with gunicorn as make serve does,
# prints the table and writes bench/results/*.json. See bench/run.py.
bench: $(INSTALLED) bench-deps
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

# make soak [SOAK_ARGS="--meetings 10000 --duration 60"]: the same database and server, five
# minutes of mixed reads while an editor signed in with password and authenticator saves
# meetings through the admin every few seconds. See bench/soak.py.
soak: $(INSTALLED) bench-deps
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

# The interface's strings, from the templates and the code, into locale/es/LC_MESSAGES/django.po
# (new ones empty, to translate; gone ones dropped), then compiled to the .mo the site reads.
# Both files are kept in the repository; tests/test_translations.py fails on any string left
# untranslated, fuzzy or unmarked.
MESSAGES_IGNORE := --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench --ignore=fixtures
messages: $(INSTALLED)
	$(DEV_ENV) $(BIN)/python manage.py makemessages --locale=es --no-obsolete --add-location=file $(MESSAGES_IGNORE)
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --locale=es --ignore=.venv

# make bench-backup [BENCH_BACKUP_ARGS="--meetings 10000"]: backup and restore timed at
# 100,000 meetings, SQLite by default, PostgreSQL with DATABASE_URL. See bench/backup.py.
bench-backup: $(INSTALLED)
	$(BIN)/python bench/backup.py $(BENCH_BACKUP_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
