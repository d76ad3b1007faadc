"""Generated code must give exactly what the interpreted functions give.

Unstructuring: each struct and tagged enum has a generated function and an
interpreted one; an ``Unstructurer(generated=False)`` has only the latter. Both must
agree on every value, key order included, and on every error (message and path).
Structuring: the generated fast path must agree with the exact path on serde's own
documents, on documents with keys reordered or left out, and on bad ones.
"""

from __future__ import annotations

import copy
import json
import math
import random
import warnings
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jammi_wire as jw
import jammi_wire.preconf.json as pj
from jammi_wire.preconf.json import parse as json_parse
from jammi_wire.serde.data import Tagged
from jammi_wire.serde.gen import Bail, FastCompiler
from jammi_wire.serde.model import shape_of
from jammi_wire.serde.structure import Context
from jammi_wire.serde.unstructure import Unstructurer, VariantForm
from jammi_wire.testing import fine_tune_configs, values

FORMS: list[tuple[VariantForm, bool]] = [("map", True), ("map", False), ("tagged", False)]


def _ordered(value: Any) -> Any:
    """The value with dict order made significant, for comparisons."""
    if isinstance(value, dict):
        return ("dict", [(key, _ordered(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [_ordered(item) for item in value])
    if isinstance(value, Tagged):
        return ("tagged", value.tag, _ordered(value.value))
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def _outcome(fn: Callable[[Any], Any], value: Any) -> tuple[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ("ok", _ordered(fn(value)))
        except jw.WireError as error:
            return ("error", (str(error), error.path))


def _unstructure_both(value: Any, form: VariantForm, finite: bool) -> None:
    shape = shape_of(type(value))
    generated = Unstructurer(form, finite_floats=finite).compile(shape)
    interpreted = Unstructurer(form, finite_floats=finite, generated=False).compile(shape)
    assert generated is not interpreted
    assert _outcome(generated, value) == _outcome(interpreted, value)


@pytest.mark.parametrize(("form", "finite"), FORMS)
@settings(max_examples=150, deadline=None)
@given(config=values(jw.FineTuneConfig))
def test_unstructure_generated_matches_interpreted(
    form: VariantForm, finite: bool, config: jw.FineTuneConfig
) -> None:
    _unstructure_both(config, form, finite)


@pytest.mark.parametrize(("form", "finite"), FORMS)
@settings(max_examples=50, deadline=None)
@given(loss=values(jw.EmbeddingLoss), regression=values(jw.RegressionLoss))
def test_unstructure_generated_matches_interpreted_for_enums(
    form: VariantForm, finite: bool, loss: Any, regression: Any
) -> None:
    _unstructure_both(loss, form, finite)
    _unstructure_both(regression, form, finite)


def _break_lists(config: jw.FineTuneConfig, how: int) -> None:
    """Change the config in place past its constructor's checks."""
    if how == 0:
        config.quantile_levels.append(1)  # an int: the interpreted path widens it
    elif how == 1:
        config.quantile_levels.append(math.nan)
    elif how == 2:
        config.quantile_levels.append("0.5")  # type: ignore[arg-type]
    elif how == 3:
        config.target_modules.append("\ud800")
    elif how == 4:
        config.target_modules.append(3)  # type: ignore[arg-type]
    elif how == 5:
        config.rank_pattern[1] = 2  # type: ignore[index]
    elif how == 6:
        config.rank_pattern["x"] = -1
    elif how == 7:
        config.matryoshka_dims.append(True)
    elif how == 8:
        config.matryoshka_dims.append(2**64)
    elif how == 9:
        config.lora_alpha = math.inf
    elif how == 10:
        config.quantile_levels.append(math.inf)
    elif how == 11:
        config.layers_to_transform = [1]
        config.layers_to_transform.append(-1)
    elif how == 12:
        config.rank_pattern["\udc80"] = 1  # a key no UTF-8 text can hold


@pytest.mark.parametrize(("form", "finite"), FORMS)
@pytest.mark.parametrize("how", range(13))
@settings(max_examples=20, deadline=None)
@given(config=fine_tune_configs())
def test_unstructure_generated_matches_interpreted_on_changed_objects(
    form: VariantForm, finite: bool, how: int, config: jw.FineTuneConfig
) -> None:
    _break_lists(config, how)
    _unstructure_both(config, form, finite)


def test_a_map_key_with_a_lone_surrogate_is_refused() -> None:
    config = jw.FineTuneConfig()
    config.rank_pattern["\ud800"] = 1
    for pretty in (False, True):
        with pytest.raises(jw.WireError) as caught:
            jw.to_json(config, pretty=pretty)
        assert caught.value.path == ("rank_pattern", "\ud800")


def test_unstructure_falls_back_with_the_located_error() -> None:
    config = jw.FineTuneConfig(quantile_levels=[0.5])
    config.quantile_levels.append(math.nan)
    with pytest.raises(jw.WireError) as caught:
        jw.to_json(config)
    assert caught.value.path == ("quantile_levels", 1)
    config = jw.FineTuneConfig(embedding_loss=jw.EmbeddingLoss.Triplet(margin=math.inf))
    with pytest.raises(jw.WireError) as caught:
        jw.to_json(config)
    assert caught.value.path[0] == "embedding_loss"
    assert caught.value.path[-1] == "margin"


_UNCOPIED = FastCompiler(parsed=True).compile(shape_of(jw.FineTuneConfig))
_STDLIB_FAST = pj._stdlib_for(jw.FineTuneConfig)


def _structure_both(data: Any) -> None:
    fast = jw.converter.compiled_structure(jw.FineTuneConfig)
    exact = jw.converter.compiler.compile(shape_of(jw.FineTuneConfig))
    expected = _outcome(lambda d: exact(d, Context("warn")), data)
    assert _outcome(lambda d: fast(d, Context("warn")), data) == expected

    def uncopied(d: Any) -> Any:
        assert _UNCOPIED is not None
        try:
            return _UNCOPIED(copy.deepcopy(d), [0])
        except Bail:
            return exact(d, Context("warn"))

    # Parsed mode takes what a JSON parser gives: integers outside i64..u64 are floats.
    try:
        parsed = json_parse(json.dumps(data, allow_nan=False))
    except ValueError:  # NaN or infinity: no JSON text holds it
        return
    assert _outcome(uncopied, parsed) == _outcome(lambda d: exact(d, Context("warn")), parsed)

    # The stdlib parser's plain tree (documents over 1 MiB): unbounded integers, inf.
    def plain(text: str) -> Any:
        try:
            return _STDLIB_FAST(pj._PLAIN.decode(text), [0])
        except Bail:
            return exact(json_parse(text), Context("warn"))

    text = json.dumps(data, allow_nan=False)
    assert _outcome(plain, text) == _outcome(lambda d: exact(d, Context("warn")), parsed)


@settings(max_examples=200, deadline=None)
@given(config=values(jw.FineTuneConfig), seed=st.integers(0, 2**32), drop=st.integers(0, 3))
def test_structure_generated_matches_exact(config: jw.FineTuneConfig, seed: int, drop: int) -> None:
    data = jw.unstructure(config)
    _structure_both(data)  # serde's order: the unpacking branch
    rng = random.Random(seed)
    keys = list(data)
    rng.shuffle(keys)
    shuffled = {key: data[key] for key in keys}
    _structure_both(shuffled)  # the keyed branch
    for key in keys[:drop]:
        del shuffled[key]  # defaults for optional fields, errors for required ones
    _structure_both(shuffled)
    hard = dict(data)
    hard["hard_negatives"] = dict(reversed(list(data["hard_negatives"].items())))
    _structure_both(hard)


def _read_outcome(text: str | bytes, fast: bool | str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """``fast``: True orjson's tree, ``"stdlib"`` the stdlib parser's, False exact."""
    import jammi_wire.preconf.json as pj

    monkeypatch.setattr(pj, "_FAST_READ", bool(fast))
    monkeypatch.setattr(pj, "_FAST_READ_LIMIT", -1 if fast == "stdlib" else 1 << 20)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ("ok", jw.from_json(text, validate=False))
        except jw.WireError as error:
            return ("error", str(error))


_BASE_TEXT = jw.to_json(
    jw.FineTuneConfig(target_modules=["q"], rank_pattern={"a": 1}, quantile_levels=[0.5])
)


@pytest.mark.parametrize(
    "text",
    [
        _BASE_TEXT,
        # A repeated key, with whitespace before a colon hiding one `":` from the count.
        _BASE_TEXT[:-1] + ',"epochs" :4}',
        _BASE_TEXT[:-1] + ', "epochs"\n:4}',
        # Colons inside strings, with and without a repeated key.
        _BASE_TEXT.replace('["q"]', '["a:b", "c\\":d"]'),
        _BASE_TEXT.replace('["q"]', '["a:b"]')[:-1] + ',"epochs":4}',
        _BASE_TEXT.replace('{"a":1}', '{"a":1,"a":2}'),
        _BASE_TEXT.replace('{"a":1}', '{"a:x":1,"a:x" :2}'),
        _BASE_TEXT.replace('"epochs":3', '"epochs":-0'),
        _BASE_TEXT.replace("[0.5]", "[-0, 1]"),
        # The stdlib parser's plain tree: inf, integers past u64, lone surrogates.
        _BASE_TEXT.replace("[0.5]", "[0.5, 1e400]"),
        _BASE_TEXT.replace("[0.5]", "[1e400]"),
        _BASE_TEXT.replace("[0.5]", "[18446744073709551616]"),
        _BASE_TEXT.replace('"epochs":3', '"epochs":18446744073709551616'),
        _BASE_TEXT.replace('"epochs":3', '"epochs":-9223372036854775809'),
        _BASE_TEXT.replace('"epochs":3', '"epochs":1e400'),
        _BASE_TEXT.replace('["q"]', '["\\ud800"]'),
        _BASE_TEXT.replace('["q"]', '["\\ud83d\\ude00"]'),
        _BASE_TEXT.replace('{"a":1}', '{"\\udc00":1}'),
        _BASE_TEXT.replace('{"a":1}', '{"a":18446744073709551616}'),
    ],
)
def test_fast_read_proves_what_it_accepts(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for data in (text, text.encode()):
        exact = _read_outcome(data, False, monkeypatch)
        assert _read_outcome(data, True, monkeypatch) == exact
        assert _read_outcome(data, "stdlib", monkeypatch) == exact


_JSON_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    1,
    2**64,
    0.5,
    "",
    "x",
    "co_sent",
    "gaussian",
    [],
    [1],
    ["a"],
    [0.5, "x"],
    {},
    {"a": 1},
    {"triplet": {"margin": 1.0}},
    {"co_sent": None},
    {"triplet": [0.5]},
]


def _json_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_json_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out.extend(_json_paths(item, (*prefix, index)))
    return out


_FULL_DATA = jw.unstructure(
    jw.FineTuneConfig(
        embedding_loss=jw.EmbeddingLoss.Triplet(margin=0.5),
        classification_loss=jw.ClassificationLoss.CROSS_ENTROPY,
        regression_loss=jw.RegressionLoss.BetaNll(beta=0.5),
        quantile_levels=[0.1, 0.9],
        target_modules=["q", "v"],
        layers_to_transform=[0, 1],
        rank_pattern={"q": 16},
        hard_negatives=jw.HardNegativeConfig(mine=True, k=4),
        matryoshka_dims=[64],
    )
)


@settings(max_examples=300, deadline=None)
@given(
    path=st.sampled_from([p for p in _json_paths(_FULL_DATA) if p]),
    replacement=st.sampled_from(_JSON_VALUES),
    delete=st.booleans(),
)
def test_parsed_mode_agrees_on_mutated_parser_output(
    path: tuple[Any, ...], replacement: Any, delete: bool
) -> None:
    data = copy.deepcopy(_FULL_DATA)
    parent = data
    for element in path[:-1]:
        parent = parent[element]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    _structure_both(data)
