"""``compat``, ``migrate`` and ``--release`` on the command line (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import jammi_wire as jw
from jammi_wire import cli
from jammi_wire.releases import g2, g5

G1_JSON = jw.to_json(jw.FineTuneConfig())
G5_YAML = jw.to_yaml(g5.FineTuneConfig(seed=7))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g1.json").write_text(G1_JSON)
    (tmp_path / "g5.yaml").write_text(G5_YAML)
    (tmp_path / "none.json").write_text('{"lora_rank": "8"}')
    return tmp_path


def test_compat_table(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, out, _ = run(capsys, "compat", "g1.json", "g5.yaml")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "g1.json:"
    assert lines[1].split() == ["0.26.0\u20130.26.5", "accepted"]
    assert lines[5].split()[:4] == ["0.50.0\u20130.54.0", "refused", "unknown", "field"]
    assert "`warmup_steps`" in lines[5]
    assert lines[6] == "g5.yaml:"
    assert "missing field `warmup_steps`" in lines[7]
    assert lines[11].split() == ["0.50.0\u20130.54.0", "accepted"]


def test_compat_json_report(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, out, _ = run(capsys, "compat", "none.json", "--report", "json")
    assert code == 1  # no release accepts it
    report = json.loads(out)
    assert [v["accepted"] for v in report["none.json"]] == [False] * 5
    assert report["none.json"][4]["releases"] == "0.50.0\u20130.54.0"
    assert report["none.json"][0]["error"].startswith(
        'lora_rank: invalid type: string "8", expected usize'
    )


def test_migrate_up_and_down(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, out, err = run(capsys, "migrate", "g1.json", "--to", "0.54.0")
    assert code == 0, err
    up = jw.from_json(out, g5.FineTuneConfig)
    assert up.warmup == g5.Warmup.Steps(100)
    assert "read as jammi-wire 0.48.0\u20130.49.1 (the newest release that reads it)" in err
    assert "written for 0.50.0\u20130.54.0" in err

    code, _, err = run(capsys, "migrate", "g5.yaml", "--to", "0.26.3", "-o", "down.json")
    assert code == 1
    assert "seed = 7 (no form before 0.28.0" in err
    assert not (files / "down.json").exists()

    code, _, err = run(capsys, "migrate", "g5.yaml", "--to", "0.26.3", "-o", "down.json", "--lossy")
    assert code == 0, err
    assert "dropped: seed = 7" in err and "dropped: warmup = fraction(0.1)" in err
    assert jw.load(files / "down.json") == jw.FineTuneConfig()


def test_migrate_to_g2_keeps_yaml(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, _, err = run(capsys, "migrate", "g1.json", "--to", "0.30.0", "-o", "g2.yaml")
    assert code == 0, err
    assert jw.load(files / "g2.yaml", g2.FineTuneConfig) == g2.FineTuneConfig()


def test_migrate_refuses_what_no_release_reads(
    capsys: pytest.CaptureFixture[str], files: Path
) -> None:
    code, _, err = run(capsys, "migrate", "none.json", "--to", "0.50.0")
    assert code == 1
    assert "no jammi-wire release reads this file" in err


def test_migrate_unknown_release(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, _, err = run(capsys, "migrate", "g1.json", "--to", "0.27.0")
    assert code in (1, 2)
    assert "unknown jammi-wire release 0.27.0" in err


def test_check_with_release_says_who_accepts(
    capsys: pytest.CaptureFixture[str], files: Path
) -> None:
    code, _, _ = run(capsys, "check", "g5.yaml", "--release", "0.52.0")
    assert code == 0
    code, out, err = run(capsys, "check", "g1.json", "--release", "0.52.0")
    assert code == 1
    assert "missing field `warmup`" in out
    assert "g1.json:1:316: error: unknown field `warmup_steps`" in out
    assert "hint: `warmup_steps` was replaced by `warmup` (`!steps N` or `!fraction F`)" in out
    others = "0.26.0\u20130.26.5, 0.28.0\u20130.41.0, 0.42.0\u20130.47.0, 0.48.0\u20130.49.1"
    assert f"accepted by jammi-wire {others}" in err


def test_init_and_schema_with_release(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, _, err = run(capsys, "init", "new.yaml", "--release", "0.54.0")
    assert code == 0, err
    assert jw.load(files / "new.yaml", g5.FineTuneConfig) == g5.FineTuneConfig()
    code, _, _ = run(capsys, "check", "new.yaml", "--release", "0.54.0")
    assert code == 0
    code, out, _ = run(capsys, "schema", "--release", "0.54.0")
    assert code == 0
    schema = json.loads(out)
    assert "warmup" in json.dumps(schema) and "warmup_steps" not in json.dumps(schema)


def test_convert_and_diff_with_release(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, out, err = run(capsys, "convert", "g5.yaml", "--release", "0.50.0", "--to", "json")
    assert code == 0, err
    assert jw.from_json(out, g5.FineTuneConfig).seed == 7
    (files / "g5b.json").write_text(jw.to_json(g5.FineTuneConfig(seed=8)))
    code, out, _ = run(capsys, "diff", "g5.yaml", "g5b.json", "--release", "0.50.0")
    assert code == 1
    assert "seed" in out


def test_bad_release_is_a_usage_error(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, _, err = run(capsys, "check", "g1.json", "--release", "0.27.0")
    assert code == 2
    assert "unknown jammi-wire release 0.27.0" in err


def test_check_reports_the_unknown_field_under_deny(
    capsys: pytest.CaptureFixture[str], files: Path
) -> None:
    _, out, _ = run(capsys, "check", "g1.json", "--release", "0.52.0")
    assert "unknown field `warmup_steps`" in out
