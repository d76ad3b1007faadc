"""Live agreement with the real serde_json: Python and the Rust harness read each other's bytes.

Every check runs against the spec's types compiled with serde (tests/interop/rust), so a
difference here is a difference from Rust, not from our reading of the spec.
"""

from __future__ import annotations

import json
from typing import Any

from harness import Harness
from hypothesis import HealthCheck, settings

import jammi_wire as jw
from jammi_wire import FineTuneConfig, FineTuneError, from_json, to_json

BATCH = 50
BATCHES = 4  # kept small: the shared CI box is slow; raise locally for a deeper run
SEEDS = range(10)
PER_SEED = 60

_SETTINGS = settings(
    max_examples=BATCHES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


def canon(text: str) -> str:
    """Order-free, bit-exact form: floats by their hex (keeps -0.0), maps by sorted key.

    Rust's rank_pattern is a HashMap, so its key order is per process; everything else
    must match byte for byte, which the callers check separately.
    """
    tree = json.loads(text, parse_float=lambda s: "float:" + float(s).hex())
    return json.dumps(tree, sort_keys=True, ensure_ascii=True)


def _map_order_free(config: FineTuneConfig) -> bool:
    return len(config.rank_pattern) <= 1


def python_verdict(config: FineTuneConfig) -> str | None:
    try:
        config.validate()
    except FineTuneError as error:
        return str(error)
    return None


def check_round_trip(config: FineTuneConfig, resp: dict[str, Any], text: str, pretty: str) -> None:
    assert resp["ok"], (text, resp.get("error"))
    assert "encode_errors" not in resp, resp["encode_errors"]
    assert resp["validate"] == python_verdict(config), text
    for ours, theirs in ((text, resp["json"]), (pretty, resp["json_pretty"])):
        if _map_order_free(config):
            assert theirs == ours
        else:
            assert canon(theirs) == canon(ours)
    # Python reads Rust's bytes back to the same value, and writes them back unchanged
    # (keeping Rust's map order).
    back = from_json(resp["json"], validate=False)
    assert back == config
    assert canon(to_json(back)) == canon(text)
    assert to_json(back) == resp["json"]
    assert (
        to_json(from_json(resp["json_pretty"], validate=False), pretty=True) == resp["json_pretty"]
    )


def _round_trip_batch(rust: Harness, configs: list[FineTuneConfig]) -> int:
    texts = [to_json(c) for c in configs]
    pretties = [to_json(c, pretty=True) for c in configs]
    cases = [("json", "FineTuneConfig", t) for t in texts]
    cases += [("json", "FineTuneConfig", p) for p in pretties]
    responses = rust.decode_many(cases)
    compact, spread = responses[: len(configs)], responses[len(configs) :]
    for config, text, pretty, resp, resp_pretty in zip(
        configs, texts, pretties, compact, spread, strict=True
    ):
        check_round_trip(config, resp, text, pretty)
        # Rust reading the pretty form lands on the same value as reading the compact one.
        assert resp_pretty["ok"], resp_pretty.get("error")
        assert canon(resp_pretty["json"]) == canon(resp["json"])
    return len(configs)


def test_strategies_reach_hostile_values(rust: Harness) -> None:
    """The hostile floats and strings the round trip relies on actually pass through serde."""
    floats = [5e-324, -0.0, 1e300, 2.2250738585072014e-308, 1.2345678901234567e-300]
    strings = ["yes", "1e3", "~", "\x00\x1f\x7f", "\u2028", "日本", "😀", 'a"b\\c', ""]
    configs = [
        jw.replace(
            FineTuneConfig(),
            weight_decay=f,
            max_grad_norm=-f,
            target_modules=[s],
            rank_pattern={s: 2**64 - 1},
        )
        for f in floats
        for s in strings
    ]
    assert _round_trip_batch(rust, configs) == len(floats) * len(strings)


def test_rust_random_values_read_and_rewritten_by_python(rust: Harness) -> None:
    total = 0
    verdicts = {"valid": 0, "invalid": 0}
    for seed in SEEDS:
        values = rust.random(seed, PER_SEED)
        assert len(values) == PER_SEED
        for value in values:
            assert "encode_errors" not in value
            ours = from_json(value["json"], validate=False)
            assert from_json(value["json_pretty"], validate=False) == ours
            # Same map order as Rust wrote, so byte equality holds even for rank_pattern.
            assert to_json(ours) == value["json"]
            assert to_json(ours, pretty=True) == value["json_pretty"]
            assert python_verdict(ours) == value["validate"]
            verdicts["valid" if value["validate"] is None else "invalid"] += 1
            total += 1
    assert total >= 500
    # Both verdicts must be exercised or the validate agreement proves little.
    assert verdicts["valid"] > 0 and verdicts["invalid"] > 0
    # Same seed, same values: the harness is deterministic.
    # (rank_pattern is a HashMap, so only its key order may differ between calls.)
    first, again = rust.random(3, 5), rust.random(3, 5)
    assert [canon(v["json"]) for v in first] == [canon(v["json"]) for v in again]


METHOD_INPUTS = [
    "lora",
    "Lora",
    "LORA",
    "lOra",
    " lora",
    "lora ",
    "lora\n",
    "\tlora",
    "",
    " ",
    "qlora",
    "LoRA",
    "lora_",
    "dora",
    "full",
    "null",
    "ｌｏｒａ",
    "lora\x00",
    "'lora'",
    '"lora"',
]


def test_parse_method_agrees_with_fromstr(rust: Harness) -> None:
    names = [m.value for m in jw.FineTuneMethod]
    for text in [*names, *(n.upper() for n in names), *METHOD_INPUTS]:
        resp = rust.parse_method(text)
        try:
            method = jw.FineTuneMethod.parse(text)
        except FineTuneError as error:
            assert not resp["ok"], text
            assert resp["error"] == str(error)
        else:
            assert resp["ok"], (text, resp.get("error"))
            assert resp["display"] == str(method)


DEFAULTS: dict[str, Any] = {
    "FineTuneConfig": FineTuneConfig(),
    "HardNegativeConfig": jw.HardNegativeConfig(),
    "EmbeddingLoss": jw.EmbeddingLoss.default(),
    "RegressionLoss": jw.RegressionLoss.default(),
    "ClassificationLoss": jw.ClassificationLoss.default(),
    "EarlyStoppingMetric": jw.EarlyStoppingMetric.default(),
    "LrSchedule": jw.LrSchedule.default(),
    "LoraInitMode": jw.LoraInitMode.default(),
    "BackboneDtype": jw.BackboneDtype.default(),
}


def test_defaults_match_rust_default(rust: Harness) -> None:
    for name, value in DEFAULTS.items():
        resp = rust.default(name)
        assert resp["ok"], (name, resp.get("error"))
        assert resp["json"] == to_json(value), name
        assert resp["json_pretty"] == to_json(value, pretty=True), name
        assert from_json(resp["json"], type(value)) == value
    assert python_verdict(FineTuneConfig()) is None
    assert rust.default("FineTuneConfig")["validate"] is None
    # The spec gives FineTuneMethod no Default; the harness must not invent one.
    assert not rust.default("FineTuneMethod")["ok"]
