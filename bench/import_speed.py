"""Import speed: a generated 6,000-link TikTok JSON export (favourites + likes + posts) read and queued.

Usage: python bench/import_speed.py [--links 6000] [--runs 3] [--json out.json]

Times, on a fresh library each run: inspect_export (the counts the choice dialog shows), read_import(BOTH) and
queue_batch (clips + search-index rows + capture jobs, one transaction per 500 links). Then a second import
of the same file (everything already in the library). Target: queueing >= 2,000 links/s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studycompanion.core.capture.importers import ImportChoice, inspect_export, read_import  # noqa: E402
from studycompanion.core.capture.queueing import queue_batch  # noqa: E402
from studycompanion.paths import app_paths  # noqa: E402
from studycompanion.services import build_services  # noqa: E402


def make_export(path: Path, links: int) -> tuple[int, int]:
    """favourites : likes = 1 : 2 (likes outnumber favourites in real exports), 200 posts, 10% overlap."""
    favs = links // 3
    likes = links - favs
    fav_list = [{"Date": f"2024-03-01 18:{i // 60 % 60:02d}:{i % 60:02d}",
                 "Link": f"https://www.tiktokv.com/share/video/{7300000000000000000 + i}/"} for i in range(favs)]
    like_list = [{"Date": "2024-02-01 09:00:00",
                  "Link": f"https://www.tiktokv.com/share/video/{7300000000000000000 + favs - favs // 10 + i}/"}
                 for i in range(likes)]
    posts = [{"Date": "2023-01-01 00:00:00", "Link": f"https://www.tiktokv.com/share/video/{7100000000000000000 + i}/",
              "Likes": "3"} for i in range(200)]
    data = {"Activity": {"Favorite Videos": {"FavoriteVideoList": fav_list},
                         "Like List": {"ItemFavoriteList": like_list}},
            "Video": {"Videos": {"VideoList": posts}}}
    path.write_text(json.dumps(data), encoding="utf-8")
    return favs, likes


def run_once(export: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(app_paths(Path(tmp) / "home"))
        try:
            t0 = time.perf_counter()
            counts = inspect_export(export)
            t1 = time.perf_counter()
            batch = read_import(export, choice=ImportChoice.BOTH)
            t2 = time.perf_counter()
            result = queue_batch(batch, services.library, services.pipeline)
            t3 = time.perf_counter()
            again = queue_batch(read_import(export, choice=ImportChoice.BOTH), services.library, services.pipeline)
            t4 = time.perf_counter()
            assert len(result.new) == counts.total(ImportChoice.BOTH) == len(result.jobs)
            assert len(again.new) == 0 and len(again.existing) == len(result.new)
            return {"links": len(batch.entries), "inspect_s": t1 - t0, "read_s": t2 - t1, "queue_s": t3 - t2,
                    "requeue_s": t4 - t3, "posts_skipped": result.skipped_posts}
        finally:
            services.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--links", type=int, default=6000, help="links in the generated export")
    ap.add_argument("--runs", type=int, default=3, help="fresh-library runs (the median is reported)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "user_data_tiktok.json"
        make_export(export, args.links)
        runs = [run_once(export) for _ in range(args.runs)]
    med = {k: statistics.median(r[k] for r in runs) for k in ("inspect_s", "read_s", "queue_s", "requeue_s")}
    links = runs[0]["links"]
    rate = links / med["queue_s"]
    rate_all = links / (med["read_s"] + med["queue_s"])
    print(f"links imported (favourites + likes, overlap once): {links}; posts skipped: {runs[0]['posts_skipped']}")
    print(f"inspect_export        {med['inspect_s'] * 1000:8.0f} ms")
    print(f"read_import(both)     {med['read_s'] * 1000:8.0f} ms")
    print(f"queue_batch (new)     {med['queue_s'] * 1000:8.0f} ms   {rate:8.0f} links/s")
    print(f"read + queue          {(med['read_s'] + med['queue_s']) * 1000:8.0f} ms   {rate_all:8.0f} links/s")
    print(f"re-import (existing)  {med['requeue_s'] * 1000:8.0f} ms   {links / med['requeue_s']:8.0f} links/s")
    verdict = "PASS" if rate_all >= 2000 else "FAIL"
    print(f"target >= 2,000 links/s (read + queue): {verdict}")
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "median": med, "links_per_s": rate_all}, indent=2))
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
