"""Hypothesis strategies for property-testing pipelines that carry these configs.

``values(cls)`` draws any value serde can carry for a type, derived from its shape
(hostile floats and strings included); ``fine_tune_configs()`` draws configs that
pass ``validate()``, or with ``valid=False`` configs that break exactly one rule.
Needs the optional dependency hypothesis (``pip install jammi-wire[testing]``).
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "jammi_wire.testing needs hypothesis: pip install 'jammi-wire[testing]'"
    ) from error

from .fine_tune import (
    BetaNll,
    EmbeddingLoss,
    FineTuneConfig,
    HardNegativeConfig,
    Pinball,
    RegressionLoss,
)
from .serde.model import (
    BoolShape,
    FloatShape,
    IntShape,
    MapShape,
    OptionShape,
    SeqShape,
    Shape,
    StrShape,
    StructShape,
    TaggedEnumShape,
    UnitEnumShape,
    replace,
    shape_of,
)

__all__ = [
    "embedding_losses",
    "fine_tune_configs",
    "finite_floats",
    "hard_negative_configs",
    "regression_losses",
    "values",
    "wire_strings",
]

T = TypeVar("T")

# Floats whose text differs between writers, or that lose a bit in careless parsers.
_AWKWARD_FLOATS = (
    0.0,
    -0.0,
    5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    1e-5,
    1e-7,
    1e15,
    1e16,
    0.1,
    0.30000000000000004,
    9007199254740993.0,
    1.2345678901234567e-300,
    123456789.12345679,
    2e-4,
    1e300,
    -1e-300,
)
# Strings that YAML or careless resolvers read as something else.
_AWKWARD_STRINGS = (
    "",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "true",
    "False",
    "null",
    "~",
    "1e3",
    "010",
    "0x10",
    "1_000",
    "1:30",
    "2024-01-01",
    ".inf",
    "-",
    "- a",
    "a: b",
    "#x",
    "'",
    '"',
    "\\",
    "\n",
    "line\nbreak",
    "\t",
    "\x00",
    "\x1f",
    "\x7f",
    "\u2028",
    "é",
    "日本",
    "😀",
    " lead",
    "trail ",
    "<<",
    "!tag",
    "&a",
    "*a",
    "[x]",
    "{x}",
)


_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)


def finite_floats() -> st.SearchStrategy[float]:
    """Finite floats, weighted towards the awkward ones."""
    return st.one_of(
        st.sampled_from(_AWKWARD_FLOATS),
        st.floats(allow_nan=False, allow_infinity=False),
    )


def wire_strings() -> st.SearchStrategy[str]:
    """Strings a Rust ``String`` can hold (no lone surrogates), awkward ones first."""
    return st.one_of(
        st.sampled_from(_AWKWARD_STRINGS),
        st.text(st.characters(exclude_categories=_SURROGATES), max_size=20),
    )


def _from_shape(shape: Shape, depth: int = 0) -> st.SearchStrategy[Any]:
    if isinstance(shape, IntShape):
        return st.one_of(
            st.sampled_from((shape.minimum, shape.maximum, 0, 1)),
            st.integers(shape.minimum, shape.maximum),
        )
    if isinstance(shape, FloatShape):
        return finite_floats()
    if isinstance(shape, BoolShape):
        return st.booleans()
    if isinstance(shape, StrShape):
        return wire_strings()
    if isinstance(shape, OptionShape):
        return st.none() | _from_shape(shape.inner, depth)
    if isinstance(shape, SeqShape):
        return st.lists(_from_shape(shape.inner, depth + 1), max_size=4 if depth < 2 else 1)
    if isinstance(shape, MapShape):
        return st.dictionaries(wire_strings(), _from_shape(shape.value, depth + 1), max_size=3)
    if isinstance(shape, UnitEnumShape):
        return st.sampled_from(list(shape.cls))
    if isinstance(shape, TaggedEnumShape):
        options = []
        for spec in shape.by_wire.values():
            if spec.struct is None:
                options.append(st.just(spec.cls()))
            else:
                options.append(_struct(spec.struct, depth))
        return st.one_of(options)
    if isinstance(shape, StructShape):
        return _struct(shape, depth)
    raise TypeError(f"no strategy for {shape!r}")


def _struct(shape: StructShape, depth: int) -> st.SearchStrategy[Any]:
    fields = {spec.attr: _from_shape(spec.shape, depth + 1) for spec in shape.fields}
    return st.builds(shape.cls, **fields)


def values(cls: type[T]) -> st.SearchStrategy[T]:
    """Any value of ``cls`` serde can carry; it may fail ``validate()``."""
    return _from_shape(shape_of(cls))


def embedding_losses() -> st.SearchStrategy[EmbeddingLoss]:
    return values(EmbeddingLoss)


def _unit_floats() -> st.SearchStrategy[float]:
    return st.floats(0.0, 1.0, exclude_max=True)


def _positive_floats() -> st.SearchStrategy[float]:
    return st.floats(min_value=0.0, exclude_min=True, allow_infinity=False)


def regression_losses(*, valid: bool = True) -> st.SearchStrategy[RegressionLoss]:
    if not valid:
        return values(RegressionLoss)
    return st.one_of(
        st.just(RegressionLoss.GaussianNll()),
        st.builds(RegressionLoss.BetaNll, beta=st.floats(0.0, 1.0)),
        st.just(RegressionLoss.Crps()),
        st.just(RegressionLoss.Pinball()),
    )


def hard_negative_configs(*, valid: bool = True) -> st.SearchStrategy[HardNegativeConfig]:
    if not valid:
        return values(HardNegativeConfig)
    usize = st.integers(1, 2**64 - 1)
    return st.builds(
        HardNegativeConfig,
        mine=st.booleans(),
        k=usize,
        exclude_hops=st.integers(0, 2**64 - 1),
        refresh_every=usize,
    )


_quantiles = st.lists(
    st.floats(0.0, 1.0, exclude_min=True, exclude_max=True), min_size=1, max_size=5, unique=True
).map(sorted)


@st.composite
def _valid_config(draw: st.DrawFn) -> FineTuneConfig:
    usize = st.integers(1, 2**64 - 1)
    base: FineTuneConfig = draw(values(FineTuneConfig))
    regression = draw(st.none() | regression_losses())
    changes: dict[str, Any] = {
        "lora_rank": draw(usize),
        "lora_alpha": draw(_positive_floats()),
        "lora_dropout": draw(_unit_floats()),
        "learning_rate": draw(_positive_floats()),
        "epochs": draw(usize),
        "batch_size": draw(usize),
        "gradient_accumulation_steps": draw(usize),
        "validation_fraction": draw(_unit_floats()),
        "early_stopping_patience": draw(usize),
        "hard_negatives": draw(hard_negative_configs()),
        "matryoshka_dims": draw(st.lists(usize, max_size=4)),
        "regression_loss": regression,
    }
    if isinstance(regression, Pinball):
        changes["quantile_levels"] = draw(_quantiles)
    return replace(base, **changes)


# One way to break each rule of validate(), in Rust's order.
_BREAKERS: dict[str, dict[str, Any]] = {
    "lora_rank": {"lora_rank": 0},
    "lora_alpha": {"lora_alpha": 0.0},
    "lora_dropout": {"lora_dropout": 1.0},
    "learning_rate": {"learning_rate": -1e-4},
    "epochs": {"epochs": 0},
    "batch_size": {"batch_size": 0},
    "gradient_accumulation_steps": {"gradient_accumulation_steps": 0},
    "validation_fraction": {"validation_fraction": 1.0},
    "early_stopping_patience": {"early_stopping_patience": 0},
    "hard_negatives.k": {"hard_negatives": HardNegativeConfig(mine=True, k=0)},
    "hard_negatives.refresh_every": {
        "hard_negatives": HardNegativeConfig(mine=True, refresh_every=0)
    },
    "matryoshka_dims": {"matryoshka_dims": [64, 0]},
    "regression_loss": {"regression_loss": BetaNll(beta=1.5)},
    "quantile_levels.empty": {"regression_loss": Pinball(), "quantile_levels": []},
    "quantile_levels.range": {"regression_loss": Pinball(), "quantile_levels": [0.0, 0.5]},
    "quantile_levels.order": {"regression_loss": Pinball(), "quantile_levels": [0.5, 0.4]},
}


def fine_tune_configs(*, valid: bool = True) -> st.SearchStrategy[FineTuneConfig]:
    """Configs that pass ``validate()``; with ``valid=False``, ones that break one rule."""
    if valid:
        return _valid_config()
    return st.builds(
        lambda config, rule: replace(config, **_BREAKERS[rule]),
        _valid_config(),
        st.sampled_from(sorted(_BREAKERS)),
    )
