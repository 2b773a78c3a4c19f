"""Extraction throughput and peak memory, as ratios against plain spaCy on the same texts.

    .venv/bin/python bench/bench_extract.py --shared ../shared [--docs 2000] [--workers 1,2]
    .venv/bin/python bench/bench_extract.py --input examples/corpus.jsonl --docs 10

Every measurement runs in its own fresh process (this script re-invoked with the
hidden `--one MODE` flag), so its peak RSS is its own. The model is loaded before
the clock starts; load time is reported separately. Results: a table on stdout
and `bench/out/extract.json`. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT_FILE = HERE / "out" / "extract.json"
CORPUS = Path("data") / "corpus" / "fulltext.jsonl"
BASELINE = "spacy"
BATCH_SIZE = 32  # the baseline's nlp.pipe batch size (assay uses Settings().batch_size)
RATIO_TARGET = 0.7
ARTICLE_FIELDS = ("title", "published", "outlet", "url", "author")


# ---------------------------------------------------------------- input


@dataclass(frozen=True)
class Record:
    """One input document: just what the benchmark needs to build an Article."""

    id: str
    text: str
    meta: dict[str, str | None]


def _records(path: Path) -> Iterator[Record]:
    """Records with a non-empty string `text`, in file order; other lines are skipped."""
    with path.open(encoding="utf-8-sig") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            text = obj.get("text") if isinstance(obj, dict) else None
            if isinstance(text, str) and text.strip():
                meta = {k: obj.get(k) if isinstance(obj.get(k), str) else None for k in ARTICLE_FIELDS}
                yield Record(id=str(obj.get("id") or f"line-{lineno}"), text=text, meta=meta)


def load_records(path: Path, n: int) -> list[Record]:
    return list(islice(_records(path), n))


def to_articles(records: list[Record]) -> list[Any]:
    from assay.records import Article

    return [Article(id=r.id, text=r.text, **r.meta) for r in records]


# ---------------------------------------------------------------- one measurement (child process)


def _peak_rss_mb(workers: int) -> dict[str, float]:
    """Peak RSS of this process, the largest waited-for child, and this + workers x that child.

    Linux reports ru_maxrss in KiB; RUSAGE_CHILDREN is the largest single child, not a sum,
    so the total is an upper bound (the workers' peaks need not coincide).
    """
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_main_mb": own, "rss_worker_mb": child, "peak_rss_mb": own + workers * child}


def measure_spacy(texts: list[str], model: str) -> dict[str, Any]:
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load(model)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    seconds = time.perf_counter() - t0
    return {"load_s": load_s, "seconds": seconds, "startup_in_clock_s": 0.0, "results": len(docs),
            "errors": 0, "json_bytes": 0, **_peak_rss_mb(0)}


def _consume(results: Iterator[Any]) -> tuple[int, int, int, float | None]:
    """(extractions, errors, JSON bytes, seconds until the first result) for an extraction stream."""
    from assay.records import Extraction

    t0 = time.perf_counter()
    first: float | None = None
    ok = errors = size = 0
    for result in results:
        if first is None:
            first = time.perf_counter() - t0
        if isinstance(result, Extraction):
            ok += 1
            size += len(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            errors += 1
    return ok, errors, size, first


def _pool_startup_s(articles: list[Any], settings: Any) -> float:
    """A pool's fixed cost (spawn, imports, model load in each worker): one tiny run of `workers` articles."""
    from assay.runners.local import run_extraction

    probe = articles[: settings.workers]
    t0 = time.perf_counter()
    _consume(run_extraction(probe, settings))
    return time.perf_counter() - t0


def measure_assay(articles: list[Any], workers: int) -> dict[str, Any]:
    from assay.nlp import load_nlp
    from assay.runners.local import run_extraction
    from assay.settings import Settings

    settings = Settings(workers=workers)
    if workers <= 1:  # the runner's Pipeline reuses this process's cached model
        t0 = time.perf_counter()
        load_nlp(settings.model)
        load_s = time.perf_counter() - t0
    else:  # workers load the model in the pool initializer, inside run_extraction
        load_s = _pool_startup_s(articles, settings)
    t0 = time.perf_counter()
    ok, errors, size, _ = _consume(run_extraction(articles, settings))
    wall = time.perf_counter() - t0
    startup = load_s if workers > 1 else 0.0
    return {"load_s": load_s, "seconds": max(wall - startup, 1e-9), "startup_in_clock_s": startup,
            "results": ok, "errors": errors, "json_bytes": size, **_peak_rss_mb(workers)}


def run_one(mode: str, path: Path, n: int) -> dict[str, Any]:
    """One measurement in this process; the caller is a fresh interpreter."""
    from assay.settings import Settings

    records = load_records(path, n)
    if mode == BASELINE:
        return measure_spacy([r.text for r in records], Settings().model)
    return measure_assay(to_articles(records), workers=int(mode.removeprefix("workers=")))


# ---------------------------------------------------------------- driver (parent process)


def spawn_one(mode: str, path: Path, n: int) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its last stdout line is the JSON result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", mode, "--input", str(path), "--docs", str(n)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"measurement {mode!r} failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def add_rates(row: dict[str, Any], docs: int, chars: int, base: dict[str, Any] | None) -> dict[str, Any]:
    row["docs"], row["chars"] = docs, chars
    row["docs_per_s"] = docs / row["seconds"]
    row["chars_per_s"] = chars / row["seconds"]
    row["end_to_end_docs_per_s"] = docs / (row["seconds"] + row["load_s"])
    ref = base or row
    row["ratio_vs_spacy"] = row["docs_per_s"] / ref["docs_per_s"]
    row["rss_ratio_vs_spacy"] = row["peak_rss_mb"] / ref["peak_rss_mb"]
    return row


def run_all(path: Path, n: int, workers: list[int]) -> tuple[list[dict[str, Any]], int, int]:
    records = load_records(path, n)
    docs, chars = len(records), sum(len(r.text) for r in records)
    if not docs:
        raise SystemExit(f"{path}: no documents with a 'text' field")
    rows: list[dict[str, Any]] = []
    base: dict[str, Any] | None = None
    for mode in [BASELINE, *(f"workers={w}" for w in workers)]:
        print(f"measuring {mode} on {docs} docs ...", file=sys.stderr, flush=True)
        row = {"mode": mode, **spawn_one(mode, path, n)}
        rows.append(add_rates(row, docs, chars, base))
        base = base or row
    return rows, docs, chars


def _fmt_row(r: dict[str, Any]) -> str:
    return (f"{r['mode']:<10} {r['docs']:>6} {r['load_s']:>7.2f} {r['seconds']:>8.2f} {r['docs_per_s']:>8.1f} "
            f"{r['chars_per_s']:>10.0f} {r['end_to_end_docs_per_s']:>8.1f} {r['ratio_vs_spacy']:>6.2f} "
            f"{r['peak_rss_mb']:>9.0f} {r['rss_ratio_vs_spacy']:>6.2f}")


def print_table(rows: list[dict[str, Any]]) -> None:
    print(f"{'mode':<10} {'docs':>6} {'load s':>7} {'seconds':>8} {'docs/s':>8} {'chars/s':>10} "
          f"{'e2e d/s':>8} {'ratio':>6} {'peak MB':>9} {'mem x':>6}")
    for r in rows:
        print(_fmt_row(r))


def check_targets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The project's targets: workers=1 at >= 0.7 x spaCy, and workers=2 faster than workers=1."""
    by_mode = {r["mode"]: r for r in rows}
    w1, w2 = by_mode.get("workers=1"), by_mode.get("workers=2")
    targets = []
    if w1:
        targets.append({"target": f"workers=1 ratio vs spaCy >= {RATIO_TARGET}",
                        "value": round(w1["ratio_vs_spacy"], 3), "met": w1["ratio_vs_spacy"] >= RATIO_TARGET})
    if w1 and w2:
        speedup = w2["docs_per_s"] / w1["docs_per_s"]
        targets.append({"target": "workers=2 faster than workers=1 (speed-up > 1)",
                        "value": round(speedup, 3), "met": speedup > 1.0})
    return targets


def print_targets(targets: list[dict[str, Any]]) -> None:
    for t in targets:
        print(f"target: {t['target']}: {t['value']:.2f} -> {'met' if t['met'] else 'NOT met'}")


def environment() -> dict[str, Any]:
    import spacy

    from assay.settings import Settings

    return {"date": date.today().isoformat(), "python": platform.python_version(), "spacy": spacy.__version__,
            "model": Settings().model, "cpus": os.cpu_count(), "platform": platform.platform(),
            "command": " ".join([Path(sys.executable).name, *sys.argv])}


def write_json(rows: list[dict[str, Any]], targets: list[dict[str, Any]], path: Path, chars: int) -> None:
    OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    report = {"input": str(path), "chars": chars, "baseline_batch_size": BATCH_SIZE, **environment(),
              "rows": rows, "targets": targets}
    OUT_FILE.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- command line


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="assay extraction throughput and memory vs plain spaCy")
    p.add_argument("--shared", type=Path, default=Path("../shared"), help="shared folder holding data/corpus")
    p.add_argument("--input", type=Path, help="benchmark this JSONL file instead of the shared corpus")
    p.add_argument("--docs", type=int, default=2000, help="use the first N documents (default 2000)")
    p.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    p.add_argument("--one", help=argparse.SUPPRESS)  # internal: one measurement, JSON on stdout
    return p.parse_args(argv)


def parse_workers(raw: str) -> list[int]:
    workers = [int(w) for w in raw.split(",") if w.strip()]
    if not workers or min(workers) < 1:
        raise SystemExit(f"--workers: expected positive integers, got {raw!r}")
    return workers


def resolve_input(args: argparse.Namespace) -> Path | None:
    """The JSONL file to read, or None (after saying so) when the shared corpus is absent."""
    if args.input is not None:
        if not args.input.is_file():
            raise SystemExit(f"{args.input}: not found")
        return args.input
    path = args.shared / CORPUS
    if not path.is_file():
        print(f"{path}: not found: benchmark skipped")
        return None
    return path


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.input, args.docs)))
        return 0
    workers = parse_workers(args.workers)
    path = resolve_input(args)
    if path is None:
        return 0
    rows, docs, chars = run_all(path, args.docs, workers)
    targets = check_targets(rows)
    print(f"input: {path} ({docs} docs, {chars} chars)")
    print_table(rows)
    print_targets(targets)
    write_json(rows, targets, path, chars)
    print(f"wrote {OUT_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
