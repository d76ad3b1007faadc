"""The eval vocabulary as a Python API: construction, equality, parse/str, to_rows.

Wire behaviour (bytes, verdicts, messages) is pinned by the serde vectors in
tests/test_eval_vectors.py and the live tests; this file checks what a reader of a
report uses.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

import jammi_wire as jw
from jammi_wire import WireError
from jammi_wire import eval as ev

QM = ev.QueryMetrics(recall=1.0, precision=0.5, mrr=1.0, ndcg=0.75)


def embedding() -> ev.EmbeddingEvalReport:
    return ev.EmbeddingEvalReport(
        eval_run_id="run-1",
        aggregate=ev.AggregateMetrics(recall_at_k=0.75, precision_at_k=0.5, mrr=0.625, ndcg=0.8),
        per_query=[
            ev.PerQueryRecord(
                query_id="q1",
                metrics=QM,
                recall_at_ks=[(1, 0.5), (3, 1.0)],
                distance=0.125,
                cohorts={"split": "val", "family": "A"},
            ),
            ev.PerQueryRecord(query_id="q2", metrics=ev.QueryMetrics()),
        ],
    )


def ner_report() -> ev.InferenceEvalReport:
    per = ev.TypeMetrics(precision=0.5, recall=0.25, f1=0.375, support=4)
    return ev.InferenceEvalReport(
        aggregate=ev.InferenceAggregate.Ner(
            ev.NerMetrics(precision=0.5, recall=0.25, f1=0.375, per_type={"PER": per})
        ),
        per_record=[
            ev.PerRecordPrediction.Ner(
                record_id="n1",
                predicted=[ev.Entity(label="PER", start=0, end=5, text="Alice", confidence=0.5)],
                gold=[ev.Entity(label="PER", start=0, end=5, text="", confidence=0.0)],
            ),
            ev.PerRecordPrediction.Ner(record_id="n2", predicted=[], gold=[]),
        ],
    )


def calibration() -> ev.CalibrationEvalReport:
    return ev.CalibrationEvalReport(
        eval_run_id="c",
        aggregate=ev.CalibrationAggregate(
            n=2, crps=0.25, nll=1.5, adaptive_ece=0.0625, sharpness=3.25, coverage=0.5
        ),
        per_cohort=[
            ev.CohortCalibration(
                key="tier",
                value="easy",
                n=1,
                crps=0.25,
                crps_ci_lower=None,
                crps_ci_upper=None,
                coverage=1.0,
            )
        ],
        per_record=[
            ev.PerRecordCalibration(
                record_id="r1",
                crps=0.25,
                nll=1.5,
                pit=0.5,
                covered=True,
                interval_width=3.25,
                cohorts={"tier": "easy"},
            )
        ],
    )


def test_the_spec_fixture_shape() -> None:
    # The tagged enum's fields sit beside "task"; tuples are two-element lists; the
    # BTreeMap is written in key order; an absent Option is an explicit null.
    text = jw.to_json(embedding())
    doc = json.loads(text)
    assert doc["per_query"][0]["recall_at_ks"] == [[1, 0.5], [3, 1.0]]
    assert list(doc["per_query"][0]["cohorts"]) == ["family", "split"]
    agg = json.loads(jw.to_json(ner_report()))["aggregate"]
    assert list(agg) == ["task", "precision", "recall", "f1", "per_type"]
    table = ev.TableEvalReport(table_name="base", embedding_eval=embedding())
    assert '"delta":null' in jw.to_json(table)


def test_reports_read_back_equal() -> None:
    for report in (embedding(), ner_report(), calibration()):
        cls = type(report)
        assert jw.from_json(jw.to_json(report), cls) == report
        assert jw.from_yaml(jw.to_yaml(report), cls) == report


def test_entity_equality_is_rusts() -> None:
    a = ev.Entity(label="PER", start=0, end=5, text="Alice", confidence=0.5)
    b = ev.Entity(label="PER", start=0, end=5, text="", confidence=0.0)
    assert a == b and hash(a) == hash(b)
    assert a != ev.Entity(label="ORG", start=0, end=5, text="Alice", confidence=0.5)
    assert len({a, b}) == 1


def test_f32_is_stored_as_an_f32() -> None:
    e = ev.Entity(label="", start=0, end=0, text="", confidence=0.1)
    assert e.confidence == 0.10000000149011612
    assert '"confidence":0.1' in jw.to_json(e)


def test_newtype_variant_value() -> None:
    agg = ner_report().aggregate
    assert isinstance(agg, ev.InferenceAggregate)
    assert isinstance(agg, ev.InferenceAggregate.Ner)
    assert agg.value.per_type["PER"].support == 4


def test_parse_and_str_are_fromstr_and_display() -> None:
    assert ev.EvalTask.parse("ner") is ev.EvalTask.NER
    assert str(ev.EvalTask.NER) == "ner"
    assert ev.EvalCalibrationShape.parse("sample") is ev.EvalCalibrationShape.SAMPLE
    assert str(ev.EvalCalibrationShape.SAMPLE) == "calibration_sample"
    with pytest.raises(WireError, match=r"^Unknown eval task 'x'\. Expected: classification, ner$"):
        ev.EvalTask.parse("x")
    with pytest.raises(WireError, match="Expected: gaussian, sample"):
        ev.EvalCalibrationShape.parse("calibration_sample")


def test_embedding_rows() -> None:
    rows = embedding().to_rows()
    assert rows[0] == {
        "eval_run_id": "run-1",
        "query_id": "q1",
        "recall": 1.0,
        "precision": 0.5,
        "mrr": 1.0,
        "ndcg": 0.75,
        "distance": 0.125,
        "recall@1": 0.5,
        "recall@3": 1.0,
        "cohort.family": "A",
        "cohort.split": "val",
    }
    assert rows[1]["query_id"] == "q2" and "recall@1" not in rows[1]
    assert ev.columns(rows)[-1] == "cohort.split"


def test_inference_rows() -> None:
    rows = ner_report().to_rows()
    assert [(r["record_id"], r["side"], r["text"]) for r in rows] == [
        ("n1", "predicted", "Alice"),
        ("n1", "gold", ""),
        ("n2", None, None),
    ]
    assert rows[0]["confidence"] == 0.5 and rows[0]["task"] == "ner"
    assert ner_report().aggregate_rows() == [
        {"task": "ner", "name": "PER", "precision": 0.5, "recall": 0.25, "f1": 0.375, "support": 4}
    ]
    cls = ev.InferenceEvalReport(
        aggregate=ev.InferenceAggregate.Classification(
            ev.ClassificationResult(
                accuracy=1.0, f1=1.0, per_class={"spam": ev.ClassMetrics(1.0, 1.0, 1.0)}
            )
        ),
        per_record=[ev.PerRecordPrediction.Classification(record_id="r", predicted="a", gold="b")],
    )
    assert cls.to_rows() == [
        {"task": "classification", "record_id": "r", "predicted": "a", "gold": "b"}
    ]
    assert cls.aggregate_rows()[0]["name"] == "spam"


def test_calibration_rows() -> None:
    report = calibration()
    assert report.to_rows() == [
        {
            "eval_run_id": "c",
            "record_id": "r1",
            "crps": 0.25,
            "nll": 1.5,
            "pit": 0.5,
            "covered": True,
            "interval_width": 3.25,
            "cohort.tier": "easy",
        }
    ]
    assert report.cohort_rows()[0]["crps_ci_lower"] is None


def test_compare_rows() -> None:
    md = ev.MetricDelta(absolute=0.25, relative=0.5)
    ms = ev.MetricSignificance(p_value=0.01, ci_lower=0.1, ci_upper=0.3)
    report = ev.CompareEvalReport(
        per_table=[
            ev.TableEvalReport(table_name="base", embedding_eval=embedding()),
            ev.TableEvalReport(
                table_name="new",
                embedding_eval=embedding(),
                delta=ev.AggregateDelta(
                    recall_at_k=md,
                    precision_at_k=md,
                    mrr=md,
                    ndcg=md,
                    significance=ev.DeltaSignificance(
                        recall_at_k=ms, precision_at_k=ms, mrr=ms, ndcg=ms
                    ),
                ),
            ),
        ]
    )
    rows = report.to_rows()
    assert [(r["table_name"], r["query_id"]) for r in rows] == [
        ("base", "q1"),
        ("base", "q2"),
        ("new", "q1"),
        ("new", "q2"),
    ]
    deltas = report.delta_rows()
    assert [r["metric"] for r in deltas] == ["recall_at_k", "precision_at_k", "mrr", "ndcg"]
    assert deltas[0] == {
        "table_name": "new",
        "metric": "recall_at_k",
        "absolute": 0.25,
        "relative": 0.5,
        "p_value": 0.01,
        "ci_lower": 0.1,
        "ci_upper": 0.3,
    }


def test_rows_are_plain_enough_for_csv() -> None:
    rows = ner_report().to_rows() + embedding().to_rows()
    out = io.StringIO()
    writer = csv.DictWriter(out, ev.columns(rows))
    writer.writeheader()
    writer.writerows(rows)
    assert out.getvalue().splitlines()[0].startswith("task,record_id,side,label")
    for row in rows:
        assert all(v is None or type(v) in (str, int, float, bool) for v in row.values())


def test_every_type_is_exported() -> None:
    assert len(ev.TYPES) == 25
    for name, cls in ev.TYPES.items():
        assert cls.__name__ == name
