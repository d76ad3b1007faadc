"""Live agreement with the real serde_yaml 0.9.34 on WRITING: ``to_yaml`` is its bytes.

Each value goes to the Rust harness as JSON; the harness answers with the text
``serde_yaml::to_string`` (dialect ``tags``) and ``singleton_map_recursive::serialize``
(dialect ``singleton_map``) write for it, and ours must be identical. Values come from
Rust's own random generator, from a seeded generator of hostile strings and floats
below, and from the ``jammi_wire.testing`` strategies. All harness calls are batched.
"""

from __future__ import annotations

import json
import math
import random
import struct
from typing import Any

from harness import Harness
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import jammi_wire as jw
from jammi_wire import FineTuneConfig, from_json, to_json, to_yaml
from jammi_wire.testing import _AWKWARD_FLOATS, _AWKWARD_STRINGS, fine_tune_configs

DIALECTS = (("yaml", "tags"), ("yaml_singleton_map", "singleton_map"))
SEEDED = 1600
RUST_SEEDS = range(4)
RUST_PER_SEED = 100

# Strings at every boundary of serde_yaml's quoting (its resolver) and libyaml's styles.
HOSTILE = [
    *_AWKWARD_STRINGS,
    *("Null", "NULL", "TRUE", "false", "+1", "-0", "+0", "00", "-017", "+017", "0b101"),
    *("0o17", "0x1F", "0x", "0xg", "-0x1", "-0x", "+0x1", "0x+1", "1.", ".5", ".", "1e"),
    *("e1", "1E+5", "+-1", "--1", "++1", "0.0.0", "+.INF", "-.Inf", ".NaN", "-.nan"),
    *("inf", "-inf", "nan", "NaN", "infinity", "1e400", "-1e400", "1e-400", "1" * 400),
    *(str(2**128 - 1), str(2**128), str(-(2**127)), str(-(2**127) - 1)),
    *("0x" + "f" * 32, "0x" + "f" * 33, "0x" + "0" * 40 + "1", "-0x" + "8" + "0" * 31),
    *("?", ":", "-a", "?a", ":a", "? a", "a:", "a:b", "a #c", "a#c", "%x", "@x", "`x"),
    *("---", "...", "--- a", "... a", "a'b", 'a"b', ",", "a,b", "|", ">", "=", "!", "&"),
    *("\r", "\r\n", "a\r", "\x85", "a\x85b", "\u2029", "\ufeff", "\ufffe", "\uffff"),
    *("\ufffd", "\ud7ff", "\ue000", "\xa0", "\U0010ffff", "🦀", "é😀", "\x07\x1b", "\x0b"),
    *(" ", "  ", "\n\n", "a\n", "a\n\n", "\na", " \n", "\n ", "a \n", "a\n b", "a\n\tb"),
    *("\u2028a", "a\u2028", "a\u2028b\u2028", "a\u2028\u2028b", "a\n\u2028b", "a  b"),
    *("x" * 128, "x" * 129, "é" * 64, "é" * 65, "😀" * 32, "😀" * 33, "a\nb" * 50),
]
_ALPHABET = " \n\t:#-?'\"\\abc019.+e,[]{}!&*|>%@`\r\x85\u2028\u2029\ufeff\xa0é🦀\x00\x1f"


def _string(r: random.Random) -> str:
    kind = r.randrange(4)
    if kind == 0:
        return r.choice(HOSTILE)
    if kind == 1:
        return "".join(r.choice(HOSTILE) for _ in range(r.randrange(4)))
    chars = []
    for _ in range(r.randrange(12)):
        if r.random() < 0.8:
            chars.append(r.choice(_ALPHABET))
        else:
            low, high = r.choice(((0x20, 0x7F), (0x80, 0x800), (0x800, 0xD800), (0xE000, 0x110000)))
            chars.append(chr(r.randrange(low, high)))
    return "".join(chars)


def _float(r: random.Random) -> float:
    kind = r.randrange(4)
    if kind == 0:
        return r.choice((*_AWKWARD_FLOATS, 1e-6, 1e21, 1e22, -5e-324, 1.0, 16.0))
    if kind == 1:
        while True:
            value: float = struct.unpack("<d", r.getrandbits(64).to_bytes(8, "little"))[0]
            if math.isfinite(value):
                return value
    if kind == 2:  # subnormal
        return float(struct.unpack("<d", r.getrandbits(52).to_bytes(8, "little"))[0])
    return r.random()


def _usize(r: random.Random) -> int:
    return r.choice((0, 1, r.randrange(10), r.randrange(100_000), 2**64 - 1, r.getrandbits(64)))


