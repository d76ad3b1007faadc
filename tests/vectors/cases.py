"""Shared test-vector cases: inputs both serde (via the Rust harness) and jammi_wire read.

Each case is a dict with ``id`` (stable, unique), ``format`` ("json" | "yaml" |
"yaml_singleton_map"), ``type`` (a harness type name), ``input`` (the text) and
``why``. The expected outcomes are not written here: ``generate.py`` asks the real
serde and stores its answers next to the inputs in ``json.jsonl`` / ``yaml.jsonl``.
"""

from __future__ import annotations

import json
from typing import Any

Case = dict[str, str]

# Field order and serde defaults of FineTuneConfig, as Rust declares them.
DEFAULT: dict[str, Any] = {
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
USIZE = [
    "lora_rank",
    "epochs",
    "batch_size",
    "max_seq_length",
    "gradient_accumulation_steps",
    "early_stopping_patience",
    "warmup_steps",
]
F64 = [
    "lora_alpha",
    "lora_dropout",
    "learning_rate",
    "validation_fraction",
    "weight_decay",
    "max_grad_norm",
]
REQUIRED = [
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
# Option fields without #[serde(default)]: missing still means None.
OPTIONAL = ["embedding_loss", "classification_loss", "regression_loss", "layers_to_transform"]
DEFAULTED = [
    "quantile_levels",
    "early_stopping_metric",
    "target_modules",
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

ENUMS: dict[str, tuple[list[str], list[tuple[str, str]]]] = {
    # type: (unit variants, [(struct variant, its field)])
    "EmbeddingLoss": (
        ["co_sent", "angl_e", "cosine_mse"],
        [("triplet", "margin"), ("multiple_negatives_ranking", "temperature")],
    ),
    "RegressionLoss": (["gaussian_nll", "crps", "pinball"], [("beta_nll", "beta")]),
    "ClassificationLoss": (["cross_entropy"], []),
    "EarlyStoppingMetric": (["val_loss", "train_loss"], []),
    "LrSchedule": (["constant", "cosine_decay", "linear_decay"], []),
    "FineTuneMethod": (["lora"], []),
    "LoraInitMode": (["zeros_b", "gaussian"], []),
    "BackboneDtype": (["f32", "bf16", "f16"], []),
}


_RAW: dict[str, str] = {}


def _raw(value: str) -> str:
    """JSON text to splice in verbatim (numbers Python's json cannot spell, odd text)."""
    marker = f"@@raw{len(_RAW)}@@"
    _RAW[marker] = value
    return marker


def _dump(obj: Any, indent: int | None = None) -> str:
    text = json.dumps(obj, indent=indent, ensure_ascii=False)
    for marker, raw in _RAW.items():
        text = text.replace(f'"{marker}"', raw)
    return text


def config(indent: int | None = None, drop: tuple[str, ...] = (), **over: Any) -> str:
    obj = {k: v for k, v in DEFAULT.items() if k not in drop}
    obj.update(over)
    return _dump(obj, indent)


def minimal(**over: Any) -> str:
    """Only the required fields, one per line so positions in errors are distinctive."""
    obj = {k: DEFAULT[k] for k in REQUIRED}
    obj.update(over)
    return _dump(obj, 2)


def json_cases() -> list[Case]:
    cases: list[Case] = []

    def add(id_: str, type_: str, text: str, why: str) -> None:
        cases.append({"id": id_, "format": "json", "type": type_, "input": text, "why": why})

    ftc = "FineTuneConfig"
    add("default_compact", ftc, config(), "Default written compactly")
    add("default_pretty", ftc, config(2), "Default written pretty")
    add("minimal_required_only", ftc, minimal(), "serde(default) and Option fields may be absent")
    add("empty_object", ftc, "{}", "first missing field is lora_rank")
    add("null_top", ftc, "null", "a struct is not null")
    add("number_top", ftc, "0", "a struct is not a number")
    add("string_top", ftc, '"x"', "a struct is not a string")
    add("empty_array", ftc, "[]", "struct as a sequence with no elements: invalid length")
    add("empty_text", ftc, "", "EOF while parsing a value")
    add("whitespace_text", ftc, "  \n ", "EOF after whitespace")

    # ── each required field missing, null, wrong-typed
    for f in REQUIRED:
        add(f"missing_{f}", ftc, config(drop=(f,)), f"{f} has no serde default: missing field")
    for f in OPTIONAL:
        add(f"missing_{f}", ftc, config(drop=(f,)), "a missing Option field is None")
    for f in DEFAULTED:
        add(f"missing_{f}", ftc, config(drop=(f,)), "a serde(default) field may be absent")
    for f in DEFAULT:
        add(f"null_{f}", ftc, config(**{f: None}), "null only where the field is an Option")
    for f in USIZE:
        wrong = {
            "string": "8",
            "float": _raw("8.0"),
            "exp": _raw("1e2"),
            "negative": -1,
            "two_pow_64": _raw(str(2**64)),
            "bool": True,
            "list": [8],
            "object": {"a": 8},
        }
        for name, v in wrong.items():
            add(f"usize_{name}_{f}", ftc, config(**{f: v}), f"usize {f} given {name}")
        add(f"usize_zero_{f}", ftc, config(**{f: 0}), "0 decodes (validate may reject)")
        add(f"usize_max_{f}", ftc, config(**{f: 2**64 - 1}), "2^64-1 is the largest usize")
    for f in F64:
        wrong = {"string": "0.5", "bool": False, "list": [0.5], "object": {}, "nan": _raw("NaN")}
        for name, v in wrong.items():
            add(f"f64_{name}_{f}", ftc, config(**{f: v}), f"f64 {f} given {name}")
        add(f"f64_integer_{f}", ftc, config(**{f: _raw("1")}), "an integer reads as f64")
        add(f"f64_big_integer_{f}", ftc, config(**{f: _raw(str(2**64))}), "2^64 as f64")
        add(f"f64_out_of_range_{f}", ftc, config(**{f: _raw("1e309")}), "number out of range")
    for f in ["use_rslora", "cached"]:
        for name, v in {"int": 1, "string": "true", "null": None, "zero": 0}.items():
            add(f"bool_{name}_{f}", ftc, config(**{f: v}), "bool takes only true/false")
        add(f"bool_true_{f}", ftc, config(**{f: True}), "true decodes")

    # ── usize / f64 boundaries on one field each
    for text in [
        "-0",
        "0",
        "1",
        "18446744073709551615",
        "18446744073709551616",
        "-1",
        "1e2",
        "1.0",
        "1E0",
        "-0.0",
        "99999999999999999999999",
    ]:
        add(f"lora_rank_text_{text}", ftc, config(lora_rank=_raw(text)), "usize boundary text")
    floats = {
        "1e308": "1e308",
        "1e309": "1e309",
        "neg_1e309": "-1e309",
        "min_sub": "5e-324",
        "below_sub": "1e-400",
        "neg_zero": "-0.0",
        "neg_zero_int": "-0",
        "max": "1.7976931348623157e308",
        "17digit": "0.30000000000000004",
        "17digit_b": "2.2250738585072014e-308",
        "int": "16",
        "exp_plus": "1.6E+1",
        "1e16": "1e16",
        "1e-7": "1e-7",
        "1e22": "1e22",
        "1e-5": "1e-5",
        "1e-6": "0.000001",
        "big_fixed": "123456789012345680000.0",
        "fixed_1e15": "1000000000000000",
        "long_mantissa": "3.14159265358979323846264338327950288",
        "tiny_normal": "2.2250738585072011e-308",
        "many_zeros": "0." + "0" * 400 + "1",
        "leading_plus": "+1.0",
        "leading_dot": ".5",
        "trailing_dot": "5.",
        "leading_zero": "01.5",
        "hex": "0x10",
        "inf_word": "Infinity",
        "neg_inf_word": "-Infinity",
    }
    for name, text in floats.items():
        add(f"lora_alpha_{name}", ftc, config(lora_alpha=_raw(text)), f"f64 text {text[:40]}")
        add(f"quantile_{name}", ftc, config(quantile_levels=[_raw(text)]), "f64 inside a Vec")

    # ── validate(): just over and just at each boundary
    v = {
        "lora_rank_0": {"lora_rank": 0},
        "lora_rank_1": {"lora_rank": 1},
        "lora_alpha_0": {"lora_alpha": 0.0},
        "lora_alpha_neg": {"lora_alpha": -1.0},
        "lora_alpha_min": {"lora_alpha": _raw("5e-324")},
        "lora_alpha_neg_zero": {"lora_alpha": _raw("-0.0")},
        "dropout_0": {"lora_dropout": 0.0},
        "dropout_neg_zero": {"lora_dropout": _raw("-0.0")},
        "dropout_neg": {"lora_dropout": -1e-300},
        "dropout_1": {"lora_dropout": 1.0},
        "dropout_below_1": {"lora_dropout": 0.9999999999999999},
        "lr_0": {"learning_rate": 0.0},
        "lr_min": {"learning_rate": _raw("5e-324")},
        "lr_neg": {"learning_rate": -0.0002},
        "epochs_0": {"epochs": 0},
        "epochs_1": {"epochs": 1},
        "batch_0": {"batch_size": 0},
        "batch_1": {"batch_size": 1},
        "gas_0": {"gradient_accumulation_steps": 0},
        "gas_1": {"gradient_accumulation_steps": 1},
        "valfrac_0": {"validation_fraction": 0.0},
        "valfrac_1": {"validation_fraction": 1.0},
        "valfrac_neg": {"validation_fraction": -0.1},
        "valfrac_below_1": {"validation_fraction": 0.9999999999999999},
        "patience_0": {"early_stopping_patience": 0},
        "patience_1": {"early_stopping_patience": 1},
        "max_seq_0": {"max_seq_length": 0},
        "warmup_0": {"warmup_steps": 0},
        "hn_k0_mine": {
            "hard_negatives": {"mine": True, "k": 0, "exclude_hops": 1, "refresh_every": 1}
        },
        "hn_k0_nomine": {
            "hard_negatives": {"mine": False, "k": 0, "exclude_hops": 1, "refresh_every": 0}
        },
        "hn_refresh0_mine": {
            "hard_negatives": {"mine": True, "k": 1, "exclude_hops": 0, "refresh_every": 0}
        },
        "hn_mine_ok": {
            "hard_negatives": {"mine": True, "k": 1, "exclude_hops": 0, "refresh_every": 1}
        },
        "mdims_0": {"matryoshka_dims": [768, 0]},
        "mdims_ok": {"matryoshka_dims": [768, 256, 64]},
        "beta_0": {"regression_loss": {"beta_nll": {"beta": 0.0}}},
        "beta_1": {"regression_loss": {"beta_nll": {"beta": 1.0}}},
        "beta_over": {"regression_loss": {"beta_nll": {"beta": 1.0000000000000002}}},
        "beta_neg": {"regression_loss": {"beta_nll": {"beta": -1e-300}}},
        "beta_neg_zero": {"regression_loss": {"beta_nll": {"beta": _raw("-0.0")}}},
        "pinball_empty": {"regression_loss": "pinball"},
        "pinball_ok": {"regression_loss": "pinball", "quantile_levels": [0.05, 0.5, 0.95]},
        "pinball_q0": {"regression_loss": "pinball", "quantile_levels": [0.0, 0.5]},
        "pinball_q1": {"regression_loss": "pinball", "quantile_levels": [0.5, 1.0]},
        "pinball_qmin": {"regression_loss": "pinball", "quantile_levels": [_raw("5e-324")]},
        "pinball_qneg_zero": {"regression_loss": "pinball", "quantile_levels": [_raw("-0.0")]},
        "pinball_equal": {"regression_loss": "pinball", "quantile_levels": [0.5, 0.5]},
        "pinball_desc": {"regression_loss": "pinball", "quantile_levels": [0.9, 0.1]},
        "quantiles_ignored": {"regression_loss": "crps", "quantile_levels": [2.0, -1.0]},
        "first_rule_wins": {"lora_rank": 0, "epochs": 0, "lora_dropout": 2.0},
        "mine_and_beta": {
            "hard_negatives": {"mine": True, "k": 0, "exclude_hops": 1, "refresh_every": 1},
            "regression_loss": {"beta_nll": {"beta": 5.0}},
        },
    }
    for name, over in v.items():
        add(f"validate_{name}", ftc, config(**over), "validate() boundary")

    # ── Python repr vs serde float text on output
    for name, x in {
        "1e16": 1e16,
        "1e-7": 1e-7,
        "sum": 0.1 + 0.2,
        "1e22": 1e22,
        "big": 123456789012345680000.0,
        "1e-5": 1e-5,
        "9e15": 9999999999999998.0,
        "1e15": 1e15,
        "neg_tiny": -1e-320,
        "third": 1 / 3,
    }.items():
        add(f"float_text_{name}", ftc, config(weight_decay=x, max_grad_norm=-x), "float text")

    # ── variants
    for type_, (units, structs) in ENUMS.items():
        for u in units:
            add(f"{type_}_unit_{u}", type_, f'"{u}"', "unit variant as string")
            add(f"{type_}_unit_map_null_{u}", type_, f'{{"{u}": null}}', "unit from {v: null}")
            add(f"{type_}_unit_map_obj_{u}", type_, f'{{"{u}": {{}}}}', "unit from {v: {}} fails")
            add(f"{type_}_unit_map_arr_{u}", type_, f'{{"{u}": []}}', "unit from {v: []} fails")
        for s, field in structs:
            add(f"{type_}_struct_{s}", type_, f'{{"{s}": {{"{field}": 0.5}}}}', "struct variant")
            add(f"{type_}_struct_seq_{s}", type_, f'{{"{s}": [0.5]}}', "struct variant as sequence")
            add(f"{type_}_struct_seq_long_{s}", type_, f'{{"{s}": [0.5, 1]}}', "too many elements")
            add(f"{type_}_struct_seq_empty_{s}", type_, f'{{"{s}": []}}', "too few elements")
            add(f"{type_}_struct_bare_{s}", type_, f'"{s}"', "struct variant as bare string")
            add(f"{type_}_struct_null_{s}", type_, f'{{"{s}": null}}', "struct variant from null")
            add(f"{type_}_struct_missing_{s}", type_, f'{{"{s}": {{}}}}', "missing field")
            add(
                f"{type_}_struct_unknown_{s}",
                type_,
                f'{{"{s}": {{"{field}": 1, "x": [{{}}]}}}}',
                "unknown field inside a variant is ignored",
            )
            add(
                f"{type_}_struct_dup_{s}",
                type_,
                f'{{"{s}": {{"{field}": 1, "{field}": 2}}}}',
                "duplicate field in a variant",
            )
            add(
                f"{type_}_struct_wrongtype_{s}",
                type_,
                f'{{"{s}": {{"{field}": "1"}}}}',
                "string for f64",
            )
            add(f"{type_}_struct_int_{s}", type_, f'{{"{s}": {{"{field}": 2}}}}', "integer for f64")
        add(f"{type_}_unknown_variant", type_, '"nope"', "unknown variant lists expected ones")
        add(
            f"{type_}_camel",
            type_,
            f'"{units[0].title().replace("_", "")}"',
            "Rust name is not the wire name",
        )
        add(f"{type_}_two_keys", type_, f'{{"{units[0]}": null, "{units[-1]}": null}}', "two keys")
        add(f"{type_}_empty_map", type_, "{}", "empty map is not a variant")
        add(f"{type_}_null", type_, "null", "null is not a variant")
        add(f"{type_}_int", type_, "0", "variant index is not accepted")
        add(f"{type_}_list", type_, f'["{units[0]}"]', "a list is not a variant")
        add(f"{type_}_unknown_map", type_, '{"nope": null}', "unknown variant as map key")
    add("EmbeddingLoss_angle_wrong", "EmbeddingLoss", '"angle"', "AnglE is angl_e")
    add("EmbeddingLoss_ang_le", "EmbeddingLoss", '"ang_le"', "AnglE is angl_e")
    add("BackboneDtype_b_f16", "BackboneDtype", '"b_f16"', "lowercase, not snake case")
    add("BackboneDtype_upper", "BackboneDtype", '"BF16"', "case matters")
    add(
        "LoraInitMode_zeros_b_escaped",
        "LoraInitMode",
        '"zeros\\u005fb"',
        "escapes in variant names",
    )
    add("FineTuneMethod_upper", "FineTuneMethod", '"LORA"', "case matters")
    add(
        "EmbeddingLoss_struct_extra_key",
        "EmbeddingLoss",
        '{"triplet": {"margin": 1}, "x": 1}',
        "two keys",
    )
    add(
        "EmbeddingLoss_nested_variant_in_config",
        ftc,
        config(embedding_loss={"multiple_negatives_ranking": {"temperature": 20}}),
        "nested struct variant",
    )
    add(
        "config_embedding_unit_map",
        ftc,
        config(embedding_loss={"co_sent": None}),
        "unit from map in config",
    )
    add(
        "config_regression_seq",
        ftc,
        config(regression_loss={"beta_nll": [0.25]}),
        "variant as seq in config",
    )
    add("config_embedding_bad", ftc, config(embedding_loss="cosent"), "unknown variant in config")
    add("config_lr_schedule_null", ftc, config(lr_schedule=None), "not an Option")

    # HardNegativeConfig
    hn = "HardNegativeConfig"
    add(
        "hn_full", hn, '{"mine": true, "k": 5, "exclude_hops": 2, "refresh_every": 3}', "all fields"
    )
    add("hn_array", hn, "[true, 5, 2, 3]", "struct as array")
    add("hn_array_short", hn, "[true, 5]", "invalid length")
    add("hn_array_long", hn, "[true, 5, 2, 3, 4]", "trailing array element")
    add(
        "hn_missing_k",
        hn,
        '{"mine": true, "exclude_hops": 2, "refresh_every": 3}',
        "no defaults inside",
    )
    add("hn_empty", hn, "{}", "missing field mine")
    add(
        "hn_dup",
        hn,
        '{"mine": true, "mine": false, "k": 5, "exclude_hops": 2, "refresh_every": 3}',
        "dup",
    )
    add(
        "hn_k_neg",
        hn,
        '{"mine": true, "k": -5, "exclude_hops": 2, "refresh_every": 3}',
        "negative usize",
    )
    add(
        "hn_mine_int",
        hn,
        '{"mine": 1, "k": 5, "exclude_hops": 2, "refresh_every": 3}',
        "int for bool",
    )
    add(
        "config_hn_partial",
        ftc,
        config(hard_negatives={"mine": True}),
        "inner struct has no defaults",
    )
    add("config_hn_null", ftc, config(hard_negatives=None), "null for a defaulted struct")
    add("config_hn_array", ftc, config(hard_negatives=[True, 2, 1, 1]), "inner struct as array")

    # ── struct as array
    add("config_as_array", ftc, _dump(list(DEFAULT.values())), "struct as array of fields in order")
    add(
        "config_as_array_short",
        ftc,
        _dump(list(DEFAULT.values())[:12]),
        "array stops at a required field",
    )
    add(
        "config_as_array_defaults_short",
        ftc,
        _dump(list(DEFAULT.values())[:16]),
        "array shorter than its defaulted tail: invalid length",
    )
    add("config_as_array_long", ftc, _dump([*DEFAULT.values(), 1]), "one element too many")

    # ── collections
    add("rank_pattern_two", ftc, config(rank_pattern={"query": 16, "value": 4}), "map with 2 keys")
    add(
        "rank_pattern_dup",
        ftc,
        config(rank_pattern=_raw('{"q": 1, "q": 2}')),
        "last duplicate wins",
    )
    add("rank_pattern_bad_value", ftc, config(rank_pattern={"q": -1}), "negative usize in map")
    add("rank_pattern_float", ftc, config(rank_pattern={"q": 1.5}), "float in map")
    add("rank_pattern_list", ftc, config(rank_pattern=[["q", 1]]), "list for map")
    add("rank_pattern_unicode", ftc, config(rank_pattern={"ключ\u2028": 3}), "unicode key")
    add("rank_pattern_empty_key", ftc, config(rank_pattern={"": 3}), "empty key")
    add(
        "target_modules_many",
        ftc,
        config(target_modules=["query", "value", "all-linear"]),
        "strings",
    )
    add("target_modules_int", ftc, config(target_modules=["q", 1]), "int in string list")
    add("target_modules_string", ftc, config(target_modules="query"), "string for list")
    add("target_modules_object", ftc, config(target_modules={"a": "b"}), "object for list")
    add("target_modules_null_elem", ftc, config(target_modules=[None]), "null in list")
    add(
        "target_modules_odd_strings",
        ftc,
        config(
            target_modules=[
                "",
                "yes",
                "1e3",
                "~",
                "null",
                'a"b',
                "\\",
                "\n\t\x01\x1f\x7f",
                "/",
                "é😀",
                "\u2028",
            ]
        ),
        "string escaping on output",
    )
    add("layers_some", ftc, config(layers_to_transform=[0, 1, 11]), "Option<Vec<usize>>")
    add("layers_empty", ftc, config(layers_to_transform=[]), "Some(empty)")
    add("layers_neg", ftc, config(layers_to_transform=[0, -1]), "negative in Option<Vec>")
    add("mdims_float", ftc, config(matryoshka_dims=[64.0]), "float in Vec<usize>")
    add("quantile_levels_null_elem", ftc, config(quantile_levels=[0.5, None]), "null in Vec<f64>")
    add("quantile_levels_object", ftc, config(quantile_levels={"a": 1}), "object for list")

    # ── JSON text oddities
    base = config()
    add("dup_field_epochs", ftc, base[:-1] + ',"epochs":4}', "duplicate struct field")
    add("dup_field_first", ftc, '{"lora_rank":1,' + base[1:], "duplicate lora_rank")
    add("dup_field_optional", ftc, base[:-1] + ',"embedding_loss":null}', "duplicate Option field")
    add("unknown_field", ftc, base[:-1] + ',"lora_rnak":4}', "unknown field ignored")
    add(
        "unknown_field_nested",
        ftc,
        base[:-1] + ',"x":{"a":[1,{"b":null}],"c":"d"}}',
        "ignored nested",
    )
    add(
        "unknown_field_deep", ftc, base[:-1] + ',"x":' + "[" * 200 + "]" * 200 + "}", "deep ignored"
    )
    add(
        "unknown_field_deep_obj",
        ftc,
        base[:-1] + ',"x":' + '{"a":' * 120 + "1" + "}" * 120 + "}",
        "deep objects",
    )
    add("unknown_field_bad_number", ftc, base[:-1] + ',"x":01}', "ignored values are still JSON")
    add("unknown_field_nan", ftc, base[:-1] + ',"x":NaN}', "ignored values are still JSON")
    add("unknown_field_huge_number", ftc, base[:-1] + ',"x":1e999}', "ignored out-of-range number")
    add(
        "unknown_field_lone_surrogate",
        ftc,
        base[:-1] + ',"x":"\\ud800"}',
        "lone surrogate in ignored",
    )
    add("bom", ftc, "\ufeff" + base, "UTF-8 BOM is an error")
    add("trailing_comma_object", ftc, base[:-1] + ",}", "trailing comma")
    add(
        "trailing_comma_array",
        ftc,
        config(target_modules=_raw('["a",]')),
        "trailing comma in array",
    )
    add("line_comment", ftc, "// c\n" + base, "comments are errors")
    add("block_comment", ftc, base[:-1] + "/*c*/}", "comments are errors")
    add("trailing_chars", ftc, base + "x", "trailing characters")
    add("trailing_value", ftc, base + " {}", "trailing characters")
    add("trailing_whitespace", ftc, base + " \n\t\r ", "trailing whitespace is fine")
    add("leading_zero_usize", ftc, config(lora_rank=_raw("08")), "leading zero")
    add("leading_zero_float", ftc, config(lora_alpha=_raw("00.5")), "leading zero")
    add("nan_literal", ftc, config(lora_alpha=_raw("NaN")), "NaN is not JSON")
    add("single_quotes", ftc, "{'lora_rank': 8}", "single quotes")
    add("unquoted_key", ftc, "{lora_rank: 8}", "unquoted key")
    add("truncated", ftc, base[:50], "EOF in the middle")
    add("truncated_string", ftc, base[:3], "EOF inside a key")
    add("truncated_after_colon", ftc, '{"lora_rank":', "EOF after colon")
    add("missing_colon", ftc, '{"lora_rank" 8}', "expected colon")
    add("missing_comma", ftc, '{"lora_rank":8 "epochs":3}', "expected comma")
    add("key_number", ftc, "{8: 8}", "keys must be strings")
    add("escaped_key", ftc, base.replace('"lora_rank"', '"lora\\u005frank"'), "escaped key matches")
    add(
        "escaped_key_unicode",
        ftc,
        base.replace('"epochs"', '"\\u0065pochs"'),
        "escaped key matches",
    )
    add("escape_bad", ftc, config(target_modules=_raw('["\\x41"]')), "invalid escape")
    add("escape_lone_high", ftc, config(target_modules=_raw('["\\ud800"]')), "lone surrogate")
    add("escape_lone_low", ftc, config(target_modules=_raw('["\\udc00"]')), "lone low surrogate")
    add("escape_pair", ftc, config(target_modules=_raw('["\\ud83d\\ude00"]')), "surrogate pair")
    add("escape_high_then_char", ftc, config(target_modules=_raw('["\\ud800x"]')), "unpaired high")
    add("escape_short_u", ftc, config(target_modules=_raw('["\\u12"]')), "short unicode escape")
    add("raw_control_char", ftc, config(target_modules=_raw('["a\tb"]')), "raw tab in string")
    add("raw_newline", ftc, config(target_modules=_raw('["a\nb"]')), "raw newline in string")
    add("raw_del", ftc, config(target_modules=_raw('["a\x7fb"]')), "DEL is allowed raw")
    add(
        "escape_all_short",
        ftc,
        config(target_modules=_raw('["\\b\\f\\n\\r\\t\\/\\\\\\""]')),
        "short escapes",
    )
    add("crlf_pretty", ftc, config(2).replace("\n", "\r\n"), "CRLF newlines")
    add("error_line_3", ftc, minimal(epochs="3"), "error position on line 7")
    add("error_after_crlf", ftc, minimal(epochs="3").replace("\n", "\r\n"), "column after CRLF")
    add("error_after_unicode", ftc, '{"x":"é😀","lora_rank":"8"}', "column counts bytes")
    add("error_in_array", ftc, config(2, matryoshka_dims=[1, 2, "3"]), "position inside array")
    add(
        "error_missing_pos",
        ftc,
        config(2, drop=("epochs",)).replace("\n}", "\n\n  }"),
        "missing field position is the closing brace",
    )
    add("true_literal_bad", ftc, config(cached=_raw("tru")), "bad literal")
    add("true_literal_caps", ftc, config(cached=_raw("True")), "Python literal")
    add("null_literal_caps", ftc, config(embedding_loss=_raw("None")), "Python literal")
    add("minus_only", ftc, config(lora_alpha=_raw("-")), "invalid number")
    add("exp_no_digits", ftc, config(lora_alpha=_raw("1e")), "invalid number")
    add("dot_no_digits", ftc, config(lora_alpha=_raw("1.")), "invalid number")
    return cases


# ── YAML ──────────────────────────────────────────────────────────────────────

YAML_DEFAULT = """lora_rank: 8
lora_alpha: 16.0
lora_dropout: 0.05
learning_rate: 0.0002
epochs: 3
batch_size: 8
max_seq_length: 512
embedding_loss: null
classification_loss: null
regression_loss: null
quantile_levels: []
gradient_accumulation_steps: 1
validation_fraction: 0.1
early_stopping_patience: 3
warmup_steps: 100
lr_schedule: cosine_decay
early_stopping_metric: val_loss
target_modules: []
layers_to_transform: null
use_rslora: false
rank_pattern: {}
init_lora_weights: zeros_b
backbone_dtype: f32
weight_decay: 0.01
max_grad_norm: 1.0
cached: false
hard_negatives:
  mine: false
  k: 1
  exclude_hops: 1
  refresh_every: 1
matryoshka_dims: []
"""


def yaml_with(field: str, value_text: str) -> str:
    """The default YAML config with one top-level field's value replaced (text after ':')."""
    lines = YAML_DEFAULT.splitlines()
    out: list[str] = []
    skip = False
    for line in lines:
        if skip and line.startswith("  "):
            continue
        skip = False
        if line.startswith(field + ":"):
            out.append(f"{field}:{value_text}")
            skip = field == "hard_negatives"
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def yaml_without(field: str) -> str:
    return (
        "\n".join(
            line
            for line in YAML_DEFAULT.splitlines()
            if not line.startswith(field + ":")
            and not (field == "hard_negatives" and line.startswith("  "))
        )
        + "\n"
    )


def yaml_cases() -> list[Case]:
    cases: list[Case] = []

    def add(id_: str, type_: str, text: str, why: str, fmt: str = "yaml") -> None:
        cases.append({"id": id_, "format": fmt, "type": type_, "input": text, "why": why})

    ftc = "FineTuneConfig"
    both = ("yaml", "yaml_singleton_map")
    for fmt in both:
        add(f"{fmt}_default", ftc, YAML_DEFAULT, "Default as serde_yaml writes it", fmt)
        add(f"{fmt}_flow", ftc, config(), "JSON is YAML flow syntax", fmt)
        add(f"{fmt}_empty_doc", ftc, "", "empty document", fmt)
        add(f"{fmt}_empty_map", ftc, "{}", "missing field", fmt)
        add(
            f"{fmt}_two_docs",
            ftc,
            YAML_DEFAULT + "---\n" + YAML_DEFAULT,
            "more than one document",
            fmt,
        )
        add(f"{fmt}_doc_marker", ftc, "---\n" + YAML_DEFAULT, "leading --- is fine", fmt)
        add(f"{fmt}_doc_end", ftc, YAML_DEFAULT + "...\n", "document end marker", fmt)

    # scalars resolved by target type: usize
    usize_texts = {
        "yes": " yes",
        "on": " on",
        "null": " ~",
        "octal_leading0": " 010",
        "hex": " 0x10",
        "hex_upper": " 0X10",
        "octal": " 0o10",
        "bin": " 0b101",
        "plus": " +8",
        "exp": " 1e2",
        "float": " 8.0",
        "quoted": " '8'",
        "dquoted": ' "8"',
        "neg": " -1",
        "underscore": " 1_000",
        "max": " 18446744073709551615",
        "over": " 18446744073709551616",
        "zero": " 0",
        "neg_zero": " -0",
        "tagged_int": " !!int 8",
        "tagged_str": " !!str 8",
        "true": " true",
        "empty": "",
        "list": " [8]",
        "sexagesimal": " 1:30",
        "hex_max": " 0xffffffffffffffff",
        "hex_over": " 0x10000000000000000",
    }
    for name, t in usize_texts.items():
        for fmt in both:
            add(
                f"{fmt}_lora_rank_{name}",
                ftc,
                yaml_with("lora_rank", t),
                "usize scalar resolution",
                fmt,
            )
    f64_texts = {
        "exp": " 2e-4",
        "exp_upper": " 1E5",
        "dot_first": " .5",
        "dot_last": " 5.",
        "plus": " +1.5",
        "inf": " .inf",
        "neg_inf": " -.inf",
        "inf_caps": " .Inf",
        "INF": " .INF",
        "nan": " .nan",
        "NaN": " .NaN",
        "quoted": " '1.5'",
        "hex": " 0x10",
        "null": " ~",
        "underscore": " 1_000.0",
        "int": " 16",
        "neg_zero": " -0.0",
        "1e16": " 1e16",
        "1e309": " 1e309",
        "sub": " 5e-324",
        "inf_word": " inf",
        "nan_word": " nan",
        "infinity": " infinity",
        "yes": " yes",
        "octal": " 0o10",
        "tagged_float": " !!float 1",
        "17digit": " 0.30000000000000004",
        "leading0": " 010",
    }
    for name, t in f64_texts.items():
        for fmt in both:
            add(
                f"{fmt}_lora_alpha_{name}",
                ftc,
                yaml_with("lora_alpha", t),
                "f64 scalar resolution",
                fmt,
            )
    bool_texts = {
        "yes": " yes",
        "on": " on",
        "y": " y",
        "True": " True",
        "TRUE": " TRUE",
        "tRue": " tRue",
        "False": " False",
        "quoted": " 'true'",
        "one": " 1",
        "null": " ~",
    }
    for name, t in bool_texts.items():
        add(f"yaml_cached_{name}", ftc, yaml_with("cached", t), "bool scalar resolution")
    str_texts = {
        "yes": "yes",
        "one": "1",
        "tilde": "~",
        "exp": "1e3",
        "null": "null",
        "empty_quoted": "''",
        "true": "true",
        "octal": "010",
        "date": "2024-01-01",
        "colon": "'a: b'",
        "multiline": "|\n    a\n    b",
        "folded": ">\n    a\n    b",
        "unicode": "é😀",
        "tagged": "!!str 1",
        "escape": '"\\t\\u00e9"',
        "null_word": "Null",
    }
    for name, t in str_texts.items():
        add(
            f"yaml_target_modules_{name}",
            ftc,
            yaml_with("target_modules", f"\n- {t}"),
            "string scalars",
        )
    for name, t in {
        "tilde": " ~",
        "null": " null",
        "Null": " Null",
        "NULL": " NULL",
        "empty": "",
        "nUll": " nUll",
        "quoted": " 'null'",
    }.items():
        add(f"yaml_null_{name}", ftc, yaml_with("layers_to_transform", t), "null forms for Option")
        add(f"yaml_null_required_{name}", ftc, yaml_with("weight_decay", t), "null for f64")

    # enums: tags dialect
    for type_, (units, structs) in ENUMS.items():
        u = units[0]
        add(f"yaml_{type_}_plain", type_, u, "unit variant plain")
        add(f"yaml_{type_}_quoted", type_, f"'{u}'", "unit variant quoted")
        add(f"yaml_{type_}_tag", type_, f"!{u}", "unit variant as tag")
        add(f"yaml_{type_}_tag_null", type_, f"!{u} ~", "unit variant tag with null")
        add(f"yaml_{type_}_map_null", type_, f"{u}: ~", "unit as singleton map")
        add(f"yaml_{type_}_unknown", type_, "nope", "unknown variant")
        add(f"yaml_{type_}_unknown_tag", type_, "!nope", "unknown variant tag")
        add(f"yaml_sm_{type_}_plain", type_, u, "unit plain, singleton_map", "yaml_singleton_map")
        add(f"yaml_sm_{type_}_map_null", type_, f"{u}: ~", "unit as map", "yaml_singleton_map")
        add(
            f"yaml_sm_{type_}_tag",
            type_,
            f"!{u}",
            "tag in singleton_map dialect",
            "yaml_singleton_map",
        )
        add(f"yaml_sm_{type_}_unknown", type_, "nope", "unknown variant", "yaml_singleton_map")
        for s, field in structs:
            add(f"yaml_{type_}_{s}_block", type_, f"!{s}\n{field}: 0.5\n", "tagged block mapping")
            add(f"yaml_{type_}_{s}_flow", type_, f"!{s} {{{field}: 0.5}}", "tagged flow mapping")
            add(
                f"yaml_{type_}_{s}_map",
                type_,
                f"{s}: {{{field}: 0.5}}",
                "singleton map rejected in 0.9",
            )
            add(f"yaml_{type_}_{s}_bare", type_, s, "struct variant as bare scalar")
            add(
                f"yaml_{type_}_{s}_unknown_field",
                type_,
                f"!{s} {{{field}: 1, x: [1]}}",
                "ignored field",
            )
            add(f"yaml_{type_}_{s}_missing", type_, f"!{s} {{}}", "missing field")
            add(f"yaml_{type_}_{s}_seq", type_, f"!{s} [0.5]", "tagged sequence")
            add(
                f"yaml_sm_{type_}_{s}_map",
                type_,
                f"{s}:\n  {field}: 0.5\n",
                "singleton map",
                "yaml_singleton_map",
            )
            add(
                f"yaml_sm_{type_}_{s}_flow",
                type_,
                f"{{{s}: {{{field}: 0.5}}}}",
                "flow",
                "yaml_singleton_map",
            )
            add(
                f"yaml_sm_{type_}_{s}_tag",
                type_,
                f"!{s} {{{field}: 0.5}}",
                "tag in sm",
                "yaml_singleton_map",
            )
            add(
                f"yaml_sm_{type_}_{s}_two",
                type_,
                f"{{{s}: {{{field}: 0.5}}, x: 1}}",
                "two keys",
                "yaml_singleton_map",
            )
            add(
                f"yaml_sm_{type_}_{s}_quoted_field",
                type_,
                f"{s}: {{{field}: '0.5'}}",
                "quoted float",
                "yaml_singleton_map",
            )
    add(
        "yaml_config_triplet",
        ftc,
        yaml_with("embedding_loss", " !triplet\n  margin: 0.5"),
        "nested tag",
    )
    add(
        "yaml_config_triplet_map",
        ftc,
        yaml_with("embedding_loss", "\n  triplet:\n    margin: 0.5"),
        "map form",
    )
    add(
        "yaml_sm_config_triplet_map",
        ftc,
        yaml_with("embedding_loss", "\n  triplet:\n    margin: 0.5"),
        "map form",
        "yaml_singleton_map",
    )
    add(
        "yaml_sm_config_beta",
        ftc,
        yaml_with("regression_loss", " {beta_nll: {beta: 0.25}}"),
        "flow map",
        "yaml_singleton_map",
    )
    add(
        "yaml_config_beta_tag",
        ftc,
        yaml_with("regression_loss", " !beta_nll {beta: 0.25}"),
        "flow tag",
    )
    add(
        "yaml_config_schedule_tag",
        ftc,
        yaml_with("lr_schedule", " !constant"),
        "unit tag in config",
    )
    add("yaml_config_bf16", ftc, yaml_with("backbone_dtype", " bf16"), "lowercase variant")
    add("yaml_config_bf16_upper", ftc, yaml_with("backbone_dtype", " BF16"), "case matters")

    # structure
    add("yaml_dup_key", ftc, YAML_DEFAULT + "epochs: 4\n", "duplicate struct field")
    add(
        "yaml_dup_rank_pattern",
        ftc,
        yaml_with("rank_pattern", "\n  q: 1\n  q: 2"),
        "duplicate map key",
    )
    add(
        "yaml_rank_pattern_two",
        ftc,
        yaml_with("rank_pattern", "\n  query: 16\n  value: 4"),
        "two keys",
    )
    add(
        "yaml_rank_pattern_int_key",
        ftc,
        yaml_with("rank_pattern", "\n  1: 16"),
        "int key for String",
    )
    add("yaml_rank_pattern_null_key", ftc, yaml_with("rank_pattern", "\n  ~: 16"), "null key")
    add("yaml_rank_pattern_bool_key", ftc, yaml_with("rank_pattern", "\n  true: 16"), "bool key")
    add(
        "yaml_rank_pattern_complex_key",
        ftc,
        yaml_with("rank_pattern", "\n  ? [a]\n  : 16"),
        "seq key",
    )
    add("yaml_unknown_field", ftc, YAML_DEFAULT + "lora_rnak: 4\n", "unknown field ignored")
    add(
        "yaml_merge_key", ftc, "base: &b\n  epochs: 9\n<<: *b\n" + YAML_DEFAULT, "<< is not applied"
    )
    add(
        "yaml_merge_only",
        ftc,
        "<<: {lora_rank: 4}\n" + yaml_without("lora_rank"),
        "merge does not supply",
    )
    add(
        "yaml_anchor_alias",
        ftc,
        yaml_with("epochs", " &e 5").replace("batch_size: 8", "batch_size: *e"),
        "aliases work",
    )
    add("yaml_alias_unknown", ftc, "x: &a [1, 2]\n" + YAML_DEFAULT, "anchor in ignored field")
    add("yaml_alias_undefined", ftc, yaml_with("epochs", " *nope"), "undefined alias")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        refs = ", ".join([f"*{prev}"] * 9)
        bomb += f"{cur}: &{cur} [{refs}]\n"
    add(
        "yaml_alias_bomb_ignored",
        ftc,
        bomb + YAML_DEFAULT,
        "alias bomb in ignored fields is skipped",
    )
    add(
        "yaml_alias_bomb_used",
        ftc,
        bomb + yaml_with("target_modules", " *i"),
        "alias bomb into a known field: repetition limit",
    )
    add(
        "yaml_deep_ignored",
        ftc,
        YAML_DEFAULT + "x: " + "[" * 200 + "]" * 200 + "\n",
        "deep ignored",
    )
    add("yaml_bad_indent", ftc, YAML_DEFAULT + "  epochs: 3\n", "bad indentation")
    add("yaml_tab", ftc, "\tlora_rank: 8\n", "tab indentation")
    add("yaml_seq_top", ftc, "- 1\n- 2\n", "struct from sequence")
    add("yaml_scalar_top", ftc, "hello", "struct from scalar")
    add(
        "yaml_wrong_type_nested",
        ftc,
        yaml_with(
            "hard_negatives", "\n  mine: false\n  k: x\n  exclude_hops: 1\n  refresh_every: 1"
        ),
        "path and position in nested error",
    )
    add("yaml_wrong_type_seq", ftc, yaml_with("matryoshka_dims", "\n- 1\n- x"), "path with index")
    add(
        "yaml_hn_partial",
        ftc,
        yaml_with("hard_negatives", "\n  mine: true"),
        "inner struct no defaults",
    )
    add("yaml_layers_some", ftc, yaml_with("layers_to_transform", "\n- 0\n- 11"), "Option<Vec>")
    add("yaml_quantiles", ftc, yaml_with("quantile_levels", " [0.05, .5, 9.5e-1]"), "floats")
    add(
        "yaml_odd_strings_out",
        ftc,
        yaml_with(
            "target_modules",
            " ['', 'yes', '1e3', '~', 'null', '010', '2e-4', 'True', 'on', \"a\\nb\", 'é']",
        ),
        "string quoting on output",
    )
    add("yaml_bom", ftc, "\ufeff" + YAML_DEFAULT, "BOM in YAML")
    add(
        "yaml_comment",
        ftc,
        "# c\n" + YAML_DEFAULT.replace("epochs: 3", "epochs: 3 # three"),
        "comments ok",
    )
    add("yaml_tagged_struct", ftc, "!cfg\n" + YAML_DEFAULT, "tag on the struct")
    add(
        "yaml_float_text_out",
        ftc,
        yaml_with("weight_decay", " 1e16").replace("max_grad_norm: 1.0", "max_grad_norm: 1e-7"),
        "float output",
    )
    add("yaml_inf_out", ftc, yaml_with("weight_decay", " .inf"), "inf written as .inf")
    _yaml_reader_regressions(add)
    return cases


def _yaml_reader_regressions(add: Any) -> None:
    """Fuzz crashes (tests/fuzz/regressions) and serde_yaml reading rules found by the
    live tests: tags on scalars, singleton-map strictness, errors before a syntax error."""
    ftc, hn, emb = "FineTuneConfig", "HardNegativeConfig", "EmbeddingLoss"
    add("yaml_nul_first", ftc, "\x00", "reader error at offset 0: no position")
    add("yaml_nul_later", ftc, "a: 1\x00\n", "reader error: at position N")
    add("yaml_ctrl_in_value", ftc, yaml_with("epochs", " 3\x01"), "control character")
    add("yaml_int_5000_digits", ftc, yaml_with("lora_rank", " 1" + "0" * 5000), "huge int")
    add("yaml_int_45_digits", ftc, yaml_with("lora_rank", " 1" + "0" * 45), "float-sized")
    add("yaml_int_neg_hex", ftc, yaml_with("lora_rank", " -0x10"), "negative hex")
    add("yaml_int_plus_hex", ftc, yaml_with("lora_rank", " +0x10"), "+ then radix")
    add("yaml_f64_leading_zero", ftc, yaml_with("lora_alpha", " 010"), "f64 takes 010")
    add("yaml_f64_tagged_str", ftc, yaml_with("lora_alpha", " !!str 1.5"), "plain: tag ignored")
    add("yaml_f64_tagged_quoted", ftc, yaml_with("lora_alpha", " !!float '1.5'"), "quoted")
    add("yaml_usize_literal_int", ftc, yaml_with("lora_rank", " !!int |\n  8"), "literal")
    add("yaml_usize_local_tag", ftc, yaml_with("lora_rank", " !x 8"), "local tag, plain")
    add("yaml_bool_tag_bad", ftc, yaml_with("cached", " !!bool maybe"), "!!bool refuses")
    add("yaml_bool_tag_null", ftc, yaml_with("cached", " !!null ~"), "!!null on a bool")
    add("yaml_int_tag_bad", ftc, yaml_with("epochs", " !!int x"), "!!int refuses")
    add("yaml_option_null_tag", ftc, yaml_with("lr_schedule", " !!null ~"), "!!null None")
    add("yaml_option_null_tag_bad", ftc, yaml_with("lr_schedule", " !!null x"), "!!null x")
    add("yaml_option_str_tilde", ftc, yaml_with("lr_schedule", " !!str ~"), "!!str ~: Some")
    add("yaml_str_core_tag", ftc, yaml_with("target_modules", " [!!str 1, !x y]"), "any tag")
    add("yaml_seq_tagged", ftc, yaml_with("target_modules", " !list [a]"), "tag ignored")
    add("yaml_seq_empty_plain", ftc, yaml_with("target_modules", ""), "empty is []")
    add("yaml_unknown_anchor", ftc, yaml_with("epochs", " *nope"), "unknown anchor")
    add("yaml_error_then_syntax", ftc, "lora_rank: x\nfoo: [\n", "value error first")
    add("yaml_syntax_context", ftc, "a: b\nc", "libyaml context text")
    add("yaml_deep_ignored_999", ftc, yaml_with("zz", " " + "[" * 999 + "]" * 999), "deep")
    add("yaml_hn_seq_key", hn, "{[a]: 1, mine: true, k: 1, exclude_hops: 1, refresh_every: 1}", "")
    add("yaml_hn_map_key", hn, "mine: true\nk: 1\n? {a: 1}\n: 2\nexclude_hops: 1\n", "key")
    add("yaml_hn_odd_keys", hn, "mine: true\nk: 1\n1: 3\n~: 4\n!!int 5: 3\n", "ignored keys")
    add("yaml_hn_seq", hn, "- true\n- 1\n- 1\n- 1\n", "no struct from a sequence")
    add("yaml_hn_tagged_map", hn, "!x {mine: true, k: 1, exclude_hops: 1, refresh_every: 1}", "")
    for fmt in ("yaml", "yaml_singleton_map"):
        p = "yaml_sm_" if fmt != "yaml" else "yaml_tags_"
        add(p + "unit_tagged", emb, "!co_sent\n", "local tag", fmt)
        add(p + "unit_tagged_null", emb, "!co_sent ~\n", "tag with null", fmt)
        add(p + "unit_tagged_foo", emb, "!co_sent foo\n", "tag with content", fmt)
        add(p + "unit_tagged_map", emb, "!co_sent {}\n", "tag with a map", fmt)
        add(p + "struct_tagged_empty", emb, "!triplet\n", "empty plain content", fmt)
        add(p + "struct_tagged_scalar", emb, "!triplet 0.5\n", "scalar content", fmt)
        add(p + "struct_bad_field", emb, "!triplet {margin: abc}\n", "path", fmt)
        add(p + "core_tag_name", emb, "!!str co_sent\n", "core tag: a name", fmt)
        add(p + "bang_only", emb, "! co_sent\n", "non-specific tag", fmt)
        add(p + "null", emb, "~\n", "null", fmt)
        add(p + "bool", emb, "true\n", "bool", fmt)
        add(p + "seq", emb, "[1]\n", "sequence", fmt)
        add(p + "map_empty", emb, "{}\n", "empty map", fmt)
        add(p + "map_two", emb, "{triplet: {margin: 0.5}, co_sent: ~}\n", "two keys", fmt)
        add(p + "map_bad_then_two", emb, "{triplet: 1, co_sent: ~}\n", "content first", fmt)
        add(p + "map_field", emb, "{triplet: {margin: x}}\n", "path", fmt)
        add(p + "map_seq_key", emb, "{[a]: 1}\n", "complex key", fmt)
        add(p + "bool_tag_bad", emb, "!!bool x\n", "!!bool", fmt)
        add(p + "int_tag", emb, "!!int 5\n", "!!int", fmt)
        add(p + "quoted_empty", emb, "''\n", "empty name", fmt)


def all_cases() -> list[Case]:
    cases = json_cases() + yaml_cases()
    ids = [c["id"] for c in cases]
    dup = {i for i in ids if ids.count(i) > 1}
    assert not dup, f"duplicate case ids: {sorted(dup)}"
    return cases


if __name__ == "__main__":
    cs = all_cases()
    print(
        sum(c["format"] == "json" for c in cs),
        "json;",
        sum(c["format"] != "json" for c in cs),
        "yaml",
    )
