"""Vector cases for every wire generation (issue 11): inputs only.

Each generation G1..G5 gets the same families (so a row of the generation table shows
up as a different serde answer for the same input) plus the families that only make
sense from the generation that introduced the field. ``generate.py`` asks the Rust
harness (``gN::`` types) and writes ``gN.jsonl`` beside this file.
"""

from __future__ import annotations

import json
from typing import Any

Case = dict[str, str]
GENERATIONS = (1, 2, 3, 4, 5)
FORMATS = ("json", "yaml", "yaml_singleton_map")


def type_name(gen: int, name: str) -> str:
    return f"g{gen}::{name}"


def fields(gen: int) -> dict[str, Any]:
    """Field order and Default of generation ``gen``'s FineTuneConfig, as serde writes it."""
    out: dict[str, Any] = {
        "lora_rank": 8,
        "lora_alpha": 16.0,
        "lora_dropout": 0.05,
        "learning_rate": 0.0002,
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
        "lr_schedule": "cosine_decay",
        "early_stopping_metric": "val_loss",
        "target_modules": [],
        "layers_to_transform": None,
        "use_rslora": False,
        "rank_pattern": {},
        "init_lora_weights": "zeros_b",
        "backbone_dtype": "f32",
        "weight_decay": 0.01,
        "max_grad_norm": 1.0,
        "cached": False,
        "hard_negatives": {"mine": False, "k": 1, "exclude_hops": 1, "refresh_every": 1},
        "matryoshka_dims": [],
    }
    if gen >= 2:
        out["seed"] = 42
    if gen >= 4:
        out["keep_last_n_checkpoints"] = None
    if gen >= 5:
        out = {("warmup" if k == "warmup_steps" else k): v for k, v in out.items()}
        out["warmup"] = {"fraction": 0.1}
    return out


REQUIRED_BASE = [
    "lora_rank",
    "lora_alpha",
    "lora_dropout",
    "learning_rate",
    "epochs",
    "batch_size",
    "max_seq_length",
    "gradient_accumulation_steps",
    "validation_fraction",
    "early_stopping_patience",
    "warmup_steps",
    "lr_schedule",
]


def required(gen: int) -> list[str]:
    return ["warmup" if (f == "warmup_steps" and gen >= 5) else f for f in REQUIRED_BASE]


class Raw(str):
    """JSON text spliced in verbatim (numbers Python's json cannot spell)."""


def _dump(obj: Any, indent: int | None = None) -> str:
    raws: dict[str, str] = {}

    def mark(o: Any) -> Any:
        if isinstance(o, Raw):
            key = f"@@raw{len(raws)}@@"
            raws[key] = str(o)
            return key
        if isinstance(o, dict):
            return {k: mark(v) for k, v in o.items()}
        if isinstance(o, list):
            return [mark(v) for v in o]
        return o

    text = json.dumps(mark(obj), indent=indent, ensure_ascii=False)
    for key, raw in raws.items():
        text = text.replace(f'"{key}"', raw)
    return text


def json_config(
    gen: int, drop: tuple[str, ...] = (), indent: int | None = None, **over: Any
) -> str:
    obj = {k: v for k, v in fields(gen).items() if k not in drop}
    obj.update(over)
    return _dump(obj, indent)


