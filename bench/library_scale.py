"""Library at scale: insert rate, search latency (p50/p95 over 100 varied queries), first page of list, size.

Usage: python bench/library_scale.py [--sizes 10000 100000] [--service-sample 2000]

Clips get ~150-word synthetic transcripts drawn from the shipped medical vocabulary and common English words.
The first `--service-sample` clips go through the real service path (create_queued + set_transcript, one
transaction each, FTS kept in step) to measure the insert rate a user sees; the rest are bulk-loaded with
the same row shapes so the 100k run finishes in minutes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from studycompanion.core.db.engine import Database  # noqa: E402
from studycompanion.core.db.search_index import reindex  # noqa: E402
from studycompanion.core.library.clips import Library  # noqa: E402
from studycompanion.core.transcribe.vocab import load_vocabulary  # noqa: E402
from studycompanion.core.types import Segment, Word  # noqa: E402
from studycompanion.paths import app_paths  # noqa: E402

COMMON = [
    *"the a and of to is in that it for you this with as on are so be we what your if can when one like about".split(),
    *"patient remember think really important classic presents causes treated first know look here because".split(),
    *"question exam high yield next step always never most common side effect dose mechanism".split(),
]


def make_text(rng: random.Random, vocab: list[str], words: int = 150) -> str:
    out = []
    for _ in range(words):
        if rng.random() < 0.22:
            out.append(vocab[min(int(rng.paretovariate(1.1)) - 1, len(vocab) - 1)] if rng.random() < 0.5
                       else rng.choice(vocab))
        else:
            out.append(rng.choice(COMMON))
    return " ".join(out)


def segments_for(body: str) -> list[Segment]:
    tokens = body.split()
    segs = []
    for i in range(0, len(tokens), 15):
        chunk = tokens[i:i + 15]
        start = i * 0.4
        segs.append(Segment(start, start + len(chunk) * 0.4, " ".join(chunk),
                            [Word(start + j * 0.4, start + (j + 1) * 0.4, w) for j, w in enumerate(chunk)]))
    return segs


def fill(lib: Library, n: int, service_sample: int, rng: random.Random, vocab: list[str]) -> float:
    """Returns the service-path insert rate (clips/s)."""
    t0 = time.perf_counter()
    sample = min(n, service_sample)
    for i in range(sample):
        video, _ = lib.create_queued("tiktok", f"s{i}", f"https://www.tiktok.com/@doc{i % 500}/video/{i}")
        assert video.id is not None
        lib.update_metadata(video.id, title=" ".join(rng.choice(vocab) for _ in range(4)),
                            caption=make_text(rng, vocab, 20), creator_handle=f"doc{i % 500}")
        lib.set_transcript(video.id, segments_for(make_text(rng, vocab)))
    rate = sample / (time.perf_counter() - t0)
    batch = 5000
    with lib.db.session() as s:
        conn = s.connection()
        for lo in range(sample, n, batch):
            hi = min(n, lo + batch)
            rows = []
            seg_rows = []
            for i in range(lo, hi):
                rows.append({"platform": "tiktok", "pid": f"s{i}", "url": f"https://www.tiktok.com/@doc/video/{i}",
                             "title": " ".join(rng.choice(vocab) for _ in range(4)),
                             "caption": make_text(rng, vocab, 20), "creator": f"doc{i % 500}"})
            conn.execute(text(
                "INSERT INTO video (platform, platform_id, source_url, title, caption, creator_handle, creator_name, "
                "hashtags, added_at, status, favourite, notes, media_file, thumbnail_file, info_file, content_hash, "
                "file_size, error) VALUES (:platform, :pid, :url, :title, :caption, :creator, '', '[]', "
                "datetime('now'), 'transcribed', 0, '', '', '', '', '', 0, '')"), rows)
            ids = sorted(r[0] for r in conn.execute(text("SELECT id FROM video ORDER BY id DESC LIMIT :k"),
                                                    {"k": hi - lo}))
            for vid in ids:
                for idx, seg in enumerate(segments_for(make_text(rng, vocab))):
                    seg_rows.append({"vid": vid, "idx": idx, "start": seg.start, "end": seg.end, "text": seg.text,
                                     "words": json.dumps([[w.start, w.end, w.text, 1.0] for w in seg.words])})
            conn.execute(text("INSERT INTO transcriptsegment (video_id, idx, start, end, text, words) "
                              "VALUES (:vid, :idx, :start, :end, :text, :words)"), seg_rows)
            for vid in ids:
                reindex(s, vid)
    return rate


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def queries(rng: random.Random, vocab: list[str]) -> list[str]:
    qs: list[str] = []
    singles = [v for v in vocab if " " not in v]
    for i in range(100):
        kind = i % 4
        if kind == 0:
            qs.append(rng.choice(singles))  # one term
        elif kind == 1:
            qs.append(f"{rng.choice(singles)} {rng.choice(singles)}")  # two terms, both required
        elif kind == 2:
            term = rng.choice(singles)
            qs.append(term[: max(3, len(term) // 2)])  # typing: a prefix
        else:
            qs.append(f"{rng.choice(COMMON)} {rng.choice(singles)}")  # a common word and a term
    return qs


def run(n: int, service_sample: int) -> dict[str, float]:
    rng = random.Random(n)
    vocab = [v.lower() for v in load_vocabulary()] or ["metoprolol", "murmur", "stenosis"]
    with tempfile.TemporaryDirectory() as tmp:
        paths = app_paths(Path(tmp)).ensure()
        db = Database(paths.db, paths.backups)
        db.migrate()
        lib = Library(db, paths)
        t0 = time.perf_counter()
        rate = fill(lib, n, service_sample, rng, vocab)
        fill_s = time.perf_counter() - t0
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA optimize")
        lat = []
        hits = 0
        for q in queries(rng, vocab):
            t = time.perf_counter()
            res = lib.search(q, limit=50)
            lat.append((time.perf_counter() - t) * 1000)
            hits += bool(res)
        pages = []
        for _ in range(20):
            t = time.perf_counter()
            lib.list_videos(limit=60)
            pages.append((time.perf_counter() - t) * 1000)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        size = paths.db.stat().st_size / 1e6
        db.dispose()
        return {"n": n, "rate": rate, "fill_s": fill_s, "p50": percentile(lat, 0.5), "p95": percentile(lat, 0.95),
                "hit_share": hits / len(lat), "page_p50": percentile(pages, 0.5), "size_mb": size}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--service-sample", type=int, default=2000)
    args = ap.parse_args()
    rows = [run(n, args.service_sample) for n in args.sizes]
    print("\nlibrary_scale  (targets at 100k: search p95 <= 30 ms, first page <= 20 ms)")
    print(f"{'clips':>8} {'insert clips/s':>15} {'search p50 ms':>14} {'search p95 ms':>14} {'queries w/ hits':>16} "
          f"{'first page ms':>14} {'db MB':>8}")
    for r in rows:
        print(f"{r['n']:>8} {r['rate']:>15.0f} {r['p50']:>14.2f} {r['p95']:>14.2f} {r['hit_share']:>16.0%} "
              f"{r['page_p50']:>14.2f} {r['size_mb']:>8.1f}")


if __name__ == "__main__":
    main()
