"""Settings persist as JSON, keep keys a newer version wrote, and survive a damaged file."""

from __future__ import annotations

import json
from pathlib import Path

from studycompanion.core.settings import Settings, SettingsStore


def test_round_trip_and_unknown_keys(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    assert store.load() == Settings()
    s = store.load()
    s.model, s.llm_enabled = "small.en", True
    store.save(s)
    raw = json.loads(store.path.read_text())
    raw["future_option"] = 3
    raw["threads"] = "many"  # a wrong type falls back to the default
    store.path.write_text(json.dumps(raw))
    loaded = store.load()
    assert loaded.model == "small.en" and loaded.llm_enabled and loaded.threads == 0
    store.save(loaded)
    assert json.loads(store.path.read_text())["future_option"] == 3


def test_damaged_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert SettingsStore(path).load() == Settings()
