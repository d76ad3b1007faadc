"""Public names, variants, wire names and Rust's Default, with literal expectations."""

from __future__ import annotations

import attrs
import pytest

import jammi_wire as jw
from jammi_wire import (
    BackboneDtype,
    ClassificationLoss,
    EarlyStoppingMetric,
    EmbeddingLoss,
    FineTuneConfig,
    FineTuneError,
    FineTuneMethod,
    HardNegativeConfig,
    LoraInitMode,
    LrSchedule,
    RegressionLoss,
    WireError,
)

PUBLIC = [
    "FineTuneConfig",
    "HardNegativeConfig",
    "EmbeddingLoss",
    "RegressionLoss",
    "ClassificationLoss",
    "EarlyStoppingMetric",
    "LrSchedule",
    "FineTuneMethod",
    "LoraInitMode",
    "BackboneDtype",
    "WireError",
    "FineTuneError",
    "UnknownFieldWarning",
    "converter",
    "structure",
    "unstructure",
    "from_json",
    "to_json",
    "replace",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_name_importable(name: str) -> None:
    assert getattr(jw, name) is not None
    assert name in jw.__all__


def test_error_hierarchy() -> None:
    assert issubclass(WireError, ValueError)
    assert issubclass(FineTuneError, WireError)


@pytest.mark.parametrize(
    ("member", "wire"),
    [
        (LrSchedule.CONSTANT, "constant"),
        (LrSchedule.COSINE_DECAY, "cosine_decay"),
        (LrSchedule.LINEAR_DECAY, "linear_decay"),
        (BackboneDtype.F32, "f32"),
        (BackboneDtype.BF16, "bf16"),
        (BackboneDtype.F16, "f16"),
        (LoraInitMode.ZEROS_B, "zeros_b"),
        (LoraInitMode.GAUSSIAN, "gaussian"),
        (EarlyStoppingMetric.VAL_LOSS, "val_loss"),
        (EarlyStoppingMetric.TRAIN_LOSS, "train_loss"),
        (ClassificationLoss.CROSS_ENTROPY, "cross_entropy"),
        (FineTuneMethod.LORA, "lora"),
    ],
)
def test_unit_enum_values_are_wire_names(member: object, wire: str) -> None:
    assert member.value == wire  # type: ignore[attr-defined]
    assert jw.to_json(member) == f'"{wire}"'


@pytest.mark.parametrize(
    ("cls", "count"),
    [
        (LrSchedule, 3),
        (BackboneDtype, 3),
        (LoraInitMode, 2),
        (EarlyStoppingMetric, 2),
        (ClassificationLoss, 1),
        (FineTuneMethod, 1),
    ],
)
def test_unit_enum_member_count(cls: type, count: int) -> None:
    assert len(list(cls)) == count  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        (EmbeddingLoss.CoSent(), '"co_sent"'),
        (EmbeddingLoss.Triplet(margin=0.3), '{"triplet":{"margin":0.3}}'),
        (
            EmbeddingLoss.MultipleNegativesRanking(temperature=20.0),
            '{"multiple_negatives_ranking":{"temperature":20.0}}',
        ),
        (EmbeddingLoss.AnglE(), '"angl_e"'),
        (EmbeddingLoss.CosineMse(), '"cosine_mse"'),
        (RegressionLoss.GaussianNll(), '"gaussian_nll"'),
        (RegressionLoss.BetaNll(beta=0.5), '{"beta_nll":{"beta":0.5}}'),
        (RegressionLoss.Crps(), '"crps"'),
        (RegressionLoss.Pinball(), '"pinball"'),
    ],
)
def test_tagged_variant_wire_names(value: object, wire: str) -> None:
    assert jw.to_json(value) == wire
    assert jw.from_json(wire, type(value).__mro__[1]) == value


VARIANTS = [
    (EmbeddingLoss, EmbeddingLoss.CoSent()),
    (EmbeddingLoss, EmbeddingLoss.Triplet(margin=0.3)),
    (EmbeddingLoss, EmbeddingLoss.MultipleNegativesRanking(temperature=20.0)),
    (EmbeddingLoss, EmbeddingLoss.AnglE()),
    (EmbeddingLoss, EmbeddingLoss.CosineMse()),
    (RegressionLoss, RegressionLoss.GaussianNll()),
    (RegressionLoss, RegressionLoss.BetaNll(beta=0.5)),
    (RegressionLoss, RegressionLoss.Crps()),
    (RegressionLoss, RegressionLoss.Pinball()),
]


@pytest.mark.parametrize(("family", "value"), VARIANTS)
def test_variant_is_frozen_member_of_family(family: type, value: object) -> None:
    assert isinstance(value, family)
    assert attrs.has(type(value))
    name = next(iter(attrs.fields(type(value))), None)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        value.margin = 1.0  # type: ignore[attr-defined]
    if name is not None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, name.name, 1.0)


def test_variants_hashable_and_equal_by_value() -> None:
    assert EmbeddingLoss.Triplet(margin=0.3) == EmbeddingLoss.Triplet(margin=0.3)
    assert EmbeddingLoss.Triplet(margin=0.3) != EmbeddingLoss.Triplet(margin=0.4)
    assert EmbeddingLoss.CoSent() != EmbeddingLoss.AnglE()
    assert len({EmbeddingLoss.CoSent(), EmbeddingLoss.CoSent()}) == 1


def describe(loss: EmbeddingLoss) -> str:
    match loss:
        case EmbeddingLoss.CoSent():
            return "co_sent"
        case EmbeddingLoss.Triplet(margin=m):
            return f"triplet {m}"
        case EmbeddingLoss.MultipleNegativesRanking(temperature=t):
            return f"mnr {t}"
        case EmbeddingLoss.AnglE():
            return "angle"
        case EmbeddingLoss.CosineMse():
            return "cosine_mse"
    return "none"


