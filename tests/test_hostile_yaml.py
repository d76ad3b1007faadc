"""Hostile YAML: alias bombs, deep nesting, mutated documents (active once preconf.yaml lands)."""

from __future__ import annotations

import importlib.util
import sys
import time
import tracemalloc
import warnings

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jammi_wire import FineTuneConfig, WireError

if importlib.util.find_spec("jammi_wire.preconf.yaml") is None:
    pytest.skip("jammi_wire.preconf.yaml not written yet", allow_module_level=True)

from jammi_wire.preconf.yaml import from_yaml, to_yaml

BASE = to_yaml(FineTuneConfig())


def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines)


def _bounded(fn: object) -> tuple[float, int]:
    tracemalloc.start()
    start = time.process_time()
    try:
        fn()  # type: ignore[operator]
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return time.process_time() - start, peak


def test_alias_bomb_in_read_field_fails_in_bounded_memory() -> None:
    # 9**9 ≈ 387 million strings if expanded.
    doc = _bomb() + "\ntarget_modules: *a8\n" + BASE

    def read() -> None:
        with pytest.raises(WireError):
            from_yaml(doc)

    _, peak = _bounded(read)
    assert peak < 50_000_000


@attrs.frozen
class _Nested:
    # A user type deep enough for a bomb to expand fully if aliases were followed freely.
    x: list[list[list[list[list[list[list[list[list[str]]]]]]]]]


def test_alias_bomb_in_a_type_that_could_hold_it_hits_the_repetition_limit() -> None:
    doc = _bomb() + "\nx: *a8\n"

    def read() -> None:
        with (
            pytest.raises(WireError, match=r"^repetition limit exceeded$"),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")
            from_yaml(doc, _Nested)

    _, peak = _bounded(read)
    assert peak < 50_000_000


def test_aliases_within_the_budget_are_followed() -> None:
    doc = _bomb(3) + "\nx: [[[[[[*a2]]]]]]\n"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = from_yaml(doc, _Nested)
    assert value.x[0][0][0][0][0][0] == [[["lol"] * 9] * 9] * 9


def test_alias_bomb_in_ignored_field_is_skipped() -> None:
    doc = BASE + "\nzz:\n  " + _bomb().replace("\n", "\n  ") + "\n"

    def read() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert from_yaml(doc) == FineTuneConfig()

    _, peak = _bounded(read)
    assert peak < 50_000_000


@pytest.mark.parametrize("depth", [128, 300])
def test_deep_ignored_yaml_is_skipped(depth: int) -> None:
    doc = BASE + "\nzz: " + "[" * depth + "]" * depth + "\n"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert from_yaml(doc) == FineTuneConfig()


@pytest.mark.parametrize("depth", [5_000, sys.getrecursionlimit() * 3])
def test_too_deep_yaml_is_a_wire_error(depth: int) -> None:
    doc = BASE + "\nzz: " + "[" * depth + "]" * depth + "\n"
    with pytest.raises(WireError, match=r"deeper|depth|nest"):
        from_yaml(doc)


def test_non_utf8_yaml() -> None:
    with pytest.raises(WireError):
        from_yaml(BASE.encode() + b"\nzz: \xff\n")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, 5000), junk=st.binary(max_size=8))
def test_mutated_yaml(cut: int, junk: bytes) -> None:
    raw = BASE.encode()
    cut %= len(raw) + 1
    for data in (raw[:cut], raw[:cut] + junk + raw[cut:]):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                obj = from_yaml(data, validate=False)
            except WireError:
                continue
        assert from_yaml(to_yaml(obj), validate=False) == obj


def test_regression_inputs() -> None:
    from pathlib import Path

    files = sorted((Path(__file__).parent / "fuzz" / "regressions").glob("*.txt"))
    assert files
    for file in files:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                obj = from_yaml(file.read_bytes(), validate=False)
            except WireError:
                continue
        assert from_yaml(to_yaml(obj), validate=False) == obj
