# babelwire: `make demo` to see it work, `make test` to test it.
# Both set up everything first: Debian packages (apertium and its language
# pairs, through sudo when not root) and a virtual environment from PyPI.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := apertium apertium-eng-spa apertium-fr-es apertium-eng-cat apertium-fra-cat
PORT ?= 8000
DATA ?= babelwire-data

.PHONY: demo test system-deps venv test-deps bench clean

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	$(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

venv: system-deps $(VENV)/.installed

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[test]'
	touch $@

test-deps: venv $(VENV)/.test-installed

demo: venv
	$(VENV)/bin/babelwire --data $(DATA) demo --port $(PORT)

# the browser tests need Debian's chromium; the storage suite starts a PostgreSQL server
test: APT_PACKAGES += chromium postgresql
test: test-deps
	$(PY) -m pytest -q

bench: test-deps
	$(PY) bench/pipeline.py

clean:
	rm -rf $(VENV) build *.egg-info
