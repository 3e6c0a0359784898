"""CLI conventions (issue 17): every option has help text, `--home`, a closed pipe is no error, `import -`."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studycompanion.cli import build_parser, main
from studycompanion.paths import HOME_ENV, AppPaths

ROOT = Path(__file__).resolve().parent.parent


def _walk(parser: argparse.ArgumentParser, path: str = "studycompanion") -> list[tuple[str, argparse.Action]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found.extend(_walk(child, f"{path} {name}"))
            continue
        found.append((path, action))
    return found


def test_every_option_and_argument_has_help_text() -> None:
    actions = _walk(build_parser())
    assert len({p for p, _ in actions}) > 10  # the walk reached the sub-commands
    missing = [f"{path}: {'/'.join(a.option_strings) or a.dest}" for path, a in actions
               if not (a.help and a.help.strip()) and a.help != argparse.SUPPRESS]
    assert missing == []


def test_home_flag_is_the_same_as_the_environment(tmp_path: Path, home: AppPaths,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other-library"
    links = tmp_path / "links.txt"
    links.write_text("https://www.tiktok.com/@a/video/7300000000000000001\n", encoding="utf-8")
    assert main(["--home", str(other), "import", str(links), "--queue-only", "--json"]) == 0
    assert AppPaths(other.resolve()).db.exists() and not home.db.exists()
    assert os.environ[HOME_ENV] == str(home.root)  # restored after the run
    capsys.readouterr()
    assert main(["--home", str(other), "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["list", "--json"]) == 0  # the environment's library is another one
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.slow
def test_list_into_head_is_silent_and_exits_0(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    links = tmp_path / "links.txt"
    links.write_text("".join(f"https://www.tiktok.com/@a/video/{7300000000000000000 + i}\n" for i in range(3000)))
    env = {**os.environ, HOME_ENV: str(lib)}
    subprocess.run([sys.executable, "-m", "studycompanion", "import", str(links), "--queue-only"], env=env,
                   check=True, capture_output=True, cwd=ROOT, timeout=120)
    run = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"'{sys.executable}' -m studycompanion list | head -1"],
        env=env, capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == "" and run.stdout.count("\n") == 1
