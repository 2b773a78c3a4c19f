#!/usr/bin/env python3
"""Score copy detection (assay.analyze.dedupe.copy_groups) on a dev set generated from the shared corpus.

usage: dedupe_eval.py [--shared PATH] [--json] [--n N] [--distinct M] [--seed S]

Nothing is committed: every run reads <shared>/data/corpus/fulltext.jsonl and builds the set anew.
- Originals: N documents of at least 40 words (seeded). Each gets 1-4 syndicated variants made the
  way outlets reprint: a new headline line, a trimmed ending, a dropped or reordered paragraph, an
  added local paragraph, a changed dateline or byline, light house-style word edits, or 2-3 of these.
  Variants are dated 0-3 days after their original.
- Distinct articles: M more random documents, plus every ECB+, BASIL and WikiEvents document.
  ECB+ documents sharing a topic number are different outlets' reports of one event: the hard
  negatives. BASIL records carry no field that groups its triples, so they serve only as distinct
  articles.
- Some corpus documents are real copies of each other (Reuters repeats, one AP story carried by two
  ECB+ outlets). A predicted pair of two corpus documents that share at least half of the shorter's
  sentences verbatim (sentences of 6+ words) is counted as a real copy: neither a hit nor a false
  merge, and such ECB+ pairs leave the hard-negative set. Their counts are reported.
Metrics: pair precision / recall / F1 over copy pairs, the false-merge rate on the hard negatives,
and how often the predicted original is the real one. Stdlib + assay only; a missing shared folder
skips with exit 0.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from assay.analyze.dedupe import copy_groups
from assay.records import Article

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
MIN_WORDS = 40

# Our own filler for the generated parts (headlines, local paragraphs, bylines): never corpus text.
TOWNS = ["Millbrook", "Harlow Falls", "Eastmere", "Kingsport", "Ravensdale", "Oakhurst", "Port Selby", "Lindenfield"]
NAMES = ["Dana Whitlock", "Priya Raman", "Tomas Ekberg", "Grace Obi", "Martin Ferreira", "Lena Hofmann"]
OUTLETS = ["Valley Courier", "The Daily Ledger", "Metro Post", "Coastal Herald", "Northern Star Online"]
KICKERS = ["UPDATE", "Business", "World", "Markets", "Latest", "In brief"]
LOCAL = [
    "{town} business owners said on {day} they were following the news closely.",
    "The {org} in {town} has not yet commented on what the change means for residents.",
    "A spokesperson for the {town} chamber of commerce said members would discuss it at their next meeting.",
    "Analysts at a {town} advisory firm told the {outlet} that the effect on local jobs was hard to judge.",
    "Readers can find earlier coverage on the {outlet} website.",
]
ORGS = ["county council", "regional development board", "farmers' cooperative", "savings bank", "port authority"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
STYLE = {"said": "says", "pct": "percent", "dlrs": "dollars", "mln": "million", "billion": "bln",
         "company": "firm", "about": "around", "also": "additionally", "however": "but", "shares": "stock",
         "told": "informed", "expected": "forecast", "increase": "rise", "because": "as", "purchase": "buy"}
DROPPABLE = {"also", "very", "just", "still", "now", "currently", "further", "recently"}
SENT = re.compile(r"(?<=[.!?])\s+")


def units(text: str) -> list[str]:
    """Paragraphs (blank lines or indented lines, as in wires), else lines, else sentences."""
    for pattern in (r"\n\s*\n", r"\n(?=[ \t]{2,})", r"\n"):
        parts = [p for p in re.split(pattern, text) if p.strip()]
        if len(parts) >= 3:
            return parts
    return [s for s in SENT.split(text) if s.strip()] or [text]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(town=rng.choice(TOWNS), day=rng.choice(DAYS), org=rng.choice(ORGS),
                           outlet=rng.choice(OUTLETS))


def op_headline(rng: random.Random, parts: list[str]) -> list[str]:
    words = parts[0].split()[:rng.randint(4, 8)]
    return [f"{rng.choice(KICKERS)}: " + " ".join(words).title(), *parts]


def op_trim(rng: random.Random, parts: list[str]) -> list[str]:
    if len(parts) >= 3:
        return parts[:max(2, round(len(parts) * rng.uniform(0.5, 0.85)))]
    words = " ".join(parts).split()
    return [" ".join(words[:max(MIN_WORDS // 2, round(len(words) * rng.uniform(0.6, 0.85)))])]


def op_drop(rng: random.Random, parts: list[str]) -> list[str]:
    if len(parts) < 4:
        return parts
    i = rng.randrange(1, len(parts))
    return parts[:i] + parts[i + 1:]


def op_reorder(rng: random.Random, parts: list[str]) -> list[str]:
    if len(parts) < 3:
        return parts
    i = rng.randrange(1, len(parts) - 1)
    return parts[:i] + [parts[i + 1], parts[i]] + parts[i + 2:]


def op_local(rng: random.Random, parts: list[str]) -> list[str]:
    para = " ".join(_fill(rng, t) for t in rng.sample(LOCAL, rng.randint(1, 3)))
    i = rng.randint(1, len(parts))
    return parts[:i] + [para] + parts[i:]


def op_dateline(rng: random.Random, parts: list[str]) -> list[str]:
    first = re.sub(r"^[A-Z][A-Za-z .]{1,30}, [A-Z][a-z]{2,8}\.? \d{1,2}\s*(\([^)]*\))?\s*-+\s*", "", parts[0])
    line = f"{rng.choice(TOWNS).upper()}, {rng.choice(DAYS)} ({rng.choice(OUTLETS)}) - "
    byline = [f"By {rng.choice(NAMES)}, {rng.choice(OUTLETS)}"] if rng.random() < 0.5 else []
    return [*byline, line + first, *parts[1:]]


def op_edit(rng: random.Random, parts: list[str]) -> list[str]:
    """Light edits: up to 1 word in 25 restyled, swapped for a synonym or cut (names and figures are left alone)."""
    out = []
    budget = max(1, sum(len(p.split()) for p in parts) // 25)
    for p in parts:
        words = []
        for w in p.split(" "):
            low = w.lower()
            if budget and low in STYLE and rng.random() < 0.5:
                words.append(STYLE[low])
                budget -= 1
            elif budget and low in DROPPABLE and rng.random() < 0.5:
                budget -= 1
            else:
                words.append(w)
        out.append(" ".join(words))
    return out


OPS = {"headline": op_headline, "trim": op_trim, "drop": op_drop, "reorder": op_reorder, "local": op_local,
       "dateline": op_dateline, "edit": op_edit}


def _shift(date: str | None, days: int) -> str | None:
    if not date or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date
    from datetime import date as d
    from datetime import timedelta
    return (d.fromisoformat(date) + timedelta(days=days)).isoformat()


def make_variant(rng: random.Random, art: Article, k: int) -> tuple[Article, list[str]]:
    names = rng.sample(sorted(OPS), rng.choice([1, 1, 2, 2, 3]))
    parts = units(art.text)
    for name in names:
        parts = OPS[name](rng, parts)
    text = "\n\n".join(parts)
    return Article(id=f"{art.id}~v{k}", text=text, title=None, published=_shift(art.published, rng.randint(1, 3)),
                   outlet=rng.choice(OUTLETS)), names


def sentences(text: str) -> set[str]:
    out = set()
    for s in SENT.split(" ".join(text.split())):
        words = re.findall(r"\w+", s.lower())
        if len(words) >= 6:
            out.add(" ".join(words))
    return out


def aligned_share(a: str, b: str) -> float:
    """Share of the shorter text's words inside runs of 8+ words that occur in the same order in the other."""
    wa, wb = re.findall(r"\w+", a.lower()), re.findall(r"\w+", b.lower())
    if not wa or not wb:
        return float(wa == wb)
    blocks = difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks if m.size >= 8) / min(len(wa), len(wb))


