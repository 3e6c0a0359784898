"""The shipped medical vocabulary (resources/medical_vocab.txt): drug names, anatomy, conditions, exam words."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from studycompanion.paths import resources_dir


def vocabulary_file() -> Path:
    return resources_dir() / "medical_vocab.txt"


@lru_cache(maxsize=4)
def _load(path: Path) -> tuple[str, ...]:
    if not path.exists():
        return ()
    terms: list[str] = []
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        term = line.strip()
        if not term or term.startswith("#") or term.lower() in seen:
            continue
        seen.add(term.lower())
        terms.append(term)
    return tuple(terms)


def load_vocabulary(path: Path | None = None) -> tuple[str, ...]:
    """The terms in file order, de-duplicated case-insensitively; blank lines and # comments ignored."""
    return _load(path or vocabulary_file())
