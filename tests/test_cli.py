"""The command line as a user runs it, on small inputs we wrote."""

import json

import pytest
from click.testing import CliRunner
from helpers import two_reports, write_jsonl

from assay.cli import cli

GOOD = {"id": "harbour-1", "published": "2026-02-10", "outlet": "The Test Gazette",
        "text": "The harbour master said the ferry had sunk near the breakwater. "
                "“Nobody was aboard,” he said."}


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(GOOD), "{not json", json.dumps({"id": "x", "text": ""})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(args, tmp_path):
    runner = CliRunner()
    return runner.invoke(cli, ["--store", f"sqlite:///{tmp_path / 'a.db'}", *args], catch_exceptions=False)


def test_extract_jsonl_follows_schema_and_reports_bad_lines(corpus, tmp_path):
    result = run(["extract", str(corpus), "--jsonl"], tmp_path)
    assert result.exit_code == 1  # two bad lines
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(rows) == 1
    row = rows[0]
    assert row["schema"] == "assay/1"
    assert row["article"]["id"] == "harbour-1" and row["article"]["text"] == GOOD["text"]
    assert set(row) >= {"claims", "quantities", "times", "places", "events", "entities", "extractors"}
    assert row["extractors"]["claims"].startswith("assay.claims.v")
    assert any("ferry had sunk" in s["text"] for c in row["claims"] for s in c["content"])
    assert "in.jsonl:2" in result.stderr and "in.jsonl:3" in result.stderr


def test_ingest_is_idempotent_and_claims_lists_them(corpus, tmp_path):
    first = run(["ingest", str(corpus)], tmp_path)
    assert first.exit_code == 1
    assert "1 extracted and stored" in first.stderr
    second = run(["ingest", str(corpus)], tmp_path)
    assert "0 extracted and stored, 1 unchanged" in second.stderr
    listed = run(["claims", "--json"], tmp_path)
    rows = json.loads(listed.stdout)
    assert len(rows) == 2
    assert {r["outlet"] for r in rows} == {"The Test Gazette"}
    about = json.loads(run(["claims", "--json", "--about", "aboard"], tmp_path).stdout)
    assert len(about) == 1 and about[0]["source_name"] == "harbour master"


def test_binary_and_missing_inputs_do_not_stop_the_batch(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "ok.txt").write_text("The mayor said the bridge would reopen in May.", encoding="utf-8")
    result = run(["extract", str(tmp_path / "blob.txt"), str(tmp_path / "nope.txt"), str(tmp_path / "ok.txt"),
                  "--jsonl", "--published", "2026-01-05"], tmp_path)
    assert result.exit_code == 1
    assert "binary" in result.stderr and "nope.txt" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["article"]["published"] == "2026-01-05"


def test_workers_give_the_same_output(tmp_path):
    path = tmp_path / "many.jsonl"
    texts = [f"Officials in district {i} said {i} shelters had opened." for i in range(6)]
    path.write_text("\n".join(json.dumps({"text": t}) for t in texts) + "\n", encoding="utf-8")
    one = run(["extract", str(path), "--jsonl"], tmp_path)
    two = run(["extract", str(path), "--jsonl", "--workers", "2"], tmp_path)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 6


def test_unknown_model_is_a_clear_error(corpus, tmp_path):
    result = CliRunner().invoke(cli, ["--model", "no_such_model", "extract", str(corpus), "--jsonl"])
    assert result.exit_code != 0
    assert "not installed" in result.output