def real_copy(a: Article, b: Article) -> bool:
    """Oracle for two corpus documents, independent of the detector (order-aware, no hashing): half of the
    shorter's sentences appear verbatim in the other, or half its words lie in shared runs of 8+ words."""
    sa, sb = sentences(a.text), sentences(b.text)
    if sa and sb and len(sa & sb) >= 0.5 * min(len(sa), len(sb)):
        return True
    return aligned_share(a.text, b.text) >= 0.5


def ecb_topic(doc_id: str) -> str | None:
    m = re.match(r"ecbplus-(\d+)_", doc_id)
    return m.group(1) if m else None


def build(corpus: list[Article], n: int, distinct: int, seed: int):
    rng = random.Random(seed)
    eligible = [a for a in corpus if len(a.text.split()) >= MIN_WORDS]
    originals = rng.sample(eligible, min(n, len(eligible)))
    chosen = {a.id for a in originals}
    rest = [a for a in corpus if a.id not in chosen]
    always = [a for a in rest if not a.id.startswith("reuters-")]
    others = rng.sample([a for a in rest if a.id.startswith("reuters-")], min(distinct, len(rest) - len(always)))
    variants, gold, ops_used = [], {}, defaultdict(int)
    for o in originals:
        gold[o.id] = o.id
        for k in range(rng.choice([1, 1, 2, 3, 4])):
            v, names = make_variant(rng, o, k)
            variants.append(v)
            gold[v.id] = o.id
            for name in names:
                ops_used[name] += 1
    pool = originals + variants + always + others
    for a in pool:
        gold.setdefault(a.id, a.id)
    rng.shuffle(pool)
    return pool, gold, dict(ops_used), len(originals)


