"""from_json's generated reader of a struct (``FastCompiler.reader``): parse, checks,
build, the text's key count and ``validate()`` in one function. Every outcome must be
the exact path's, with ``validate=True`` as well (the other suites mostly read with
``validate=False``), and each shortcut it takes must imply what it stands for.
"""

from __future__ import annotations

import math
import random
import warnings
from typing import Any

import pytest

import jammi_wire as jw
import jammi_wire.preconf.json as pj
from jammi_wire import FineTuneConfig, FineTuneError, WireError
from jammi_wire.serde import U64, field, serde_struct
from jammi_wire.serde.gen import Source, _on_locals
from test_validate import FAILS, PASSES

pytestmark = pytest.mark.skipif(pj._orjson is None, reason="the reader needs orjson")


def _outcome(text: str | bytes, cls: Any, fast: bool, validate: bool = True) -> Any:
    old = pj._FAST_READ
    pj._FAST_READ = fast
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                obj = jw.from_json(text, cls, validate=validate)
            except WireError as error:
                return ("error", type(error).__name__, str(error), tuple(error.path))
            except TypeError as error:  # a `validate` that is no method: called all the same
                return ("raised", type(error).__name__, str(error))
            return ("ok", type(obj), jw.to_json(obj) if hasattr(obj, "__attrs_attrs__") else obj)
    finally:
        pj._FAST_READ = old


def _same(text: str | bytes, cls: Any = FineTuneConfig, validate: bool = True) -> Any:
    fast = _outcome(text, cls, True, validate)
    assert fast == _outcome(text, cls, False, validate), text
    return fast


def _finite(changes: dict[str, Any]) -> bool:
    """JSON carries no NaN or infinity: those rows are validate()'s alone."""
    values = [*changes.values(), *changes.get("quantile_levels", [])]
    beta = getattr(changes.get("regression_loss"), "beta", 0.0)
    return all(not isinstance(v, float) or math.isfinite(v) for v in [*values, beta])


@pytest.mark.parametrize(("changes", "message"), [row for row in FAILS if _finite(row[0])])
def test_every_rule_broken_in_the_text_is_the_exact_paths_error(
    changes: dict[str, Any], message: str
) -> None:
    text = jw.to_json(FineTuneConfig(**changes))
    assert _same(text)[:3] == ("error", "FineTuneError", message)
    assert _same(text, validate=False)[0] == "ok"
    # The keyed branch (fewer keys than fields: defaults filled in) tests it too.
    data = jw.unstructure(FineTuneConfig(**changes))
    for name in ("cached", "max_grad_norm"):
        if name not in changes:
            del data[name]
    assert _same(pj._orjson.dumps(data).decode())[:3] == ("error", "FineTuneError", message)


@pytest.mark.parametrize("changes", [row for row in PASSES if _finite(row)])
def test_every_rule_at_its_boundary_passes_as_on_the_exact_path(changes: dict[str, Any]) -> None:
    assert _same(jw.to_json(FineTuneConfig(**changes)))[0] == "ok"


def test_many_rules_broken_report_rusts_first() -> None:
    config = FineTuneConfig(
        lora_alpha=0.0, epochs=0, matryoshka_dims=[0], regression_loss=jw.RegressionLoss.Pinball()
    )
    assert _same(jw.to_json(config))[2] == "lora_alpha must be > 0"
    assert _same(jw.to_json(config).encode())[2] == "lora_alpha must be > 0"


def test_the_inline_condition_is_validates_own() -> None:
    import linecache

    jw.from_json(jw.to_json(FineTuneConfig()))
    read = pj._VALIDATING_READ_BY_CLASS[FineTuneConfig]
    assert read is not None
    source = "".join(linecache.cache[read.__code__.co_filename][2])
    assert "if (f0 == 0) or" in source  # validate()'s condition, on the locals
    assert "obj.validate()" in source
    jw.from_json(jw.to_json(FineTuneConfig()), validate=False)
    unvalidated = pj._READ_BY_CLASS[FineTuneConfig]
    assert unvalidated is not None
    assert "obj.validate()" not in "".join(linecache.cache[unvalidated.__code__.co_filename][2])


