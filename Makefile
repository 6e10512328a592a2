# Two commands set everything up on a fresh machine with python3, pip and make:
#   make demo   installs, builds a database from the bundled example corpus, and serves it
#   make test   installs, then runs lint, format check, type check and every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: install demo test test-embeddings lint bench clean

install: $(VENV)/.installed
install: node_modules/.package-lock.json

# Front-end libraries for the web UI (sitrep serve), pinned in package-lock.json; served from node_modules.
node_modules/.package-lock.json: package.json package-lock.json
	bash scripts/ensure.sh npm nodejs npm
	npm ci --no-audit --no-fund

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	# The offline gazetteer (a few minutes, once; later versions rebuild on first use).
	$(BIN)/python -c "from sitrep.geo import build_gazetteer; print(build_gazetteer())"
	touch $@

demo: install
	$(BIN)/sitrep --version >/dev/null
	$(BIN)/sitrep ingest --db $(DEMO_DB) examples/corpus
	$(BIN)/sitrep stats --db $(DEMO_DB)
	$(BIN)/sitrep serve --db $(DEMO_DB)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

test: lint
	bash scripts/setup-browser.sh
	$(BIN)/python -m pytest

# The optional embedding type model's tests (they skip in `make test`, which does not install torch).
test-embeddings: install
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[embeddings]'
	$(BIN)/python -m pytest tests/events/test_embedded.py

# Speed benchmarks (store_backends starts its own PostgreSQL with pgserver); the geo and keyword ones time the corpora in ../shared/bench and run only where it exists.
SHARED_BENCH := ../shared/bench
bench: install
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/events_speed.py
	$(BIN)/python bench/web_load.py
	$(BIN)/python bench/store_backends.py
	if [ -d $(SHARED_BENCH)/geo ]; then $(BIN)/python bench/geo_speed.py; fi
	if [ -d $(SHARED_BENCH)/keywords ]; then $(BIN)/python bench/keywords_speed.py $(SHARED_BENCH)/keywords/DUC2001; fi

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .mypy_cache .ruff_cache
