"""Bulk live agreement with serde_json (issue 3): thousands of values, one harness call each.

* Python -> JSON -> Rust -> JSON -> Python for hypothesis-generated values of every type
  (``jammi_wire.testing``), compact and pretty: Rust reads our bytes to the same value and
  writes exactly our bytes back (rank_pattern, a HashMap in Rust, compared member by
  member without order); Python reads Rust's bytes back to the same value.
* Rust -> JSON -> Python for the harness's own random values.
* Both reject the same inputs: seeded mutations of valid documents (wrong types, missing
  and unknown fields, unknown variants, out-of-range numbers, duplicate keys, broken
  syntax) get the same accept/reject verdict from Python (both read paths) and serde_json,
  and when both accept, the same value.

Values are generated first (hypothesis with ``derandomize=True``, or a seeded
``random.Random``) and sent to the harness in a single ``decode_many`` call, so every
test is deterministic and the harness is not called once per example.
"""

from __future__ import annotations

import enum
import json
import math
import random
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import pytest
from harness import Harness
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import jammi_wire as jw
from jammi_wire import FineTuneConfig, FineTuneError, WireError, from_json, to_json
from jammi_wire import testing as jt
from jammi_wire.preconf import json as pjson

T = TypeVar("T")

# ---------------------------------------------------------------------------- helpers


def collect(strategy: st.SearchStrategy[T], count: int) -> list[T]:
    """``count`` examples of ``strategy``, the same ones on every run."""
    bucket: list[T] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(value: T) -> None:
        bucket.append(value)

    draw()
    return bucket


