"""Bulk live agreement with serde_yaml 0.9.34 on READING (issue 3, YAML half; issue 5).

* Rust -> YAML -> Python: the harness's random values, as ``serde_yaml::to_string``
  (dialect ``tags``) and ``singleton_map_recursive`` (dialect ``singleton_map``) wrote
  them, read by ``from_yaml`` to the value Rust wrote (compared through ``to_json``).
* Both reject the same inputs: seeded mutations of serde-written and hand-written YAML
  (wrong scalar types, core and local tags, block scalars, enums in every form with wrong
  content, extra / duplicate / unknown / missing keys, anchors and aliases, merge keys,
  empty values, flow and block layout, comments, indentation, tabs, truncation, BOM,
  several documents, control characters) get the same accept/reject verdict from
  ``from_yaml(dialect=...)`` and from serde_yaml (``from_str``, resp.
  ``with::singleton_map_recursive``); where both accept, the same value; where both
  refuse, the error texts are compared and the agreement is counted.

Everything is generated first with a seeded ``random.Random`` and sent to the harness in
one ``decode_many`` call per test, so every test is deterministic.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest
from harness import Harness
from test_live_roundtrip import python_verdict, sort_rank_pattern

import jammi_wire as jw
from jammi_wire import WireError, from_yaml, to_json, to_yaml

Dialect = Literal["tags", "singleton_map"]
DIALECTS: tuple[tuple[str, Dialect], ...] = (
    ("yaml", "tags"),
    ("yaml_singleton_map", "singleton_map"),
)
FORMAT_OF: dict[str, str] = {dialect: fmt for fmt, dialect in DIALECTS}

# ---------------------------------------------------------------------------- helpers


def python_decode(type_name: str, text: str, dialect: Dialect) -> tuple[bool, str | None, Any]:
    """(accepted, error text, value) from our reader; anything but WireError fails."""
    try:
        obj = from_yaml(
            text, getattr(jw, type_name), validate=False, unknown="ignore", dialect=dialect
        )
    except WireError as error:
        return False, str(error), None
    return True, None, obj


def _sorted_yaml_rank_pattern(text: str) -> str:
    """serde_yaml's block text with the lines of the top-level rank_pattern map sorted."""
    lines = text.split("\n")
    try:
        start = lines.index("rank_pattern:") + 1
    except ValueError:
        return text
    end = start
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    return "\n".join(lines[:start] + sorted(lines[start:end]) + lines[end:])


def same_value(obj: Any, resp: dict[str, Any]) -> bool:
    """``obj`` is the value serde decoded: its serde_json bytes, or (NaN) its YAML bytes."""
    try:
        ours = to_json(obj)
    except WireError:
        ours = None
    if ours is not None and resp.get("json") is not None:
        return sort_rank_pattern(ours) == sort_rank_pattern(resp["json"])
    # A NaN somewhere: serde_json writes null (harness) and we refuse; YAML carries it.
    return _sorted_yaml_rank_pattern(to_yaml(obj)) == _sorted_yaml_rank_pattern(resp["yaml"])


# ------------------------------------------------------------- Rust -> Python values

RUST_SEEDS = range(300, 322)
RUST_PER_SEED = 100


@pytest.mark.parametrize(("fmt", "dialect"), DIALECTS, ids=[d for _, d in DIALECTS])
def test_rust_written_yaml_reads_back_equal(rust: Harness, fmt: str, dialect: Dialect) -> None:
    total = 0
    verdicts = Counter[str]()
    for seed in RUST_SEEDS:
        for value in rust.random(seed, RUST_PER_SEED):
            assert "encode_errors" not in value
            obj = from_yaml(value[fmt], validate=False, unknown="error", dialect=dialect)
            assert sort_rank_pattern(to_json(obj)) == sort_rank_pattern(value["json"]), value[fmt]
            # "any" reads both dialects to the same value.
            assert from_yaml(value[fmt], validate=False, unknown="error") == obj
            assert python_verdict(obj) == value["validate"]
            verdicts["valid" if value["validate"] is None else "invalid"] += 1
            total += 1
    assert total >= 2000
    assert verdicts["valid"] > 0 and verdicts["invalid"] > 0


# ----------------------------------------------------------------- the YAML tree


class Tok(str):
    """A scalar written exactly as given (plain, quoted, or a whole flow collection)."""


class Str(str):
    """A string value, quoted or not at emit time."""


class Empty:
    """An omitted value (``key:``)."""


@dataclass
class Map:
    items: list[tuple[Any, Any]] = field(default_factory=list)


@dataclass
class Seq:
    items: list[Any] = field(default_factory=list)


@dataclass
class Tagged:
    tag: str
    node: Any


@dataclass
class Anchored:
    name: str
    node: Any


@dataclass
class Alias:
    name: str


@dataclass
class BlockScalar:
    indicator: str  # "|", "|-", ">", ">+", ...
    text: str


Node = Any

ENUM_FIELDS = {
    "embedding_loss": "EmbeddingLoss",
    "classification_loss": "ClassificationLoss",
    "regression_loss": "RegressionLoss",
    "lr_schedule": "LrSchedule",
    "early_stopping_metric": "EarlyStoppingMetric",
    "init_lora_weights": "LoraInitMode",
    "backbone_dtype": "BackboneDtype",
}
NESTED = {**ENUM_FIELDS, "hard_negatives": "HardNegativeConfig"}
ENUMS = set(ENUM_FIELDS.values()) | {"FineTuneMethod"}

UNIT_VARIANTS = [
    "co_sent",
    "angl_e",
    "cosine_mse",
    "gaussian_nll",
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
]
STRUCT_VARIANTS = {
    "triplet": "margin",
    "multiple_negatives_ranking": "temperature",
    "beta_nll": "beta",
}
OTHER_NAMES = ["CoSent", "Triplet", "LORA", "f64", "", "null", "~", "co-sent", "triplet "]
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
    "target_modules",
    "embedding_loss",
]

