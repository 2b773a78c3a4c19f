"""Folder walking, sidecar skipping, ordering and de-duplication."""

import json
from pathlib import Path

from assay.ingest import read_inputs
from assay.records import Article, InputError

STORIES = {
    "a.txt": "A new library opened in Oskfield on Thursday, the mayor's office said.\n",
    "b.txt": "Fishermen in Lorrow Bay reported a record herring catch this week.\n",
    "nested/c.txt": "The Dunmere observatory will host an open night in June, staff said.\n",
}


def make_tree(root: Path) -> None:
    for name, text in STORIES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "a.json").write_text(json.dumps({"outlet": "Oskfield Herald"}), encoding="utf-8")
    (root / "records.jsonl").write_text(json.dumps({"text": "Bus fares in Pellam rise in May."}) + "\n",
                                        encoding="utf-8")
    (root / "notes.md").write_text("not an input", encoding="utf-8")
    (root / ".hidden.txt").write_text("a hidden draft", encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "d.txt").write_text("cached copy", encoding="utf-8")


def test_folder_walk(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_inputs([tmp_path]))
    assert all(isinstance(r, Article) for r in results), results
    texts = [r.text for r in results]
    # sorted by name at each level; a.json is a.txt's sidecar; .md and hidden entries are ignored
    assert texts == [STORIES["a.txt"], STORIES["b.txt"], STORIES["nested/c.txt"],
                     "Bus fares in Pellam rise in May."]
    assert results[0].outlet == "Oskfield Herald"


def test_explicit_sidecar_is_not_an_input(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_inputs([tmp_path / "a.json", tmp_path / "a.txt"]))
    assert len(results) == 1
    assert results[0].outlet == "Oskfield Herald"


def test_lone_json_is_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"text": "Ferry fares fall."}) + "\n", encoding="utf-8")
    (result,) = list(read_inputs([tmp_path]))
    assert isinstance(result, Article) and result.text == "Ferry fares fall."


def test_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_inputs([tmp_path / "b.txt", tmp_path]))
    assert [r.text for r in results].count(STORIES["b.txt"]) == 1


def test_single_path_string(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_inputs(str(tmp_path / "b.txt")))  # type: ignore[arg-type]
    assert [r.text for r in results] == [STORIES["b.txt"]]


def test_bad_file_in_folder_is_reported(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "b.txt").write_bytes(b"")
    results = list(read_inputs([tmp_path]))
    errors = [r for r in results if isinstance(r, InputError)]
    assert [(e.path, e.reason) for e in errors] == [(str(tmp_path / "b.txt"), "empty file")]
    assert len(results) == 4
