"""The Qt bindings must not leak references to None / True / False (PySide6 6.12.0 did on CPython 3.11 and the
app aborted after a few thousand calls with "Fatal Python error: none_dealloc")."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QSignalBlocker
from PySide6.QtWidgets import QApplication, QLabel, QSlider
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and bools are immortal from 3.12 on")


def test_void_calls_and_signal_blockers_keep_none_and_bools_alive(qtbot: QtBot) -> None:
    label, slider, obj = QLabel(), QSlider(), QObject()
    qtbot.addWidget(label)
    qtbot.addWidget(slider)
    app = QApplication.instance()
    assert app is not None
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for i in range(2000):
        label.setText("x")
        slider.setValue(i % 10)
        label.setVisible(False)
        with QSignalBlocker(obj):
            pass
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    assert all(abs(a - b) < 100 for a, b in zip(after, before, strict=True)), (before, after)
