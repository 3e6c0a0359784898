"""Importers: every TikTok export layout (JSON, TXT, ZIP), link lists and CSV, malformed input, fuzzing."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studycompanion.core.capture.importers import (
    EntryKind,
    ImportFormatError,
    parse_date,
    parse_link_list,
    parse_tiktok_json,
    read_import,
    read_import_bytes,
)
from studycompanion.core.capture.links import TIKTOK

FAV = ["7300000000000000001", "7300000000000000002", "7300000000000000003"]
LIKE = ["7400000000000000001", "7400000000000000002"]


def share(vid: str) -> str:
    return f"https://www.tiktokv.com/share/video/{vid}/"


def fav_list(date_key: str = "Date", link_key: str = "Link") -> list[dict[str, str]]:
    return [{date_key: f"2024-03-0{i + 1} 18:22:0{i}", link_key: share(v)} for i, v in enumerate(FAV)]


def like_list(date_key: str = "Date", link_key: str = "Link") -> list[dict[str, str]]:
    return [{date_key: f"2024-02-1{i} 09:00:00", link_key: share(v)} for i, v in enumerate(LIKE)]


# The layouts seen in the wild, written from their field names.
LAYOUTS: dict[str, dict[str, Any]] = {
    "activity": {
        "Profile": {"Profile Information": {"ProfileMap": {"userName": "medstudent"}}},
        "Activity": {
            "Favorite Videos": {"FavoriteVideoList": fav_list()},
            "Like List": {"ItemFavoriteList": like_list()},
            "Favorite Sounds": {"FavoriteSoundList": [{"Date": "2024-01-01 00:00:00",
                                                       "Link": "https://www.tiktok.com/music/x-123456789"}]},
            "Video Browsing History": {"VideoList": [{"Date": "2024-01-02 00:00:00",
                                                      "Link": share("7999999999999999999")}]},
            "Share History": {"ShareHistoryList": [{"Date": "2024-01-03 00:00:00", "SharedContent": "video",
                                                    "Link": share("7888888888888888888"), "Method": "copy"}]},
        },
        "Video": {"Videos": {"VideoList": [{"Date": "2023-12-01 00:00:00", "Link": share("7777777777777777777"),
                                            "Likes": "12"}]}},
    },
    "likes_and_favorites": {
        "Likes and Favorites": {
            "Favorite Videos": {"FavoriteVideoList": fav_list()},
            "Like List": {"ItemFavoriteList": like_list()},
        },
        "Your Activity": {"Watch History": {"VideoList": [{"Date": "2024-01-02 00:00:00",
                                                           "Link": share("7999999999999999999")}]}},
    },
    "your_activity": {
        "Your Activity": {
            "Favorite Videos": {"FavoriteVideoList": fav_list()},
            "Like List": {"ItemFavoriteList": like_list()},
            "Searches": {"SearchList": [{"Date": "2024-01-01 00:00:00", "SearchTerm": "murmurs"}]},
        },
    },
    "lower_case_keys": {
        "Activity": {
            "Favorite Videos": {"FavoriteVideoList": fav_list("date", "link")},
            "Like List": {"ItemFavoriteList": like_list("date", "link")},
        },
    },
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_favourites_from_every_layout(layout: str, tmp_path: Path) -> None:
    path = tmp_path / "user_data_tiktok.json"
    path.write_text(json.dumps(LAYOUTS[layout]), encoding="utf-8")
    batch = read_import(path)
    assert [e.link.platform_id for e in batch.entries] == FAV
    assert all(e.link.platform == TIKTOK and e.kind == EntryKind.FAVOURITE for e in batch.entries)
    assert batch.entries[0].favourited_at == datetime(2024, 3, 1, 18, 22, 0, tzinfo=UTC)
    assert batch.entries[2].favourited_at == datetime(2024, 3, 3, 18, 22, 2, tzinfo=UTC)
    assert batch.skipped_likes == len(LIKE)
    assert not batch.invalid
    assert "FavoriteVideoList[0]" in batch.entries[0].position


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_likes_only_with_the_flag(layout: str) -> None:
    batch = parse_tiktok_json(LAYOUTS[layout], likes=True)
    assert [e.link.platform_id for e in batch.entries] == LIKE
    assert all(e.kind == EntryKind.LIKE for e in batch.entries)
    assert batch.entries[1].favourited_at == datetime(2024, 2, 11, 9, 0, 0, tzinfo=UTC)
    assert batch.skipped_favourites == len(FAV)


def test_watch_history_posts_shares_and_sounds_are_never_imported() -> None:
    batch = parse_tiktok_json(LAYOUTS["activity"])
    ids = {e.link.platform_id for e in batch.entries}
    assert ids.isdisjoint({"7999999999999999999", "7888888888888888888", "7777777777777777777"})


def test_bad_links_are_reported_with_their_position() -> None:
    data = {"Activity": {"Favorite Videos": {"FavoriteVideoList": [
        {"Date": "2024-03-01 18:22:05", "Link": share(FAV[0])},
        {"Date": "2024-03-01 18:22:06", "Link": "not a link"},
        {"Date": "2024-03-01 18:22:07", "Link": 12345},
        {"Date": "garbage", "Link": share(FAV[0])},  # the same clip twice
        {"Date": None, "Link": f"https://www.tiktok.com/@x/video/{FAV[1]}"},
        "a stray string",
    ]}}}
    batch = parse_tiktok_json(data)
    assert [e.link.platform_id for e in batch.entries] == FAV[:2]
    assert batch.entries[1].favourited_at is None
    assert batch.duplicates == 1
    assert [(i.position, i.raw) for i in batch.invalid] == [
        ("Activity › Favorite Videos › FavoriteVideoList[1]", "not a link"),
        ("Activity › Favorite Videos › FavoriteVideoList[2]", "12345"),
    ]
    assert all(i.reason for i in batch.invalid)


def test_malformed_json_says_where(tmp_path: Path) -> None:
    path = tmp_path / "user_data_tiktok.json"
    path.write_text('{"Activity": {"Favorite Videos": {"FavoriteVideoList": [{"Date": "2024', encoding="utf-8")
    with pytest.raises(ImportFormatError) as info:
        read_import(path)
    assert "line 1" in info.value.message and "not valid JSON" in info.value.message


def test_json_without_favourites_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"name": "not tiktok", "items": [1, 2, 3]}), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="No TikTok favourites"):
        read_import(path)


def test_plain_json_list_of_links_counts_as_links() -> None:
    batch = read_import_bytes(json.dumps([{"link": share(FAV[0])}, {"url": "https://youtu.be/dQw4w9WgXcQ"}]).encode())
    assert [e.link.key for e in batch.entries] == [(TIKTOK, FAV[0]), ("youtube", "dQw4w9WgXcQ")]


def test_missing_folder_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="does not exist"):
        read_import(tmp_path / "nope.json")
    with pytest.raises(ImportFormatError, match="folder"):
        read_import(tmp_path)
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\x00\x00\x10JFIF\x00" * 10)
    with pytest.raises(ImportFormatError):
        read_import(junk)


TXT_EXPORT = """Favorite Videos:
Date: 2024-03-01 18:22:05
Link: {f0}

