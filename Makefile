# marsad: the two Quick-start commands are `make demo` and `make test`; each installs what it needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint schema clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "marsad needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/marsad analyze examples/ --format table

test: lint
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)  # tests/web
	sh scripts/with-postgres.sh $(BIN)/pytest -q  # a throwaway PostgreSQL for tests/store, api, export

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard benchmarks scripts)

schema: $(STAMP)
	$(BIN)/marsad schema --out docs/document.schema.json

clean-venv:
	rm -rf $(VENV)
