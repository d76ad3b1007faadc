"""Fuzz targets shared by atheris and the fallback loop: only WireError may escape, and
whatever is accepted must read back equal after writing it out again."""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Callable

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


def yaml_target(data: bytes) -> None:
    from jammi_wire.preconf.yaml import from_yaml, to_yaml

    try:
        obj = from_yaml(data, validate=False)
    except WireError:
        return
    again = from_yaml(to_yaml(obj), validate=False)
    if to_yaml(again) != to_yaml(obj):
        raise AssertionError(f"round trip changed the value: {data!r}")


def available() -> dict[str, Callable[[bytes], None]]:
    targets: dict[str, Callable[[bytes], None]] = {"json": json_target}
    if importlib.util.find_spec("jammi_wire.preconf.yaml") is not None:
        targets["yaml"] = yaml_target
    return targets


def seeds(name: str) -> list[bytes]:
    cfg = FineTuneConfig()
    out = [to_json(cfg).encode(), to_json(cfg, pretty=True).encode()]
    if name == "yaml":
        from jammi_wire.preconf.yaml import to_yaml

        out = [to_yaml(cfg).encode(), *out]
    return out
