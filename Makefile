# GITS: `make run` sets everything up and serves the app; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GITS := $(BIN)/gits
STAMP := $(VENV)/.installed
export GITS_HOME := $(CURDIR)

.PHONY: run setup test test-fast lint format bench messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.package-lock.json

messages: $(STAMP)
	cd src/gits && GITS_DEBUG=1 ../../$(GITS) compilemessages --verbosity 0

setup: $(STAMP) node_modules/.package-lock.json messages

var/secret_key:
	mkdir -p var
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key

run: setup var/secret_key
	@export GITS_SECRET_KEY="$${GITS_SECRET_KEY:-$$(cat var/secret_key)}"; \
	set -e; \
	$(GITS) migrate --noinput --verbosity 0; \
	$(GITS) collectstatic --noinput --verbosity 0; \
	$(GITS) load-defaults; \
	$(GITS) load-demo; \
	echo ""; \
	echo "  GITS: http://127.0.0.1:8000/"; \
	echo "  Demo-inloggning / demo login: admin / gits-demo-2026"; \
	echo "  Bakgrundsjobb / background jobs: http://127.0.0.1:8000/drift/"; \
	echo ""; \
	$(GITS) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null || true' EXIT; \
	trap 'exit 0' INT TERM; \
	$(GITS) serve

# Two processes by default (CI has two cores); PYTEST_WORKERS=0 runs in one.
PYTEST_WORKERS ?= 2

test: setup
	GITS_TESTING=1 $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-fast: setup
	GITS_TESTING=1 $(BIN)/pytest -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	GITS_DEBUG=1 $(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

# `make bench`: the HTTP benchmark (README "Prestanda"). SCALE=tiny|region|nation, SEED=n,
# BENCH_DB=sqlite,postgresql (or one of them), QUICK=1 for 3 s per page instead of 10 s.
SCALE ?= tiny
SEED ?= 1
BENCH_DB ?= sqlite,postgresql
bench: setup
	$(BIN)/python -m gits.bench --scale $(SCALE) --seed $(SEED) --db $(BENCH_DB) $(if $(QUICK),--quick)

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
