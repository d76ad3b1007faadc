"""JSON reading rules of wire-format.md, each a literal input and serde_json's verdict.

Every expected message below was printed by serde_json 1.0.149 (float_roundtrip)
deserializing the same text into the same Rust type; the library adds a field path,
checked separately. Each case runs on both parsers (orjson fast path and stdlib).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

import jammi_wire as jw
from jammi_wire import EmbeddingLoss, FineTuneConfig, HardNegativeConfig, WireError
from jammi_wire.preconf import json as pj


@pytest.fixture(params=[True, False, "stdlib"], ids=["fast", "stdlib", "stdlib_fast"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[bool]:
    # "stdlib": the generated readers on the stdlib parser's tree (documents over 1 MiB)
    monkeypatch.setattr(pj, "_FAST_READ", bool(request.param))
    if request.param == "stdlib":
        monkeypatch.setattr(pj, "_FAST_READ_LIMIT", -1)
    yield bool(request.param)


def serde_text(err: WireError) -> str:
    """The error as serde_json's Display writes it (the library's path left out)."""
    if err.line is None:
        return err.message
    return f"{err.message} at line {err.line} column {err.column}"


def read(text: str | bytes, cls: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return jw.from_json(text, cls, validate=False)


def fails(text: str | bytes, cls: Any) -> WireError:
    with pytest.raises(WireError) as info:
        read(text, cls)
    assert not isinstance(info.value, jw.FineTuneError)
    return info.value


HN = '{{"mine":false,"k":{},"exclude_hops":1,"refresh_every":1}}'

# (k's JSON text, serde_json's message)
USIZE_REJECTS = [
    ("8.0", "invalid type: floating point `8.0`, expected usize at line 1 column 21"),
    ('"8"', 'invalid type: string "8", expected usize at line 1 column 21'),
    ("-1", "invalid value: integer `-1`, expected usize at line 1 column 20"),
    ("true", "invalid type: boolean `true`, expected usize at line 1 column 22"),
    ("null", "invalid type: null, expected usize at line 1 column 22"),
    ("1e2", "invalid type: floating point `100.0`, expected usize at line 1 column 21"),
]


@pytest.mark.parametrize(("k", "message"), USIZE_REJECTS)
def test_usize_rejects(parser: bool, k: str, message: str) -> None:
    err = fails(HN.format(k), HardNegativeConfig)
    assert serde_text(err) == message
    assert err.path == ("k",)
    assert str(err) == f"k: {message}"


@pytest.mark.parametrize(
    ("k", "value"), [("0", 0), ("8", 8), ("18446744073709551615", 18446744073709551615)]
)
def test_usize_accepts(parser: bool, k: str, value: int) -> None:
    assert read(HN.format(k), HardNegativeConfig).k == value


def test_usize_past_u64_is_a_float_to_serde(parser: bool) -> None:
    err = fails(HN.format("18446744073709551616"), HardNegativeConfig)
    assert serde_text(err) == (
        "invalid type: floating point `1.8446744073709552e+19`, expected usize at line 1 column 38"
    )


def test_bool_only_true_false(parser: bool) -> None:
    err = fails('{"mine":1,"k":1,"exclude_hops":1,"refresh_every":1}', HardNegativeConfig)
    assert serde_text(err) == "invalid type: integer `1`, expected a boolean at line 1 column 9"
    assert err.path == ("mine",)


def test_missing_field(parser: bool) -> None:
    err = fails("{}", HardNegativeConfig)
    assert serde_text(err) == "missing field `mine` at line 1 column 2"
    err = fails("{}", FineTuneConfig)
    assert serde_text(err) == "missing field `lora_rank` at line 1 column 2"


def test_duplicate_field(parser: bool) -> None:
    err = fails(
        '{"mine":false,"mine":true,"k":1,"exclude_hops":1,"refresh_every":1}',
        HardNegativeConfig,
    )
    assert err.message == "duplicate field `mine`"
    assert (err.line, err.column) == (1, 20)


def test_sequence_form_struct(parser: bool) -> None:
    assert read("[false,1,1,1]", HardNegativeConfig) == HardNegativeConfig()
    assert read("[true,2,3,4]", HardNegativeConfig) == HardNegativeConfig(
        mine=True, k=2, exclude_hops=3, refresh_every=4
    )
    err = fails("[false,1,1]", HardNegativeConfig)
    assert serde_text(err) == (
        "invalid length 3, expected struct HardNegativeConfig with 4 elements at line 1 column 11"
    )


def test_sequence_form_struct_too_long(parser: bool) -> None:
    err = fails("[false,1,1,1,1]", HardNegativeConfig)
    assert serde_text(err) == "trailing characters at line 1 column 14"


# Text-level rules.
TEXT_REJECTS = [
    (HN.format("1") + " x", "trailing characters at line 1 column 57"),
    ("\ufeff" + HN.format("1"), "expected value at line 1 column 1"),
    ("", "EOF while parsing a value at line 1 column 0"),
]


@pytest.mark.parametrize(("text", "message"), TEXT_REJECTS)
def test_text_rejects(parser: bool, text: str, message: str) -> None:
    assert serde_text(fails(text, HardNegativeConfig)) == message


def test_bom_as_bytes_rejected(parser: bool) -> None:
    err = fails(b"\xef\xbb\xbf" + HN.format("1").encode(), HardNegativeConfig)
    assert err.message == "expected value"


def test_trailing_comma(parser: bool) -> None:
    err = fails('{"mine":false,"k":1,"exclude_hops":1,"refresh_every":1,}', HardNegativeConfig)
    assert serde_text(err) == "trailing comma at line 1 column 56"


def test_leading_zero(parser: bool) -> None:
    err = fails(HN.format("01"), HardNegativeConfig)
    assert serde_text(err) == "invalid number at line 1 column 20"


def test_trailing_whitespace_ok(parser: bool) -> None:
    assert read(HN.format("1") + " \n\t\r ", HardNegativeConfig) == HardNegativeConfig()


def test_deep_ignored_field_accepted(parser: bool) -> None:
    text = '{"mine":false,"k":1,"exclude_hops":1,"refresh_every":1,"zz":%s}' % (
        "[" * 200 + "]" * 200
    )
    assert read(text, HardNegativeConfig) == HardNegativeConfig()


def test_too_deep_is_wire_error_naming_limit(parser: bool) -> None:
    text = '{"mine":false,"k":1,"exclude_hops":1,"refresh_every":1,"zz":%s}' % (
        "[" * 100000 + "]" * 100000
    )
    err = fails(text, HardNegativeConfig)
    assert "512" in err.message


# Enums: externally tagged.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('"co_sent"', EmbeddingLoss.CoSent()),
        ('{"co_sent":null}', EmbeddingLoss.CoSent()),
        ('"angl_e"', EmbeddingLoss.AnglE()),
        ('{"triplet":{"margin":0.5}}', EmbeddingLoss.Triplet(margin=0.5)),
        ('{"triplet":[0.5]}', EmbeddingLoss.Triplet(margin=0.5)),
        ('{"triplet":{"margin":0.5,"x":1}}', EmbeddingLoss.Triplet(margin=0.5)),
        ('{"triplet":{"margin":2}}', EmbeddingLoss.Triplet(margin=2.0)),
        ('{"triplet":{"margin":1e-400}}', EmbeddingLoss.Triplet(margin=0.0)),
        (
            ' { "multiple_negatives_ranking" : { "temperature" : 20 } } ',
            EmbeddingLoss.MultipleNegativesRanking(temperature=20.0),
        ),
    ],
)
def test_enum_accepts(parser: bool, text: str, value: EmbeddingLoss) -> None:
    got = read(text, EmbeddingLoss)
    assert got == value
    for name in ("margin", "temperature"):
        if hasattr(got, name):
            assert type(getattr(got, name)) is float


def test_negative_zero_integer_is_float(parser: bool) -> None:
    got = read('{"triplet":{"margin":-0}}', EmbeddingLoss)
    assert got.margin == 0.0
    assert math.copysign(1.0, got.margin) == -1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '"angle"',
            "unknown variant `angle`, expected one of `co_sent`, `triplet`, "
            "`multiple_negatives_ranking`, `angl_e`, `cosine_mse` at line 1 column 7",
        ),
        ('{"triplet":{"margin":1e400}}', "number out of range at line 1 column 26"),
        ('{"triplet":{"margin":NaN}}', "expected value at line 1 column 22"),
        (
            '{"triplet":{"margin":"1"}}',
            'invalid type: string "1", expected f64 at line 1 column 24',
        ),
        ('{"triplet":{"margin":0.5,"margin":1}}', "duplicate field `margin` at line 1 column 33"),
        ('{"triplet":{"margin":1e999999999999}}', "number out of range at line 1 column 33"),
        ('{"triplet":{"margin":1E+2147483648}}', "number out of range at line 1 column 34"),
        ('{"triplet":{"margin":-}}', "invalid number at line 1 column 23"),
        ('{"triplet":{"margin":1.}}', "invalid number at line 1 column 24"),
        ('{"triplet":{"margin":.5}}', "expected value at line 1 column 22"),
        ('{"triplet":{"margin":+1}}', "expected value at line 1 column 22"),
        ('{"triplet":{"margin":1e}}', "invalid number at line 1 column 24"),
        ('"\\udc00"', "lone leading surrogate in hex escape at line 1 column 7"),
        ('"\\ud800"', "unexpected end of hex escape at line 1 column 8"),
        ('"a\\ud800x"', "unexpected end of hex escape at line 1 column 9"),
    ],
)
def test_enum_rejects(parser: bool, text: str, message: str) -> None:
    assert serde_text(fails(text, EmbeddingLoss)) == message


def test_struct_variant_missing_field(parser: bool) -> None:
    err = fails('{"triplet":{}}', EmbeddingLoss)
    assert serde_text(err) == "missing field `margin` at line 1 column 13"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"co_sent":{}}', "invalid type: map, expected unit at line 1 column 11"),
        ('{"co_sent":[]}', "invalid type: sequence, expected unit at line 1 column 11"),
        ("{}", "expected value at line 1 column 2"),
        ("null", "expected value at line 1 column 1"),
        ("0", "expected value at line 1 column 1"),
        ('["co_sent"]', "expected value at line 1 column 1"),
        ('{"co_sent":null,"angl_e":null}', "expected value at line 1 column 15"),
        ('"triplet"', "invalid type: unit variant, expected struct variant"),
    ],
)
def test_enum_rejects_shape(parser: bool, text: str, message: str) -> None:
    assert serde_text(fails(text, EmbeddingLoss)) == message


# FineTuneConfig: missing / optional / defaulted fields.
REQUIRED = (
    '"lora_rank":8,"lora_alpha":16,"lora_dropout":0.05,"learning_rate":2e-4,"epochs":3,'
    '"batch_size":8,"max_seq_length":512,"gradient_accumulation_steps":1,'
    '"validation_fraction":0.1,"early_stopping_patience":3,"warmup_steps":100,'
    '"lr_schedule":"cosine_decay"'
)


def test_only_required_fields_gives_default(parser: bool) -> None:
    cfg = read("{" + REQUIRED + "}", FineTuneConfig)
    assert cfg == FineTuneConfig()
    assert type(cfg.lora_alpha) is float


def test_missing_required_non_option(parser: bool) -> None:
    text = "{" + REQUIRED.replace(',"lr_schedule":"cosine_decay"', "") + "}"
    err = fails(text, FineTuneConfig)
    assert serde_text(err) == "missing field `lr_schedule` at line 1 column 224"


def test_defaulted_field_null_is_error(parser: bool) -> None:
    err = fails("{" + REQUIRED + ',"weight_decay":null}', FineTuneConfig)
    assert err.message == "invalid type: null, expected f64"
    assert err.path == ("weight_decay",)


def test_option_fields_read_null_and_values(parser: bool) -> None:
    text = (
        "{" + REQUIRED + ',"embedding_loss":{"triplet":{"margin":0.25}},'
        '"classification_loss":"cross_entropy","regression_loss":{"beta_nll":{"beta":1}},'
        '"layers_to_transform":[0,2],"rank_pattern":{"q":1,"q":2},"target_modules":["a","b"],'
        '"backbone_dtype":"bf16","init_lora_weights":"gaussian"}'
    )
    cfg = read(text, FineTuneConfig)
    assert cfg.embedding_loss == EmbeddingLoss.Triplet(margin=0.25)
    assert cfg.classification_loss is jw.ClassificationLoss.CROSS_ENTROPY
    assert cfg.regression_loss == jw.RegressionLoss.BetaNll(beta=1.0)
    assert cfg.layers_to_transform == [0, 2]
    assert cfg.rank_pattern == {"q": 2}
    assert cfg.target_modules == ["a", "b"]
    assert cfg.backbone_dtype is jw.BackboneDtype.BF16
    assert cfg.init_lora_weights is jw.LoraInitMode.GAUSSIAN


def test_nested_error_path(parser: bool) -> None:
    text = (
        "{"
        + REQUIRED
        + ',"hard_negatives":{"mine":true,"k":"8","exclude_hops":1,'
        + '"refresh_every":1}}'
    )
    err = fails(text, FineTuneConfig)
    assert err.path == ("hard_negatives", "k")
    assert err.message == 'invalid type: string "8", expected usize'
    assert str(err).startswith(
        'hard_negatives.k: invalid type: string "8", expected usize at line 1'
    )


def test_list_element_path(parser: bool) -> None:
    err = fails("{" + REQUIRED + ',"target_modules":["a",1]}', FineTuneConfig)
    assert err.path == ("target_modules", 1)
    assert err.message == "invalid type: integer `1`, expected a string"


def test_raw_control_char_in_string(parser: bool) -> None:
    err = fails("{" + REQUIRED + ',"target_modules":["a\tb"]}', FineTuneConfig)
    assert err.message == "control character (\\u0000-\\u001F) found while parsing a string"


def test_validate_runs_by_default(parser: bool) -> None:
    text = "{" + REQUIRED.replace('"epochs":3', '"epochs":0') + "}"
    with pytest.raises(jw.FineTuneError) as info:
        jw.from_json(text)
    assert str(info.value) == "epochs must be > 0"
    assert read(text, FineTuneConfig).epochs == 0


def test_unknown_field_modes(parser: bool) -> None:
    text = "{" + REQUIRED + ',"lora_rnak":4}'
    assert jw.from_json(text, unknown="ignore") == FineTuneConfig()
    with pytest.warns(jw.UnknownFieldWarning, match="lora_rank"):
        jw.from_json(text, unknown="warn")
    with pytest.raises(WireError, match="lora_rnak"):
        jw.from_json(text, unknown="error")
