# Trygghetsmål: `make run` serves the dashboard, `make test` lints, type-checks and runs every
# test tier.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install run test lint test-fast test-browser system-deps clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Trygghetsmål kräver Python 3.11 eller senare ($(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

# An empty data dir gets the example exports, so every page has something true to show.
run: install
	@[ -e "$${TRYGGHETSMAL_DATA_DIR:-data}/trygghetsmal.sqlite" ] || $(BIN)/trygghetsmal demo
	$(BIN)/trygghetsmal serve

# Browser tests run in Debian's chromium; the report needs pango (WeasyPrint), DejaVu Sans with
# its oblique (the board's PDF uses one font family, italics included) and poppler's pdftotext,
# pdfinfo and pdffonts for its tests. Install what is missing when we may.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf ] || missing="$$missing fonts-dejavu-extra"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
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
	rm -rf $(VENV) *.egg-info .pytest_cache
