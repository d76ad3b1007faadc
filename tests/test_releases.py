"""Releases without the harness: the version map, each generation's names and rules,
compat's report and migrate's refusals (the live tests compare them with serde)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import jammi_wire as jw
from jammi_wire import FineTuneError, WireError
from jammi_wire.releases import GENERATIONS, g1, g2, g3, g4, g5, generation_of
from jammi_wire.serde.floats import rust_display_f64


@pytest.mark.parametrize(
    ("version", "gen"),
    [
        ("0.26.0", 1),
        ("0.26.3", 1),
        ("0.26.5", 1),
        ("0.28.0", 2),
        ("0.35.2", 2),
        ("0.41.0", 2),
        ("0.42.0", 3),
        ("0.45.0", 3),
        ("0.47.0", 3),
        ("0.48.0", 4),
        ("0.49.1", 4),
        ("0.50.0", 5),
        ("0.52.0", 5),
        ("0.54.0", 5),
        ("g3", 3),
        ("G5", 5),
        ("v0.52.0", 5),
    ],
)
def test_release_maps_versions_to_generations(version: str, gen: int) -> None:
    assert jw.release(version) is GENERATIONS[gen - 1].module
    assert generation_of(version).number == gen


@pytest.mark.parametrize("version", ["0.25.9", "0.27.0", "0.41.1", "0.49.2", "0.54.1", "1.0.0"])
def test_unknown_release_names_the_known_range(version: str) -> None:
    with pytest.raises(WireError) as error:
        jw.release(version)
    assert f"unknown jammi-wire release {version}" in str(error.value)
    assert "0.26.0\u20130.26.5" in str(error.value) and "0.50.0\u20130.54.0" in str(error.value)


@pytest.mark.parametrize("text", ["", "latest", "0.52", "0.52.0.1", "zero"])
def test_not_a_version(text: str) -> None:
    with pytest.raises(WireError, match="not a jammi-wire version"):
        jw.release(text)


def test_top_level_stays_0_26_3() -> None:
    assert jw.__version__ == "0.26.3"
    assert jw.FineTuneConfig is g1.FineTuneConfig is jw.release("0.26.3").FineTuneConfig


def test_every_generation_has_the_top_level_names() -> None:
    top = {
        "FineTuneConfig",
        "HardNegativeConfig",
        "EmbeddingLoss",
        "RegressionLoss",
        "ClassificationLoss",
        "EarlyStoppingMetric",
        "LrSchedule",
        "LoraInitMode",
        "BackboneDtype",
        "FineTuneMethod",
    }
    for generation in GENERATIONS:
        assert top <= set(dir(generation.module)), generation.name
        for name in generation.module.__all__:
            assert hasattr(generation.module, name)
    assert {"ExampleLoss", "HeldOutLoss"} <= set(g4.__all__) & set(g5.__all__)
    assert "Warmup" in g5.__all__ and "Warmup" not in g4.__all__


def test_field_order_of_each_generation() -> None:
    def names(cls: type) -> list[str]:
        return list(json.loads(jw.to_json(cls())))

    base = names(g1.FineTuneConfig)
    assert names(g2.FineTuneConfig) == [*base, "seed"]
    assert names(g3.FineTuneConfig) == [*base, "seed"]
    assert names(g4.FineTuneConfig) == [*base, "seed", "keep_last_n_checkpoints"]
    g5_names = [("warmup" if n == "warmup_steps" else n) for n in base]
    assert names(g5.FineTuneConfig) == [*g5_names, "seed", "keep_last_n_checkpoints"]


def test_defaults() -> None:
    assert g2.FineTuneConfig().seed == 42
    assert g3.FineTuneConfig().backbone_dtype is g3.ComputePrecision.F32
    assert g4.FineTuneConfig().keep_last_n_checkpoints is None
    assert g5.FineTuneConfig().warmup == g5.Warmup.Fraction(0.1)
    assert g5.EmbeddingLoss.default() == g5.EmbeddingLoss.CoSent()
    assert g5.RegressionLoss.default() == g5.RegressionLoss.BetaNll(beta=0.5)
    for generation in GENERATIONS:
        generation.module.FineTuneConfig().validate()


def test_constructor_checks_the_new_widths() -> None:
    with pytest.raises(WireError):
        g2.FineTuneConfig(seed=-1)
    with pytest.raises(WireError):
        g2.FineTuneConfig(seed=2**64)
    g2.FineTuneConfig(seed=2**64 - 1)
    with pytest.raises(WireError):
        g4.FineTuneConfig(keep_last_n_checkpoints=2**32)
    g4.FineTuneConfig(keep_last_n_checkpoints=2**32 - 1)
    with pytest.raises(WireError):
        g5.Warmup.Steps(-1)


def test_warmup_matches() -> None:
    match g5.FineTuneConfig(warmup=g5.Warmup.Steps(5)).warmup:
        case g5.Warmup.Steps(value=steps):
            assert steps == 5
        case _:
            pytest.fail("Warmup.Steps does not match")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.0, "1"),
        (-0.0, "-0"),
        (0.0, "0"),
        (1e20, "100000000000000000000"),
        (1e-7, "0.0000001"),
        (float("nan"), "NaN"),
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (0.1, "0.1"),
        (2.5, "2.5"),
        (1e16, "10000000000000000"),
        (123456789012345680.0, "123456789012345680"),
        (5e-324, "0." + "0" * 323 + "5"),
    ],
)
def test_rust_display_f64(value: float, text: str) -> None:
    assert rust_display_f64(value) == text


def _message(config: object) -> str | None:
    try:
        config.validate()  # type: ignore[attr-defined]
    except FineTuneError as error:
        return str(error)
    return None


def test_rules_added_by_g4_and_g5_in_rust_order() -> None:
    for cls in (g1.FineTuneConfig, g2.FineTuneConfig, g3.FineTuneConfig):
        assert _message(cls(validation_fraction=0.0, max_grad_norm=float("inf"))) is None
    c4 = g4.FineTuneConfig(validation_fraction=0.0)
    assert _message(c4).startswith("early_stopping_metric=val_loss requires")  # type: ignore[union-attr]
    assert _message(g4.FineTuneConfig(max_grad_norm=float("nan"))) == (
        "max_grad_norm must be finite, got NaN"
    )
    # max_grad_norm is checked before validation_fraction, after gradient accumulation.
    both = g4.FineTuneConfig(max_grad_norm=float("-inf"), validation_fraction=2.0)
    assert _message(both) == "max_grad_norm must be finite, got -inf"
    assert _message(g4.FineTuneConfig(keep_last_n_checkpoints=0)).startswith(  # type: ignore[union-attr]
        "keep_last_n_checkpoints=0 is ambiguous"
    )
    assert _message(g5.FineTuneConfig(warmup=g5.Warmup.Fraction(1e20))) == (
        "warmup fraction must be in [0, 1), got 100000000000000000000"
    )
    # right after lora_rank, before lora_alpha
    early = g5.FineTuneConfig(warmup=g5.Warmup.Fraction(1.0), lora_alpha=0.0)
    assert _message(early) == "warmup fraction must be in [0, 1), got 1"
    assert _message(g5.FineTuneConfig(warmup=g5.Warmup.Fraction(1.0), lora_rank=0)) == (
        "lora_rank must be > 0"
    )
    assert _message(g5.FineTuneConfig(warmup=g5.Warmup.Steps(0))) is None
    problems = g5.FineTuneConfig(warmup=g5.Warmup.Fraction(-1.0), lora_alpha=0.0).problems()
    assert [p.path for p in problems] == [("warmup",), ("lora_alpha",)]


def test_g4_refuses_non_finite_max_grad_norm_while_reading() -> None:
    for cls in (g4.FineTuneConfig, g5.FineTuneConfig):
        text = jw.to_yaml(cls()).replace("max_grad_norm: 1.0", "max_grad_norm: .inf")
        with pytest.raises(WireError, match="max_grad_norm must be finite, got inf"):
            jw.from_yaml(text, cls)
    text = jw.to_yaml(g3.FineTuneConfig()).replace("max_grad_norm: 1.0", "max_grad_norm: .inf")
    assert jw.from_yaml(text, g3.FineTuneConfig, validate=False).max_grad_norm == float("inf")


def test_compat_reports_each_generation(tmp_path: Path) -> None:
    g1_text = jw.to_json(jw.FineTuneConfig())
    verdicts = jw.compat(g1_text)
    assert [v.accepted for v in verdicts] == [True, True, True, True, False]
    assert "unknown field `warmup_steps`" in str(verdicts[-1])
    assert str(verdicts[-1]).startswith("0.50.0\u20130.54.0: ")
    g5_path = tmp_path / "g5.yaml"
    g5_path.write_text(jw.to_yaml(g5.FineTuneConfig(seed=7)))
    by_path = jw.compat(g5_path)
    assert [v.accepted for v in by_path] == [False, False, False, False, True]
    assert "missing field `warmup_steps`" in str(by_path[0])
    assert [str(v) for v in jw.compat(str(g5_path))] == [str(v) for v in by_path]
    assert by_path[-1].to_dict() == {
        "generation": "g5",
        "releases": "0.50.0\u20130.54.0",
        "accepted": True,
        "valid": True,
        "error": None,
        "validate": None,
    }
    broken = jw.compat(jw.to_json(g4.FineTuneConfig(validation_fraction=0.0)))
    assert [v.valid for v in broken] == [True, True, True, False, False]
    assert broken[3].accepted and broken[3].reason.startswith("validate(): early_stopping")  # type: ignore[union-attr]


def test_migrate_up_never_loses() -> None:
    config = jw.FineTuneConfig(warmup_steps=250, lora_rank=4)
    up = jw.migrate(config, to="0.54.0")
    assert type(up) is g5.FineTuneConfig
    assert up.warmup == g5.Warmup.Steps(250) and up.lora_rank == 4 and up.seed == 42
    assert jw.migrate(up, to="0.26.3") == config


def test_migrate_down_names_what_would_be_lost() -> None:
    config = g5.FineTuneConfig(seed=7, keep_last_n_checkpoints=3, warmup=g5.Warmup.Steps(9))
    with pytest.raises(jw.MigrationError) as error:
        jw.migrate(config, to="0.26.3")
    assert error.value.path == ("keep_last_n_checkpoints",)
    assert "seed = 7" in str(error.value) and "keep_last_n_checkpoints = 3" in str(error.value)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        down = jw.migrate(config, to="0.26.3", lossy=True)
    assert down == jw.FineTuneConfig(warmup_steps=9)
    assert sorted(str(w.message).split(" = ")[0] for w in caught) == [
        "keep_last_n_checkpoints",
        "seed",
    ]
    assert all(w.category is jw.DataLossWarning for w in caught)
    # Defaults have an older form: nothing is lost.
    assert jw.migrate(g4.FineTuneConfig(), to="0.26.3") == jw.FineTuneConfig()


def test_migrate_fraction_warmup_down() -> None:
    config = g5.FineTuneConfig(warmup=g5.Warmup.Fraction(0.25))
    with pytest.raises(jw.MigrationError, match=r"warmup = fraction\(0.25\)"):
        jw.migrate(config, to="0.49.1")
    with pytest.warns(jw.DataLossWarning, match="warmup_steps takes its default, 100"):
        assert jw.migrate(config, to="0.49.1", lossy=True).warmup_steps == 100


def test_migrate_result_must_pass_the_targets_validate() -> None:
    config = jw.FineTuneConfig(validation_fraction=0.0)
    assert jw.migrate(config, to="0.47.0").validation_fraction == 0.0
    with pytest.raises(jw.MigrationError) as error:
        jw.migrate(config, to="0.48.0")
    assert error.value.path == ("early_stopping_metric",)
    assert "validate(): early_stopping_metric=val_loss requires" in str(error.value)
    with pytest.raises(jw.MigrationError, match="max_grad_norm must be finite, got inf"):
        jw.migrate(jw.FineTuneConfig(max_grad_norm=float("inf")), to="0.50.0")


def test_migrate_refuses_what_is_not_a_config() -> None:
    with pytest.raises(WireError, match="expected a FineTuneConfig"):
        jw.migrate(jw.HardNegativeConfig(), to="0.50.0")
    with pytest.raises(WireError, match="unknown jammi-wire release"):
        jw.migrate(jw.FineTuneConfig(), to="0.27.0")


def _warnings_of(text: str, cls: type) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        jw.from_json(text, cls, unknown="warn")
    return [str(w.message) for w in caught if w.category is jw.UnknownFieldWarning]


def test_newer_fields_are_named_as_such_not_as_typos() -> None:
    g5_text = jw.to_json(g5.FineTuneConfig(seed=7)).replace('{"fraction":0.1}', '{"steps":5}')
    g5_text = g5_text.replace('"warmup"', '"warmup_steps":5,"warmup"')
    assert _warnings_of(g5_text, jw.FineTuneConfig) == [
        "warmup is a field of jammi-wire >= 0.50.0; it is dropped when read as 0.26.3",
        "seed is a field of jammi-wire >= 0.28.0; it is dropped when read as 0.26.3",
        "keep_last_n_checkpoints is a field of jammi-wire >= 0.48.0; it is dropped when read "
        "as 0.26.3",
    ]
    assert _warnings_of(g5_text, g4.FineTuneConfig) == [
        "warmup is a field of jammi-wire >= 0.50.0; it is dropped when read as 0.48.0\u20130.49.1"
    ]
    typo = jw.to_json(jw.FineTuneConfig()).replace('"epochs"', '"sed":1,"epochs"')
    assert _warnings_of(typo, g2.FineTuneConfig) == [
        "unknown field `sed` is ignored by serde; did you mean `seed`?"
    ]
    with pytest.raises(WireError, match=r"; warmup is a field of jammi-wire >= 0\.50\.0"):
        jw.from_json(g5_text.replace('"warmup_steps":5,', ""), g3.FineTuneConfig, unknown="error")
    # Under deny_unknown_fields (G5) the error is serde's own text.
    with pytest.raises(WireError) as refused:
        jw.from_json(g5_text, g5.FineTuneConfig)
    assert refused.value.message.startswith("unknown field `warmup_steps`, expected one of")
    assert "dropped" not in refused.value.message
