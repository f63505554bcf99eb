# omtracker: `make run` and `make test` are all a new machine needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
TIERS ?= S L
export FLASK_APP := omtracker

.PHONY: run test install install-test translations chromium faketime lint bench audit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: setup.cfg pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: setup.cfg pyproject.toml constraints.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed translations
install-test: $(VENV)/.installed-test translations

translations: $(VENV)/.installed
	$(BIN)/pybabel -q compile --use-fuzzy -d omtracker/translations

run: install
	$(BIN)/flask init-db
	$(BIN)/flask seed-demo --if-empty
	@echo ""
	@echo "omtracker draait op http://$(HOST):$(PORT)"
	@echo "Demo-accounts (wachtwoord: omtracker-demo):"
	@echo "  admin      beheerder"
	@echo "  regisseur  programmaregisseur"
	@echo "  bestuur    bestuur (alleen lezen)"
	@echo "  trekker1 … trekker6  thematrekker van thema 1 … 6"
	@echo "  lid1       lid van themagroep 1"
	@echo ""
	OMTRACKER_DEMO_MODE=true $(BIN)/flask run --host $(HOST) --port $(PORT)

faketime:
	@command -v faketime >/dev/null 2>&1 || { \
	  echo "faketime ontbreekt: installeren met apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null; }

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "chromium ontbreekt: installeren met apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: install-test
	$(BIN)/ruff check .

# Whole suite on SQLite, then the database tests again on PostgreSQL when it is reachable
# (OMTRACKER_REQUIRE_POSTGRES=1 turns an unreachable PostgreSQL into a failure).
# The suite pins its own clock (tests/conftest.py); DATE_TESTS run once more with the machine's
# clock moved (faketime), so a read of the real date anywhere shows up as a failure.
DATE_TESTS := tests/test_clock.py tests/test_engagements_markers.py tests/test_engagements_pages.py \
  tests/test_journals_my_month.py tests/test_dashboard_pages.py tests/test_reports_month.py

test: install-test chromium faketime
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup
	@echo "== date-sensitive tests with the machine's clock at 2027-01-04 and 2028-02-29 =="
	faketime '2027-01-04 09:00:00' $(BIN)/python -m pytest -q -n 2 -p no:cacheprovider $(DATE_TESTS)
	faketime '2028-02-29 23:30:00' $(BIN)/python -m pytest -q -n 2 -p no:cacheprovider $(DATE_TESTS)
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$${OMTRACKER_TEST_POSTGRES_URL:-$(PG_URL)}', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== database tests on PostgreSQL ($${OMTRACKER_TEST_POSTGRES_URL:-$(PG_URL)}) =="; \
	  OMTRACKER_TEST_BACKEND=postgresql OMTRACKER_TEST_POSTGRES_URL=$${OMTRACKER_TEST_POSTGRES_URL:-$(PG_URL)} \
	    $(BIN)/python -m pytest -n 2 -m db; \
	elif [ "$${OMTRACKER_REQUIRE_POSTGRES:-0}" = "1" ]; then \
	  echo "PostgreSQL is required (OMTRACKER_REQUIRE_POSTGRES=1) but not reachable" >&2; exit 1; \
	else \
	  echo "PostgreSQL not reachable: database tests ran on SQLite only"; \
	fi

# Tier S and L by default; `make bench TIER=XL` for XL on PostgreSQL.
bench: install-test
	@for tier in $(if $(TIER),$(TIER),$(TIERS)); do \
	  $(BIN)/python -m bench.run --tier $$tier || exit 1; \
	done

# Known vulnerabilities in the pinned versions (constraints.txt). pip-audit has a venv of its own
# inside .venv so the app's venv stays exactly the constraints; --strict fails when a package
# could not be checked (it needs PyPI's JSON API or OSV) instead of passing silently.
AUDIT_VENV := $(VENV)/audit
audit:
	@test -x $(AUDIT_VENV)/bin/pip-audit || { $(PYTHON) -m venv $(AUDIT_VENV) && \
	  $(AUDIT_VENV)/bin/pip install --quiet pip-audit; }
	$(AUDIT_VENV)/bin/pip-audit --strict --no-deps --disable-pip -r constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Refresh the translation template and the English catalogue after adding strings.
# --ignore-dirs: pybabel skips directories starting with "_" by default (templates/_macros).
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --ignore-dirs ".* __pycache__" -o omtracker/translations/messages.pot .
	$(BIN)/pybabel update -i omtracker/translations/messages.pot -d omtracker/translations --no-fuzzy-matching
