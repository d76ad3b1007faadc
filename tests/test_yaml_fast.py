"""The block-subset YAML reader (``preconf/_yaml_fast.py``) against the full loader.

Whenever the subset reader vouches for a text (returns a tree), the full loader
(libyaml through ``parse_partial``) must find no error in it and build the very same
tree: the same node types (``Plain`` against ``str``, ``Tagged``, ``TaggedScalar``
with its tag and style), the same keys in the same order, the same node count. Then
``from_yaml`` cannot tell the two apart; it is also compared end to end (value or
error text with position, and warnings) on every YAML vector and on mutations of them.
Documents come from a generator of block-style YAML in and near the subset, from
a generator of lines of YAML-ish tokens, and from mutations of both and of the
fixtures.
"""

from __future__ import annotations

import random
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jammi_wire
import jammi_wire.preconf.yaml as yaml_format
from jammi_wire import FineTuneConfig, UnknownFieldWarning, WireError, from_json
from jammi_wire.preconf._yaml_fast import read
from jammi_wire.preconf._yaml_load import parse_partial
from jammi_wire.serde.data import Tagged, TaggedScalar

ROOT = Path(__file__).resolve().parent
FIXTURES = ROOT.parent / "benchmarks" / "fixtures"


def _same(fast: Any, full: Any) -> bool:
    """Equal trees, node types and order included."""
    if type(fast) is not type(full):
        return False
    if type(fast) is dict:
        return (
            len(fast) == len(full)
            and all(_same(a, b) for a, b in zip(fast, full, strict=True))
            and all(_same(fast[key], full[key]) for key in fast)
        )
    if type(fast) is list:
        return len(fast) == len(full) and all(_same(a, b) for a, b in zip(fast, full, strict=True))
    if type(fast) is Tagged:
        return fast.tag == full.tag and _same(fast.value, full.value)
    if type(fast) is TaggedScalar:
        return str(fast) == str(full) and (fast.tag, fast.style) == (full.tag, full.style)
    return bool(fast == full)


def check(text: str) -> bool:
    """The subset reader agrees with the full loader on ``text``; whether it vouched."""
    found = read(text)
    if found is None:
        return False
    tree, size = found
    try:
        full, error, full_size = parse_partial(text)
    except WireError as error:  # nothing read at all
        raise AssertionError(f"vouched for a text the loader refuses: {error}") from None
    assert error is None, f"vouched for a text the loader refuses: {error}\n{text!r}"
    assert _same(tree, full), f"{text!r}\nfast: {tree!r}\nfull: {full!r}"
    assert size == full_size, text
    return True


def _vector_rows() -> Iterator[tuple[str, Any, str, str]]:
    sys.path.insert(0, str(ROOT / "conformance"))
    from compare import yaml_vector_rows  # type: ignore[import-not-found]

    rows: Iterator[tuple[str, Any, str, str]] = yaml_vector_rows()
    return rows


def _fixtures() -> list[str]:
    return [
        jammi_wire.to_yaml(from_json((FIXTURES / f"{name}.json").read_text()))
        for name in ("default", "full")
    ]


FIXTURE_TEXTS = _fixtures()


# ── what the reader vouches for ─────────────────────────────────────────────


def test_the_fixtures_are_vouched_for() -> None:
    for text in FIXTURE_TEXTS:
        assert check(text)
        assert check(text.replace("\n", "\r\n"))
        assert check(text.rstrip("\n"))


VOUCHED = [
    "a: 1\n",
    "a:\n  b: 1\n  c:\n  - x\n  - 'y'\n",
    "a:\n- b: 1\n  c: 2\n-   d: 3\n- - e\n  -\n  - ''\n",
    'k: !triplet\n  margin: 0.5\nq: "a # b: c"\n',
    "# comment\n\n  a: 1  # trailing\n  b:    x y  \n",
    "a: []\nb: {}\nc:\nd: ~\ne: 'it''s'\n",
    "- !t x\n- !t 'y'\n- !t\n  a: 1\n",
    "'a': 1\n\"b\": 2\nc:d: 3\nhttp://x: é\n",
    "a: -.inf\nb: 1_000\nc: 0x1F\nd: 0o17\ne: +1\nf: x#y\n",
]


@pytest.mark.parametrize("text", VOUCHED)
def test_the_subset_is_vouched_for(text: str) -> None:
    assert check(text)


