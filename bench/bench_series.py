"""What the estimate series cost: building them from scratch over a large store, against the first tenth of
the same store in the same run (the small case), so the ratio shows whether the cost grows with the store;
and reading the stored view the corpus pass keeps, which is what `assay estimates` does.

    .venv/bin/python bench/bench_series.py [--shared ../shared] [--docs 20000] [--workers 2]

The store (the first N documents of the shared corpus) is built once with the current extractors and cached
in ~/.cache/assay/bench under a name that holds their versions, so a change of extractor builds it anew
(about 15 minutes for 20,000 documents on 2 cores). Results: a table on stdout and bench/out/series.json.
Skips (exit 0) when the shared corpus is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from bench_corpus import CORPUS, build, rss_mb

HERE = Path(__file__).resolve().parent
OUT_FILE = HERE / "out" / "series.json"
LAYERS = ("quantities", "claims", "entities", "places", "events")  # what assay estimates reads


def versions_tag() -> str:
    from assay.pipeline import extractor_versions
    from assay.settings import Settings
    text = json.dumps(extractor_versions(Settings()), sort_keys=True)
    return hashlib.sha1(text.encode()).hexdigest()[:8]


def timed(store, limit: int | None) -> dict[str, float]:
    """Build the series over the first `limit` stored articles (all when None), from scratch."""
    from itertools import islice

    from assay.analyze.estimates import build_series
    start = time.perf_counter()
    exs = list(islice(store.extraction_parts(*LAYERS), limit))
    read = time.perf_counter() - start
    series = build_series(exs, grades=store.grades(), copies=store.copies())
    total = time.perf_counter() - start
    return {"articles": len(exs), "read_s": read, "total_s": total, "series": len(series),
            "points": sum(len(s["points"]) for s in series)}


def timed_view(store) -> dict[str, float]:
    """Read the stored series view, as `assay estimates`, the brief and the dashboard now do."""
    from assay.analyze.estimates import series_order
    start = time.perf_counter()
    series = series_order(store.series())
    return {"total_s": time.perf_counter() - start, "series": len(series),
            "points": sum(len(s["points"]) for s in series)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "assay" / "bench")
    ap.add_argument("--store", type=Path, help="time this existing SQLite store instead of building one")
    args = ap.parse_args()
    corpus = args.shared / CORPUS
    if not corpus.exists():
        print(f"skipped: no benchmark corpus at {corpus}")
        return 0
    from assay.store import open_store
    args.cache.mkdir(parents=True, exist_ok=True)
    db = args.store or args.cache / f"corpus-{args.docs}-{versions_tag()}.db"
    if not db.exists():
        build(corpus, args.docs, db, args.workers)
    store = open_store(f"sqlite:///{db}")
    rebuild_s = None
    if store.stale:  # made by an older assay: the corpus pass (and with it the series view) is rebuilt once
        from assay import service
        start = time.perf_counter()
        service.rebuild(store)
        rebuild_s = time.perf_counter() - start
        print(f"store rebuilt for the current assay in {rebuild_s:.1f} s")
    small = timed(store, args.docs // 10)
    large = timed(store, None)
    view = timed_view(store)
    store.close()
    results = {"small": small, "large": large, "stored_view": view, "rebuild_s": rebuild_s, "peak_rss_mb": rss_mb(),
               "time_ratio": large["total_s"] / small["total_s"],
               "size_ratio": large["articles"] / max(small["articles"], 1)}
    OUT_FILE.parent.mkdir(exist_ok=True)
    OUT_FILE.write_text(json.dumps(results, indent=2))
    for name, r in (("small", small), ("large", large)):
        print(f"{name:>6}: {r['articles']:>6} articles, {r['series']:>6} series, {r['points']:>7} points: "
              f"{r['total_s']:.1f} s ({r['read_s']:.1f} s reading the store)")
    print(f"stored view: {view['series']} series, {view['points']} points read in {view['total_s']:.2f} s")
    print(f"large / small: {results['time_ratio']:.1f}x the time for {results['size_ratio']:.0f}x the articles; "
          f"peak memory {results['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
