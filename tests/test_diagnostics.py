"""jammi_wire.diagnose: every problem as data, with hints a user can act on (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import jammi_wire as jw
from jammi_wire import Diagnostic, FineTuneConfig, HardNegativeConfig, diagnose

DEFAULT = json.loads(jw.to_json(FineTuneConfig()))
REQUIRED_YAML = """\
lora_rank: 8
lora_alpha: 16.0
lora_dropout: 0.05
learning_rate: 0.0002
epochs: 3
batch_size: 8
max_seq_length: 512
embedding_loss: null
classification_loss: null
gradient_accumulation_steps: 1
validation_fraction: 0.1
early_stopping_patience: 3
warmup_steps: 100
lr_schedule: cosine_decay
"""


def _yaml(**over: str) -> str:
    """The required fields as YAML, with some values' text replaced (or added)."""
    lines = dict(line.split(": ", 1) for line in REQUIRED_YAML.splitlines())
    lines.update(over)
    return "".join(f"{key}: {value}\n" for key, value in lines.items())


def _only(found: list[Diagnostic]) -> Diagnostic:
    assert len(found) == 1, found
    return found[0]


def test_clean_document_has_no_diagnostics() -> None:
    assert diagnose(REQUIRED_YAML) == []
    assert diagnose(jw.to_json(FineTuneConfig())) == []


def test_diagnostic_is_typed_data() -> None:
    (found,) = diagnose(_yaml(epochs="0"))
    assert found == Diagnostic(
        severity="error",
        code="validate",
        message="epochs must be > 0",
        path=("epochs",),
        line=5,
        column=9,
    )
    assert found.as_dict()["path"] == "epochs"
    assert str(found) == "5:9: error: epochs: epochs must be > 0"


def test_path_source_reads_the_file_and_its_format(tmp_path: Path) -> None:
    target = tmp_path / "c.yml"
    target.write_text(_yaml(epochs="0"))
    assert [d.code for d in diagnose(target)] == ["validate"]
    # the same text as a str is sniffed (YAML); JSON text is sniffed as JSON
    assert [d.code for d in diagnose(target.read_text())] == ["validate"]
    bad_json = '{"lora_rank": 8,}'
    assert _only(diagnose(bad_json)).code == "syntax"
    assert _only(diagnose(bad_json.encode())).code == "syntax"


def test_jsonl_lines_carry_their_line_number() -> None:
    line = jw.to_json(FineTuneConfig())
    found = diagnose(line + "\n" + line.replace('"epochs":3', '"epochs":0'), format="jsonl")
    assert [(d.line, d.code) for d in found] == [(2, "validate")]


def test_generic_over_the_target_type() -> None:
    found = diagnose("mine: yes\nk: 0\nrefresh_every: x\n", HardNegativeConfig)
    assert [(d.code, d.field) for d in found] == [
        ("missing-fields", "exclude_hops"),
        ("decode", "mine"),
        ("decode", "refresh_every"),
    ]


# ── hints (item 3) ──────────────────────────────────────────────────────────


def test_unit_form_of_a_struct_variant_says_what_to_write() -> None:
    found = _only(diagnose(_yaml(embedding_loss="triplet")))
    assert found.message == "invalid type: unit variant, expected struct variant"
    assert found.hint == (
        "`triplet` carries data: write `embedding_loss: !triplet {margin: …}` "
        "(or `embedding_loss: {triplet: {margin: …}}`)"
    )
    tags = _only(diagnose(_yaml(embedding_loss="triplet"), dialect="tags"))
    assert tags.hint == "`triplet` carries data: write `embedding_loss: !triplet {margin: …}`"
    text = jw.to_json(FineTuneConfig()).replace(
        '"embedding_loss":null', '\n"embedding_loss": "triplet"'
    )
    as_json = _only(diagnose(text))
    # Inside a struct serde_json places it at the value's last byte (checked with
    # serde_json 1.0.149: only at the top level does it carry no position).
    assert (as_json.line, as_json.column) == (2, 27)
    assert as_json.hint == (
        '`triplet` carries data: write `"embedding_loss": {"triplet": {"margin": …}}`'
    )


