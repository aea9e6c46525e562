# addressreg — every set-up step lives here, so a fresh Debian machine needs only
# `make demo` (build and serve the demo registry) or `make test` (run the tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The shared reference and evaluation data: ../shared/data beside the checkout, or beside the
# checkout this one was cloned from (a clone made in a temporary folder has no ../shared).
SHARED ?= $(firstword $(wildcard ../shared/data) $(wildcard $(shell git remote get-url origin 2>/dev/null)/../shared/data) ../shared/data)
EVAL ?= $(SHARED)/eval

.PHONY: demo test check lint db stop native bench bench-parse bench-match bench-clean bench-compare bench-load bench-api bench-seed reference parser-model lock clean web-assets screenshots

demo: $(STAMP) native db web-assets
	$(BIN)/addressreg seed --scale demo --seed 1 --if-empty
	$(BIN)/addressreg status
	@echo "地址库已建好；API 与文档：http://127.0.0.1:8000/docs （Ctrl-C 停止服务，make stop 停止数据库）"
	$(BIN)/addressreg serve --bind 127.0.0.1:8000

test: $(STAMP) native db web-assets
	$(BIN)/lint-imports
	ADDRESSREG_SHARED_DATA=$(SHARED) $(BIN)/pytest -q -p no:cacheprovider

check: lint test

lint: $(STAMP)
	$(BIN)/ruff check addressreg api loaders tests benchmarks scripts
	$(BIN)/mypy addressreg api loaders

$(STAMP): setup.cfg constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "addressreg needs Python 3.11 or newer"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed: on Debian install it with: apt-get install python3-venv" >&2; exit 1; }
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# The hot core (resolver, normaliser, parser, clean) compiled with mypyc in place; rebuilt
# whenever one of these files changes (see scripts/compile_native.py).
NATIVE_SRC := $(wildcard addressreg/match/*.py addressreg/normalise/*.py addressreg/parse/*.py addressreg/clean/*.py) addressreg/standard_address.py
NATIVE_STAMP := build/native/.compiled
native: $(NATIVE_STAMP)
$(NATIVE_STAMP): $(STAMP) $(NATIVE_SRC) scripts/compile_native.py pyproject.toml
	mkdir -p $(dir $@)
	@$(BIN)/python scripts/compile_native.py --check-toolchain || { test "$$(id -u)" = 0 && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends build-essential python3-dev >/dev/null; }
	$(BIN)/python scripts/compile_native.py $(NATIVE_SRC) >build/native.log 2>&1 || { cat build/native.log >&2; exit 1; }
	touch $@

# Make sure PostgreSQL 15 + PostGIS 3 runs (ADDRESSREG_DATABASE_URL, or a local cluster), then migrate.
db: $(STAMP)
	scripts/db.sh ensure
	$(BIN)/addressreg db upgrade

stop:
	scripts/db.sh stop

# Leaflet for the staff page, installed from npm at build time and served by the app (never a CDN).
WEB_STAMP := api/web/static/vendor/leaflet/leaflet.js
web-assets: $(WEB_STAMP)
$(WEB_STAMP): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install -y nodejs npm" >&2; exit 1; }
	cd web && npm ci --no-audit --no-fund && npm run build

# Screenshots of the staff page for docs/ (needs Debian's chromium and a CJK font).
screenshots: $(STAMP) db web-assets
	test -x /usr/bin/chromium || apt-get install -y chromium
	dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || apt-get install -y fonts-wqy-microhei
	ADDRESSREG_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/web/test_web_browser.py

# Benchmarks: each prints a Markdown table; see README "Measured figures" for the numbers.
bench: bench-parse bench-match bench-clean bench-compare bench-load bench-api bench-seed

bench-parse: $(STAMP) native
	$(BIN)/pip install -q -c constraints.txt -e '.[bench]'
	$(BIN)/python benchmarks/parse_bench.py --data $(EVAL)/parse_train.jsonl

# Matching quality and speed on generated records (RECORDS=path, made by `addressreg generate records`).
RECORDS ?= var/records-100k.csv
bench-match: $(STAMP) native db
	test -f $(RECORDS) || $(BIN)/addressreg generate records --n 100000 --seed 2 -o $(RECORDS)
	$(BIN)/python benchmarks/match_eval.py --records $(RECORDS)

# End-to-end clean against Splink, at 100k and 1M generated records.
bench-clean: $(STAMP) native db
	$(BIN)/pip install -q -c constraints.txt -e '.[bench]'
	test -f var/records-100k-s1.csv || $(BIN)/addressreg generate records --n 100000 --seed 1 -o var/records-100k-s1.csv
	test -f var/records-1m-s1.csv || $(BIN)/addressreg generate records --n 1000000 --seed 1 -o var/records-1m-s1.csv
	$(BIN)/python benchmarks/clean_bench.py --records var/records-100k-s1.csv --splink
	$(BIN)/python benchmarks/clean_bench.py --records var/records-1m-s1.csv --splink

# The pair comparison on the CCKS 2021 address-relevance pairs.
bench-compare: $(STAMP) native
	$(BIN)/python benchmarks/compare_bench.py --data $(EVAL)/pairs_train.jsonl

# A 1M-row department file (public-security household style, GBK CSV) loaded end to end.
bench-load: $(STAMP) native db
	$(BIN)/python benchmarks/load_bench.py --rows 1000000 --dept gongan_huji

# The API under wrk on loopback, at demo and at city scale (the `addressreg_city` database,
# built by `addressreg seed --scale city` and migrated to head): starts its own server.
bench-api: $(STAMP) native db web-assets
	command -v wrk >/dev/null || apt-get install -y wrk
	benchmarks/api_bench.sh --scale demo
	benchmarks/api_bench.sh --scale city

bench-seed: $(STAMP) db
	$(BIN)/python benchmarks/seed_bench.py --scale city --runs 3

# Rebuild the shipped reference data from ../shared/data (only maintainers need this).
reference: $(STAMP)
	$(BIN)/python scripts/derive_reference.py --shared $(SHARED) --out addressreg/reference/data

# Retrain the committed parser model from the labelled data.
parser-model: $(STAMP)
	$(BIN)/python scripts/train_parser.py --data $(EVAL)/parse_train.jsonl --out addressreg/parse/models

# Re-pin every dependency to the newest versions allowed by setup.cfg.
lock:
	rm -rf /tmp/addressreg-lock && $(PYTHON) -m venv /tmp/addressreg-lock
	/tmp/addressreg-lock/bin/pip install -q -e '.[dev]'
	( echo '# Exact versions every install uses (pip install -c constraints.txt). Regenerate with `make lock`.'; \
	  /tmp/addressreg-lock/bin/pip freeze --exclude-editable ) > constraints.txt

clean:
	test ! -x $(BIN)/python || $(BIN)/python scripts/compile_native.py --clean
	rm -rf $(VENV) build *.egg-info
