"""The import-choice dialog shows an export's counts and returns the chosen lists."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from studycompanion.core.capture.importers import ImportChoice, inspect_export
from studycompanion.ui.adding.import_choice import ImportChoiceDialog


def _export(tmp_path: Path) -> Path:
    share = "https://www.tiktokv.com/share/video/{}/"
    data = {"Activity": {
        "Favorite Videos": {"FavoriteVideoList": [{"Link": share.format(7300000000000000000 + i)} for i in range(2)]},
        "Like List": {"ItemFavoriteList": [{"Link": share.format(7400000000000000000 + i)} for i in range(5)]
                      + [{"Link": share.format(7300000000000000000)}]},
    }, "Video": {"Videos": {"VideoList": [{"Link": share.format(7100000000000000000), "Likes": "2"}]}}}
    path = tmp_path / "user_data_tiktok.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_dialog_shows_the_counts_and_returns_the_choice(qtbot: QtBot, tmp_path: Path) -> None:
    counts = inspect_export(_export(tmp_path))
    assert counts.has_choice
    dialog = ImportChoiceDialog(counts)
    qtbot.addWidget(dialog)
    texts = {c: b.text() for c, b in dialog.buttons.items()}
    assert texts == {ImportChoice.FAVOURITES: "Favourites (2)", ImportChoice.LIKES: "Liked videos (6)",
                     ImportChoice.BOTH: "Both (7)"}
    assert "In both lists: 1" in dialog.note.text() and "Your own posts, never imported: 1" in dialog.note.text()
    assert dialog.choice() is ImportChoice.FAVOURITES
    dialog.buttons[ImportChoice.BOTH].click()
    assert dialog.choice() is ImportChoice.BOTH
    assert all(b.accessibleName() for b in dialog.buttons.values())
