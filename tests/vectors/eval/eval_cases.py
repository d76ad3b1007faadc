"""Vector cases for the eval report vocabulary (issue 12).

Same contract as ``tests/vectors/cases.py``: each case has ``id``, ``format`` (json,
yaml or yaml_singleton_map), ``type`` (the harness name, ``eval::<Type>``), ``input``
and ``why``; ``generate.py`` beside this file asks the real serde and stores its
answers in ``json.jsonl`` / ``yaml.jsonl`` here.

What the cases aim at: every type; every variant of the three internally tagged enums;
the tag missing, unknown, repeated, misplaced and mistyped; the buffered content serde
reads a tagged enum through (numbers kept as u64/i64/f64, YAML scalars typed before the
variant sees them, no positions on errors found in the buffer); tuples of the wrong
length and shape; f32 range and text; BTreeMap order; Option and HashMap of structs;
numerics structs without ``#[serde(default)]`` next to report fields with it.

HashMaps (``per_class``, ``per_type``) keep at most one key in accepted cases: Rust's
iteration order of a larger one changes per process, and the generator refuses them.
"""

from __future__ import annotations

import copy
import json
from typing import Any

Case = dict[str, str]


class Raw(str):
    """Text spliced verbatim: into JSON (numbers json cannot spell) or YAML (a plain scalar)."""


# ── one valid document per type, in Rust's field order ──────────────────────

QM = {"recall": 1.0, "precision": 0.5, "mrr": 1.0, "ndcg": 0.75}
AM = {"recall_at_k": 0.75, "precision_at_k": 0.5, "mrr": 0.625, "ndcg": 0.8125}
PQ = {
    "query_id": "q1",
    "metrics": QM,
    "recall_at_ks": [[1, 0.5], [3, 1.0]],
    "distance": 0.125,
    "cohorts": {"family": "A", "split": "val"},
}
EMB = {"eval_run_id": "run-1", "aggregate": AM, "per_query": [PQ]}
CM = {"precision": 1.0, "recall": 0.5, "f1": 0.625}
CR = {"accuracy": 0.75, "f1": 0.5, "per_class": {"spam": CM}}
TM = {"precision": 0.5, "recall": 0.25, "f1": 0.375, "support": 4}
NM = {"precision": 0.5, "recall": 0.25, "f1": 0.375, "per_type": {"PER": TM}}
ENT = {"label": "PER", "start": 0, "end": 5, "text": "Alice", "confidence": 0.5}
GOLD = {"label": "PER", "start": 0, "end": 5, "text": "", "confidence": 0.0}
AGG_CLS = {"task": "classification", **CR}
AGG_NER = {"task": "ner", **NM}
PRED_CLS = {"task": "classification", "record_id": "r1", "predicted": "spam", "gold": "ham"}
PRED_NER = {"task": "ner", "record_id": "n1", "predicted": [ENT], "gold": [GOLD]}
INF_CLS = {"aggregate": AGG_CLS, "per_record": [PRED_CLS]}
INF_NER = {"aggregate": AGG_NER, "per_record": [PRED_NER]}
GAUSS = {
    "shape": "gaussian",
    "record_id": "g1",
    "mean": 0.0,
    "sd": 1.0,
    "outcome": 0.5,
    "cohorts": {"tier": "easy"},
}
SAMPLE = {
    "shape": "sample",
    "record_id": "s1",
    "draws": [0.25, 0.5, 1.0],
    "outcome": 0.5,
    "cohorts": {},
}
PRC = {
    "record_id": "r1",
    "crps": 0.25,
    "nll": 1.5,
    "pit": 0.5,
    "covered": True,
    "interval_width": 3.25,
    "cohorts": {"tier": "easy"},
}
CAGG = {
    "n": 2,
    "crps": 0.25,
    "nll": 1.5,
    "adaptive_ece": 0.0625,
    "sharpness": 3.25,
    "coverage": 0.5,
}
COH = {
    "key": "tier",
    "value": "easy",
    "n": 2,
    "crps": 0.25,
    "crps_ci_lower": 0.125,
    "crps_ci_upper": 0.375,
    "coverage": 0.5,
}
CAL = {"eval_run_id": "run-c", "aggregate": CAGG, "per_cohort": [COH], "per_record": [PRC]}
MD = {"absolute": 0.25, "relative": 0.5}
MS = {"p_value": 0.0625, "ci_lower": 0.125, "ci_upper": 0.375}
DS = {"recall_at_k": MS, "precision_at_k": MS, "mrr": MS, "ndcg": MS}
AD = {"recall_at_k": MD, "precision_at_k": MD, "mrr": MD, "ndcg": MD, "significance": DS}
TER = {"table_name": "emb_paired", "embedding_eval": EMB, "delta": AD}
BASE = {"table_name": "emb_baseline", "embedding_eval": EMB, "delta": None}
CMP = {"per_table": [BASE, TER]}