def test_article_over_the_length_limit_is_reported(tmp_path):
    path = tmp_path / "long.jsonl"
    rows = [{"id": "long", "text": "The siege went on. " * 200}, {"id": "short", "text": "The mayor said it ended."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    config = tmp_path / "assay.toml"
    config.write_text("max_chars = 1000\n")
    result = CliRunner().invoke(cli, ["--config", str(config), "extract", str(path), "--jsonl"])
    assert result.exit_code == 1
    assert "too long" in result.stderr
    assert [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()] == ["short"]


def test_pipeline_reports_text_beyond_the_model_limit(pipeline):
    from assay.pipeline import Pipeline
    from assay.records import Article, InputError
    from assay.settings import Settings
    small = Pipeline(Settings(max_chars=50))
    results = list(small.extract([Article(id="a", text="x " * 40), Article(id="b", text="He said no.")]))
    assert isinstance(results[0], InputError) and results[0].path == "a"
    assert results[1].article.id == "b"


def test_table_shows_brackets_in_article_text_as_text(tmp_path):
    path = tmp_path / "b.jsonl"
    text = "The mayor said the [red]water[/red] in [our] wells was safe."
    path.write_text(json.dumps({"id": "brackets", "text": text}) + "\n", encoding="utf-8")
    result = run(["extract", str(path)], tmp_path)
    assert result.exit_code == 0
    assert "[red]water[/red]" in result.stdout and "[our]" in result.stdout


def test_estimates_json_from_the_store(tmp_path):
    rows = [{"id": "e1", "published": "2026-05-04", "outlet": "Gazette",
             "text": "Officials said on Friday that 900 Norvan troops had crossed the river."},
            {"id": "e2", "published": "2026-05-06", "outlet": "Courier",
             "text": "An analyst said about 1,400 Norvan troops were now near the dam."}]
    path = write_jsonl(tmp_path / "e.jsonl", rows)
    assert run(["ingest", str(path)], tmp_path).exit_code == 0
    series = json.loads(run(["estimates", "--json"], tmp_path).stdout)
    assert [s["estimand"] for s in series] == ["Norvan personnel"]
    assert [(p["date"], p["value"]) for p in series[0]["points"]] == [("2026-05-01", 900), ("2026-05-06", 1400)]
    assert series[0]["summary"]["latest"] == 1400


def test_an_article_that_takes_too_long_is_reported_and_the_batch_goes_on(monkeypatch):
    import time

    import assay.pipeline as pipeline_module
    from assay.pipeline import Pipeline
    from assay.records import Article, InputError
    from assay.settings import Settings

    real = pipeline_module.extract_doc

    def slow_for_one(article, doc, ref, versions):
        if article.id == "stuck":
            time.sleep(5)
        return real(article, doc, ref, versions)

    monkeypatch.setattr(pipeline_module, "extract_doc", slow_for_one)
    results = list(Pipeline(Settings(extract_timeout=0.5)).extract(
        [Article(id="stuck", text="The mayor said no."), Article(id="fine", text="The mayor said yes.")]))
    assert isinstance(results[0], InputError) and "longer than 0.5 s" in results[0].reason
    assert results[1].article.id == "fine"


def test_places_and_events_from_the_store(tmp_path):
    path = tmp_path / "p.jsonl"
    rows = [{"id": "p1", "published": "2026-05-04", "outlet": "Gazette",
             "text": "ODESA, Ukraine — Ukraine's foreign ministry summoned the Hungarian ambassador on Monday "
                     "to protest against remarks about the border."},
            {"id": "p2", "published": "2026-05-06", "outlet": "Courier",
             "text": "Port workers in Odesa went on strike on Tuesday over unpaid wages."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert run(["ingest", str(path)], tmp_path).exit_code == 0
    places = {p["name"]: p for p in json.loads(run(["places", "--json"], tmp_path).stdout)}
    assert places["Odesa"]["country"] == "UA" and (places["Odesa"]["mentions"], places["Odesa"]["articles"]) == (2, 2)
    assert [p["name"] for p in json.loads(run(["places", "--country", "HU", "--json"], tmp_path).stdout)] == ["Hungary"]
    accuse = json.loads(run(["events", "--type", "accuse", "--json"], tmp_path).stdout)
    assert [(e["actors"][0]["country"], e["recipients"][0]["country"]) for e in accuse] == [("UA", "HU")]
    by_ukraine = json.loads(run(["events", "--actor", "UA", "--json"], tmp_path).stdout)
    assert [e["type"] for e in by_ukraine] == ["ACCUSE", "PROTEST"]  # the Odesa port workers are Ukrainian too
    by_ministry = json.loads(run(["events", "--actor", "foreign ministry", "--json"], tmp_path).stdout)
    assert [e["type"] for e in by_ministry] == ["ACCUSE"]
    table = run(["events"], tmp_path).stdout
    assert "PROTEST" in table and "ACCUSE" in table


def test_a_places_file_with_a_bad_row_is_a_usage_error(tmp_path):
    bad = tmp_path / "places.tsv"
    bad.write_text("Tarnholm\tcity\tXQ\tnorth\t20\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--places", str(bad), "claims"])
    assert result.exit_code == 2 and "places.tsv:1" in result.output


def test_ingest_grades_every_claim_and_lists_sources(tmp_path):
    assert run(["ingest", str(two_reports(tmp_path))], tmp_path).exit_code == 0
    claims = json.loads(run(["claims", "--json"], tmp_path).stdout)
    assert claims and all(c["grade"] and c["reliability_reason"] and c["credibility_reason"] for c in claims)
    assert {c["credibility"] for c in claims} == {4}  # the crossing and its denial contradict each other
    assert [c["article_id"] for c in json.loads(run(["claims", "--grade", "4", "--json"], tmp_path).stdout)] \
        == ["g1", "g2"]
    assert "a grade is A-F" in run(["claims", "--grade", "Z9"], tmp_path).output
    sources = json.loads(run(["sources", "--json"], tmp_path).stdout)
    assert sorted(s["name"] for s in sources) == ["Estovia's border agency", "Norva's defence ministry"]
    assert all(s["claims"] == 1 and s["grades"] == {"C4": 1} for s in sources)
    again = run(["ingest", str(two_reports(tmp_path))], tmp_path)
    assert "0 extracted and stored, 2 unchanged" in again.output
    assert json.loads(run(["claims", "--json"], tmp_path).stdout) == claims


def test_an_actors_file_with_a_bad_row_is_a_usage_error(tmp_path):
    bad = tmp_path / "actors.tsv"
    bad.write_text("org:xq-watch\tHarbour Watch\tborg\tofficial_body\tXQ\tthe Watch\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--actors", str(bad), "claims"])
    assert result.exit_code == 2 and "actors.tsv:1" in result.output


def test_brief_is_written_where_asked(tmp_path):
    assert run(["ingest", str(two_reports(tmp_path))], tmp_path).exit_code == 0
    out = tmp_path / "reports" / "b.html"
    out.parent.mkdir()
    result = run(["brief", "-o", str(out)], tmp_path)
    assert result.exit_code == 0 and str(out) in result.output
    assert "Norva" in out.read_text(encoding="utf-8")
    bad = run(["brief", "-o", str(tmp_path / "missing" / "b.html")], tmp_path)
    assert bad.exit_code == 1 and "cannot write" in bad.output
