# babelwire: `make demo` to see it work, `make test` to test it.
# Both set up everything first: Debian packages (apertium and its language
# pairs, through sudo when not root) and a virtual environment from PyPI.
# Installers write to $(LOG); it is shown only when a step fails.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := apertium apertium-eng-spa apertium-fr-es apertium-eng-cat apertium-fra-cat \
	apertium-rus-ukr apertium-es-ro
PORT ?= 8000
SITES_PORT ?= 8001
DATA ?= babelwire-demo
LOG ?= .make-setup.log
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# $(QUIET) command...: run it with its output in $(LOG); on failure show the log's tail.
QUIET = sh -c '"$$@" >>"$(LOG)" 2>&1 || { status=$$?; echo "failed: $$* (full log: $(LOG))" >&2; \
	tail -n 40 "$(LOG)" >&2; exit $$status; }' quiet

.PHONY: demo test system-deps venv test-deps bench readme clean

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	$(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing (log: $(LOG))"; \
		$(QUIET) $(SUDO) apt-get update -q && \
		$(QUIET) $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	@echo "installing babelwire and its Python dependencies into $(VENV) (log: $(LOG))"
	@$(QUIET) $(PYTHON) -m venv $(VENV)
	@$(QUIET) $(PY) -m pip install -q --upgrade pip
	@$(QUIET) $(PY) -m pip install -q -e .
	@touch $@

venv: system-deps $(VENV)/.installed

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	@echo "installing the test dependencies (log: $(LOG))"
	@$(QUIET) $(PY) -m pip install -q -e '.[test]'
	@touch $@

test-deps: venv $(VENV)/.test-installed

# The demo keeps its own data folder ($(DATA)); it prints where, and how to
# start monitoring your own sources.
demo: venv
	@$(VENV)/bin/babelwire --data $(DATA) demo --port $(PORT) --sites-port $(SITES_PORT)

# the browser tests need Debian's chromium; the storage suite starts a PostgreSQL server
test: APT_PACKAGES += chromium postgresql
test: test-deps
	$(PY) -m pytest -q

bench: test-deps
	$(PY) bench/pipeline.py

# Regenerate the README's settings table from the settings rows.
readme:
	PYTHONPATH=src $(PYTHON) -m babelwire.cli.settings_cmd README.md

clean:
	rm -rf $(VENV) build *.egg-info $(LOG)