# type -> a valid document of it
VALID: dict[str, Any] = {
    "ClassMetrics": CM,
    "ClassificationResult": CR,
    "Entity": ENT,
    "NerMetrics": NM,
    "TypeMetrics": TM,
    "QueryMetrics": QM,
    "AggregateMetrics": AM,
    "PerQueryRecord": PQ,
    "EmbeddingEvalReport": EMB,
    "InferenceEvalReport": INF_NER,
    "PerRecordCalibration": PRC,
    "CalibrationAggregate": CAGG,
    "CohortCalibration": COH,
    "CalibrationEvalReport": CAL,
    "CompareEvalReport": CMP,
    "TableEvalReport": TER,
    "AggregateDelta": AD,
    "MetricDelta": MD,
    "DeltaSignificance": DS,
    "MetricSignificance": MS,
}
# The tagged enums: (type, tag, [(variant wire name, document)])
TAGGED: list[tuple[str, str, list[tuple[str, dict[str, Any]]]]] = [
    ("InferenceAggregate", "task", [("classification", AGG_CLS), ("ner", AGG_NER)]),
    ("PerRecordPrediction", "task", [("classification", PRED_CLS), ("ner", PRED_NER)]),
    ("CalibrationPrediction", "shape", [("gaussian", GAUSS), ("sample", SAMPLE)]),
]
# Fields each struct may omit (#[serde(default)] or Option); every other one is required.
MAY_OMIT: dict[str, set[str]] = {
    "PerQueryRecord": {"recall_at_ks", "distance", "cohorts"},
    "EmbeddingEvalReport": {"eval_run_id"},
    "CalibrationEvalReport": {"eval_run_id"},
    "PerRecordCalibration": {"cohorts"},
    "CohortCalibration": {"crps_ci_lower", "crps_ci_upper"},
    "TableEvalReport": {"delta"},
    "AggregateDelta": {"significance"},
}


def js(obj: Any, indent: int | None = None) -> str:
    """JSON text of ``obj``; ``Raw`` strings go in verbatim."""
    marks: dict[str, str] = {}

    def mark(o: Any) -> Any:
        if isinstance(o, Raw):
            key = f"@@raw{len(marks)}@@"
            marks[key] = str(o)
            return key
        if isinstance(o, dict):
            return {k: mark(v) for k, v in o.items()}
        if isinstance(o, list):
            return [mark(v) for v in o]
        return o

    text = json.dumps(mark(obj), indent=indent, ensure_ascii=False)
    for key, raw in marks.items():
        text = text.replace(f'"{key}"', raw)
    return text


def _yaml_scalar(v: Any) -> str:
    if isinstance(v, Raw):
        return str(v)
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    text = str(v)
    if text and text.replace("_", "").replace("-", "").isalnum() and not text[0].isdigit():
        return text
    return "'" + text.replace("'", "''") + "'"


def ym(obj: Any, indent: int = 0) -> str:
    """Block YAML of ``obj`` (plain scalars where safe; ``Raw`` verbatim)."""
    pad = " " * indent
    if isinstance(obj, dict):
        if not obj:
            return pad + "{}\n"
        out = []
        for k, v in obj.items():
            if isinstance(v, dict) and v:
                out.append(f"{pad}{_yaml_scalar(k)}:\n{ym(v, indent + 2)}")
            elif isinstance(v, list) and v:
                out.append(f"{pad}{_yaml_scalar(k)}:\n{ym(v, indent)}")
            else:
                out.append(f"{pad}{_yaml_scalar(k)}: {ym(v).strip()}\n")
        return "".join(out)
    if isinstance(obj, list):
        if not obj:
            return pad + "[]\n"
        out = []
        for v in obj:
            if isinstance(v, (dict, list)) and v:
                body = ym(v, indent + 2)
                out.append(f"{pad}- {body[indent + 2 :]}")
            else:
                out.append(f"{pad}- {ym(v).strip()}\n")
        return "".join(out)
    return pad + _yaml_scalar(obj) + "\n"


