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

.PHONY: help install run db test lint browser-deps clean

help:
	@echo "make run    set up, load the five releases and serve http://$(HOST):$(PORT)"
	@echo "make db     migrate and load fixtures into DATABASE_URL (SQLite by default)"
	@echo "make test   set up and run every test (browser tests need Chromium)"
	@echo "make lint   ruff"

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

db: $(INSTALLED)
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(DEV_ENV) $(BIN)/python manage.py loaddata $(FIXTURES)

run: db
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian's Chromium for the browser tests, when we may install it and it is missing.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is not installed: browser tests will be skipped."; fi; }

test: $(INSTALLED) browser-deps
	$(TEST_ENV) $(BIN)/python -m pytest --create-db $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
