"""Plain-text files: exact text, sidecar and flag metadata, id derivation."""

import json
from pathlib import Path

from assay.ingest import read_inputs
from assay.records import Article, InputError, derive_article_id

STORY = (
    "Officials in the river town of Kessby said on Monday that the old footbridge\r\n"
    "would close for repairs.\r\n\r\n"
    "\u201cWe expect it to reopen by spring,\u201d a council engineer said.\n"
)


def only(results: list) -> Article | InputError:
    assert len(results) == 1, results
    return results[0]


def write_txt(folder: Path, name: str, text: str = STORY) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_text_is_kept_exactly(tmp_path: Path) -> None:
    article = only(list(read_inputs([write_txt(tmp_path, "bridge.txt")])))
    assert isinstance(article, Article)
    assert article.text == STORY  # \r\n, blank line and trailing newline all kept
    assert article.title is None and article.published is None and article.outlet is None
    assert article.language == "en"


def test_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    assert only(list(read_inputs([path]))).text == STORY


def test_sidecar_metadata(tmp_path: Path) -> None:
    path = write_txt(tmp_path, "bridge.txt")
    meta = {"title": "Footbridge to close", "published": "2024-05-06", "outlet": "Kessby Ledger",
            "url": "https://ledger.example/bridge", "author": "T. Varga", "language": "en-GB"}
    (tmp_path / "bridge.json").write_text(json.dumps(meta), encoding="utf-8")
    article = only(list(read_inputs([path])))
    assert (article.title, article.published, article.outlet) == ("Footbridge to close", "2024-05-06",
                                                                  "Kessby Ledger")
    assert (article.url, article.author, article.language) == ("https://ledger.example/bridge", "T. Varga",
                                                               "en-GB")
    assert article.id == derive_article_id(STORY, "Kessby Ledger", "https://ledger.example/bridge")


def test_sidecar_id_and_non_string_values(tmp_path: Path) -> None:
    path = write_txt(tmp_path, "bridge.txt")
    (tmp_path / "bridge.json").write_text(json.dumps({"id": 42, "published": 20240506}), encoding="utf-8")
    article = only(list(read_inputs([path])))
    assert article.id == "42"
    assert article.published == "2024-05-06"  # a number read as text, then as a basic ISO date


def test_flags_fill_metadata(tmp_path: Path) -> None:
    path = write_txt(tmp_path, "bridge.txt")
    article = only(list(read_inputs([path], published="2024-05-06", outlet="River Post")))
    assert article.published == "2024-05-06"
    assert article.outlet == "River Post"
    assert article.id == derive_article_id(STORY, "River Post", None)


def test_sidecar_wins_over_flags(tmp_path: Path) -> None:
    path = write_txt(tmp_path, "bridge.txt")
    (tmp_path / "bridge.json").write_text(json.dumps({"outlet": "Kessby Ledger"}), encoding="utf-8")
    article = only(list(read_inputs([path], published="2024-05-06", outlet="River Post")))
    assert article.outlet == "Kessby Ledger"  # stated for this article
    assert article.published == "2024-05-06"  # the flag fills the gap


def test_malformed_sidecar_skips_article(tmp_path: Path) -> None:
    path = write_txt(tmp_path, "bridge.txt")
    (tmp_path / "bridge.json").write_text('{"outlet": "Kessby Ledger",\n}', encoding="utf-8")
    error = only(list(read_inputs([path])))
    assert isinstance(error, InputError)
    assert error.path == str(tmp_path / "bridge.json")
    assert "malformed sidecar JSON for bridge.txt" in error.reason
    assert error.line == 2


def test_sidecar_not_an_object(tmp_path: Path) -> None:
    path = write_txt(tmp_path, "bridge.txt")
    (tmp_path / "bridge.json").write_text('["Kessby Ledger"]', encoding="utf-8")
    error = only(list(read_inputs([path])))
    assert isinstance(error, InputError)
    assert "not a JSON object" in error.reason


def test_same_text_other_outlet_is_other_article(tmp_path: Path) -> None:
    path = write_txt(tmp_path, "bridge.txt")
    first = only(list(read_inputs([path], outlet="Kessby Ledger")))
    again = only(list(read_inputs([path], outlet="Kessby Ledger")))
    reprint = only(list(read_inputs([path], outlet="River Post")))
    assert first.id == again.id
    assert first.id != reprint.id
