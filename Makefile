# StudyCompanion: `make run` opens the app, `make test` runs every check CI runs.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: venv run test lint typecheck pytest bench demo package screenshots clean

venv: $(STAMP)

# re-installs only when pyproject.toml changed (quick and idempotent otherwise)
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

run: venv
	$(PY) -m studycompanion

lint: venv
	$(PY) -m ruff check studycompanion tests bench

typecheck: venv
	$(PY) -m mypy studycompanion/core

pytest: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

test: lint typecheck pytest

bench: venv
	$(PY) bench/run.py

demo: venv
	STUDYCOMPANION_HOME=$${STUDYCOMPANION_HOME:-$(CURDIR)/build/demo-home} $(PY) -m studycompanion demo
	STUDYCOMPANION_HOME=$${STUDYCOMPANION_HOME:-$(CURDIR)/build/demo-home} $(PY) -m studycompanion list

screenshots: venv
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py

package: venv
	$(PY) -m pip install --quiet -e ".[package]"
	$(PY) -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/studycompanion.spec

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
