"""Overrides: check/convert --set, and `jammi-wire set` editing a file in place (issue 14)."""

from __future__ import annotations

import difflib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import jammi_wire as jw
from jammi_wire.cli import main, yaml_template
from jammi_wire.edit import parse_assignment

Run = Callable[..., subprocess.CompletedProcess[str]]


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new), "set must not add or remove lines when replacing values"
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_parse_assignment() -> None:
    assert parse_assignment("hard_negatives.k=5") == (("hard_negatives", "k"), "5")
    assert parse_assignment("target_modules[1]=a=b") == (("target_modules", 1), "a=b")
    with pytest.raises(jw.WireError, match="PATH=VALUE"):
        parse_assignment("epochs")


def test_set_keeps_comments_and_layout_of_a_yaml_file(run: Run, tmp_path: Path) -> None:
    original = yaml_template()
    (tmp_path / "c.yaml").write_text(original)
    result = run(
        "set",
        "c.yaml",
        "lora_rank=16",
        "hard_negatives.k=5",
        "embedding_loss=!triplet {margin: 0.3}",
        "target_modules=[query, value]",
    )
    assert (result.returncode, result.stderr) == (0, "")
    edited = (tmp_path / "c.yaml").read_text()
    assert _changed_lines(original, edited) == [
        ("lora_rank: 8", "lora_rank: 16"),
        ("embedding_loss: null", "embedding_loss: !triplet {margin: 0.3}"),
        ("target_modules: []", "target_modules: [query, value]"),
        ("  k: 1", "  k: 5"),
    ]
    config = jw.from_yaml(edited)
    assert (config.lora_rank, config.hard_negatives.k) == (16, 5)
    assert config.embedding_loss == jw.EmbeddingLoss.Triplet(margin=0.3)
    # an edit that breaks a rule or a type is refused and the file is left as it was
    for bad in ("epochs=0", "lora_rank=x", "embedding_loss=triplet"):
        refused = run("set", "c.yaml", bad)
        assert refused.returncode == 1, bad
        assert "not changed: the edit would make it invalid" in refused.stderr
        assert (tmp_path / "c.yaml").read_text() == edited


def test_set_in_a_pretty_json_file_and_new_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    original = jw.to_json(jw.FineTuneConfig(), pretty=True) + "\n"
    (tmp_path / "c.json").write_text(original)
    assert main(["set", "c.json", "lora_rank=4", "embedding_loss={triplet: {margin: 0.5}}"]) == 0
    edited = (tmp_path / "c.json").read_text()
    assert _changed_lines(original, edited) == [
        ('  "lora_rank": 8,', '  "lora_rank": 4,'),
        ('  "embedding_loss": null,', '  "embedding_loss": {"triplet": {"margin": 0.5}},'),
    ]
    # a key the file leaves out is added, in the file's own style
    tree = json.loads(original)
    del tree["cached"]
    (tmp_path / "d.json").write_text(json.dumps(tree, indent=2))
    assert main(["set", "d.json", "cached=true"]) == 0
    assert json.loads((tmp_path / "d.json").read_text())["cached"] is True
    (tmp_path / "e.yaml").write_text(yaml_template().replace("cached: false\n", ""))
    assert main(["set", "e.yaml", "cached=true"]) == 0
    assert jw.load(tmp_path / "e.yaml").cached is True


def test_check_and_convert_overrides_read_values_by_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.json").write_text(jw.to_json(jw.FineTuneConfig()))
    sets = [
        "--set",
        "target_modules=[yes, 1e5]",  # String reads plain yes and 1e5 as strings
        "--set",
        "learning_rate=1e-4",  # f64 reads 1e-4 as a number (serde_yaml's YAML 1.2 rule)
        "--set",
        "embedding_loss=!triplet {margin: 0.3}",
    ]
    assert main(["convert", "c.json", "-o", "out.json", *sets]) == 0
    config = jw.load(tmp_path / "out.json")
    assert config.target_modules == ["yes", "1e5"]
    assert config.learning_rate == 1e-4
    assert config.embedding_loss == jw.EmbeddingLoss.Triplet(margin=0.3)
    capsys.readouterr()
    assert main(["check", "c.json", "--set", "use_rslora=yes", "--set", "epochs=0"]) == 1
    out = capsys.readouterr().out
    assert 'c.json: error: use_rslora: invalid type: string "yes", expected a boolean' in out
    assert "hint: write `true`" not in out or "--set use_rslora=yes" in out
    assert "the value comes from --set epochs=0" in out
    assert main(["check", "c.json", "--set", "hard_negatives.k=5"]) == 0


def test_set_refuses_what_it_cannot_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    original = yaml_template()
    (tmp_path / "c.yaml").write_text(original)
    assert main(["set", "c.yaml", "no_such_field=1"]) == 0  # serde ignores it: a warning
    assert main(["set", "c.yaml", "lora_rank"]) == 1
    assert "expected PATH=VALUE" in capsys.readouterr().err
    assert main(["set", "c.yaml", "target_modules[3]=x"]) == 1
    changed = difflib.unified_diff(
        original.splitlines(), (tmp_path / "c.yaml").read_text().splitlines()
    )
    assert "+no_such_field: 1" in list(changed)
