"""Live agreement with serde on the eval report vocabulary (issue 12), every CI run.

* Rust -> text -> Python -> text: the harness's seeded random values of every eval type
  (``eval::random``), read by Python from serde_json's compact and pretty text and from
  serde_yaml's text in both dialects, are written back byte for byte; Python's text is
  read by Rust to the same value.
* Both reject the same inputs: seeded mutations aimed at what the eval types add (the
  tag of the internally tagged enums, tuples, f32, BTreeMap, Option and HashMap of
  structs), plus the generic ones of the config tests, as JSON and as YAML: same verdict,
  same value when accepted, serde's message when rejected.
* f32 text: 100,000 random f32 values, written by Python through a report exactly as
  serde_json and serde_yaml write them (one batched harness request), and read back to
  the same f32.

Everything is generated from fixed seeds and sent in a few batched requests.
"""

from __future__ import annotations

import json
import math
import random
import re
import struct
from collections import Counter
from typing import Any

from harness import Harness, HarnessError
from test_live_roundtrip import (
    REPLACEMENTS,
    Node,
    Obj,
    Raw,
    _containers,
    _get,
    _set,
    _slots,
    emit,
    mutate_text,
    mutate_tree,
    parse_tree,
)

import jammi_wire as jw
from jammi_wire import WireError
from jammi_wire import eval as jeval

TYPES = sorted(jeval.TYPES)
HASHMAPS = ("per_class", "per_type")


def cls_of(type_name: str) -> type:
    return jeval.TYPES[type_name.removeprefix("eval::")]


def random_values(rust: Harness, type_name: str, seed: int, count: int) -> list[dict[str, Any]]:
    resp = rust.request(
        {"op": "eval::random", "type": f"eval::{type_name}", "seed": seed, "count": count}
    )
    if not resp.get("ok"):
        raise HarnessError(f"eval::random failed: {resp.get('error')}")
    values: list[dict[str, Any]] = resp["values"]
    return values


def nonfinite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, (list, tuple)):
        return any(nonfinite(v) for v in value)
    if isinstance(value, dict):
        return any(nonfinite(v) for v in value.values())
    fields = getattr(type(value), "__attrs_attrs__", None)
    return fields is not None and any(nonfinite(getattr(value, a.name)) for a in fields)


