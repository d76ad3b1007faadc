"""Growth bounds on hostile input (issue 13, findings 4, 5 and 6), machine-speed free.

Time is bounded by counting the operations that made it grow (document passes per
problem, difflib scorings per unknown key) or, for a regex, by a CPU budget a
thousand times what linear work needs; memory by tracemalloc peaks against the input
size. `make hostile` prints the wall-clock and memory table for the full sizes.
"""

from __future__ import annotations

import contextlib
import resource
import subprocess
import sys
import tracemalloc
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import jammi_wire.serde.wording as wording
from jammi_wire import FineTuneConfig, WireError, from_json, from_yaml, to_json, to_yaml
from jammi_wire.diagnostics import diagnose_text
from jammi_wire.preconf import _json_text, _yaml_load

BASE_JSON = to_json(FineTuneConfig())
BASE_YAML = to_yaml(FineTuneConfig())


def _peak(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with contextlib.suppress(WireError):
                fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


class _Counter:
    def __init__(self) -> None:
        self.calls = 0


@pytest.fixture
def count(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Any, str], _Counter]]:
    def wrap(owner: Any, name: str) -> _Counter:
        counter = _Counter()
        real = getattr(owner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            counter.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)
        return counter

    yield wrap


# ── time: the YAML float grammar ────────────────────────────────────────────


def _cpu_limited(code: str, seconds: int) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))

    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limit,
        timeout=600,
    )


def test_pathological_number_is_linear() -> None:
    # 1 MB of digits then a letter: linear work is milliseconds of CPU; the quadratic
    # backtracking this guards against needed 14 s for 16 KB, so days for this.
    code = (
        "from jammi_wire.preconf._yaml_scalars import parse_float\n"
        "assert parse_float('1' * 1_000_000 + 'x') is None\n"
        "assert parse_float('0' * 1_000_000 + '1.5e3') == 1500.0\n"
    )
    done = _cpu_limited(code, 20)
    assert done.returncode == 0, done.stderr[-500:]


def test_entries_on_one_line_are_linear() -> None:
    # `- - - ... x`: 2 MB of sequence entries on one line. Linear work is a few seconds
    # of CPU; the block reader once sliced the rest of the line at every dash, which
    # took 5 s for 200,000 of them, so minutes for these (found by an attack on the
    # clearances, whose check reads a document with this reader first).
    code = (
        "from jammi_wire.preconf._yaml_fast import read\n"
        "assert read('target_modules:\\n' + '- ' * 1_000_000 + 'x\\n') is None\n"
    )
    done = _cpu_limited(code, 40)
    assert done.returncode == 0, done.stderr[-500:]


def test_pathological_number_in_a_document() -> None:
    text = BASE_YAML.replace("lora_alpha: 16.0", "lora_alpha: " + "1" * 16_000 + "x")
    with pytest.raises(WireError, match="invalid type: string"):
        from_yaml(text)


# ── time: check places each problem without re-reading the document ─────────


def test_json_check_reads_each_container_once(count: Callable[[Any, str], _Counter]) -> None:
    extra = ",".join(f'"unknown_{i}": {i}' for i in range(2_000))
    text = BASE_JSON[:-1] + "," + extra + "}"
    children = count(_json_text.JsonLocator, "_children")
    found = diagnose_text(text, format="json")
    assert sum(d.code == "unknown-field" for d in found) == 2_000
    assert all(d.line == 1 and d.column for d in found)
    assert children.calls <= 5  # was one read of the root object per problem


def test_yaml_check_reads_the_document_once_for_positions(
    count: Callable[[Any, str], _Counter],
) -> None:
    items = "".join("  - yes\n" for _ in range(1_000))
    text = BASE_YAML.replace("target_modules: []\n", "target_modules:\n" + items)
    passes = count(_yaml_load, "_events")
    found = diagnose_text(text, format="yaml")
    warnings_ = [d for d in found if d.code == "yaml-1.1"]
    assert len(warnings_) == 1_000
    first = text.splitlines().index("  - yes") + 1
    assert [d.line for d in warnings_] == list(range(first, first + 1_000))
    assert passes.calls <= 3  # parse, and one pass for every position; was one per problem


def test_unknown_warn_scores_a_bounded_number_of_hints(
    count: Callable[[Any, str], _Counter],
) -> None:
    scorings = count(wording, "get_close_matches")
    wording._close_match.cache_clear()
    text = BASE_JSON[:-1] + "," + ",".join(f'"lora_rnk{i}":{i}' for i in range(5_000)) + "}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from_json(text, unknown="warn")
    assert len(caught) == 5_000
    assert "did you mean `lora_rank`?" in str(caught[0].message)
    assert scorings.calls <= 100  # was one per unknown key


def test_did_you_mean_is_unchanged_by_the_length_band() -> None:
    from difflib import get_close_matches

    known = ("lora_rank", "lora_alpha", "epochs", "learning_rate", "batch_size", "a", "xy")
    for name in ("lora_rnak", "lorarank", "epoch", "learningrate", "b", "xyz", "zzzzzzzzzzz"):
        close = get_close_matches(name, known, n=1, cutoff=0.75)
        expected = f"; did you mean `{close[0]}`?" if close else ""
        assert wording.did_you_mean(name, known) == expected


