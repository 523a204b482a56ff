# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_ENV := DJANGO_DEBUG=1

.PHONY: install demo serve test lint messages clean faults bench

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED)

demo: install
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py seed_demo
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install lint
	$(BIN)/pytest

# The fault scenarios (workers killed, Redis down, PostgreSQL restarted), on a
# PostgreSQL and a Redis of their own: PASS or FAIL for each, a few minutes.
faults: install
	$(BIN)/python bench/faults/run.py

# The benchmarks (bench/run.py): builds PostgreSQL databases of the demo, of the
# large region and of the large region with 10x the records once (BENCH_PG_URL, by
# default postgres://postgres@127.0.0.1:5432; about 15 minutes), then, in about 10
# minutes, measures every page at both sizes, the admin's change lists, the annual
# report and a load test of more than 3 minutes (BENCH_LOAD=0 leaves it out); prints
# the tables and writes them to bench/RESULTS.md.
bench: install
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

# Refresh the Spanish catalogue after changing UI text; then translate the new
# entries in locale/es/LC_MESSAGES/django.po and run `make messages` again.
messages: install
	$(BIN)/python manage.py makemessages --locale es --ignore ".venv/*" --ignore "staticfiles/*" --ignore "tests/*" --ignore "bench/*" --no-obsolete
	$(BIN)/python manage.py compilemessages --locale es --ignore ".venv/*"

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
