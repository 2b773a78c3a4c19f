#!/usr/bin/env python3
"""Run assay over the shared evaluation sets, score it, and check the floors.

usage: run_eval.py [--shared PATH] [--sets a,b] [--workers N] [--update]

For each set in SETS whose files exist under the shared folder, run
`assay extract INPUTS --jsonl` into eval/out/<set>.jsonl, score that with the
set's scorer in <shared>/eval (called with --json, never copied), and compare
every metric named in eval/floors.json ("<set>.<scorer key>") with its floor.
A measured value below its floor is a DROP and makes the exit status 1.
`--update` raises floors to the measured values (never lowers them).
A missing shared folder skips the evaluation with exit status 0. Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import halves

EVAL_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = EVAL_DIR.parent
FLOORS_PATH = EVAL_DIR / "floors.json"
OUT_DIR = EVAL_DIR / "out"
DEFAULT_SHARED = PROJECT_ROOT.parent / "shared"

EPS = 1e-9
RAISE_MARGIN = 0.005
DIGITS = 4  # measured values are rounded to this before comparing, as floors are stored

Row = tuple[str, float, float | None, str]  # key, floor, measured, status


@dataclass(frozen=True)
class EvalSet:
    """One evaluation set: <shared>/data/<folder>/inputs.jsonl scored by <shared>/eval/<scorer> against <gold>."""

    name: str
    folder: str
    gold: str
    scorer: str
    script: str = ""  # a script of ours in eval/ that builds its own test data from <folder>/<gold> and scores it
    runner: str = "extract"  # "estimates": ingest the inputs into a fresh store and score `assay estimates --json`
    splittable: bool = True  # scored again on each half of eval/splits.json (not a one-article set)

    def inputs_path(self, shared: Path) -> Path:
        return shared / "data" / self.folder / "inputs.jsonl"

    def gold_path(self, shared: Path) -> Path:
        return shared / "data" / self.folder / self.gold

    def scorer_path(self, shared: Path) -> Path:
        return shared / "eval" / self.scorer


# One line per set; metric keys in floors.json are "<name>.<scorer key>" (nested scorer keys joined by ".").
SETS: tuple[EvalSet, ...] = (
    EvalSet("seed", "seed", "gold_seed.json", "score_seed.py", splittable=False),
    EvalSet("polnear_dev", "polnear/dev", "gold_attribution.jsonl", "score_attribution.py"),
    EvalSet("newsquant_dev", "newsquant/dev", "gold_quantities.jsonl", "score_quantities.py"),
    EvalSet("plover_dev", "plover/dev", "gold_events.jsonl", "score_events.py"),
    EvalSet("petrarch", "petrarch", "gold_events.jsonl", "score_events.py"),
    EvalSet("gwn_dev", "geo/gwn/dev", "gold_places.jsonl", "score_places.py"),
    EvalSet("lgl_dev", "geo/lgl/dev", "gold_places.jsonl", "score_places.py"),
    EvalSet("trnews_dev", "geo/trnews/dev", "gold_places.jsonl", "score_places.py"),
    EvalSet("geovirus_dev", "geo/geovirus/dev", "gold_places.jsonl", "score_places.py"),
    EvalSet("dedupe", "corpus", "fulltext.jsonl", "", script="dedupe_eval.py", splittable=False),
    EvalSet("series_stories", "series/stories/dev", "gold_story.json", "score_series.py", runner="estimates"),
    EvalSet("series_news", "series/news/dev", "gold_story.json", "score_series.py", runner="estimates"),
    EvalSet("claims_stories", "series/stories/dev", "gold_claims.jsonl", "score_claims.py"),
    EvalSet("claims_news", "series/news/dev", "gold_claims.jsonl", "score_claims.py"),
)

# Published numbers printed beside ours for reference only (different model, split and tokenisation).
REFERENCES: dict[str, tuple[str, dict[str, float]]] = {
    "polnear_dev": (
        "CofeNet (PolNeAR, reported)",
        {"source_exact_f1": 83.2, "cue_exact_f1": 75.3, "content_exact_f1": 72.9},
    ),
}


def is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared folder (default: ../shared)")
    ap.add_argument("--sets", help="comma-separated set names to run (default: all)")
    ap.add_argument("--workers", type=int, default=2, help="assay extract --workers (default: 2)")
    ap.add_argument("--update", action="store_true", help="raise floors.json to the measured values")
    return ap.parse_args(argv)


def select_sets(names: str | None) -> list[EvalSet]:
    if not names:
        return list(SETS)
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    known = {s.name: s for s in SETS}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        sys.exit(f"unknown set(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[n] for n in wanted]


def missing_files(es: EvalSet, shared: Path) -> list[Path]:
    if es.script:
        return [p for p in (es.gold_path(shared), EVAL_DIR / es.script) if not p.exists()]
    paths = [es.inputs_path(shared), es.gold_path(shared), es.scorer_path(shared)]
    return [p for p in paths if not p.exists()]


def run_extract(es: EvalSet, shared: Path, workers: int) -> Path | None:
    """Write assay's JSONL for the set to eval/out/<set>.jsonl; None when assay fails."""
    assay = Path(sys.executable).parent / "assay"
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = OUT_DIR / f"{es.name}.jsonl"
    cmd = [str(assay), "extract", str(es.inputs_path(shared)), "--jsonl", "--workers", str(workers)]
    print(f"[{es.name}] {' '.join(cmd)} > {out.relative_to(PROJECT_ROOT)}", flush=True)
    with out.open("w", encoding="utf-8") as f:
        proc = subprocess.run(cmd, stdout=f, cwd=PROJECT_ROOT)
    if proc.returncode != 0:
        print(f"[{es.name}] assay extract failed with status {proc.returncode}", file=sys.stderr)
        return None
    return out


