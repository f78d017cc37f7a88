# Two commands matter: `make run` and `make test`. Everything else is a helper.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
COPYCHECK := ../shared/tools/copycheck.py

.PHONY: run test lint typecheck imports copycheck chromium postgresql pytest eval bench schema docs clean

$(BIN)/python:
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
		|| { echo "Knotwork needs Python 3.11 or newer (found: $$($(PY) --version))"; exit 1; }
	$(PY) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

## run: set up and start the web app (prints its address)
run: $(INSTALLED)
	$(BIN)/knotwork serve

## test: lint, type-check, import contracts, copy check, knowledge-base check and all tests
test: lint typecheck imports copycheck pytest

lint: $(INSTALLED)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# the Django plugin imports the settings: give them a key so no key file is written
typecheck: $(INSTALLED)
	KNOTWORK_SECRET_KEY=typecheck-only $(BIN)/mypy

imports: $(INSTALLED)
	$(BIN)/lint-imports

copycheck:
	@if [ -f $(COPYCHECK) ]; then $(PY) $(COPYCHECK) .; \
	else echo "copycheck: $(COPYCHECK) not found beside this checkout, skipped"; fi

# The browser tests drive the system's Chromium (never a downloaded browser). On a
# Debian-like machine where we may install packages, install it; otherwise say how.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing Chromium for the browser tests (apt-get install chromium)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else \
	    echo "The browser tests need Chromium: install it (e.g. sudo apt-get install chromium)"; \
	    exit 1; \
	  fi; }

# The second run of the suite needs PostgreSQL's server programs (initdb, pg_ctl); as
# with Chromium, install Debian's package when we may, otherwise say how.
postgresql:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing PostgreSQL for the tests (apt-get install postgresql)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; \
	  else \
	    echo "The tests also run on PostgreSQL: install it (e.g. sudo apt-get install postgresql)"; \
	    exit 1; \
	  fi; }

# pytest exits 5 when it collects nothing; make fails on any non-zero exit. The suite
# runs on SQLite, then again (less the browser tests) on a private PostgreSQL server
# that tests/pgcluster.py starts and stops itself.
pytest: $(INSTALLED) chromium postgresql
	$(BIN)/knotwork kb check
	$(BIN)/pytest -n auto -q
	KNOTWORK_TEST_DB=postgres $(BIN)/pytest -n auto -q --ignore=tests/browser

## eval: accuracy of the finder on the vignettes
eval: $(INSTALLED)
	$(BIN)/python -m tests.eval.report

## bench: time the finder (figures go in docs/benchmarks.md)
bench: $(INSTALLED)
	$(BIN)/python benchmarks/finder.py

## schema: regenerate the JSON Schema files in schema/
## docs: paste every command's real --help into docs/cli.md (cog)
docs: $(INSTALLED)
	PYTHONPATH=. $(BIN)/cog -r docs/cli.md

schema: $(INSTALLED)
	$(BIN)/python -m knotwork.core.export_schema schema

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
