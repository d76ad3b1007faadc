"""The jammi-wire command end to end, as a subprocess: exit codes, output, files."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from jammi_wire import FineTuneConfig, from_json, to_json

Run = Callable[..., subprocess.CompletedProcess[str]]

DEFAULT_JSON = to_json(FineTuneConfig())


def _with(**over: object) -> str:
    tree = json.loads(DEFAULT_JSON)
    tree.update(over)
    return json.dumps(tree)


# ── check ───────────────────────────────────────────────────────────────────


def test_check_valid_file_exits_0(run: Run, tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_text(DEFAULT_JSON)
    result = run("check", "ok.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok.json: ok\n"


def test_check_reports_every_problem_with_positions(run: Run, tmp_path: Path) -> None:
    text = _with(lora_alpha="x", epochs=-1, lora_rank=0, batch_size=0, lorarank=3)
    (tmp_path / "bad.json").write_text(text)
    result = run("check", "bad.json")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    col = text.index('"x"') + 3  # serde_json reports the end of the token
    # in the order they appear in the text
    assert lines[0].endswith("error: lora_rank: lora_rank must be > 0")
    assert (
        lines[1] == f'bad.json:1:{col}: error: lora_alpha: invalid type: string "x", expected f64'
    )
    assert "epochs: invalid value: integer `-1`, expected usize" in lines[2]
    assert lines[3].endswith("error: batch_size: batch_size must be > 0")
    assert lines[4].endswith(
        "warning: lorarank: unknown field `lorarank` is ignored by serde; did you mean `lora_rank`?"
    )
    assert len(lines) == 5


def test_check_missing_required_fields_each_reported(run: Run, tmp_path: Path) -> None:
    tree = json.loads(DEFAULT_JSON)
    del tree["lora_rank"], tree["epochs"]
    (tmp_path / "m.json").write_text(json.dumps(tree))
    result = run("check", "m.json")
    assert result.returncode == 1
    assert "missing field `lora_rank`" in result.stdout
    assert "missing field `epochs`" in result.stdout


def test_check_nested_and_list_errors(run: Run, tmp_path: Path) -> None:
    text = _with(
        hard_negatives={"mine": True, "k": 0, "refresh_every": "x"},
        matryoshka_dims=[64, -1, 8],
        quantile_levels=[0.5, 0],
    )
    (tmp_path / "n.json").write_text(text)
    out = run("check", "n.json").stdout
    assert "hard_negatives.exclude_hops: missing field `exclude_hops`" in out
    assert "hard_negatives.refresh_every: invalid type: string" in out
    assert "matryoshka_dims[1]: invalid value: integer `-1`" in out
    assert "hard_negatives.k: hard_negatives.k must be > 0 when mining is enabled" in out
    # a rule about a value standing in for a bad one is not reported
    assert "matryoshka_dims entries must all be > 0" not in out


def test_check_warnings_only_exit_0_but_strict_exit_1(run: Run, tmp_path: Path) -> None:
    (tmp_path / "w.json").write_text(_with(lora_rnak=4))
    assert run("check", "w.json").returncode == 0
    assert run("check", "--strict", "w.json").returncode == 1


def test_check_json_output(run: Run, tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text(_with(epochs=0, extra=1))
    result = run("check", "--report", "json", "-o", "report.json", "b.json")
    assert (result.returncode, result.stdout) == (1, "")
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["valid"] is False
    kinds = [(p["path"], p["code"], p["severity"]) for p in report["problems"]]
    assert kinds == [("epochs", "validate", "error"), ("extra", "unknown-field", "warning")]
    assert report["problems"][0]["message"] == "epochs must be > 0"


def test_check_stdin(run: Run) -> None:
    assert run("check", "-", "--format", "json", stdin=DEFAULT_JSON).returncode == 0
    assert run("check", "-", "--format", "json", stdin="[").returncode == 1


def test_check_syntax_error_exit_1(run: Run, tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text('{"lora_rank": 8,')
    result = run("check", "s.json")
    assert result.returncode == 1
    assert result.stdout.startswith("s.json:1:")


def test_check_jsonl_reports_line_numbers(run: Run, tmp_path: Path) -> None:
    (tmp_path / "j.jsonl").write_text(DEFAULT_JSON + "\n" + _with(epochs=0) + "\n")
    result = run("check", "j.jsonl")
    assert result.returncode == 1
    assert result.stdout.startswith("j.jsonl:2:")


# ── bad input (every command that reads) ─────────────────────────────────────


def test_missing_file_exit_2(run: Run) -> None:
    for args in (["check", "nope.json"], ["convert", "nope.json"], ["diff", "nope.json", "x"]):
        result = run(*args)
        assert result.returncode == 2, args
        assert "nope.json" in result.stderr
        assert "Traceback" not in result.stderr


def test_directory_exit_2(run: Run, tmp_path: Path) -> None:
    (tmp_path / "d.json").mkdir()
    result = run("check", "d.json")
    assert result.returncode == 2
    assert "is a directory" in result.stderr


def test_invalid_utf8_exit_2(run: Run, tmp_path: Path) -> None:
    (tmp_path / "u.json").write_bytes(b'{"x": "\xff"}')
    result = run("check", "u.json")
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr


def test_empty_file_is_invalid(run: Run, tmp_path: Path) -> None:
    (tmp_path / "e.json").write_text("")
    result = run("check", "e.json")
    assert result.returncode == 1
    assert "empty document" in result.stdout


def test_unreadable_file_exit_2(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "locked.json"
    if os.geteuid() == 0:
        # root reads mode-000 files; a dangling symlink is unreadable for everyone.
        target.symlink_to(tmp_path / "does-not-exist")
    else:
        target.write_text(DEFAULT_JSON)
        target.chmod(0)
    result = run("check", "locked.json")
    assert result.returncode == 2
    assert "locked.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_huge_file_is_rejected_cleanly(run: Run, tmp_path: Path) -> None:
    # 5 MB of one string value: an error (wrong type) with a position, no crash, and
    # serde's message (which quotes the value) cut short for the terminal.
    (tmp_path / "h.json").write_text('{"target_modules": "' + "a" * 5_000_000 + '"}')
    result = run("check", "h.json")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("h.json:1:1: error: missing field `lora_rank` and 11 more")
    assert lines[2].startswith("h.json:1:5000021: error: target_modules: invalid type: string")
    assert lines[2].endswith("…")
    assert max(len(line) for line in lines) < 400


def test_usage_error_exit_2(run: Run) -> None:
    assert run().returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("check", "--dialect", "bogus", "x.yaml").returncode == 2


# ── convert ─────────────────────────────────────────────────────────────────


def test_convert_json_pretty_to_file(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(_with(lora_rank=16))
    result = run("convert", "a.json", "-o", "b.json", "--pretty")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "b.json").read_text()
    assert text.startswith('{\n  "lora_rank": 16,')
    assert from_json(text).lora_rank == 16


def test_convert_invalid_writes_nothing(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(_with(epochs=0))
    result = run("convert", "a.json", "-o", "b.json", "--to", "json")
    assert result.returncode == 1
    assert "epochs must be > 0" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_convert_jsonl_all_or_nothing(run: Run, tmp_path: Path) -> None:
    lines = [_with(lora_rank=r) for r in (1, 2)] + [_with(epochs="x"), _with(lora_rank=4)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    result = run("convert", "in.jsonl", "-o", "out.jsonl")
    assert result.returncode == 1
    assert "in.jsonl:3: epochs: invalid type" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_convert_jsonl_keep_going(run: Run, tmp_path: Path) -> None:
    lines = [_with(lora_rank=r) for r in (1, 2)] + ["{", _with(lora_rank=4)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    result = run("convert", "in.jsonl", "-o", "out.jsonl", "--keep-going")
    assert result.returncode == 1
    assert "in.jsonl:3:" in result.stderr
    out = (tmp_path / "out.jsonl").read_text().splitlines()
    assert [from_json(line).lora_rank for line in out] == [1, 2, 4]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_convert_jsonl_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    import pty
    import sys

    line = DEFAULT_JSON + "\n"
    records = (2 << 20) // len(line) + 1  # over the 1 MiB threshold
    (tmp_path / "big.jsonl").write_text(line * records)
    leader, follower = pty.openpty()
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2] / "src")
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "jammi_wire", "convert", "big.jsonl", "-o", "out.yaml"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=follower,
            env=env,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the child exits
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait() == 0
    finally:
        os.close(leader)
    shown = b"".join(chunks).decode()
    assert "\rbig.jsonl [" in shown
    assert shown.rstrip().endswith(f"100% {records} records")
    assert (tmp_path / "out.yaml").read_text().count("---\n") == records


def test_convert_jsonl_large_is_streamed(run: Run, tmp_path: Path) -> None:
    line = DEFAULT_JSON + "\n"
    (tmp_path / "big.jsonl").write_text(line * 5000)
    result = run("convert", "big.jsonl", "-o", "out.jsonl")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # not a terminal: no progress bar
    assert (tmp_path / "out.jsonl").read_text() == DEFAULT_JSON + "\n" * 1 + line * 4999


# ── init ────────────────────────────────────────────────────────────────────


def test_init_json_reads_back_as_default(run: Run, tmp_path: Path) -> None:
    assert run("init", "c.json").returncode == 0
    assert from_json((tmp_path / "c.json").read_text()) == FineTuneConfig()


def test_init_yaml_template_comments_every_field(run: Run, tmp_path: Path) -> None:
    assert run("init", "c.yaml").returncode == 0
    text = (tmp_path / "c.yaml").read_text()
    lines = text.splitlines()
    for spec_name in json.loads(DEFAULT_JSON):
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{spec_name}:"))
        assert lines[index - 1].startswith("# "), spec_name
        assert "Default:" in "\n".join(lines[index - 3 : index]), spec_name
    import yaml

    assert yaml.safe_load(text) == json.loads(DEFAULT_JSON)


def test_init_refuses_overwrite_without_force(run: Run, tmp_path: Path) -> None:
    (tmp_path / "c.json").write_text("keep me")
    result = run("init", "c.json")
    assert result.returncode == 2
    assert "--force" in result.stderr
    assert (tmp_path / "c.json").read_text() == "keep me"
    assert run("init", "c.json", "--force").returncode == 0
    assert from_json((tmp_path / "c.json").read_text()) == FineTuneConfig()


# ── schema ──────────────────────────────────────────────────────────────────


def test_schema_to_file_is_valid_2020_12(run: Run, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    assert run("schema", "-o", "s.json").returncode == 0
    schema = json.loads((tmp_path / "s.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# ── diff ────────────────────────────────────────────────────────────────────


def test_diff_table_and_exit_codes(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(DEFAULT_JSON)
    (tmp_path / "b.json").write_text(
        _with(
            lora_rank=16,
            hard_negatives={"mine": True, "k": 1, "exclude_hops": 1, "refresh_every": 1},
        )
    )
    same = run("diff", "a.json", "a.json")
    assert (same.returncode, same.stdout) == (0, "no differences\n")
    result = run("diff", "a.json", "b.json")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "field                a.json  b.json",
        "-------------------  ------  ------",
        "lora_rank            8       16",
        "hard_negatives.mine  false   true",
    ]


# ── YAML ────────────────────────────────────────────────────────────────────

BAD_YAML = """\
lora_rank: 8
lora_alpha: x
lora_dropout: 0.05
learning_rate: 1e-4
epochs: 0
batch_size: 8
max_seq_length: 512
embedding_loss: {triplet: {margin: 0.5}}
classification_loss: null
gradient_accumulation_steps: 1
validation_fraction: 0.1
early_stopping_patience: 3
warmup_steps: 100
lr_schedule: constant
use_rslora: yes
lorarank: 2
"""


def test_check_yaml_every_problem(run: Run, tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(BAD_YAML)
    result = run("check", "c.yaml")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'c.yaml:2:13: error: lora_alpha: invalid type: string "x", expected f64',
        "c.yaml:4:16: warning: learning_rate: plain `1e-4` is the number 0.0001 to serde_yaml "
        'but the string "1e-4" to YAML 1.1 readers (e.g. PyYAML)',
        "  hint: write `0.0001`: both read it as the number 0.0001",
        "c.yaml:5:9: error: epochs: epochs must be > 0",
        'c.yaml:15:13: error: use_rslora: invalid type: string "yes", expected a boolean',
        "  hint: write `true`: YAML 1.1 readers read `yes` as the boolean true, "
        "serde_yaml does not",
        "c.yaml:16:11: warning: lorarank: unknown field `lorarank` is ignored by serde; "
        "did you mean `lora_rank`?",
    ]


def test_check_dialect_tags_rejects_map_form_enum(run: Run, tmp_path: Path) -> None:
    text = DEFAULT_JSON.replace(
        '"embedding_loss":null', '"embedding_loss":{"triplet":{"margin":0.5}}'
    )
    (tmp_path / "c.yaml").write_text(text)  # JSON is YAML
    assert run("check", "c.yaml").returncode == 0
    result = run("check", "--dialect", "tags", "c.yaml")
    assert result.returncode == 1
    expected = "embedding_loss: invalid type: map, expected a YAML tag starting with '!'"
    assert expected in result.stdout


def test_init_yaml_checks_clean_and_reads_back_default(run: Run, tmp_path: Path) -> None:
    from jammi_wire.preconf.yaml import from_yaml

    assert run("init", "c.yaml").returncode == 0
    text = (tmp_path / "c.yaml").read_text()
    assert from_yaml(text, FineTuneConfig, dialect="tags") == FineTuneConfig()
    result = run("check", "--strict", "--dialect", "tags", "c.yaml")
    assert (result.returncode, result.stdout) == (0, "c.yaml: ok\n")


def test_convert_json_yaml_round_trip(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(_with(embedding_loss={"triplet": {"margin": 0.25}}))
    assert run("convert", "a.json", "-o", "b.yaml").returncode == 0
    assert "embedding_loss: !triplet" in (tmp_path / "b.yaml").read_text()
    assert run("convert", "b.yaml", "-o", "c.json").returncode == 0
    assert from_json((tmp_path / "c.json").read_text()) == from_json(
        (tmp_path / "a.json").read_text()
    )
    diff = run("diff", "a.json", "b.yaml")
    assert (diff.returncode, diff.stdout) == (0, "no differences\n")


def test_check_yaml_merge_key_is_reported(run: Run, tmp_path: Path) -> None:
    import yaml

    base = yaml.safe_load(DEFAULT_JSON)
    base.pop("lora_rank")
    text = "base: &b {lora_rank: 4}\n<<: *b\n" + "".join(
        f"{key}: {json.dumps(value)}\n" for key, value in base.items()
    )
    (tmp_path / "m.yaml").write_text(text)
    result = run("check", "m.yaml")
    assert result.returncode == 1
    assert "error: lora_rank: missing field `lora_rank`" in result.stdout
    assert "merge key `<<` is not applied" in result.stdout
    assert "unknown field `base` is ignored by serde" in result.stdout


def test_problems_lists_every_rule_and_validate_raises_the_first() -> None:
    from jammi_wire import FineTuneError, HardNegativeConfig, replace

    config = replace(
        FineTuneConfig(),
        lora_rank=0,
        batch_size=0,
        hard_negatives=HardNegativeConfig(mine=True, k=0),
        matryoshka_dims=[8, 0],
    )
    problems = config.problems()
    assert [(str(p), p.path) for p in problems] == [
        ("lora_rank must be > 0", ("lora_rank",)),
        ("batch_size must be > 0", ("batch_size",)),
        ("hard_negatives.k must be > 0 when mining is enabled", ("hard_negatives", "k")),
        ("matryoshka_dims entries must all be > 0", ("matryoshka_dims", 1)),
    ]
    with pytest.raises(FineTuneError, match=r"^lora_rank must be > 0$"):
        config.validate()
    assert FineTuneConfig().problems() == []
