"""The shared converter and a fresh one (compiled on first use in threads) from 8 threads."""

from __future__ import annotations

import json
import threading
import warnings
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import jammi_wire.preconf.json as jw_json
from jammi_wire import FineTuneConfig, HardNegativeConfig, WireError, from_json, to_json
from jammi_wire.converters import make_converter
from jammi_wire.testing import fine_tune_configs

THREADS = 8


def _docs() -> list[str]:
    base = to_json(FineTuneConfig())
    docs = [
        base.replace('"epochs":3', f'"epochs":{n}').replace('"lora_rank":8', f'"lora_rank":{n * 7}')
        for n in range(1, 9)
    ]
    triplet = '"embedding_loss":{"triplet":{"margin":0.5}}'
    docs.append(base.replace('"embedding_loss":null', triplet))
    docs.append(base.replace('"epochs":3', '"epochs":-3'))
    docs.append(base.replace('"lora_rank":8', '"zz":[[1]],"lora_rank":"x"'))
    docs.append(base.replace('"hard_negatives":{', '"hard_negatives":{"k":1,'))
    docs.append(base.replace('"lora_dropout":0.05', '"lora_dropout":5.0'))
    docs.append(base.replace('"cosine_decay"', '"cosine"'))
    docs.append(base.replace('"embedding_loss":null', '"embedding_loss":"angl_e","unknown_x":1'))
    return docs


def _outcome(fn: Callable[[str], Any], doc: str) -> tuple[str, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ("ok", repr(fn(doc)))
        except WireError as error:
            return ("error", str(error))


def _hammer(fn: Callable[[str], Any], docs: list[str]) -> None:
    expected = [_outcome(fn, d) for d in docs]
    results: list[list[tuple[str, str]] | BaseException] = [[] for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)

    def work(i: int) -> None:
        try:
            barrier.wait()
            order = docs[i:] + docs[:i]
            got = [_outcome(fn, d) for d in order * 5]
            results[i] = got
        except BaseException as error:
            results[i] = error

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, got in enumerate(results):
        assert not isinstance(got, BaseException), got
        rotated = expected[i:] + expected[:i]
        assert got == rotated * 5


@pytest.mark.parametrize("fast", [True, False], ids=["fast_read", "stdlib_read"])
def test_shared_converter_from_threads(fast: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jw_json, "_FAST_READ", fast and jw_json._orjson is not None)
    _hammer(lambda d: from_json(d, validate=True), _docs())


def test_fresh_converter_compiles_in_threads() -> None:
    docs = _docs()
    reference = make_converter()

    def via(conv: Any) -> Callable[[str], Any]:
        return lambda doc: conv.structure_value(json.loads(doc), FineTuneConfig)

    expected = [_outcome(via(reference), d) for d in docs]
    for _ in range(3):
        # A fresh converter compiles its functions on first use, here from 8 threads.
        fn = via(make_converter())
        barrier = threading.Barrier(THREADS)
        out: dict[int, list[tuple[str, str]]] = {}

        def work(
            i: int,
            f: Callable[[str], Any] = fn,
            barrier: threading.Barrier = barrier,
            out: dict[int, list[tuple[str, str]]] = out,
        ) -> None:
            barrier.wait()
            out[i] = [_outcome(f, d) for d in docs]

        threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(out) == THREADS
        for got in out.values():
            assert got == expected


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cfg=fine_tune_configs())
def test_to_json_from_threads(cfg: FineTuneConfig) -> None:
    _hammer(lambda _d: to_json(cfg), ["x"] * 4)


def test_a_compile_in_progress_is_invisible_to_other_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A struct compiles behind a placeholder (for self-reference) that calls a function
    not built yet; another thread's lock-free cache read must not find it (it raised
    IndexError once in eight threads compiling a fresh converter)."""
    from jammi_wire.serde.model import shape_of
    from jammi_wire.serde.structure import Compiler

    compiler = Compiler(jw_json.JSON_PROFILE)
    shape = shape_of(FineTuneConfig)
    inner = shape_of(HardNegativeConfig)
    seen: list[Any] = []
    build = Compiler._struct

    def struct_seen_from_another_thread(self: Compiler, s: Any) -> Any:
        built = build(self, s)
        if s is shape:
            # FineTuneConfig's fields are compiled, the struct is not finished yet
            reader = threading.Thread(
                target=lambda: seen.extend(
                    [self._cache.get(id(shape)), self._cache.get(id(inner))]
                )
            )
            reader.start()
            reader.join()
        return built

    monkeypatch.setattr(Compiler, "_struct", struct_seen_from_another_thread)
    fn = compiler.compile(shape)
    assert seen == [None, None]
    assert compiler._cache[id(shape)] is fn
    assert compiler._cache[id(inner)] is not None
