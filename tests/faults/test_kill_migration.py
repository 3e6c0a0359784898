"""Kill -9 inside each migration: every next start opens the library at head with all its rows, and one backup
per revision. The quick part kills once inside each revision; `make faults` (FAULTS_FULL=1) kills at 20
statements of each and after random delays."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studycompanion.core.db.migrations_list import revisions
from tests.faults.migration_kills import KillTrial, run_trial, trials

FULL = os.environ.get("FAULTS_FULL") == "1"


def _trials() -> list[KillTrial]:
    if FULL:
        return trials(20, 3, {rev: 40 for rev in revisions()})  # up to statement 40: past every revision's end
    return [KillTrial(rev, 3, 0.0) for rev in revisions()]


@pytest.mark.parametrize("trial", _trials(), ids=lambda t: f"{t.revision}-at{t.kill_at}-after{t.delay}")
def test_kill_inside_a_migration_never_bricks(tmp_path: Path, trial: KillTrial) -> None:
    outcome = run_trial(tmp_path / "lib", trial)
    assert outcome.opened, outcome.note
    assert outcome.rows_lost == 0
    if trial.kill_at == 3:
        assert outcome.killed  # statement 3 is inside every revision's transaction
