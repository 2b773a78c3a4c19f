"""Copy detection speed and memory: `copy_groups` over the shared corpus on one core.

    .venv/bin/python bench/bench_dedupe.py [--shared PATH] [--limit N] [--show K]

Reports seconds, documents/s, peak memory (tracemalloc peak of the timed call, and the process's
max RSS), how many copy groups were found, and the K largest groups (ids, dates, first words) for a
look at whether they are genuine copies. Skips (exit 0) when the shared corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

from assay.analyze.dedupe import copy_groups
from assay.records import Article

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"


def load(path: Path, limit: int | None) -> list[Article]:
    """Articles in file order; a repeated id gets a "#n" suffix so every document counts."""
    out: list[Article] = []
    seen: dict[str, int] = defaultdict(int)
    with path.open(encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(out) >= limit:
                break
            if line.strip():
                d = json.loads(line)
                seen[d["id"]] += 1
                if seen[d["id"]] > 1:
                    d["id"] = f"{d['id']}#{seen[d['id']]}"
                out.append(Article.from_dict(d))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--limit", type=int, default=None, help="use the first N documents")
    ap.add_argument("--show", type=int, default=5, help="print the K largest groups")
    args = ap.parse_args()
    path = args.shared / "data" / "corpus" / "fulltext.jsonl"
    if not path.exists():
        print(f"{path} not found: benchmark skipped")
        return 0
    articles = load(path, args.limit)
    t = time.perf_counter()
    groups = copy_groups(articles)
    seconds = time.perf_counter() - t
    tracemalloc.start()  # a second, traced run: tracing slows Python down, so it is kept off the clock
    copy_groups(articles)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    members: dict[str, list[str]] = defaultdict(list)
    for k, v in groups.items():
        members[v].append(k)
    multi = sorted((m for m in members.values() if len(m) > 1), key=lambda m: (-len(m), min(m)))
    out = {"documents": len(articles), "seconds": round(seconds, 2), "docs_per_s": round(len(articles) / seconds),
           "traced_peak_mb": round(traced_peak / 2**20, 1),
           "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
           "copy_groups": len(multi), "documents_in_groups": sum(len(m) for m in multi),
           "largest_group": len(multi[0]) if multi else 1}
    print(json.dumps(out))
    by_id = {a.id: a for a in articles}
    for m in multi[:args.show]:
        print(f"\n{len(m)} documents, original {groups[m[0]]}:")
        for i in sorted(m, key=lambda i: (by_id[i].published or "~", i)):
            a = by_id[i]
            print(f"  {i:32} {a.published or '-':10} {' '.join(a.text.split()[:14])}")
    target = "met" if len(articles) < 20000 or seconds < 60 else "NOT met"
    print(f"\ntarget (all documents under 60 s): {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
