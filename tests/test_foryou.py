"""For You: the ranking's order and reasons, creator diversity, popularity never counting, determinism."""

from __future__ import annotations

import argparse
import itertools
import json
import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from studycompanion.core.interests.foryou import ClipRow, ClipTable, diversify, rank
from studycompanion.core.interests.profile import InterestProfile, Signal, SignalKind, build_profile
from studycompanion.core.interests.service import Interests
from studycompanion.core.review.sessions import Grade, Reviews
from studycompanion.core.settings import Settings
from studycompanion.services import Services
from tests.interest_fixtures import T0, ClipSpec, Clock, add_clip, card_ids


def _profile(*signals: Signal, clip_tags: dict[int, list[str]] | None = None) -> InterestProfile:
    return build_profile(signals, clip_tags or {}, T0)


def _order(rows: list[ClipRow], profile: InterestProfile | None = None) -> list[int]:
    return rank(ClipTable.from_rows(rows), profile or InterestProfile()).ids()


def test_each_factor_ranks_and_explains() -> None:
    rows = [
        ClipRow(1, "old, reviewed, off-topic", creator="a", tags=["Pulm"], reviewed=True, age_days=90),
        ClipRow(2, "murmurs", creator="b", tags=["Cardio::Murmurs"], reviewed=True, age_days=90),
        ClipRow(3, "due", creator="c", tags=["Renal"], due=3, cards=3, reviewed=True, age_days=90),
        ClipRow(4, "never reviewed", creator="d", tags=["GI"], cards=2, age_days=90),
        ClipRow(5, "just added", creator="e", tags=["Derm"], reviewed=True, age_days=0),
        ClipRow(6, "queued", creator="f", tags=["Cardio::Murmurs"], playable=False),
    ]
    profile = _profile(Signal(SignalKind.FAVOURITE, T0, video_id=2), clip_tags={2: ["Cardio::Murmurs"]})
    ranking = rank(ClipTable.from_rows(rows), profile)
    items = {i.video_id: i for i in ranking.items()}
    assert ranking.ids() == [3, 2, 4, 5, 1, 6]
    assert items[2].reason == "because you study Cardio::Murmurs"
    assert items[3].reason == "due for review (3 cards)"
    assert items[4].reason == "never reviewed (2 cards)"
    assert items[5].reason == "new in your library"
    assert items[1].reason == "in your library"
    assert items[6].reason == "not downloaded yet"
    assert [i.as_dict() for i in ranking.items(1)] == [
        {"id": 3, "title": "due", "score": items[3].score, "reason": "due for review (3 cards)"}
    ]


def test_parent_interest_and_explicit_more_less() -> None:
    rows = [ClipRow(1, creator="a", tags=["Cardio::Valves"], reviewed=True, age_days=30),
            ClipRow(2, creator="b", tags=["Pulm::Asthma"], reviewed=True, age_days=30),
            ClipRow(3, creator="c", tags=["Renal"], reviewed=True, age_days=30)]
    fav = Signal(SignalKind.FAVOURITE, T0, video_id=9)
    profile = _profile(fav, clip_tags={9: ["Cardio::Murmurs"]})
    ranking = rank(ClipTable.from_rows(rows), profile)
    assert ranking.ids()[0] == 1 and ranking.items(1)[0].reason == "because you study Cardio"
    profile = _profile(fav, Signal(SignalKind.MORE, T0, tags=("Pulm",)), Signal(SignalKind.LESS, T0, tags=("Cardio",)),
                       clip_tags={9: ["Cardio::Murmurs"]})
    ranking = rank(ClipTable.from_rows(rows), profile)
    items = {i.video_id: i for i in ranking.items()}
    assert ranking.ids() == [2, 3, 1]
    assert items[2].reason == "you asked for more Pulm"
    assert items[1].reason == "less of Cardio, as you asked"


def test_no_long_runs_of_one_creator() -> None:
    famous = [ClipRow(i, creator="famous", tags=["Cardio::Murmurs"], age_days=i / 10) for i in range(1, 31)]
    small = [ClipRow(100 + i, creator=f"small{i % 2}", tags=["Pulm"], age_days=50) for i in range(6)]
    profile = _profile(Signal(SignalKind.MORE, T0, tags=("Cardio::Murmurs",)))
    order = _order(famous + small, profile)
    creators = {r.id: r.creator for r in famous + small}
    seq = [creators[i] for i in order]
    assert sorted(order) == sorted(r.id for r in famous + small)  # every clip, once
    runs = [len(list(g)) for _, g in itertools.groupby(seq)]
    assert seq[0] == "famous"  # the best clip still leads
    assert runs == [1] * 12 + [24]  # alternates while other creators are left; then only "famous" remains


