# StudyCompanion: `make run` opens the app, `make test` runs every check CI runs.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: venv run test test-fast lint typecheck imports pytest bench faults demo package screenshots i18n clean

venv: $(STAMP)

# re-installs only when pyproject.toml changed (quick and idempotent otherwise)
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@$(PY) tools/check_system_libs.py
	@touch $(STAMP)

run: venv
	$(PY) -m studycompanion

lint: venv
	$(PY) -m ruff check studycompanion tests bench

# strict on core/ (pyproject), checked on ui/ and cli/ too
typecheck: venv
	$(PY) -m mypy studycompanion

# the layers (import-linter contracts in pyproject): core never imports Qt or ui, no package imports one above it
imports: venv
	$(VENV)/bin/lint-imports

pytest: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

test: lint typecheck imports pytest

# the quick loop while working: core tests without the window, the real model or subprocesses (< 60 s on 2 cores)
test-fast: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow and not ui and not model and not cli"

bench: venv
	$(PY) bench/run.py

# the long fault suite (issue 15): kill -9 at 20 points of every migration, owners killed, damaged pages, full and
# read-only disks (tmpfs, as root), a vanished folder, hostile text; then the table of trials / passed / lost rows
faults: venv
	FAULTS_FULL=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/faults
	$(PY) bench/faults.py

demo: venv
	STUDYCOMPANION_HOME=$${STUDYCOMPANION_HOME:-$(CURDIR)/build/demo-home} $(PY) -m studycompanion demo
	STUDYCOMPANION_HOME=$${STUDYCOMPANION_HOME:-$(CURDIR)/build/demo-home} $(PY) -m studycompanion list

screenshots: venv
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py

# the translation sources (resources/i18n/*.ts) from the ui's tr() strings, and their compiled .qm files
i18n: venv
	$(PY) tools/i18n.py

package: venv
	$(PY) -m pip install --quiet -e ".[package]"
	$(PY) -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/studycompanion.spec

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