def test_variant_with_a_bare_value_is_one_problem() -> None:
    found = _only(diagnose(_yaml(embedding_loss="{triplet: 0.3}")))
    assert found.field == "embedding_loss.triplet"
    assert "expected map with a single key" not in found.message
    assert found.hint is not None and "!triplet {margin: …}" in found.hint


def test_did_you_mean_for_enum_values() -> None:
    found = _only(diagnose(_yaml(embedding_loss="angle")))
    assert found.message.startswith("unknown variant `angle`")
    assert (found.hint, found.replacement) == ("did you mean `angl_e`?", "angl_e")
    unit = _only(diagnose(_yaml(lr_schedule="cosine")))
    assert (unit.hint, unit.replacement) == ("did you mean `cosine_decay`?", "cosine_decay")


def test_tab_in_indentation_is_named() -> None:
    found = _only(diagnose(REQUIRED_YAML + "hard_negatives:\n\tmine: true\n"))
    assert found.code == "syntax"
    assert found.line == 16
    assert found.hint == "line 16 is indented with a tab; YAML indents with spaces only"


def test_root_problems_have_no_path_prefix() -> None:
    found = _only(diagnose("- 1\n- 2\n"))
    assert found.path == ()
    assert not str(found).startswith("<root>")


def test_wrong_indentation_is_surfaced() -> None:
    text = REQUIRED_YAML.replace("warmup_steps", " warmup_steps")
    found = diagnose(text)
    codes = [d.code for d in found]
    assert "indentation" in codes
    indentation = found[codes.index("indentation")]
    assert indentation.line == 13
    assert "indented deeper than the key on line 12" in indentation.message
    # a nested field written at the top level: indent it
    text = REQUIRED_YAML + "hard_negatives:\n  mine: true\n  k: 1\n  exclude_hops: 1\n"
    missing, unknown = diagnose(text + "refresh_every: 2\n")
    assert missing.message == "missing field `refresh_every`"
    assert unknown.code == "unknown-field"
    assert unknown.hint == (
        "`refresh_every` is a field of `hard_negatives`: indent it under `hard_negatives:`"
    )


def test_many_missing_fields_are_one_problem_pointing_to_init() -> None:
    found = _only(diagnose("lora_rank: 8\nepochs: 3\nlr_schedule: constant\n"))
    assert found.code == "missing-fields"
    assert found.message.startswith("missing field `lora_alpha` and 8 more required fields: ")
    assert found.hint is not None and "jammi-wire init" in found.hint
    two = diagnose(_yaml().replace("epochs: 3\n", "").replace("batch_size: 8\n", ""))
    assert [d.message for d in two] == ["missing field `epochs`", "missing field `batch_size`"]


def test_problems_in_line_order() -> None:
    found = diagnose(_yaml(lora_rank="0", epochs="x", lr_schedule="cosine") + "extra: 1\n")
    lines = [d.line for d in found]
    assert lines == sorted(lines) and len(lines) == 4


def test_nothing_decides_by_message_text() -> None:
    # the CLI no longer reaches into messages or private names of the library
    source = (Path(jw.__file__).parent / "cli.py").read_text()
    assert "import re\n" not in source
    assert "._COMPILERS" not in source and "_MISSING_FIELD" not in source


# ── advice serde accepts (item 1) ───────────────────────────────────────────

# Plain scalars that serde_yaml and YAML 1.1 readers read differently, by field.
MISREAD = [
    ("learning_rate", "1e-4"),
    ("learning_rate", "2E5"),
    ("learning_rate", "1.5e3"),
    ("lora_dropout", "5e-2"),
    ("use_rslora", "yes"),
    ("use_rslora", "off"),
    ("cached", "ON"),
    ("target_modules", "[yes, on, 1e5]"),
    ("rank_pattern", "{q: 0o10}"),
]


def _advice(field: str, value: str) -> list[tuple[Diagnostic, str]]:
    """(diagnostic, the document with its replacement applied) for each piece of advice."""
    text = _yaml(**{field: value})
    out = []
    for found in diagnose(text):
        assert found.code in ("yaml-1.1", "decode"), found
        assert found.replacement is not None, found
        assert found.line is not None and found.column is not None
        lines = text.splitlines(keepends=True)
        line = lines[found.line - 1]
        start = found.column - 1
        token = line[start:].split(",")[0].split("]")[0].split("}")[0].strip()
        lines[found.line - 1] = line[:start] + found.replacement + line[start + len(token) :]
        out.append((found, "".join(lines)))
    return out


