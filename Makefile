# Two commands do all set-up: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
WORKERS ?= 2
CHROMIUM ?= /usr/bin/chromium
DEJAVU_SANS ?= /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
PYTEST_ARGS ?=
# The PostgreSQL database the serving bench drops, fills and drops again.
BENCH_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/participation_bench
export FLASK_APP := participation

.PHONY: run demo test install install-dev fonts translations browser wrk lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamps make a second run skip the install unless pyproject.toml changed.
.make-stamp-runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

.make-stamp-dev: pyproject.toml .make-stamp-runtime
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: .make-stamp-runtime fonts
install-dev: .make-stamp-dev fonts

# The paper forms and report PDFs are set in DejaVu Sans from Debian's font package (see participation/printing/
# document.py); install it when it is missing and we may (root, apt available), as `browser` does for Chromium.
fonts:
	@if [ ! -f "$(DEJAVU_SANS)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null; \
	  else echo "PDFs need the DejaVu Sans font at $(DEJAVU_SANS): sudo apt-get install fonts-dejavu-core" >&2; fi; \
	fi

translations: install
	$(BIN)/flask translate compile

run: install translations
	$(BIN)/flask db upgrade
	$(BIN)/flask content load
	$(BIN)/gunicorn --workers $(WORKERS) --bind 127.0.0.1:$(PORT) --access-logfile - wsgi:app

# A synthetic year to look at, beside `make run` (in another terminal); `flask demo clear` takes it away again.
demo: install translations
	$(BIN)/flask db upgrade
	$(BIN)/flask content load
	$(BIN)/flask demo load

# Browser tests drive Debian's Chromium; install it when it is missing and we may (root, apt available).
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "Browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium" >&2; fi; \
	fi

# The serving benches load gunicorn with wrk; install Debian's when it is missing and we may (root, apt available).
wrk:
	@if ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "The serving benches need wrk: sudo apt-get install wrk" >&2; fi; \
	fi

lint: install-dev
	$(BIN)/ruff check .

typecheck: install-dev
	$(BIN)/mypy

pytest: install-dev translations browser
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

test: lint typecheck pytest

# Every bench runs, even after one misses its goal; the target fails at the end if any did. The serving bench runs
# on SQLite and on PostgreSQL (BENCH_DATABASE_URL); bench/README.md says what each one measures.
bench: install-dev translations wrk
	@status=0; for bench in geo survey themes maps bureau_pages; do \
		$(BIN)/python bench/$$bench.py || { echo "bench/$$bench.py: MISSED or failed"; status=1; }; \
	done; \
	$(BIN)/python bench/survey.py --database-url "$(BENCH_DATABASE_URL)" \
		|| { echo "bench/survey.py on PostgreSQL: MISSED or failed"; status=1; }; \
	$(BIN)/python bench/dashboard.py || { echo "bench/dashboard.py: MISSED or failed"; status=1; }; \
	exit $$status

clean:
	rm -rf $(VENV) .make-stamp-* .pytest_cache .mypy_cache .ruff_cache
