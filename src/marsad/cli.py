"""The `marsad` command: a thin layer that parses options and calls the library."""

from __future__ import annotations

import sys
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

    settings = Settings(max_bytes=max_size)
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
def schema(out: Annotated[Path, typer.Option(help="where to write the JSON schema")]
           = Path("docs/document.schema.json")) -> None:
    """Write the Document JSON schema (the contract of every stage, the API and exports)."""
    from marsad.document import write_json_schema

    write_json_schema(out)
    err.print(f"wrote {out}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