# Scalars as YAML text: every way a type can be wrong, or oddly right.
SCALARS = [
    *("0", "1", "-1", "+5", "-0", "+0", "00", "010", "0x10", "0X10", "0o17", "0b101", "-0x1"),
    *("1_000", "1e3", "1E2", "1e+2", "2e-4", ".5", "5.", "1.5", "-1.5", "+1.5", "8.0"),
    *(".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", "inf", "nan", "NaN"),
    *("18446744073709551615", "18446744073709551616", "-9223372036854775809"),
    *("340282366920938463463374607431768211455", "0x" + "f" * 17, "1" + "0" * 400),
    *("1e400", "-1e400", "4.9e-324", "1.7976931348623159e308", "1:30", "2024-01-01"),
    *("~", "null", "Null", "NULL", "nul", "true", "True", "TRUE", "false", "tRUE"),
    *("yes", "no", "on", "off", "y", "n", "Yes", "ON"),
    *("'1'", '"1"', "'1.5'", "'true'", "'~'", "''", '""', "'null'", '"0x10"', "'yes'"),
    *("x", "lora", "co_sent", "triplet", "'co_sent'", '"triplet"', "'f32'"),
    *('"\\x41"', '"\\u00e9"', '"\\t"', '"a\\\nb"', "'it''s'", "a b", "a #c"),
    *("[]", "{}", "[1]", "[a, b]", "{a: 1}", "[~]", "{margin: 1}", "{triplet: {margin: 1}}"),
    *("{co_sent: ~}", "[co_sent]", "{beta: 0.5}", "{mine: true, k: 1}", "{? a}", "[a: 1]"),
    *("!!int 1", "!!int '1'", "!!int 1.0", "!!str 1", "!!str x", "!!float 1", "!!float '1'"),
    *("!!float 1.5", "!!bool true", "!!bool yes", "!!null ~", "!!null ''", "!!null x"),
    *("!!binary aGk=", "!!timestamp 2024-01-01", "!!seq []", "!!map {}", "!!set {a}"),
    *("!foo 1", "!foo x", "! 1", "!<tag:yaml.org,2002:int> 1", "!<!foo> 1", "!co_sent"),
    *("!triplet {margin: 1}", "!triplet ~", "!co_sent ~", "!co_sent ''", "!lora", "!f32"),
    *("!co_sent {}", "!co_sent []", "!co_sent 1", "!triplet", "!triplet []", "!Triplet {}"),
    *("!beta_nll {beta: 0.5}", "!beta_nll {beta: '0.5'}", "!gaussian", "!cosine_decay ~"),
    *("&a 1", "*nope", "&a [1]", "&a {}", "&a !triplet {margin: 1}"),
]


def _variant_content(name: str) -> Node:
    return Map([(Str(STRUCT_VARIANTS[name]), Tok("0.5"))])


class _Obj(list[tuple[str, Any]]):
    """A JSON object as its members in order."""


def from_json_text(text: str, dialect: Dialect, enum: bool = False) -> Node:
    """serde_json text (numbers kept as written) as a YAML tree in ``dialect``'s form."""
    return to_tree(
        json.loads(text, object_pairs_hook=_Obj, parse_int=Tok, parse_float=Tok), dialect, enum
    )


def to_tree(value: Any, dialect: Dialect, enum: bool = False) -> Node:
    if isinstance(value, _Obj):
        if enum and len(value) == 1 and dialect == "tags":
            ((name, content),) = value  # a struct variant: a tagged map
            return Tagged("!" + name, to_tree(content, dialect))
        return Map([(Str(k), to_tree(v, dialect, k in ENUM_FIELDS)) for k, v in value])
    if isinstance(value, list):
        return Seq([to_tree(v, dialect) for v in value])
    if isinstance(value, Tok):
        return value
    if isinstance(value, str):
        return Tok(value) if enum else Str(value)
    if value is None:
        return Tok("null")
    if value is True:
        return Tok("true")
    if value is False:
        return Tok("false")
    raise AssertionError(value)


# ------------------------------------------------------------------------ emitting


def _printable(ch: str) -> bool:
    """libyaml's IS_PRINTABLE, less the line breaks."""
    c = ord(ch)
    return (
        c == 0x09
        or 0x20 <= c <= 0x7E
        or c == 0x85
        or 0xA0 <= c <= 0xD7FF
        or (0xE000 <= c <= 0xFFFD and c != 0xFEFF)
        or c >= 0x10000
    ) and ch not in "\x85\u2028\u2029"


_PLAIN_START = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~.+")
_PLAIN_REST = _PLAIN_START | set("-/")


def _plain_ok(s: str) -> bool:
    words = s.split(" ")
    return (
        bool(s)
        and s[0] in _PLAIN_START
        and all(w and set(w) <= _PLAIN_REST for w in words)
        and not s.startswith(("...", "---"))
    )


