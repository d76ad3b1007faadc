"""Fuzz targets shared by atheris and the fallback loop: only WireError may escape, and
whatever is accepted must read back equal after writing it out again."""

from __future__ import annotations

import importlib.util
import json
import tempfile
import warnings
from collections.abc import Callable
from typing import Any

import jammi_wire.preconf.json as jw_json
from jammi_wire import FineTuneConfig, WireError, from_json, to_json

warnings.simplefilter("ignore")


def json_target(data: bytes) -> None:
    results = []
    for fast in (True, False):
        jw_json._FAST_READ = fast and jw_json._orjson is not None
        try:
            obj: FineTuneConfig | None = from_json(data, validate=False)
        except WireError:
            obj = None
        finally:
            jw_json._FAST_READ = jw_json._orjson is not None
        results.append(obj)
        if obj is not None:
            again = from_json(to_json(obj), validate=False)
            if to_json(again) != to_json(obj):
                raise AssertionError(f"round trip changed the value: {data!r}")
    # Both read paths must give one verdict.
    if (results[0] is None) != (results[1] is None) or (
        results[0] is not None and to_json(results[0]) != to_json(results[1])
    ):
        raise AssertionError(f"fast and exact read paths disagree on {data!r}")
    # The big-document path (streamed, bytes decoded a few at a time) gives the exact
    # path's outcome, error text included.
    if _json_outcome(data, stream=True) != _json_outcome(data, stream=False):
        raise AssertionError(f"streamed and exact read paths disagree on {data!r}")


def _json_outcome(data: bytes, *, stream: bool) -> tuple[str, str]:
    from jammi_wire.preconf import _json_stream

    saved = jw_json._FAST_READ, jw_json._FAST_READ_LIMIT, _json_stream.CHUNK, _json_stream.BATCH
    jw_json._FAST_READ, jw_json._FAST_READ_LIMIT = stream, -1
    _json_stream.CHUNK, _json_stream.BATCH = 5, 1
    try:
        return ("ok", to_json(from_json(data, validate=False)))
    except WireError as error:
        return ("error", str(error))
    finally:
        jw_json._FAST_READ, jw_json._FAST_READ_LIMIT, _json_stream.CHUNK, _json_stream.BATCH = saved


def yaml_target(data: bytes) -> None:
    from jammi_wire.preconf.yaml import from_yaml, to_yaml

    try:
        obj = from_yaml(data, validate=False)
    except WireError:
        return
    again = from_yaml(to_yaml(obj), validate=False)
    if to_yaml(again) != to_yaml(obj):
        raise AssertionError(f"round trip changed the value: {data!r}")


def check_target(data: bytes) -> None:
    """`jammi-wire check` on the bytes as a file: a verdict (0, 1) or a one-line I/O
    error (2, only for bytes that are not UTF-8); never a traceback."""
    import contextlib
    import io

    from jammi_wire.cli import main

    suffix = ".yaml" if data[:1] not in (b"{", b"[") else ".json"
    if data[:1] == b"#":
        suffix = ".jsonl"
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(data)
        handle.flush()
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", handle.name, "--report", "json"])
    if code not in (0, 1, 2):
        raise AssertionError(f"check exited {code} on {data!r}")
    if code == 2:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return
        raise AssertionError(f"check called valid UTF-8 an I/O error: {err.getvalue()!r}")
    report = json.loads(out.getvalue())
    if report["valid"] != (code == 0):
        raise AssertionError(f"check's report and exit code disagree on {data!r}")


# Values no text format produces: what a Python caller may hand to structure().
_ODD_VALUES: list[Any] = [
    10**400,
    -(10**400),
    10**4300,
    2**64,
    -1,
    float("nan"),
    float("inf"),
    -0.0,
    True,
    None,
    b"bytes",
    "\ud800",
    "",
    object(),
    (1, 2),
    {1, 2},
    frozenset(),
    1j,
    bytearray(b"x"),
    range(3),
]
_KEYS = ["lora_rank", "lora_alpha", "epochs", "quantile_levels", "embedding_loss",
         "triplet", "margin", "hard_negatives", "k", "target_modules", "rank_pattern",
         "lr_schedule", "cosine_decay", "zz", 7, None, ("t",)]  # fmt: skip


