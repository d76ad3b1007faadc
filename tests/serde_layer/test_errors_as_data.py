"""Errors are data: a code with its params, a path and a position; text comes from them."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

import jammi_wire as jw
from jammi_wire import ErrorCode
from jammi_wire.serde.wording import Unexpected, render

from .test_declarations import Settings, Task, Warmup

SRC = Path(jw.__file__).resolve().parent


@pytest.mark.parametrize(
    ("read", "code", "params", "path"),
    [
        (
            lambda: jw.from_json('{"lora_rank": "8"}'),
            ErrorCode.INVALID_TYPE,
            ('string "8"', "usize"),
            ("lora_rank",),
        ),
        (
            lambda: jw.from_json('{"lora_rank": -1}'),
            ErrorCode.INVALID_VALUE,
            ("integer `-1`", "usize"),
            ("lora_rank",),
        ),
        (lambda: jw.from_json("{}"), ErrorCode.MISSING_FIELD, ("lora_rank",), ()),
        (
            lambda: jw.from_json('{"betaOne": 1, "rank": 1, "grade": 2, "zz": 0}', Settings),
            ErrorCode.UNKNOWN_FIELD,
            # serde_derive lists each field's name and aliases sorted (`r` before `rank`).
            ("zz", ("betaOne", "r", "rank", "grade", "keys", "pairs", "letter")),
            (),
        ),
        (
            lambda: jw.from_json('{"task": "nope"}', Task),
            ErrorCode.UNKNOWN_VARIANT,
            ("nope", ("scored", "empty")),
            ("task",),  # the tag's value is at fault (serde_yaml: `task: unknown variant`)
        ),
        (
            lambda: jw.from_json('{"task": "empty", "task": "empty"}', Task),
            ErrorCode.DUPLICATE_FIELD,
            ("task",),
            (),
        ),
        (
            lambda: jw.from_json('{"span": [1]}', Warmup),
            ErrorCode.INVALID_LENGTH,
            (1, "tuple variant Warmup::Span with 2 elements"),
            ("span",),
        ),
        (
            lambda: jw.from_json('{"betaOne": 1, "rank": 1, "grade": 200}', Settings),
            ErrorCode.CUSTOM,
            ("grade too high, got 200",),
            ("grade",),
        ),
        (lambda: jw.from_json('{"lora_rank": 8,}'), ErrorCode.SYNTAX, ("trailing comma",), ()),
        (
            lambda: jw.from_json("8 9", int),
            ErrorCode.TRAILING_CHARACTERS,
            ("trailing characters",),
            (),
        ),
        (lambda: jw.from_json("1e999", float), ErrorCode.NUMBER_OUT_OF_RANGE, None, ()),
        (lambda: jw.from_yaml("lora_rank: yes\n"), ErrorCode.INVALID_TYPE, None, ("lora_rank",)),
    ],
)
def test_codes_params_and_text(
    read: object, code: ErrorCode, params: tuple[object, ...] | None, path: tuple[object, ...]
) -> None:
    with pytest.raises(jw.WireError) as caught:
        read()  # type: ignore[operator]
    error = caught.value
    assert error.code is code
    if params is not None:
        assert error.params == params
    assert error.path == path
    # The text is the rendering of the data, nothing more.
    if code is not ErrorCode.UNKNOWN_FIELD or "did you mean" not in error.message:
        assert error.message == render(error.code, error.params)


def test_unexpected_has_a_kind() -> None:
    with pytest.raises(jw.WireError) as caught:
        jw.from_yaml("lora_rank: true\n")
    found = caught.value.params[0]
    assert isinstance(found, Unexpected)
    assert (str(found), found.kind) == ("boolean `true`", "bool")


def test_validation_errors_have_their_code() -> None:
    with pytest.raises(jw.FineTuneError) as caught:
        jw.FineTuneConfig(epochs=0).validate()
    assert caught.value.code is ErrorCode.VALIDATION
    assert caught.value.code.category == "value"
    assert ErrorCode.TRAILING_CHARACTERS.category == "syntax"
    assert ErrorCode.MISSING_FIELD.category == "data"


def test_errors_pickle_with_their_data() -> None:
    with pytest.raises(jw.WireError) as caught:
        jw.from_json('{"lora_rank": "8"}')
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.code, copy.params, copy.path, copy.line, copy.column, str(copy)) == (
        caught.value.code,
        caught.value.params,
        caught.value.path,
        caught.value.line,
        caught.value.column,
        str(caught.value),
    )


_DECIDES_BY_TEXT = re.compile(
    r"\bmessage\s*(==|!=)|\bmessage\.(startswith|endswith)|in \w*\.?message\b|"
    r"str\((error|exc|e|err)\)\.(startswith|endswith)|in str\((error|exc|e|err)\)|"
    r"\.msg\b"
)

# Foreign errors that carry nothing but English text are read in exactly one place each,
# turned into a member at once: the stdlib JSON parser's JSONDecodeError.
_FOREIGN_TEXT_READERS = {"preconf/_json_text.py": ["if error.msg.startswith(prefix):"]}


def test_no_library_code_decides_by_error_text() -> None:
    offenders: dict[str, list[str]] = {}
    for path in SRC.rglob("*.py"):
        for line in path.read_text().splitlines():
            if _DECIDES_BY_TEXT.search(line):
                offenders.setdefault(path.relative_to(SRC).as_posix(), []).append(line.strip())
    assert offenders == _FOREIGN_TEXT_READERS


def test_the_pattern_catches_the_forms_it_forbids() -> None:
    for line in (
        'if message == "expected value":',
        'if error.message.startswith("EOF while parsing"):',
        'if "missing field" in error.message:',
        'if str(error).endswith("at line 1 column 2"):',
        "if error.msg.startswith(prefix):",
    ):
        assert _DECIDES_BY_TEXT.search(line), line
    assert not _DECIDES_BY_TEXT.search("kind is JsonSyntax.EXPECTED_SOME_VALUE")