def without(doc: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != key}


def with_(doc: dict[str, Any], **over: Any) -> dict[str, Any]:
    out = dict(doc)
    out.update(over)
    return out


def nested(doc: Any, path: tuple[str | int, ...], value: Any) -> Any:
    """A deep copy of ``doc`` with the value at ``path`` replaced."""
    out = copy.deepcopy(doc)
    cur = out
    for step in path[:-1]:
        cur = cur[step]
    cur[path[-1]] = value
    return out


def json_cases() -> list[Case]:
    cases: list[Case] = []

    def add(id_: str, type_: str, text: str, why: str) -> None:
        cases.append(
            {"id": id_, "format": "json", "type": f"eval::{type_}", "input": text, "why": why}
        )

    # ── every struct: valid (compact and pretty), each field missing, unknown field, not a map
    for type_, doc in VALID.items():
        add(f"{type_}_valid", type_, js(doc), "a valid document")
        add(f"{type_}_valid_pretty", type_, js(doc, 2), "the same, pretty")
        for key in doc:
            why = "may be absent" if key in MAY_OMIT.get(type_, ()) else "required"
            add(f"{type_}_missing_{key}", type_, js(without(doc, key)), why)
        add(f"{type_}_unknown_field", type_, js(with_(doc, extra=[1, {"x": None}])), "ignored")
        add(f"{type_}_null", type_, "null", "a struct is not null")
        add(f"{type_}_seq_empty", type_, "[]", "sequence form: invalid length 0")
    add("Entity_seq_form", "Entity", js(["PER", 0, 5, "Alice", 0.5]), "struct as a sequence")
    add("MetricDelta_seq_short", "MetricDelta", "[0.5]", "invalid length 1")
    add("MetricDelta_seq_long", "MetricDelta", "[0.5, 0.25, 1]", "trailing characters")
    add("MetricDelta_dup_field", "MetricDelta", '{"absolute": 1, "absolute": 2, "relative": 0}', "")

    # ── the unit enums
    for type_, names in (
        ("EvalTask", ["classification", "ner"]),
        ("EvalCalibrationShape", ["gaussian", "sample"]),
    ):
        for name in names:
            add(f"{type_}_{name}", type_, js(name), "a unit variant")
            add(f"{type_}_{name}_upper", type_, js(name.upper()), "wire names are snake_case")
            add(f"{type_}_{name}_map", type_, js({name: None}), "unit variant as a map")
        add(f"{type_}_null", type_, "null", "not a variant")
        add(f"{type_}_int", type_, "0", "no variant index")
    add("EvalCalibrationShape_display_name", "EvalCalibrationShape", '"calibration_gaussian"', "")

    # ── the tagged enums: every variant, and every way to get the tag wrong
    for type_, tag, variants in TAGGED:
        first = variants[0][1]
        for name, doc in variants:
            add(f"{type_}_{name}", type_, js(doc), "a variant, tag first")
            add(f"{type_}_{name}_pretty", type_, js(doc, 2), "pretty")
            add(f"{type_}_{name}_tag_last", type_, js({**without(doc, tag), tag: name}), "tag last")
            body = without(doc, tag)
            keys = list(body)
            mid = dict([*list(body.items())[:1], (tag, name), *list(body.items())[1:]])
            add(f"{type_}_{name}_tag_second", type_, js(mid), "tag between fields")
            for key in keys:
                add(f"{type_}_{name}_missing_{key}", type_, js(without(doc, key)), "no position")
            add(f"{type_}_{name}_unknown_field", type_, js(with_(doc, zz=1)), "ignored")
            add(f"{type_}_{name}_seq_form", type_, js([name, *body.values()]), "tag first")
            add(f"{type_}_{name}_external", type_, js({name: body}), "externally tagged")
            add(f"{type_}_{name}_tag_upper", type_, js(with_(doc, **{tag: name.title()})), "")
        add(f"{type_}_tag_missing", type_, js(without(first, tag)), "missing tag")
        add(f"{type_}_tag_unknown", type_, js(with_(first, **{tag: "regression"})), "")
        add(f"{type_}_tag_null", type_, js(with_(first, **{tag: None})), "tag not a string")
        add(f"{type_}_tag_int", type_, js(with_(first, **{tag: 0})), "a variant index")
        add(f"{type_}_tag_bool", type_, js(with_(first, **{tag: True})), "")
        add(f"{type_}_tag_map", type_, js(with_(first, **{tag: {}})), "")
        dup = js(first).replace("{", "{" + js(tag) + ": " + js(variants[1][0]) + ", ", 1)
        add(f"{type_}_tag_duplicated", type_, dup, "tag twice, different values")
        same = js(first).replace("{", "{" + js(tag) + ": " + js(variants[0][0]) + ", ", 1)
        add(f"{type_}_tag_duplicated_same", type_, same, "tag twice, same value")
        add(f"{type_}_tag_only", type_, js({tag: variants[0][0]}), "first field missing")
        add(f"{type_}_empty_map", type_, "{}", "missing tag")
        add(f"{type_}_empty_seq", type_, "[]", "no tag in a sequence")
        add(f"{type_}_null", type_, "null", "")
        add(f"{type_}_string", type_, js(variants[0][0]), "a bare name is not a map")
        add(f"{type_}_dup_field", type_, js(first).replace("{", '{"record_id": "x", ', 1), "")
        add(f"{type_}_trailing", type_, js(first) + " x", "trailing characters after the buffer")
        add(f"{type_}_truncated", type_, js(first)[:-1], "EOF inside the buffered map")

    # ── buffered content: numbers as u64/i64/f64, errors without position
    ner_ent = ("predicted", 0, "confidence")
    for name, raw in [
        ("1e39", "1e39"),
        ("neg_1e39", "-1e39"),
        ("max", "3.4028235e38"),
        ("above_max", "3.4028236e38"),
        ("halfway_max", "3.4028235677973366e38"),
        ("round_half", "1.0000000596046448"),
        ("round_up", "1.0000000596046449"),
        ("tiny", "1e-46"),
        ("min_subnormal", "1e-45"),
        ("int", "1"),
        ("neg_int", "-1"),
        ("u64_max", "18446744073709551615"),
        ("two_pow_64", "18446744073709551616"),
        ("out_of_range", "1e400"),
        ("string", '"0.5"'),
        ("null", "null"),
        ("point_one", "0.1"),
    ]:
        add(
            f"f32_tagged_{name}", "PerRecordPrediction", js(nested(PRED_NER, ner_ent, Raw(raw))), ""
        )
        add(f"f32_plain_{name}", "Entity", js(with_(ENT, confidence=Raw(raw))), "")
    for name, raw in [
        ("neg", "-1"),
        ("float", "1.0"),
        ("big", "18446744073709551616"),
        ("max", "18446744073709551615"),
        ("string", '"4"'),
    ]:
        add(
            f"usize_tagged_{name}",
            "InferenceAggregate",
            js(nested(AGG_NER, ("per_type", "PER", "support"), Raw(raw))),
            "",
        )
        add(f"usize_plain_{name}", "TypeMetrics", js(with_(TM, support=Raw(raw))), "")
        add(
            f"usize_tagged_start_{name}",
            "PerRecordPrediction",
            js(nested(PRED_NER, ("gold", 0, "start"), Raw(raw))),
            "",
        )
    for name, raw in [
        ("int", "1"),
        ("neg_int", "-3"),
        ("big_int", "18446744073709551616"),
        ("huge", "1e308"),
        ("string", '"1"'),
        ("bool", "true"),
    ]:
        add(f"f64_tagged_{name}", "CalibrationPrediction", js(with_(GAUSS, mean=Raw(raw))), "")
    add("f64_tagged_out_of_range", "CalibrationPrediction", js(with_(GAUSS, sd=Raw("1e400"))), "")
    add(
        "cohorts_tagged_null", "CalibrationPrediction", js(with_(GAUSS, cohorts=None)), "unit value"
    )
    add("cohorts_plain_null", "PerRecordCalibration", js(with_(PRC, cohorts=None)), "null")
    add("cohorts_tagged_value_int", "CalibrationPrediction", js(with_(GAUSS, cohorts={"a": 1})), "")
    add("cohorts_tagged_list", "CalibrationPrediction", js(with_(GAUSS, cohorts=[["a", "b"]])), "")
    add("draws_tagged_string", "CalibrationPrediction", js(with_(SAMPLE, draws="x")), "")
    add("draws_tagged_null_item", "CalibrationPrediction", js(with_(SAMPLE, draws=[1, None])), "")
    add("draws_tagged_empty", "CalibrationPrediction", js(with_(SAMPLE, draws=[])), "")
    add("record_id_tagged_int", "PerRecordPrediction", js(with_(PRED_CLS, record_id=5)), "")
    add(
        "record_id_tagged_escape",
        "PerRecordPrediction",
        js(with_(PRED_CLS, record_id='a"\\\u00e9\n')),
        "owned string in the buffer",
    )
    add(
        "entity_tagged_missing_conf",
        "PerRecordPrediction",
        js(nested(PRED_NER, ("gold", 0), without(GOLD, "confidence"))),
        "no position",
    )
    add(
        "entity_tagged_seq_form",
        "PerRecordPrediction",
        js(nested(PRED_NER, ("gold", 0), ["PER", 0, 5, "", 0.0])),
        "struct as seq from the buffer",
    )
    add("ner_tagged_per_type_null", "InferenceAggregate", js(with_(AGG_NER, per_type=None)), "")
    add(
        "ner_tagged_per_type_two",
        "InferenceAggregate",
        js(with_(AGG_NER, per_type={"PER": TM})),
        "",
    )
    add("cls_tagged_per_class_missing", "InferenceAggregate", js(without(AGG_CLS, "per_class")), "")
    add(
        "cls_tagged_per_class_item_null",
        "InferenceAggregate",
        js(with_(AGG_CLS, per_class={"a": None})),
        "",
    )
    add(
        "cls_tagged_per_class_dup",
        "InferenceAggregate",
        js(AGG_CLS).replace('"per_class": {', '"per_class": {"spam": 1, ', 1),
        "dup key, first bad",
    )
    add(
        "cls_tagged_nested_deep_unknown",
        "InferenceAggregate",
        js(with_(AGG_CLS, zz={"a": [[[{"b": None}]]]})),
        "",
    )

    # ── tuples (usize, f64)
    tup = ("per_query", 0, "recall_at_ks")
    for name, v in [
        ("empty_list", []),
        ("one", [[1]]),
        ("three", [[1, 0.5, 3]]),
        ("empty_tuple", [[]]),
        ("not_seq", [1]),
        ("map", [{"0": 1, "1": 0.5}]),
        ("string_k", [["1", 0.5]]),
        ("neg_k", [[-1, 0.5]]),
        ("float_k", [[Raw("1.0"), 0.5]]),
        ("big_k", [[Raw("18446744073709551616"), 0.5]]),
        ("max_k", [[Raw("18446744073709551615"), 0.5]]),
        ("string_v", [[1, "0.5"]]),
        ("null_v", [[1, None]]),
        ("int_v", [[1, 2]]),
        ("null", None),
        ("many", [[1, 0.0], [3, 0.25], [5, 1.0], [10, 1.0]]),
    ]:
        add(f"tuple_{name}", "EmbeddingEvalReport", js(nested(EMB, tup, v)), "")
    add(
        "tuple_deep_three",
        "CompareEvalReport",
        js(nested(CMP, ("per_table", 1, "embedding_eval", *tup), [[1, 0.5], [1, 2, 3]])),
        "",
    )
    add(
        "tuple_pretty_one",
        "PerQueryRecord",
        js(with_(PQ, recall_at_ks=[[1]]), 2),
        "position in pretty text",
    )

    # ── BTreeMap, Option, HashMap of structs
    add(
        "btree_unsorted",
        "PerQueryRecord",
        js(with_(PQ, cohorts={"z": "1", "a": "2", "M": "3"})),
        "written sorted",
    )
    add(
        "btree_dup_key",
        "PerQueryRecord",
        js(PQ).replace('"cohorts": {', '"cohorts": {"split": "x", ', 1),
        "last wins",
    )
    add("btree_value_int", "PerQueryRecord", js(with_(PQ, cohorts={"a": 1})), "")
    add("btree_value_null", "PerQueryRecord", js(with_(PQ, cohorts={"a": None})), "")
    add(
        "btree_unicode",
        "PerRecordCalibration",
        js(with_(PRC, cohorts={"é": "x", "e": "y", "\u00ff": "z", "Z": ""})),
        "byte order",
    )
    add(
        "option_delta_missing",
        "TableEvalReport",
        js(without(TER, "delta")),
        "Option without default may be absent",
    )
    add("option_delta_empty", "TableEvalReport", js(with_(TER, delta={})), "")
    add("option_significance_null", "AggregateDelta", js(with_(AD, significance=None)), "")
    add(
        "option_significance_bad",
        "AggregateDelta",
        js(with_(AD, significance={"recall_at_k": MS})),
        "",
    )
    add("option_ci_string", "CohortCalibration", js(with_(COH, crps_ci_lower="0.1")), "")
    add(
        "option_ci_null",
        "CohortCalibration",
        js(with_(COH, crps_ci_lower=None, crps_ci_upper=None)),
        "",
    )
    add("hashmap_empty", "ClassificationResult", js(with_(CR, per_class={})), "")
    add("hashmap_null_value", "ClassificationResult", js(with_(CR, per_class={"a": None})), "")
    add("hashmap_int_value", "NerMetrics", js(with_(NM, per_type={"a": 1})), "")
    add("hashmap_null", "NerMetrics", js(with_(NM, per_type=None)), "")
    add("usize_n_neg", "CalibrationAggregate", js(with_(CAGG, n=-1)), "")
    add("usize_n_float", "CalibrationAggregate", js(with_(CAGG, n=Raw("2.0"))), "")
    add("bool_covered_int", "PerRecordCalibration", js(with_(PRC, covered=1)), "")
    add("bool_covered_string", "PerRecordCalibration", js(with_(PRC, covered="true")), "")
    add("f64_nan_text", "MetricSignificance", js(with_(MS, p_value=Raw("NaN"))), "")
    add("f64_out_of_range", "MetricSignificance", js(with_(MS, p_value=Raw("1e400"))), "")
    add("compare_empty", "CompareEvalReport", '{"per_table": []}', "")
    add(
        "compare_inference_nested_bad",
        "InferenceEvalReport",
        js(nested(INF_CLS, ("per_record", 0, "task"), "ner")),
        "variant ner lacks its fields",
    )
    add("inference_cls", "InferenceEvalReport", js(INF_CLS), "classification report")
    add(
        "inference_mixed",
        "InferenceEvalReport",
        js(with_(INF_CLS, per_record=[PRED_CLS, PRED_NER])),
        "tasks may mix on the wire",
    )
    return cases


