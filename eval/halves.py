#!/usr/bin/env python3
"""Two fixed halves of each dev set, to tell a fix of a class from a fix of a sentence.

Look at the misses of half A only; half B is text you have not read. A change that
lifts A and not B fits A's sentences. `eval/splits.json` lists each folder's half-A
ids (half B is every other id); `run_eval.py` scores both halves after the whole set.

usage: halves.py --write [--shared PATH]   (re-make splits.json; only when a set changes)

Sets of articles are split by story: every article of one story line, event or copy
group goes to the same half, so a series is never cut in two. Sets of short items
(sentences, single reports) are split by a hash of the item id. Stdlib only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent
SPLITS_PATH = EVAL_DIR / "splits.json"
HALVES = ("A", "B")
STORY_LINE = re.compile(r"^(dev-[a-z]+|ecbplus-\d+)")  # stories' line, or an ECB+ topic


def load_splits() -> dict[str, set[str]]:
    """Folder under data/ -> ids of its half A."""
    if not SPLITS_PATH.exists():
        return {}
    data = json.loads(SPLITS_PATH.read_text(encoding="utf-8"))
    return {folder: set(ids) for folder, ids in data.items()}


def in_half(item_id: str, half: str, half_a: set[str]) -> bool:
    return (item_id in half_a) == (half == "A")


def jsonl_rows(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def row_id(row: dict) -> str:
    """The article id of a gold row ("id" or "article") or of an `assay extract` line."""
    article = row.get("article", row.get("id"))
    return article.get("id", "") if isinstance(article, dict) else str(article)


def keep_points(series: list[dict], keep: set[str]) -> list[dict]:
    """Series (gold or `assay estimates`) cut to the points of the kept articles; empty ones dropped."""
    cut = [{**s, "points": [p for p in s.get("points", []) if p.get("article") in keep]} for s in series]
    return [s for s in cut if s["points"]]


def story_half(gold: dict, keep: set[str]) -> dict:
    """A gold_story.json restricted to the kept articles."""
    return {
        **gold,
        "series": keep_points(gold.get("series", []), keep),
        "contradictions": keep_points(gold.get("contradictions", []), keep),
        "hypotheticals": [h for h in gold.get("hypotheticals", []) if h.get("article") in keep],
        "duplicates": [d for d in gold.get("duplicates", []) if all(a in keep for a in d)],
    }


def write_half(src: Path, dest: Path, keep: set[str]) -> None:
    """Copy a gold or prediction file (JSON Lines, gold_story.json or estimates JSON) cut to `keep`."""
    if src.suffix == ".jsonl":
        rows = [json.dumps(r, ensure_ascii=False) for r in jsonl_rows(src) if row_id(r) in keep]
        dest.write_text("".join(r + "\n" for r in rows), encoding="utf-8")
        return
    data = json.loads(src.read_text(encoding="utf-8"))
    cut = keep_points(data, keep) if isinstance(data, list) else story_half(data, keep)
    dest.write_text(json.dumps(cut, ensure_ascii=False), encoding="utf-8")


def half_ids(inputs: Path, half: str, half_a: set[str]) -> set[str]:
    return {str(r["id"]) for r in jsonl_rows(inputs) if in_half(str(r["id"]), half, half_a)}


# --- making the split (run once; the list is committed) ---------------------------------


def story_groups(ids: list[str], gold: dict) -> list[list[str]]:
    """Articles joined by a story line, a shared gold series or a copy pair."""
    root = {i: i for i in ids}

    def find(i: str) -> str:
        while root[i] != i:
            i = root[i]
        return i

    def join(articles: Iterable[str]) -> None:
        found = [a for a in articles if a in root]
        for a in found[1:]:
            root[find(a)] = find(found[0])

    by_line: dict[str, list[str]] = {}
    for i in ids:
        line = STORY_LINE.match(i)
        by_line.setdefault(line.group(1) if line else i, []).append(i)
    for members in by_line.values():
        join(members)
    for s in gold.get("series", []):
        join(p["article"] for p in s["points"])
    for pair in gold.get("duplicates", []):
        join(pair)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def balanced_half_a(groups: list[list[str]]) -> list[str]:
    """Largest groups first, each to the smaller half; ties to A."""
    a: list[str] = []
    b: list[str] = []
    for g in sorted(groups, key=lambda g: (-len(g), g[0])):
        (a if len(a) <= len(b) else b).extend(g)
    return sorted(a)


def hashed_half_a(ids: list[str]) -> list[str]:
    return sorted(i for i in ids if hashlib.sha1(i.encode()).digest()[0] % 2 == 0)


def make_splits(shared: Path, folders: Iterable[str]) -> dict[str, list[str]]:
    splits = {}
    for folder in folders:
        base = shared / "data" / folder
        ids = [str(r["id"]) for r in jsonl_rows(base / "inputs.jsonl")]
        story = base / "gold_story.json"
        if story.exists():
            gold = json.loads(story.read_text(encoding="utf-8"))
            splits[folder] = balanced_half_a(story_groups(ids, gold))
        else:
            splits[folder] = hashed_half_a(ids)
    return splits


def main() -> int:
    from run_eval import DEFAULT_SHARED, SETS  # noqa: PLC0415 (run_eval imports this module)

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--write", action="store_true", help="write eval/splits.json")
    args = ap.parse_args()
    folders = sorted({s.folder for s in SETS if s.splittable and s.inputs_path(args.shared).exists()})
    splits = make_splits(args.shared, folders)
    for folder, ids in splits.items():
        total = sum(1 for _ in jsonl_rows(args.shared / "data" / folder / "inputs.jsonl"))
        print(f"{folder}: A {len(ids)}, B {total - len(ids)}")
    if args.write:
        SPLITS_PATH.write_text(json.dumps(splits, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SPLITS_PATH.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
