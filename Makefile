# The site kit's commands. `make serve` and `make test` set everything up on first run.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
# Material for MkDocs prints an end-of-life banner on every build; it is known and noted in the README.
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve serve-lan build check lint test browser faketime nginx clean preview publish rollback editor editor-config \
	editor-if-possible mutate
# The preview's port: `PORT=8001 make serve` when 8000 is taken (make serve says so before building anything).
PORT ?= 8000

# The web server's folder for releases: make publish builds into $(GOVSITE_WEBROOT)/releases/ and switches
# $(GOVSITE_WEBROOT)/current, which deploy/nginx.conf serves. Set here only (the timer, cron and CI call make).
GOVSITE_WEBROOT ?= /srv/govsite
# How many releases make publish keeps (at least 2: make rollback needs the one before).
GOVSITE_KEEP ?= 5


$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# --dirty: on each save only pages whose output changed are rewritten (hooks/mkdocs_adapter/serve.py; docs/performance.md).
# The browser editor answers at /bianji/ (docs/editor.md); without it installed, the preview runs as before.
serve: $(VENV)/.installed editor-if-possible
	@$(PY) -m govsite port 127.0.0.1 "$(PORT)" serve
	$(MKDOCS) serve --dirty --dev-addr 127.0.0.1:$(PORT) --livereload

# The same preview on the office network (a phone on the same Wi-Fi); it prints the address to open.
serve-lan: $(VENV)/.installed editor-if-possible
	@$(PY) -m govsite port 0.0.0.0 "$(PORT)" serve-lan
	$(MKDOCS) serve --dirty --dev-addr 0.0.0.0:$(PORT) --livereload

# The browser editor's Decap CMS and YAML library, exact versions and checksums in editor/vendor.lock, fetched with
# npm (Node from Debian if missing) into editor/vendor/ (not committed; nothing is loaded from another host).
EDITOR := editor/vendor/.installed
$(EDITOR): editor/vendor.lock tools/editor_vendor.py
	command -v npm >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	python3 tools/editor_vendor.py
	touch $@
editor: $(EDITOR)

# make serve and make preview go on where the editor cannot be installed (no npm, no network): the preview works,
# /bianji/ says why. make serve never asks for sudo on its own: without npm it says how to get it.
editor-if-possible:
	@if [ ! -f editor/vendor.lock ] || { [ -f $(EDITOR) ] && [ $(EDITOR) -nt editor/vendor.lock ]; }; then :; \
	elif command -v npm >/dev/null; then \
	  $(MAKE) --no-print-directory $(EDITOR) || echo "网页编辑器未能安装（见上方提示）；预览照常运行，稍后可运行 make editor。" >&2; \
	else echo "网页编辑器需要 npm：运行 sudo apt-get install -y nodejs npm，再运行 make editor。预览照常运行。" >&2; fi

# The editor's forms, made from the JSON Schemas into editor/config.yml (committed; a test fails when they differ).
editor-config: $(VENV)/.installed
	$(PY) -m govsite editor-config

# Strict build into a staging folder; site/ is replaced only when the whole build succeeded.
build: $(VENV)/.installed
	rm -rf .site-staging
	$(MKDOCS) build --strict --site-dir .site-staging || { rm -rf .site-staging; exit 1; }
	rm -rf site && mv .site-staging site

# A merge request's preview (CI keeps it as an artifact): "预览" banner on every page, drafts shown, and the browser
# editor at bianji/ signing in to the bureau's Git server (data/site.yml 网页编辑器; docs/editor.md).
preview: $(VENV)/.installed editor-if-possible
	rm -rf .preview-staging
	GOVSITE_PREVIEW=1 $(MKDOCS) build --strict --site-dir .preview-staging || { rm -rf .preview-staging; exit 1; }
	rm -rf preview && mv .preview-staging preview

# A new release under $(GOVSITE_WEBROOT), link-checked, switched to atomically (docs/publishing.md).
# FORCE=1 publishes even a rolled-back or older commit, or uncommitted changes.
publish: $(VENV)/.installed
	@$(PY) -m govsite publish --webroot $(GOVSITE_WEBROOT) --keep $(GOVSITE_KEEP) $(if $(FORCE),--force)

# Back to the release before the one being served.
rollback: $(VENV)/.installed
	@$(PY) -m govsite rollback --webroot $(GOVSITE_WEBROOT)

check: $(VENV)/.installed
	$(PY) -m govsite check

# axe-core for the accessibility tests (exact version in tests/a11y/package-lock.json); Node from Debian if missing.
AXE := tests/a11y/node_modules/axe-core/axe.min.js
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	command -v npm >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	cd tests/a11y && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium and CJK fonts for the browser tests, installed when missing.
browser:
	@command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

# Debian's nginx for the tests that serve the site as deploy/nginx.conf does (publish, roll back, a sub-path, the
# operator's checks): every one of them needs it, whichever worker and order it runs in. Installed when missing.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx-light >/dev/null; }

# Debian's libfaketime: the reproducibility test builds on two different clock days. Installed when missing.
faketime:
	@command -v faketime >/dev/null || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq faketime >/dev/null; }

# ruff, settings in pyproject.toml
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

# Three workers on the two cores: with two, a whole run kept 1.45 cores busy (2,604 s of CPU in 1,800 s), the
# rest of the time both workers waited on a browser, a server or a pause of a test. Each test file stays on one
# worker, so its module fixtures build once. Files start longest first, in the order tests/conftest.py collects
# them (by tests/durations.json), not xdist's.
TEST_WORKERS ?= 3
test: $(VENV)/.installed browser faketime nginx $(AXE) $(EDITOR) lint
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# Mutation testing of the safety-critical modules (docs/testing.md), not part of `make test`: every module, or
# MODULE=lifecycle (several: MODULE="mode dates"). mutmut has its own virtualenv: it needs a newer click than the
# site's pin (requirements-mutate.txt). Each module runs with the tests that cover it, at low priority.
MUTATE_VENV := .venv-mutate
MUTATE_JOBS ?= 2
MODULE ?=
$(MUTATE_VENV)/.installed: requirements.txt requirements-mutate.txt
	test -x $(MUTATE_VENV)/bin/python || python3 -m venv $(MUTATE_VENV)
	grep -v '^click==' requirements.txt > $(MUTATE_VENV)/requirements-site.txt
	$(MUTATE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	  -r $(MUTATE_VENV)/requirements-site.txt -r requirements-mutate.txt
	touch $@

mutate: $(MUTATE_VENV)/.installed
	GOVSITE_CACHE=off nice -n 10 $(MUTATE_VENV)/bin/python tools/mutate.py --jobs $(MUTATE_JOBS) $(MODULE)

clean:
	rm -rf site .site-staging preview .preview-staging .pytest_cache .mutate
