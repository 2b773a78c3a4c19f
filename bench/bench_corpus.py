"""What an ingest costs as the store grows: adding 1, 10 and 100 articles to a large store against adding the
same articles to an empty store, in the same run; and a full rebuild against the whole-store pass as one
pure function (the way every ingest ran before the pass became incremental).

    .venv/bin/python bench/bench_corpus.py [--shared ../shared] [--docs 20000] [--workers 2] [--sizes 1,10,100]

The large store (the first N documents of the shared corpus) is built once and cached in
~/.cache/assay/bench (`--cache DIR`); building 20,000 documents takes about 15 minutes on 2 cores. Every
measured ingest runs in its own process on a fresh copy of its store, with the model loaded before the clock
starts, so its peak RSS is its own. The added articles come from after the first N documents. Results: a
table on stdout and bench/out/corpus.json. Skips (exit 0) when the shared corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT_FILE = HERE / "out" / "corpus.json"
CORPUS = Path("data") / "corpus" / "fulltext.jsonl"
TARGET_TIME = 1.2  # adding 10 articles to the large store costs at most this many times the empty-store case
TARGET_MB = 50  # ... and at most this much more peak memory


def articles(path: Path, skip: int, count: int) -> list[Any]:
    from assay.records import Article
    with path.open(encoding="utf-8") as f:
        return [Article.from_dict(json.loads(line)) for line in islice(f, skip, skip + count) if line.strip()]


def build(path: Path, docs: int, db: Path, workers: int) -> None:
    """Ingest the first `docs` documents into a new store (once; cached)."""
    part, first = db.with_suffix(".building"), db.with_suffix(".jsonl")
    part.unlink(missing_ok=True)
    with path.open(encoding="utf-8") as f:
        first.write_text("".join(islice(f, docs)), encoding="utf-8")
    cmd = [str(Path(sys.executable).parent / "assay"), "--store", f"sqlite:///{part}", "ingest", "--workers",
           str(workers), str(first)]
    print(f"building the {docs}-document store in {db} (once) ...", flush=True)
    subprocess.run(cmd, check=False)  # a few unreadable documents are reported and skipped
    first.unlink()
    part.rename(db)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(db: str, corpus: Path, skip: int, count: int) -> dict[str, Any]:
    """In a child: ingest `count` new articles into the store at `db` and time it."""
    from assay import service
    from assay.pipeline import Pipeline
    from assay.settings import Settings
    from assay.store import open_store
    pipeline = Pipeline(Settings())
    pipeline.extract_one(articles(corpus, 0, 1)[0])  # warm the model and the gazetteer
    new = articles(corpus, skip, count)
    before = rss_mb()
    store = open_store(f"sqlite:///{db}")
    start = time.perf_counter()
    report = service.ingest(store, new, pipeline.extract, pipeline.versions)
    seconds = time.perf_counter() - start
    store.close()
    return {"seconds": seconds, "stored": len(report.stored), "graded": report.corpus.claims_graded,
            "rss_mb": rss_mb(), "rss_before_mb": before}


def whole(db: str) -> dict[str, Any]:
    """In a child: today's whole-store pass as one pure function, then `assay rebuild`, on the same store."""
    from assay import service
    from assay.analyze.corpus import analysis_rows, analyze
    from assay.store import open_store
    store = open_store(f"sqlite:///{db}")
    start = time.perf_counter()
    exs = list(store.extractions())
    analysis_rows(analyze(exs), exs)
    pure = time.perf_counter() - start
    del exs
    start = time.perf_counter()
    report = service.rebuild(store)
    rebuild = time.perf_counter() - start
    store.close()
    return {"pure_pass_s": pure, "rebuild_s": rebuild, "articles": report.added, "graded": report.claims_graded}


def child(args: list[str]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, "--one", json.dumps(args)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"measurement failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.splitlines()[-1])


def size_per_article(db: Path) -> dict[str, float]:
    import sqlite3
    conn = sqlite3.connect(db)
    n, chars = conn.execute("select count(*), sum(length(text)) from articles").fetchone()
    conn.close()
    size = db.stat().st_size
    return {"articles": n, "bytes_per_article": size / n, "bytes_per_1000_chars": size / chars * 1000}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=HERE.parents[1] / "shared")
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2, help="processes for building the large store")
    ap.add_argument("--sizes", default="1,10,100")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "assay" / "bench")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        spec = json.loads(args.one)
        result = whole(spec[1]) if spec[0] == "whole" else one(spec[1], Path(spec[2]), spec[3], spec[4])
        print(json.dumps(result))
        return 0
    corpus = args.shared / CORPUS
    if not corpus.is_file():
        print(f"{corpus} not found: benchmark skipped")
        return 0
    args.cache.mkdir(parents=True, exist_ok=True)
    base = args.cache / f"corpus-{args.docs}.db"
    if not base.exists():
        build(corpus, args.docs, base, args.workers)
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, Any] = {"docs": args.docs, "cases": []}
    with tempfile.TemporaryDirectory() as tmp:
        large = Path(tmp) / "large.db"
        shutil.copy(base, large)
        results["whole"] = child(["whole", str(large)])  # also migrates an older cached store
        results["store_size"] = size_per_article(large)
        for n in sizes:
            for label in ("empty", "large"):
                db = Path(tmp) / f"case-{label}.db"
                db.unlink(missing_ok=True)
                if label == "large":
                    shutil.copy(large, db)
                r = child(["one", str(db), str(corpus), args.docs, n])
                results["cases"].append({"store": label, "added": n, **r})
    report(results)
    OUT_FILE.parent.mkdir(exist_ok=True)
    OUT_FILE.write_text(json.dumps(results, indent=2))
    return 0


def report(results: dict[str, Any]) -> None:
    w = results["whole"]
    print(f"\nWhole-store pass over {w['articles']} articles: as one pure function {w['pure_pass_s']:.1f} s, "
          f"assay rebuild {w['rebuild_s']:.1f} s (ratio {w['rebuild_s'] / w['pure_pass_s']:.2f})")
    s = results["store_size"]
    print(f"Store size: {s['bytes_per_article'] / 1024:.1f} KB per article, "
          f"{s['bytes_per_1000_chars'] / 1024:.1f} KB per 1,000 characters of text\n")
    print(f"{'added':>6} {'empty s':>9} {'large s':>9} {'ratio':>6} {'empty MB':>9} {'large MB':>9} {'+MB':>6}")
    by = {(c["store"], c["added"]): c for c in results["cases"]}
    for n in sorted({c["added"] for c in results["cases"]}):
        e, g = by[("empty", n)], by[("large", n)]
        print(f"{n:>6} {e['seconds']:>9.2f} {g['seconds']:>9.2f} {g['seconds'] / e['seconds']:>6.2f} "
              f"{e['rss_mb']:>9.0f} {g['rss_mb']:>9.0f} {g['rss_mb'] - e['rss_mb']:>6.0f}")
    if ("large", 10) in by:
        e, g = by[("empty", 10)], by[("large", 10)]
        ok_t, ok_m = g["seconds"] <= TARGET_TIME * e["seconds"], g["rss_mb"] - e["rss_mb"] <= TARGET_MB
        print(f"\ntarget: 10 added to the large store <= {TARGET_TIME}x the empty store: "
              f"{'met' if ok_t else 'NOT met'}; peak memory <= +{TARGET_MB} MB: {'met' if ok_m else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main())
