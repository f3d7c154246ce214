# Two commands do everything on a fresh machine:
#   make demo   create .venv if missing, ingest the bundled demo corpus into ./cronaca.db, print a summary
#   make test   create .venv if missing, install Chromium for the browser tests and PostgreSQL for
#               the store's tests (which start their own throwaway server), lint (ruff, mypy),
#               run the whole suite
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed-stamp
DB     ?= cronaca.db

.PHONY: demo test lint venv browser postgresql bench eval serve clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/cronaca demo --db $(DB)

browser:
	@bash scripts/install-chromium.sh

postgresql:
	@bash scripts/install-postgresql.sh

test: $(STAMP) browser postgresql lint
	$(PY) -m pytest -q -rs

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

eval: $(STAMP)
	$(PY) -m pytest -q tests/test_eval_gate.py

bench: $(STAMP)
	$(PY) bench/ingest_bench.py
	$(PY) bench/nlp_bench.py --seeds

serve: $(STAMP)
	$(VENV)/bin/cronaca serve --db $(DB)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