def _double(s: str, rng: random.Random) -> str:
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif not _printable(ch) or (ord(ch) > 0x7F and rng.random() < 0.2):
            c = ord(ch)
            out.append(
                f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" if c < 0x10000 else f"\\U{c:08x}"
            )
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def quote(s: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5 and _plain_ok(s):
        return s
    if roll < 0.75 and all(_printable(ch) for ch in s):
        return "'" + s.replace("'", "''") + "'"
    return _double(s, rng)


def _props(node: Node) -> tuple[str, Node]:
    props = []
    while isinstance(node, Tagged | Anchored):
        props.append(node.tag if isinstance(node, Tagged) else "&" + node.name)
        node = node.node
    return " ".join(props), node


def inline(node: Node, rng: random.Random) -> str:
    props, node = _props(node)
    if isinstance(node, Empty):
        text = ""
    elif isinstance(node, Tok):
        text = str(node)
    elif isinstance(node, Str):
        text = quote(node, rng)
    elif isinstance(node, BlockScalar):
        text = _double(node.text, rng)
    elif isinstance(node, Alias):
        text = "*" + node.name
    elif isinstance(node, Map):
        text = "{" + ", ".join(f"{inline(k, rng)}: {inline(v, rng)}" for k, v in node.items) + "}"
    elif isinstance(node, Seq):
        text = "[" + ", ".join(inline(v, rng) for v in node.items) + "]"
    else:
        raise AssertionError(node)
    return f"{props} {text}".strip() if props else text


class Emitter:
    def __init__(self, rng: random.Random, block: float) -> None:
        self.rng = rng
        self.block = block  # chance a non-empty collection is written in block style

    def _is_block(self, node: Node) -> bool:
        return isinstance(node, Map | Seq) and bool(node.items) and self.rng.random() < self.block

    def value(self, node: Node, ind: int, in_seq: bool) -> str:
        """The text after ``key:`` or ``-`` for ``node`` in a collection indented ``ind``."""
        props, inner = _props(node)
        head = " " + props if props else ""
        if isinstance(inner, BlockScalar):
            lines = inner.text.split("\n")
            body = "\n".join(" " * (ind + 2) + ln if ln else "" for ln in lines)
            return f"{head} {inner.indicator}\n{body}"
        if not self._is_block(inner):
            return " " + inline(node, self.rng) if not isinstance(node, Empty) else ""
        if isinstance(inner, Map):
            if in_seq and not props:
                return " " + self.block_map(inner, ind + 2)
            return head + "\n" + " " * (ind + 2) + self.block_map(inner, ind + 2)
        if in_seq and not props:
            return " " + self.block_seq(inner, ind + 2)
        q = ind if not props and not in_seq and self.rng.random() < 0.6 else ind + 2
        return head + "\n" + " " * q + self.block_seq(inner, q)

    def key(self, node: Node) -> str:
        return inline(node, self.rng)

    def block_map(self, node: Map, ind: int) -> str:
        return ("\n" + " " * ind).join(
            self.key(k) + ":" + self.value(v, ind, False) for k, v in node.items
        )

    def block_seq(self, node: Seq, ind: int) -> str:
        return ("\n" + " " * ind).join("-" + self.value(v, ind, True) for v in node.items)

    def document(self, node: Node) -> str:
        props, inner = _props(node)
        if isinstance(inner, BlockScalar):
            return f"{props} {self.value(inner, 0, False).lstrip()}".strip() + "\n"
        if self._is_block(inner):
            body = self.block_map(inner, 0) if isinstance(inner, Map) else self.block_seq(inner, 0)
            return (props + "\n" if props else "") + body + "\n"
        return inline(node, self.rng) + "\n"


# ------------------------------------------------------------------------ mutating


def _slots(node: Node) -> list[tuple[Node, int]]:
    """Every (container, index) below ``node``, depth first; Map slots are values."""
    out: list[tuple[Node, int]] = []
    _, inner = _props(node)
    if isinstance(node, Tagged | Anchored):
        out.append((node, 0))
    if isinstance(inner, Map):
        for i, (_, v) in enumerate(inner.items):
            out.append((inner, i))
            out += _slots(v)
    elif isinstance(inner, Seq):
        for i, v in enumerate(inner.items):
            out.append((inner, i))
            out += _slots(v)
    return out


def _get(c: Node, i: int) -> Node:
    if isinstance(c, Map):
        return c.items[i][1]
    if isinstance(c, Seq):
        return c.items[i]
    return c.node


def _set(c: Node, i: int, value: Node) -> None:
    if isinstance(c, Map):
        c.items[i] = (c.items[i][0], value)
    elif isinstance(c, Seq):
        c.items[i] = value
    else:
        c.node = value


def _maps(node: Node) -> list[Map]:
    _, inner = _props(node)
    found = [inner] if isinstance(inner, Map) else []
    for c, i in _slots(node):
        _, v = _props(_get(c, i))
        if isinstance(v, Map) and not any(v is f for f in found):
            found.append(v)
    return found


def _seqs(node: Node) -> list[Seq]:
    _, inner = _props(node)
    found = [inner] if isinstance(inner, Seq) else []
    return found + [
        v for c, i in _slots(node) for v in [_props(_get(c, i))[1]] if isinstance(v, Seq)
    ]


TAGS = ["!!int", "!!str", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!foo", "!", "!e!x"]
TAGS += ["!triplet", "!co_sent", "!lora", "!beta_nll", "!f32", "!constant", "!Triplet", "!!binary"]
UNKNOWN_KEYS = ["extra", "<<", "LORA_RANK", "lora_rank ", "''", '""', "~", "null", "1", "'1'"]
UNKNOWN_KEYS += ["true", "[a]", "{a: 1}", "? x", "!!str k", "é", "'a:b'"]
# Anything serde may skip in an ignored field. A key that is itself a collection, alias
# bombs and very deep nesting are left out (see the module docstring of the vectors).
IGNORABLE = [s for s in SCALARS if not s.startswith(("*", "&"))]
BLOCK_TEXTS = ["lora", "a\nb", "a\n\nb\n", "  lead", "x\ty", "co_sent", "1", "~", "", "a #b"]
BLOCK_INDICATORS = ["|", "|-", "|+", ">", ">-", ">+", "|2", ">1-"]


def _enum_forms(rng: random.Random) -> Node:
    """An enum value in some form, often with content of the wrong kind."""
    name = rng.choice([*UNIT_VARIANTS, *STRUCT_VARIANTS, *OTHER_NAMES])
    content: Node = rng.choice(
        [
            Empty(),
            Tok("~"),
            Tok("1"),
            Tok("''"),
            Map(),
            Seq(),
            Seq([Tok("1")]),
            _variant_content(rng.choice(list(STRUCT_VARIANTS))),
            Map([(Str("margin"), Tok("'1'"))]),
            Map([(Str("margin"), Tok("1")), (Str("margin"), Tok("2"))]),
            Map([(Str("extra"), Tok("1"))]),
        ]
    )
    if name in STRUCT_VARIANTS and rng.random() < 0.4:
        content = _variant_content(name)
    form = rng.randrange(4)
    if form == 0:
        return Tagged("!" + name, content)
    if form == 1:
        return Map([(Str(name), content)])
    if form == 2:
        return Tok(name) if rng.random() < 0.7 else Str(name)
    return Map([(Str(name), content), (Str(rng.choice(UNIT_VARIANTS)), Empty())])


def mutate_tree(tree: Node, rng: random.Random) -> tuple[Node, str]:
    """One structural mutation; returns the (possibly new) root and its name."""
    slots = _slots(tree)
    maps = _maps(tree)
    seqs = _seqs(tree)
    choice = rng.randrange(18)
    if choice == 0 and slots:  # wrong scalar type / odd but legal scalar
        c, i = rng.choice(slots)
        _set(c, i, Tok(rng.choice(SCALARS)))
        return tree, "scalar"
    if choice == 1 and slots:  # a tag on a scalar or a container
        c, i = rng.choice(slots)
        _set(c, i, Tagged(rng.choice(TAGS), _get(c, i)))
        return tree, "tag"
    if choice == 2 and slots:  # enums in every form, often with the wrong content
        enum_slots = [
            (c, i) for c, i in slots if isinstance(c, Map) and str(c.items[i][0]) in NESTED
        ]
        c, i = rng.choice(enum_slots or slots)
        _set(c, i, _enum_forms(rng))
        return tree, "enum"
    if choice == 3 and maps:  # missing field
        m = rng.choice(maps)
        if m.items:
            del m.items[rng.randrange(len(m.items))]
        return tree, "missing"
    if choice == 4 and maps:  # duplicate key
        m = rng.choice(maps)
        if m.items:
            k, v = m.items[rng.randrange(len(m.items))]
            value = v if rng.random() < 0.5 else Tok(rng.choice(SCALARS))
            m.items.insert(rng.randrange(len(m.items) + 1), (k, value))
        return tree, "duplicate"
    if choice == 5 and maps:  # unknown field
        m = rng.choice(maps)
        key = Tok(rng.choice(UNKNOWN_KEYS))
        m.items.insert(rng.randrange(len(m.items) + 1), (key, Tok(rng.choice(IGNORABLE))))
        return tree, "unknown"
    if choice == 6 and maps:  # renamed key
        m = rng.choice(maps)
        if m.items:
            i = rng.randrange(len(m.items))
            k = rng.choice(FIELD_NAMES + UNIT_VARIANTS + [str(m.items[i][0]).upper()])
            m.items[i] = (Str(k), m.items[i][1])
        return tree, "rename"
    if choice == 7 and len(slots) >= 2:  # anchor one node, alias it elsewhere
        (c1, i1), (c2, i2) = rng.sample(slots, 2)
        target = _get(c1, i1)
        if isinstance(target, Anchored):
            return tree, "none"
        _set(c1, i1, Anchored("a", target))
        if not any(_get(c2, i2) is n for n in (target,)) and c2 is not target:
            _set(c2, i2, Alias("a"))
        return tree, "alias"
    if choice == 8 and slots:  # unknown alias, or an alias before its anchor
        c, i = rng.choice(slots)
        _set(c, i, Alias(rng.choice(["nope", "a"])))
        return tree, "bad_alias"
    if choice == 9 and maps:  # merge key
        m = rng.choice(maps)
        other = rng.choice(maps)
        if other is not m and rng.random() < 0.5:
            for c, i in _slots(tree):
                if _get(c, i) is other:
                    _set(c, i, Anchored("m", other))
                    m.items.insert(rng.randrange(len(m.items) + 1), (Tok("<<"), Alias("m")))
                    return tree, "merge_alias"
        fields = Map([(Str(rng.choice(FIELD_NAMES)), Tok(rng.choice(IGNORABLE)))])
        m.items.insert(rng.randrange(len(m.items) + 1), (Tok("<<"), fields))
        return tree, "merge"
    if choice == 10 and slots:  # empty value
        c, i = rng.choice(slots)
        _set(c, i, Empty())
        return tree, "empty"
    if choice == 11 and slots:  # a block scalar
        c, i = rng.choice(slots)
        v = _get(c, i)
        text = str(v) if isinstance(v, Str | Tok) and "\n" not in v else rng.choice(BLOCK_TEXTS)
        _set(c, i, BlockScalar(rng.choice(BLOCK_INDICATORS), text))
        return tree, "block_scalar"
    if choice == 12 and seqs:  # sequences: empty, grown with odd items, nested
        s = rng.choice(seqs)
        action = rng.randrange(3)
        if action == 0:
            s.items.clear()
        elif action == 1:
            s.items.append(Tok(rng.choice(SCALARS)))
        else:
            s.items.append(Seq(list(s.items)))
        return tree, "seq"
    if choice == 13 and slots:  # wrapped in a list or a map, or unwrapped
        c, i = rng.choice(slots)
        v = _get(c, i)
        _set(c, i, Seq([v]) if rng.random() < 0.5 else Map([(Str(rng.choice(FIELD_NAMES)), v)]))
        return tree, "wrap"
    if choice == 14:  # the whole document replaced
        return Tok(rng.choice(SCALARS)) if rng.random() < 0.7 else _enum_forms(rng), "root"
    if choice == 15 and maps:  # members reordered: must not matter
        rng.shuffle(rng.choice(maps).items)
        return tree, "shuffle"
    if choice == 16 and maps:  # odd keys: tagged, typed, quoted, complex
        m = rng.choice(maps)
        if m.items:
            i = rng.randrange(len(m.items))
            k, v = m.items[i]
            if rng.random() < 0.5:
                m.items[i] = (Tagged(rng.choice(["!!str", "!foo", "!!int", "!"]), k), v)
            else:
                m.items[i] = (Tok(rng.choice(KEY_TOKENS)), v)
        return tree, "key"
    if choice == 17 and slots:  # aliases of aliases: expansion, in known and ignored fields
        c, i = rng.choice(slots)
        laughs = Seq([Anchored("l0", Seq([Tok("1")] * 3))])
        for n in range(1, rng.randrange(2, 8)):
            laughs.items.append(Anchored(f"l{n}", Seq([Alias(f"l{n - 1}")] * 6)))
        _set(c, i, laughs)
        return tree, "laughs"
    return tree, "none"


KEY_TOKENS = ["1", "~", "null", "''", "true", "0x10", "1.5", "'lora_rank'", '"k"', "[a]", "{a: 1}"]
KEY_TOKENS += ["!!str 1", "!!null ~", "&k mine", "*k", "? mine", "'mine '", "MINE", "k\t"]


CONTROL = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe", "\r"]
SPECIAL = [*":-?[]{},#&*!|>'\"%@` \t\n", "\n  ", ": ", " #", "- "]


def mutate_text(text: str, rng: random.Random) -> tuple[str, str]:
    """One textual mutation."""
    choice = rng.randrange(13)
    pos = rng.randrange(len(text) + 1)
    lines = text.split("\n")
    li = rng.randrange(len(lines))
    if choice == 0:
        return text[:pos], "truncate"
    if choice == 1:
        lines[li] += rng.choice([" # c", "#c", " #", "  # : - [", "\t# tab"])
        return "\n".join(lines), "comment"
    if choice == 2:
        lines.insert(li, rng.choice(["# c", "  # c", "#", "", "   "]))
        return "\n".join(lines), "comment_line"
    if choice == 3:  # indentation errors
        lines[li] = (
            rng.choice([" ", "  ", "   "]) + lines[li] if rng.random() < 0.6 else lines[li][1:]
        )
        return "\n".join(lines), "indent"
    if choice == 4:  # tabs
        if rng.random() < 0.5:
            lines[li] = lines[li].replace("  ", "\t", 1)
        else:
            lines[li] = lines[li].replace(": ", ":\t", 1)
        return "\n".join(lines), "tab"
    if choice == 5:
        return "\ufeff" + text, "bom"
    if choice == 6:  # several documents, or document markers
        return rng.choice(
            [
                text + "---\n" + text,
                text + "---\n",
                text + "--- ~\n",
                text + "...\n",
                text + "...\n---\nx\n",
                "---\n" + text,
                "--- " + text,
                "%YAML 1.2\n---\n" + text,
                "%YAML 1.1\n---\n" + text,
                "%TAG !e! tag:e,2000:\n---\n" + text,
                "%FOO bar\n---\n" + text,
                "...\n" + text,
            ]
        ), "documents"
    if choice == 7:
        return text[:pos] + rng.choice(CONTROL) + text[pos:], "control"
    if choice == 8:
        return text[:pos] + rng.choice(SPECIAL) + text[pos:], "insert"
    if choice == 9 and text:
        i = min(pos, len(text) - 1)
        return text[:i] + text[i + 1 :], "delete"
    if choice == 10:
        return text.replace("\n", "\r\n") if rng.random() < 0.5 else text.replace(
            "\n", "\r"
        ), "crlf"
    if choice == 11:  # a line duplicated (duplicate key) or dropped (missing field)
        if rng.random() < 0.5:
            lines.insert(li, lines[li])
        else:
            del lines[li]
        return "\n".join(lines), "line"
    if choice == 12:
        return text + rng.choice(
            ["x", "x: 1\n", "- 1\n", "  y: 2\n", "]", "}", "\t\n", " \n"]
        ), "append"
    return text, "none"


# ------------------------------------------------------------------------ documents

# Hand-written configs as users write them: comments, flow maps, quoting, anchors.
HAND_WRITTEN: dict[str, list[str]] = {
    "tags": [
        """# LoRA fine-tune
lora_rank: 16            # rank
lora_alpha: 32.0
lora_dropout: 0.1
learning_rate: 2e-4
epochs: 3
batch_size: 0x20
max_seq_length: 512
embedding_loss: !triplet
  margin: 0.5
classification_loss: cross_entropy
regression_loss: !beta_nll {beta: 0.5}
gradient_accumulation_steps: 1
validation_fraction: .1
early_stopping_patience: 3
warmup_steps: 100
lr_schedule: 'cosine_decay'
target_modules: [query, key, "value", yes]
rank_pattern: {query: 8, 'key': 4}
hard_negatives: {mine: true, k: 4, exclude_hops: 2, refresh_every: 100}
""",
        """---
lora_rank: &r 8
lora_alpha: 16
lora_dropout: 0
learning_rate: 1E-5
epochs: +3
batch_size: 8
max_seq_length: 0o1000
embedding_loss: !multiple_negatives_ranking
  temperature: 0.05
classification_loss: ~
gradient_accumulation_steps: *r
validation_fraction: 0.2
early_stopping_patience: 0
warmup_steps: 0
lr_schedule: !linear_decay
early_stopping_metric: train_loss
target_modules:
  - |-
    query
  - >-
    key
layers_to_transform: [0, 1, 0b10]
init_lora_weights: gaussian
backbone_dtype: !bf16 ~
cached: True
matryoshka_dims: [768, 512]
...
""",
        "{lora_rank: 8, lora_alpha: 16.0, lora_dropout: 0.05, learning_rate: 0.0002, epochs: 3,"
        " batch_size: 8, max_seq_length: 512, embedding_loss: !co_sent , classification_loss:"
        " null, gradient_accumulation_steps: 1, validation_fraction: 0.1,"
        " early_stopping_patience: 3, warmup_steps: 100, lr_schedule: constant}\n",
    ],
    "singleton_map": [
        """lora_rank: 16
lora_alpha: 32.0   # alpha
lora_dropout: 0.1
learning_rate: 2e-4
epochs: 3
batch_size: 8
max_seq_length: 512
embedding_loss:
  triplet:
    margin: 0.5
classification_loss: cross_entropy
regression_loss: {beta_nll: {beta: 0.5}}
gradient_accumulation_steps: 1
validation_fraction: 0.1
early_stopping_patience: 3
warmup_steps: 100
lr_schedule: cosine_decay
target_modules:
- query
- 'yes'
rank_pattern:
  query: 8
""",
        "{lora_rank: 8, lora_alpha: 16.0, lora_dropout: 0.05, learning_rate: 0.0002, epochs: 3,"
        " batch_size: 8, max_seq_length: 512, embedding_loss: {multiple_negatives_ranking:"
        " {temperature: 0.05}}, classification_loss: null, gradient_accumulation_steps: 1,"
        " validation_fraction: 0.1, early_stopping_patience: 3, warmup_steps: 100,"
        " lr_schedule: linear_decay, init_lora_weights: gaussian}\n",
    ],
}


@dataclass
class Bases:
    texts: list[tuple[str, str]]  # (type, serde- or hand-written YAML text)
    jsons: list[tuple[str, str]]  # (type, serde_json text) to be rebuilt as trees


def bases(rust: Harness, seed: int, fmt: str, dialect: Dialect) -> Bases:
    texts: list[tuple[str, str]] = [("FineTuneConfig", t) for t in HAND_WRITTEN[dialect]]
    jsons: list[tuple[str, str]] = []
    for value in rust.random(seed, 150):
        # rank_pattern is a HashMap: its order changes from call to call. Keep the inputs
        # the same on every run: JSON members sorted, YAML texts only where order is moot.
        doc = json.loads(value["json"])
        if len(doc["rank_pattern"]) < 2:
            texts.append(("FineTuneConfig", value[fmt]))
        jsons.append(("FineTuneConfig", sort_rank_pattern(value["json"])))
        for name, type_name in NESTED.items():
            if doc.get(name) is not None:
                jsons.append((type_name, json.dumps(doc[name])))
    jsons += [("FineTuneMethod", '"lora"'), ("HardNegativeConfig", '{"mine":true,"k":1}')]
    return Bases(texts, jsons)


def mutated_inputs(
    rust: Harness, seed: int, count: int, dialect: Dialect
) -> list[tuple[str, str, str]]:
    """(type name, text, mutations) for ``count`` documents, fixed by ``seed``."""
    rng = random.Random(seed)
    b = bases(rust, seed, FORMAT_OF[dialect], dialect)
    out: list[tuple[str, str, str]] = []
    while len(out) < count:
        kinds: list[str] = []
        if rng.random() < 0.3:
            type_name, text = rng.choice(b.texts)
            rounds = rng.choice([1, 1, 2])
        else:
            type_name, base = rng.choice(b.jsons)
            tree = from_json_text(base, dialect, enum=type_name in ENUMS)
            for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
                tree, kind = mutate_tree(tree, rng)
                kinds.append(kind)
            text = Emitter(rng, rng.choice([0.0, 0.5, 0.9, 1.0])).document(tree)
            rounds = 1 if rng.random() < 0.3 else 0
        for _ in range(rounds):
            text, kind = mutate_text(text, rng)
            kinds.append(kind)
        out.append((type_name, text, "+".join(kinds) or "none"))
    return out


# A config with every field written out, one per line, and where a scalar can go in each.
FULL_CONFIG = [
    ("lora_rank", "8"),
    ("lora_alpha", "16.0"),
    ("lora_dropout", "0.05"),
    ("learning_rate", "0.0002"),
    ("epochs", "3"),
    ("batch_size", "8"),
    ("max_seq_length", "512"),
    ("embedding_loss", "null"),
    ("classification_loss", "cross_entropy"),
    ("regression_loss", "null"),
    ("quantile_levels", "[0.5]"),
    ("gradient_accumulation_steps", "1"),
    ("validation_fraction", "0.1"),
    ("early_stopping_patience", "3"),
    ("warmup_steps", "100"),
    ("lr_schedule", "cosine_decay"),
    ("early_stopping_metric", "val_loss"),
    ("target_modules", "[query]"),
    ("layers_to_transform", "[1]"),
    ("use_rslora", "false"),
    ("rank_pattern", "{query: 4}"),
    ("init_lora_weights", "zeros_b"),
    ("backbone_dtype", "f32"),
    ("weight_decay", "0.01"),
    ("max_grad_norm", "1.0"),
    ("cached", "false"),
    ("hard_negatives", "{mine: false, k: 1, exclude_hops: 1, refresh_every: 1}"),
    ("matryoshka_dims", "[64]"),
]


def every_scalar_everywhere() -> list[tuple[str, str, str]]:
    """Each of SCALARS as every field, as an item of every list, as a rank_pattern key
    and value, and as every HardNegativeConfig field: no randomness."""
    out: list[tuple[str, str, str]] = []

    def config(field_name: str, value: str) -> str:
        return "".join(f"{k}: {value if k == field_name else v}\n" for k, v in FULL_CONFIG)

    for token in SCALARS:
        for name, default in FULL_CONFIG:
            out.append(("FineTuneConfig", config(name, token), f"field {name}"))
            if default.startswith("["):
                out.append(("FineTuneConfig", config(name, f"[{token}]"), f"item {name}"))
        out.append(("FineTuneConfig", config("rank_pattern", f"{{{token}: 1}}"), "rank key"))
        for k in ("mine", "k"):
            doc = f"{{mine: true, k: 1, exclude_hops: 1, refresh_every: 1, {k}: {token}}}"
            out.append(
                (
                    "HardNegativeConfig",
                    doc.replace(f" {k}: 1,", "", 1)
                    if k == "k"
                    else doc.replace("mine: true, ", "", 1),
                    f"hn {k}",
                )
            )
    return out


# ------------------------------------------------------- both reject the same inputs


def known_divergence(resp: dict[str, Any], ok: bool | None, error: str | None) -> str | None:
    """Which documented accept/reject divergence explains a disagreement, if any."""
    # None left: the recursive-alias and collection-key crash classes are fixed (FIXED).
    return None


@dataclass
class Tally:
    verdicts: Counter[str] = field(default_factory=Counter)
    known: Counter[str] = field(default_factory=Counter)
    same_text: int = 0
    disagreements: list[str] = field(default_factory=list)


def compare(rust: Harness, dialect: Dialect, inputs: list[tuple[str, str, str]]) -> Tally:
    """Send every input to serde_yaml in one batch and hold our verdict against it."""
    responses = rust.decode_many((FORMAT_OF[dialect], t, text) for t, text, _ in inputs)
    tally = Tally()
    for (type_name, text, kind), resp in zip(inputs, responses, strict=True):
        ok: bool | None
        ok, error, obj = python_decode(type_name, text, dialect)
        tally.verdicts["accept" if resp["ok"] else "reject"] += 1
        if ok != resp["ok"]:
            reason = known_divergence(resp, ok, error)
            if reason is None:
                tally.disagreements.append(
                    f"{kind} {type_name} {text!r}: serde {resp.get('error')!r}, python {error!r}"
                )
            else:
                tally.known[reason] += 1
            continue
        if ok:
            assert same_value(obj, resp), (type_name, text)
            assert python_verdict(obj) == resp["validate"], (type_name, text)
        else:
            tally.same_text += error == resp["error"]
    return tally


MUTATIONS = 2500  # per dialect


@pytest.mark.parametrize(("fmt", "dialect"), DIALECTS, ids=[d for _, d in DIALECTS])
def test_both_reject_the_same_mutations(rust: Harness, fmt: str, dialect: Dialect) -> None:
    inputs = mutated_inputs(rust, seed=20261130, count=MUTATIONS, dialect=dialect)
    tally = compare(rust, dialect, inputs)
    assert not tally.disagreements, "\n".join(tally.disagreements[:20])
    assert sum(tally.verdicts.values()) == MUTATIONS
    # Both outcomes well represented; every kind of mutation was made.
    assert tally.verdicts["accept"] >= MUTATIONS // 4, tally.verdicts
    assert tally.verdicts["reject"] >= MUTATIONS // 4, tally.verdicts
    kinds = {k for _, _, ks in inputs for k in ks.split("+")}
    assert len(kinds) >= 30, kinds
    # Known divergences stay rare, and error texts mostly agree (FINDINGS.md: ~96%).
    assert sum(tally.known.values()) <= MUTATIONS // 100, tally.known
    rejected = tally.verdicts["reject"] - sum(tally.known.values())
    assert tally.same_text >= 0.9 * rejected, (tally.same_text, rejected)


@pytest.mark.parametrize(("fmt", "dialect"), DIALECTS, ids=[d for _, d in DIALECTS])
def test_every_scalar_in_every_field(rust: Harness, fmt: str, dialect: Dialect) -> None:
    inputs = every_scalar_everywhere()
    tally = compare(rust, dialect, inputs)
    assert not tally.disagreements, "\n".join(tally.disagreements[:20])
    assert not tally.known, tally.known
    assert len(inputs) >= 5000
    assert tally.verdicts["accept"] >= 500 and tally.verdicts["reject"] >= 4000, tally.verdicts
    assert tally.same_text >= 0.93 * tally.verdicts["reject"], tally


# ------------------------------------------------ divergences found, as strict xfails

# Found by the tests above (see FINDINGS.md, YAML section); minimal inputs. serde's text
# is pinned here and checked live, so the xfails also run without cargo.
# (id, dialect, type, input, serde_yaml's error text, why we differ)
Divergence = tuple[str, Dialect, str, str, str, str]

DIVERGENCES: list[Divergence] = []

# Verdicts agree; only the error text differs. A few of each class, minimal.
TEXT_DIVERGENCES: list[Divergence] = [
    (
        "control_character_position_after_bom",
        "tags",
        "FineTuneMethod",
        "\ufeff\x01",
        "control characters are not allowed at position 3",
        "libyaml's reader position counts the BOM's 3 bytes in serde, 1 character in PyYAML",
    ),
]


# Divergences the tests above found and that are fixed: each now does exactly what
# serde does, kept as regression tests (the "why" says what used to happen).
FIXED: list[Divergence] = [
    (
        "empty_document_as_enum",
        "tags",
        "EmbeddingLoss",
        "",
        "EOF while parsing a value",
        "we say unknown variant ``",
    ),
    (
        "empty_document_as_enum_singleton_map",
        "singleton_map",
        "BackboneDtype",
        "",
        "invalid type: Option value, expected enum BackboneDtype",
        "we say `unit value`",
    ),
    (
        "unfinished_tagged_flow_map",
        "tags",
        "EmbeddingLoss",
        "!triplet {margin: 1",
        "did not find expected ',' or '}' at line 2 column 1, while parsing a flow "
        "mapping at line 1 column 10",
        "the partial tree loses the tag of the unfinished node, so we report `invalid "
        "type: map, expected a YAML tag` before the syntax error",
    ),
    (
        "root_tag_lost_before_syntax_error",
        "tags",
        "RegressionLoss",
        "!beta_nll\nbeta: &a &b 1",
        "beta: invalid type: unit value, expected f64 at line 2 column 7",
        "libyaml fails on the second anchor; serde has already typed what came before, "
        "we lose the root's tag in the partial tree and say `invalid type: map, expected "
        "a YAML tag starting with '!'`",
    ),
    (
        "null_tag_in_option_has_no_path",
        "tags",
        "FineTuneConfig",
        "layers_to_transform: !!null x",
        'invalid value: string "x", expected null',
        "serde_yaml drops path and position for a bad `!!null` scalar in an Option field",
    ),
    (
        "rust_debug_escapes_grapheme_extend",
        "tags",
        "FineTuneConfig",
        'rank_pattern: "\\u0300"',
        'rank_pattern: invalid type: string "\\u{300}", expected a map at line 1 column 15',
        "Rust's Debug escapes grapheme-extending characters (U+0300, U+0488, ...) as "
        "\\u{...}; we write them raw",
    ),
    (
        "hexadecimal_spelling",
        "tags",
        "FineTuneMethod",
        '"\\xZZ"',
        "did not find expected hexadecimal number at line 1 column 4, while parsing a "
        "quoted scalar",
        "PyYAML's libyaml still spells it `hexdecimal`; unsafe-libyaml fixed the typo",
    ),
    (
        "comment_only_document_position",
        "tags",
        "FineTuneConfig",
        "# c\n",
        "missing field `lora_rank` at line 2 column 1",
        "serde points at the end of the stream; we give no position",
    ),
    (
        "singleton_map_unknown_variant_points_at_key",
        "singleton_map",
        "EmbeddingLoss",
        "{a: 1}",
        "unknown variant `a`, expected one of `co_sent`, `triplet`, "
        "`multiple_negatives_ranking`, `angl_e`, `cosine_mse` at line 1 column 2",
        "serde points at the key of the single-key map, we at the map",
    ),
    (
        "unknown_anchor_at_start_has_no_position",
        "tags",
        "HardNegativeConfig",
        "*nope",
        "unknown anchor",
        "serde_yaml omits position index 0 here too; we say `at line 1 column 1`",
    ),
    (
        "recursive_alias_in_ignored_field",
        "tags",
        "HardNegativeConfig",
        "{a: &m [*m], mine: true, k: 1, exclude_hops: 1, refresh_every: 1}",
        "",  # serde accepts
        "OUTCOME: an alias inside the node its anchor names: libyaml registers the anchor "
        "where the node starts and serde skips an ignored field unexpanded, so serde "
        "accepts; our loader only knows the anchor once the node ends and refuses with "
        "`unknown anchor at line 1 column 9`",
    ),
    (
        "crash_map_key_before_syntax_error",
        "tags",
        "HardNegativeConfig",
        "{a]: 1}\nb: 1",
        "invalid type: map, expected field identifier",
        "CRASH: a broken flow map used as a block key, then a syntax error: the partial "
        "tree builds a dict keyed by DuplicateKeys and raises TypeError (unhashable), not "
        "WireError",
    ),
    (
        "crash_map_key_before_syntax_error_singleton_map",
        "singleton_map",
        "HardNegativeConfig",
        "{a]: 1}\nb: 1",
        "invalid type: map, expected field identifier",
        "CRASH: same in the singleton_map dialect",
    ),
    (
        "crash_unfinished_seq_as_key",
        "tags",
        "HardNegativeConfig",
        "{[ k: 0}",
        "invalid type: sequence, expected field identifier at line 1 column 2",
        "CRASH: an unfinished flow sequence as a flow map key: TypeError (unhashable type: "
        "'list'), not WireError",
    ),
    (
        "tag_named_unknown_variant_has_no_path",
        "tags",
        "FineTuneConfig",
        "lr_schedule: !foo",
        "unknown variant `foo`, expected one of `constant`, `cosine_decay`, `linear_decay`",
        "serde_yaml drops path and position for an unknown variant named by a tag; we "
        "add `lr_schedule: ... at line 1 column 14`",
    ),
    (
        "recursive_alias_in_known_field",
        "tags",
        "HardNegativeConfig",
        "mine: &m [*m]",
        "mine: invalid type: sequence, expected a boolean at line 1 column 7",
        "serde resolves an alias to its own enclosing anchor and reports the type; we say "
        "`unknown anchor at line 1 column 11`",
    ),
    (
        "earlier_error_before_unknown_anchor",
        "tags",
        "HardNegativeConfig",
        "mine: 1\nk: *nope",
        "mine: invalid type: integer `1`, expected a boolean at line 1 column 7",
        "serde meets the unknown alias only when it reaches it; we refuse it while loading",
    ),
    (
        "first_document_error_before_second_document",
        "tags",
        "HardNegativeConfig",
        "mine: 1\n--- 1",
        "mine: invalid type: integer `1`, expected a boolean at line 1 column 7",
        "serde deserializes the first document before looking for a second one",
    ),
    (
        "syntax_error_after_first_document",
        "tags",
        "BackboneDtype",
        "f32\n:",
        "deserializing from YAML containing more than one document is not supported",
        "serde counts the broken rest as a second document; we reported libyaml's error",
    ),
]


def test_pinned_serde_texts_are_serdes(rust: Harness) -> None:
    cases = DIVERGENCES + TEXT_DIVERGENCES + FIXED
    responses = rust.decode_many((FORMAT_OF[d], t, text) for _, d, t, text, _, _ in cases)
    for (name, *_, expected, _), resp in zip(cases, responses, strict=True):
        if expected:
            assert not resp["ok"], name
            assert resp["error"] == expected, name
        else:
            assert resp["ok"], name


def test_text_divergences_keep_the_verdict() -> None:
    """Every error-text divergence is refused by us too (only the wording differs)."""
    for name, dialect, type_name, text, _, _ in TEXT_DIVERGENCES:
        ok, error, _ = python_decode(type_name, text, dialect)
        assert not ok and error, name


@pytest.mark.parametrize(
    ("dialect", "type_name", "text", "serde_error"),
    [
        pytest.param(d, t, text, err, id=name, marks=pytest.mark.xfail(strict=True, reason=why))
        for name, d, t, text, err, why in DIVERGENCES + TEXT_DIVERGENCES
    ]
    + [pytest.param(d, t, text, err, id=f"fixed_{name}") for name, d, t, text, err, _ in FIXED],
)
def test_divergence_from_serde_yaml(
    dialect: Dialect, type_name: str, text: str, serde_error: str
) -> None:
    """Each must do what serde does (accept, or refuse with its exact text); all fail
    today (strict xfail)."""
    cls = getattr(jw, type_name)
    if not serde_error:
        from_yaml(text, cls, validate=False, unknown="ignore", dialect=dialect)
        return
    with pytest.raises(WireError) as caught:
        from_yaml(text, cls, validate=False, unknown="ignore", dialect=dialect)
    assert str(caught.value) == serde_error
