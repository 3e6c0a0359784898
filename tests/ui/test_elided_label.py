"""The clip header's title: cut with "…" to fit beside the buttons, never mid-word without a sign, whole in
text() and in its tooltip."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from studycompanion.ui.common.elided import ElidedLabel


def test_a_long_title_ends_in_an_ellipsis_and_a_short_one_is_whole(qtbot: QtBot) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setText("Amiodarone side effects with a clock and everything else you need for the exam")
    label.resize(200, 30)
    label.show()
    shown = label.shown_text()
    assert shown.endswith("…") and len(shown) < len(label.text())
    assert label.text().startswith("Amiodarone side effects with a clock and everything")
    label.resize(2000, 30)
    assert label.shown_text() == label.text()