@contextmanager
def read_path(fast: bool) -> Iterator[None]:
    """Force the orjson fast read path on or off (the exact path is the reference)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pjson, "_FAST_READ", fast and pjson._orjson is not None)
        yield


@contextmanager
def write_path(fast: bool) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pjson, "_FAST_WRITE", fast and pjson._orjson_agrees())
        yield


def _member_spans(text: str, start: int) -> tuple[list[tuple[int, int]], int]:
    """Spans of the members of the JSON object opening at ``text[start]``, and its end."""
    decoder = json.JSONDecoder()
    assert text[start] == "{"
    i = start + 1
    spans: list[tuple[int, int]] = []

    def skip(i: int) -> int:
        while text[i] in " \n":
            i += 1
        return i

    i = skip(i)
    if text[i] == "}":
        return spans, i + 1
    while True:
        begin = i
        _, i = decoder.raw_decode(text, i)  # key
        i = skip(i)
        assert text[i] == ":"
        i = skip(i + 1)
        _, i = decoder.raw_decode(text, i)  # value
        spans.append((begin, i))
        i = skip(i)
        if text[i] == "}":
            return spans, i + 1
        assert text[i] == ","
        i = skip(i + 1)


def sort_rank_pattern(text: str) -> str:
    """``text`` with the members of the top-level rank_pattern map in sorted order.

    Everything else, separators and whitespace included, is left byte for byte, so two
    documents that differ only in HashMap order become equal and nothing else does.
    """
    at = text.find('"rank_pattern":')
    if at < 0:
        return text
    start = text.index("{", at)
    spans, _ = _member_spans(text, start)
    members = sorted(text[a:b] for a, b in spans)
    out, last = [], 0
    for (a, b), member in zip(spans, members, strict=True):
        out.append(text[last:a])
        out.append(member)
        last = b
    out.append(text[last:])
    return "".join(out)


def python_verdict(obj: Any) -> str | None:
    check = getattr(obj, "validate", None)
    if check is None:
        return None
    try:
        check()
    except FineTuneError as error:
        return str(error)
    return None


def rust_json_error(error: WireError) -> str:
    """Python's error spelled as serde_json's Display spells it."""
    text = error.message
    if error.line is not None:
        text += f" at line {error.line} column {error.column}"
    return text


# ------------------------------------------------- Python -> Rust -> Python round trip


def round_trip(rust: Harness, values: list[Any]) -> int:
    """Send every value compact and pretty through serde_json in one batch; check all."""
    encoded: dict[bool, tuple[list[str], list[str]]] = {}
    for fast in (True, False):
        with write_path(fast):
            encoded[fast] = (
                [to_json(v) for v in values],
                [to_json(v, pretty=True) for v in values],
            )
    # Both Python writers produce the same bytes; from here on one of them stands for both.
    assert encoded[True] == encoded[False]
    texts, pretties = encoded[False]
    names = [_type_name(v) for v in values]
    cases = [("json", n, t) for n, t in zip(names, texts, strict=True)]
    cases += [("json", n, p) for n, p in zip(names, pretties, strict=True)]
    responses = rust.decode_many(cases)
    compact, spread = responses[: len(values)], responses[len(values) :]
    for value, text, pretty, resp, resp_pretty in zip(
        values, texts, pretties, compact, spread, strict=True
    ):
        for ours, r in ((text, resp), (pretty, resp_pretty)):
            assert r["ok"], (ours, r.get("error"))
            assert "encode_errors" not in r, r["encode_errors"]
            assert r["validate"] == python_verdict(value), ours
            # Rust writes back exactly our bytes, whichever form it read.
            assert sort_rank_pattern(r["json"]) == sort_rank_pattern(text), ours
            assert sort_rank_pattern(r["json_pretty"]) == sort_rank_pattern(pretty), ours
        # Python reads Rust's bytes (both forms, both read paths) back to the same value
        # and rewrites them unchanged, keeping Rust's map order.
        for fast in (True, False):
            with read_path(fast):
                back: Any = from_json(resp["json"], _decl(value), validate=False, unknown="error")
                assert back == value and type(back) is type(value)
                assert to_json(back) == resp["json"]
                again: Any = from_json(resp["json_pretty"], _decl(value), validate=False)
                assert again == value
                assert to_json(again, pretty=True) == resp["json_pretty"]
    return len(values)


# Declared types: values of a tagged enum are instances of a variant subclass, and the
# harness and from_json need the enum's own name.
DECLARED: list[type] = [
    FineTuneConfig,
    jw.HardNegativeConfig,
    jw.EmbeddingLoss,
    jw.RegressionLoss,
    jw.ClassificationLoss,
    jw.EarlyStoppingMetric,
    jw.LrSchedule,
    jw.FineTuneMethod,
    jw.LoraInitMode,
    jw.BackboneDtype,
]


def _decl(value: Any) -> type:
    for cls in DECLARED:
        if isinstance(value, cls):
            return cls
    raise AssertionError(f"no declared type for {value!r}")


def _type_name(value: Any) -> str:
    return _decl(value).__name__


# Examples per strategy. Together >= 2000 configs per run; generation dominates the time
# (about 3 ms per arbitrary config, 13 ms per validate()-passing one on the CI box).
ANY_CONFIGS = 1200
VALID_CONFIGS = 550
INVALID_CONFIGS = 300
PER_OTHER_TYPE = 150


def test_arbitrary_configs_round_trip(rust: Harness) -> None:
    """Any value serde can carry: hostile floats and strings, u64 extremes, odd maps."""
    configs = collect(jt.values(FineTuneConfig), ANY_CONFIGS)
    assert round_trip(rust, configs) == ANY_CONFIGS
    _assert_hostile_coverage(configs)


def test_valid_configs_round_trip(rust: Harness) -> None:
    valid = collect(jt.fine_tune_configs(), VALID_CONFIGS)
    assert all(python_verdict(c) is None for c in valid)
    # validate() agreement is checked inside round_trip for every one of them.
    assert round_trip(rust, valid) == VALID_CONFIGS


def test_rule_breaking_configs_round_trip(rust: Harness) -> None:
    invalid = collect(jt.fine_tune_configs(valid=False), INVALID_CONFIGS)
    assert all(python_verdict(c) is not None for c in invalid)
    assert round_trip(rust, invalid) == INVALID_CONFIGS
    rules = Counter(python_verdict(c) for c in invalid)
    assert len(rules) >= 10, rules


def test_total_configs_per_run() -> None:
    assert ANY_CONFIGS + VALID_CONFIGS + INVALID_CONFIGS >= 2000


def test_every_type_round_trips(rust: Harness) -> None:
    values: list[Any] = []
    for cls in DECLARED[1:]:
        drawn: list[Any] = collect(jt.values(cls), PER_OTHER_TYPE)
        if issubclass(cls, enum.Enum):
            # Unit enums run out of distinct values quickly; every variant must be there.
            assert set(drawn) == set(cls)
        values += drawn
    assert round_trip(rust, values) == len(values)
    variants = {v if isinstance(v, enum.Enum) else type(v) for v in values}
    # Every variant of every type went through serde: 5 embedding, 4 regression, 1 + 3
    # + 2 + 1 + 2 + 3 unit variants, and HardNegativeConfig.
    assert len(variants) == 22, variants


def _assert_hostile_coverage(configs: list[FineTuneConfig]) -> None:
    """The generated configs really contain what the issue calls hostile."""
    floats = [
        f
        for c in configs
        for f in (c.lora_alpha, c.learning_rate, c.weight_decay, *c.quantile_levels)
    ]
    ints = [i for c in configs for i in (c.lora_rank, c.epochs, *c.rank_pattern.values())]
    strings = [s for c in configs for s in (*c.target_modules, *c.rank_pattern)]
    assert any(f == 0.0 and str(f) == "-0.0" for f in floats)
    assert any(0 < abs(f) < 2.2250738585072014e-308 for f in floats)  # subnormal
    assert any(abs(f) >= 1e300 for f in floats)
    assert any(len(repr(f).lstrip("-").replace(".", "").split("e")[0]) >= 17 for f in floats)
    assert 2**64 - 1 in ints and 0 in ints
    assert any(any(ord(ch) < 0x20 for ch in s) for s in strings)
    assert any(any(ord(ch) > 0xFFFF for ch in s) for s in strings)
    assert any(s in ("yes", "~", "1e3") for s in strings)
    assert any(len(c.rank_pattern) >= 2 for c in configs)
    assert any(c.target_modules == [] for c in configs)
    assert any(len(c.target_modules) >= 4 for c in configs)


# ------------------------------------------------------------- Rust -> Python values

RUST_SEEDS = range(100, 120)
RUST_PER_SEED = 100


def test_rust_random_values_read_back_byte_exact(rust: Harness) -> None:
    total = 0
    verdicts = Counter[str]()
    for seed in RUST_SEEDS:
        for value in rust.random(seed, RUST_PER_SEED):
            assert "encode_errors" not in value
            for fast in (True, False):
                with read_path(fast):
                    ours = from_json(value["json"], validate=False, unknown="error")
                    assert from_json(value["json_pretty"], validate=False) == ours
            for fast in (True, False):
                with write_path(fast):
                    assert to_json(ours) == value["json"]
                    assert to_json(ours, pretty=True) == value["json_pretty"]
            assert python_verdict(ours) == value["validate"]
            verdicts["valid" if value["validate"] is None else "invalid"] += 1
            total += 1
    assert total >= 2000
    assert verdicts["valid"] > 0 and verdicts["invalid"] > 0


# ------------------------------------------------------- both reject the same inputs


class Raw(str):
    """A JSON token kept as written (numbers keep their exact text)."""


class Obj(list[tuple[str, Any]]):
    """A JSON object as its members in order; duplicates allowed."""


Node = Any

VARIANTS = [
    "co_sent",
    "triplet",
    "multiple_negatives_ranking",
    "angl_e",
    "cosine_mse",
    "gaussian_nll",
    "beta_nll",
    "crps",
    "pinball",
    "cross_entropy",
    "val_loss",
    "train_loss",
    "constant",
    "cosine_decay",
    "linear_decay",
    "lora",
    "zeros_b",
    "gaussian",
    "f32",
    "f16",
    "bf16",
    "CoSent",
    "Triplet",
    "Lora",
    "LORA",
    "ZerosB",
    "BF16",
    "f64",
    "",
    "null",
]

NUMBERS = [
    "0",
    "1",
    "-1",
    "-0",
    "0.0",
    "-0.0",
    "1.0",
    "1e3",
    "1E2",
    "1e+2",
    "1e-2",
    "2.5",
    "18446744073709551615",
    "18446744073709551616",
    "184467440737095516150",
    "9223372036854775807",
    "-9223372036854775808",
    "-9223372036854775809",
    "4294967296",
    "1e400",
    "-1e400",
    "1e-400",
    "4.9e-324",
    "2e-324",
    "1.7976931348623157e308",
    "1.7976931348623159e308",
    "123456789012345678901234567890",
    "0.30000000000000004",
    "1" + "0" * 400,
    "0." + "0" * 400 + "1",
]

BAD_NUMBERS = ["01", "+1", ".5", "1.", "1e", "-", "0x10", "NaN", "Infinity", "-Infinity", "1_0"]

REPLACEMENTS = [
    *NUMBERS,
    "null",
    "true",
    "false",
    '""',
    '"x"',
    '"1"',
    '"lora"',
    '"f32"',
    '"-0.0"',
    "[]",
    "{}",
    "[1]",
    '["a"]',
    "[null]",
    '{"a":1}',
    '{"triplet":{"margin":1}}',
    '{"beta_nll":{"beta":0.5}}',
    '{"co_sent":null}',
    '{"co_sent":{}}',
    '{"co_sent":[]}',
    '{"mine":true,"k":1,"exclude_hops":1,"refresh_every":1}',
]

FIELD_NAMES = [
    "lora_rank",
    "lora_alpha",
    "epochs",
    "rank_pattern",
    "margin",
    "beta",
    "temperature",
    "k",
    "mine",
    "hard_negatives",
    "quantile_levels",
]

# Values an unknown (ignored) field may carry, out-of-range numbers included: serde
# skips them unchecked, and so do we (once the OUTCOME divergence
# unknown_field_huge_number; fixed).
IGNORABLE = list(REPLACEMENTS)

# Names for an unknown field, some spelled with escapes serde must still decode: a lone
# surrogate in such a key is where the two readers part (FINDINGS.md).
UNKNOWN_KEYS: list[str] = [
    "extra",
    "LORA_RANK",
    "lora_rank ",
    "",
    "rank_patern",
    "\u0000",
    "é",
    Raw('"\\u0000"'),
    Raw('"\\/x"'),
    Raw('"\\ud83d\\ude00"'),
    Raw('"\\ud800"'),
    Raw('"\\udc00"'),
    Raw('"a\\ud800b"'),
    Raw('"\\ud800\\u0041"'),
    Raw('"\\q"'),
    Raw('"\\u12"'),
]


def parse_tree(text: str) -> Node:
    return json.loads(
        text,
        object_pairs_hook=Obj,
        parse_int=Raw,
        parse_float=Raw,
    )


def emit(node: Node, rng: random.Random, pretty: bool, level: int = 0) -> str:
    ascii_only = rng.random() < 0.5
    indent = "\n" + "  " * (level + 1) if pretty else ""
    close = "\n" + "  " * level if pretty else ""
    if isinstance(node, Raw):
        return str(node)
    if isinstance(node, str):
        return json.dumps(node, ensure_ascii=ascii_only)
    if node is None:
        return "null"
    if node is True:
        return "true"
    if node is False:
        return "false"
    if isinstance(node, Obj):
        if not node:
            return "{}"
        sep = ": " if pretty else ":"
        inner = ",".join(
            indent + _key_text(k, ascii_only) + sep + emit(v, rng, pretty, level + 1)
            for k, v in node
        )
        return "{" + inner + close + "}"
    if isinstance(node, list):
        if not node:
            return "[]"
        return "[" + ",".join(indent + emit(v, rng, pretty, level + 1) for v in node) + close + "]"
    raise AssertionError(f"unexpected node {node!r}")


def _key_text(key: str, ascii_only: bool) -> str:
    return str(key) if isinstance(key, Raw) else json.dumps(key, ensure_ascii=ascii_only)


def _escaped(rng: random.Random, key: str) -> Raw:
    """``key`` as a JSON string literal with some characters written as \\u escapes."""
    parts = []
    for ch in key:
        if rng.random() < 0.4:
            units = ch.encode("utf-16-be")
            parts += [f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2)]
        else:
            parts.append(json.dumps(ch, ensure_ascii=False)[1:-1])
    return Raw('"' + "".join(parts) + '"')


def _has_huge(node: Node) -> bool:
    """An out-of-range number somewhere in ``node``."""
    if isinstance(node, Raw):
        try:
            return math.isinf(float(node))
        except ValueError:
            return any(_has_huge(v) for v in _raw_children(node))
    if isinstance(node, Obj):
        return any(_has_huge(v) for _, v in node)
    if isinstance(node, list):
        return any(_has_huge(v) for v in node)
    return False


def _raw_children(raw: Raw) -> list[Node]:
    try:
        return [parse_tree(raw)]
    except ValueError:
        return []


def _slots(node: Node) -> list[tuple[Node, Any]]:
    """Every (container, key-or-index) below ``node``, depth first."""
    out: list[tuple[Node, Any]] = []
    if isinstance(node, Obj):
        for i, (_, v) in enumerate(node):
            out.append((node, i))
            out += _slots(v)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.append((node, i))
            out += _slots(v)
    return out


def _get(container: Node, i: int) -> Node:
    return container[i][1] if isinstance(container, Obj) else container[i]


def _set(container: Node, i: int, value: Node) -> None:
    if isinstance(container, Obj):
        container[i] = (container[i][0], value)
    else:
        container[i] = value


def _containers(node: Node, kind: type) -> list[Node]:
    found = [node] if isinstance(node, kind) else []
    return found + [c for c, i in _slots(node) for c in [_get(c, i)] if isinstance(c, kind)]


def _case(rng: random.Random, word: str) -> str:
    choice = rng.randrange(5)
    if choice == 0:
        return word.upper()
    if choice == 1:
        return word.capitalize()
    if choice == 2:
        return word + rng.choice(["_", "s", " ", "\u0000", "\u00e9"])
    if choice == 3:
        return word[:-1]
    return " " + word


def mutate_tree(tree: Node, rng: random.Random) -> str:
    """Apply one structural mutation in place; returns its name."""
    slots = _slots(tree)
    objects = _containers(tree, Obj)
    arrays = [a for a in _containers(tree, list) if not isinstance(a, Obj)]
    strings = [(c, i) for c, i in slots if isinstance(_get(c, i), str)]
    choice = rng.randrange(12)
    if choice == 0 and slots:  # wrong type / wrong value anywhere
        c, i = rng.choice(slots)
        _set(c, i, Raw(rng.choice(REPLACEMENTS)))
        return "replace"
    if choice == 1 and objects:  # missing field
        obj = rng.choice(objects)
        if obj:
            del obj[rng.randrange(len(obj))]
        return "delete_member"
    if choice == 2 and objects:  # duplicate key, same or other value
        obj = rng.choice(objects)
        if obj:
            k, v = obj[rng.randrange(len(obj))]
            value = v if rng.random() < 0.5 else Raw(rng.choice(REPLACEMENTS))
            obj.insert(rng.randrange(len(obj) + 1), (k, value))
        return "duplicate_key"
    if choice == 3 and objects:  # unknown field
        obj = rng.choice(objects)
        key = rng.choice(UNKNOWN_KEYS)
        obj.insert(rng.randrange(len(obj) + 1), (key, Raw(rng.choice(IGNORABLE))))
        return "unknown_field"
    if choice == 4 and objects:  # misspelled / other field name
        obj = rng.choice(objects)
        if obj:
            i = rng.randrange(len(obj))
            k, v = obj[i]
            roll = rng.random()
            if isinstance(k, Raw):
                pass
            elif roll < 0.4:
                k = _case(rng, k)
            elif roll < 0.7:
                k = _escaped(rng, k)  # the same name spelled with escapes
            else:
                k = rng.choice(FIELD_NAMES + VARIANTS)
            # An out-of-range number under an ignored key is the documented divergence.
            if not _has_huge(v):
                obj[i] = (k, v)
        return "rename_key"
    if choice == 5 and strings:  # unknown or foreign variant
        c, i = rng.choice(strings)
        old = _get(c, i)
        _set(c, i, _case(rng, old) if rng.random() < 0.4 else rng.choice(VARIANTS))
        return "variant"
    if choice == 6 and slots:  # out-of-range and odd-but-legal numbers
        numeric = [(c, i) for c, i in slots if isinstance(_get(c, i), Raw)] or slots
        c, i = rng.choice(numeric)
        _set(c, i, Raw(rng.choice(NUMBERS)))
        return "number"
    if choice == 7 and slots:  # wrap in a list or a map, or unwrap
        c, i = rng.choice(slots)
        v = _get(c, i)
        wrapped: Node
        if isinstance(v, str) and rng.random() < 0.5:
            wrapped = Obj([(v, rng.choice([None, Obj(), [], Raw("1")]))])
        elif isinstance(v, Obj) and len(v) == 1 and rng.random() < 0.5:
            wrapped = v[0][0]
        else:
            wrapped = [v] if rng.random() < 0.5 else Obj([(rng.choice(VARIANTS), v)])
        _set(c, i, wrapped)
        return "wrap"
    if choice == 8 and arrays:  # lists: empty, grow with odd items, nest
        arr = rng.choice(arrays)
        action = rng.randrange(3)
        if action == 0:
            arr.clear()
        elif action == 1:
            arr.append(Raw(rng.choice(REPLACEMENTS)))
        else:
            arr.extend(arr[:] * rng.randrange(1, 40))
        return "array"
    if choice == 9 and objects:  # second key in a one-key (variant) map, or none at all
        obj = rng.choice([o for o in objects if len(o) <= 1] or objects)
        if obj and rng.random() < 0.5:
            obj.clear()
        else:
            obj.append((rng.choice(VARIANTS), rng.choice([None, Obj(), Raw("1")])))
        return "variant_map"
    if choice == 10:  # the whole document replaced
        return "root"
    if choice == 11 and objects:  # members reordered: must not matter
        obj = rng.choice(objects)
        rng.shuffle(obj)
        return "shuffle"
    return "none"


SPECIAL_CHARS = '{}[],:"\\ 0-e.nt\t\n/'
ESCAPES = [
    "\\u0000",
    "\\ud800",
    "\\udc00",
    "\\ud800\\udc00",
    "\\ud83e\\udd80",
    "\x01",
    "\x7f",
    "\\x41",
    "\\'",
    "\\/",
    "\\U0041",
    "\\u00",
    "\ud7ff",
    "\u2028",
    "\\t",
    "\t",
]


def mutate_text(text: str, rng: random.Random) -> tuple[str, str]:
    """One syntactic mutation of the document text."""
    choice = rng.randrange(10)
    pos = rng.randrange(len(text) + 1)
    if choice == 0:  # trailing comma
        closers = [i for i, ch in enumerate(text) if ch in "}]"]
        if closers:
            i = rng.choice(closers)
            return text[:i] + "," + rng.choice(["", " ", "\n"]) + text[i:], "trailing_comma"
    if choice == 1 and text:
        i = min(pos, len(text) - 1)
        return text[:i] + text[i + 1 :], "delete_char"
    if choice == 2:
        return text[:pos] + rng.choice(SPECIAL_CHARS) + text[pos:], "insert_char"
    if choice == 3:
        return text[:pos], "truncate"
    if choice == 4:
        tail = rng.choice(
            [" ", "\n", "\r\n\t", "x", "{}", "0", ",", "//c", "\x00", "\u00a0", "\ufeff"]
        )
        return text + tail, "append"
    if choice == 5:
        head = rng.choice(["\ufeff", " ", "\n\t", "\r", "\u00a0", "\x0c", "/**/"])
        return head + text, "prefix"
    if choice == 6:
        commas = [i for i, ch in enumerate(text) if ch == ","]
        if commas:
            i = rng.choice(commas) + 1
            return text[:i] + rng.choice(["/*c*/", "//c\n", "#c\n"]) + text[i:], "comment"
    if choice == 7:
        colons = [i for i, ch in enumerate(text) if ch == ":"]
        if colons:
            i = rng.choice(colons) + 1
            while i < len(text) and text[i] == " ":
                i += 1
            j = i
            while j < len(text) and text[j] in "0123456789+-.eE":
                j += 1
            if j > i:
                return text[:i] + rng.choice(BAD_NUMBERS) + text[j:], "bad_number"
    if choice == 8:
        quotes = [i for i, ch in enumerate(text) if ch == '"']
        if quotes:
            i = rng.choice(quotes) + 1
            return text[:i] + rng.choice(ESCAPES) + text[i:], "string_escape"
    if choice == 9:
        return text.replace('"', "'", rng.randrange(1, 3)), "single_quote"
    return text, "none"


def _bases(rust: Harness, seed: int, count: int) -> list[tuple[str, str]]:
    """(type name, document): Rust random configs and the typed values nested in them."""
    nested = {
        "embedding_loss": "EmbeddingLoss",
        "classification_loss": "ClassificationLoss",
        "regression_loss": "RegressionLoss",
        "lr_schedule": "LrSchedule",
        "early_stopping_metric": "EarlyStoppingMetric",
        "init_lora_weights": "LoraInitMode",
        "backbone_dtype": "BackboneDtype",
        "hard_negatives": "HardNegativeConfig",
    }
    out: list[tuple[str, str]] = []
    for value in rust.random(seed, count):
        for key in ("json", "json_pretty"):
            out.append(("FineTuneConfig", value[key]))
        doc = json.loads(value["json"])
        for field, type_name in nested.items():
            if doc.get(field) is not None:
                out.append((type_name, json.dumps(doc[field])))
    out.append(("FineTuneMethod", '"lora"'))
    return out


def mutated_inputs(rust: Harness, seed: int, count: int) -> list[tuple[str, str, str]]:
    """(type name, text, mutation) for ``count`` mutated documents, fixed by ``seed``."""
    rng = random.Random(seed)
    bases = _bases(rust, seed, 200)
    out: list[tuple[str, str, str]] = []
    while len(out) < count:
        type_name, base = rng.choice(bases)
        tree = parse_tree(base)
        kinds = []
        for _ in range(rng.choice([1, 1, 1, 2])):
            kind = mutate_tree(tree, rng)
            if kind == "root":
                tree = Raw(rng.choice(REPLACEMENTS))
            kinds.append(kind)
        text = emit(tree, rng, pretty=rng.random() < 0.3)
        if rng.random() < 0.35:
            text, kind = mutate_text(text, rng)
            kinds.append(kind)
        out.append((type_name, text, "+".join(kinds)))
    return out


def python_decode(type_name: str, text: str) -> tuple[bool, str | None, Any]:
    """(accepted, serde-style error text, value) from our reader; any non-WireError fails."""
    cls = getattr(jw, type_name)
    try:
        obj = from_json(text, cls, validate=False, unknown="ignore")
    except WireError as error:
        return False, rust_json_error(error), None
    return True, None, obj


MUTATIONS = 5000


def known_divergence(resp: dict[str, Any], error: str | None) -> str | None:
    """Which documented accept/reject divergence explains a disagreement, if any."""
    if resp["ok"] and error is not None and "nested deeper than" in error:
        return "ignored depth > 512"  # README: known differences, on purpose
    if not resp["ok"] and error is None:
        serde = resp["error"]
        if "surrogate" in serde or serde.startswith("unexpected end of hex escape"):
            # FINDINGS.md: a lone surrogate escape in an ignored key (strict xfail below).
            return "lone surrogate in ignored key"
    return None


def test_both_reject_the_same_inputs(rust: Harness) -> None:
    inputs = mutated_inputs(rust, seed=20260103, count=MUTATIONS)
    responses = rust.decode_many(("json", t, text) for t, text, _ in inputs)
    verdicts = Counter[str]()
    known = Counter[str]()
    disagreements: list[str] = []
    for (type_name, text, kind), resp in zip(inputs, responses, strict=True):
        results = {}
        for fast in (True, False):
            with read_path(fast):
                results[fast] = python_decode(type_name, text)
        # The fast path gives exactly what the exact path gives, error text included.
        assert results[True][:2] == results[False][:2], (type_name, text)
        ok, error, obj = results[False]
        verdicts["accept" if resp["ok"] else "reject"] += 1
        if ok != resp["ok"]:
            reason = known_divergence(resp, error)
            if reason is not None:
                known[reason] += 1
            else:
                disagreements.append(
                    f"{kind} {type_name} {text!r}: serde {resp.get('error')!r}, python {error!r}"
                )
            continue
        if ok:
            # Both accept: the same value, and the same validate() verdict.
            assert sort_rank_pattern(to_json(obj)) == sort_rank_pattern(resp["json"]), text
            assert results[True][2] == obj
            assert python_verdict(obj) == resp["validate"], text
    assert not disagreements, "\n".join(disagreements[:20])
    assert sum(verdicts.values()) == MUTATIONS
    # Mutations that keep the document valid (reordering, escaped names, dropped
    # defaults, ignored fields) and ones that break it must both be well represented.
    assert verdicts["accept"] >= MUTATIONS // 5, verdicts
    assert verdicts["reject"] >= 2000, verdicts
    # Explained disagreements stay rare: the generator aims at them only now and then.
    assert sum(known.values()) <= MUTATIONS // 100, known


# ------------------------------------------------ divergences found, as strict xfails

# Found by test_both_reject_the_same_inputs (see FINDINGS.md); minimal inputs. serde's
# answer is pinned here and checked live, so the xfails also run without cargo.
# (id, type, input, serde_json's error text, why we differ)
DIVERGENCES: list[tuple[str, str, str, str, str]] = []


# Found above and fixed since: each now gets serde_json's exact text (regression tests;
# the "why" says what used to differ).
FIXED: list[tuple[str, str, str, str, str]] = [
    (
        "type_error_before_syntax_error",
        "HardNegativeConfig",
        '{"mine":1,"k":}',
        "invalid type: integer `1`, expected a boolean at line 1 column 9",
        "serde reads and types in one pass and stops at the first problem; a syntax error "
        "inside the value stopped our parser before anything was typed",
    ),
    (
        "type_error_before_trailing_characters",
        "HardNegativeConfig",
        '{"mine":1}x',
        "invalid type: integer `1`, expected a boolean at line 1 column 9",
        "serde reads and types in one pass and stops at the first problem; we parse the "
        "whole document first, so a later syntax error wins over an earlier type error",
    ),
    (
        "type_error_in_first_of_duplicate_keys",
        "HardNegativeConfig",
        '{"k":[],"k":1}',
        "invalid type: sequence, expected usize at line 1 column 5",
        "serde fails on the first occurrence of a repeated key; our position points at "
        "the last occurrence",
    ),
    (
        "non_ascii_error_column",
        "LrSchedule",
        "é",
        "expected value at line 1 column 1",
        "at a non-ASCII character serde_json's column counts the bytes up to its first "
        "byte; ours counts all of its UTF-8 bytes",
    ),
    (
        "lone_surrogate_in_ignored_key",
        "EmbeddingLoss",
        '{"triplet":{"margin":1,"\\ud800":0}}',
        "unexpected end of hex escape at line 1 column 31",
        "wording: both now refuse a lone surrogate escape in an ignored key, but we say "
        "'lone leading surrogate in hex escape' where serde says 'unexpected end of hex "
        "escape'",
    ),
    (
        "surrogate_variant_name",
        "LrSchedule",
        '"\\ud800"',
        "unexpected end of hex escape at line 1 column 8",
        "wording: we name the lone surrogate escape, serde says 'unexpected end of hex escape'",
    ),
]


def test_pinned_serde_texts_are_serdes(rust: Harness) -> None:
    cases = DIVERGENCES + FIXED
    responses = rust.decode_many(("json", t, text) for _, t, text, _, _ in cases)
    for (name, _, _, expected, _), resp in zip(cases, responses, strict=True):
        assert not resp["ok"], name
        assert resp["error"] == expected, name


@pytest.mark.parametrize("fast", [False, True], ids=["exact_path", "fast_path"])
@pytest.mark.parametrize(
    ("type_name", "text", "serde_error"),
    [
        pytest.param(t, text, err, id=name, marks=pytest.mark.xfail(strict=True, reason=why))
        for name, t, text, err, why in DIVERGENCES
    ]
    + [pytest.param(t, text, err, id=f"fixed_{name}") for name, t, text, err, _ in FIXED],
)
def test_divergence_from_serde(type_name: str, text: str, serde_error: str, fast: bool) -> None:
    """Each must raise WireError with serde's exact text (DIVERGENCES still fail: strict
    xfail; FIXED ones pass)."""
    with read_path(fast), pytest.raises(WireError) as caught:
        from_json(text, getattr(jw, type_name), validate=False, unknown="ignore")
    ours = rust_json_error(caught.value)
    ours.encode("utf-8")
    assert ours == serde_error