def test_every_suggestion_reads_the_same_in_yaml_1_1_and_is_clean() -> None:
    count = 0
    for field, value in MISREAD:
        advice = _advice(field, value)
        assert advice, (field, value)
        for found, fixed in advice:
            count += 1
            # the fixed document raises no YAML 1.1 warning at that place, and
            # serde's reading (ours) equals PyYAML's
            assert all(d.path != found.path for d in diagnose(fixed))
            ours = json.loads(jw.to_json(jw.from_yaml(fixed, validate=False, unknown="ignore")))
            theirs = yaml.safe_load(fixed)
            assert _same(_at(ours, found.path), _at(theirs, found.path)), (found, fixed)
    assert count >= len(MISREAD)


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return not isinstance(a, bool) and not isinstance(b, bool) and float(a) == float(b)  # type: ignore[arg-type]
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@pytest.mark.cargo
def test_every_suggestion_is_what_the_real_serde_yaml_reads(rust: object) -> None:
    for field, value in MISREAD:
        for found, fixed in _advice(field, value):
            answer = rust.decode("yaml", "FineTuneConfig", fixed)  # type: ignore[attr-defined]
            assert answer["ok"], (found, fixed, answer)
            serde_value = _at(json.loads(answer["json"]), found.path)
            assert _same(serde_value, _at(yaml.safe_load(fixed), found.path)), (found, fixed)


def _at(tree: Any, path: tuple[str | int, ...]) -> Any:
    for element in path:
        tree = tree[element]
    return tree


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: 2\na: 300\n", 3),  # YAML: the repeated key's later value
        ("a: 300\nb: 2\na: 1\n", 1),  # the earlier one, when it is the bad one
        ('{"a": 1,\n "b": 2,\n "a": 300}', 3),
    ],
)
def test_error_in_a_repeated_key_is_placed_at_the_value_that_failed(text: str, line: int) -> None:
    from jammi_wire.serde import U8, BTreeMap

    cls = BTreeMap[str, U8]
    read = jw.from_json if text.startswith("{") else jw.from_yaml
    with pytest.raises(jw.WireError) as caught:
        read(text, cls)
    [problem] = diagnose(text, cls)
    assert (problem.line, problem.column) == (caught.value.line, caught.value.column)
    assert problem.line == line


# ── YAML 1.1 readings without PyYAML ────────────────────────────────────────


def _scalars_near_the_plain_forms() -> list[str]:
    """Scalars of the forms read without PyYAML, and ones a character away from them."""
    import itertools
    import random

    rng = random.Random(1111)
    pieces = ["0", "1", "7", "9", "00", "10", "_", ".", "e", "E", "+", "-", ":", "x", "b", "o"]
    words = [
        "yes", "no", "on", "off", "y", "n", "true", "false", "null", "True", "NULL", "Yes",
        "ON", "inf", "nan", "cosine_decay", "a", "z_", "_a", "linear", "none", "nil",
        "tilde", "oN", "nO",
    ]  # fmt: skip
    found = set(words)
    found.update(a + b for a, b in itertools.product(pieces, repeat=2))
    found.update(a + b + c for a, b, c in itertools.product(pieces, repeat=3))
    for _ in range(3000):
        found.add("".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))))
        word = rng.choice(words)
        at = rng.randrange(len(word) + 1)
        found.add(word[:at] + rng.choice("_aZ0.") + word[at:])
    return sorted(found)


def test_yaml11_readings_without_pyyaml_are_pyyamls() -> None:
    from jammi_wire.diagnostics import _yaml11_resolved
    from jammi_wire.preconf._yaml_scalars import yaml11_plain as _yaml11_plain

    plain = 0
    for text in _scalars_near_the_plain_forms():
        known, value = _yaml11_plain(text)
        if not known:
            continue
        plain += 1
        resolved = _yaml11_resolved(text)
        assert resolved[0], text
        assert type(value) is type(resolved[1]) and value == resolved[1], text
    assert plain > 300  # the forms are met, not skipped