def pairs_of(groups: dict[str, str]) -> set[tuple[str, str]]:
    members = defaultdict(list)
    for k, v in groups.items():
        members[v].append(k)
    return {p for m in members.values() if len(m) > 1 for p in combinations(sorted(m), 2)}


def score(pool: list[Article], gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    by_id = {a.id: a for a in pool}
    gp, pp = pairs_of(gold), pairs_of(pred)
    # a variant of X grouped with Y is excused when X and Y are themselves real copies
    real = {p for p in pp - gp if gold[p[0]] != gold[p[1]] and real_copy(by_id[gold[p[0]]], by_id[gold[p[1]]])}
    tp, fp, fn = len(gp & pp), len(pp - gp - real), len(gp - pp)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    ecb = defaultdict(list)
    for a in pool:
        if "~v" not in a.id and ecb_topic(a.id):
            ecb[ecb_topic(a.id)].append(a.id)
    hard, hard_real = [], []
    for ids in ecb.values():
        for x, y in combinations(sorted(ids), 2):
            if real_copy(by_id[x], by_id[y]):
                hard_real.append((x, y))
            else:
                hard.append((x, y))
    merged = sum(pred[x] == pred[y] for x, y in hard)
    merged_all = merged + sum(pred[x] == pred[y] for x, y in hard_real)
    ps = tp / (tp + fp + len(real)) if tp + fp + len(real) else 1.0
    sizes = defaultdict(int)
    for v in gold.values():
        sizes[v] += 1
    copied = [o for o, c in sizes.items() if c > 1]
    members = defaultdict(list)
    for k, v in gold.items():
        members[v].append(k)
    exact = sum(pred[o] == o and all(pred[k] == o for k in members[o]) for o in copied)
    return {"pair_p": p, "pair_r": r, "pair_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "false_merge_rate": merged / len(hard) if hard else 0.0, "false_merges": merged,
            "hard_negative_pairs": len(hard), "hard_negative_real_copies": len(hard_real),
            "gold_pairs": len(gp), "pred_pairs": len(pp), "tp": tp, "fp": fp, "fn": fn,
            "real_corpus_copy_pairs": len(real), "pair_p_strict": ps,
            "pair_f1_strict": 2 * ps * r / (ps + r) if ps + r else 0.0,
            "false_merge_rate_strict": merged_all / (len(hard) + len(hard_real)) if hard or hard_real else 0.0,
            "original_rate": sum(pred[o] == o for o in copied) / len(copied) if copied else 1.0,
            "exact_group_rate": exact / len(copied) if copied else 1.0}


def load(path: Path) -> list[Article]:
    """The corpus, with repeated ids (four BASIL records are all "basil-empty") made unique."""
    out: list[Article] = []
    seen: dict[str, int] = defaultdict(int)
    with path.open(encoding="utf-8") as f:
        for line in f:
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
    ap.add_argument("--json", action="store_true", help="print one JSON object of numeric metrics")
    ap.add_argument("--n", type=int, default=800, help="originals to syndicate")
    ap.add_argument("--distinct", type=int, default=4000, help="extra random Reuters documents as distinct articles")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=0, help="print up to this many false merges and misses")
    args = ap.parse_args()
    path = args.shared / "data" / "corpus" / "fulltext.jsonl"
    if not path.exists():
        print(f"{path} not found: dedupe evaluation skipped")
        return 0
    pool, gold, ops_used, n_orig = build(load(path), args.n, args.distinct, args.seed)
    t = time.perf_counter()
    pred = copy_groups(pool)
    seconds = time.perf_counter() - t
    m = score(pool, gold, pred)
    n_var = sum("~v" in a.id for a in pool)
    m.update({"originals": n_orig, "variants": n_var, "documents": len(pool), "seconds": round(seconds, 3)})
    if args.show:
        show(pool, gold, pred, args.show)
    if args.json:
        print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in m.items()}))
        return 0
    print(f"documents {len(pool)}: {n_orig} originals, {n_var} syndicated variants, the rest distinct; "
          f"copy_groups took {seconds:.2f} s")
    print("variant operations used: " + ", ".join(f"{k} {v}" for k, v in sorted(ops_used.items())))
    print(f"copy pairs: P {m['pair_p']:.4f}  R {m['pair_r']:.4f}  F1 {m['pair_f1']:.4f}  "
          f"(gold {m['gold_pairs']}, predicted {m['pred_pairs']}, tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    print(f"real copies among corpus documents (not scored): {m['real_corpus_copy_pairs']} pairs; counting them as "
          f"errors: P {m['pair_p_strict']:.4f}  F1 {m['pair_f1_strict']:.4f}")
    print(f"hard negatives (ECB+ same topic, different articles): {m['hard_negative_pairs']} pairs, "
          f"{m['false_merges']} merged, false-merge rate {m['false_merge_rate']:.4%} "
          f"({m['hard_negative_real_copies']} same-topic pairs are real copies and left out; "
          f"over all same-topic pairs {m['false_merge_rate_strict']:.4%})")
    print(f"copied originals picked as their group's original: {m['original_rate']:.4f}; "
          f"groups exactly right (original and members): {m['exact_group_rate']:.4f}")
    ok = m["pair_f1"] >= 0.95 and m["false_merge_rate"] < 0.01
    print(f"targets (F1 >= 0.95, false merges < 1%): {'met' if ok else 'NOT met'}")
    return 0


def show(pool: list[Article], gold: dict[str, str], pred: dict[str, str], k: int) -> None:
    """Debugging aid: a few false merges and missed pairs with their first words."""
    by_id = {a.id: a for a in pool}
    gp, pp = pairs_of(gold), pairs_of(pred)
    for label, pairs in (("FALSE", sorted(pp - gp)), ("MISS", sorted(gp - pp))):
        for x, y in pairs[:k]:
            print(label, x, y, repr(by_id[x].text[:100]), repr(by_id[y].text[:100]), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
