"""The command line on the eval reports: check, convert and diff with --type eval.<Type>."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jammi_wire.cli import main

REPORT = {
    "eval_run_id": "c",
    "aggregate": {
        "n": 1,
        "crps": 0.25,
        "nll": 1.5,
        "adaptive_ece": 0.0625,
        "sharpness": 3.25,
        "coverage": 1.0,
    },
    "per_cohort": [],
    "per_record": [
        {
            "record_id": "r1",
            "crps": 0.25,
            "nll": 1.5,
            "pit": 0.5,
            "covered": True,
            "interval_width": 3.25,
            "cohorts": {"tier": "easy"},
        }
    ],
}


def test_check_convert_and_diff_an_eval_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "report.json"
    good.write_text(json.dumps(REPORT, indent=2))
    assert main(["check", "--type", "eval.CalibrationEvalReport", str(good)]) == 0
    capsys.readouterr()

    bad = tmp_path / "bad.json"
    broken = json.loads(json.dumps(REPORT))
    broken["per_record"][0]["crps"] = "x"
    bad.write_text(json.dumps(broken, indent=2))
    assert main(["check", "--type", "eval.CalibrationEvalReport", str(bad)]) == 1
    out = capsys.readouterr().out
    assert 'per_record[0].crps: invalid type: string "x", expected f64' in out

    converted = tmp_path / "report.yaml"
    args = ["convert", "--type", "eval.CalibrationEvalReport", str(good), "-o", str(converted)]
    assert main(args) == 0
    assert "  cohorts:\n    tier: easy\n" in converted.read_text()
    assert main(["diff", "--type", "eval.CalibrationEvalReport", str(good), str(converted)]) == 0


def test_any_eval_type_by_dotted_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Inside an internally tagged enum YAML types a plain 123 before the field sees it.
    doc = tmp_path / "prediction.yaml"
    doc.write_text("shape: gaussian\nrecord_id: 123\nmean: 0\nsd: 1\noutcome: 0\n")
    assert main(["check", "--type", "eval.CalibrationPrediction", str(doc)]) == 1
    assert "invalid type: integer `123`, expected a string" in capsys.readouterr().out