def _yaml_scalar(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return json.dumps(v)
    return str(v)


def yaml_config(gen: int, dialect: str, drop: tuple[str, ...] = (), **over: str) -> str:
    """Block YAML of the Default with some values replaced by raw YAML text."""
    lines = []
    for k, v in fields(gen).items():
        if k in drop:
            continue
        if k in over:
            lines.append(f"{k}: {over[k]}" if not over[k].startswith("\n") else f"{k}:{over[k]}")
            continue
        if k == "warmup":
            text = "!fraction 0.1" if dialect == "yaml" else "\n  fraction: 0.1"
            lines.append(f"{k}: {text}" if dialect == "yaml" else f"{k}:{text}")
        elif k == "hard_negatives":
            lines.append("hard_negatives:")
            lines.extend(f"  {hk}: {_yaml_scalar(hv)}" for hk, hv in v.items())
        elif isinstance(v, list):
            lines.append(f"{k}: []")
        elif isinstance(v, dict):
            lines.append(f"{k}: {{}}")
        else:
            lines.append(f"{k}: {_yaml_scalar(v)}")
    for k, text in over.items():
        if k not in fields(gen):
            lines.append(f"{k}: {text}")
    return "\n".join(lines) + "\n"


def cases_for(gen: int) -> list[Case]:
    out: list[Case] = []
    ftc = type_name(gen, "FineTuneConfig")
    g = f"g{gen}"

    def add(id_: str, fmt: str, type_: str, text: str, why: str) -> None:
        out.append({"id": f"{g}_{id_}", "format": fmt, "type": type_, "input": text, "why": why})

    def cfg(id_: str, why: str, drop: tuple[str, ...] = (), **over: Any) -> None:
        add(id_, "json", ftc, json_config(gen, drop, **over), why)

    def ycfg(
        id_: str,
        why: str,
        dialects: tuple[str, ...] = ("yaml", "yaml_singleton_map"),
        drop: tuple[str, ...] = (),
        **over: str,
    ) -> None:
        for d in dialects:
            short = "tags" if d == "yaml" else "sm"
            add(f"{short}_{id_}", d, ftc, yaml_config(gen, d, drop, **over), why)

    # ── shape of the whole config
    cfg("default", "Default written compactly")
    add("default_pretty", "json", ftc, json_config(gen, indent=2), "Default written pretty")
    ycfg("default", "Default as block YAML")
    minimal = {k: fields(gen)[k] for k in required(gen)}
    add("minimal", "json", ftc, _dump(minimal, 2), "only the fields serde requires")
    add("empty", "json", ftc, "{}", "the first required field is missing")
    for f in required(gen):
        cfg(f"missing_{f}", f"{f} has no serde default", drop=(f,))
    for f in fields(gen):
        if f not in required(gen):
            cfg(f"absent_{f}", f"{f} may be absent (Option or serde default)", drop=(f,))
    for f in ("lora_rank", "lr_schedule", "warmup", "warmup_steps"):
        if f in fields(gen):
            ycfg(f"missing_{f}", f"{f} is required", drop=(f,))

    # ── files of other generations
    for other in GENERATIONS:
        if other != gen:
            add(
                f"file_of_g{other}",
                "json",
                ftc,
                json_config(other),
                f"the Default of generation {other}",
            )
            for d in ("yaml", "yaml_singleton_map"):
                short = "tags" if d == "yaml" else "sm"
                add(
                    f"{short}_file_of_g{other}",
                    d,
                    ftc,
                    yaml_config(other, d),
                    f"generation {other}'s Default as YAML",
                )
    both = dict(fields(gen))
    both["warmup_steps"] = 50
    both["warmup"] = {"steps": 50}
    add("warmup_and_warmup_steps", "json", ftc, _dump(both), "both spellings of the warmup")

    # ── unknown fields: top level, in HardNegativeConfig, inside struct variants
    cfg("unknown_top", "an unknown top-level field", x_extra=1)
    ycfg("unknown_top", "an unknown top-level field", x_extra="1")
    hn = dict(fields(gen)["hard_negatives"], extra=True)
    cfg("unknown_in_hard_negatives", "an unknown field in HardNegativeConfig", hard_negatives=hn)
    cfg(
        "unknown_in_triplet",
        "an unknown field in a struct variant",
        embedding_loss={"triplet": {"margin": 0.5, "scale": 1}},
    )
    cfg(
        "unknown_before_margin",
        "the unknown field comes first",
        embedding_loss={"triplet": {"scale": 1, "margin": 0.5}},
    )
    cfg(
        "unknown_in_mnr",
        "an unknown field in a struct variant",
        embedding_loss={"multiple_negatives_ranking": {"temperature": 20.0, "t": 1}},
    )
    cfg(
        "unknown_in_beta_nll",
        "an unknown field in a struct variant",
        regression_loss={"beta_nll": {"beta": 0.5, "gamma": 1}},
    )
    add(
        "triplet_unknown_field",
        "json",
        type_name(gen, "EmbeddingLoss"),
        '{"triplet":{"margin":0.5,"scale":1}}',
        "EmbeddingLoss alone",
    )
    add(
        "beta_nll_unknown_field",
        "json",
        type_name(gen, "RegressionLoss"),
        '{"beta_nll":{"gamma":1,"beta":0.5}}',
        "RegressionLoss alone",
    )
    add(
        "hn_unknown_field",
        "json",
        type_name(gen, "HardNegativeConfig"),
        '{"mine":true,"k":2,"exclude_hops":1,"refresh_every":1,"z":0}',
        "HardNegativeConfig alone",
    )
    add(
        "cross_entropy_map",
        "json",
        type_name(gen, "ClassificationLoss"),
        '{"cross_entropy":{"a":1}}',
        "a unit variant given fields",
    )
    ycfg(
        "unknown_in_triplet",
        "an unknown field in a struct variant",
        dialects=("yaml",),
        embedding_loss="!triplet\n  margin: 0.5\n  scale: 1",
    )
    ycfg(
        "unknown_in_triplet",
        "an unknown field in a struct variant",
        dialects=("yaml_singleton_map",),
        embedding_loss="\n  triplet:\n    margin: 0.5\n    scale: 1",
    )
    ycfg(
        "unknown_in_hard_negatives",
        "an unknown field in HardNegativeConfig",
        hard_negatives="\n  mine: false\n  k: 1\n  exclude_hops: 1\n  refresh_every: 1\n  extra: 2",
    )
    cfg(
        "duplicate_lora_rank_then_unknown",
        "an unknown field after the known ones",
        lora_rank=4,
        zz=None,
    )

    # ── backbone dtype: the same wire names, another declaration order from G3
    for v in ("f32", "f16", "bf16"):
        cfg(f"backbone_{v}", "a known dtype", backbone_dtype=v)
    for v in ("fp8", "F16", "bf_16", ""):
        cfg(
            f"backbone_bad_{v or 'empty'}",
            "an unknown dtype lists the variants in declaration order",
            backbone_dtype=v,
        )
        ycfg(f"backbone_bad_{v or 'empty'}", "an unknown dtype", backbone_dtype=v or "''")
    dtype = type_name(gen, "BackboneDtype" if gen <= 2 else "ComputePrecision")
    for text in ('"f16"', '"x"', "1", "null", '{"f16":null}'):
        add(f"dtype_alone_{text.strip(chr(34))[:8]}", "json", dtype, text, "the dtype enum alone")

    # ── max_grad_norm: finite or not
    for name, text in {
        "inf": ".inf",
        "neg_inf": "-.inf",
        "nan": ".nan",
        "NaN": ".NaN",
        "big": "1e400",
        "zero": "0.0",
        "big_finite": "1e300",
    }.items():
        ycfg(
            f"max_grad_norm_{name}",
            "a non-finite value is refused while reading from G4",
            max_grad_norm=text,
        )
    for name, text in {
        "overflow": "1e309",
        "nan_word": "NaN",
        "big": "1e300",
        "neg": "-2.5",
    }.items():
        cfg(
            f"max_grad_norm_{name}",
            "serde_json has no spelling for non-finite numbers",
            max_grad_norm=Raw(text),
        )
    cfg("max_grad_norm_string", "a string is not f64", max_grad_norm="inf")
    ycfg("max_grad_norm_tagged", "a tagged float", dialects=("yaml",), max_grad_norm="!!float .inf")

    # ── seed (u64, from G2)
    for name, raw in {
        "zero": "0",
        "max": "18446744073709551615",
        "over": "18446744073709551616",
        "neg": "-1",
        "float": "1.0",
        "exp": "1e3",
        "string": '"7"',
        "null": "null",
        "bool": "true",
        "huge": "1e400",
    }.items():
        cfg(f"seed_{name}", "seed is a u64 from G2 and an ignored field before", seed=Raw(raw))
    for name, text in {
        "max": "18446744073709551615",
        "over": "18446744073709551616",
        "neg": "-1",
        "hex": "0x10",
        "octal": "0o17",
        "null": "~",
        "float": "7.0",
        "underscore": "1_000",
        "plus": "+7",
        "string": "'7'",
    }.items():
        ycfg(f"seed_{name}", "seed in YAML", seed=text)

    # ── keep_last_n_checkpoints (Option<u32>, from G4)
    for name, raw in {
        "null": "null",
        "zero": "0",
        "one": "1",
        "max": "4294967295",
        "over": "4294967296",
        "neg": "-1",
        "float": "2.0",
        "string": '"3"',
        "u64max": "18446744073709551615",
        "list": "[1]",
    }.items():
        cfg(
            f"keep_{name}",
            "keep_last_n_checkpoints is an Option<u32> from G4",
            keep_last_n_checkpoints=Raw(raw),
        )
    for name, text in {
        "zero": "0",
        "max": "4294967295",
        "over": "4294967296",
        "neg": "-1",
        "null": "~",
        "hex": "0xFFFFFFFF",
    }.items():
        ycfg(f"keep_{name}", "keep_last_n_checkpoints in YAML", keep_last_n_checkpoints=text)

    # ── validate() rules added in G4 and G5, and their order
    cfg(
        "val_loss_no_split",
        "val_loss with no validation split (a G4 rule)",
        validation_fraction=0.0,
    )
    cfg("val_loss_neg_zero_split", "-0.0 == 0.0", validation_fraction=Raw("-0.0"))
    cfg(
        "train_loss_no_split",
        "train_loss needs no split",
        validation_fraction=0.0,
        early_stopping_metric="train_loss",
    )
    cfg(
        "no_split_default_metric",
        "early_stopping_metric defaults to val_loss",
        drop=("early_stopping_metric",),
        validation_fraction=0.0,
    )
    cfg(
        "no_split_and_bad_patience",
        "patience is checked before the split rule",
        validation_fraction=0.0,
        early_stopping_patience=0,
    )
    cfg(
        "no_split_and_bad_k",
        "the split rule comes before hard negatives",
        validation_fraction=0.0,
        hard_negatives={"mine": True, "k": 0, "exclude_hops": 1, "refresh_every": 1},
    )
    cfg(
        "keep_zero_and_bad_quantiles",
        "keep=0 is the last rule",
        keep_last_n_checkpoints=0,
        regression_loss="pinball",
    )
    cfg("keep_zero_only", "keep=0", keep_last_n_checkpoints=0)
    cfg("keep_zero_bad_rank", "lora_rank comes first", keep_last_n_checkpoints=0, lora_rank=0)
    cfg(
        "grad_acc_zero_split_bad",
        "grad accumulation before the split",
        gradient_accumulation_steps=0,
        validation_fraction=2.0,
    )
    cfg(
        "mine_ok",
        "mining with valid settings",
        hard_negatives={"mine": True, "k": 3, "exclude_hops": 2, "refresh_every": 1},
    )

    # ── warmup: the G5 enum with newtype variants
    W = type_name(gen, "Warmup") if gen >= 5 else None
    warmups: dict[str, Any] = {
        "steps": {"steps": 5},
        "steps_zero": {"steps": 0},
        "steps_max": {"steps": Raw("18446744073709551615")},
        "steps_over": {"steps": Raw("18446744073709551616")},
        "steps_neg": {"steps": -1},
        "steps_float": {"steps": 1.5},
        "steps_null": {"steps": None},
        "steps_string": {"steps": "5"},
        "fraction": {"fraction": 0.25},
        "fraction_int": {"fraction": 1},
        "fraction_zero": {"fraction": 0.0},
        "fraction_neg_zero": {"fraction": Raw("-0.0")},
        "fraction_one": {"fraction": 1.0},
        "fraction_below_one": {"fraction": 0.9999999999999999},
        "fraction_neg": {"fraction": -0.1},
        "fraction_two": {"fraction": 2.0},
        "fraction_1e20": {"fraction": 1e20},
        "fraction_1e300": {"fraction": 1e300},
        "fraction_1e_7": {"fraction": 1e-7},
        "fraction_min": {"fraction": Raw("5e-324")},
        "fraction_1_5": {"fraction": 1.5},
        "fraction_1e16": {"fraction": 1e16},
        "fraction_string": {"fraction": "0.1"},
        "fraction_null": {"fraction": None},
        "fraction_overflow": {"fraction": Raw("1e309")},
        "unit_steps": "steps",
        "unit_fraction": "fraction",
        "unknown_variant": {"minutes": 5},
        "capitalised": {"Steps": 5},
        "two_keys": Raw('{"steps":5,"fraction":0.1}'),
        "empty_map": {},
        "null": None,
        "list": [5],
        "number": 5,
        "steps_as_map": {"steps": {"n": 5}},
    }
    for name, value in warmups.items():
        cfg(f"warmup_{name}", "the warmup enum (G5; an unknown field before)", warmup=value)
    cfg(
        "warmup_bad_and_rank_zero",
        "lora_rank is checked before the warmup fraction",
        warmup={"fraction": 1.0},
        lora_rank=0,
    )
    cfg(
        "warmup_bad_and_alpha_bad",
        "the warmup fraction is checked before lora_alpha",
        warmup={"fraction": -1.0},
        lora_alpha=0.0,
    )
    cfg(
        "warmup_fraction_and_steps_kept",
        "warmup_steps next to a good warmup",
        warmup={"steps": 7},
        warmup_steps=7,
    )
    yaml_warmups = {
        "steps": ("!steps 5", "\n  steps: 5"),
        "fraction": ("!fraction 0.25", "\n  fraction: 0.25"),
        "fraction_one": ("!fraction 1.0", "\n  fraction: 1.0"),
        "fraction_inf": ("!fraction .inf", "\n  fraction: .inf"),
        "fraction_nan": ("!fraction .nan", "\n  fraction: .nan"),
        "fraction_neg_inf": ("!fraction -.inf", "\n  fraction: -.inf"),
        "fraction_1e20": ("!fraction 1e20", "\n  fraction: 1e20"),
        "fraction_1e_7": ("!fraction 1e-7", "\n  fraction: 1e-7"),
        "fraction_int": ("!fraction 1", "\n  fraction: 1"),
        "steps_neg": ("!steps -1", "\n  steps: -1"),
        "steps_float": ("!steps 1.5", "\n  steps: 1.5"),
        "steps_hex": ("!steps 0x10", "\n  steps: 0x10"),
        "steps_null": ("!steps ~", "\n  steps: ~"),
        "unit": ("steps", "steps"),
        "unit_tag": ("!steps", "!steps"),
        "unknown_tag": ("!minutes 5", "\n  minutes: 5"),
        "other_dialect": ("\n  steps: 5", "!steps 5"),
        "flow_map": ("{steps: 5}", "{fraction: 0.5}"),
        "two_keys": ("\n  steps: 5\n  fraction: 0.1", "\n  steps: 5\n  fraction: 0.1"),
        "null": ("~", "~"),
        "seq_tag": ("!steps [5]", "\n  steps: [5]"),
    }
    for name, (tags, sm) in yaml_warmups.items():
        ycfg(f"warmup_{name}", "the warmup enum in YAML", dialects=("yaml",), warmup=tags)
        ycfg(
            f"warmup_{name}", "the warmup enum in YAML", dialects=("yaml_singleton_map",), warmup=sm
        )
    if W is not None:
        for name, value in warmups.items():
            add(f"Warmup_{name}", "json", W, _dump(value), "the Warmup enum alone")
        for name, (tags, sm) in yaml_warmups.items():
            add(f"tags_Warmup_{name}", "yaml", W, tags.strip() + "\n", "the Warmup enum alone")
            add(
                f"sm_Warmup_{name}",
                "yaml_singleton_map",
                W,
                sm.strip().replace("\n  ", "\n") + "\n",
                "the Warmup enum alone",
            )

    # ── the held-out result types (G4+)
    if gen >= 4:
        hol = type_name(gen, "HeldOutLoss")
        exl = type_name(gen, "ExampleLoss")
        good = {
            "per_example": [{"example_id": "a#0", "loss": 0.1}, {"example_id": "b#0", "loss": 0.2}],
            "mean": 0.15,
            "count": 2,
            "tie_fraction": 0.0,
            "batch_partition_sha256": "ab" * 32,
            "in_batch_negatives_per_example": 7,
        }
        add("held_out_good", "json", hol, _dump(good), "a HeldOutLoss")
        add("held_out_pretty", "json", hol, _dump(good, 2), "a HeldOutLoss, pretty")
        for f in good:
            add(
                f"held_out_missing_{f}",
                "json",
                hol,
                _dump({k: v for k, v in good.items() if k != f}),
                "every field is required",
            )
        add(
            "held_out_extra",
            "json",
            hol,
            _dump(dict(good, extra=1)),
            "unknown fields are ignored (no deny_unknown_fields)",
        )
        add("held_out_count_neg", "json", hol, _dump(dict(good, count=-1)), "count is a usize")
        add("held_out_mean_null", "json", hol, _dump(dict(good, mean=None)), "mean is f64")
        add(
            "held_out_example_extra",
            "json",
            hol,
            _dump(dict(good, per_example=[{"example_id": "a", "loss": 1, "w": 2}])),
            "extra field in ExampleLoss",
        )
        add(
            "held_out_example_id_int",
            "json",
            hol,
            _dump(dict(good, per_example=[{"example_id": 1, "loss": 1}])),
            "example_id is a String",
        )
        add("example_good", "json", exl, '{"example_id":"x","loss":0.5}', "an ExampleLoss")
        add("example_missing_loss", "json", exl, '{"example_id":"x"}', "loss is required")
        add("example_seq", "json", exl, '["x", 0.5]', "a struct as a sequence")
        yaml_good = (
            "per_example:\n- example_id: a#0\n  loss: 0.1\nmean: 0.1\ncount: 1\n"
            "tie_fraction: 1.0\nbatch_partition_sha256: 'on'\nin_batch_negatives_per_example: 0\n"
        )
        for d in ("yaml", "yaml_singleton_map"):
            short = "tags" if d == "yaml" else "sm"
            add(f"{short}_held_out_good", d, hol, yaml_good, "a HeldOutLoss in YAML")
            add(
                f"{short}_held_out_inf_mean",
                d,
                hol,
                yaml_good.replace("mean: 0.1", "mean: .inf"),
                "a non-finite mean is fine",
            )
            add(
                f"{short}_held_out_missing_count",
                d,
                hol,
                yaml_good.replace("count: 1\n", ""),
                "count is required",
            )
    return out


def all_cases() -> dict[int, list[Case]]:
    by_gen = {gen: cases_for(gen) for gen in GENERATIONS}
    for gen, cases in by_gen.items():
        ids = [c["id"] for c in cases]
        dup = {i for i in ids if ids.count(i) > 1}
        assert not dup, f"duplicate case ids in g{gen}: {sorted(dup)}"
    return by_gen


if __name__ == "__main__":
    for gen, cases in all_cases().items():
        print(f"g{gen}: {len(cases)} cases")
