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


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """A fresh STUDYCOMPANION_HOME for one test."""
    root = tmp_path / "home"
    monkeypatch.setenv("STUDYCOMPANION_HOME", str(root))
    return app_paths(root)


@pytest.fixture
def services(home: AppPaths) -> Iterator[Services]:
    svc = build_services(home)
    yield svc
    svc.close()


@pytest.fixture
def speech_clip() -> Path:
    """A short real-speech mp4 (espeak-ng, AAC audio) committed under tests/fixtures/media."""
    return MEDIA / "murmurs.mp4"