# ── memory ──────────────────────────────────────────────────────────────────


def test_json_error_after_a_long_string_is_located_in_bounded_memory() -> None:
    size = 2_000_000
    text = '{"notes": "' + "a" * size + '",' + BASE_JSON[1:].replace('"epochs":3', '"epochs":"x"')
    with pytest.raises(WireError) as info:
        from_json(text)
    assert info.value.line == 1 and info.value.column is not None
    # was about 120 bytes per character of the string (240 MB here)
    assert _peak(lambda: from_json(text)) < 10 * size


def test_json_long_string_with_escapes_is_stepped_over() -> None:
    bad = BASE_JSON[1:].replace('"epochs":3', '"epochs":"x"')
    text = '{"notes": "' + '\\"' * 600_000 + '",' + bad
    assert _peak(lambda: from_json(text)) < 10 * len(text)


def test_yaml_check_positions_in_bounded_memory() -> None:
    block = "".join(f"  key_{i}: [1.5, 2.5, word, {i}]\n" for i in range(1_000))
    text = BASE_YAML.replace("epochs: 3", "epochs: x") + "".join(
        f"zz{r}:\n{block}" for r in range(60)
    )
    found = diagnose_text(text, format="yaml")
    assert [d.path for d in found if d.code == "decode"] == [("epochs",)]
    # The value tree is what check's reading costs; placing problems built a second
    # tree, of marks, per problem. Now it streams past the document.
    from jammi_wire.preconf._yaml_load import parse_partial

    reading = _peak(lambda: parse_partial(text))
    assert _peak(lambda: diagnose_text(text, format="yaml")) < 1.3 * reading
    # and reading shares repeated short scalars (keys, 1.5, word): was 20x the text
    assert reading < 10 * len(text)
    # from_yaml leaves the ignored fields out of the tree altogether
    assert _peak(lambda: from_yaml(text, unknown="ignore")) < 2 * len(text)  # its UTF-8 copy


# ── the warning registry ────────────────────────────────────────────────────


def test_distinct_unknown_keys_do_not_grow_a_warning_registry() -> None:
    import jammi_wire._errors as errors

    modules = [m for name, m in sys.modules.items() if name.startswith("jammi_wire")]
    for module in modules:
        if hasattr(module, "__warningregistry__"):
            module.__warningregistry__.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(warnings, "showwarning", lambda *args, **kwargs: None)
            for i in range(3_000):
                from_json(BASE_JSON[:-1] + f',"k{i}":1}}')
    sizes = [len(getattr(m, "__warningregistry__", {})) for m in modules]
    assert max(sizes) < 100
    assert len(errors._SHOWN) <= errors._SHOWN_LIMIT + 1


def test_a_repeated_warning_still_shows_once() -> None:
    text = BASE_JSON[:-1] + ',"lorarank":1}'
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        from_json(text)
        from_json(text)
    assert len(caught) == 1


# ── many unknown keys: the value tree, not only the per-key work ─────────────


def _growth(make: Callable[[int], str], read: Callable[[str], object]) -> float:
    """Peak memory added per character of input between 100,000 and 200,000 entries:
    the per-entry cost, without the fixed costs (caches, warning registry)."""
    small, large = make(100_000), make(200_000)
    _peak(lambda: read(small))  # the first read's one-time costs (generating its reader)
    return (_peak(lambda: read(large)) - _peak(lambda: read(small))) / (len(large) - len(small))


def _yaml_unknown_keys(count: int) -> str:
    return BASE_YAML + "".join(f"u{i}: {i}\n" for i in range(count))


def _json_unknown_keys(count: int) -> str:
    return BASE_JSON[:-1] + "," + ",".join(f'"u{i}":{i}' for i in range(count)) + "}"


@pytest.mark.parametrize("unknown", ["warn", "ignore"])
def test_many_unknown_yaml_keys_stay_out_of_the_tree(unknown: Any) -> None:
    # A dict entry with its key and value costs about 20 bytes per character of this
    # text; left out of the tree, an unknown key costs its UTF-8 copy for libyaml.
    assert _growth(_yaml_unknown_keys, lambda text: from_yaml(text, unknown=unknown)) < 2
    text = _yaml_unknown_keys(200_000)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert from_yaml(text, unknown=unknown) == FineTuneConfig()
    expected = ["unknown field `u0` is ignored by serde"] if unknown == "warn" else []
    assert [str(w.message) for w in caught[:1]] == expected
    assert len(caught) == (200_000 if unknown == "warn" else 0)


def test_many_unknown_json_keys_are_dicts_not_pairs() -> None:
    # Each object was parsed as a list of pairs, then a dict: 13 bytes per character.
    assert _growth(_json_unknown_keys, lambda text: from_json(text, unknown="warn")) < 10


def test_repeated_json_key_in_a_large_document_is_still_found() -> None:
    filler = ",".join(f'"u{i}":"a:b"' for i in range(100_000))  # colons inside strings
    text = BASE_JSON[:-1] + "," + filler + ',"epochs":2,"epochs":3}'
    assert len(text) > 1 << 20  # past orjson: the stdlib parser's plain dicts
    with pytest.raises(WireError, match="duplicate field `epochs`"):
        from_json(text, unknown="ignore")