Date: 2024-03-02 10:00:00
Link: {f1}

Like List:
Date: 2024-02-10 09:00:00
Link: {l0}
"""


def test_txt_export_with_sections(tmp_path: Path) -> None:
    path = tmp_path / "user_data.txt"
    path.write_text(TXT_EXPORT.format(f0=share(FAV[0]), f1=share(FAV[1]), l0=share(LIKE[0])), encoding="utf-8")
    favs = read_import(path)
    assert favs.source == "tiktok-txt"
    assert [e.link.platform_id for e in favs.entries] == FAV[:2]
    assert favs.entries[1].favourited_at == datetime(2024, 3, 2, 10, 0, 0, tzinfo=UTC)
    assert favs.entries[0].position == "line 3"
    likes = read_import(path, likes=True)
    assert [e.link.platform_id for e in likes.entries] == [LIKE[0]]


def test_txt_export_one_file_per_section_in_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "TikTok_Data.zip"
    with zipfile.ZipFile(path, "w") as zf:
        favourites = (f"Date: 2024-03-01 18:22:05\nLink: {share(FAV[0])}\n\n"
                      f"Date: 2024-03-02 10:00:00\nLink: {share(FAV[2])}\n")
        zf.writestr("TikTok_Data/Activity/Favorite Videos.txt", favourites)
        zf.writestr("TikTok_Data/Activity/Like List.txt", f"Date: 2024-02-10 09:00:00\nLink: {share(LIKE[1])}\n")
    assert [e.link.platform_id for e in read_import(path).entries] == [FAV[0], FAV[2]]
    assert [e.link.platform_id for e in read_import(path, likes=True).entries] == [LIKE[1]]


def test_zip_with_json_export(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("user_data_tiktok.json", json.dumps(LAYOUTS["likes_and_favorites"]))
    assert [e.link.platform_id for e in read_import(path).entries] == FAV


def test_link_list_with_comments_blanks_and_junk(tmp_path: Path) -> None:
    path = tmp_path / "links.txt"
    path.write_text(
        "\ufeff# clips for the cardio block\n"
        "\n"
        f"https://www.tiktok.com/@dr.heart/video/{FAV[0]}\n"
        "https://youtu.be/dQw4w9WgXcQ   # murmurs explained\n"
        "// another comment\n"
        "   https://www.youtube.com/shorts/dQw4w9WgXcQ  \n"  # the same clip as line 4
        "hello world\n"
        "ftp://example.com/x.mp4\n"
        "https://www.instagram.com/reel/C1a2B3c4D5e/\n",
        encoding="utf-8",
    )
    batch = read_import(path)
    assert batch.source == "links"
    assert [e.link.key for e in batch.entries] == [
        (TIKTOK, FAV[0]), ("youtube", "dQw4w9WgXcQ"), ("instagram", "C1a2B3c4D5e")]
    assert batch.duplicates == 1
    assert [(i.position, i.raw) for i in batch.invalid] == [("line 7", "hello world"),
                                                            ("line 8", "ftp://example.com/x.mp4")]


def test_csv_of_links(tmp_path: Path) -> None:
    path = tmp_path / "clips.csv"
    path.write_text(
        "title,url,notes\n"
        f'"Heart sounds, part 1",https://www.tiktok.com/@dr.heart/video/{FAV[1]},good\n'
        "Broken row,no link here,\n"
        "Short,https://youtu.be/dQw4w9WgXcQ,\n",
        encoding="utf-8",
    )
    batch = read_import(path)
    assert [e.link.key for e in batch.entries] == [(TIKTOK, FAV[1]), ("youtube", "dQw4w9WgXcQ")]
    assert [i.position for i in batch.invalid] == ["line 3"]


def test_utf16_text_files(tmp_path: Path) -> None:
    path = tmp_path / "links.txt"
    path.write_bytes(f"https://youtu.be/dQw4w9WgXcQ\r\n{share(FAV[0])}\r\n".encode("utf-16"))
    assert len(read_import(path).entries) == 2


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-03-01 18:22:05", datetime(2024, 3, 1, 18, 22, 5, tzinfo=UTC)),
        ("2024-03-01T18:22:05Z", datetime(2024, 3, 1, 18, 22, 5, tzinfo=UTC)),
        ("2024-03-01T20:22:05+02:00", datetime(2024, 3, 1, 18, 22, 5, tzinfo=UTC)),
        ("2024-03-01 18:22:05 UTC", datetime(2024, 3, 1, 18, 22, 5, tzinfo=UTC)),
        (1709317325, datetime(2024, 3, 1, 18, 22, 5, tzinfo=UTC)),
        ("1709317325000", datetime(2024, 3, 1, 18, 22, 5, tzinfo=UTC)),
        ("yesterday", None),
        (None, None),
        (True, None),
        (-5, None),
        ([1], None),
    ],
)
def test_parse_date(raw: object, expected: datetime | None) -> None:
    assert parse_date(raw) == expected


def test_parse_link_list_empty() -> None:
    batch = parse_link_list("\n\n# nothing\n")
    assert not batch.entries and not batch.invalid


# ---- fuzzing: the importer never crashes on arbitrary JSON ---------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
    | st.sampled_from([share(FAV[0]), "https://youtu.be/dQw4w9WgXcQ", "2024-03-01 18:22:05", "not a link"]),
    lambda children: st.lists(children, max_size=6)
    | st.dictionaries(
        st.sampled_from(["Activity", "Favorite Videos", "FavoriteVideoList", "Like List", "ItemFavoriteList",
                         "Likes and Favorites", "Your Activity", "Date", "Link", "date", "link", "url"])
        | st.text(max_size=12),
        children,
        max_size=6,
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values, st.booleans())
def test_json_importer_never_crashes(value: Any, likes: bool) -> None:
    try:
        batch = parse_tiktok_json(value, likes=likes)
    except ImportFormatError as exc:
        assert exc.message
        return
    for entry in batch.entries:
        assert entry.link.url.startswith("http")
    keys = [e.link.key for e in batch.entries]
    assert len(keys) == len(set(keys))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["x.json", "x.txt", "x.csv", ""]))
def test_any_bytes_give_a_batch_or_a_readable_error(data: bytes, name: str) -> None:
    try:
        read_import_bytes(data, name)
    except ImportFormatError as exc:
        assert exc.message


def test_deeply_nested_json_is_refused_not_crashed(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ImportFormatError):
        read_import(path)


# ---- issue 17: lists told by their content, posts skipped, likes offered with counts ----------------------

from studycompanion.core.capture.importers import ImportChoice, inspect_export  # noqa: E402
from studycompanion.core.capture.links import normalise  # noqa: E402

POSTS = ["7100000000000000001", "7100000000000000002", "7100000000000000003"]


def txt_records(ids: list[str], extra: str = "") -> str:
    return "".join(f"Date: 2024-02-1{i} 09:00:00\nLink: {share(v)}\n{extra}\n" for i, v in enumerate(ids))


def test_renamed_like_list_with_its_heading_is_likes_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "Favorite Videos.txt"  # renamed to look like favourites; the heading says otherwise
    path.write_text("Like List:\n\n" + txt_records(LIKE), encoding="utf-8")
    favourites = read_import(path)
    assert favourites.entries == [] and favourites.skipped_likes == len(LIKE) and favourites.skipped_favourites == 0
    likes = read_import(path, likes=True)
    assert [e.link.platform_id for e in likes.entries] == LIKE and all(e.kind == EntryKind.LIKE for e in likes.entries)


def test_renamed_file_without_heading_is_never_taken_for_favourites(tmp_path: Path) -> None:
    path = tmp_path / "my tiktok stuff.txt"
    path.write_text(txt_records(LIKE), encoding="utf-8")
    for choice in ImportChoice:
        batch = read_import(path, choice=choice)
        assert [e.link.platform_id for e in batch.entries] == LIKE
        assert all(e.kind == EntryKind.LINK for e in batch.entries)  # plain links: never marked favourites
        assert batch.unlabelled == len(LIKE) and batch.skipped_favourites == 0


def test_renamed_file_in_a_zip_is_the_list_its_siblings_lack(tmp_path: Path) -> None:
    path = tmp_path / "TikTok_Data.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("TikTok/Activity/Favorite Videos.txt", txt_records(FAV))
        zf.writestr("TikTok/Activity/liked (copy).txt", txt_records(LIKE))  # the Like List, renamed
        zf.writestr("TikTok/Activity/Watch History.txt", txt_records(["7999999999999999999"]))
        zf.writestr("TikTok/Profile/User Info.txt", "Username: medstudent\n")
    counts = inspect_export(path)
    assert (counts.favourites, counts.likes, counts.links) == (len(FAV), len(LIKE), 0)  # history never counted
    likes = read_import(path, likes=True)
    assert [e.link.platform_id for e in likes.entries] == LIKE


def test_own_posts_are_skipped_and_counted_txt_and_json(tmp_path: Path) -> None:
    txt = tmp_path / "whatever.txt"
    txt.write_text(txt_records(POSTS, extra="Like(s): 12\n"), encoding="utf-8")  # posts carry their like count
    batch = read_import(txt, choice=ImportChoice.BOTH)
    assert batch.entries == [] and batch.skipped_posts == len(POSTS)
    only_posts = {"Video": {"Videos": {"VideoList": [{"Date": "2023-12-01 00:00:00", "Link": share(p), "Likes": "3"}
                                                     for p in POSTS]}}}
    batch = parse_tiktok_json(only_posts, choice=ImportChoice.BOTH)
    assert batch.entries == [] and batch.skipped_posts == len(POSTS)
    # by structure alone: an unnamed list whose items carry like counts
    unnamed = {"Stuff": {"Things": [{"Link": share(p), "Likes": "3"} for p in POSTS]}}
    assert parse_tiktok_json(unnamed).skipped_posts == len(POSTS)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_inspect_counts_and_both(layout: str, tmp_path: Path) -> None:
    path = tmp_path / "user_data_tiktok.json"
    data = json.loads(json.dumps(LAYOUTS[layout]))
    path.write_text(json.dumps(data), encoding="utf-8")
    counts = inspect_export(path)
    assert (counts.favourites, counts.likes, counts.in_both) == (len(FAV), len(LIKE), 0)
    assert counts.has_choice and counts.total(ImportChoice.BOTH) == len(FAV) + len(LIKE)
    both = read_import(path, choice=ImportChoice.BOTH)
    assert [e.link.platform_id for e in both.entries] == FAV + LIKE
    assert both.skipped_likes == both.skipped_favourites == 0


def test_both_imports_a_clip_liked_and_favourited_once_as_a_favourite() -> None:
    data = {"Activity": {"Favorite Videos": {"FavoriteVideoList": fav_list()},
                         "Like List": {"ItemFavoriteList": [*like_list(), {"Date": "2024-01-01 00:00:00",
                                                                           "Link": share(FAV[1])}]}}}
    batch = parse_tiktok_json(data, choice=ImportChoice.BOTH)
    ids = [e.link.platform_id for e in batch.entries]
    assert sorted(ids) == sorted(FAV + LIKE) and len(ids) == len(set(ids))
    assert batch.in_both == 1
    kept = next(e for e in batch.entries if e.link.platform_id == FAV[1])
    assert kept.kind == EntryKind.FAVOURITE and kept.favourited_at == datetime(2024, 3, 2, 18, 22, 1, tzinfo=UTC)


@pytest.mark.parametrize("raw", [share(FAV[0]), f"https://www.tiktok.com/share/video/{FAV[0]}/",
                                 f"https://www.tiktok.com/@dr.heart/video/{FAV[0]}",
                                 f"https://www.tiktok.com/@dr.heart/video/{FAV[0]}/"])
def test_fast_export_links_are_what_normalise_gives(raw: str) -> None:
    from studycompanion.core.capture.import_model import normalise_export_link

    assert normalise_export_link(raw) == normalise(raw)
