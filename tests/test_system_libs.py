"""`make venv` names the system libraries Qt needs that are missing, with the one line that installs them."""

from __future__ import annotations

import ctypes.util
import shutil

import pytest

from tools import check_system_libs


def test_missing_libraries_are_named_with_the_install_line(monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    real = ctypes.util.find_library
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None if name in ("pulse", "xcb-cursor")
                        else real(name) or f"lib{name}.so")
    monkeypatch.setattr(shutil, "which", lambda tool: "/usr/bin/apt-get" if tool == "apt-get" else None)
    assert check_system_libs.main() == 0  # never fails the set-up: playback is optional
    out = capsys.readouterr().out
    assert "libpulse: playing clips (optional" in out
    assert "sudo apt-get install libxcb-cursor0 libpulse0" in out


def test_nothing_is_printed_when_everything_is_there(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: f"lib{name}.so")
    assert check_system_libs.main() == 0 and capsys.readouterr().out == ""