def describe_reg(loss: RegressionLoss) -> str:
    match loss:
        case RegressionLoss.BetaNll(beta):
            return f"beta {beta}"
        case RegressionLoss.GaussianNll() | RegressionLoss.Crps():
            return "gauss"
        case RegressionLoss.Pinball():
            return "pinball"
    return "none"


def test_match_on_variants() -> None:
    assert describe(EmbeddingLoss.CoSent()) == "co_sent"
    assert describe(EmbeddingLoss.Triplet(margin=0.3)) == "triplet 0.3"
    assert describe(EmbeddingLoss.MultipleNegativesRanking(temperature=2)) == "mnr 2.0"
    assert describe(EmbeddingLoss.AnglE()) == "angle"
    assert describe(EmbeddingLoss.CosineMse()) == "cosine_mse"
    assert describe_reg(RegressionLoss.BetaNll(beta=0.25)) == "beta 0.25"
    assert describe_reg(RegressionLoss.Crps()) == "gauss"
    assert describe_reg(RegressionLoss.Pinball()) == "pinball"


def test_enum_defaults() -> None:
    assert EmbeddingLoss.default() == EmbeddingLoss.CoSent()
    assert RegressionLoss.default() == RegressionLoss.BetaNll(beta=0.5)
    assert ClassificationLoss.default() is ClassificationLoss.CROSS_ENTROPY
    assert EarlyStoppingMetric.default() is EarlyStoppingMetric.VAL_LOSS
    assert LrSchedule.default() is LrSchedule.COSINE_DECAY
    assert LoraInitMode.default() is LoraInitMode.ZEROS_B
    assert BackboneDtype.default() is BackboneDtype.F32


def test_hard_negative_default() -> None:
    h = HardNegativeConfig()
    assert (h.mine, h.k, h.exclude_hops, h.refresh_every) == (False, 1, 1, 1)
    assert jw.to_json(h) == '{"mine":false,"k":1,"exclude_hops":1,"refresh_every":1}'


EXPECTED_DEFAULT = {
    "lora_rank": 8,
    "lora_alpha": 16.0,
    "lora_dropout": 0.05,
    "learning_rate": 2e-4,
    "epochs": 3,
    "batch_size": 8,
    "max_seq_length": 512,
    "embedding_loss": None,
    "classification_loss": None,
    "regression_loss": None,
    "quantile_levels": [],
    "gradient_accumulation_steps": 1,
    "validation_fraction": 0.1,
    "early_stopping_patience": 3,
    "warmup_steps": 100,
    "lr_schedule": LrSchedule.COSINE_DECAY,
    "early_stopping_metric": EarlyStoppingMetric.VAL_LOSS,
    "target_modules": [],
    "layers_to_transform": None,
    "use_rslora": False,
    "rank_pattern": {},
    "init_lora_weights": LoraInitMode.ZEROS_B,
    "backbone_dtype": BackboneDtype.F32,
    "weight_decay": 0.01,
    "max_grad_norm": 1.0,
    "cached": False,
    "hard_negatives": HardNegativeConfig(mine=False, k=1, exclude_hops=1, refresh_every=1),
    "matryoshka_dims": [],
}


def test_fine_tune_config_default_field_by_field() -> None:
    cfg = FineTuneConfig()
    names = [f.name for f in attrs.fields(FineTuneConfig)]
    assert names == list(EXPECTED_DEFAULT)
    for name, expected in EXPECTED_DEFAULT.items():
        got = getattr(cfg, name)
        assert got == expected, name
        assert type(got) is type(expected), name


def test_default_config_json() -> None:
    assert jw.to_json(FineTuneConfig()) == (
        '{"lora_rank":8,"lora_alpha":16.0,"lora_dropout":0.05,"learning_rate":0.0002,'
        '"epochs":3,"batch_size":8,"max_seq_length":512,"embedding_loss":null,'
        '"classification_loss":null,"regression_loss":null,"quantile_levels":[],'
        '"gradient_accumulation_steps":1,"validation_fraction":0.1,'
        '"early_stopping_patience":3,"warmup_steps":100,"lr_schedule":"cosine_decay",'
        '"early_stopping_metric":"val_loss","target_modules":[],"layers_to_transform":null,'
        '"use_rslora":false,"rank_pattern":{},"init_lora_weights":"zeros_b",'
        '"backbone_dtype":"f32","weight_decay":0.01,"max_grad_norm":1.0,"cached":false,'
        '"hard_negatives":{"mine":false,"k":1,"exclude_hops":1,"refresh_every":1},'
        '"matryoshka_dims":[]}'
    )


def test_default_mutable_fields_not_shared() -> None:
    a, b = FineTuneConfig(), FineTuneConfig()
    assert a.quantile_levels is not b.quantile_levels
    assert a.rank_pattern is not b.rank_pattern


def test_fine_tune_method_parse_and_str() -> None:
    assert FineTuneMethod.parse("lora") is FineTuneMethod.LORA
    assert str(FineTuneMethod.LORA) == "lora"


@pytest.mark.parametrize("name", ["Lora", "LORA", "", " lora", "lora ", "qlora", "l\u00f6ra"])
def test_fine_tune_method_parse_unknown(name: str) -> None:
    with pytest.raises(FineTuneError) as info:
        FineTuneMethod.parse(name)
    assert str(info.value) == f"Unknown fine-tuning method '{name}'. Supported: lora"


def test_fine_tune_method_parse_unknown_literal() -> None:
    with pytest.raises(FineTuneError) as info:
        FineTuneMethod.parse("dora")
    assert str(info.value) == "Unknown fine-tuning method 'dora'. Supported: lora"
