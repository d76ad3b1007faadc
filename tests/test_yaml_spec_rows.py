"""One test per row of the YAML section of shared/spec/wire-format.md, literal expectations.

Each expectation was checked against serde_yaml 0.9.34 through the Rust harness (the same
inputs are in tests/vectors or the live tests); here they run without cargo.
"""

from __future__ import annotations

import math
import warnings

import attrs
import pytest

import jammi_wire as jw
from jammi_wire import EmbeddingLoss, FineTuneConfig, LrSchedule, WireError
from jammi_wire.preconf.yaml import from_yaml, to_yaml

BASE = to_yaml(FineTuneConfig())


def _with(field: str, text: str) -> str:
    """The default config as serde_yaml writes it, with one field's value replaced."""
    lines = BASE.splitlines(keepends=True)
    out = []
    skipping = False
    for line in lines:
        if line.startswith(f"{field}:"):
            out.append(f"{field}:{text}\n")
            skipping = True
            continue
        if skipping and line.startswith((" ", "-")):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def _read(text: str, dialect: str = "tags") -> FineTuneConfig:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return from_yaml(text, validate=False, dialect=dialect)  # type: ignore[arg-type]


def _error(text: str, dialect: str = "tags") -> str:
    with pytest.raises(WireError) as caught:
        _read(text, dialect)
    return str(caught.value)


# Row: enums are written with local tags; unit variants as plain scalars.
def test_enums_are_written_with_local_tags() -> None:
    text = to_yaml(jw.replace(FineTuneConfig(), embedding_loss=EmbeddingLoss.Triplet(margin=0.5)))
    assert "embedding_loss: !triplet\n  margin: 0.5\n" in text
    assert "lr_schedule: cosine_decay\n" in text


# Row: reading tags in flow and block form; the four spellings of a unit variant; the
# single-key map refused by serde_yaml 0.9 and taken by the singleton_map dialect.
def test_reading_enum_forms() -> None:
    for form in (" !triplet {margin: 0.5}", " !triplet\n  margin: 0.5"):
        assert _read(_with("embedding_loss", form)).embedding_loss == EmbeddingLoss.Triplet(0.5)
    for form in (" co_sent", " 'co_sent'", " !co_sent", " !co_sent ~"):
        assert _read(_with("embedding_loss", form)).embedding_loss == EmbeddingLoss.CoSent()
    single = _with("embedding_loss", " {triplet: {margin: 0.5}}")
    assert _error(single) == (
        "embedding_loss: invalid type: map, expected a YAML tag starting with '!' "
        "at line 8 column 17"
    )
    assert _read(single, "singleton_map").embedding_loss == EmbeddingLoss.Triplet(0.5)


@attrs.frozen
class _Named:
    name: str
    note: str | None = None


# Row: a String takes any plain scalar verbatim; Option<String> takes ~, null, empty as None.
@pytest.mark.parametrize("word", ["yes", "1", "~", "1e3", "null", "true", "0x10"])
def test_string_takes_plain_scalars_verbatim(word: str) -> None:
    assert from_yaml(f"name: {word}\n", _Named).name == word
    assert _read(_with("target_modules", f"\n- {word}")).target_modules == [word]


@pytest.mark.parametrize("word", ["~", "null", ""])
def test_option_string_takes_null_words(word: str) -> None:
    assert from_yaml(f"name: a\nnote: {word}\n", _Named).note is None


# Row: null words; only six spellings of bool.
@pytest.mark.parametrize("word", ["~", "null", "Null", "NULL", ""])
def test_null_words(word: str) -> None:
    assert _read(_with("embedding_loss", f" {word}")).embedding_loss is None
    # Not a null for a non-optional enum: a variant name serde_yaml does not know.
    assert _error(_with("lr_schedule", f" {word}")).startswith(
        f"lr_schedule: unknown variant `{word}`"
    )


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
    ],
)
def test_bool_words(word: str, value: bool) -> None:
    assert _read(_with("cached", f" {word}")).cached is value


@pytest.mark.parametrize("word", ["yes", "on", "y", "no", "off", "1"])
def test_yaml11_bools_are_errors_for_bool(word: str) -> None:
    described = "integer `1`" if word == "1" else f'string "{word}"'
    assert _error(_with("cached", f" {word}")) == (
        f"cached: invalid type: {described}, expected a boolean at line 26 column 9"
    )


# Row: usize readings and refusals.
@pytest.mark.parametrize(
    ("text", "value"),
    [("8", 8), ("0x10", 16), ("0o10", 8), ("0b101", 5), ("+7", 7), (str(2**64 - 1), 2**64 - 1)],
)
def test_usize_accepts(text: str, value: int) -> None:
    assert _read(_with("lora_rank", f" {text}")).lora_rank == value


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("8.0", "floating point `8.0`"),
        ("1e2", "floating point `100.0`"),
        ("'8'", 'string "8"'),
        ("-1", "integer `-1`"),
        ("010", 'string "010"'),
        ("1_000", 'string "1_000"'),
        (str(2**64), f"integer `{2**64}` as u128"),
    ],
)
def test_usize_refuses(text: str, described: str) -> None:
    assert _error(_with("lora_rank", f" {text}")) == (
        f"lora_rank: invalid type: {described}, expected usize at line 1 column 12"
    )


