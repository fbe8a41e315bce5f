# Two commands do everything on a fresh machine:
#   make demo   set up (virtualenv, package, weaviate-server) and run the quick-start demo
#   make compat the official client's integration suite through wvorm_core (see compat/run.py)
#   make check  set up and run every check: lint, types, generated code (protos, sync fronts),
#               docs, tests against a real server
#   make check-cluster  the 3-node cluster tests (pytest -m cluster); not yet part of check:
#               two of them are still timing-sensitive right after a node is killed
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo check lint types protos fronts docs test check-cluster bench compat

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/wvorm-server install

demo: setup
	$(BIN)/python examples/quickstart.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

protos: $(STAMP)
	$(BIN)/python scripts/gen_protos.py --check

fronts: $(STAMP)
	$(BIN)/python scripts/unasync.py --check

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

test: setup
	$(BIN)/pytest

check-cluster: setup
	$(BIN)/pytest -m cluster -rP tests/cluster

check: setup lint types protos fronts docs test

bench: setup
	$(BIN)/python bench/query_bench.py
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/orm_bench.py
	$(BIN)/python bench/soak_bench.py

# The official client's integration suite, once with the official client (cached) and once
# through wvorm_core; ARGS narrows the wvorm_core run (e.g. ARGS=integration/test_iterator.py).
compat: setup
	$(BIN)/python compat/run.py $(ARGS)
