"""Offline review sessions: planning by tag / For You, FSRS scheduling of the grades, history and the summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import fsrs
import pytest

from studycompanion.cli.interest_cmds import run_terminal_session
from studycompanion.core.cards.cloze import answer as cloze_answer
from studycompanion.core.cards.cloze import prompt as cloze_prompt
from studycompanion.core.errors import BadInput, NotFound
from studycompanion.core.interests.creators import Creators
from studycompanion.core.interests.models import Credibility
from studycompanion.core.review.sessions import Grade, Reviews, ReviewScope, due_sentence, when_words
from studycompanion.core.settings import Settings
from studycompanion.core.types import CardState, TagSource
from studycompanion.services import Services
from tests.interest_fixtures import T0, ClipSpec, Clock, add_clip, card_ids, set_card_state

CARDIO = [
    ClipSpec("as", "Aortic stenosis", creator="drmike", tags=["Cardio::Murmurs"],
             cards=["{{c1::Aortic stenosis}} is a crescendo decrescendo murmur",
                    "AS radiates to the {{c1::carotids}}"]),
    ClipSpec("hf", "Heart failure", creator="anon", tags=["Cardio::Heart failure"],
             cards=["{{c1::Sacubitril}} is combined with {{c2::valsartan::an ARB}}"]),
]
PULM = ClipSpec("asthma", "Asthma", creator="nurse", tags=["Pulm"], cards=["{{c1::Albuterol}} relieves wheeze"])


def _setup(services: Services, clock: Clock, **settings: object) -> tuple[Reviews, dict[str, int]]:
    ids = {s.key: add_clip(services.library, s) for s in [*CARDIO, PULM]}
    for vid in ids.values():  # the student accepted them: review quizzes accepted cards only, by default
        for cid in card_ids(services.library, vid):
            set_card_state(services.library, cid, CardState.ACCEPTED)
    return Reviews(services.library, Settings(review_fuzz=False, **settings), clock=clock, tz=UTC), ids  # type: ignore[arg-type]


def test_cloze_prompt_and_answer() -> None:
    text = "{{c1::Sacubitril}} is combined with {{c2::valsartan::an ARB}}"
    assert cloze_prompt(text) == "[...] is combined with [an ARB]"
    assert cloze_answer(text) == "[Sacubitril] is combined with [valsartan]"
    assert Grade.parse("3") is Grade.GOOD and Grade.parse("again") is Grade.AGAIN and Grade.parse("e") is Grade.EASY
    with pytest.raises(BadInput, match="1 Again"):
        Grade.parse("7")


def test_plan_by_tag_skips_other_tags_and_rejected_cards(services: Services) -> None:
    clock = Clock(T0)
    reviews, ids = _setup(services, clock)
    rejected = card_ids(services.library, ids["as"])[1]
    set_card_state(services.library, rejected, CardState.REJECTED)
    plan = reviews.plan(ReviewScope(("cardio",)))
    assert {i.video_id for i in plan} == {ids["as"], ids["hf"]}
    assert rejected not in [i.card_id for i in plan] and all(i.is_new for i in plan)
    assert plan[0].prompt.startswith("[...]") and plan[0].start == 2.0
    assert [i.card_id for i in reviews.plan(ReviewScope(("Pulm",)))] == card_ids(services.library, ids["asthma"])
    assert len(reviews.plan(ReviewScope(("Cardio",)), limit=1)) == 1
    assert len(reviews.plan(ReviewScope(("Cardio",)), new_limit=0)) == 0
    with pytest.raises(NotFound, match="No clip is tagged Renal"):
        reviews.plan(ReviewScope(("Renal",)))
    draft = card_ids(services.library, ids["hf"])[0]
    set_card_state(services.library, draft, CardState.DRAFT)
    assert draft not in [i.card_id for i in reviews.plan(ReviewScope(("Cardio",)))]  # drafts stay out
    with_drafts = Reviews(services.library, Settings(review_include_drafts=True), clock=clock)
    assert draft in [i.card_id for i in with_drafts.plan(ReviewScope(("Cardio",)))]
    assert Settings().review_include_drafts is False


def test_verified_only_leaves_out_unverified_creators(services: Services) -> None:
    reviews, ids = _setup(services, Clock(T0))
    Creators(services.db).mark("@DrMike", Credibility.PHYSICIAN)
    plan = reviews.plan(ReviewScope(("Cardio",), verified_only=True))
    assert {i.video_id for i in plan} == {ids["as"]}
    assert all(not i.verify and i.credibility == Credibility.PHYSICIAN for i in plan)
    hf = reviews.plan(ReviewScope(("Cardio::Heart failure",)))
    assert hf[0].verify and hf[0].credibility == Credibility.UNKNOWN


def test_session_schedules_with_fsrs_and_keeps_history(services: Services) -> None:
    clock = Clock(T0)
    reviews, _ids = _setup(services, clock)
    session = reviews.start(ReviewScope(("Cardio",)))
    assert session.planned == 3
    first = session.current
    assert first is not None
    answers = {first.card_id: [Grade.AGAIN]}
    result = session.grade(Grade.AGAIN, duration_ms=4000)
    assert result.again_in_session and result.interval == timedelta(minutes=1)
    while (item := session.current) is not None:
        clock.advance(seconds=20)
        session.grade(Grade.GOOD)
        answers.setdefault(item.card_id, []).append(Grade.GOOD)
    summary = session.finish()

    # the same answers, at the same moments, through the fsrs package directly
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    for card_id, grades in answers.items():
        logs = reviews.card_history(card_id)
        assert [log.rating for log in logs] == [int(g) for g in grades]
        expected = fsrs.Card(card_id=card_id, due=logs[0].reviewed_at)
        for log in logs:
            expected, _ = scheduler.review_card(expected, fsrs.Rating(log.rating), log.reviewed_at)
        state = reviews.schedule(card_id)
        assert state is not None and state.due == expected.due and state.state == int(expected.state)
        assert state.state == int(fsrs.State.Review) and state.due - clock.now >= timedelta(days=1)
    assert len(answers[first.card_id]) == 3  # Again -> Good (10 min step) -> Good (graduates)

    assert summary.cards == 3 and summary.reviewed == 7 and summary.planned == 3
    assert summary.counts == {Grade.AGAIN: 1, Grade.HARD: 0, Grade.GOOD: 6, Grade.EASY: 0}
    assert summary.again_cards == [] and summary.next_due is not None
    assert summary.recall == pytest.approx(6 / 7)
    assert any("Again 1" in line for line in summary.lines())
    assert [s.session_id for s in reviews.history()] == [summary.session_id]

    # graduated cards are not due tomorrow morning; once due, they come back before new cards
    assert reviews.counts(ReviewScope(("Cardio",))) == (0, 0)
    clock.advance(days=30)
    plan = reviews.plan(ReviewScope(("Cardio",)))
    assert len(plan) == 3 and not any(i.is_new for i in plan)


def test_session_easy_and_a_lapse(services: Services) -> None:
    clock = Clock(T0)
    reviews, ids = _setup(services, clock)
    (card,) = card_ids(services.library, ids["asthma"])
    reviews.grade_card(card, Grade.EASY)
    state = reviews.schedule(card)
    assert state is not None and state.state == int(fsrs.State.Review) and state.reps == 1
    clock.now = state.due + timedelta(hours=1)
    session = reviews.start(ReviewScope(("Pulm",)))
    assert session.current is not None and not session.current.is_new
    assert session.grade(Grade.AGAIN).again_in_session  # relearning step: back in this session
    state = reviews.schedule(card)
    assert state is not None and state.lapses == 1 and state.state == int(fsrs.State.Relearning)
    session.skip()  # the last card stays put
    assert session.remaining == 1
    summary = session.finish()
    assert summary.again_cards == [card] and session.current is None
    with pytest.raises(BadInput):
        session.grade(Grade.GOOD)


def test_for_you_scope_and_terminal_session(services: Services) -> None:
    clock = Clock(T0)
    reviews, ids = _setup(services, clock)
    services.library.set_favourite(ids["asthma"], True)
    plan = reviews.plan(ReviewScope(for_you=True))
    assert plan[0].video_id == ids["asthma"]  # For You puts the favourite topic first
    session = reviews.start(ReviewScope(for_you=True), limit=2)
    answers = iter(["", "3", "", "x", "4", "q"])
    said: list[str] = []
    run_terminal_session(session, lambda _prompt: next(answers), lambda *a, **k: said.append(" ".join(map(str, a))))
    summary = session.finish()
    assert summary.counts[Grade.GOOD] == 1 and summary.counts[Grade.EASY] == 1
    assert any("A: [Albuterol] relieves wheeze" in s for s in said)
    assert any("is not a grade" in s for s in said)


def test_counter_moves_with_every_grade(services: Services) -> None:
    clock = Clock(T0)
    reviews, _ids = _setup(services, clock)
    session = reviews.start(ReviewScope(("Cardio",)))
    seen = [session.counter()]
    session.grade(Grade.AGAIN)  # comes back in this session
    seen.append(session.counter())
    session.grade(Grade.GOOD)
    seen.append(session.counter())
    session.grade(Grade.EASY)  # graduates at once: gone
    seen.append(session.counter())
    assert seen == ["3 left", "2 left · 1 coming back", "1 left · 2 coming back", "0 left · 2 coming back"]
    assert session.unseen == 0 and session.coming_back == 2


def test_summary_in_plain_words_and_local_time() -> None:
    now = datetime(2026, 3, 1, 16, 0, tzinfo=UTC)
    paris = timezone(timedelta(hours=1))
    due = [now + timedelta(minutes=10), now + timedelta(hours=2), now + timedelta(hours=3),
           datetime(2026, 3, 2, 8, 0, tzinfo=UTC)]
    assert due_sentence(due, now, paris) == (
        "3 cards to see again today, the next one at 17:10; after today, the next one tomorrow at 9:00.")
    assert due_sentence(due[3:], now, paris) == "Nothing more to see today: the next card tomorrow at 9:00."
    assert when_words(datetime(2026, 3, 6, 8, 30, tzinfo=UTC), now, paris) == "on Friday at 9:30"
    assert when_words(datetime(2026, 3, 20, 8, 30, tzinfo=UTC), now, paris) == "on Friday 20 March at 9:30"
    # past midnight local time is tomorrow, even where UTC still says today
    assert when_words(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), now, paris) == "tomorrow at 0:30"


def test_session_summary_reads_as_sentences(services: Services) -> None:
    clock = Clock(T0)
    reviews, _ids = _setup(services, clock)
    session = reviews.start(ReviewScope(("Cardio",)))
    grades = iter([Grade.AGAIN, Grade.EASY, Grade.EASY, Grade.EASY])
    while session.current is not None:
        clock.advance(seconds=20)
        session.grade(next(grades))
    lines = session.finish().lines(now=clock.now, tz=UTC)
    assert lines[0] == "4 answers on 3 cards in 1 min 20 s (Cardio)."
    assert lines[1] == "Again 1  Hard 0  Good 0  Easy 3" and lines[2] == "You recalled 75% of them."
    assert lines[3] == "Nothing more to see today: the next card tomorrow at 9:01."


def test_daily_limits_for_new_cards_and_reviews(services: Services) -> None:
    clock = Clock(T0)
    reviews, _ids = _setup(services, clock, review_new_per_day=2, review_reviews_per_day=1)
    assert reviews.daily_left() == (2, 1)
    plan = reviews.plan(ReviewScope(("Cardio",)))
    assert len(plan) == 2 and all(i.is_new for i in plan)  # 3 new cards, 2 a day
    for item in plan:
        reviews.grade_card(item.card_id, Grade.EASY)
    assert reviews.daily_left() == (0, 1)
    assert reviews.plan(ReviewScope(("Cardio",))) == []  # today's new cards are used up
    assert reviews.counts(ReviewScope(("Cardio",))) == (0, 0)
    clock.advance(days=40)  # all due again, a new day: one review allowed, and the third new card
    plan = reviews.plan(ReviewScope(("Cardio",)))
    assert sorted(i.is_new for i in plan) == [False, True]
    assert reviews.daily_left() == (2, 1)


def test_suggested_tags_do_not_select_cards(services: Services) -> None:
    reviews, ids = _setup(services, Clock(T0))
    services.library.tags.tag(ids["asthma"], ["Cardio::Murmurs"], TagSource.SUGGESTED)  # not confirmed yet
    assert ids["asthma"] not in {i.video_id for i in reviews.plan(ReviewScope(("Cardio",)))}
