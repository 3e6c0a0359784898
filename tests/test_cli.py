"""The CLI through a real subprocess with a temporary STUDYCOMPANION_HOME: output, exit codes, bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.mediagen import make_mp4


def run(home: Path, *args: str, check_rc: int | None = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDYCOMPANION_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "studycompanion", *args], capture_output=True, text=True,
                          env=env, timeout=240)
    if check_rc is not None:
        assert proc.returncode == check_rc, proc.stderr
    return proc


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_add_list_search_tag_show_delete(home: Path, tmp_path: Path) -> None:
    clip = make_mp4(tmp_path / "Aortic stenosis murmur.mp4", seconds=1.0)
    out = run(home, "add", str(clip), "--no-transcribe", "--tag", "Cardio::Murmurs", "--json")
    (entry,) = json.loads(out.stdout)
    assert entry["created"] and entry["error"] is None
    vid = entry["id"]
    again = json.loads(run(home, "add", str(clip), "--no-transcribe", "--json").stdout)
    assert again[0]["id"] == vid and again[0]["created"] is False

    listed = json.loads(run(home, "list", "--json").stdout)
    assert [(v["id"], v["title"], v["tags"]) for v in listed] == [(vid, "Aortic stenosis murmur", ["Cardio::Murmurs"])]
    assert json.loads(run(home, "list", "--tag", "Pulm", "--json").stdout) == []

    hits = json.loads(run(home, "search", "stenosis", "--json").stdout)
    assert hits[0]["id"] == vid and "[stenosis]" in hits[0]["snippet"].lower()

    run(home, "tag", str(vid), "Step1", "Cardio::Valves")
    shown = json.loads(run(home, "show", str(vid), "--json").stdout)
    assert shown["tags"] == ["Cardio::Murmurs", "Cardio::Valves", "Step1"]
    assert shown["transcript"] == [] and Path(shown["media_path"]).exists()
    run(home, "untag", str(vid), "Step1")
    assert "Step1" not in json.loads(run(home, "show", str(vid), "--json").stdout)["tags"]

    text = run(home, "list").stdout
    assert "Aortic stenosis murmur" in text and "ID" in text

    run(home, "delete", str(vid))
    assert json.loads(run(home, "list", "--json").stdout) == []
    assert not Path(shown["media_path"]).exists()


def test_errors_are_one_line_and_change_nothing(home: Path, tmp_path: Path) -> None:
    missing = run(home, "add", str(tmp_path / "nope.mp4"), check_rc=1)
    assert missing.stderr.strip().count("\n") == 0 and "does not exist" in missing.stderr
    notes = tmp_path / "notes.txt"
    notes.write_text("not a video")
    bad = run(home, "add", str(notes), check_rc=1)
    assert "not an audio or video file" in bad.stderr
    assert json.loads(run(home, "list", "--json").stdout) == []
    assert "no clip with id 42" in run(home, "show", "42", check_rc=1).stderr
    assert run(home, "show", "not-a-number", check_rc=2).returncode == 2
    assert run(home, "frobnicate", check_rc=2).returncode == 2


def test_doctor_reports_paths_and_schema(home: Path) -> None:
    info = json.loads(run(home, "doctor", "--json").stdout)
    assert info["paths"]["root"] == str(home.resolve())
    assert info["schema"]["current"] == info["schema"]["head"]
    assert info["versions"]["yt-dlp"] and info["versions"]["faster-whisper"]
    assert (home / "library.sqlite3").exists() and (home / "logs" / "studycompanion.log").exists()


def test_version(home: Path) -> None:
    assert run(home, "--version").stdout.startswith("StudyCompanion ")


@pytest.mark.slow
def test_demo_runs_the_whole_pipeline_offline(home: Path) -> None:
    """`studycompanion demo` (what `make demo` runs): the shipped clip, with its title, transcribed and carded."""
    out = run(home, "demo", "--json")
    result = json.loads(out.stdout)
    assert result["created"] and result["errors"] == []
    shown = json.loads(run(home, "show", str(result["id"]), "--json").stdout)
    assert shown["title"] == "Beta blockers in under a minute"
    assert shown["transcript"] and shown["transcript"][0]["start"] < 5  # the opening is transcribed too
    text = " ".join(s["text"] for s in shown["transcript"]).lower()
    assert "beta blockers" in text and re.search(r"25 ?(milligrams|mg)\b", text), text  # base writes "25mg"
    assert shown["cards"] and all(c["state"] == "draft" for c in shown["cards"])
