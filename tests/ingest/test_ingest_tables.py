"""JSON Lines and CSV: per-record errors with line numbers, the batch goes on."""

import json
from pathlib import Path

from assay.ingest import read_inputs
from assay.records import Article, InputError, derive_article_id

FIRST = "Volunteers planted 300 oak saplings along the Merrow canal on Saturday, organisers said.\n"
SECOND = "The regional rail operator said late trains on the northern line would be cut by a third."


def articles(results: list) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def errors(results: list) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 7, "text": FIRST, "outlet": "Merrow Gazette", "published": "2024-04-20",
                    "extra": "ignored"}),
        "",  # blank: skipped without a report
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text here"}),
        json.dumps({"text": ""}),
        json.dumps({"text": 12}),
        json.dumps({"text": SECOND, "url": "https://rail.example/cuts"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_inputs([path]))

    good = articles(results)
    assert [a.text for a in good] == [FIRST, SECOND]
    assert good[0].id == "7"
    assert (good[0].outlet, good[0].published) == ("Merrow Gazette", "2024-04-20")
    assert good[1].id == derive_article_id(SECOND, None, "https://rail.example/cuts")

    bad = errors(results)
    assert [e.line for e in bad] == [3, 4, 5, 6, 7]
    assert all(e.path == str(path) for e in bad)
    assert bad[0].reason.startswith("not JSON")
    assert "not a JSON object" in bad[1].reason
    assert "missing 'text'" in bad[2].reason
    assert "empty" in bad[3].reason
    assert "must be a string" in bad[4].reason


def test_jsonl_text_unchanged(tmp_path: Path) -> None:
    text = "  Leading spaces,\r\na CRLF and a tab\there.  \n\n"
    path = tmp_path / "raw.ndjson"
    path.write_text(json.dumps({"text": text}) + "\r\n", encoding="utf-8")
    assert articles(list(read_inputs([path])))[0].text == text


def test_jsonl_flags_fill_missing_fields_only(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps({"text": FIRST, "outlet": "Merrow Gazette"}) + "\n"
                    + json.dumps({"text": SECOND}) + "\n", encoding="utf-8")
    first, second = articles(list(read_inputs([path], outlet="Wire Desk", published="2024-04-21")))
    assert first.outlet == "Merrow Gazette"
    assert second.outlet == "Wire Desk"
    assert first.published == second.published == "2024-04-21"


def test_jsonl_bad_utf8_line_reports_offset(tmp_path: Path) -> None:
    good = json.dumps({"text": FIRST}).encode("utf-8") + b"\n"
    bad = b'{"text": "caf\xe9 owners said"}\n'
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(good + bad + good)
    results = list(read_inputs([path]))
    assert len(articles(results)) == 2
    (error,) = errors(results)
    assert error.line == 2
    offset = len(good) + bad.index(b"\xe9")
    assert error.reason == f"not UTF-8 text (byte 0xe9 at offset {offset}); convert it to UTF-8"


def test_jsonl_only_blank_lines_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n  \n\n", encoding="utf-8")
    (error,) = list(read_inputs([path]))
    assert isinstance(error, InputError)
    assert "empty" in error.reason


def test_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    multi = "First paragraph about the canal.\r\n\r\nSecond paragraph, with a comma."
    path.write_bytes(
        b"id,title,text,outlet\r\n"
        + b'r1,Saplings,"' + multi.encode() + b'",Merrow Gazette\r\n'
        + b"r2,No text,,Merrow Gazette\r\n"
        + b",Rail cuts," + SECOND.encode() + b",\r\n"
    )
    results = list(read_inputs([path], outlet="Wire Desk"))
    first, second = articles(results)
    assert first.id == "r1" and first.title == "Saplings" and first.outlet == "Merrow Gazette"
    assert first.text == multi  # embedded CRLFs survive
    assert second.text == SECOND and second.outlet == "Wire Desk"
    assert second.id == derive_article_id(SECOND, "Wire Desk", None)
    (error,) = errors(results)
    assert error.line == 5  # the record starting after the three-line first row
    assert "empty" in error.reason


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("title,body\nSaplings,Volunteers planted oaks.\n", encoding="utf-8")
    (error,) = list(read_inputs([path]))
    assert isinstance(error, InputError)
    assert error.line == 1
    assert "no 'text' column" in error.reason


def test_csv_bad_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(b"text\nna\xefve\n")
    (error,) = list(read_inputs([path]))
    assert isinstance(error, InputError)
    assert error.reason.startswith("not UTF-8 text (byte 0xef at offset 7)")


def test_csv_long_field(tmp_path: Path) -> None:
    long_text = "The canal path will stay open. " * 10_000  # beyond csv's default field limit
    path = tmp_path / "long.csv"
    path.write_text('text\n"' + long_text + '"\n', encoding="utf-8")
    (article,) = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert article.text == long_text


def test_json_array_file(tmp_path):
    from assay.ingest import read_inputs
    from assay.records import Article, InputError
    path = tmp_path / "batch.json"
    path.write_text('[\n {"id": "a1", "text": "The pier reopened on Monday."},\n 7,\n {"id": "a3"}\n]\n',
                    encoding="utf-8")
    items = list(read_inputs([path]))
    assert [i.id for i in items if isinstance(i, Article)] == ["a1"]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 2 and "item 2" in errors[0].reason and "item 3" in errors[1].reason


def test_json_lines_in_a_json_file_still_work(tmp_path):
    from assay.ingest import read_inputs
    path = tmp_path / "lines.json"
    path.write_text('{"text": "One."}\n{"text": "Two."}\n', encoding="utf-8")
    assert len(list(read_inputs([path]))) == 2