def run_estimates(es: EvalSet, shared: Path) -> Path | None:
    """Ingest the set into a fresh store and write `assay estimates --json` to eval/out/<set>.json."""
    assay = Path(sys.executable).parent / "assay"
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    db, out = OUT_DIR / f"{es.name}.db", OUT_DIR / f"{es.name}.json"
    for stale in OUT_DIR.glob(f"{es.name}.db*"):
        stale.unlink()
    store = ["--store", f"sqlite:///{db}"]
    ingest = [str(assay), *store, "ingest", str(es.inputs_path(shared))]
    print(f"[{es.name}] {' '.join(ingest)}; assay estimates --json > {out.relative_to(PROJECT_ROOT)}", flush=True)
    if subprocess.run(ingest, stdout=subprocess.DEVNULL, cwd=PROJECT_ROOT).returncode not in (0, 1):
        print(f"[{es.name}] assay ingest failed", file=sys.stderr)
        return None
    with out.open("w", encoding="utf-8") as f:
        proc = subprocess.run([str(assay), *store, "estimates", "--json"], stdout=f, cwd=PROJECT_ROOT)
    if proc.returncode != 0:
        print(f"[{es.name}] assay estimates failed with status {proc.returncode}", file=sys.stderr)
        return None
    return out


def run_scorer(es: EvalSet, shared: Path, pred: Path, gold: Path | None = None) -> dict[str, float] | None:
    """The scorer's --json metrics (numeric leaves, rounded to DIGITS); None when it fails."""
    cmd = [sys.executable, str(es.scorer_path(shared)), str(gold or es.gold_path(shared)), str(pred), "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.stderr.strip():
        print(f"[{es.name}] scorer stderr:\n{proc.stderr.rstrip()}", file=sys.stderr)
    try:
        metrics = json.loads(proc.stdout)
    except json.JSONDecodeError:
        print(f"[{es.name}] scorer failed (status {proc.returncode}), no JSON output", file=sys.stderr)
        return None
    return {k: round(v, DIGITS) for k, v in flatten(metrics).items()}


def flatten(metrics: dict[str, object], prefix: str = "") -> dict[str, float]:
    """Numeric leaves of nested scorer output, keyed "a.b.c"."""
    flat: dict[str, float] = {}
    for key, value in metrics.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        elif is_number(value):
            flat[f"{prefix}{key}"] = float(value)
    return flat


def run_script(es: EvalSet, shared: Path) -> dict[str, float] | None:
    """Metrics of an evaluation script of ours that makes its own test data (e.g. syndicated copies)."""
    cmd = [sys.executable, str(EVAL_DIR / es.script), "--shared", str(shared), "--json"]
    print(f"[{es.name}] {' '.join(cmd)}", flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=PROJECT_ROOT)
    try:
        return {k: round(v, DIGITS) for k, v in flatten(json.loads(proc.stdout)).items()}
    except json.JSONDecodeError:
        print(f"[{es.name}] {es.script} failed (status {proc.returncode}):\n{proc.stderr[-2000:]}", file=sys.stderr)
        return None


def score_halves(es: EvalSet, shared: Path, pred: Path, half_a: set[str]) -> dict[str, float]:
    """Metrics of each half of the set, keyed "@A.<key>" and "@B.<key>"; the whole run is cut, not re-run."""
    metrics: dict[str, float] = {}
    for half in halves.HALVES:
        keep = halves.half_ids(es.inputs_path(shared), half, half_a)
        gold_cut = OUT_DIR / f"{es.name}.{half}.gold{es.gold_path(shared).suffix}"
        pred_cut = OUT_DIR / f"{es.name}.{half}{pred.suffix}"
        halves.write_half(es.gold_path(shared), gold_cut, keep)
        halves.write_half(pred, pred_cut, keep)
        scored = run_scorer(es, shared, pred_cut, gold_cut) or {}
        metrics.update({f"@{half}.{k}": v for k, v in scored.items()})
    return metrics


def evaluate(es: EvalSet, shared: Path, workers: int, splits: dict[str, set[str]]) -> dict[str, float]:
    """Metrics keyed "<set>.<key>", and "<set>@<half>.<key>" for a set with a split."""
    if es.script:
        metrics = run_script(es, shared) or {}
        return {f"{es.name}.{k}": v for k, v in metrics.items()}
    pred = run_estimates(es, shared) if es.runner == "estimates" else run_extract(es, shared, workers)
    whole = (run_scorer(es, shared, pred) if pred else None) or {}
    measured = {f"{es.name}.{k}": v for k, v in whole.items()}
    if pred and whole and es.splittable and es.folder in splits:
        measured.update({f"{es.name}{k}": v for k, v in score_halves(es, shared, pred, splits[es.folder]).items()})
    return measured


def load_floors() -> dict[str, float]:
    if not FLOORS_PATH.exists():
        return {}
    data = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.items() if is_number(v)}


