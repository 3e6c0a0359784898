"""Hostile text from the web: control characters, bidi overrides and NUL never reach the library or the terminal;
tag names are validated. Property tests (hypothesis) over the way in, tag names and the CLI printers."""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studycompanion.cli import main
from studycompanion.core.errors import BadInput
from studycompanion.core.library.clips import safe_metadata
from studycompanion.core.library.safe_text import TAG_LEVEL_MAX, clean_tag, strip_unsafe, terminal_safe
from studycompanion.paths import AppPaths
from studycompanion.services import Services

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
_PIECES = [*list("ab c:#<>{}&;\n\t\r"), "\x1b", "\x00", "\x07", "\x9b", "\u202e", "\u2066", "\u200f", "\x1b[31m",
           "{{c1::", "}}", "\u2028", "é", "心"]
HOSTILE = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@given(HOSTILE)
def test_stripped_text_has_no_control_characters(text: str) -> None:
    one = strip_unsafe(text)
    assert not UNSAFE.search(one) and "\n" not in one and "\t" not in one
    assert not UNSAFE.search(strip_unsafe(text, multiline=True))
    assert not UNSAFE.search(terminal_safe(text).replace("\r", ""))


@given(HOSTILE)
def test_a_tag_is_valid_or_refused_with_a_reason(text: str) -> None:
    try:
        name = clean_tag(text)
    except BadInput as exc:
        assert exc.message and not UNSAFE.search(exc.message)
        return
    assert name and not UNSAFE.search(name) and "<" not in name and ">" not in name and "{{" not in name
    assert all(0 < len(level) <= TAG_LEVEL_MAX for level in name.split("::"))


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "{{c1::answer}}", "x" * 101, "\x1b[31m::\x00"])
def test_hostile_tags_are_refused(services: Services, bad: str) -> None:
    with pytest.raises(BadInput):
        clean_tag(bad)
    video, _ = services.library.create_queued("web", "x1", "https://example.org/x1")
    assert video.id is not None
    with pytest.raises(BadInput):
        services.library.tags.tag(video.id, ["Cardio", bad])
    assert services.library.tags.tags_for(video.id) == []  # nothing of a refused batch is kept


@given(st.fixed_dictionaries({"title": HOSTILE, "creator_name": HOSTILE, "creator_handle": HOSTILE,
                              "caption": HOSTILE, "hashtags": st.lists(HOSTILE, max_size=4)}))
def test_metadata_from_a_page_is_clean_at_the_way_in(meta: dict[str, object]) -> None:
    out = safe_metadata(meta)
    for key in ("title", "creator_name", "creator_handle", "caption"):
        assert not UNSAFE.search(str(out[key]))
    assert all(not UNSAFE.search(h) and h for h in out["hashtags"])  # type: ignore[union-attr]


def _raw_clip(home: AppPaths, title: str, caption: str, tag: str) -> None:
    """A clip whose text got in raw (an older version's library): the printers must still clean it."""
    with sqlite3.connect(home.db) as conn:
        conn.execute("DELETE FROM videotag")
        conn.execute("DELETE FROM video")
        conn.execute("DELETE FROM tag")
        conn.execute("INSERT INTO video (id, platform, platform_id, source_url, title, creator_handle, creator_name,"
                     " caption, hashtags, media_file, thumbnail_file, info_file, content_hash, file_size, added_at,"
                     " favourite, notes, status, error) VALUES (1, 'web', 'x', '', ?, ?, '', ?, '[]', '', '', '', '',"
                     " 0, '2026-01-01 10:00:00', 0, '', 'ready', '')", (title, title, caption))
        conn.execute("INSERT INTO tag (id, name) VALUES (1, ?)", (tag,))
        conn.execute("INSERT INTO videotag VALUES (1, 1, 'user', '2026-01-01')")
        conn.execute("DELETE FROM clip_fts")
        conn.execute("INSERT INTO clip_fts(rowid, title, caption, transcript, notes, tags) VALUES (1, ?, ?, '', '',"
                     " ?)", (title + " murmur", caption, tag))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=HOSTILE, caption=HOSTILE, tag=HOSTILE)
def test_every_printer_keeps_raw_control_characters_off_the_terminal(
        services: Services, home: AppPaths, capsys: pytest.CaptureFixture[str], title: str, caption: str,
        tag: str) -> None:
    _raw_clip(home, title, caption, tag or "t")
    for argv in (["list"], ["show", "1"], ["search", "murmur"], ["jobs"], ["list", "--json"], ["show", "1", "--json"],
                 ["search", "murmur", "--json"]):
        main(argv)
        captured = capsys.readouterr()
        for stream in (captured.out, captured.err):
            assert not UNSAFE.search(stream.replace("\r", "")), (argv, stream)
