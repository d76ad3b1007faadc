# ruff: noqa: E501  (case inputs read best on one line)
"""Conformance vector cases (issue 10): inputs for the `conf::` types of the Rust harness.

Same layout as ``tests/vectors/cases.py``: each case has ``id``, ``format`` ("json",
"yaml" or "yaml_singleton_map"), ``type`` (a ``conf::`` harness name), ``input`` and
``why``. ``generate.py`` here asks the real serde and stores its answers in
``json.jsonl`` / ``yaml.jsonl`` beside this file.

Three kinds of case:
- per type, a base document serde writes (hand-written here, not taken from Rust), in
  compact JSON, pretty JSON and block YAML (both dialects);
- mechanical mutations of each base document: every top-level member removed,
  replaced by a value of each JSON kind, repeated, and an unknown member added;
- hand-written corner cases per attribute (the ``why`` says which rule each pins).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Case = dict[str, str]

I64_MIN, I64_MAX = -(2**63), 2**63 - 1
U64_MAX = 2**64 - 1
I128_MIN, I128_MAX = -(2**127), 2**127 - 1
U128_MAX = 2**128 - 1

# A base document per type, in the field order serde writes. Maps with several keys are
# BTreeMaps (sorted) unless a HashMap is meant; enums in serde_json's externally tagged
# form.
BASE: dict[str, Any] = {
    "Scalars": {
        "flag": True,
        "tiny": -128,
        "small": 32767,
        "medium": -2147483648,
        "large": I64_MAX,
        "byte": 255,
        "word": 65535,
        "dword": 4294967295,
        "qword": U64_MAX,
        "single": 0.1,
        "double": 0.1,
        "letter": "é",
        "text": "yes",
    },
    "Wide": {"signed": I128_MIN, "unsigned": U128_MAX, "index": U64_MAX, "offset": I64_MIN},
    "Floats": {
        "half": 3.4028235e38,
        "full": 5e-324,
        "halves": [0.1, 1e-45, 16777216.0],
        "maybe_half": 0.3,
        "by_name": {"a": 1.5, "b": -0.0},
    },
    "Optional": {
        "maybe_int": 7,
        "maybe_text": None,
        "maybe_list": [1, 2],
        "maybe_point": [3, -4],
        "list_of_maybe": ["x", None, "日"],
    },
    "Sequences": {
        "numbers": [1, -2, 3],
        "words": ["a", "", "null"],
        "grid": [[1, 2], [], [255]],
        "flags": [True, False],
    },
    "StringMaps": {
        "counts": {"a": 1},
        "sorted": {"alpha": 1.0, "beta": 2.5, "gamma": -3.0},
        "nested": {"k": ["v", "w"], "z": []},
    },
    "IntKeyMaps": {
        "by_id": {"1": "one", "2": "two", "10": "ten"},
        "signed": {"-5": True, "3": False},
        "small": {"7": -1},
        "narrow": {"-128": 0, "127": U64_MAX},
        "wide": {"0": None, str(U64_MAX): 9},
    },
    "Tuples": {
        "pair": [1, "one"],
        "triple": [2, True, 0.5],
        "nested": ["c", [16, None]],
        "list": [["a", 1], ["b", 2]],
        "single": [-1],
    },
    "Nothing": None,
    "Meters": 1.5,
    "Label": "label",
    "Point": [1, -2],
    "Rgb": [255, 128, 0],
    "Shapes": {
        "unit": None,
        "nothing": None,
        "meters": 2.0,
        "origin": [0, 0],
        "colour": [1, 2, 3],
        "label": "here",
        "maybe_nothing": None,
    },
    "Boxed": {"boxed": 1, "boxed_point": [2, 3], "boxed_label": "b", "boxed_list": [-1, 2]},
    "Tree": {
        "value": 1,
        "children": [
            {"value": 2, "children": []},
            {"value": 3, "children": [{"value": 4, "children": []}]},
        ],
    },
    "Chain": {"id": 1, "next": {"id": 2, "next": {"id": 3, "next": None}}},
    "Polyline": [[0, 0], [1, 1]],
    "Pinned": {"rect": {"width": 1.0, "height": 2.0}},
    "RenameLower": {"first_field": 1, "http2_port": 80, "x": True},
    "RenameUpper": {"FIRST_FIELD": 1, "HTTP2_PORT": 80, "X": True},
    "RenamePascal": {"FirstField": 1, "Http2Port": 80, "X": True},
    "RenameCamel": {"firstField": 1, "http2Port": 80, "x": True},
    "RenameSnake": {"first_field": 1, "http2_port": 80, "x": True},
    "RenameScreaming": {"FIRST_FIELD": 1, "HTTP2_PORT": 80, "X": True},
    "RenameKebab": {"first-field": 1, "http2-port": 80, "x": True},
    "RenameScreamingKebab": {"FIRST-FIELD": 1, "HTTP2-PORT": 80, "X": True},
    "Renamed": {"ID": 5, "colorName": "red", "type": "t", "plainField": False},
    "Defaults": {
        "required": 1,
        "maybe": True,
        "count": 2,
        "tags": ["t"],
        "ratio": 0.5,
        "name": "n",
        "limits": [1],
        "origin": [1, 1],
        "mode": "Slow",
        "geometry": {"circle": 1.0},
    },
    "ContainerDefault": {"retries": 1, "label": "l", "ratio": 0.25, "extra": 2, "maybe": None},
    "Strict": {"a": 1, "b": "b", "c": True},
    "StrictRenamed": {"max-len": 10, "min-len": 1},
    "Skips": {"kept": 1, "note": "n", "items": [1], "offset": -1},
    "Checked": {"even": 4, "percent": 50.0, "names": ["a"]},
    "UserId": 42,
    "Tags": ["a", "b"],
    "Registry": {"1": "one", "2": "two"},
    "Level": "MEDIUM_HIGH",
    "Mode": "Fast",
    "Direction": "s",
    "Geometry": {"segment": [[0, 0], [1, 1]]},
    "Event": {"paused": {"RESUME_AFTER": 5, "BY_USER": True}},
    "Optimizer": {"adam-w": {"beta_one": 0.9, "beta_two": 0.999}},
    "Movement": {"dx": 1, "dy": -1},
    "Message": {"type": "txt", "body": "hi", "urgent": False},
    "Command": {"op": "Scale", "factor": 2.0, "clamp": None},
    "Block": {"t": "image", "c": {"src": "a.png", "alt": None}},
    "Signal": {"kind": "Window", "data": {"from": 1, "to": 2}},
    "Scalar": {"key": "k", "value": [1, "x", None]},
    "Contact": {"phone": "123", "ext": 4},
    "Document": {
        "id": 1,
        "title": "T",
        "level": "LOW",
        "shape": "empty",
        "blocks": [{"t": "break"}, {"t": "para", "c": "p"}, {"t": "span", "c": [1, 2]}],
        "messages": {"1": {"type": "ping"}, "2": {"type": "moved", "dx": 1, "dy": 2}},
        "meta": {"k": 1.5},
        "events": ["keep-alive", {"timed-out": 3}, {"moved": [1, 2]}],
        "tree": {"value": 0, "children": []},
        "extra": ["North", "constant"],
        "contact": {"email": "a@b"},
        "signal": {"kind": "On"},
        "tags": ["x"],
    },
    "Glyph": {"width": 0.1, "ch": "g"},
    "Widened": {"struct": {"ch": "a", "width": 0.1, "glyph": {"width": 2.5, "ch": "'"}}},
    "Outer": {
        "checked": [{"even": 2, "percent": 0.0, "names": ["n"]}],
        "strict": {"a": 1, "b": None, "c": False},
        "defaults": {
            "d": {
                "required": 0,
                "maybe": None,
                "count": 0,
                "tags": [],
                "ratio": 0.25,
                "name": "anonymous",
                "limits": [10, 20],
                "origin": [0, 0],
                "mode": "Fast",
                "geometry": "empty",
            }
        },
        "commands": [{"op": "Reset"}, {"op": "Add", "value": -1}],
        "renamed": {"ID": 1, "colorName": "c", "type": "t", "plainField": True},
        "skips": {"kept": 0},
    },
}

# What each JSON kind is replaced by in the mechanical mutations.
REPLACEMENTS: list[tuple[str, Any]] = [
    ("null", None),
    ("true", True),
    ("neg", -1),
    ("big", 2**64),
    ("float", 1.5),
    ("str", "x"),
    ("list", []),
    ("map", {}),
]

# A value that makes each kind of container hold a wrong element, for the nested mutations.
NESTED_BAD: list[tuple[str, Any]] = [("null", None), ("str", "s"), ("float", 0.5)]


def _dump(obj: Any, indent: int | None = None) -> str:
    return json.dumps(obj, indent=indent, ensure_ascii=False)


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted scalar


def block_yaml(value: Any, indent: int = 0) -> str:
    """Block YAML for JSON data (strings double-quoted), as a user would write it."""
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return pad + "{}\n"
        out = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:\n{block_yaml(item, indent + 1)}")
            else:
                out.append(f"{pad}{key}: {_flow(item)}\n")
        return "".join(out)
    if isinstance(value, list):
        if not value:
            return pad + "[]\n"
        out = []
        for item in value:
            if isinstance(item, (dict, list)) and item:
                inner = block_yaml(item, indent + 1)
                out.append(f"{pad}- {inner.lstrip()}")
            else:
                out.append(f"{pad}- {_flow(item)}\n")
        return "".join(out)
    return pad + _yaml_scalar(value) + "\n"


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _yaml_scalar(value)


def _case(cases: list[Case], fmt: str, name: str, suffix: str, text: str, why: str) -> None:
    cases.append(
        {
            "id": f"{name}_{suffix}",
            "format": fmt,
            "type": f"conf::{name}",
            "input": text,
            "why": why,
        }
    )


def mechanical_cases() -> list[Case]:
    cases: list[Case] = []
    for name, base in BASE.items():
        _case(cases, "json", name, "base", _dump(base), "the base document, compact")
        _case(cases, "json", name, "base_pretty", _dump(base, 2), "the base document, pretty")
        for fmt in ("yaml", "yaml_singleton_map"):
            _case(
                cases, fmt, name, f"base_{fmt}", block_yaml(base), "the base document, block YAML"
            )
        for label, replacement in REPLACEMENTS:
            _case(
                cases,
                "json",
                name,
                f"whole_{label}",
                _dump(replacement),
                "the whole value of the wrong kind",
            )
        if not isinstance(base, dict):
            continue
        for key in base:
            rest = {k: v for k, v in base.items() if k != key}
            _case(cases, "json", name, f"drop_{key}", _dump(rest, 2), "a member left out")
            _case(cases, "yaml", name, f"drop_{key}_yaml", block_yaml(rest), "a member left out")
            for label, replacement in REPLACEMENTS:
                changed = dict(base)
                changed[key] = replacement
                _case(
                    cases,
                    "json",
                    name,
                    f"{key}_{label}",
                    _dump(changed, 2),
                    "a member of the wrong kind",
                )
            value = base[key]
            if isinstance(value, list) and value:
                for label, bad in NESTED_BAD:
                    changed = dict(base)
                    changed[key] = [*value[:-1], bad]
                    _case(
                        cases,
                        "json",
                        name,
                        f"{key}_last_{label}",
                        _dump(changed),
                        "a bad last element",
                    )
            if isinstance(value, dict) and value:
                first = next(iter(value))
                for label, bad in NESTED_BAD:
                    changed = dict(base)
                    changed[key] = {**value, first: bad}
                    _case(
                        cases,
                        "json",
                        name,
                        f"{key}_first_{label}",
                        _dump(changed),
                        "a bad first member",
                    )
            text = _dump(base)
            dup = text[:-1] + f", {json.dumps(key)}: {_dump(value)}}}"
            _case(cases, "json", name, f"dup_{key}", dup, "a repeated member")
        _case(cases, "json", name, "unknown", _dump({**base, "zz_unknown": 1}), "an unknown member")
        _case(
            cases,
            "json",
            name,
            "unknown_first",
            _dump({"zz_unknown": [1], **base}),
            "an unknown member first",
        )
        _case(
            cases,
            "yaml",
            name,
            "unknown_yaml",
            block_yaml({**base, "zz_unknown": 1}),
            "an unknown member",
        )
        _case(
            cases,
            "json",
            name,
            "as_seq",
            _dump(list(base.values())),
            "a struct as a sequence of its fields",
        )
    return cases


def _j(cases: list[Case], name: str, suffix: str, text: str, why: str) -> None:
    _case(cases, "json", name, suffix, text, why)


def _y(
    cases: list[Case], name: str, suffix: str, text: str, why: str, *, both: bool = True
) -> None:
    _case(cases, "yaml", name, f"{suffix}_tags", text, why)
    if both:
        _case(cases, "yaml_singleton_map", name, f"{suffix}_smap", text, why)


def corner_cases() -> list[Case]:
    c: list[Case] = []
    # integers: every width at and past both ends
    widths = {
        "tiny": (-128, 127),
        "small": (-(2**15), 2**15 - 1),
        "medium": (-(2**31), 2**31 - 1),
        "large": (I64_MIN, I64_MAX),
        "byte": (0, 255),
        "word": (0, 2**16 - 1),
        "dword": (0, 2**32 - 1),
        "qword": (0, U64_MAX),
    }
    for key, (lo, hi) in widths.items():
        for label, value in (("min", lo), ("max", hi), ("below", lo - 1), ("above", hi + 1)):
            text = _dump({**BASE["Scalars"], key: value})
            _j(c, "Scalars", f"int_{key}_{label}", text, "integer width bounds")
            _y(
                c,
                "Scalars",
                f"int_{key}_{label}",
                block_yaml({**BASE["Scalars"], key: value}),
                "integer width bounds",
                both=False,
            )
        _j(
            c,
            "Scalars",
            f"int_{key}_float",
            _dump({**BASE["Scalars"], key: 1.0}),
            "an integral float is not an integer",
        )
    for key, value in (
        ("signed", I128_MIN - 1),
        ("signed", I128_MAX + 1),
        ("unsigned", -1),
        ("unsigned", U128_MAX + 1),
        ("signed", I128_MAX),
        ("unsigned", 0),
    ):
        text = _dump({**BASE["Wide"], key: value})
        _j(c, "Wide", f"{key}_{value}", text, "128-bit bounds")
        _y(
            c,
            "Wide",
            f"{key}_{value}",
            block_yaml({**BASE["Wide"], key: value}),
            "128-bit bounds",
            both=False,
        )
    _y(
        c,
        "Wide",
        "hex_u128",
        "signed: 0x10\nunsigned: 0xff\nindex: 0o7\noffset: -0x1\n",
        "YAML radix integers for 128-bit fields",
        both=False,
    )
    # floats
    for label, text in (
        ("f32_overflow", "3.5e38"),
        ("f32_tiny", "1e-46"),
        ("f32_int", "16777217"),
        ("f32_neg_zero", "-0.0"),
        ("f32_precise", "0.30000001192092896"),
        ("f32_exp", "1e10"),
    ):
        _j(
            c,
            "Floats",
            label,
            _dump(BASE["Floats"]).replace("3.4028235e+38", text),
            "f32 reading and f32 text",
        )
    _y(
        c,
        "Floats",
        "yaml_specials",
        "half: .inf\nfull: -.inf\nhalves: [.nan, 1e3, 0x10]\nmaybe_half: ~\nby_name: {}\n",
        "YAML float words for f32/f64",
        both=False,
    )
    # char
    for label, value in (
        ("empty", ""),
        ("two", "ab"),
        ("astral", "🦀"),
        ("nul", "\u0000"),
        ("combining", "e\u0301"),
    ):
        _j(
            c,
            "Scalars",
            f"char_{label}",
            _dump({**BASE["Scalars"], "letter": value}),
            "char is exactly one scalar value",
        )
    _j(
        c,
        "Scalars",
        "char_escape",
        _dump(BASE["Scalars"]).replace('"é"', '"\\u00e9"'),
        "char from an escape",
    )
    _j(
        c,
        "Scalars",
        "char_surrogate_pair",
        _dump(BASE["Scalars"]).replace('"é"', '"\\ud83e\\udd80"'),
        "char from a surrogate pair",
    )
    _y(
        c,
        "Scalars",
        "char_plain",
        block_yaml(BASE["Scalars"]).replace('letter: "é"', "letter: x"),
        "char from a plain scalar",
        both=False,
    )
    _y(
        c,
        "Scalars",
        "char_number",
        block_yaml(BASE["Scalars"]).replace('letter: "é"', "letter: 7"),
        "a plain digit as char",
        both=False,
    )
    _y(
        c,
        "Scalars",
        "char_true",
        block_yaml(BASE["Scalars"]).replace('letter: "é"', "letter: y"),
        "y as char",
        both=False,
    )
    # tuples
    t = BASE["Tuples"]
    for label, pair in (("short", [1]), ("long", [1, "a", 2]), ("empty", []), ("as_map", {"0": 1})):
        _j(c, "Tuples", f"pair_{label}", _dump({**t, "pair": pair}), "tuple length")
        _y(
            c,
            "Tuples",
            f"pair_{label}",
            block_yaml({**t, "pair": pair}),
            "tuple length",
            both=False,
        )
    _j(c, "Tuples", "single_bare", _dump({**t, "single": -1}), "a 1-tuple is a sequence")
    _j(c, "Point", "short", "[1]", "tuple struct length")
    _j(c, "Point", "long", "[1, 2, 3]", "tuple struct length")
    _j(c, "Point", "map", '{"0": 1, "1": 2}', "tuple struct from a map")
    _j(c, "Rgb", "over", "[256, 0, 0]", "u8 element out of range")
    _y(c, "Point", "flow", "[1, 2]\n", "tuple struct in YAML", both=False)
    _y(c, "Point", "long", "- 1\n- 2\n- 3\n", "tuple struct too long in YAML", both=False)
    # unit and newtype structs
    _j(c, "Nothing", "empty_map", "{}", "unit struct from an empty map")
    _j(c, "Nothing", "empty_list", "[]", "unit struct from an empty list")
    _y(c, "Nothing", "tilde", "~\n", "unit struct from ~")
    _y(c, "Nothing", "empty", "", "unit struct from an empty document")
    _y(c, "Nothing", "empty_map", "{}\n", "unit struct from an empty map")
    _j(c, "Meters", "int", "2", "newtype of f64 from an integer")
    _j(c, "Meters", "list", "[2.0]", "newtype struct from a 1-element sequence")
    _y(c, "Meters", "tagged", "!Meters 1.0\n", "a newtype struct tagged with its name")
    _j(c, "Label", "number", "5", "newtype of String from a number")
    _y(c, "Label", "plain_number", "5\n", "newtype of String from a plain number")
    _j(c, "Shapes", "unit_zero", _dump({**BASE["Shapes"], "unit": 0}), "unit () refuses 0")
    _j(c, "Shapes", "unit_empty_list", _dump({**BASE["Shapes"], "unit": []}), "unit () refuses []")
    _y(
        c,
        "Shapes",
        "unit_empty",
        block_yaml(BASE["Shapes"]).replace("unit: null", "unit:"),
        "unit () from an empty scalar",
    )
    _y(
        c,
        "Shapes",
        "unit_tilde",
        block_yaml(BASE["Shapes"]).replace("unit: null", "unit: ~"),
        "unit () from ~",
    )
    _y(
        c,
        "Shapes",
        "nothing_map",
        block_yaml(BASE["Shapes"]).replace("nothing: null", "nothing: {}"),
        "unit struct {} in YAML",
    )
    # Box / recursion
    _j(
        c,
        "Chain",
        "deep",
        '{"id":1,"next":' * 40 + '{"id":2,"next":null}' + "}" * 40,
        "a deep recursive Box chain",
    )
    _j(
        c,
        "Chain",
        "deep_bad",
        '{"id":1,"next":' * 5 + '{"id":-2,"next":null}' + "}" * 5,
        "an error deep in a Box chain",
    )
    _j(
        c,
        "Tree",
        "bad_child",
        '{"value":1,"children":[{"value":2,"children":[{"value":"3"}]}]}',
        "error path through Vec<Tree>",
    )
    # maps: integer keys, order, HashMap
    ik = BASE["IntKeyMaps"]
    for label, key in (
        ("neg_unsigned", "-1"),
        ("plus", "+1"),
        ("space", " 1"),
        ("float", "1.0"),
        ("empty", ""),
        ("hex", "0x1"),
        ("over", str(2**32)),
        ("lead_zero", "01"),
    ):
        _j(
            c,
            "IntKeyMaps",
            f"key_{label}",
            _dump({**ik, "by_id": {key: "v"}}),
            "integer map key text",
        )
    _j(
        c,
        "IntKeyMaps",
        "unsorted_input",
        _dump({**ik, "by_id": {"10": "a", "2": "b", "1": "c"}}),
        "BTreeMap output is sorted",
    )
    _j(
        c,
        "IntKeyMaps",
        "dup_key",
        _dump(ik).replace('"1": "one"', '"1": "one", "1": "uno"'),
        "a repeated map key",
    )
    _j(c, "IntKeyMaps", "narrow_over", _dump({**ik, "narrow": {"128": 1}}), "i8 key out of range")
    _y(
        c,
        "IntKeyMaps",
        "yaml_int_keys",
        "by_id:\n  2: two\n  1: one\nsigned:\n  -5: true\nsmall: {7: -1}\nnarrow: {}\nwide: {0: ~}\n",
        "plain integer keys in YAML",
    )
    _y(
        c,
        "IntKeyMaps",
        "yaml_str_keys",
        "by_id:\n  '2': two\nsigned: {}\nsmall: {}\nnarrow: {}\nwide: {}\n",
        "a quoted integer key in YAML",
    )
    _y(
        c,
        "IntKeyMaps",
        "yaml_bad_key",
        "by_id:\n  x: two\nsigned: {}\nsmall: {}\nnarrow: {}\nwide: {}\n",
        "a non-integer key in YAML",
    )
    _y(
        c,
        "IntKeyMaps",
        "yaml_null_key",
        "by_id:\n  ~: two\nsigned: {}\nsmall: {}\nnarrow: {}\nwide: {}\n",
        "a null key in YAML",
    )
    sm = BASE["StringMaps"]
    _j(
        c,
        "StringMaps",
        "counts_many",
        _dump({**sm, "counts": {"b": 2, "a": 1, "c": 3}}),
        "HashMap with several keys",
    )
    _j(
        c,
        "StringMaps",
        "sorted_unsorted",
        _dump({**sm, "sorted": {"z": 1.0, "a": 2.0, "M": 3.0, "é": 4.0}}),
        "BTreeMap<String> sorts by bytes",
    )
    _y(
        c,
        "StringMaps",
        "yaml_int_key",
        "counts: {1: 1}\nsorted: {}\nnested: {}\n",
        "a plain integer as a String key",
    )
    _y(
        c,
        "StringMaps",
        "yaml_bool_key",
        "counts: {true: 1}\nsorted: {}\nnested: {}\n",
        "a plain bool as a String key",
    )
    # renames
    for name in ("RenameCamel", "RenameKebab", "RenamePascal"):
        _j(
            c,
            name,
            "rust_names",
            _dump(BASE["RenameSnake"]),
            "the Rust field names are not the wire names",
        )
    _j(
        c,
        "Renamed",
        "alias_colour",
        _dump({"ID": 1, "colour": "c", "type": "t", "plainField": True}),
        "an alias",
    )
    _j(
        c,
        "Renamed",
        "alias_hue",
        _dump({"ID": 1, "hue": "c", "kind": "t", "plainField": True}),
        "second alias, alias of a renamed field",
    )
    _j(
        c,
        "Renamed",
        "alias_and_name",
        _dump({"ID": 1, "colour": "c", "colorName": "d", "type": "t", "plainField": True}),
        "an alias and the name: a duplicate field",
    )
    _j(
        c,
        "Renamed",
        "rust_name",
        _dump({"user_id": 1, "colorName": "c", "type": "t", "plainField": True}),
        "the Rust name of a renamed field",
    )
    _j(
        c,
        "Renamed",
        "camel_of_renamed",
        _dump({"userId": 1, "colorName": "c", "type": "t", "plainField": True}),
        "rename_all does not apply to a renamed field",
    )
    _j(
        c,
        "Renamed",
        "missing_renamed",
        _dump({"colorName": "c", "type": "t", "plainField": True}),
        "missing field uses the wire name",
    )
    _y(c, "Renamed", "alias_yaml", "ID: 1\nhue: c\nkind: t\nplainField: true\n", "aliases in YAML")
    # defaults
    _j(c, "Defaults", "only_required", '{"required": 1}', "every default applied")
    _j(c, "Defaults", "empty", "{}", "the required field missing")
    _j(c, "Defaults", "seq_short", "[1, null]", "sequence form fills defaults")
    _j(c, "Defaults", "seq_one", "[1]", "sequence form: the Option field is not defaulted")
    _y(c, "Defaults", "only_required", "required: 1\n", "every default applied")
    _j(
        c,
        "ContainerDefault",
        "empty",
        "{}",
        "container default: every field from Default, extra from its own function",
    )
    _j(
        c,
        "ContainerDefault",
        "partial",
        '{"label": "x"}',
        "container default: the rest from Default",
    )
    _j(c, "ContainerDefault", "seq_empty", "[]", "container default from an empty sequence")
    _j(c, "ContainerDefault", "seq_partial", '[9, "x"]', "container default fills a short sequence")
    _y(c, "ContainerDefault", "empty", "{}\n", "container default")
    _y(c, "ContainerDefault", "empty_doc", "", "container default from an empty document")
    # deny_unknown_fields
    _j(
        c,
        "Strict",
        "unknown_last",
        '{"a": 1, "b": null, "c": true, "d": 0}',
        "unknown field refused",
    )
    _j(
        c,
        "Strict",
        "unknown_close",
        '{"a": 1, "bb": null}',
        "unknown field refused, listing the fields",
    )
    _j(c, "Strict", "minimal", '{"a": 1}', "Option and default fields may be absent")
    _j(c, "StrictRenamed", "rust_name", '{"max_len": 1, "min-len": 2}', "the Rust name is unknown")
    _j(c, "StrictRenamed", "alias", '{"max-len": 1, "minLen": 2}', "an alias is known")
    _j(
        c,
        "StrictRenamed",
        "skipped",
        '{"max-len": 1, "min-len": 2, "scratch": 3}',
        "a skipped field is unknown",
    )
    _y(c, "Strict", "unknown", "a: 1\nzz: 2\n", "unknown field refused in YAML")
    # skip / skip_serializing_if
    _j(c, "Skips", "all_absent", '{"kept": 3}', "skipped and skip_serializing_if fields absent")
    _j(
        c,
        "Skips",
        "skipped_given",
        '{"kept": 3, "cache": 9}',
        "a skipped field is ignored as unknown",
    )
    _j(
        c,
        "Skips",
        "written_defaults",
        '{"kept": 3, "note": null, "items": [], "offset": 0}',
        "written-out defaults read back",
    )
    _j(c, "Skips", "seq", '[1, "n", [2], 3]', "sequence form skips the skipped field")
    _j(
        c,
        "Skips",
        "seq_cache",
        '[1, 5, "n", [2], 3]',
        "sequence form has no slot for the skipped field",
    )
    # deserialize_with
    ch = BASE["Checked"]
    _j(c, "Checked", "odd", _dump({**ch, "even": 3}), "custom refusal message")
    _j(c, "Checked", "odd_pretty", _dump({**ch, "even": 7}, 2), "custom refusal, position")
    _j(c, "Checked", "percent_high", _dump({**ch, "percent": 100.5}), "custom refusal of an f64")
    _j(c, "Checked", "names_empty", _dump({**ch, "names": []}), "custom refusal of a Vec")
    _j(
        c,
        "Checked",
        "names_empty_pretty",
        _dump({**ch, "names": []}, 2),
        "custom refusal of a Vec, position",
    )
    _j(
        c,
        "Checked",
        "odd_type_first",
        _dump({**ch, "even": "4"}),
        "the type error before the check",
    )
    _j(
        c,
        "Checked",
        "last_odd",
        _dump({"percent": 1.0, "names": ["a"], "even": 5}),
        "custom refusal at the last member",
    )
    _j(
        c,
        "Outer",
        "nested_check",
        _dump(
            {
                **BASE["Outer"],
                "checked": [
                    {"even": 2, "percent": 0.0, "names": ["n"]},
                    {"even": 1, "percent": 0.0, "names": ["n"]},
                ],
            },
            2,
        ),
        "custom refusal inside a Vec",
    )
    _y(c, "Checked", "odd", "even: 3\npercent: 1\nnames: [a]\n", "custom refusal in YAML")
    _y(
        c,
        "Checked",
        "names_empty",
        "even: 2\npercent: 1\nnames: []\n",
        "custom refusal of a Vec in YAML",
    )
    _y(
        c,
        "Outer",
        "nested_check",
        block_yaml({**BASE["Outer"], "checked": [{"even": 1, "percent": 0.0, "names": ["n"]}]}),
        "custom refusal inside a Vec in YAML",
    )
    # transparent
    _j(c, "UserId", "map", '{"id": 1}', "transparent is not a struct on the wire")
    _j(c, "UserId", "neg", "-1", "transparent keeps the inner type's rules")
    _j(c, "Tags", "map", '{"items": []}', "transparent Vec")
    _j(c, "Registry", "bad_key", '{"x": "one"}', "transparent BTreeMap<u16, _> key")
    _y(c, "UserId", "plain", "42\n", "transparent in YAML")
    # unit enum, renamed/aliased variants
    for name, text in (
        ("Level", '"MediumHigh"'),
        ("Level", '"medium_high"'),
        ("Level", '{"MAX": null}'),
        ("Level", '{"MAX": 1}'),
        ("Mode", '"fast"'),
        ("Direction", '"South"'),
        ("Direction", '"W"'),
        ("Direction", '"left"'),
        ("Direction", '"e"'),
        ("Direction", '"East"'),
        ("Direction", '"EAST"'),
        ("Direction", '{"s": null}'),
    ):
        _j(
            c,
            name,
            "v_" + "".join(ch if ch.isalnum() else "_" for ch in text),
            text,
            "variant names, renames and aliases",
        )
    _y(c, "Direction", "alias", "W\n", "an alias in YAML")
    _y(c, "Direction", "tag_alias", "!left\n", "an alias as a tag")
    _y(c, "Level", "map", "MAX: ~\n", "unit variant as a map")
    # externally tagged, every variant kind
    geo = {
        "empty": '"empty"',
        "empty_map": '{"empty": null}',
        "circle": '{"circle": 1}',
        "circle_null": '{"circle": null}',
        "circle_bare": '"circle"',
        "segment": '{"segment": [[0, 0], [1, 2]]}',
        "segment_short": '{"segment": [[0, 0]]}',
        "segment_long": '{"segment": [[0, 0], [1, 2], [3, 4]]}',
        "segment_as_map": '{"segment": {"0": [0, 0]}}',
        "segment_bare": '"segment"',
        "rect": '{"rect": {"width": 1, "height": 2.5}}',
        "rect_seq": '{"rect": [1, 2]}',
        "rect_missing": '{"rect": {"width": 1}}',
        "rect_unknown": '{"rect": {"width": 1, "height": 2, "depth": 3}}',
        "rect_f32_overflow": '{"rect": {"width": 1e39, "height": 2}}',
        "poly": '{"poly_line": [[1, 1]]}',
        "nested": '{"nested": {"nested": {"circle": 0.5}}}',
        "labelled": '{"labelled": ["l", null]}',
        "labelled_some": '{"labelled": ["l", {"circle": 2}]}',
        "unknown_variant": '{"square": 1}',
        "two_keys": '{"circle": 1, "rect": {"width": 1, "height": 1}}',
        "empty_obj": "{}",
        "camel": '{"Circle": 1}',
    }
    for label, text in geo.items():
        _j(c, "Geometry", label, text, "externally tagged variants")
    geo_yaml = {
        "empty": "empty\n",
        "circle": "!circle 1\n",
        "circle_map": "circle: 1\n",
        "segment": "!segment\n- [0, 0]\n- [1, 2]\n",
        "segment_map": "segment:\n- [0, 0]\n- [1, 2]\n",
        "rect": "!rect\nwidth: 1\nheight: 2\n",
        "rect_map": "rect:\n  width: 1\n  height: 2\n",
        "nested": "!nested\n!circle 1\n",
        "nested_map": "nested:\n  circle: 1\n",
        "labelled": "!labelled\n- l\n- !circle 2\n",
        "labelled_map": "labelled:\n- l\n- circle: 2\n",
        "unknown": "!square 1\n",
        "circle_bare": "circle\n",
        "two_keys": "circle: 1\nempty: ~\n",
    }
    for label, text in geo_yaml.items():
        _y(c, "Geometry", label, text, "externally tagged variants in YAML")
    _j(c, "Pinned", "unit_variant", '"empty"', "newtype struct around an enum")
    # enum rename_all vs rename_all_fields vs variant rename_all
    ev = {
        "started": '{"start!": {"atTime": 1}}',
        "started_rust": '{"Started": {"atTime": 1}}',
        "started_snake_field": '{"start!": {"at_time": 1}}',
        "stopped_alias": '{"halt": {"exitCode": 1, "reasonText": null}}',
        "stopped_alias2": '{"quit": {"exitCode": -1}}',
        "stopped": '{"stopped": {"exitCode": 0, "reasonText": "r"}}',
        "paused_camel": '{"paused": {"resumeAfter": 1, "byUser": true}}',
        "paused": '{"paused": {"RESUME_AFTER": 1, "BY_USER": false}}',
        "keep_alive": '"keep-alive"',
        "keep_alive_snake": '"keep_alive"',
        "timed_out": '{"timed-out": 4294967296}',
        "moved": '{"moved": [1, 2]}',
        "moved_one": '{"moved": [1]}',
        "unknown_field": '{"start!": {"atTime": 1, "x": 1}}',
    }
    for label, text in ev.items():
        _j(
            c,
            "Event",
            label,
            text,
            "rename_all on variants, rename_all_fields and variant rename_all",
        )
    _y(c, "Event", "started_tag", "!start! {atTime: 1}\n", "a tag with ! in the name")
    _y(c, "Event", "started_tag_pct", "!start%21 {atTime: 1}\n", "a percent-encoded tag")
    _y(c, "Event", "started_map", "start!:\n  atTime: 1\n", "a map key with !")
    _y(c, "Event", "halt", "!halt\nexitCode: 1\nreasonText: ~\n", "an alias as a tag")
    opt = {
        "adam": '{"adam-w": {"beta_one": 0.9, "beta_two": 0.99}}',
        "adam_kebab_fields": '{"adam-w": {"beta-one": 0.9, "beta-two": 0.99}}',
        "adam_unknown": '{"adam-w": {"beta_one": 0.9, "beta_two": 0.99, "eps": 1e-8}}',
        "sgd": '{"sgd": {"momentum": 0.9}}',
        "sgd_unknown": '{"sgd": {"momentum": 0.9, "nesterov": true, "x": 1}}',
        "constant": '"constant"',
        "named": '{"named": "x"}',
        "rust_name": '{"AdamW": {"beta_one": 0.9, "beta_two": 0.99}}',
    }
    for label, text in opt.items():
        _j(
            c,
            "Optimizer",
            label,
            text,
            "enum rename_all renames variants only; deny_unknown_fields on an enum",
        )
    _y(
        c,
        "Optimizer",
        "sgd_unknown",
        "!sgd\nmomentum: 0.5\nlr: 1\n",
        "deny_unknown_fields in a tagged variant",
    )
    # internally tagged
    msg = {
        "ping": '{"type": "ping"}',
        "ping_extra": '{"type": "ping", "x": 1}',
        "text": '{"type": "txt", "body": "b"}',
        "text_alias": '{"type": "text", "body": "b", "urgent": true}',
        "tag_last": '{"body": "b", "type": "txt"}',
        "tag_missing": '{"body": "b"}',
        "tag_null": '{"type": null}',
        "tag_unknown": '{"type": "pong"}',
        "tag_int": '{"type": 1}',
        "moved": '{"type": "moved", "dx": 1, "dy": 2}',
        "moved_missing": '{"type": "moved", "dx": 1}',
        "moved_bad": '{"type": "moved", "dx": "1", "dy": 2}',
        "headers": '{"type": "headers", "a": "b", "c": "d"}',
        "headers_bad": '{"type": "headers", "a": 1}',
        "empty": '{"type": "empty"}',
        "empty_extra": '{"type": "empty", "x": 1}',
        "batch": '{"type": "batch", "items": [{"type": "ping"}, {"type": "batch", "items": []}]}',
        "batch_bad": '{"type": "batch", "items": [{"type": "ping"}, {"type": "nope"}]}',
        "ping_seq": '["ping"]',
        "text_seq": '["txt", "b", true]',
        "dup_tag": '{"type": "ping", "type": "ping"}',
        "string": '"ping"',
        "ext_form": '{"ping": null}',
        "big_int": '{"type": "moved", "dx": 1e3, "dy": 2}',
    }
    for label, text in msg.items():
        _j(c, "Message", label, text, "internally tagged")
    for label, text in {
        "ping": "type: ping\n",
        "text": "type: txt\nbody: b\n",
        "moved": "type: moved\ndx: 1\ndy: 2\n",
        "tagged": "!ping {}\n",
        "headers": "type: headers\nx: y\n",
        "plain_numbers": "type: moved\ndx: '1'\ndy: 2\n",
        "batch": "type: batch\nitems:\n- type: ping\n",
    }.items():
        _y(c, "Message", label, text, "internally tagged in YAML")
    cmd = {
        "reset": '{"op": "Reset"}',
        "reset_extra": '{"op": "Reset", "x": 1}',
        "add": '{"op": "Add", "value": -5}',
        "add_extra": '{"op": "Add", "value": -5, "x": 1}',
        "scale": '{"op": "Scale", "factor": 0.5}',
        "scale_clamp": '{"op": "Scale", "factor": 0.5, "clamp": 1}',
        "op_last": '{"value": 2, "op": "Add"}',
        "op_last_extra": '{"value": 2, "x": 0, "op": "Add"}',
    }
    for label, text in cmd.items():
        _j(c, "Command", label, text, "internally tagged with deny_unknown_fields")
    _y(
        c,
        "Command",
        "add_extra",
        "op: Add\nvalue: 1\nx: 2\n",
        "internally tagged deny_unknown_fields in YAML",
    )
    # adjacently tagged
    blk = {
        "break": '{"t": "break"}',
        "break_null": '{"t": "break", "c": null}',
        "break_content": '{"t": "break", "c": 1}',
        "para": '{"t": "para", "c": "x"}',
        "para_missing": '{"t": "para"}',
        "content_first": '{"c": "x", "t": "para"}',
        "span": '{"t": "span", "c": [1, 2]}',
        "span_short": '{"t": "span", "c": [1]}',
        "image": '{"t": "image", "c": {"src": "s", "alt": "a"}}',
        "image_seq": '{"t": "image", "c": ["s", null]}',
        "quote": '{"t": "quote", "c": {"t": "quote", "c": {"t": "break"}}}',
        "unknown_tag": '{"t": "table", "c": 1}',
        "extra_key": '{"t": "para", "c": "x", "z": 1}',
        "no_tag": '{"c": "x"}',
        "empty": "{}",
        "seq": '["para", "x"]',
        "repeated_t": '{"t": "para", "t": "para", "c": "x"}',
        "tag_int": '{"t": 0, "c": "x"}',
        "note_missing": '{"t": "note"}',
        "note_null": '{"t": "note", "c": null}',
        "note_null_first": '{"c": null, "t": "note"}',
        "note_text": '{"t": "note", "c": "x"}',
        "note_missing_extra": '{"t": "note", "z": 1}',
        "note_missing_repeated_t": '{"t": "note", "t": "note"}',
    }
    for label, text in blk.items():
        _j(c, "Block", label, text, "adjacently tagged")
    for label, text in {
        "para": "t: para\nc: x\n",
        "span": "t: span\nc: [1, 2]\n",
        "image": "t: image\nc:\n  src: s\n  alt: ~\n",
        "break": "t: break\n",
        "content_first": "c: [1, 2]\nt: span\n",
        "note_missing": "t: note\n",
        "note_null": "t: note\nc: ~\n",
        "note_empty": "t: note\nc:\n",
        "note_text": "t: note\nc: x\n",
    }.items():
        _y(c, "Block", label, text, "adjacently tagged in YAML")
    sig = {
        "on": '{"kind": "On"}',
        "level": '{"kind": "Level", "data": 3}',
        "extra": '{"kind": "Level", "data": 3, "x": 1}',
        "window_extra_inner": '{"kind": "Window", "data": {"from": 1, "to": 2, "x": 3}}',
        "level_over": '{"kind": "Level", "data": 256}',
    }
    for label, text in sig.items():
        _j(c, "Signal", label, text, "adjacently tagged with deny_unknown_fields")
    # untagged
    sc = {
        "bool": "true",
        "int": "-5",
        "big": str(U64_MAX),
        "too_big": str(2**64),
        "float": "1.5",
        "int_float": "1.0",
        "exp": "1e2",
        "text": '"t"',
        "list": '[1, "a", [true]]',
        "pair": '{"key": "k", "value": 2}',
        "pair_extra": '{"key": "k", "value": 2, "x": 1}',
        "pair_missing": '{"key": "k"}',
        "null": "null",
        "map_other": '{"a": 1}',
        "neg_zero": "-0",
        "nested_bad": '[1, {"key": 1, "value": 2}]',
    }
    for label, text in sc.items():
        _j(c, "Scalar", label, text, "untagged: the first variant that reads it")
    for label, text in {
        "bool": "true\n",
        "yes": "yes\n",
        "int": "-5\n",
        "hex": "0x10\n",
        "float": "1.5\n",
        "inf": ".inf\n",
        "text": "hello\n",
        "quoted_int": "'5'\n",
        "null": "~\n",
        "empty": "",
        "list": "- 1\n- a\n",
        "pair": "key: k\nvalue: 2\n",
        "tagged": "!Int 5\n",
    }.items():
        _y(c, "Scalar", label, text, "untagged in YAML")
    ct = {
        "email": '{"email": "a"}',
        "phone": '{"phone": "1", "ext": 2}',
        "both_maps": '{"email": "a", "phone": "1"}',
        "both": '["a", "b"]',
        "three": '["a", "b", "c"]',
        "none": '{"fax": "1"}',
        "string": '"a"',
    }
    for label, text in ct.items():
        _j(c, "Contact", label, text, "untagged with deny_unknown_fields")
    _y(c, "Contact", "email", "email: a\n", "untagged struct variant in YAML")
    _y(c, "Contact", "both_maps", "email: a\nphone: b\n", "untagged deny_unknown_fields in YAML")
    # singleton_map writes struct and tuple variants through serde_yaml's Value
    for label, text in {
        "tuple": '{"tuple": ["a", 0.1]}',
        "newtype": '{"newtype": {"width": 0.1, "ch": "b"}}',
        "letter": '{"letter": "\\n"}',
        "struct_quote": '{"struct": {"ch": "\'", "width": 1e-45, "glyph": {"width": 3.4028235e38, "ch": " "}}}',
    }.items():
        _j(c, "Widened", label, text, "f32 and char inside variants, both YAML dialects")
    _y(
        c,
        "Widened",
        "struct_map",
        "struct:\n  ch: a\n  width: 0.10000000149011612\n  glyph: {width: 1, ch: b}\n",
        "reading the widened form back",
    )
    # nesting
    doc = BASE["Document"]
    _j(
        c,
        "Document",
        "deep_error",
        _dump(
            {
                **doc,
                "messages": {
                    "1": {"type": "batch", "items": [{"type": "moved", "dx": 1, "dy": "2"}]}
                },
            },
            2,
        ),
        "an error deep inside nested enums",
    )
    _j(
        c,
        "Document",
        "bad_event",
        _dump({**doc, "events": ["keep-alive", {"paused": {"resumeAfter": 1}}]}, 2),
        "variant-level rename_all in a nested enum",
    )
    _j(
        c,
        "Document",
        "nested_enum",
        _dump({**doc, "shape": {"nested": {"circle": 1.0}}}),
        "a newtype variant holding a variant: serde_yaml cannot write it with tags",
    )
    _j(
        c,
        "Document",
        "no_signal",
        _dump({k: v for k, v in doc.items() if k != "signal"}),
        "skip_serializing_if + default",
    )
    _j(
        c,
        "Document",
        "snake_names",
        _dump({("blocks" if k == "blocks" else k): v for k, v in doc.items()}).replace(
            '"id"', '"Id"'
        ),
        "camelCase struct field names",
    )
    _y(
        c,
        "Document",
        "tags_form",
        (
            "id: 1\ntitle: T\nlevel: LOW\nshape: !circle 2\nblocks:\n- t: break\nmessages:\n  1:\n    type: ping\n"
            "meta: {}\nevents:\n- keep-alive\n- !moved [1, 2]\ntree: ~\nextra:\n- North\n- !named x\ncontact:\n  email: e\ntags: []\n"
        ),
        "everything nested, tags dialect",
    )
    _y(
        c,
        "Document",
        "map_form",
        (
            "id: 1\ntitle: T\nlevel: LOW\nshape:\n  circle: 2\nblocks:\n- t: break\nmessages:\n  1:\n    type: ping\n"
            "meta: {}\nevents:\n- keep-alive\n- moved: [1, 2]\ntree: ~\nextra:\n- North\n- named: x\ncontact:\n  email: e\ntags: []\n"
        ),
        "everything nested, singleton-map dialect",
    )
    return c


def tagging_cases() -> list[Case]:
    """serde_derive's enum visitors step by step: adjacently tagged (tag first or content
    first, each key order, the tag as serde_json's deserialize_enum reads it, the sequence
    form), content buffered by serde_json (a lone surrogate anywhere in it), a
    deserialize_with refusal at the end of its struct, and serde_yaml's empty scalars and
    second documents."""
    c: list[Case] = []
    for index, text in enumerate(
        [
            '["break"]',
            '["image"]',
            '["break", null]',
            '["break", 1]',
            '["break", [1, 2]]',
            '["image", {"src": "a", "alt": null}]',
            '["image", ["a", null]]',
            '["image", {"src": 1, "alt": null}]',
            "[1, null]",
            '["zz", null]',
            '[{"break": null}, null]',
            '["break", null, 3]',
            "[]",
            '{"t": "break", "c": [1, 2]}',
            '{"t": "break", "c": [ ]}',
            '{"t": "break", "c": { "a": 1}}',
            '{"t": "break", "c": {}  }',
            '{"t": "image", "c": [ ]}',
            '{"t": "image", "c": [ "a",null]}',
            '{"c": [1], "t": "break"}',
            '{"c": [1], "t": "break", "x": 1}',
            '{"c": [1], "t": "break" , "x": 1}',
            '{"c": {"src": 1}, "t": "image"}',
            '{"c": {"src": "a", "alt": null, "zz": 1}, "t": "image"}',
            '{"c": {"src": "a"}, "t": "image"}',
            '{"c": {"src": "a"}, "t": 5}',
            '{"c": 1, "c": 2, "t": "break"}',
            '{"c": 1, "t": "break", "c": 2}',
            '{"t": {"image": null}, "c": {"src": "a", "alt": null}}',
            '{"t": {"image": 1}, "c": {"src": "a", "alt": null}}',
            '{"t": {"zz": null}, "c": 1}',
            '{"t": {"image": null, "x": 1}, "c": 1}',
            '{"t": {"image": null, "image": null}, "c": 1}',
            '{"t": {}, "c": 1}',
            '{"t": { "image" : null } , "c": {"src": "a", "alt": null}}',
            '{"t": "quote", "c": {"t": "image", "c": [1]}}',
            '{"t": "quote", "c": {"c": [1], "t": "image"}}',
            '{"c": {"c": [1], "t": "image"}, "t": "quote"}',
            '{"c": {"t": "image", "c": [1]}, "t": "quote"}',
            '{"x": 1}',
            "{}",
            '{"c": 1}',
            '{"t": "image"}',
            '{"t": "break"}',
            '{"t": "span", "c": [1, 2, 3]}',
            '{"c": [1, 2, 3], "t": "span"}',
            '{"c": 1e400, "t": "span"}',
            '{"t": "span", "c": 1e400}',
            '{"t": "para", "c": "x", "zz": [1, 2]}',
            '{"zz": 1, "t": "para", "zz": 2, "c": "x", "t": "para"}',
            '{"t": "para", "c": "x", "zz": 1, "c": 1}',
            '{"c": "\\ud800", "t": "para"}',
            '{"t": "para", "c": "\\ud800"}',
            '{"t": "\\ud800", "c": "x"}',
        ]
    ):
        _j(c, "Block", f"adj_{index:02}", text, "adjacently tagged, step by step")
    for index, text in enumerate(
        [
            "t: break\nc: 1\n",
            "t: break\nc: [1]\n",
            "t: break\nc: {a: 1}\n",
            "t: image\nc: [a, ~]\n",
            "t: image\nc: {src: 1, alt: ~}\n",
            "t: image\nc:\n  src: a\n  alt: ~\n  zz: 1\n",
            "t: quote\nc:\n  t: span\n  c: [1]\n",
            "c:\n  t: span\n  c: [1]\nt: quote\n",
            "c: [1]\nt: break\n",
            "c: {src: 1}\nt: image\n",
            "t: [1]\nc: 1\n",
            "t: {image: ~}\nc: 1\n",
            "t: !image\nc: {src: a, alt: ~}\n",
            "t: zz\nc: 1\n",
            "t: image\nt: image\nc: 1\n",
            "c: 1\nc: 2\nt: break\n",
            "zz: 1\nt: break\n",
            "{}\n",
            "[]\n",
            "[break]\n",
            "[break, ~]\n",
            "[image, {src: a, alt: ~}]\n",
            "[zz, 1]\n",
            "x\n",
            "t: span\nc: [1, 2, 3]\n",
            "t: para\nc: &a x\nzz: *a\n",
            "t: &a break\nc: *a\n",
        ]
    ):
        _y(c, "Block", f"adj_{index:02}", text, "adjacently tagged in YAML, step by step")
        _y(c, "Signal", f"adj_{index:02}", text, "adjacently tagged in YAML, step by step")
    for label, text in {
        "body": '{"type": "txt", "body": "\\ud800"}',
        "body_first": '{"body": "\\ud800", "type": "txt"}',
        "ignored": '{"type": "txt", "body": "x", "zz": "\\ud800"}',
        "key": '{"type": "txt", "body": "x", "\\ud800": 1}',
    }.items():
        _j(c, "Message", f"surrogate_{label}", text, "serde_json buffers every string")
    _j(c, "Scalar", "surrogate_list", '["\\ud800"]', "serde_json buffers every string")
    _j(c, "Scalar", "surrogate_key", '{"\\udc00": 1}', "serde_json buffers every key")
    for label, text in {
        "seq_odd": '[5, 1.0, ["a"]]',
        "seq_empty_names": "[4, 1.0, [] ]",
        "names_first": '{"names": [] , "even": 4}',
        "names_last_space": '{"even": 4, "percent": 1.0, "names": []  }',
    }.items():
        _j(c, "Checked", f"refusal_{label}", text, "deserialize_with: placed after end_map")
    _j(c, "Outer", "refusal_in_seq", '{"checked": [ [4, 1.0, []] , 1]}', "after end_seq")
    for label, text in {"empty": "type: empty\n", "scalar": "commands:\n- \n"}.items():
        _y(c, "Message" if label == "empty" else "Outer", f"internal_{label}", text, "internal")
    for index, text in enumerate(
        [
            '{"type": "batch", "items": [[1]]}',
            '{"type": "batch", "items": [[0]]}',
            '{"type": "batch", "items": [[9]]}',
            '{"type": "batch", "items": [{"type": 0}]}',
            '{"type": "batch", "items": [{"type": -1}]}',
            '{"type": "batch", "items": [{"type": 2, "dx": 1, "dy": 2}]}',
            '{"type": "batch", "items": [{"type": 18446744073709551616}]}',
            '{"type": "batch", "items": [{"type": true}]}',
            '{"type": 0}',
        ]
    ):
        _j(c, "Message", f"variant_index_{index}", text, "an index names a buffered variant")
    for label, text in {
        "index": "type: batch\nitems:\n- type: 0\n",
        "seq": "type: batch\nitems:\n- [0]\n",
        "over": "type: batch\nitems:\n- type: 7\n",
        "hex": "type: batch\nitems:\n- type: 0x1\n",
    }.items():
        _y(c, "Message", f"variant_index_{label}", text, "an index names a buffered variant")
    for label, text in {
        "indented_then_second": '  - q_lin\n- "x"\n',
        "seq_then_second": "[a]\n---\n1",
        "map_then_second": "email: 1\n--- 1",
    }.items():
        _y(c, "Contact", label, text, "the document is checked before the buffer is read")
    for label, text in {
        "unknown_then_second": "type: zz\n--- 1",
        "txt_then_second": "type: txt\n--- 1",
        "bad_then_second": "type: txt\nbody: 1\n--- 1",
        "seq_then_second": "- txt\n- 1\n--- 1",
    }.items():
        _y(c, "Message", label, text, "the document is checked before the buffer is read")
    for name, label, text in (
        ("Optimizer", "bool", '{"sgd": true, "sgd": true}'),
        (
            "Optimizer",
            "field",
            '{"sgd": {"momentum": 1.5, "zz": 1}, "sgd": {"momentum": 1.5, "zz": 1}}',
        ),
        ("Geometry", "tuple", '{"labelled": "ping", "labelled": "ping"}'),
        ("Geometry", "struct", '{"rect": {"height": 1.0}, "rect": {"height": 1.0}}'),
        ("Event", "unit", '{"halt": 1, "halt": 1}'),
        ("Event", "more", '{"halt": null , "halt": null}'),
        ("Event", "unit_variant", '{"keep-alive": 1, "keep-alive": 1}'),
        ("Event", "unit_then_more", '{"keep-alive": null ,\n "x": 1}'),
        ("Event", "unit_then_newline", '{"keep-alive": null\n, "x": 1}'),
        ("Message", "tag", '{"type": [null], "type": [null]}'),
        ("Message", "buffered", '{"x": 1e400, "x": 1e400, "type": "ping"}'),
    ):
        _j(c, name, f"repeated_{label}", text, "the first member is read, the second refused")
    _y(c, "Optimizer", "second_document", '!named "x"\n!named "x"\n', "a second document")
    _y(c, "Meters", "empty_document", "\n", "a newtype struct reads its field in place")
    return c


def yaml_rule_cases() -> list[Case]:
    """serde_yaml's rules met while clearing the YAML divergences, each probed beyond the
    vector that found it: deserialize_unit's words, an enum inside a tag-form newtype
    variant, a local tag in serde's Content buffer, map key errors, a repeated key's
    later value, a deserialize_with refusal's container, empty and second documents."""
    c: list[Case] = []
    for label, text in {
        "quoted": 'nothing: "x"\n',
        "tagged_null": "nothing: !!null ~\n",
        "null_tag_empty": "nothing: !!null\n",
        "int_tag": "nothing: !!int 5\n",
        "local_tag": "nothing: !x null\n",
        "seq": "nothing: [1]\n",
        "tagged_map": "nothing: !x {}\n",
        "unit_quoted": "unit: ''\n",
        "unit_seq": "unit: [1]\n",
    }.items():
        _y(c, "Shapes", f"unit_{label}", text, "serde_yaml's deserialize_unit")
    for label, text in {
        "empty": "!nested\n",
        "name": "!nested empty\n",
        "quoted_empty": '!nested ""\n',
        "map": "!nested {}\n",
        "seq": "!nested []\n",
        "tilde": "!nested ~\n",
        "in_seq": "!labelled [a, !nested ]\n",
    }.items():
        _y(c, "Geometry", f"in_tag_{label}", text, "an enum in a tag-form newtype", both=False)
    for label, text in {
        "seq": "[1, !Int 5]\n",
        "map": "{key: a, value: [1, !y 2]}\n",
    }.items():
        _y(c, "Scalar", f"enum_input_{label}", text, "a local tag in serde's Content buffer")
    _y(c, "Command", "enum_input", "op: Add\nvalue: !x 5\n", "a local tag in serde's Content")
    for label, text in {
        "flow": "{1: a, 70000: b}\n",
        "negative": "1: a\n-1: b\n",
        "float": "1: a\n1.5: b\n",
        "null": "1: a\nnull: b\n",
        "complex": "1: a\n? [1]\n: b\n",
    }.items():
        _y(c, "Registry", f"key_{label}", text, "a map key error, at the key")
    maps = "by_id: {}\nsigned: {}\nsmall: {}\nnarrow: {}\n"
    for label, text in {
        "second": "wide:\n  1: 1\n  1: 300\n",
        "fourth": "wide:\n  1: 1\n  2: 1\n  1: 2\n  1: 400\n",
        "flow": "wide: {1: 1, 1: 256}\n",
    }.items():
        _y(c, "IntKeyMaps", f"repeated_{label}", maps + text, "a repeated key's later value")
    rest = block_yaml({k: v for k, v in BASE["Outer"].items() if k != "checked"})
    for label, checked in {
        "third": "checked:\n  - {even: 2, percent: 1, names: [a]}\n"
        "  - {even: 2, percent: 1, names: [a]}\n  - {even: 2, percent: 200, names: [a]}\n",
        "flow": "checked: [{even: 2, percent: 1, names: []}]\n",
        "alias": "checked:\n- &a {even: 3, percent: 1, names: [x]}\n- *a\n",
    }.items():
        _y(c, "Outer", f"refusal_{label}", checked + rest, "a refusal at its container")
    for name in ("Label", "Scalar", "Contact", "Command", "Glyph"):
        for label, text in {"empty": "", "comment": "# c\n", "start": "---\n"}.items():
            _y(c, name, f"doc_{label}", text, "an empty document")
    for label, text in {
        "indented": "  op: Add\nvalue: 0\n",
        "explicit": "  op: Add\n---\nvalue: 0\n",
        "unknown": "op: Nope\n---\n",
    }.items():
        _y(c, "Command", f"docs_{label}", text, "a second document and the buffer")
    _y(c, "Tuples", "syntax_after_extra", "pair:\n- 0\n- a\n~\n- 1\n", "libyaml's error first")
    return c


def live_found_cases() -> list[Case]:
    """Inputs on which the live tests (tests/conformance/test_conf_live.py) once found a
    new kind of divergence, kept as vectors so serde's answer is on record."""
    rows = json.loads((Path(__file__).resolve().parent / "live_found.json").read_text("utf-8"))
    return [{"id": f"live_{index:03d}_{row['type'][6:]}", **row} for index, row in enumerate(rows)]


def all_cases() -> list[Case]:
    cases = (
        mechanical_cases()
        + corner_cases()
        + tagging_cases()
        + yaml_rule_cases()
        + live_found_cases()
    )
    ids = [c["id"] for c in cases]
    dup = {i for i in ids if ids.count(i) > 1}
    assert not dup, f"duplicate case ids: {sorted(dup)}"
    return cases


if __name__ == "__main__":
    cs = all_cases()
    print(
        sum(c["format"] == "json" for c in cs),
        "json;",
        sum(c["format"] != "json" for c in cs),
        "yaml",
    )
