"""The `marsad` command: a thin layer that parses options and calls the library."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from marsad.errors import InputError
from marsad.settings import Settings

app = typer.Typer(help="marsad: Arabic conflict news to structured, evidence-linked data.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
err = Console(stderr=True, highlight=False)
# Command groups; each area adds its commands here with a thin function that calls its library.
train_app = typer.Typer(help="Train marsad's models from the public corpora (../shared/data).", no_args_is_help=True)
eval_app = typer.Typer(help="Evaluate against gold data and print scores.", no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")


class OutputFormat(StrEnum):
    json = "json"
    table = "table"


class Bidi(StrEnum):
    visual = "visual"
    terminal = "terminal"


def report_error(exc: InputError) -> None:
    err.print(f"[red]marsad: error:[/red] {exc.source}: {exc.reason}", markup=True, soft_wrap=True,
              highlight=False)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="files, directories or - for stdin")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.json,
    published: Annotated[str | None, typer.Option(help="publication date (YYYY-MM-DD)")] = None,
    url: Annotated[str | None, typer.Option(help="the article's URL")] = None,
    outlet: Annotated[str | None, typer.Option(help="the outlet that published it")] = None,
    max_size: Annotated[int, typer.Option(help="largest input in bytes")] = Settings().max_bytes,
    bidi: Annotated[Bidi, typer.Option(help="table: put Arabic in visual order, or leave it to the terminal")]
    = Bidi.visual,
) -> None:
    """Analyse articles (text, HTML, JSON Lines) and print one Document per input."""
    from marsad.display import print_document
    from marsad.ingest.readers import read_path
    from marsad.pipeline import analyze as run
    from marsad.pipeline import warm_up

    settings = Settings(max_bytes=max_size)
    warm_up(settings)
    out = Console(highlight=False, soft_wrap=True)
    pretty = format is OutputFormat.json and len(paths) == 1 and Path(paths[0]).is_file() \
        and Path(paths[0]).suffix.lower() not in {".jsonl", ".ndjson"}
    done = failed = 0
    for path in paths:
        for item in read_path(path, settings, published=published, url=url, outlet=outlet):
            try:
                if isinstance(item, InputError):
                    raise item
                doc = run(item, settings)
            except InputError as exc:
                failed += 1
                report_error(exc)
                continue
            done += 1
            if format is OutputFormat.json:
                sys.stdout.write(doc.model_dump_json(indent=2 if pretty else None) + "\n")
                sys.stdout.flush()
            else:
                print_document(doc, out, visual=bidi is Bidi.visual)
    if failed and not done:
        raise typer.Exit(1)
    if failed:
        err.print(f"marsad: {done} analysed, {failed} failed")
        raise typer.Exit(2)


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="JSON Lines, WARC or other files, or directories")],
    out: Annotated[Path, typer.Option(help="output folder: Parquet tables and quarantine.jsonl")],
    scheduler: Annotated[str | None, typer.Option(help="address of a running Dask scheduler")] = None,
    workers: Annotated[int | None, typer.Option(help="local worker processes (default: one per core; 0: none)")]
    = None,
    partition_size: Annotated[int, typer.Option(help="articles per partition (one Dask task)")] = 100,
    retries: Annotated[int, typer.Option(help="times a failed partition is retried")] = 2,
    max_size: Annotated[int, typer.Option(help="largest input in bytes")] = Settings().max_bytes,
) -> None:
    """Analyse many inputs on Dask workers into Parquet (documents, events, mentions, relations)."""
    from marsad.batch.cli import run_batch_command

    if scheduler and workers is not None:
        err.print("marsad: error: give --scheduler or --workers, not both")
        raise typer.Exit(1)
    raise typer.Exit(run_batch_command(inputs, out, Settings(max_bytes=max_size), scheduler=scheduler,
                                       workers=workers, partition_size=partition_size, retries=retries))


@app.command()
def load(
    folder: Annotated[Path, typer.Argument(help="a `marsad batch` output folder")],
    db: Annotated[str | None, typer.Option(help="database URL or SQLite file (default marsad.db)")] = None,
) -> None:
    """Put a batch output into the store (idempotent: what is already stored is not added again)."""
    from marsad.batch.cli import run_load_command

    raise typer.Exit(run_load_command(folder, db))


@app.command()
def schema(out: Annotated[Path, typer.Option(help="where to write the JSON schema")]
           = Path("docs/document.schema.json")) -> None:
    """Write the Document JSON schema (the contract of every stage, the API and exports)."""
    from marsad.document import write_json_schema

    write_json_schema(out)
    err.print(f"wrote {out}")


@train_app.command("ner")
def train_ner(
    data: Annotated[list[Path] | None, typer.Option(help="data root (../shared/data) or corpus folders")] = None,
    out: Annotated[Path, typer.Option(help="where to write the model")] = Path("src/marsad/nlp/models/ner.npz"),
) -> None:
    """Train the named-entity recogniser from ANERcorp, NewsFANE, WikiFANE, AQMAR and Wojood."""
    from marsad.nlp.ner.corpora import default_data_dir
    from marsad.nlp.ner.train import train_default

    try:
        train_default(data or [default_data_dir()], out, log=err.print)
    except InputError as exc:
        report_error(exc)
        raise typer.Exit(1) from exc


class GoldFormat(StrEnum):
    conll = "conll"
    fane = "fane"


@eval_app.command("ner")
def eval_ner(
    data: Annotated[Path, typer.Option(help="gold file: `token TAG` lines (conll) or FANE's TSV (fane)")],
    format: Annotated[GoldFormat, typer.Option("--format")] = GoldFormat.conll,
    model_only: Annotated[bool, typer.Option(help="score the CRF alone, without gazetteer and rules")] = False,
) -> None:
    """Precision, recall and F1 per type and micro-averaged (exact span match, conlleval semantics)."""
    from marsad.nlp.ner.evaluate import evaluate_file, format_scores

    try:
        scores = evaluate_file(data, format.value, model_only=model_only)
    except InputError as exc:
        report_error(exc)
        raise typer.Exit(1) from exc
    typer.echo(format_scores(scores, f"{data} ({format.value})"))


@eval_app.command("events")
def eval_events(
    data: Annotated[Path, typer.Option(help="UniversalPetrarch validation XML, or marsad's annotated events JSON")],
    pipeline_links: Annotated[bool, typer.Option(help="annotated JSON: link with the pipeline, not the gold links")]
    = False,
) -> None:
    """Detection recall and actor agreement (UniversalPetrarch XML), or F1 of type+actor1+place (JSON)."""
    from marsad.events.evaluate import evaluate_annotated, evaluate_petrarch

    try:
        if data.suffix.lower() == ".xml":
            s = evaluate_petrarch(data)
            typer.echo(f"{data}: {s.sentences} sentences\n"
                       f"detection recall (gold PLOVER type found): {s.recall:.3f} ({s.detected}/{s.sentences})\n"
                       f"source actor agreement: {s.source_agreement:.3f} ({s.source_agree}/{s.source_gold})\n"
                       f"target actor agreement: {s.target_agreement:.3f} ({s.target_agree}/{s.target_gold})")
        else:
            a = evaluate_annotated(data, gold_links=not pipeline_links)
            typer.echo(f"{data}: {a.reports} reports, {a.gold} gold events, "
                       f"{a.predicted} predicted (confidence >= 0.5)\n"
                       f"type+actor1+place: precision {a.precision:.3f} recall {a.recall:.3f} F1 {a.f1:.3f}\n"
                       f"status right where the type was found: {a.status_right}/{a.type_matched}")
            for line in a.details:
                typer.echo(f"  {line}")
    except InputError as exc:
        report_error(exc)
        raise typer.Exit(1) from exc


# -- the corpus: ingest, reanalyze, serve, export (library: marsad.store, marsad.api, marsad.export) --

DbOption = Annotated[str | None, typer.Option("--db", help="database URL or SQLite file (default: marsad.db)")]


def _date_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        err.print(f"marsad: error: {name} {value!r} is not a date (YYYY-MM-DD)", markup=False)
        raise typer.Exit(2) from None


def _store(db: str | None, read_only: bool = False):
    from marsad.store.db import StoreError, open_store

    try:
        return open_store(db, read_only=read_only)
    except StoreError as exc:
        err.print(f"marsad: error: {exc}", markup=False)
        raise typer.Exit(1) from None


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="files, directories, JSON Lines, RSS/Atom, WARC")],
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="the outlet, when the input does not say")] = None,
    since: Annotated[str | None, typer.Option(help="skip articles published before this date (YYYY-MM-DD)")]
    = None,
    merge_window: Annotated[int, typer.Option(help="days apart two reports of one event may be")] = 1,
    max_size: Annotated[int, typer.Option(help="largest input in bytes")] = Settings().max_bytes,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="print every duplicate and skip")] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="inputs per transaction (a kill loses at most one)")] = 50,
    workers: Annotated[int, typer.Option(min=1, help="processes analysing in parallel")] = 1,
) -> None:
    """Store articles and their analysis in the corpus database (idempotent, resumable)."""
    from marsad.store.ingest import ingest as run
    from marsad.store.progress import IngestProgress

    sessions = _store(db)
    with IngestProgress(err, verbose) as progress:
        counts = run(paths, sessions, Settings(max_bytes=max_size), outlet=outlet,
                     since=_date_option(since, "--since"), window_days=merge_window, batch_size=batch_size,
                     progress=progress, workers=workers)
    err.print(f"marsad: {counts.summary()}", markup=False)


@app.command()
def reanalyze(
    db: DbOption = None,
    article: Annotated[list[int], typer.Option(help="only these article ids (repeatable)")] = [],  # noqa: B006
    merge_window: Annotated[int, typer.Option(help="days apart two reports of one event may be")] = 1,
) -> None:
    """Re-run extraction over the stored inputs (after the models or the KB improve) and re-merge events."""
    from marsad.store.ingest import reanalyze as run

    counts = run(_store(db), Settings(), window_days=merge_window, article_ids=article or None)
    for failure in counts.failures:
        err.print(f"marsad: kept the previous analysis: {failure}", markup=False)
    err.print(f"marsad: {counts.reanalyzed} reanalysed, {counts.failed} failed, {counts.events} events", markup=False)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="address to bind (127.0.0.1: this machine only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
    cors_origin: Annotated[list[str], typer.Option(help="allow browser calls from this origin")] = [],  # noqa: B006
) -> None:
    """Serve the corpus read-only over HTTP (OpenAPI docs at /docs, dashboard at /ui/)."""
    import uvicorn

    from marsad.api.app import create_app

    _store(db)  # migrate (or fail clearly) before the server starts
    uvicorn.run(create_app(db, cors_origins=cors_origin), host=host, port=port)


class ExportFormat(StrEnum):
    acled = "acled"
    jsonl = "jsonl"
    geojson = "geojson"
    gexf = "gexf"
    graphml = "graphml"
    parquet = "parquet"


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="what to write")],
    out: Annotated[Path, typer.Option(help="the file to write")],
    db: DbOption = None,
    plover: Annotated[list[str], typer.Option(help="PLOVER types")] = [],  # noqa: B006
    acled_type: Annotated[list[str], typer.Option(help="ACLED event types")] = [],  # noqa: B006
    actor: Annotated[list[str], typer.Option(help="actor ids")] = [],  # noqa: B006
    actor_kind: Annotated[list[str], typer.Option(help="actor kinds")] = [],  # noqa: B006
    place: Annotated[str | None, typer.Option(help="a place id (and everything inside it)")] = None,
    governorate: Annotated[str | None, typer.Option(help="governorate name")] = None,
    bbox: Annotated[str | None, typer.Option(help="min_lon,min_lat,max_lon,max_lat")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="events on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="events on or before (YYYY-MM-DD)")] = None,
    status: Annotated[list[str], typer.Option(help="event statuses")] = [],  # noqa: B006
    outlet: Annotated[list[str], typer.Option(help="reported by these outlets")] = [],  # noqa: B006
    min_sources: Annotated[int | None, typer.Option(help="at least this many sources")] = None,
) -> None:
    """Export events (ACLED CSV, JSON Lines, GeoJSON, Parquet) or the actor network (GEXF, GraphML)."""
    from marsad.export import export as run
    from marsad.store.queries import EventFilter, parse_bbox

    try:
        box = parse_bbox(bbox) if bbox else None
    except ValueError as exc:
        err.print(f"marsad: error: --bbox: {exc}", markup=False)
        raise typer.Exit(2) from None
    filters = EventFilter(plover=plover, acled_event_type=acled_type, actor=actor, actor_kind=actor_kind, place=place,
                          governorate=governorate, bbox=box, date_from=_date_option(date_from, "--from"),
                          date_to=_date_option(date_to, "--to"), status=status, outlet=outlet,
                          min_sources=min_sources)
    with _store(db, read_only=True)() as session:
        try:
            written = run(session, format.value, out, filters)
        except OSError as exc:
            err.print(f"marsad: error: {out}: {exc.strerror or exc}", markup=False)
            raise typer.Exit(1) from None
    unit = "edges" if format in (ExportFormat.gexf, ExportFormat.graphml) else "events"
    err.print(f"marsad: wrote {written} {unit} to {out}", markup=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
