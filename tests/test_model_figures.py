"""The model picker's figures: measured accuracy only where the bench measured it, and the speed measured on this
computer (with the real model on the demo clip) remembered in the models folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from studycompanion.core.library.demo import find_demo
from studycompanion.core.transcribe.engine import TranscriptionEngine
from studycompanion.core.transcribe.figures import (
    MEASURED,
    RECOMMENDED_DOWNLOADS,
    describe,
    load_speeds,
    measure_speed,
)
from studycompanion.core.transcribe.models import MODELS, ModelSource


def test_the_recommended_downloads_are_known_downloadable_models() -> None:
    assert all(MODELS[name].source is ModelSource.DOWNLOAD for name in RECOMMENDED_DOWNLOADS)
    assert set(MEASURED) == {"tiny.en", "base"}  # what the bench could run here
    assert "accuracy not measured by us yet" in describe("medium.en", {})
    assert "0.318" in describe("base", {}) and "measured after it is downloaded" in describe("base", {})


@pytest.mark.slow
def test_speed_is_measured_on_this_computer_and_remembered(tmp_path: Path) -> None:
    demo = find_demo()
    assert demo is not None
    engine = TranscriptionEngine()
    try:
        speed = measure_speed(engine, "tiny.en", tmp_path, demo.media)
    finally:
        engine.close()
    assert 0 < speed.realtime_factor < 5
    assert load_speeds(tmp_path)["tiny.en"] == speed
    assert f"about {speed.per_minute():.0f} s on this computer" in describe("tiny.en", load_speeds(tmp_path))
