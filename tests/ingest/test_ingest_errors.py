"""Unusable inputs become InputErrors; the rest of the batch is still read."""

import os
from pathlib import Path

import pytest

from assay.ingest import read_inputs
from assay.records import Article, InputError

STORY = "Snow closed the mountain pass above Varnholt for a second day, road officials said.\n"


def one_error(*paths: Path, **options: object) -> InputError:
    results = list(read_inputs(list(paths), **options))
    assert len(results) == 1, results
    assert isinstance(results[0], InputError), results
    return results[0]


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert one_error(path).reason == "binary file, not text"


def test_utf16_file_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(STORY.encode("utf-16"))
    assert "UTF-16" in one_error(path).reason


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"")
    assert one_error(path).reason == "empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "spaces.txt"
    path.write_text(" \n\t\r\n", encoding="utf-8")
    assert "empty" in one_error(path).reason


def test_latin1_file_is_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("The caf\u00e9 on Brenner Street reopened.".encode("latin-1"))
    error = one_error(path)
    assert error.reason == "not UTF-8 text (byte 0xe9 at offset 7); convert it to UTF-8"
    assert error.path == str(path)


def test_article_too_long(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(STORY, encoding="utf-8")
    error = one_error(path, max_chars=20)
    assert error.reason == f"article too long: {len(STORY)} characters > 20"


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text('{"text": "' + "x" * 200 + '"}\n', encoding="utf-8")
    error = one_error(path, max_file_bytes=100)
    assert error.reason == f"file too large: {path.stat().st_size} bytes > 100"


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.xyz"
    path.write_text(STORY, encoding="utf-8")
    assert one_error(path).reason == "unsupported file type .xyz"


def test_missing_path(tmp_path: Path) -> None:
    error = one_error(tmp_path / "nowhere.txt")
    assert error.path == str(tmp_path / "nowhere.txt")
    assert "no such file" in error.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a user that permissions bind")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(STORY, encoding="utf-8")
    path.chmod(0)
    try:
        assert "Permission denied" in one_error(path).reason
    finally:
        path.chmod(0o644)


def test_errors_do_not_stop_the_batch(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00")
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    results = list(read_inputs([tmp_path / "missing.txt", bad, tmp_path / "x.pdf", good]))
    assert [type(r) for r in results] == [InputError, InputError, InputError, Article]
    assert results[-1].text == STORY


def test_read_failure_becomes_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs as root too, where chmod cannot make a file unreadable.
    path = tmp_path / "locked.txt"
    path.write_text(STORY, encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert one_error(path).reason == "cannot read: Permission denied"