def yaml_cases() -> list[Case]:
    cases: list[Case] = []

    def add(id_: str, type_: str, text: str, why: str, fmt: str = "yaml") -> None:
        cases.append(
            {"id": id_, "format": fmt, "type": f"eval::{type_}", "input": text, "why": why}
        )

    both = ("yaml", "yaml_singleton_map")
    for type_, doc in VALID.items():
        add(f"y_{type_}_valid", type_, ym(doc), "a valid document")
        add(f"y_{type_}_flow", type_, js(doc), "JSON text is YAML flow")
        first_required = next(k for k in doc if k not in MAY_OMIT.get(type_, ()))
        add(f"y_{type_}_missing_{first_required}", type_, ym(without(doc, first_required)), "")
    for type_, tag, variants in TAGGED:
        first = variants[0][1]
        for name, doc in variants:
            for fmt in both:
                add(f"y_{fmt}_{type_}_{name}", type_, ym(doc), "a variant", fmt)
            body = without(doc, tag)
            add(f"y_{type_}_{name}_tag_last", type_, ym({**body, tag: name}), "")
            add(
                f"y_{type_}_{name}_missing_{next(iter(body))}",
                type_,
                ym(without(doc, next(iter(body)))),
                "no position",
            )
            add(
                f"y_{type_}_{name}_yaml_tag",
                type_,
                f"!{name}\n" + ym(body),
                "a YAML tag is not the serde tag",
            )
            add(
                f"y_{type_}_{name}_quoted_tag", type_, ym(with_(doc, **{tag: Raw(f'"{name}"')})), ""
            )
            add(
                f"y_{type_}_{name}_str_tag",
                type_,
                ym(with_(doc, **{tag: Raw(f"!!str {name}")})),
                "",
            )
            add(f"y_{type_}_{name}_seq_form", type_, js([name, *body.values()]), "tag first")
        for fmt in both:
            add(f"y_{fmt}_{type_}_tag_missing", type_, ym(without(first, tag)), "no position", fmt)
        add(f"y_{type_}_tag_unknown", type_, ym(with_(first, **{tag: "regression"})), "")
        add(f"y_{type_}_tag_null", type_, ym(with_(first, **{tag: None})), "")
        add(f"y_{type_}_tag_tilde", type_, ym(with_(first, **{tag: Raw("~")})), "")
        add(f"y_{type_}_tag_int", type_, ym(with_(first, **{tag: 1})), "")
        add(f"y_{type_}_tag_bool", type_, ym(with_(first, **{tag: True})), "")
        add(
            f"y_{type_}_tag_local",
            type_,
            ym(with_(first, **{tag: Raw("!" + variants[1][0] + " x")})),
            "",
        )
        dup = ym(first).replace(f"{tag}: ", f"{tag}: {variants[1][0]}\n{tag}: ", 1)
        add(f"y_{type_}_tag_duplicated", type_, dup, "tag twice")
        add(f"y_{type_}_empty", type_, "", "an empty document")
        add(f"y_{type_}_empty_map", type_, "{}", "")
        add(f"y_{type_}_scalar", type_, variants[0][0], "a bare name")

    # Scalars go through deserialize_any into the buffer: typed by YAML, not by the field.
    for name, raw in [
        ("int", "123"),
        ("float", "1.5"),
        ("bool", "true"),
        ("null", "null"),
        ("yes", "yes"),
        ("quoted_int", "'123'"),
        ("hex", "0x1F"),
        ("tilde", "~"),
        ("inf", ".inf"),
    ]:
        add(
            f"y_string_tagged_{name}",
            "PerRecordPrediction",
            ym(with_(PRED_CLS, record_id=Raw(raw))),
            "",
        )
        add(
            f"y_string_plain_{name}", "PerRecordCalibration", ym(with_(PRC, record_id=Raw(raw))), ""
        )
    for name, raw in [
        ("int", "1"),
        ("neg", "-2"),
        ("hex", "0x10"),
        ("octal", "0o10"),
        ("exp", "1e3"),
        ("inf", ".inf"),
        ("nan", ".nan"),
        ("quoted", "'1.5'"),
        ("big_int", "18446744073709551616"),
        ("underscore", "1_000"),
        ("plus", "+1.5"),
        ("dot", ".5"),
        ("null", "null"),
        ("bool", "true"),
    ]:
        add(f"y_f64_tagged_{name}", "CalibrationPrediction", ym(with_(GAUSS, mean=Raw(raw))), "")
        add(f"y_f64_plain_{name}", "PerRecordCalibration", ym(with_(PRC, crps=Raw(raw))), "")
    for name, raw in [
        ("1e39", "1e39"),
        ("neg_1e39", "-1e39"),
        ("max", "3.4028235e38"),
        ("round_half", "1.0000000596046448"),
        ("tiny", "1e-46"),
        ("inf", ".inf"),
        ("nan", ".nan"),
        ("int", "7"),
        ("big_int", "18446744073709551616"),
        ("quoted", "'0.5'"),
    ]:
        add(
            f"y_f32_plain_{name}",
            "Entity",
            ym(with_(ENT, confidence=Raw(raw))),
            "YAML never refuses an f32 range",
        )
        add(
            f"y_f32_tagged_{name}",
            "PerRecordPrediction",
            ym(nested(PRED_NER, ("predicted", 0, "confidence"), Raw(raw))),
            "",
        )
    for name, raw in [
        ("neg", "-1"),
        ("float", "1.0"),
        ("big", "18446744073709551616"),
        ("hex", "0x10"),
        ("quoted", "'4'"),
        ("max", "18446744073709551615"),
    ]:
        add(
            f"y_usize_tagged_{name}",
            "PerRecordPrediction",
            ym(nested(PRED_NER, ("gold", 0, "start"), Raw(raw))),
            "",
        )
        add(f"y_usize_plain_{name}", "Entity", ym(with_(ENT, start=Raw(raw))), "")
    add("y_cohorts_tagged_null", "CalibrationPrediction", ym(with_(GAUSS, cohorts=None)), "")
    add(
        "y_cohorts_tagged_int_value",
        "CalibrationPrediction",
        ym(with_(GAUSS, cohorts={"a": Raw("1")})),
        "an int, not a string, in the buffer",
    )
    add(
        "y_cohorts_plain_int_value",
        "PerRecordCalibration",
        ym(with_(PRC, cohorts={"a": Raw("1")})),
        "a string outside it",
    )
    add(
        "y_cohorts_tagged_int_key",
        "CalibrationPrediction",
        ym(with_(GAUSS, cohorts={Raw("1"): "a"})),
        "",
    )
    add(
        "y_cohorts_plain_int_key",
        "PerRecordCalibration",
        ym(with_(PRC, cohorts={Raw("1"): "a"})),
        "",
    )
    add(
        "y_anchor_in_tagged",
        "CalibrationPrediction",
        "shape: sample\nrecord_id: &r s1\ndraws: &d [1, 2]\noutcome: 0.5\ncohorts: {a: *r}\n",
        "aliases in the buffer",
    )
    add(
        "y_merge_in_tagged",
        "CalibrationPrediction",
        "base: &b {record_id: r, mean: 0, sd: 1, outcome: 0}\nshape: gaussian\n<<: *b\n",
        "merge keys are not applied",
    )

    # tuples
    for name, flow in [
        ("one", "[[1]]"),
        ("three", "[[1, 0.5, 3]]"),
        ("empty", "[[]]"),
        ("scalar", "[1]"),
        ("string_k", "[['1', 0.5]]"),
        ("neg_k", "[[-1, 0.5]]"),
        ("float_k", "[[1.0, 0.5]]"),
        ("null_v", "[[1, ~]]"),
        ("int_v", "[[1, 2]]"),
        ("ok", "[[1, 0.5], [10, 1]]"),
        ("map", "[{a: 1}]"),
    ]:
        add(f"y_tuple_{name}", "PerQueryRecord", ym(with_(PQ, recall_at_ks=Raw(flow))), "")
    add(
        "y_tuple_block",
        "PerQueryRecord",
        ym(PQ).replace("recall_at_ks:\n- - 1\n  - 0.5\n", "recall_at_ks:\n- - 1\n  - 0.5\n  - 7\n"),
        "block seq of three",
    )
    add(
        "y_btree_unsorted",
        "PerRecordCalibration",
        ym(with_(PRC, cohorts={"z": "1", "a": "2"})),
        "written sorted",
    )
    add(
        "y_btree_dup",
        "PerRecordCalibration",
        ym(with_(PRC, cohorts={"a": "1"})).replace("  a: '1'\n", "  a: '1'\n  a: '2'\n"),
        "",
    )
    add("y_option_null_delta", "TableEvalReport", ym(with_(TER, delta=None)), "")
    add("y_option_tilde_ci", "CohortCalibration", ym(with_(COH, crps_ci_lower=Raw("~"))), "")
    add(
        "y_option_empty_ci",
        "CohortCalibration",
        ym(COH).replace("crps_ci_lower: 0.125", "crps_ci_lower:"),
        "",
    )
    add("y_bool_yes", "PerRecordCalibration", ym(with_(PRC, covered=Raw("yes"))), "")
    add("y_unit_enum", "EvalTask", "ner\n", "")
    add("y_unit_enum_tag", "EvalCalibrationShape", "!sample\n", "")
    add("y_unit_enum_bad", "EvalCalibrationShape", "calibration_sample\n", "")
    add("y_sm_unit_enum", "EvalTask", "classification\n", "", "yaml_singleton_map")
    add("y_sm_unit_enum_map", "EvalTask", "{ner: ~}\n", "", "yaml_singleton_map")
    add("y_sm_inference", "InferenceEvalReport", ym(INF_NER), "", "yaml_singleton_map")
    add("y_sm_calibration", "CalibrationEvalReport", ym(CAL), "", "yaml_singleton_map")
    add("y_inference_cls", "InferenceEvalReport", ym(INF_CLS), "")
    add(
        "y_deep_missing",
        "CompareEvalReport",
        ym(nested(CMP, ("per_table", 1, "delta", "significance", "mrr"), without(MS, "ci_upper"))),
        "",
    )
    add(
        "y_deep_tagged_missing",
        "InferenceEvalReport",
        ym(nested(INF_NER, ("per_record", 0, "gold", 0), without(GOLD, "end"))),
        "",
    )
    return cases


def all_cases() -> list[Case]:
    cases = json_cases() + yaml_cases()
    ids = [c["id"] for c in cases]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"duplicate case ids: {sorted(dupes)}")
    return cases
