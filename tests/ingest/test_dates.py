"""Published dates are read once, at ingest, into ISO 8601; a date nothing can read is reported."""

from pathlib import Path

import pytest

from assay.dates import DateError, iso_published
from assay.ingest import read_inputs
from assay.records import Article, InputError


@pytest.mark.parametrize(("written", "iso"), [
    ("2024-10-21", "2024-10-21"),
    ("2024-10-21T08:30:00+00:00", "2024-10-21T08:30:00+00:00"),
    ("2024-10-21T08:30:00Z", "2024-10-21T08:30:00+00:00"),
    ("20241021", "2024-10-21"),
    ("Oct 21, 2024", "2024-10-21"),
    ("October 21, 2024", "2024-10-21"),
    ("21 October 2024", "2024-10-21"),
    ("21 Sept 2024", "2024-09-21"),
    ("2024/10/21", "2024-10-21"),
    ("  Oct  21,   2024 ", "2024-10-21"),
    ("Mon, 21 Oct 2024 08:30:00 +0000", "2024-10-21T08:30:00+00:00"),
    (None, None),
    ("", None),
])
def test_written_dates_become_iso(written, iso):
    assert iso_published(written) == iso


@pytest.mark.parametrize("bad", ["last Tuesday", "2024-13-45", "21/10/2024 or so"])
def test_unreadable_dates_raise(bad):
    with pytest.raises(DateError, match="published date not understood"):
        iso_published(bad)


def test_a_csv_date_is_stored_as_iso_and_a_bad_one_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text('id,published,text\n'
                    'a1,"Oct 21, 2024",The council voted to reopen the ferry.\n'
                    'a2,sometime in spring,The ferry reopened.\n'
                    'a3,2024-10-22,The ferry ran on time.\n', encoding="utf-8")
    results = list(read_inputs([path]))
    stored = {r.id: r.published for r in results if isinstance(r, Article)}
    assert stored == {"a1": "2024-10-21", "a3": "2024-10-22"}
    (error,) = [r for r in results if isinstance(r, InputError)]
    assert error.line == 3 and "'sometime in spring'" in error.reason
