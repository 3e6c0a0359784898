"""The tuning and dev parts of the key-point evaluation set (tests/data/keypoints_eval and its test/ folder, the
first test part, development data since the rules were steered on its totals): figures stay above floors,
clips without facts give nothing, nothing comes from filler. The held-out test2 part is never read here."""

from __future__ import annotations

import pytest

from studycompanion.core.cards.keypoints import extract_keypoints
from studycompanion.core.types import Segment
from tests.data.keypoints_eval import evalset

CLIPS = evalset.load()
SCORES = [evalset.score(clip, extract_keypoints(clip.segments)) for clip in CLIPS]
TOTALS = evalset.totals(CLIPS, SCORES)
DEV = evalset.load(evalset.DEV_DIR)
DEV_SCORES = [evalset.score(clip, extract_keypoints(clip.segments)) for clip in DEV]
DEV_TOTALS = evalset.totals(DEV, DEV_SCORES)

# Floors a little below what the rules reach on the tuning part (48 clips, 165 facts, 129 heard right):
# recall 0.776, recall over heard facts 0.992, precision 0.821, key points on a fact sentence 0.994.
# Most facts missed, and most imprecise key points, are sentences whisper misheard (see `misheard:` lines).
RECALL_FLOOR = 0.74
HEARD_RECALL_FLOOR = 0.96
PRECISION_FLOOR = 0.79
ON_FACT_FLOOR = 0.96
# ... and on the dev part (54 clips, 259 facts, 200 heard right): recall 0.749, over heard facts 0.970,
# precision 0.868, on a fact sentence 0.985.
DEV_FLOORS = {"recall": 0.72, "heard_recall": 0.94, "precision": 0.83, "precision_on_k": 0.95}


def test_the_tuning_part_is_big_varied_and_annotated() -> None:
    assert len(CLIPS) >= 40
    assert {c.split for c in CLIPS} == {"tuning"}
    styles = {c.style for c in CLIPS}
    assert {"lecture tip", "mnemonic", "case vignette", "dialogue", "vlog", "rapid-fire list"} <= styles
    assert len({c.specialty for c in CLIPS}) >= 15
    assert sum(1 for c in CLIPS if c.source.startswith("faster-whisper")) >= 8
    for clip in CLIPS:
        assert clip.title and clip.style and clip.specialty and clip.source, clip.name
        assert clip.facts or clip.style in {"dialogue", "vlog"}, clip.name
        said = " ".join(s.text for s in clip.sentences if s.label == "K")
        for fact in clip.facts:  # every fact is said in a K sentence, or whisper misheard it (and it says so)
            assert evalset.fact_hit(said, fact) or clip.misheard, (clip.name, fact)


def test_figures_stay_above_their_floors() -> None:
    assert TOTALS.recall >= RECALL_FLOOR, TOTALS
    assert TOTALS.heard_recall >= HEARD_RECALL_FLOOR, TOTALS
    assert TOTALS.precision >= PRECISION_FLOOR, TOTALS
    assert TOTALS.precision_on_k >= ON_FACT_FLOOR, TOTALS
    assert TOTALS.from_filler == 0, TOTALS


def test_dev_figures_stay_above_their_floors() -> None:
    assert DEV_TOTALS.clips >= 50 and DEV_TOTALS.facts >= 250
    for name, floor in DEV_FLOORS.items():
        assert getattr(DEV_TOTALS, name) >= floor, (name, DEV_TOTALS)
    assert DEV_TOTALS.from_filler == 0, DEV_TOTALS
    assert DEV_TOTALS.empty_clips >= 5 and DEV_TOTALS.empty_clips_with_points == 0, DEV_TOTALS


def test_dialogue_clips_without_facts_give_no_key_points() -> None:
    empty = [(c, s) for c, s in zip(CLIPS, SCORES, strict=True) if not c.facts]
    assert len(empty) >= 5
    assert sum(1 for c, _ in empty if c.style == "dialogue") >= 5
    for clip, score in empty:
        assert score.keypoints == 0, clip.name


@pytest.mark.parametrize("clip", CLIPS + DEV, ids=[c.name for c in CLIPS + DEV])
def test_no_key_point_from_filler_and_a_sane_count(clip: evalset.EvalClip) -> None:
    points = extract_keypoints(clip.segments)
    score = evalset.score(clip, points)
    assert score.from_filler == []
    assert len(points) <= max(len(clip.facts), 1) + 2
    if any(clip.heard(f) for f in clip.facts):
        assert score.facts_hit >= 1


def test_filler_sentences_alone_give_nothing() -> None:
    for clip in CLIPS + DEV:
        filler = [s for s in clip.sentences if s.label == "F"]
        words = [
            w for seg in clip.segments for w in seg.words if any(f.start - 0.01 <= w.start < f.end for f in filler)
        ]
        if not words:
            continue
        points = extract_keypoints([Segment(words[0].start, words[-1].end, "", words)])
        assert points == [], (clip.name, [p.text for p in points])


def test_misheard_lines_and_zero_fact_clips_parse(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "x.txt").write_text(
        "title: t\nsplit: test\nstyle: dialogue\nspecialty: neurology\nsource: whisper\n---\n"
        "F Good morning, take a seat.\nF Where does it hurt?\n---\nmisheard: examine = end man\nnote: ignored\n"
    )
    (clip,) = evalset.load(folder)
    assert (clip.split, clip.style, clip.specialty, clip.source) == ("test", "dialogue", "neurology", "whisper")
    assert clip.facts == [] and clip.misheard == [("examine", "end man")]
    t = evalset.totals([clip], [evalset.score(clip, [])])
    assert t.recall == 1.0 and t.empty_clips == 1 and t.empty_clips_with_points == 0
