"""The converter: serde's data shape, and users' own attrs classes embedding our types."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import jammi_wire as jw
from jammi_wire import EmbeddingLoss, FineTuneConfig, RegressionLoss, WireError


@pytest.mark.parametrize(
    ("value", "data"),
    [
        (EmbeddingLoss.CoSent(), "co_sent"),
        (EmbeddingLoss.AnglE(), "angl_e"),
        (EmbeddingLoss.Triplet(margin=1), {"triplet": {"margin": 1.0}}),
        (
            EmbeddingLoss.MultipleNegativesRanking(temperature=20),
            {"multiple_negatives_ranking": {"temperature": 20.0}},
        ),
        (RegressionLoss.BetaNll(beta=0.5), {"beta_nll": {"beta": 0.5}}),
        (RegressionLoss.GaussianNll(), "gaussian_nll"),
        (jw.BackboneDtype.BF16, "bf16"),
        (jw.LoraInitMode.ZEROS_B, "zeros_b"),
        (jw.HardNegativeConfig(), {"mine": False, "k": 1, "exclude_hops": 1, "refresh_every": 1}),
    ],
)
def test_unstructure_shape(value: Any, data: Any) -> None:
    got = jw.unstructure(value)
    assert got == data
    assert (
        jw.structure(
            data,
            type(value)
            if not isinstance(value, (EmbeddingLoss, RegressionLoss))
            else type(value).__mro__[1],
        )
        == value
    )


def test_unstructure_config_keys_in_declaration_order() -> None:
    data = jw.unstructure(FineTuneConfig())
    assert list(data) == [
        "lora_rank",
        "lora_alpha",
        "lora_dropout",
        "learning_rate",
        "epochs",
        "batch_size",
        "max_seq_length",
        "embedding_loss",
        "classification_loss",
        "regression_loss",
        "quantile_levels",
        "gradient_accumulation_steps",
        "validation_fraction",
        "early_stopping_patience",
        "warmup_steps",
        "lr_schedule",
        "early_stopping_metric",
        "target_modules",
        "layers_to_transform",
        "use_rslora",
        "rank_pattern",
        "init_lora_weights",
        "backbone_dtype",
        "weight_decay",
        "max_grad_norm",
        "cached",
        "hard_negatives",
        "matryoshka_dims",
    ]
    assert data["embedding_loss"] is None
    assert data["lr_schedule"] == "cosine_decay"
    assert type(data["lr_schedule"]) is str


@attrs.define
class Job:
    name: str
    config: FineTuneConfig
    loss: EmbeddingLoss
    schedule: jw.LrSchedule


def test_user_class_round_trip() -> None:
    job = Job("a", FineTuneConfig(epochs=5), EmbeddingLoss.AnglE(), jw.LrSchedule.CONSTANT)
    data = jw.unstructure(job)
    assert data["loss"] == "angl_e"
    assert data["schedule"] == "constant"
    assert data["config"]["epochs"] == 5
    assert jw.structure(data, Job) == job
    assert jw.from_json(jw.to_json(job), Job) == job
    assert jw.to_json(job).startswith('{"name":"a","config":{"lora_rank":8,')


def test_user_class_error_path() -> None:
    data = jw.unstructure(
        Job("a", FineTuneConfig(), EmbeddingLoss.CoSent(), jw.LrSchedule.CONSTANT)
    )
    data["config"]["hard_negatives"]["k"] = "8"
    with pytest.raises(WireError) as info:
        jw.structure(data, Job)
    assert info.value.path == ("config", "hard_negatives", "k")
    assert str(info.value) == 'config.hard_negatives.k: invalid type: string "8", expected usize'


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"lora_rank": "8"}, 'lora_rank: invalid type: string "8", expected usize'),
        ({}, "missing field `lora_rank`"),
    ],
)
def test_structure_errors(data: Any, message: str) -> None:
    with pytest.raises(WireError) as info:
        jw.structure(data, FineTuneConfig)
    assert str(info.value) == message


def test_structure_enum_errors() -> None:
    with pytest.raises(WireError) as info:
        jw.structure("angle", EmbeddingLoss)
    assert info.value.message == (
        "unknown variant `angle`, expected one of `co_sent`, `triplet`, "
        "`multiple_negatives_ranking`, `angl_e`, `cosine_mse`"
    )
    with pytest.raises(WireError) as info:
        jw.structure("BF16", jw.BackboneDtype)
    assert info.value.message == "unknown variant `BF16`, expected one of `f32`, `bf16`, `f16`"


@pytest.mark.parametrize(
    ("cls", "message"),
    [
        (jw.LoraInitMode, "unknown variant `x`, expected `zeros_b` or `gaussian`"),
        (jw.ClassificationLoss, "unknown variant `x`, expected `cross_entropy`"),
        (
            jw.LrSchedule,
            "unknown variant `x`, expected one of `constant`, `cosine_decay`, `linear_decay`",
        ),
    ],
)
def test_unknown_variant_wording_by_count(cls: Any, message: str) -> None:
    with pytest.raises(WireError) as info:
        jw.from_json('"x"', cls)
    assert info.value.message == message
    assert (info.value.line, info.value.column) == (1, 3)
