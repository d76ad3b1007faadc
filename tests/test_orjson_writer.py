"""The writer whose output to_json hands orjson writes the interpreted writer's bytes.

With orjson, ``to_json`` unstructures with a writer of its own (``pj._ORJSON_WRITER``):
big structs come out as records (attributes orjson writes as an object), and the
integer range and lone-surrogate tests of list and map items are left to orjson, whose
refusal sends the object through ``pj._WRITER``. Every text here is compared with the
interpreted writer (``Unstructurer(generated=False)``) run through the stdlib emitter,
compact and pretty, and every refusal with its error and path.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import jammi_wire as jw
from jammi_wire.preconf import json as pj
from jammi_wire.serde import I128, U64, TaggedEnum, UnitEnum, Usize, field, serde_struct
from jammi_wire.serde.floats import serde_json_float
from jammi_wire.serde.model import shape_of
from jammi_wire.serde.unstructure import Unstructurer
from jammi_wire.testing import fine_tune_configs, values

FIXTURES = Path(__file__).resolve().parents[1] / "benchmarks" / "fixtures"
_INTERPRETED = Unstructurer("map", finite_floats=True, int_keys_as_text=True, generated=False)
needs_orjson = pytest.mark.skipif(not pj._RECORDS, reason="records need orjson on CPython 3.11+")


def _outcome(write: Any, *args: Any) -> tuple[str, Any]:
    try:
        return ("ok", write(*args))
    except jw.WireError as error:
        return ("error", (str(error), error.path))


def _interpreted_text(value: Any, pretty: bool) -> str:
    data = _INTERPRETED.compile(shape_of(type(value)))(value)
    out: list[str] = []
    pj._emit(data, out, serde_json_float, "  " if pretty else None, 0)
    return "".join(out)


def _to_json(value: Any, pretty: bool) -> str:
    return jw.to_json(value, pretty=pretty)


def assert_same_bytes(value: Any) -> None:
    for pretty in (False, True):
        ours = _outcome(_to_json, value, pretty)
        assert ours == _outcome(_interpreted_text, value, pretty), (value, pretty)


def _writes_record(value: Any) -> bool:
    return type(pj._orjson_writer_for(type(value))(value)).__name__ == "record"


class Level(UnitEnum):
    LOW = "low"
    HIGH = "high"


@serde_struct
class Small:
    a: U64
    b: float


class Loss(TaggedEnum, rename_all="snake_case"):
    pass


class Plain(Loss):
    pass


class Margin(Loss):
    margin: float


def _big_fields() -> dict[str, Any]:
    return {
        "count": U64,
        "ratio": float,
        "name": str,
        "flag": bool,
        "maybe": "int | None",
        "floats": list[float],
        "words": list[str],
        "table": dict[str, Usize],
        "level": Level,
        "small": Small,
        "loss": Loss,
        "maybe_list": "list[Usize] | None",
        "second": float,
        "third": U64,
        "fourth": bool,
        "last_one": str,
    }


def _declare(
    name: str, renames: dict[str, str], extra: int = 0, wide: bool = False, **options: Any
) -> Any:
    annotations = dict(_big_fields())
    if wide:
        annotations["wide"] = I128  # a type with one takes pj._WRITER to orjson
    for index in range(extra):
        annotations[f"more_{index}"] = U64
    namespace: dict[str, Any] = {"__annotations__": annotations, "__module__": __name__}
    for attr, wire in renames.items():
        namespace[attr] = field(rename=wire)
    return serde_struct(**options)(type(name, (), namespace))


Big = _declare("Big", {"last_one": "lastOne"})  # all names plain attributes: a record
BigKebab = _declare("BigKebab", {}, rename_all="kebab-case")
BigKeyword = _declare("BigKeyword", {"name": "class"})
BigUnderscore = _declare("BigUnderscore", {"name": "_name"})
BigAccent = _declare("BigAccent", {"name": "caf\u00e9"})
BigCompat = _declare("BigCompat", {"name": "\ufb01le"})  # NFKC makes it "file"
Huge = _declare("Huge", {}, extra=15)  # 31 fields (Big has 16)
BigWide = _declare("BigWide", {}, wide=True)


def _big(cls: Any = Big, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "count": 2**64 - 1,
        "ratio": 1e-7,
        "name": 'a "quoted"\n\u00e9 name',
        "flag": True,
        "maybe": None,
        "floats": [0.1, -0.0, 1e16, 5e-324],
        "words": ["x", "", "\u2028"],
        "table": {"b": 1, "a": 2**64 - 1},
        "level": Level.HIGH,
        "small": Small(a=3, b=2.5),
        "loss": Loss.Margin(margin=0.25),
        "maybe_list": [0, 7],
        "second": 123456789012345680000.0,
        "third": 0,
        "fourth": False,
        "last_one": "end",
    }
    if cls is Huge:
        values.update({f"more_{index}": index for index in range(15)})
    if cls is BigWide:
        values["wide"] = -(2**100)
    values.update(changes)
    return cls(**values)


class Wrapper(TaggedEnum, tag="kind"):
    pass


class Holds(Wrapper, kind="newtype"):
    value: Big


class Nothing(Wrapper):
    pass


class Adjacent(TaggedEnum, tag="t", content="c"):
    pass


class HoldsToo(Adjacent, kind="newtype"):
    value: Big


class Untagged(TaggedEnum, untagged=True):
    pass


class Carries(Untagged, kind="newtype"):
    value: Big


class External(TaggedEnum):
    pass


class Wide(External):
    count: U64
    ratio: float
    name: str
    flag: bool
    maybe: int | None
    floats: list[float]
    words: list[str]
    table: dict[str, Usize]
    level: Level
    small: Small
    loss: Loss
    second: float
    third: U64
    fourth: U64
    fifth: U64
    sixth: str


@serde_struct
class Holder:
    many: list[Big]
    maybe: Big | None
    named: dict[str, Big]
    wrapped: Wrapper
    adjacent: Adjacent
    untagged: Untagged
    external: External


def _holder() -> Holder:
    wide = External.Wide(
        count=1, ratio=0.5, name="w", flag=False, maybe=3, floats=[1.5], words=["y"],
        table={}, level=Level.LOW, small=Small(a=0, b=0.0), loss=Loss.Plain(), second=2.0,
        third=3, fourth=4, fifth=5, sixth="six",
    )  # fmt: skip
    return Holder(
        many=[_big(), _big(name="second")],
        maybe=_big(),
        named={"k": _big()},
        wrapped=Wrapper.Holds(_big()),
        adjacent=Adjacent.HoldsToo(_big()),
        untagged=Untagged.Carries(_big()),
        external=wide,
    )


@pytest.mark.parametrize(
    "cls", [Big, BigKebab, BigKeyword, BigUnderscore, BigAccent, BigCompat, Huge, BigWide]
)
def test_big_structs_write_the_exact_bytes(cls: Any) -> None:
    assert_same_bytes(_big(cls))
    assert_same_bytes(_big(cls, maybe=-5, maybe_list=None, floats=[], words=[], table={}))


@needs_orjson
def test_records_only_where_every_key_is_a_plain_attribute() -> None:
    assert _writes_record(_big(Big))
    for cls in (BigKebab, BigKeyword, BigUnderscore, BigAccent, BigCompat, Huge, BigWide):
        assert not _writes_record(_big(cls)), cls
    assert _writes_record(jw.FineTuneConfig())


def test_nested_records_write_the_exact_bytes() -> None:
    holder = _holder()
    assert_same_bytes(holder)
    assert_same_bytes(Wrapper.Nothing())
    for value in (holder.wrapped, holder.adjacent, holder.untagged, holder.external):
        assert_same_bytes(value)


# Objects changed in place past the constructor's checks: each must be refused (or
# written) exactly as the interpreted writer does.
BREAKS: list[tuple[str, Any]] = [
    ("floats", [0.5, math.nan]),
    ("floats", [math.inf]),
    ("floats", [1]),
    ("floats", [True]),
    ("words", ["ok", "\ud800"]),
    ("words", ["ok", 3]),
    ("table", {"\udc80": 1}),
    ("table", {"a": -1}),
    ("table", {"a": 2**64}),
    ("table", {"a": True}),
    ("table", {1: 1}),
    ("maybe_list", [2**64]),
    ("maybe_list", [-1]),
    ("maybe_list", [1.0]),
    ("ratio", math.nan),
    ("second", -math.inf),
    ("count", 2**64),
]


@pytest.mark.parametrize(("name", "broken"), [*BREAKS, ("wide", 2**127), ("wide", 5)])
def test_changed_objects_are_refused_alike(name: str, broken: Any) -> None:
    for cls in (BigWide,) if name == "wide" else (Big, BigWide, BigKebab):
        value = _big(cls)
        object.__setattr__(value, name, broken)
        assert_same_bytes(value)
    if name == "wide":
        return
    holder = _holder()
    object.__setattr__(holder.many[1], name, broken)
    assert_same_bytes(holder)


@pytest.mark.parametrize("name", ["default", "full"])
def test_fixtures(name: str) -> None:
    text = (FIXTURES / f"{name}.json").read_text(encoding="utf-8").strip()
    config = jw.from_json(text)
    assert jw.to_json(config) == text
    assert_same_bytes(config)


@settings(max_examples=150, deadline=None)
@given(config=values(jw.FineTuneConfig))
def test_any_fine_tune_config(config: jw.FineTuneConfig) -> None:
    assert_same_bytes(config)


@settings(max_examples=60, deadline=None)
@given(config=fine_tune_configs())
def test_fine_tune_configs_changed_in_place(config: jw.FineTuneConfig) -> None:
    for name, broken in [
        ("quantile_levels", [0.5, math.nan]),
        ("target_modules", ["q", "\ud800"]),
        ("rank_pattern", {"\udc80": 1}),
        ("matryoshka_dims", [2**64]),
        ("layers_to_transform", [-1]),
        ("lora_alpha", math.inf),
    ]:
        original = getattr(config, name)
        object.__setattr__(config, name, broken)
        assert_same_bytes(config)
        object.__setattr__(config, name, original)
