"""JSON writing: byte-identical to serde_json 1.0.149's to_string / to_string_pretty.

Every expected string was printed by serde_json 1.0.149 for the same value.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import jammi_wire as jw
from jammi_wire import EmbeddingLoss, FineTuneConfig, HardNegativeConfig, WireError
from jammi_wire.preconf import json as pj


@pytest.fixture(params=[True, False], ids=["fast", "stdlib"])
def writer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[bool]:
    monkeypatch.setattr(pj, "_FAST_WRITE", request.param)
    yield request.param


FLOATS = [
    (1e16, "1e+16"),
    (1e-7, "1e-7"),
    (0.1, "0.1"),
    (1.0, "1.0"),
    (-0.0, "-0.0"),
    (5e-324, "5e-324"),
    (1.7976931348623157e308, "1.7976931348623157e+308"),
    (123456789012345680000.0, "1.2345678901234568e+20"),
    (1e-5, "0.00001"),
    (1e-6, "1e-6"),
    (0.0002, "0.0002"),
    (1e15, "1000000000000000.0"),
    (16.0, "16.0"),
    (1e300, "1e+300"),
    (1.5e-10, "1.5e-10"),
    (0.3, "0.3"),
    (2.5e-5, "0.000025"),
    (1e21, "1e+21"),
    (1e22, "1e+22"),
    (123.456, "123.456"),
    (-1.5e-300, "-1.5e-300"),
    (4.35, "4.35"),
    (100.0, "100.0"),
]


@pytest.mark.parametrize(("value", "text"), FLOATS)
def test_float_text(writer: bool, value: float, text: str) -> None:
    assert jw.to_json(EmbeddingLoss.Triplet(margin=value)) == f'{{"triplet":{{"margin":{text}}}}}'


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_refused(writer: bool, value: float) -> None:
    with pytest.raises(WireError):
        jw.to_json(EmbeddingLoss.Triplet(margin=value))
    with pytest.raises(WireError):
        jw.to_json(FineTuneConfig(quantile_levels=[0.5, value]), pretty=True)


STRINGS = [
    ("\x1f", '"\\u001f"'),
    ("\x7f", '"\x7f"'),
    ("\u00e9", '"\u00e9"'),
    ("/", '"/"'),
    ("\u2028", '"\u2028"'),
    ('"\\', '"\\"\\\\"'),
    ("\b\f\n\r\t\x00", '"\\b\\f\\n\\r\\t\\u0000"'),
    ("\U0001f600", '"\U0001f600"'),
]


@pytest.mark.parametrize(("value", "text"), STRINGS)
def test_string_escaping(writer: bool, value: str, text: str) -> None:
    cfg = FineTuneConfig(target_modules=[value])
    assert f'"target_modules":[{text}]' in jw.to_json(cfg)
    assert jw.from_json(jw.to_json(cfg)) == cfg


def test_hard_negative_compact_and_pretty(writer: bool) -> None:
    h = HardNegativeConfig(mine=True, k=1)
    assert jw.to_json(h) == '{"mine":true,"k":1,"exclude_hops":1,"refresh_every":1}'
    assert jw.to_json(h, pretty=True) == (
        '{\n  "mine": true,\n  "k": 1,\n  "exclude_hops": 1,\n  "refresh_every": 1\n}'
    )


def test_pretty_layout_full_config(writer: bool) -> None:
    cfg = FineTuneConfig(
        embedding_loss=EmbeddingLoss.Triplet(margin=0.5),
        classification_loss=jw.ClassificationLoss.CROSS_ENTROPY,
        regression_loss=jw.RegressionLoss.Crps(),
        target_modules=["x", "y"],
        layers_to_transform=[],
        rank_pattern={"query": 16, "v": 4},
        lora_alpha=16,
    )
    assert (
        jw.to_json(cfg, pretty=True)
        == """{
  "lora_rank": 8,
  "lora_alpha": 16.0,
  "lora_dropout": 0.05,
  "learning_rate": 0.0002,
  "epochs": 3,
  "batch_size": 8,
  "max_seq_length": 512,
  "embedding_loss": {
    "triplet": {
      "margin": 0.5
    }
  },
  "classification_loss": "cross_entropy",
  "regression_loss": "crps",
  "quantile_levels": [],
  "gradient_accumulation_steps": 1,
  "validation_fraction": 0.1,
  "early_stopping_patience": 3,
  "warmup_steps": 100,
  "lr_schedule": "cosine_decay",
  "early_stopping_metric": "val_loss",
  "target_modules": [
    "x",
    "y"
  ],
  "layers_to_transform": [],
  "use_rslora": false,
  "rank_pattern": {
    "query": 16,
    "v": 4
  },
  "init_lora_weights": "zeros_b",
  "backbone_dtype": "f32",
  "weight_decay": 0.01,
  "max_grad_norm": 1.0,
  "cached": false,
  "hard_negatives": {
    "mine": false,
    "k": 1,
    "exclude_hops": 1,
    "refresh_every": 1
  },
  "matryoshka_dims": []
}"""
    )
    assert jw.to_json(cfg) == (
        '{"lora_rank":8,"lora_alpha":16.0,"lora_dropout":0.05,"learning_rate":0.0002,'
        '"epochs":3,"batch_size":8,"max_seq_length":512,'
        '"embedding_loss":{"triplet":{"margin":0.5}},"classification_loss":"cross_entropy",'
        '"regression_loss":"crps","quantile_levels":[],"gradient_accumulation_steps":1,'
        '"validation_fraction":0.1,"early_stopping_patience":3,"warmup_steps":100,'
        '"lr_schedule":"cosine_decay","early_stopping_metric":"val_loss",'
        '"target_modules":["x","y"],"layers_to_transform":[],"use_rslora":false,'
        '"rank_pattern":{"query":16,"v":4},"init_lora_weights":"zeros_b",'
        '"backbone_dtype":"f32","weight_decay":0.01,"max_grad_norm":1.0,"cached":false,'
        '"hard_negatives":{"mine":false,"k":1,"exclude_hops":1,"refresh_every":1},'
        '"matryoshka_dims":[]}'
    )


def test_rank_pattern_insertion_order(writer: bool) -> None:
    cfg = FineTuneConfig(rank_pattern={"v": 4, "query": 16})
    assert '"rank_pattern":{"v":4,"query":16}' in jw.to_json(cfg)


def test_unit_enums_top_level(writer: bool) -> None:
    assert jw.to_json(jw.LrSchedule.LINEAR_DECAY) == '"linear_decay"'
    assert jw.to_json(EmbeddingLoss.AnglE(), pretty=True) == '"angl_e"'
    assert jw.to_json(jw.RegressionLoss.BetaNll(beta=0.5), pretty=True) == (
        '{\n  "beta_nll": {\n    "beta": 0.5\n  }\n}'
    )


def test_big_usize(writer: bool) -> None:
    cfg = FineTuneConfig(matryoshka_dims=[18446744073709551615])
    assert '"matryoshka_dims":[18446744073709551615]' in jw.to_json(cfg)