def test_topic_runs_are_broken_when_a_close_alternative_exists() -> None:
    rows = [ClipRow(i, creator=f"c{i}", tags=["Cardio"], topic="cardio", age_days=i) for i in range(1, 6)]
    rows.append(ClipRow(9, creator="c9", tags=["Pulm"], topic="pulm", age_days=10))
    order = _order(rows)
    assert order[:3] == [1, 2, 9]
    assert diversify([0, 1, 2], [7, 7, 7], [0, 1, 2]) == [0, 1, 2]  # one creator only: order stands


def test_creator_popularity_never_raises_rank() -> None:
    """A clip's score depends on topics and study state only: the same clip from a famous creator (many clips
    in the library, huge audience) and from a small one scores the same, and ties go by id, not fame."""
    assert not {"followers", "views", "likes", "view_count", "follower_count"} & set(ClipRow.__dataclass_fields__)
    base = ClipRow(1, "murmur", creator="tiny_creator", tags=["Cardio::Murmurs"], cards=1, age_days=3)
    famous_copy = replace(base, id=2, creator="famous")
    crowd = [ClipRow(10 + i, creator="famous", tags=["Derm"], reviewed=True, age_days=400) for i in range(20)]
    ranking = rank(ClipTable.from_rows([famous_copy, base, *crowd]), InterestProfile())
    scores = {i.video_id: i.score for i in ranking.items()}
    assert scores[1] == scores[2]
    assert ranking.ids()[:2] == [1, 2]  # the small creator's clip (lower id) first


def test_deterministic_and_independent_of_input_order() -> None:
    rng = random.Random(7)
    topics = ["Cardio::Murmurs", "Pulm", "Renal", "GI", "Step1"]
    rows = [ClipRow(i, creator=f"c{rng.randrange(6)}", tags=[rng.choice(topics)], due=rng.choice([0, 0, 2]),
                    cards=rng.randrange(3), reviewed=rng.random() < 0.5, age_days=rng.randrange(60))
            for i in range(1, 80)]
    profile = _profile(Signal(SignalKind.FAVOURITE, T0, video_id=1), clip_tags={1: ["Pulm"]})
    first = rank(ClipTable.from_rows(rows), profile).items()
    shuffled = rows[:]
    rng.shuffle(shuffled)
    assert rank(ClipTable.from_rows(shuffled), profile).items() == first
    assert rank(ClipTable.from_rows(rows), profile).items() == first


def _library(services: Services, clock: Clock) -> dict[str, int]:
    lib = services.library
    specs = [
        ClipSpec("as", "Aortic stenosis", "Aortic stenosis is a crescendo decrescendo systolic murmur.",
                 ["cardiology"], "drmike", cards=["{{c1::Aortic stenosis}} is crescendo decrescendo"]),
        ClipSpec("mr", "Mitral regurgitation", "Mitral regurgitation is a holosystolic murmur at the apex.",
                 ["cardiology"], "tiny_creator"),
        ClipSpec("asthma", "Asthma basics", "Asthma: wheezing, albuterol and inhaled corticosteroids.", ["pulm"],
                 "nurse", cards=["{{c1::Albuterol}} is a short acting beta 2 agonist"]),
        ClipSpec("vlog", "My day", "Today I went to the gym.", [], "vlogger"),
    ]
    ids = {}
    for n, spec in enumerate(specs):
        ids[spec.key] = add_clip(lib, spec, added_at=clock.now.replace(day=1 + n))
    interests = Interests(lib, clock=clock)
    for vid in ids.values():
        interests.refresh_suggestions(vid)
    return ids


