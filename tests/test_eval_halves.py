"""The dev-set halves: stories stay whole, and each file kind is cut to its half's articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

import halves  # noqa: E402


def test_story_groups_join_lines_series_and_copies():
    ids = ["dev-ships-01", "dev-ships-02", "dev-camp-01", "wire-a", "wire-b", "lone"]
    gold = {
        "series": [{"points": [{"article": "dev-camp-01"}, {"article": "wire-a"}]}],
        "duplicates": [["wire-a", "wire-b"]],
    }
    groups = sorted(sorted(g) for g in halves.story_groups(ids, gold))
    assert groups == [["dev-camp-01", "wire-a", "wire-b"], ["dev-ships-01", "dev-ships-02"], ["lone"]]


def test_balanced_split_puts_each_group_in_one_half():
    groups = [["a1", "a2", "a3"], ["b1", "b2"], ["c1"], ["d1"]]
    half_a = set(halves.balanced_half_a(groups))
    assert half_a == {"a1", "a2", "a3", "d1"}  # 3 then 2, 1 to the smaller half, then the tie to A
    assert all(set(g) <= half_a or not set(g) & half_a for g in groups)


def test_hashed_split_is_stable_and_covers_both_halves():
    ids = [f"item-{n}" for n in range(40)]
    first = halves.hashed_half_a(ids)
    assert first == halves.hashed_half_a(list(reversed(ids)))
    assert 0 < len(first) < len(ids)


def test_write_half_cuts_jsonl_story_and_estimates(tmp_path: Path):
    keep = {"x"}
    lines = tmp_path / "pred.jsonl"
    rows = [{"article": {"id": "x"}}, {"article": {"id": "y"}}, {"id": "x"}]
    lines.write_text("".join(json.dumps(r) + "\n" for r in rows))
    halves.write_half(lines, tmp_path / "cut.jsonl", keep)
    assert len((tmp_path / "cut.jsonl").read_text().splitlines()) == 2

    story = tmp_path / "gold_story.json"
    story.write_text(
        json.dumps(
            {
                "series": [{"points": [{"article": "x"}, {"article": "y"}]}, {"points": [{"article": "y"}]}],
                "hypotheticals": [{"article": "y"}],
                "duplicates": [["x", "y"]],
                "contradictions": [],
            }
        )
    )
    halves.write_half(story, tmp_path / "cut_story.json", keep)
    cut = json.loads((tmp_path / "cut_story.json").read_text())
    assert cut["series"] == [{"points": [{"article": "x"}]}]
    assert cut["hypotheticals"] == [] and cut["duplicates"] == []

    estimates = tmp_path / "est.json"
    estimates.write_text(json.dumps([{"id": "s1", "points": [{"article": "y"}]}]))
    halves.write_half(estimates, tmp_path / "cut_est.json", keep)
    assert json.loads((tmp_path / "cut_est.json").read_text()) == []


def test_in_half_splits_every_id_once():
    half_a = {"x"}
    assert [halves.in_half(i, h, half_a) for i in ("x", "y") for h in halves.HALVES] == [True, False, False, True]
