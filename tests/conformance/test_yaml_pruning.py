"""from_yaml leaves fields serde ignores out of the value tree of a large document
(issue 13: a million unknown keys cost the tree a million entries). That must change
nothing else: every YAML vector, and documents made to probe the loader's guide, read
to the same value or error, with the same unknown-field warnings in the same order, as
when the whole tree is built."""

from __future__ import annotations

import warnings
from collections import Counter
from typing import Any

import pytest
from compare import yaml_vector_rows

import jammi_wire.preconf.yaml as yaml_format
from jammi_wire import FineTuneConfig, UnknownFieldWarning, WireError, from_yaml


def _outcome(text: str, cls: Any, dialect: str, unknown: str) -> tuple[str, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = repr(from_yaml(text, cls, validate=False, unknown=unknown, dialect=dialect))  # type: ignore[call-overload]
        except WireError as error:
            result = f"error: {error}"
    return result, [str(w.message) for w in caught if issubclass(w.category, UnknownFieldWarning)]


def _same(guided: tuple[str, list[str]], whole: tuple[str, list[str]]) -> bool:
    """The same value or error; the same warnings in the same order, except that a
    document refused for another reason warns about all its unknown keys, in document
    order (they are met while it is loaded, before anything is read)."""
    if guided[0] != whole[0]:
        return False
    if guided[0].startswith("error: "):
        return not Counter(whole[1]) - Counter(guided[1])
    return guided[1] == whole[1]


def _both(
    text: str, cls: Any, dialect: str, unknown: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[tuple[str, list[str]], tuple[str, list[str]]]:
    with monkeypatch.context() as patch:
        patch.setattr(yaml_format, "GUIDED_FROM", 0)  # whatever the document's size
        guided = _outcome(text, cls, dialect, unknown)
    with monkeypatch.context() as patch:
        patch.setattr(yaml_format, "_guide", lambda shape: None)  # the whole tree
        whole = _outcome(text, cls, dialect, unknown)
    return guided, whole


ROWS = list(yaml_vector_rows())


def test_the_vectors_are_found() -> None:
    assert len(ROWS) > 900


@pytest.mark.parametrize("unknown", ["warn", "ignore"])
def test_every_yaml_vector_reads_the_same(unknown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    differ = []
    for name, cls, text, dialect in ROWS:
        guided, whole = _both(text, cls, dialect, unknown, monkeypatch)
        if not _same(guided, whole):
            differ.append((name, guided, whole))
    assert differ == []


BASE = "lora_rank: 8\n"

PROBES = [
    # an unknown key between known ones, a typo with a hint, a merge key
    BASE + "zz: 1\nlora_alpah: 2.0\n<<: {epochs: 2}\nepochs: 3\n",
    # an anchor inside an ignored value, read through an alias by a known field
    BASE + "zz: &m {a: [1, 2]}\nhard_negatives: *m\n",
    "zz: &k [1, 2]\n" + BASE + "target_modules: *k\n",
    # an anchored key that is ignored, then used as a value
    BASE + "&n zz: 1\nepochs: *n\n",
    # unknown fields nested in known structs and in a sequence of structs
    BASE + "method: !triplet {margin: 0.5, zz: 1}\n",
    BASE + "warmup: !steps 5\nzz: {lora_rank: x}\n",
    # an unknown key whose value is broken YAML, and a syntax error after it
    BASE + "zz: [1, {a: \n",
    BASE + "zz: 1\nepochs: [\n",
    # a repeated unknown key, a repeated known one, a complex key
    BASE + "zz: 1\nzz: 2\n",
    BASE + "zz: 1\nlora_rank: 9\n",
    BASE + "? [a]\n: 1\n",
    # a known field of the wrong type after unknown ones
    BASE + "zz: 1\nepochs: many\nyy: 2\n",
]


@pytest.mark.parametrize("text", PROBES)
@pytest.mark.parametrize("unknown", ["warn", "ignore"])
def test_probes_read_the_same(text: str, unknown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    guided, whole = _both(text, FineTuneConfig, "tags", unknown, monkeypatch)
    assert _same(guided, whole), (guided, whole)


def _a_key_value_line(line: str) -> bool:
    """A ``key: value`` line of a block mapping, after which a sibling key fits."""
    return ": " in line and not line.rstrip().endswith(":") and not line.lstrip().startswith("-")


def test_conformance_types_with_unknown_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every mirrored type, its vectors' mappings given unknown keys at each level."""
    differ = []
    for name, cls, text, dialect in ROWS:
        if ":" not in text or "\n" not in text:
            continue
        mutated = "".join(
            line + "\n" + line[: len(line) - len(line.lstrip())] + "zz_unknown: [1, {a: 2}]\n"
            if _a_key_value_line(line)
            else line + "\n"
            for line in text.splitlines()
        )
        guided, whole = _both(mutated, cls, dialect, "warn", monkeypatch)
        if not _same(guided, whole):
            differ.append((name, mutated, guided, whole))
    assert differ == []
