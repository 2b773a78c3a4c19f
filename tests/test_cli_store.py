"""Keeping the store: `assay remove`, `assay rebuild`, the store version and an ingest that stopped early."""

import json

from click.testing import CliRunner
from helpers import two_reports, write_jsonl
from sqlalchemy import delete, update

from assay.cli import cli
from assay.store import open_store
from assay.store.schema import meta
from assay.store.schema import series as series_table


def _url(tmp_path):
    return f"sqlite:///{tmp_path / 'a.db'}"


def run(args, tmp_path):
    return CliRunner().invoke(cli, ["--store", _url(tmp_path), *args], catch_exceptions=False)


def _claims(tmp_path):
    return json.loads(run(["claims", "--json"], tmp_path).stdout)


def test_remove_takes_an_article_out_and_regrades_what_it_touched(tmp_path):
    assert run(["ingest", str(two_reports(tmp_path))], tmp_path).exit_code == 0
    assert {c["credibility"] for c in _claims(tmp_path)} == {4}  # the crossing and its denial contradict
    result = run(["remove", "g2"], tmp_path)
    assert result.exit_code == 0 and "1 article removed." in result.output
    left = _claims(tmp_path)
    assert [c["article_id"] for c in left] == ["g1"]
    assert left[0]["credibility"] != 4 and "contradict" not in left[0]["credibility_reason"]
    sources = json.loads(run(["sources", "--json"], tmp_path).stdout)
    assert [s["name"] for s in sources] == ["Estovia's border agency"]


def test_remove_reports_unknown_ids_and_exits_non_zero(tmp_path):
    assert run(["ingest", str(two_reports(tmp_path))], tmp_path).exit_code == 0
    result = run(["remove", "g1", "nope"], tmp_path)
    assert result.exit_code == 1
    assert "not in the store: nope" in result.output and "1 article removed." in result.output
    assert [c["article_id"] for c in _claims(tmp_path)] == ["g2"]


def test_claim_ids_are_stable_across_removal_and_rebuild(tmp_path):
    assert run(["ingest", str(two_reports(tmp_path))], tmp_path).exit_code == 0
    ids = {c["id"]: c["content_text"] for c in _claims(tmp_path)}
    assert all(i == f"{c['article_id']}/{c['claim_id']}" for i, c in zip(ids, _claims(tmp_path), strict=True))
    assert run(["remove", "g1"], tmp_path).exit_code == 0
    assert run(["rebuild"], tmp_path).exit_code == 0
    assert run(["ingest", str(two_reports(tmp_path))], tmp_path).exit_code == 0
    assert {c["id"]: c["content_text"] for c in _claims(tmp_path)} == ids


def test_rebuild_gives_what_the_ingests_gave(tmp_path):
    assert run(["ingest", str(two_reports(tmp_path))], tmp_path).exit_code == 0
    before = _claims(tmp_path)
    result = run(["rebuild"], tmp_path)
    assert result.exit_code == 0 and "Rebuilt over 2 articles" in result.output
    assert _claims(tmp_path) == before


def test_a_store_from_a_newer_assay_is_a_one_line_error(tmp_path):
    assert run(["ingest", str(two_reports(tmp_path))], tmp_path).exit_code == 0
    store = open_store(_url(tmp_path))
    with store.engine.begin() as conn:
        conn.execute(update(meta).where(meta.c.key == "store_version").values(value="99"))
    store.close()
    result = run(["claims"], tmp_path)
    assert result.exit_code == 1 and "made by a newer assay" in result.output


def test_a_store_from_an_older_assay_asks_for_a_rebuild_once(tmp_path):
    assert run(["ingest", str(two_reports(tmp_path))], tmp_path).exit_code == 0
    before = _claims(tmp_path)
    store = open_store(_url(tmp_path))
    with store.engine.begin() as conn:  # what a store made before the version was kept looks like
        conn.execute(delete(meta))
    store.close()
    assert "run `assay rebuild`" in run(["claims"], tmp_path).output
    assert run(["rebuild"], tmp_path).exit_code == 0
    assert "assay rebuild" not in run(["claims"], tmp_path).output
    assert _claims(tmp_path) == before


def test_a_store_of_the_previous_version_is_rebuilt_with_its_series_view(tmp_path):
    rows = [{"id": "e1", "published": "2026-05-04", "text": "Officials said that 900 Norvan troops had crossed."},
            {"id": "e2", "published": "2026-05-06", "text": "An analyst said 1,400 Norvan troops were near the dam."}]
    assert run(["ingest", str(write_jsonl(tmp_path / "e.jsonl", rows))], tmp_path).exit_code == 0
    series = run(["estimates", "--json"], tmp_path).output
    store = open_store(_url(tmp_path))
    with store.engine.begin() as conn:  # a version-2 store: no series tables of the pass yet
        conn.execute(update(meta).where(meta.c.key == "store_version").values(value="2"))
        conn.execute(delete(series_table))
    store.close()
    assert "run `assay rebuild`" in run(["estimates"], tmp_path).output
    assert run(["rebuild"], tmp_path).exit_code == 0
    assert run(["estimates", "--json"], tmp_path).output == series != "[]\n"


def test_articles_stored_by_an_ingest_that_stopped_are_taken_up_by_the_next(pipeline, tmp_path):
    from assay.records import Article
    store = open_store(_url(tmp_path))
    rows = [json.loads(line) for line in two_reports(tmp_path).read_text().splitlines()]
    store.save_many(pipeline.extract_one(Article.from_dict(r)) for r in rows)  # stored, no corpus pass yet
    assert store.pending() == 2
    store.close()
    result = run(["ingest", str(two_reports(tmp_path))], tmp_path)
    assert "2 unchanged" in result.output
    assert open_store(_url(tmp_path)).pending() == 0
    assert {c["credibility"] for c in _claims(tmp_path)} == {4}