def test_yaml11_words_pyyaml_reads_otherwise_are_left_to_it() -> None:
    from jammi_wire.diagnostics import _yaml11_resolved
    from jammi_wire.preconf._yaml_scalars import yaml11_plain as _yaml11_plain

    for word in ("yes", "no", "on", "off"):
        assert _yaml11_plain(word) == (False, word)
        assert _yaml11_resolved(word)[1] is (word in ("yes", "on"))


# ── JSON with a syntax error ────────────────────────────────────────────────


def _from_json_error(text: str) -> jw.WireError:
    with pytest.raises(jw.WireError) as caught:
        jw.from_json(text, validate=False, unknown="ignore")
    return caught.value


def test_json_problems_before_a_syntax_error_are_reported_with_it() -> None:
    text = '{"lora_rank": -1, "lr_schedule": "nope", "epochs": 3 x'
    found = diagnose(text)
    assert [(d.code, d.path, d.line, d.column) for d in found] == [
        ("decode", ("lora_rank",), 1, 16),
        ("decode", ("lr_schedule",), 1, 39),
        ("syntax", (), 1, 54),
    ]
    # serde_json stops at the first of them, which from_json reports
    first = _from_json_error(text)
    assert (first.message, first.line, first.column) == (found[0].message, 1, 16)


def test_json_key_cut_from_its_value_is_not_a_problem_of_its_own() -> None:
    # `epochs` is read with its value missing: the document made of what was read gives
    # it a null, whose type error would be an artefact of the cut
    found = diagnose('{"lora_rank": "x", "epochs": }')
    assert [(d.code, d.path, d.column) for d in found] == [
        ("decode", ("lora_rank",), 17),
        ("syntax", (), 30),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '{"lora_rank": 8, "zz": [1,]}',  # a skipped value: no trailing-comma error
        '{"lr_schedule": nul}',  # an enum refuses at the first character
        '{"lora_rank": 8, "epochs": 3,',
    ],
)
def test_json_syntax_error_is_serde_json_s_as_from_json_says_it(text: str) -> None:
    syntax = [d for d in diagnose(text) if d.code == "syntax"]
    error = _from_json_error(text)
    assert [(d.message, d.line, d.column) for d in syntax] == [
        (error.message, error.line, error.column)
    ]


def test_json_rules_are_not_checked_on_part_of_a_document() -> None:
    # epochs 0 breaks a rule, but the document is cut short: only the syntax error
    whole = jw.to_json(FineTuneConfig()).replace('"epochs":3', '"epochs":0')
    assert [d.code for d in diagnose(whole)] == ["validate"]
    assert [d.code for d in diagnose(whole[:-1] + " x")] == ["syntax"]


def test_null_for_an_option_of_string_is_no_yaml11_lookalike() -> None:
    """serde_yaml reads a plain `null` (or `~`, or nothing) for an `Option<String>` as
    None, as YAML 1.1 readers do: not the string "null" (found by the clearances'
    conformance test). A `String` field's `null` is the string, and is a lookalike."""
    from jammi_wire.diagnostics import diagnose_text
    from jammi_wire.serde import serde_struct

    @serde_struct
    class Named:
        name: str | None
        label: str

    for word in ("null", "~", "Null"):
        found = diagnose_text(f"name: {word}\nlabel: x\n", Named, format="yaml")
        assert found == [], (word, found)
    found = diagnose_text("name: x\nlabel: null\n", Named, format="yaml")
    assert [d.code for d in found] == ["yaml-1.1"]


def test_a_number_past_pythons_digit_limit_is_read_not_raised() -> None:
    """int() refuses more than 4,300 digits; the YAML 1.1 comparison used it on any
    plain decimal, so `check` raised on a document serde reads (a string of digits in
    a list of strings). Found by an attack on the clearances."""
    from jammi_wire.diagnostics import diagnose_text
    from jammi_wire.preconf.yaml import to_yaml

    base = to_yaml(FineTuneConfig())
    digits = "1" * 4301
    text = base.replace("target_modules: []", f"target_modules:\n- {digits}")
    assert diagnose_text(text, FineTuneConfig, format="yaml") == []
    text = base.replace("lora_rank: 8", f"lora_rank: {digits}")
    assert [d.code for d in diagnose_text(text, FineTuneConfig, format="yaml")] == ["decode"]