def status_of(floor: float, measured: float | None) -> str:
    if measured is None:
        return "MISSING"
    if measured < floor - EPS:
        return "DROP"
    if measured > floor + RAISE_MARGIN:
        return "RAISE"
    return "ok"


def compare(floors: dict[str, float], measured: dict[str, float], ran: set[str]) -> list[Row]:
    """Rows (key, floor, measured, status) for the floor keys of the sets that ran."""
    rows = []
    for key, floor in floors.items():
        if key.split(".", 1)[0] in ran:
            value = measured.get(key)
            rows.append((key, floor, value, status_of(floor, value)))
    return rows


def half_value(measured: dict[str, float], key: str, half: str) -> str:
    name, metric = key.split(".", 1)
    value = measured.get(f"{name}@{half}.{metric}")
    return "-" if value is None else f"{value:.4f}"


def print_table(rows: list[Row], measured: dict[str, float]) -> None:
    """Floors against the whole set, with each half's value beside it (halves are not floored)."""
    width = max([len("key")] + [len(r[0]) for r in rows])
    print(f"\n{'key':<{width}}  {'floor':>7}  {'measured':>8}  {'half A':>7}  {'half B':>7}  status")
    for key, floor, value, status in rows:
        shown = "-" if value is None else f"{value:.4f}"
        a, b = half_value(measured, key, "A"), half_value(measured, key, "B")
        print(f"{key:<{width}}  {floor:>7.4f}  {shown:>8}  {a:>7}  {b:>7}  {status}")


def print_references(measured: dict[str, float], ran: set[str]) -> None:
    for name, (label, ref) in REFERENCES.items():
        if name not in ran:
            continue
        print(f"\n{name} component scores (x100) vs {label}; for reference only:")
        for key, theirs in ref.items():
            ours = measured.get(f"{name}.{key}")
            shown = "-" if ours is None else f"{100 * ours:.1f}"
            print(f"  {key:<18} {shown:>6}  {theirs:>6.1f}")


def update_floors(floors_raw: dict[str, object], measured: dict[str, float]) -> list[str]:
    """Raise listed numeric floors to the measured values; return the changes."""
    changes = []
    for key, old in floors_raw.items():
        if key not in measured or not is_number(old):
            continue
        new = measured[key]
        if new > old + EPS:
            floors_raw[key] = new
            changes.append(f"{key}: {old:.4f} -> {new:.4f}")
    if changes:
        FLOORS_PATH.write_text(json.dumps(floors_raw, indent=2) + "\n", encoding="utf-8")
    return changes


def run_sets(sets: list[EvalSet], shared: Path, workers: int) -> tuple[dict[str, float], set[str]]:
    """Measured metrics keyed "<set>.<key>", and the names of the sets that were attempted."""
    measured: dict[str, float] = {}
    ran: set[str] = set()
    splits = halves.load_splits()
    for es in sets:
        missing = missing_files(es, shared)
        if missing:
            print(f"[{es.name}] skipped: missing {', '.join(str(p) for p in missing)}")
            continue
        ran.add(es.name)
        measured.update(evaluate(es, shared, workers, splits))
    return measured, ran


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    shared = args.shared.resolve()
    for folder, shown in ((shared, args.shared), (shared / "data", args.shared / "data")):
        if not folder.is_dir():
            print(f"{shown} not found: evaluation skipped")
            return 0
    measured, ran = run_sets(select_sets(args.sets), shared, args.workers)
    rows = compare(load_floors(), measured, ran)
    print_table(rows, measured)
    print_references(measured, ran)
    if args.update:
        raw = json.loads(FLOORS_PATH.read_text(encoding="utf-8")) if FLOORS_PATH.exists() else {}
        changes = update_floors(raw, measured)
        print("\nfloors raised:\n  " + "\n  ".join(changes) if changes else "\nfloors unchanged")
    failed = [r[0] for r in rows if r[3] in ("DROP", "MISSING")]
    if failed:
        print(f"\nbelow floor or not measured: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