NOT_VOUCHED = [
    "",  # an empty document
    "# only a comment\n",
    "x\n",  # a scalar document
    "a: 1\na: 2\n",  # a repeated key
    "a: &x 1\nb: *x\n",
    "a: !!int 1\n",
    "a: [1]\n",
    "a: {b: 1}\n",
    "a: |\n  text\n",
    "a: >\n  text\n",
    "a: b\n  c\n",  # a multi-line scalar
    "a: 'b\n  c'\n",
    '"a\\n": 1\n',
    "---\na: 1\n",
    "a: 1\n...\n",
    "%YAML 1.1\n---\na: 1\n",
    "a:\t1\n",
    "\ufeffa: 1\n",
    "a: 1\rb: 2\n",
    "a: b: c\n",
    "? a\n: 1\n",
    "a:\n    b: 1\n  c: 2\n",  # odd indentation
    "- a\nb: 1\n",
    "a: !t\n",
    "a: !t\n- x\n",
    "a : 1\n",
    "a: \x07\n",
    "a: \u2028\n",
    "x" * 300 + ": 1\n",  # beyond the reader's simple-key limit
]


@pytest.mark.parametrize("text", NOT_VOUCHED)
def test_outside_the_subset_is_left_to_the_loader(text: str) -> None:
    assert read(text) is None


# ── generated documents ─────────────────────────────────────────────────────

_PLAIN_WORDS = [
    "a", "b", "x y", "1", "-1", "+1", "0.5", "1e3", "1_000", "0x1F", "0o7", "0b1", "012",
    ".inf", "-.inf", ".nan", "~", "null", "Null", "true", "False", "yes", "no", "on",
    "lora_rank", "é", "日本", "a:b", "a#b", "a,b", "a[b]", "a{b}", "a'b", 'a"b', "-x", "--",
    "---x", "a -b", "a  b", "<<", "=", "a.b", "x!", "\u00a0x", "x\u00a0", "😀",
]  # fmt: skip
_ANY_CHARS = st.sampled_from(list(" :#-'\"!&*[]{}|>?%@`,.~\\\t\r\n\ufeff\u2028\x85\x7f\u00a0é1aZ_"))
_TEXTS = st.one_of(st.sampled_from(_PLAIN_WORDS), st.text(_ANY_CHARS, max_size=6))


def _scalar_text(text: str, rng: random.Random) -> str:
    """``text`` written plain, single- or double-quoted (whether or not it can be)."""
    style = rng.randrange(6)
    if style == 0:
        return "'" + text.replace("'", "''") + "'"
    if style == 1:
        return '"' + text + '"'
    return text


def _decorate(rng: random.Random) -> str:
    return rng.choice(["", "", "", " ", "  ", " # c", "  #c: d", "#x", "\t"])


def _render(node: Any, rng: random.Random, indent: int, out: list[str], lead: str) -> None:
    """Block YAML for ``node`` with varied layout; ``lead`` is what the first line of
    the node follows on (a `key:` or `- ` already written) or None for a fresh line."""
    width = rng.choice([1, 2, 2, 2, 3, 4])
    pad = " " * indent
    if isinstance(node, dict) and node:
        tag = rng.choice(["", "", "", " !triplet", " !t-1", " !!map", " &a"])
        first = True
        for key, value in node.items():
            key_text = _scalar_text(key, rng)
            sep = rng.choice([":", ":", ": ", " :"])
            if first and lead.endswith("- ") and rng.random() < 0.5 and not tag:
                out[-1] += key_text + sep.rstrip(" ")  # `- key:` compact form
                here = len(out[-1]) - len(key_text) - len(sep.rstrip(" "))
            else:
                if first:
                    out[-1] += tag + _decorate(rng)
                out.append(pad + key_text + sep.rstrip(" "))
                here = indent
            first = False
            _value(value, rng, here, out, width)
        return
    if isinstance(node, list) and node:
        for item in node:
            out.append(pad + rng.choice(["- ", "- ", "-  ", "-"]))
            if isinstance(item, (dict, list)) and item:
                if rng.random() < 0.6 and isinstance(item, dict):
                    _render(
                        item,
                        rng,
                        len(out[-1]) if out[-1].endswith(" ") else indent + width,
                        out,
                        out[-1],
                    )
                else:
                    out[-1] += _decorate(rng)
                    _render(item, rng, indent + width, out, "")
            else:
                out[-1] = out[-1].rstrip(" ") + " " + _leaf(item, rng) + _decorate(rng)
        return
    out[-1] += " " + _leaf(node, rng)


