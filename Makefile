# Trygghetsmål: `make run` serves the dashboard, `make test` lints, type-checks and runs every
# test tier.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv installs exactly what uv.lock pins; it is itself pinned, in a venv of its own (.uv), unless
# UV names another. After changing dependencies in pyproject.toml: `make lock`, commit uv.lock.
UV_VERSION := 0.13.9
UV ?= .uv/bin/uv
# The Python it finds or is given, never one it downloads.
export UV_PYTHON_DOWNLOADS := never
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml uv.lock 2>/dev/null | cksum | cut -d' ' -f1)

.PHONY: install lock run test lint test-fast test-browser system-deps clean

install: $(STAMP)

# --locked: a pyproject.toml that uv.lock does not match stops the install, so no dependency
# reaches main unlocked. The project itself is installed editable (tests import it from here).
# Bytecode is compiled once here, as pip does: a command must not compile scipy on every run
# where the environment forbids writing it (PYTHONDONTWRITEBYTECODE).
$(STAMP): pyproject.toml uv.lock | $(UV)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Trygghetsmål kräver Python 3.11 eller senare ($(PYTHON))."; exit 1; }
	@$(UV) lock --check --python $(PYTHON) || \
		{ echo "uv.lock stämmer inte med pyproject.toml: kör make lock och checka in uv.lock."; exit 1; }
	$(UV) sync --locked --extra test --compile-bytecode --python $(PYTHON)
	rm -f $(VENV)/.installed-*
	touch $@

lock: | $(UV)
	$(UV) lock --python $(PYTHON)

.uv/bin/uv:
	$(PYTHON) -m venv .uv
	.uv/bin/python -m pip install --quiet uv==$(UV_VERSION)

# An empty data dir gets the example exports, so every page has something true to show.
run: install
	@[ -e "$${TRYGGHETSMAL_DATA_DIR:-data}/trygghetsmal.sqlite" ] || $(BIN)/trygghetsmal demo
	$(BIN)/trygghetsmal serve

# Browser tests run in Debian's chromium; the report needs pango (WeasyPrint), DejaVu Sans with
# its oblique (the board's PDF uses one font family, italics included) and poppler's pdftotext,
# pdfinfo and pdffonts for its tests; the store's tests run on a throwaway PostgreSQL server too
# (tests/postgres.py: Debian's postgresql, whose initdb and pg_ctl live outside PATH). Install
# what is missing when we may; without PostgreSQL those tests fail with the reason, unless
# TRYGGHETSMAL_TEST_POSTGRESQL=skip (which CI does not set).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf ] || missing="$$missing fonts-dejavu-extra"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || \
		[ "$$TRYGGHETSMAL_TEST_POSTGRESQL" = skip ] || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		else \
			echo "Saknade systempaket:$$missing (kör som root eller installera dem)"; exit 1; \
		fi; \
	fi

test: lint test-fast test-browser

# Lint, formatting and types first: a tree that fails them is not worth a test run.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test-fast: install system-deps
	$(BIN)/pytest -m "not browser"

test-browser: install system-deps
	$(BIN)/pytest -m browser

clean:
	rm -rf $(VENV) .uv *.egg-info .pytest_cache
