"""Shared fixtures: a temporary library home, the services built on it, media fixtures; Qt runs offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt: CI has no display
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # tests never reach the internet

from collections.abc import Iterator
from pathlib import Path

import pytest

from studycompanion.paths import AppPaths, app_paths
from studycompanion.services import Services, build_services

pytest_plugins = ["tests.conftest_http"]

FIXTURES = Path(__file__).parent / "fixtures"
MEDIA = FIXTURES / "media"


# The fast tier (`make test-fast`) leaves out what is slow by nature: the window (tests/ui), the real
# transcription model, and commands run as subprocesses. `make test` runs everything.
_TIER_BY_FILE = {
    "model": ("test_transcribe.py", "test_transcribe_step.py", "test_transcribe_models.py", "test_lexicon",
              "test_decoding"),
    "cli": ("test_cli.py", "test_capture_cli.py", "test_cards_cli.py", "test_packaging.py", "test_cli_"),
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if "ui" in path.parts:
            item.add_marker(pytest.mark.ui)
        for marker, names in _TIER_BY_FILE.items():
            if any(path.name.startswith(n.removesuffix(".py")) if not n.endswith(".py") else path.name == n
                   for n in names):
                item.add_marker(getattr(pytest.mark, marker))
        if "faults" in path.parts:
            item.add_marker(pytest.mark.faults)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """A fresh STUDYCOMPANION_HOME for one test."""
    root = tmp_path / "home"
    monkeypatch.setenv("STUDYCOMPANION_HOME", str(root))
    return app_paths(root)


@pytest.fixture
def services(home: AppPaths) -> Iterator[Services]:
    svc = build_services(home)
    # the app reads on-screen text before transcribing (on by default, tests/test_screen_step.py); tests of the
    # job chain and of other steps start their chains at transcription, as they did before that step existed
    svc.settings.screen_text = False
    yield svc
    svc.close()


@pytest.fixture
def speech_clip() -> Path:
    """A short real-speech mp4 (espeak-ng, AAC audio) committed under tests/fixtures/media."""
    return MEDIA / "murmurs.mp4"
