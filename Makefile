# newsfacts: `make run` builds the dataset from the inbox, `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install-stamp
PORT ?= 3000
export DAGSTER_DISABLE_TELEMETRY := 1

.PHONY: install run test test-ray test-browser ui sql report diff verify pin lint bench clean-data

# Install (again) only when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python -m pipeline.cli run

test: install
	$(BIN)/python -m pytest -q

# Compute mode ray on a local Ray cluster: installs the `ray` extra (once per pyproject change)
# and runs the tests marked `ray` in one process, so the cluster starts once.
RAY_STAMP := $(VENV)/.ray-stamp
$(RAY_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,ray]'
	@touch $(RAY_STAMP)

test-ray: $(RAY_STAMP)
	RAY_USAGE_STATS_ENABLED=0 $(BIN)/python -m pytest -q -n 0 -m ray -p no:cacheprovider \
	  tests/pipeline/test_compute_ray.py

# The release report in headless Chromium: installs Debian's chromium with apt-get when missing.
test-browser: install
	@command -v chromium >/dev/null || { echo "installing chromium (apt-get)"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	  chromium >/dev/null; }
	$(BIN)/python -m pytest -q -m browser -rs

# `dg dev` in its own process group; SIGTERM/SIGINT stop the whole group; a busy port exits 1.
ui: install
	@exec $(BIN)/python -m pipeline.cli ui --port $(PORT)

# The DuckDB shell (the duckdb-cli package in .venv) on warehouse.duckdb, read-only.
sql: install
	@$(BIN)/python -m pipeline.cli sql

# One self-contained HTML page per release: <data>/reports/vN.html and latest.html.
report: install
	$(BIN)/python -m pipeline.cli report

diff: install
	@test -n "$(A)" -a -n "$(B)" || { echo "usage: make diff A=v1 B=v2"; exit 2; }
	$(BIN)/python -m pipeline.cli diff $(A) $(B)

pin: install
	@test -n "$(V)" || { echo "usage: make pin V=v2"; exit 2; }
	$(BIN)/python -m pipeline.cli pin $(V)

verify: install
	$(BIN)/python -m pipeline.cli verify

lint: install
	$(BIN)/ruff check .

bench: install
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done
