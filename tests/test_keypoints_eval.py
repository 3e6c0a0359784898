"""The annotated evaluation set (tests/data/keypoints_eval): key-fact recall >= 0.7 and nothing from filler."""

from __future__ import annotations

import pytest

from studycompanion.core.cards.keypoints import extract_keypoints
from studycompanion.core.types import Segment
from tests.data.keypoints_eval import evalset

CLIPS = evalset.load()


def test_the_set_is_big_enough_and_annotated() -> None:
    assert len(CLIPS) >= 12
    for clip in CLIPS:
        assert clip.facts, clip.name
        assert any(s.label == "F" for s in clip.sentences), f"{clip.name} has no filler"
        for fact in clip.facts:  # every annotated fact is really said in the clip
            assert any(evalset.fact_hit(s.text, fact) for s in clip.sentences if s.label == "K"), (
                clip.name,
                fact,
            )


def test_key_fact_recall_is_at_least_070_overall() -> None:
    scores = [evalset.score(clip, extract_keypoints(clip.segments)) for clip in CLIPS]
    recall = sum(s.facts_hit for s in scores) / sum(s.facts for s in scores)
    precision = sum(s.keypoints_hit for s in scores) / sum(s.keypoints for s in scores)
    assert recall >= 0.7, recall
    assert precision >= 0.7, precision


@pytest.mark.parametrize("clip", CLIPS, ids=[c.name for c in CLIPS])
def test_no_key_point_from_filler_and_a_sane_count(clip: evalset.EvalClip) -> None:
    points = extract_keypoints(clip.segments)
    score = evalset.score(clip, points)
    assert score.from_filler == []
    assert 1 <= len(points) <= 6
    assert score.facts_hit >= 1


def test_filler_sentences_alone_give_nothing() -> None:
    for clip in CLIPS:
        filler = [s for s in clip.sentences if s.label == "F"]
        words = [
            w for seg in clip.segments for w in seg.words if any(f.start <= w.start < f.end for f in filler)
        ]
        points = extract_keypoints([Segment(words[0].start, words[-1].end, "", words)])
        assert points == [], (clip.name, [p.text for p in points])