def _sort_hashmaps(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: (
                dict(sorted((kk, _sort_hashmaps(vv)) for kk, vv in v.items()))
                if k in HASHMAPS and isinstance(v, dict)
                else _sort_hashmaps(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_sort_hashmaps(v) for v in node]
    return node


def _multi_key_hashmap(node: Any) -> bool:
    if isinstance(node, dict):
        return any(
            (k in HASHMAPS and isinstance(v, dict) and len(v) > 1) or _multi_key_hashmap(v)
            for k, v in node.items()
        )
    if isinstance(node, list):
        return any(_multi_key_hashmap(v) for v in node)
    return False


def same_json(ours: str, theirs: str) -> bool:
    """Byte-equal, except that a HashMap with several keys may come in any order."""
    if ours == theirs:
        return True
    a, b = json.loads(ours), json.loads(theirs)
    return _multi_key_hashmap(b) and _sort_hashmaps(a) == _sort_hashmaps(b)


# ------------------------------------------------------------- round trips

PER_TYPE = 30


def test_rust_values_round_trip_through_python_json(rust: Harness) -> None:
    back: list[tuple[str, str, str]] = []
    checked = 0
    for i, type_name in enumerate(TYPES):
        cls = cls_of(type_name)
        for value in random_values(rust, type_name, seed=1200 + i, count=PER_TYPE):
            obj = jw.from_json(value["json"], cls, validate=False, unknown="error")
            assert jw.to_json(obj) == value["json"], (type_name, value["json"])
            assert jw.from_json(value["json_pretty"], cls) == obj
            assert jw.to_json(obj, pretty=True) == value["json_pretty"]
            back.append((type_name, jw.to_json(obj), value["json"]))
            checked += 1
    responses = rust.decode_many(("json", f"eval::{t}", ours) for t, ours, _ in back)
    for (type_name, ours, original), resp in zip(back, responses, strict=True):
        assert resp["ok"], (type_name, ours, resp.get("error"))
        assert same_json(resp["json"], original), (type_name, ours)
    assert checked == PER_TYPE * len(TYPES)


def test_rust_values_round_trip_through_python_yaml(rust: Harness) -> None:
    back: list[tuple[str, str, str, str]] = []
    for i, type_name in enumerate(TYPES):
        cls = cls_of(type_name)
        for value in random_values(rust, type_name, seed=1300 + i, count=PER_TYPE // 2):
            for fmt, dialect in (("yaml", "tags"), ("yaml_singleton_map", "singleton_map")):
                obj = jw.from_yaml(
                    value[fmt], cls, dialect=dialect, validate=False, unknown="error"
                )
                ours = jw.to_yaml(obj, dialect=dialect)
                assert ours == value[fmt], (type_name, value[fmt])
                assert jw.to_json(obj) == value["json"]
                back.append((fmt, type_name, ours, value["json"]))
    responses = rust.decode_many((fmt, f"eval::{t}", ours) for fmt, t, ours, _ in back)
    for (_, type_name, ours, original), resp in zip(back, responses, strict=True):
        assert resp["ok"], (type_name, ours, resp.get("error"))
        assert same_json(resp["json"], original), (type_name, ours)


def test_parse_and_display_agree_with_rust(rust: Harness) -> None:
    words = ["classification", "ner", "gaussian", "sample", "Ner", "", "calibration_sample", " ner"]
    cases = [(t, w) for t in ("EvalTask", "EvalCalibrationShape") for w in words]
    responses = rust.request_many(
        {"op": "eval::parse", "type": f"eval::{t}", "input": w} for t, w in cases
    )
    for (type_name, word), resp in zip(cases, responses, strict=True):
        cls = cls_of(type_name)
        try:
            value = cls.parse(word)  # type: ignore[attr-defined]
        except WireError as error:
            assert not resp["ok"], word
            assert str(error) == resp["error"]
        else:
            assert resp["ok"], word
            assert str(value) == resp["display"]


# ------------------------------------------------------------- mutations

TAGS = {"task": ["classification", "ner"], "shape": ["gaussian", "sample"]}
ODD_TAGS = ["regression", "Ner", "NER", "", "ner ", "gaussian", "classification", "sample"]
NUMBERS_F32 = [
    "1e39",
    "-1e39",
    "3.4028235e38",
    "3.4028236e38",
    "3.4028235677973366e38",
    "3.4028235677973362e38",
    "1.0000000596046448",
    "1e-46",
    "-0.0",
    "1e400",
    "16777217",
    "18446744073709551616",
    "-1",
    "0.1",
]
YAML_SCALARS = [
    "yes",
    "~",
    "null",
    "0x10",
    "0o7",
    ".inf",
    "-.inf",
    ".nan",
    "1_000",
    "+1",
    ".5",
    "'1'",
    "!!str 1",
    "true",
    "1e3",
]
NAMES = [
    "task",
    "shape",
    "record_id",
    "confidence",
    "recall_at_ks",
    "cohorts",
    "per_class",
    "per_type",
    "delta",
    "significance",
    "extra",
]


def _tagged_objects(tree: Node) -> list[Obj]:
    return [o for o in _containers(tree, Obj) if any(k in TAGS for k, _ in o)]


def mutate_eval(tree: Node, rng: random.Random, fmt: str) -> tuple[Node, str]:
    """One mutation aimed at what the eval types add; (possibly new root, its name)."""
    tagged = _tagged_objects(tree)
    slots = _slots(tree)
    choice = rng.randrange(9)
    if choice == 0 and tagged:  # the tag: drop, change, duplicate, mistype, move
        obj = rng.choice(tagged)
        i = next(j for j, (k, _) in enumerate(obj) if k in TAGS)
        key, value = obj[i]
        action = rng.randrange(5)
        if action == 0:
            del obj[i]
        elif action == 1:
            obj[i] = (key, rng.choice([*TAGS[key], *ODD_TAGS]))
        elif action == 2:
            obj.insert(rng.randrange(len(obj) + 1), (key, rng.choice([value, *TAGS[key]])))
        elif action == 3:
            obj[i] = (key, Raw(rng.choice(["null", "0", "true", "{}", "[]", '["ner"]'])))
        else:
            del obj[i]
            obj.insert(rng.randrange(len(obj) + 1), (key, value))
        return tree, "tag"
    pairs = [
        (c, i)
        for c, i in slots
        if isinstance(_get(c, i), list) and len(_get(c, i)) == 2 and not isinstance(_get(c, i), Obj)
    ]
    if choice == 1 and pairs:  # a tuple (usize, f64) of the wrong length or shape
        c, i = rng.choice(pairs)
        pair = list(_get(c, i))
        action = rng.randrange(4)
        if action == 0:
            pair.pop(rng.randrange(2))
        elif action == 1:
            pair.append(Raw(rng.choice(["1", "0.5", "null"])))
        elif action == 2:
            pair.reverse()
        else:
            pair = Obj([("0", pair[0]), ("1", pair[1])])  # type: ignore[assignment]
        _set(c, i, pair)
        return tree, "tuple"
    confidences = [(c, i) for c, i in slots if isinstance(c, Obj) and c[i][0] == "confidence"]
    if choice == 2 and confidences:  # f32 range and rounding
        c, i = rng.choice(confidences)
        _set(c, i, Raw(rng.choice(NUMBERS_F32)))
        return tree, "f32"
    objects = [o for o in _containers(tree, Obj) if o]
    if choice == 3 and objects:  # a struct (or tagged map) in its sequence form
        obj = rng.choice(objects)
        seq = [v for _, v in obj]
        if obj is tree:
            return seq, "seq_form"
        for c, i in slots:
            if _get(c, i) is obj:
                _set(c, i, seq)
                break
        return tree, "seq_form"
    if choice == 4 and objects:  # a field renamed to another field of the vocabulary
        obj = rng.choice(objects)
        i = rng.randrange(len(obj))
        obj[i] = (rng.choice(NAMES), obj[i][1])
        return tree, "rename"
    if choice == 5 and slots:  # null where an Option / map / struct may or may not take it
        c, i = rng.choice(slots)
        _set(c, i, Raw("null"))
        return tree, "null"
    if choice == 6 and slots:  # numbers through the tagged buffer
        numeric = [(c, i) for c, i in slots if isinstance(_get(c, i), Raw)] or slots
        c, i = rng.choice(numeric)
        _set(
            c,
            i,
            Raw(
                rng.choice(
                    [
                        "-1",
                        "1.0",
                        "18446744073709551615",
                        "18446744073709551616",
                        "1e400",
                        "-0",
                        "2.5e-324",
                        '"1"',
                    ]
                )
            ),
        )
        return tree, "number"
    if choice == 7 and objects:  # cohorts / HashMap members
        maps = [
            o
            for o in _containers(tree, Obj)
            for k, v in o
            if k in ("cohorts", *HASHMAPS) and isinstance(v, Obj)
        ]
        if maps:
            obj = rng.choice(maps)
            holder = next(v for k, v in obj if k in ("cohorts", *HASHMAPS) and isinstance(v, Obj))
            holder.append(
                (
                    rng.choice(["a", "z", "", "é", "A"]),
                    Raw(
                        rng.choice(['"x"', "1", "null", "{}", '{"precision":1,"recall":1,"f1":1}'])
                    ),
                )
            )
            return tree, "map_member"
    kind = mutate_tree(tree, rng)
    if kind == "root":
        return Raw(rng.choice(REPLACEMENTS)), kind
    return tree, kind


def _yaml_key(key: Any) -> str:
    return str(key) if isinstance(key, Raw) else json.dumps(key)


def _yaml_inline(node: Node) -> str:
    if isinstance(node, Raw):
        return str(node)
    if isinstance(node, str):
        return json.dumps(node)
    if node is None:
        return "null"
    if isinstance(node, bool):
        return "true" if node else "false"
    if isinstance(node, Obj):
        return "{" + ", ".join(f"{_yaml_key(k)}: {_yaml_inline(v)}" for k, v in node) + "}"
    assert isinstance(node, list)
    return "[" + ", ".join(_yaml_inline(v) for v in node) + "]"


def emit_yaml(node: Node, rng: random.Random, level: int = 0) -> str:
    """Block YAML of a mutation tree (flow style for some nodes, at random)."""
    pad = "  " * level
    if not isinstance(node, (Obj, list)) or not node or rng.random() < 0.1:
        return pad + _yaml_inline(node)
    lines = []
    if isinstance(node, Obj):
        for k, v in node:
            if isinstance(v, (Obj, list)) and v:
                lines.append(f"{pad}{_yaml_key(k)}:\n{emit_yaml(v, rng, level + 1)}")
            else:
                lines.append(f"{pad}{_yaml_key(k)}: {_yaml_inline(v)}")
    else:
        for v in node:
            body = (
                emit_yaml(v, rng, level + 1)
                if isinstance(v, (Obj, list)) and v
                else _yaml_inline(v)
            )
            lines.append(f"{pad}- {body.lstrip()}")
    return "\n".join(lines)


def _bases(rust: Harness, seed: int) -> list[tuple[str, str]]:
    out = []
    for i, type_name in enumerate(TYPES):
        out += [(type_name, v["json"]) for v in random_values(rust, type_name, seed + i, 6)]
    return out


def mutated(rust: Harness, seed: int, count: int, fmt: str) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    bases = _bases(rust, seed)
    out: list[tuple[str, str, str]] = []
    while len(out) < count:
        type_name, base = rng.choice(bases)
        tree: Node = parse_tree(base)
        kinds = []
        for _ in range(rng.choice([1, 1, 2])):
            tree, kind = mutate_eval(tree, rng, fmt)
            kinds.append(kind)
        if fmt == "json":
            text = emit(tree, rng, pretty=rng.random() < 0.3)
            if rng.random() < 0.2:
                text, kind = mutate_text(text, rng)
                kinds.append(kind)
        else:
            if rng.random() < 0.3:
                slots = _slots(tree)
                if slots:
                    c, i = rng.choice(slots)
                    _set(c, i, Raw(rng.choice(YAML_SCALARS)))
                    kinds.append("yaml_scalar")
            text = emit_yaml(tree, rng) + "\n"
        out.append((type_name, text, "+".join(kinds)))
    return out


def _python(fmt: str, type_name: str, text: str) -> tuple[Any, WireError | None]:
    cls = cls_of(type_name)
    try:
        if fmt == "json":
            return jw.from_json(text, cls, validate=False, unknown="ignore"), None
        return jw.from_yaml(text, cls, dialect="tags", validate=False, unknown="ignore"), None
    except WireError as error:
        return None, error


def _serde_text(fmt: str, error: WireError) -> str:
    if fmt != "json":
        return str(error)
    text = error.message
    if error.line is not None:
        text += f" at line {error.line} column {error.column}"
    return text


MUTATIONS = {"json": 2500, "yaml": 1500}

_POSITION = re.compile(r" at line \d+ column \d+$")
_SYNTAX = re.compile(
    r"^(expected value|expected `[,:]`|expected `,` or `[]}]`|key must be a string"
    r"|trailing (characters|comma)|EOF while parsing|invalid number|invalid escape"
    r"|control character|lone |unexpected end of hex escape|number out of range)"
)


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def known_wording(fmt: str, text: str, serde: str, ours: str) -> str | None:
    """Which recorded divergence explains two different error texts, if any (both
    readers refused the input; tests/interop/FINDINGS.md, "Eval")."""
    if fmt == "json" and (_SYNTAX.match(serde) or _SYNTAX.match(ours) or not _parses(text)):
        # serde_json stops at the first problem in reading order, types included; we
        # parse the whole text first (test_live_roundtrip.DIVERGENCES).
        return "syntax_order"
    if re.search(r"(task|shape)\W", text):
        # An error from the Content buffer of a tagged enum below the top of the
        # document: serde_json places it where the enclosing container ends, serde_yaml
        # at the enclosing container with its path; we place it at the field.
        bare = _POSITION.sub("", serde)
        mine = _POSITION.sub("", ours)
        if fmt == "json" and bare == mine:
            return "nested_buffer_position"
        if fmt != "json" and bare.split(": ", 1)[-1] == mine.split(": ", 1)[-1]:
            return "nested_buffer_position"
    return None


def _mutation_run(rust: Harness, fmt: str, seed: int) -> Counter[str]:
    inputs = mutated(rust, seed, MUTATIONS[fmt], fmt)
    responses = rust.decode_many((fmt, f"eval::{t}", text) for t, text, _ in inputs)
    verdicts = Counter[str]()
    known = Counter[str]()
    disagreements: list[str] = []
    wording: list[str] = []
    for (type_name, text, kind), resp in zip(inputs, responses, strict=True):
        obj, error = _python(fmt, type_name, text)
        verdicts["accept" if resp["ok"] else "reject"] += 1
        if (error is None) != resp["ok"]:
            disagreements.append(
                f"{kind} {type_name} {text!r}: serde {resp.get('error')!r}, python {error}"
            )
            continue
        if error is not None:
            ours = _serde_text(fmt, error)
            if ours == resp["error"]:
                verdicts["same_error"] += 1
                continue
            reason = known_wording(fmt, text, resp["error"], ours)
            if reason is not None:
                known[reason] += 1
            else:
                wording.append(
                    f"{kind} {type_name} {text!r}: serde {resp['error']!r}, python {ours!r}"
                )
            continue
        if nonfinite(obj):
            assert jw.to_yaml(obj) == resp["yaml"] or _multi_key_hashmap(
                json.loads(resp["json"] or "null") or {}
            ), text
        else:
            assert same_json(jw.to_json(obj), resp["json"]), (type_name, text)
    assert not disagreements, f"{len(disagreements)} verdicts differ:\n" + "\n".join(
        disagreements[:15]
    )
    assert not wording, f"{len(wording)} messages differ:\n" + "\n".join(wording[:15])
    assert verdicts["accept"] >= MUTATIONS[fmt] // 10, verdicts
    assert verdicts["reject"] >= MUTATIONS[fmt] // 3, verdicts
    # Explained differences stay a minority: most refusals match serde's text exactly.
    assert sum(known.values()) <= verdicts["reject"] // 4, (known, verdicts)
    return verdicts + known


def test_json_mutations_get_serde_json_verdicts(rust: Harness) -> None:
    _mutation_run(rust, "json", seed=20261201)


def test_yaml_mutations_get_serde_yaml_verdicts(rust: Harness) -> None:
    _mutation_run(rust, "yaml", seed=20261202)


# ------------------------------------------------------------- f32 text

F32_VALUES = 100_000
_F32 = struct.Struct("<f")


def test_f32_text_is_serdes_for_100000_values(rust: Harness) -> None:
    resp = rust.request({"op": "eval::f32_text", "seed": 32, "count": F32_VALUES})
    assert resp["ok"], resp.get("error")
    values = [_F32.unpack(struct.pack("<I", b))[0] for b in resp["bits"]]
    entities = [jeval.Entity(label="", start=0, end=0, text="", confidence=v) for v in values]
    report = jeval.InferenceEvalReport(
        aggregate=jeval.InferenceAggregate.Ner(
            jeval.NerMetrics(precision=0.0, recall=0.0, f1=0.0, per_type={})
        ),
        per_record=[jeval.PerRecordPrediction.Ner(record_id="", predicted=entities, gold=[])],
    )
    ours_json = re.findall(r'"confidence":([^}]*)\}', jw.to_json(report))
    ours_yaml = re.findall(r"\n    confidence: (.*)", jw.to_yaml(report))
    assert len(ours_json) == len(ours_yaml) == F32_VALUES
    theirs_json = resp["json"]
    theirs_yaml = [t.rstrip("\n") for t in resp["yaml"]]
    bad_json = [
        (b, o, t) for b, o, t in zip(resp["bits"], ours_json, theirs_json, strict=True) if o != t
    ]
    bad_yaml = [
        (b, o, t) for b, o, t in zip(resp["bits"], ours_yaml, theirs_yaml, strict=True) if o != t
    ]
    assert not bad_json, f"{len(bad_json)} differ from serde_json, e.g. {bad_json[:5]}"
    assert not bad_yaml, f"{len(bad_yaml)} differ from serde_yaml, e.g. {bad_yaml[:5]}"
    # serde's text reads back to the same f32 (a sample: reading is checked at length by
    # the vectors and the round trips above).
    for bits, json_text, yaml_text in list(
        zip(resp["bits"], theirs_json, theirs_yaml, strict=True)
    )[:5000]:
        doc = '{"label":"","start":0,"end":0,"text":"","confidence":' + json_text + "}"
        got = jw.from_json(doc, jeval.Entity).confidence
        assert struct.pack("<f", got) == struct.pack("<I", bits), json_text
        ydoc = f"label: ''\nstart: 0\nend: 0\ntext: ''\nconfidence: {yaml_text}\n"
        got = jw.from_yaml(ydoc, jeval.Entity).confidence
        assert struct.pack("<f", got) == struct.pack("<I", bits), yaml_text
