"""`marsad batch` and `marsad load` from the command line: exit codes, summary, no tracebacks."""

from __future__ import annotations

from typer.testing import CliRunner

from marsad.batch.records import read_table
from marsad.cli import app

from .conftest import EXAMPLES

runner = CliRunner()


def test_batch_then_load_from_the_command_line(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(EXAMPLES), "--out", str(out), "--workers", "0"])
    assert result.exit_code == 0, result.output
    assert "9 documents" in result.output
    assert read_table(out, "documents").num_rows == 9
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "9 new" in result.output
    result = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert result.exit_code == 0 and "0 new" in result.output and "9 duplicate" in result.output


def test_failed_inputs_give_exit_code_2_and_name_the_quarantine_file(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(EXAMPLES), str(tmp_path / "missing"), "--out", str(out),
                                 "--workers", "0"])
    assert result.exit_code == 2
    assert "1 quarantined" in result.output and "quarantine.jsonl" in result.output


def test_load_of_a_folder_that_is_not_a_batch_output_is_an_error(tmp_path):
    result = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert "not a `marsad batch` output" in result.output
    assert "Traceback" not in result.output


def test_scheduler_and_workers_together_are_refused(tmp_path):
    result = runner.invoke(app, ["batch", str(EXAMPLES), "--out", str(tmp_path), "--workers", "2",
                                 "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1 and "not both" in result.output