def test_agrees_at_once_implies_text_agrees() -> None:
    """The reader skips _text_agrees when its common case (pasted in) holds."""
    at_once = eval(f"lambda text, keys: {pj._AGREES_AT_ONCE}")
    base = jw.to_json(FineTuneConfig(target_modules=["q"], rank_pattern={"a": 1}))
    rng = random.Random(15)
    texts = [base, base.encode(), base.replace("[", " [ "), '{"a":-0}', '{"a":"x:y"}']
    for _ in range(300):
        at = rng.randrange(len(base))
        texts.append(base[:at] + rng.choice([":", "-", "-0", '":', " ", ',"epochs":1']) + base[at:])
    for text in texts:
        for keys in range(40):
            if at_once(text, keys):
                assert pj._text_agrees(text, keys)


@serde_struct
class HasValidateField:
    validate: bool
    n: int


@serde_struct
class Checked:
    n: int

    def validate(self) -> None:
        if self.n < 0:
            raise FineTuneError("n must be >= 0", ("n",))


@serde_struct
class OddValidate:
    n: int
    validate = None  # not a method: from_json skips it


@pytest.mark.parametrize(
    ("cls", "text"),
    [
        (HasValidateField, '{"validate":true,"n":1}'),
        (HasValidateField, '{"validate":false,"n":1}'),
        (Checked, '{"n":1}'),
        (Checked, '{"n":-1}'),
        (Checked, '{"n":-1,"n":2}'),
        (OddValidate, '{"n":-1}'),
    ],
)
def test_validate_as_from_json_calls_it(cls: Any, text: str) -> None:
    for validate in (True, False):
        for data in (text, text.encode()):
            _same(data, cls, validate)


def test_a_condition_the_reader_cannot_place_is_left_to_the_method() -> None:
    fields = {"n": "f0"}
    assert _on_locals(Source(), "c.n == 0 or c.m", {}, fields, "obj") == "f0 == 0 or obj.m"
    assert _on_locals(Source(), "c.n == keys", {}, fields, "obj") is None  # a reader local
    assert _on_locals(Source(), "any(c for c in c.n)", {}, fields, "obj") is None
    assert _on_locals(Source(), "f0 == 1", {}, fields, "obj") is None
    src = Source()
    placed = _on_locals(src, "helper(c.n)", {"helper": abs}, fields, "obj")
    assert placed is not None and placed.endswith("(f0)") and abs in src.names.values()


_MINED = jw.to_json(FineTuneConfig(hard_negatives=jw.HardNegativeConfig(mine=True, k=2)))


@pytest.mark.parametrize(
    "text",
    [
        # Nested structs read by their own functions (not in serde's form): the keys
        # they consume reach the count through the reader's tally.
        _MINED.replace('{"mine":true,"k":2,', '{"k":2,"mine":true,'),
        _MINED.replace('"mine":true,"k":2,', '"mine":true,'),
        _MINED.replace('"mine":true,"k":2,', '"mine":true,"k":0,'),
        _MINED.replace('"mine":true,"k":2,', '"k":2,"mine":true,"k":0,'),
        _MINED.replace('"mine":true,"k":2,', '"mine":true,"k":2,"k":0,'),
        _MINED.replace('"mine":true,"k":2,', '"k":0,"mine":true,"exclude_hops":1,'),
        _MINED.replace('"embedding_loss":null', '"embedding_loss":{"triplet":{}}'),
        _MINED.replace('"embedding_loss":null', '"embedding_loss":{"triplet":{"margin":1}}'),
        _MINED.replace(
            '"embedding_loss":null', '"embedding_loss":{"triplet":{"margin":1,"margin":2}}'
        ),
    ],
)
def test_nested_functions_count_their_keys(text: str) -> None:
    assert text != _MINED  # (a replacement that found nothing would test nothing)
    _same(text)
    _same(text, validate=False)


@serde_struct
class Inner:
    a: U64
    b: U64 = field(default=0, serde_default=True)


@serde_struct
class Outer:
    inner: Inner
    n: U64


def test_the_reader_counts_the_keys_of_nested_structs_read_by_their_functions() -> None:
    read = pj._reader_for(Outer, True)
    assert read is not None
    # One key of two (a default for the other): Inner's own function reads it.
    obj = read('{"inner":{"a":1},"n":2}')
    assert obj == Outer(Inner(1), 2)
    # A key repeated inside it: the count of the text's keys tells.
    assert read('{"inner":{"a":1,"a":3},"n":2}') is pj._DOUBT
    for text in ('{"inner":{"a":1},"n":2}', '{"inner":{"a":1,"a":3},"n":2}'):
        _same(text, Outer)
