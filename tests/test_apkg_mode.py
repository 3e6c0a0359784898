"""An exported .apkg gets the mode of a saved document (0666 less the umask: 0644 usually), not mkstemp's 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from studycompanion.core.anki.export import export_deck
from studycompanion.core.anki.file_mode import current_umask, document_mode
from studycompanion.core.cards.store import CardStore
from studycompanion.core.jobs.cards_step import generate_cards
from studycompanion.services import Services
from tests.cards_fixtures import add_clip

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="POSIX modes")]


def test_umask_is_read_without_changing_it() -> None:
    before = os.umask(0o027)
    try:
        assert current_umask() == 0o027 and document_mode() == 0o640
        assert current_umask() == 0o027  # still the same
    finally:
        os.umask(before)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_exported_apkg_respects_the_umask(services: Services, tmp_path: Path, umask: int, mode: int) -> None:
    store = CardStore(services.db)
    vid = add_clip(services, tmp_path, "07_stroke", tags=["Neuro"])
    generate_cards(services.library, store, services.settings, vid)
    store.accept([c.id for c in store.list_cards(video_ids=[vid]) if c.id is not None])
    before = os.umask(umask)
    try:
        result = export_deck(store, services.library, tmp_path / "out" / "deck.apkg", creators=services.creators)
    finally:
        os.umask(before)
    assert stat.S_IMODE(result.path.stat().st_mode) == mode
