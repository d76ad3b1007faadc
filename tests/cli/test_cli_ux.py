"""The command line as users meet it (issue 14): version, help, -o, stdin, CI reports."""

from __future__ import annotations

import argparse
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from jammi_wire import FineTuneConfig, __version__, to_json
from jammi_wire.cli import _parser, main

Run = Callable[..., subprocess.CompletedProcess[str]]

BAD_YAML = "lora_rank: 8\nepochs: 3\nembedding_loss: angle\n"


def test_every_option_of_every_command_has_help() -> None:
    parser = _parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in sub.choices.items():
        for action in command._actions:
            assert action.help, (name, action.option_strings or action.dest)


def test_subcommand_parsers_built_on_use_are_the_same() -> None:
    # main() builds a subcommand's arguments only when that subcommand runs
    def helps(parser: argparse.ArgumentParser) -> dict[str, str]:
        (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        return {name: command.format_help() for name, command in sub.choices.items()}

    assert _parser(lazy=True).format_help() == _parser().format_help()
    assert helps(_parser(lazy=True)) == helps(_parser())


@pytest.mark.parametrize("columns", [None, "30", "80", "200"])
def test_help_layout_is_argparse_own(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    # the formatter that looks up the terminal width late lays out help, usage and
    # errors exactly as argparse's own does, at any width
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)

    def texts(parser: argparse.ArgumentParser) -> list[str]:
        (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        out = [parser.format_help(), parser.format_usage()]
        for command in sub.choices.values():
            out += [command.format_help(), command.format_usage()]
        return out

    assert texts(_parser()) == texts(_parser(formatter=argparse.HelpFormatter))


def test_version_help_stdin_sniffing_and_reports(run: Run, tmp_path: Path) -> None:
    # one subprocess per behaviour that needs a real process; the rest run in-process
    version = run("--version")
    assert (version.returncode, version.stdout) == (
        0,
        f"jammi-wire {__version__} (Rust crate 0.26.3)\n",
    )
    # stdin is sniffed: YAML here, so the YAML-only hint shows
    piped = run("check", "-", stdin=BAD_YAML)
    assert piped.returncode == 1
    assert "-:3:17: error: embedding_loss: unknown variant `angle`" in piped.stdout
    assert "  hint: did you mean `angl_e`?" in piped.stdout


def test_output_means_a_file_in_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(BAD_YAML)
    (tmp_path / "ok.json").write_text(to_json(FineTuneConfig()))
    assert main(["check", "a.yaml", "-o", "report.txt"]) == 1
    assert "unknown variant `angle`" in (tmp_path / "report.txt").read_text()
    assert main(["convert", "ok.json", "-o", "c.yaml"]) == 0
    assert main(["init", "-o", "i.yaml"]) == 0
    assert main(["schema", "-o", "s.json"]) == 0
    assert main(["editor-settings", "-o", "e.json"]) == 0
    assert main(["diff", "ok.json", "c.yaml", "-o", "d.txt"]) == 0
    assert (tmp_path / "d.txt").read_text() == "no differences\n"
    for name in ("c.yaml", "i.yaml", "s.json", "e.json"):
        assert (tmp_path / name).stat().st_size > 0
    capsys.readouterr()
    # the old spelling of the report format is a usage error with the new one named
    assert main(["check", "a.yaml", "--output", "json"]) == 2
    assert "--report json" in capsys.readouterr().err


def test_diff_reports_invalid_files_like_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(BAD_YAML)
    (tmp_path / "ok.json").write_text(to_json(FineTuneConfig()))
    assert main(["diff", "ok.json", "a.yaml"]) == 1
    err = capsys.readouterr().err
    assert main(["check", "a.yaml"]) == 1
    out = capsys.readouterr().out
    assert err == out


def test_github_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(BAD_YAML)
    assert main(["check", "--report", "github", "a.yaml"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "::error file=a.yaml,line=1,col=1,title=jammi-wire missing-fields::missing field"
    )
    assert lines[1] == (
        "::error file=a.yaml,line=3,col=17,title=jammi-wire decode::embedding_loss: unknown "
        "variant `angle`, expected one of `co_sent`, `triplet`, `multiple_negatives_ranking`, "
        "`angl_e`, `cosine_mse`%0Ahint: did you mean `angl_e`?"
    )


def test_sarif_report_is_sarif_2_1_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(BAD_YAML)
    (tmp_path / "w.json").write_text(to_json(FineTuneConfig()).replace("{", '{"lora_rnak":1,', 1))
    assert main(["check", "--report", "sarif", "a.yaml", "w.json"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("missing-fields", "error"),
        ("decode", "error"),
        ("unknown-field", "warning"),
    ]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    region = results[1]["locations"][0]["physicalLocation"]
    assert region == {
        "artifactLocation": {"uri": "a.yaml"},
        "region": {"startLine": 3, "startColumn": 17},
    }
    sarif = pytest.importorskip("sarif_pydantic")
    sarif.Sarif.model_validate(log)
