"""The generated fast path must never change a verdict or a message.

Every input goes through the converter's entry (fast path, exact fallback) and
through the exact path alone; results and errors must be identical.
"""

from __future__ import annotations

import copy
import warnings
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import jammi_wire as jw
from jammi_wire.serde.model import shape_of
from jammi_wire.serde.structure import Context

FULL = jw.FineTuneConfig(
    embedding_loss=jw.EmbeddingLoss.Triplet(margin=0.5),
    classification_loss=jw.ClassificationLoss.CROSS_ENTROPY,
    regression_loss=jw.RegressionLoss.Pinball(),
    quantile_levels=[0.1, 0.5, 0.9],
    target_modules=["query", "value", "yes"],
    layers_to_transform=[0, 1, 2],
    rank_pattern={"query": 16, "value": 4},
    hard_negatives=jw.HardNegativeConfig(mine=True, k=4),
    matryoshka_dims=[64, 128, 256],
)

REPLACEMENTS: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    2**64 - 1,
    2**64,
    0.5,
    -0.0,
    8.0,
    "",
    "x",
    "co_sent",
    "\ud800",
    [],
    [1],
    ["a"],
    {},
    {"triplet": {"margin": 1.0}},
    {"co_sent": None},
    {"triplet": [0.5]},
    {"a": 1, "b": 2},
    [0.5, "x"],
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out.extend(_paths(item, (*prefix, index)))
    return out


def _outcome(fn: Any, data: Any) -> tuple[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ("ok", fn(data))
        except jw.WireError as error:
            return ("error", str(error))


def _both(data: Any) -> tuple[tuple[str, Any], tuple[str, Any]]:
    entry = jw.converter.compiled_structure(jw.FineTuneConfig)
    exact = jw.converter.compiler.compile(shape_of(jw.FineTuneConfig))
    return (
        _outcome(lambda d: entry(d, Context("warn")), data),
        _outcome(lambda d: exact(d, Context("warn")), data),
    )


BASE = jw.unstructure(FULL)
PATHS = [p for p in _paths(BASE) if p]


@settings(max_examples=300, deadline=None)
@given(
    path=st.sampled_from(PATHS),
    action=st.sampled_from(["replace", "delete", "rename"]),
    replacement=st.sampled_from(REPLACEMENTS),
)
def test_fast_and_exact_paths_agree_on_mutated_documents(
    path: tuple[Any, ...], action: str, replacement: Any
) -> None:
    data = copy.deepcopy(BASE)
    parent = data
    for element in path[:-1]:
        parent = parent[element]
    last = path[-1]
    if action == "replace":
        parent[last] = replacement
    elif isinstance(parent, dict):
        value = parent.pop(last)
        if action == "rename":
            parent[f"{last}_"] = value
    else:
        del parent[last]
    fast, exact = _both(data)
    assert fast == exact


def test_fast_path_accepts_the_full_config() -> None:
    fast, exact = _both(copy.deepcopy(BASE))
    assert fast == exact == ("ok", FULL)


def test_fast_path_does_not_share_the_callers_lists() -> None:
    data = copy.deepcopy(BASE)
    config = jw.structure(data)
    data["target_modules"].append("changed")
    data["rank_pattern"]["changed"] = 1
    assert config.target_modules == ["query", "value", "yes"]
    assert config.rank_pattern == {"query": 16, "value": 4}