def _wire_config(r: random.Random) -> dict[str, Any]:
    """A FineTuneConfig in serde_json's wire form, every field drawn."""
    f, u = _float, _usize
    return {
        "lora_rank": u(r),
        "lora_alpha": f(r),
        "lora_dropout": f(r),
        "learning_rate": f(r),
        "epochs": u(r),
        "batch_size": u(r),
        "max_seq_length": u(r),
        "embedding_loss": r.choice(
            [
                *(None, "co_sent", "angl_e", "cosine_mse"),
                {"triplet": {"margin": f(r)}},
                {"multiple_negatives_ranking": {"temperature": f(r)}},
            ]
        ),
        "classification_loss": r.choice((None, "cross_entropy")),
        "regression_loss": r.choice(
            (None, "gaussian_nll", "crps", "pinball", {"beta_nll": {"beta": f(r)}})
        ),
        "quantile_levels": [f(r) for _ in range(r.randrange(4))],
        "gradient_accumulation_steps": u(r),
        "validation_fraction": f(r),
        "early_stopping_patience": u(r),
        "warmup_steps": u(r),
        "lr_schedule": r.choice(("constant", "cosine_decay", "linear_decay")),
        "early_stopping_metric": r.choice(("val_loss", "train_loss")),
        "target_modules": [_string(r) for _ in range(r.randrange(5))],
        "layers_to_transform": r.choice((None, [u(r) for _ in range(r.randrange(3))])),
        "use_rslora": r.random() < 0.5,
        "rank_pattern": {_string(r): u(r) for _ in range(r.choice((0, 1, 1, 2)))},
        "init_lora_weights": r.choice(("zeros_b", "gaussian")),
        "backbone_dtype": r.choice(("f32", "bf16", "f16")),
        "weight_decay": f(r),
        "max_grad_norm": f(r),
        "cached": r.random() < 0.5,
        "hard_negatives": {"mine": r.random() < 0.5, "k": u(r), "exclude_hops": u(r)}
        | {"refresh_every": u(r)},
        "matryoshka_dims": [u(r) for _ in range(r.randrange(3))],
    }


def _assert_serde_bytes(responses: list[dict[str, Any]]) -> int:
    """Our text for the value serde decoded (in serde's map order) is serde's text."""
    for resp in responses:
        assert resp["ok"], resp.get("error")
        ours = from_json(resp["json"], validate=False)
        for key, dialect in DIALECTS:
            assert to_yaml(ours, dialect=dialect) == resp[key], (dialect, resp["json"])  # type: ignore[arg-type]
    return len(responses)


def _check_configs(rust: Harness, configs: list[FineTuneConfig]) -> int:
    responses = rust.decode_many([("json", "FineTuneConfig", to_json(c)) for c in configs])
    for config, resp in zip(configs, responses, strict=True):
        assert resp["ok"], resp.get("error")
        if len(config.rank_pattern) <= 1:  # no HashMap order to follow: compare directly
            for key, dialect in DIALECTS:
                assert to_yaml(config, dialect=dialect) == resp[key], to_json(config)  # type: ignore[arg-type]
    return _assert_serde_bytes(responses)


def test_seeded_hostile_values_write_serde_bytes(rust: Harness) -> None:
    rng = random.Random(20251130)
    base = json.loads(to_json(FineTuneConfig()))
    texts = []
    for text in HOSTILE:  # every hostile string once as a list item and as a key
        texts.append(json.dumps(base | {"target_modules": [text, "x"], "rank_pattern": {text: 1}}))
    texts += [json.dumps(_wire_config(rng)) for _ in range(SEEDED)]
    responses = rust.decode_many([("json", "FineTuneConfig", t) for t in texts])
    assert _assert_serde_bytes(responses) >= 1700


def test_rust_random_values_write_serde_bytes(rust: Harness) -> None:
    total = 0
    for seed in RUST_SEEDS:
        values = rust.random(seed, RUST_PER_SEED)
        for value in values:
            value["ok"] = True
        total += _assert_serde_bytes(values)
    assert total == len(RUST_SEEDS) * RUST_PER_SEED


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # a failure reports at once, unshrunk
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(configs=st.lists(fine_tune_configs(valid=False), min_size=8, max_size=8))
def test_strategy_values_write_serde_bytes(rust: Harness, configs: list[FineTuneConfig]) -> None:
    assert _check_configs(rust, configs) == 8


def test_serde_reads_our_text_back_unchanged(rust: Harness) -> None:
    """serde_yaml reads what we wrote, including inf/NaN (JSON cannot carry them), and
    writes the same bytes again."""
    rng = random.Random(7)
    configs = []
    for _ in range(300):
        config = from_json(json.dumps(_wire_config(rng)), validate=False)
        specials = [math.inf, -math.inf, math.nan, rng.random()]
        config = jw.replace(
            config,
            lora_alpha=rng.choice(specials),
            quantile_levels=[rng.choice(specials) for _ in range(rng.randrange(3))],
            rank_pattern=dict(list(config.rank_pattern.items())[:1]),
        )
        configs.append(config)
    cases = [
        (fmt, "FineTuneConfig", to_yaml(c, dialect=dialect))  # type: ignore[arg-type]
        for c in configs
        for fmt, dialect in DIALECTS
    ]
    responses = rust.decode_many(cases)
    for (fmt, _, text), resp in zip(cases, responses, strict=True):
        assert resp["ok"], (text, resp.get("error"))
        assert resp[fmt] == text