def test_library_for_you_learns_from_favourites_reviews_and_watching(services: Services) -> None:
    clock = Clock(T0.replace(month=4))
    ids = _library(services, clock)
    interests = Interests(services.library, clock=clock)
    first = interests.for_you()
    assert sorted(i.video_id for i in first) == sorted(ids.values())  # every clip
    assert all(i.reason for i in first)
    services.library.set_favourite(ids["as"], True)
    items = interests.for_you()
    by_id = {i.video_id: i for i in items}
    assert by_id[ids["mr"]].reason == "because you study Cardio::Murmurs"  # same topic, small creator
    assert by_id[ids["vlog"]].reason == "never reviewed"
    assert [i.video_id for i in items].index(ids["mr"]) < [i.video_id for i in items].index(ids["vlog"])

    reviews = Reviews(services.library, Settings(review_fuzz=False), clock=clock)
    (card,) = card_ids(services.library, ids["asthma"])
    reviews.grade_card(card, Grade.GOOD)
    reviews.grade_card(card, Grade.GOOD)
    interests.record_watch(ids["vlog"], 55.0)
    clock.advance(days=30)
    by_id = {i.video_id: i for i in interests.for_you()}
    assert by_id[ids["asthma"]].reason.startswith("due for review")
    assert "never reviewed" not in by_id[ids["vlog"]].reasons  # watched to the end counts as studied


def test_profile_signals_and_adjustments(services: Services) -> None:
    clock = Clock(T0.replace(month=4))
    ids = _library(services, clock)
    interests = Interests(services.library, clock=clock)
    assert len(interests.profile()) == 0 or all(t.raw >= 0 for t in interests.profile().all())
    interests.record_search("albuterol dose")
    profile = interests.profile()
    assert profile.affinity("Pulm::Obstructive disease") > 0 and profile.affinity("Cardio::Murmurs") == 0
    assert profile.get("Pulm::Obstructive disease").explain().startswith("searches")  # type: ignore[union-attr]
    tags = interests.less_of(video_id=ids["asthma"])
    assert tags == ["Pulm::Obstructive disease"]
    assert interests.profile().affinity("Pulm::Obstructive disease") < 0
    assert interests.reset("Pulm::Obstructive disease") == 1
    assert interests.profile().affinity("Pulm::Obstructive disease") > 0
    interests.more_of(tag="Renal")
    assert interests.profile().top(1)[0].tag == "Renal"


def test_foryou_cli_json_covers_every_clip(services: Services, capsys: object) -> None:
    from studycompanion.cli import interest_cmds

    clock = Clock(T0.replace(month=4))
    ids = _library(services, clock)
    parser = argparse.Namespace(limit=None, json=True)
    assert interest_cmds.cmd_foryou(parser, services) == 0
    out = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert sorted(e["id"] for e in out) == sorted(ids.values())
    assert all(set(e) == {"id", "title", "score", "reason"} and e["reason"] for e in out)


@settings(max_examples=300, deadline=None)
@given(
    creators=st.lists(st.integers(0, 4), min_size=0, max_size=60),
    topic_count=st.integers(1, 4),
    span=st.integers(0, 70),
    seed=st.integers(0, 10**6),
)
def test_bulk_copy_gives_the_same_order_as_one_by_one(creators: list[int], topic_count: int, span: int,
                                                      seed: int) -> None:
    rng = random.Random(seed)
    topics = [rng.randrange(topic_count) for _ in creators]
    order = list(range(len(creators)))
    rng.shuffle(order)
    slow = diversify(order, creators, topics, topic_span=span, bulk=False)
    assert diversify(order, creators, topics, topic_span=span) == slow
    assert sorted(slow) == sorted(order)
    for a, b in itertools.pairwise(slow):  # a repeat only when nothing else was left
        if creators[a] == creators[b]:
            assert all(creators[x] == creators[b] for x in slow[slow.index(b):])


def test_for_you_follows_the_review_drafts_setting_in_the_app_and_the_cli(services: Services) -> None:
    """With "quiz drafts too" off, a clip whose only card is an unaccepted draft has nothing to review: the app's
    page (services.interests) and the CLI (the same object) both say plain "never reviewed", and the change
    applies without a restart."""
    from studycompanion.ui.foryou.table import for_you_rows

    vid = add_clip(services.library, ClipSpec("draft-only", title="Heart sounds", cards=["{{c1::S3}} gallop"]))
    services.settings.review_include_drafts = False
    (item,) = [i for i in services.interests.for_you() if i.video_id == vid]
    assert "never reviewed" in item.reasons and not any("card" in r for r in item.reasons)
    rows, _ = for_you_rows(services)
    assert "(1 card)" not in next(r.reason for r in rows if r.video_id == vid)
    services.settings.review_include_drafts = True
    (item,) = [i for i in services.interests.for_you() if i.video_id == vid]
    assert "never reviewed (1 card)" in item.reasons
