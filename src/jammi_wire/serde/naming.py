"""serde's ``rename_all`` rules.

serde converts names one character at a time rather than by words, so generic
case-conversion libraries disagree with it: ``AnglE`` is ``angl_e``, ``BF16`` under
``snake_case`` is ``b_f16``. Variant names arrive in Rust's PascalCase, field names in
snake_case; each rule has a form for each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

RenameRule = Literal[
    "lowercase",
    "UPPERCASE",
    "PascalCase",
    "camelCase",
    "snake_case",
    "SCREAMING_SNAKE_CASE",
    "kebab-case",
    "SCREAMING-KEBAB-CASE",
]


def _variant_snake(name: str) -> str:
    out: list[str] = []
    for index, char in enumerate(name):
        if index > 0 and char.isupper():
            out.append("_")
        out.append(char.lower() if char.isascii() else char)
    return "".join(out)


def _variant_camel(name: str) -> str:
    return name[:1].lower() + name[1:]


_VARIANT_RULES: dict[str, Callable[[str], str]] = {
    "lowercase": lambda name: "".join(c.lower() if c.isascii() else c for c in name),
    "UPPERCASE": lambda name: "".join(c.upper() if c.isascii() else c for c in name),
    "PascalCase": lambda name: name,
    "camelCase": _variant_camel,
    "snake_case": _variant_snake,
    "SCREAMING_SNAKE_CASE": lambda name: _variant_snake(name).upper(),
    "kebab-case": lambda name: _variant_snake(name).replace("_", "-"),
    "SCREAMING-KEBAB-CASE": lambda name: _variant_snake(name).upper().replace("_", "-"),
}


def _field_pascal(name: str) -> str:
    out: list[str] = []
    capitalize = True
    for char in name:
        if char == "_":
            capitalize = True
        elif capitalize:
            out.append(char.upper())
            capitalize = False
        else:
            out.append(char)
    return "".join(out)


_FIELD_RULES: dict[str, Callable[[str], str]] = {
    "lowercase": lambda name: name,
    "UPPERCASE": str.upper,
    "PascalCase": _field_pascal,
    "camelCase": lambda name: _variant_camel(_field_pascal(name)),
    "snake_case": lambda name: name,
    "SCREAMING_SNAKE_CASE": str.upper,
    "kebab-case": lambda name: name.replace("_", "-"),
    "SCREAMING-KEBAB-CASE": lambda name: name.upper().replace("_", "-"),
}


def rename_variant(rule: RenameRule | None, name: str) -> str:
    """The wire name of a Rust enum variant ``name`` under ``#[serde(rename_all = rule)]``."""
    return name if rule is None else _VARIANT_RULES[rule](name)


def rename_field(rule: RenameRule | None, name: str) -> str:
    """The wire name of a Rust struct field ``name`` under ``#[serde(rename_all = rule)]``."""
    return name if rule is None else _FIELD_RULES[rule](name)


def snake_case(variant: str) -> str:
    """``rename_all = "snake_case"`` applied to a variant: ``CoSent`` -> ``co_sent``."""
    return _variant_snake(variant)


def lowercase(variant: str) -> str:
    """``rename_all = "lowercase"`` applied to a variant: ``BF16`` -> ``bf16``."""
    return _VARIANT_RULES["lowercase"](variant)