def _value(value: Any, rng: random.Random, indent: int, out: list[str], width: int) -> None:
    if isinstance(value, (dict, list)) and value:
        if isinstance(value, list) and rng.random() < 0.5:
            out[-1] += _decorate(rng)
            _render(value, rng, indent, out, "")  # `key:` then `- x` at its indentation
        else:
            _render(value, rng, indent + width, out, "")
    else:
        out[-1] += " " + _leaf(value, rng) + _decorate(rng)


def _leaf(value: Any, rng: random.Random) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    if value is None:
        return rng.choice(["", "", "~", "!t", "!t x"])
    return _scalar_text(value, rng)


_TREES = st.recursive(
    st.one_of(_TEXTS, st.none()),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(_TEXTS, children, max_size=4)
    ),
    max_leaves=12,
)


def _layout(tree: Any, rng: random.Random) -> str:
    out = [""]
    _render(tree, rng, rng.choice([0, 0, 0, 1, 2]), out, "")
    lines = [line for line in out if line] or [""]
    for _ in range(rng.randrange(3)):
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(["", "# c", "   ", "  # x: y"]))
    end = rng.choice(["\n", "\n", "", "\r\n", "\n\n"])
    return end.join(lines) + end if end != "\r\n" else "\r\n".join(lines)


def _mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randrange(1, 4)):
        where = rng.randrange(len(text) + 1)
        action = rng.randrange(5)
        piece = rng.choice(
            [":", " ", "-", "#", "'", '"', "!", "&", "*", "[", "]", "{", "}", "\n", "\t",
             "|", ">", "?", "%", "\r", "- ", ": ", " #", "  ", "é", "\ufeff", "---", "0", "~"]
        )  # fmt: skip
        if action == 0:
            text = text[:where] + piece + text[where:]
        elif action == 1:
            text = text[:where] + text[where + 1 :]
        elif action == 2:
            text = text[:where] + piece + text[where + 1 :]
        elif action == 3:  # a line indented differently
            lines = text.split("\n")
            at = rng.randrange(len(lines))
            lines[at] = (
                rng.choice(["", " ", "  ", "   "])
                + lines[at].lstrip(" ")[: rng.choice([None, 0, 1])]
            )
            text = "\n".join(lines)
        else:  # a line repeated
            lines = text.split("\n")
            at = rng.randrange(len(lines))
            lines.insert(at, lines[at])
            text = "\n".join(lines)
    return text


_SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))


@_SETTINGS
@given(_TREES, st.randoms(use_true_random=False))
def test_generated_block_documents(tree: Any, rng: random.Random) -> None:
    text = _layout(tree, rng)
    check(text)
    check(_mutate(text, rng))


_KEYS = ["a", "b", "a b", "'q'", '"d"', "a:b", "1", "~", "-x", "k#", "a #c", "?x", "<<", "é", ""]
_VALUES = [
    "", "1", "x y", "'s'", "'it''s'", "'a", '"d"', '"e\\n"', "[]", "{}", "[1]", "{a: 1}",
    "!t", "!t x", "!t 'x'", "!!int 1", "!t!x", "&a x", "*a", "|", ">", "# c", "x # c", "x#c",
    "a: b", "-", "- x", "é", "\u00a0x", "null", "-.inf", "0x1F", "x:", "--- ", "...", "!",
    "x\t", "'x' y", "'x'#c", "[ ]", "[]x",
]  # fmt: skip


@st.composite
def _token_lines(draw: Any) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 7))):
        line = " " * draw(st.integers(0, 5))
        line += draw(st.sampled_from(["", "", "- ", "-", "- - ", "-  "]))
        if draw(st.booleans()):
            line += draw(st.sampled_from(_KEYS)) + draw(st.sampled_from([":", ": ", ":  ", " :"]))
        line += draw(st.sampled_from(_VALUES)) + draw(st.sampled_from(["", " ", " # c"]))
        lines.append(line)
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines) + draw(st.sampled_from(["", "\n"]))


@_SETTINGS
@given(_token_lines())
def test_generated_token_lines(text: str) -> None:
    check(text)