def _value_from(data: bytes) -> Any:
    """A Python value tree spelled by the bytes (a tiny stack machine, so that libFuzzer
    mutations of the bytes explore shapes)."""
    stack: list[Any] = [json.loads(to_json(FineTuneConfig()))]
    for index, byte in enumerate(data[:256]):
        op, arg = byte >> 5, byte & 31
        if op == 0:
            stack.append(_ODD_VALUES[arg % len(_ODD_VALUES)])
        elif op == 1:
            stack.append(arg * (-1 if index % 2 else 1) * (10 ** (arg % 7)))
        elif op == 2:
            stack.append(arg / 7)
        elif op == 3 and stack:  # set a key of the dict below the top
            value = stack.pop()
            if stack and isinstance(stack[-1], dict):
                stack[-1][_KEYS[arg % len(_KEYS)]] = value
            else:
                stack.append({_KEYS[arg % len(_KEYS)]: value})
        elif op == 4:
            items = [stack.pop() for _ in range(min(arg % 4, len(stack)))]
            stack.append(items)
        elif op == 5:
            stack.append({})
        elif op == 6 and stack:
            stack.append({_KEYS[arg % len(_KEYS)]: stack.pop()})
        else:
            stack.append("s" * (arg % 3) + chr(0x41 + arg))
    return stack[-1] if len(data) % 2 else stack[0]  # odd lengths try a bare top value


def structure_target(data: bytes) -> None:
    """structure() on any Python value: an object or a WireError, on both paths."""
    import jammi_wire.converters as converters
    from jammi_wire import structure

    value = _value_from(data)
    verdicts = []
    for fast in (True, False):
        saved = converters._fast_structure_for
        if not fast:
            converters._fast_structure_for = lambda cls: None  # type: ignore[assignment]
            converters._FAST_BY_CLASS.pop(FineTuneConfig, None)
        try:
            obj: FineTuneConfig | None = structure(value, FineTuneConfig)
        except WireError:
            obj = None
        finally:
            converters._fast_structure_for = saved
            converters._FAST_BY_CLASS.pop(FineTuneConfig, None)
        verdicts.append(None if obj is None else _written(obj))
    if verdicts[0] != verdicts[1]:
        raise AssertionError(f"fast and exact structure disagree on {value!r}")


def _written(obj: FineTuneConfig) -> str:
    # A Python value may hold what structure() takes but JSON cannot carry (an f64 of
    # inf): to_json refuses it, the same on both paths.
    try:
        return to_json(obj)
    except WireError as error:
        return f"unwritable: {error}"


def available() -> dict[str, Callable[[bytes], None]]:
    targets: dict[str, Callable[[bytes], None]] = {
        "json": json_target,
        "check": check_target,
        "structure": structure_target,
    }
    if importlib.util.find_spec("jammi_wire.preconf.yaml") is not None:
        targets["yaml"] = yaml_target
    return targets


def seeds(name: str) -> list[bytes]:
    cfg = FineTuneConfig()
    out = [to_json(cfg).encode(), to_json(cfg, pretty=True).encode()]
    if name in ("yaml", "check"):
        from jammi_wire.preconf.yaml import to_yaml

        out = [to_yaml(cfg).encode(), *out]
    if name == "check":
        out.append(b"#\n" + to_json(cfg).encode() + b"\n\x0c\n")
        out.append(to_yaml(cfg).replace("epochs: 3", "epochs: yes").encode())
    if name == "structure":
        out = [b"", bytes([0x00, 0x60 | 1]), bytes([0x02, 0x60 | 2, 0xA5, 0xC0 | 4])]
    return out