# Row: f64 readings and refusals.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("16", 16.0),
        ("2e-4", 2e-4),
        ("1E5", 1e5),
        (".5", 0.5),
        ("5.", 5.0),
        ("+1.5", 1.5),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        (".INF", math.inf),
    ],
)
def test_f64_accepts(text: str, value: float) -> None:
    assert _read(_with("lora_alpha", f" {text}")).lora_alpha == value


def test_f64_nan_words() -> None:
    for word in (".nan", ".NaN", ".NAN"):
        assert math.isnan(_read(_with("lora_alpha", f" {word}")).lora_alpha)


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("'1.5'", 'string "1.5"'),
        ("0x10", "integer `16`"),
        ("~", "unit value"),
        ("1_000.0", 'string "1_000.0"'),
    ],
)
def test_f64_refuses(text: str, described: str) -> None:
    assert _error(_with("lora_alpha", f" {text}")) == (
        f"lora_alpha: invalid type: {described}, expected f64 at line 2 column 13"
    )


# Row: merge keys are not applied; anchors and aliases work; more than one document and
# duplicate fields are errors; alias expansion is capped, but not in ignored fields.
def test_merge_key_is_an_unknown_field() -> None:
    text = "base: &b {epochs: 9}\n<<: *b\n" + BASE
    with pytest.warns(jw.UnknownFieldWarning, match="merge key `<<` is not applied"):
        assert from_yaml(text).epochs == 3


def test_anchors_and_aliases() -> None:
    text = _with("target_modules", " &m [query, value]").replace(
        "matryoshka_dims: []", "extra: *m\nmatryoshka_dims: []"
    )
    assert _read(text).target_modules == ["query", "value"]
    assert (
        _read(_with("epochs", " &n 7").replace("batch_size: 8", "batch_size: *n")).batch_size == 7
    )


def test_documents_duplicates_and_aliases_limits() -> None:
    assert _error(BASE + "---\n" + BASE) == (
        "deserializing from YAML containing more than one document is not supported"
    )
    assert _error(BASE + "epochs: 3\n") == "duplicate field `epochs`"
    bomb = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    bomb += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    ignored = BASE + "zz:\n  " + "\n  ".join(bomb) + "\n"
    assert _read(ignored) == FineTuneConfig()
    read = "\n".join(bomb) + "\ntarget_modules: *a8\n" + BASE.replace("target_modules: []\n", "")
    assert _error(read).startswith("target_modules[0]: invalid type: sequence, expected a string")


# Row: writing layout, floats and quoting.
def test_writing_layout() -> None:
    config = jw.replace(
        FineTuneConfig(),
        target_modules=["query", "é", "a\nb"],
        learning_rate=1e-6,
        weight_decay=1e16,
        quantile_levels=[math.inf, -math.inf],
        hard_negatives=jw.HardNegativeConfig(mine=True),
    )
    text = to_yaml(config)
    assert not text.startswith("---")
    assert "target_modules:\n- query\n- é\n- |-\n  a\n  b\n" in text
    assert "learning_rate: 1e-6\n" in text and "weight_decay: 1e16\n" in text
    assert "quantile_levels:\n- .inf\n- -.inf\n" in text
    assert "hard_negatives:\n  mine: true\n  k: 1\n" in text
    nan = to_yaml(jw.replace(FineTuneConfig(), lora_alpha=math.nan))
    assert "lora_alpha: .nan\n" in nan


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("1.0", "'1.0'"),
        ("null", "'null'"),
        ("~", "'~'"),
        ("", "''"),
        ("010", "'010'"),
        ("2e-4", "'2e-4'"),
        ("True", "'True'"),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("query", "query"),
    ],
)
def test_string_quoting(value: str, written: str) -> None:
    text = to_yaml(jw.replace(FineTuneConfig(), target_modules=[value]))
    assert f"target_modules:\n- {written}\n" in text
    assert _read(text).target_modules == [value]


# Row: error text is `<path>: <serde message> at line L column C`.
def test_error_text_names_path_value_and_position() -> None:
    text = _with("hard_negatives", "\n  mine: false\n  k: x\n  exclude_hops: 1\n  refresh_every: 1")
    assert _error(text) == (
        'hard_negatives.k: invalid type: string "x", expected usize at line 29 column 6'
    )


def test_unit_variant_field_spellings() -> None:
    assert _read(_with("lr_schedule", " !constant")).lr_schedule is LrSchedule.CONSTANT