@_SETTINGS
@given(st.sampled_from(FIXTURE_TEXTS), st.randoms(use_true_random=False))
def test_fixture_mutations(text: str, rng: random.Random) -> None:
    check(_mutate(text, rng))


# ── every vector, both ways ─────────────────────────────────────────────────

ROWS = list(_vector_rows())


def test_every_vector_input_agrees() -> None:
    assert len(ROWS) > 900
    vouched = sum(check(text) for _, _, text, _ in ROWS)
    assert vouched > 100  # the subset is met among them


def _outcome(text: str, cls: Any, dialect: str, unknown: str) -> tuple[str, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = repr(from_yaml_(text, cls, dialect, unknown))
        except WireError as error:
            result = f"error: {error} {error.line} {error.column}"
    return result, [str(w.message) for w in caught if issubclass(w.category, UnknownFieldWarning)]


def from_yaml_(text: str, cls: Any, dialect: str, unknown: str) -> Any:
    return yaml_format.from_yaml(text, cls, validate=False, unknown=unknown, dialect=dialect)  # type: ignore[call-overload]


def _both_ways(text: str, cls: Any, dialect: str, unknown: str) -> None:
    old = yaml_format._FAST_TREE
    try:
        yaml_format._FAST_TREE = False
        full = _outcome(text, cls, dialect, unknown)
        yaml_format._FAST_TREE = True
        fast = _outcome(text, cls, dialect, unknown)
    finally:
        yaml_format._FAST_TREE = old
    assert fast == full, text


@pytest.mark.parametrize("unknown", ["warn", "error"])
def test_every_vector_reads_the_same_both_ways(unknown: str) -> None:
    rng = random.Random(15)
    for _, cls, text, dialect in ROWS:
        mutated = _mutate(text, rng)
        # `any` (the default) is the dialect the generated readers take the tree in.
        for read_as in (dialect, "any"):
            _both_ways(text, cls, read_as, unknown)
            _both_ways(mutated, cls, read_as, unknown)


@_SETTINGS
@given(st.sampled_from(FIXTURE_TEXTS), st.randoms(use_true_random=False))
def test_fixture_mutations_read_the_same_both_ways(text: str, rng: random.Random) -> None:
    _both_ways(_mutate(text, rng), FineTuneConfig, "any", "warn")


# ── generated values of every type, through the generated readers ──────────


def _conformance_types() -> list[tuple[str, Any]]:
    sys.path.insert(0, str(ROOT / "conformance"))
    from mirrors import TYPES

    return sorted(TYPES.items())


@st.composite
def _written_values(draw: Any) -> tuple[str, Any]:
    """A value of a conformance type or a FineTuneConfig as to_yaml writes it (either
    dialect), perhaps mutated, and its type."""
    from values import values_of  # type: ignore[import-not-found]

    from jammi_wire import testing

    _, cls = draw(st.sampled_from([("FineTuneConfig", FineTuneConfig), *_conformance_types()]))
    value = draw(testing.values(cls) if cls is FineTuneConfig else values_of(cls))
    dialect = draw(st.sampled_from(["tags", "singleton_map"]))
    try:
        text = jammi_wire.to_yaml(value, dialect=dialect)
    except WireError:  # serde_yaml cannot write an enum inside a tag either
        text = jammi_wire.to_yaml(value, dialect="singleton_map")
    if draw(st.booleans()):
        text = _mutate(text, draw(st.randoms(use_true_random=False)))
    return text, cls


@_SETTINGS
@given(_written_values(), st.sampled_from(["warn", "error"]))
def test_generated_values_read_the_same_both_ways(written: tuple[str, Any], unknown: str) -> None:
    text, cls = written
    check(text)
    _both_ways(text, cls, "any", unknown)


def test_the_ascii_class_is_the_whole_class_within_ascii() -> None:
    # ASCII text is screened with the small class; the whole one compiles on demand
    import re

    from jammi_wire.preconf import _yaml_fast

    whole = re.compile(_yaml_fast._UNVOUCHED_PATTERN)
    for char in map(chr, range(128)):
        assert (whole.match(char) is None) == (_yaml_fast._UNVOUCHED_ASCII.match(char) is None)
    assert _yaml_fast._unvouched("a: \u00e9\n") is False
    assert _yaml_fast._unvouched("a: \u0085\n") is True
