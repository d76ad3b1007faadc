"""One rule, one place for integers: the range of a Rust integer type is spelled once
(``IntShape.accepts_source`` in serde/model.py), and the guards against numbers too big
for a float or for ``int()``'s digit limit answer with a WireError on every path.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import jammi_wire as jw
import jammi_wire.preconf.json as json_module
from jammi_wire import WireError
from jammi_wire.fine_tune import FineTuneConfig
from jammi_wire.serde import I8, I128, U64, U128, serde_struct
from jammi_wire.serde.model import IntShape, shape_of

PACKAGE = Path(jw.__file__).resolve().parent
# The files that may read an integer type's bounds, none of them to test a value: the
# rule itself, the JSON schema and the command line that print them, and the test
# strategies that draw values from the range.
READS_BOUNDS = {"serde/model.py", "serde/schema.py", "cli.py", "testing.py"}


def _bound_reads(tree: ast.AST) -> list[ast.Attribute]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in ("minimum", "maximum")
        and isinstance(node.ctx, ast.Load)
    ]


def test_no_second_spelling_of_the_integer_range() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        tree: ast.AST = ast.parse(path.read_text(encoding="utf-8"))
        if name == "serde/model.py":  # all but the rule itself, class IntShape
            assert isinstance(tree, ast.Module)
            tree.body = [
                node
                for node in tree.body
                if not (isinstance(node, ast.ClassDef) and node.name == "IntShape")
            ]
        reads = _bound_reads(tree)
        if reads and name not in READS_BOUNDS:
            offenders += [f"{name}:{node.lineno} reads .{node.attr}" for node in reads]
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and _bound_reads(node):
                offenders.append(f"{name}:{node.lineno} compares with an integer bound")
    assert not offenders, "use IntShape.accepts / accepts_source:\n" + "\n".join(offenders)


@pytest.mark.parametrize("annotation", [I8, U64, I128, U128])
def test_accepts_is_its_own_source(annotation: object) -> None:
    shape = shape_of(annotation)
    assert isinstance(shape, IntShape)
    for value in (shape.minimum, shape.maximum, 0):
        assert shape.accepts(value)
    for value in (shape.minimum - 1, shape.maximum + 1, True, 1.0, "1", None):
        assert not shape.accepts(value)
    for parsed in (False, True):
        test = eval(f"lambda value: {shape.accepts_source('value', parsed=parsed)}")
        # A parser's integers lie in i64..u64: within that, the two spellings agree.
        for value in (shape.minimum, shape.maximum, 0, -1, 2**63 - 1, 2**64 - 1, -(2**63)):
            if parsed and not -(2**63) <= value <= 2**64 - 1:
                continue
            assert test(value) == shape.accepts(value)


HUGE = 10**5000  # past int()'s 4,300-digit limit for text


@serde_struct
class Counted:
    count: U64
    wide: I128


@pytest.mark.parametrize("path", ["fast", "stdlib", "exact"])
@pytest.mark.parametrize(
    ("field", "value", "digits"),
    [
        ("lora_alpha", 10**400, "1" + "0" * 400),
        ("lora_alpha", HUGE, "9" * 5000),
        ("lora_rank", HUGE, "9" * 5000),
        ("lora_rank", -HUGE, "-" + "9" * 5000),
    ],
    ids=["alpha-1e400", "alpha-5000-digits", "rank-5000-digits", "rank-negative-5000-digits"],
)
def test_beyond_any_float_or_digit_limit_is_a_wire_error(
    field: str, value: int, digits: str, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if path == "exact":
        monkeypatch.setattr(json_module, "_FAST_READ", False)
    if path == "stdlib":
        monkeypatch.setattr(json_module, "_FAST_READ_LIMIT", -1)
    data = jw.unstructure(FineTuneConfig())
    data[field] = value
    with pytest.raises(WireError):
        jw.structure(data, FineTuneConfig)
    with pytest.raises(WireError):
        FineTuneConfig(**{field: value})
    # As text: the digits themselves.
    data[field] = 7
    text = json.dumps(data).replace(f'"{field}": 7', f'"{field}": {digits}')
    with pytest.raises(WireError):
        jw.from_json(text)
    with pytest.raises(WireError):
        jw.from_yaml(text)


@pytest.mark.parametrize("path", ["fast", "stdlib", "exact"])
def test_wide_and_narrow_digits_in_a_struct(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if path == "exact":
        monkeypatch.setattr(json_module, "_FAST_READ", False)
    if path == "stdlib":
        monkeypatch.setattr(json_module, "_FAST_READ_LIMIT", -1)
    many = "1" * 5000
    for text in (f'{{"count": {many}, "wide": 1}}', f'{{"count": 1, "wide": {many}}}'):
        with pytest.raises(WireError, match="number out of range"):
            jw.from_json(text, Counted)
    with pytest.raises(WireError):
        Counted(count=1, wide=HUGE)
    with pytest.raises(WireError):
        jw.structure({"count": HUGE, "wide": 1}, Counted)
