"""Every problem in a config, as data: what ``jammi-wire check`` prints, for any caller.

:func:`diagnose` reads a document the way serde does and keeps going after the first
error: it repairs each bad value with its default and reads on, then runs the
``validate()`` rules, lists fields serde ignores and plain YAML scalars that YAML 1.1
readers (PyYAML, yq) read differently from serde_yaml. Each finding is a
:class:`Diagnostic` with a position and, where serde's words are jargon, a hint.

Nothing here decides by reading an error's message: what went wrong is worked out from
the document and the target type (the value at the error's path, the shape serde
expected there).
"""

from __future__ import annotations

import contextlib
import json
import os
import warnings
from collections.abc import Iterator, Sequence
from typing import Any, Literal, cast

import attrs

from ._errors import DocumentError, PathElement, UnknownFieldWarning, WireError, render_path
from ._formats import Format, format_of_path, sniff_format
from .fine_tune import FineTuneConfig
from .preconf._yaml_fast import deeper_keys
from .preconf._yaml_scalars import plain_null, same_reading, yaml11_plain
from .serde.data import Alias, DuplicateKeys, Plain, Tagged, TaggedScalar
from .serde.model import (
    BoolShape,
    FloatShape,
    IntShape,
    MapShape,
    OptionShape,
    SeqShape,
    Shape,
    StrShape,
    StructShape,
    TaggedEnumShape,
    UnitEnumShape,
    shape_of,
)
from .serde.structure import Context
from .serde.unstructure import Unstructurer

__all__ = ["Diagnostic", "Severity", "diagnose", "diagnose_text", "sniff_format"]

Severity = Literal["error", "warning"]
ReadDialect = Literal["tags", "singleton_map", "any"]

_MAX_REPAIRS = 200
# This many required fields missing from one struct is a fresh file, not a typo: one
# grouped problem instead of a screenful.
_GROUP_MISSING = 3


@attrs.frozen
class Diagnostic:
    """One problem found in a document.

    ``code`` says what kind of problem it is (stable, for tools): ``syntax``,
    ``empty``, ``decode`` (serde refuses a value), ``missing-fields``, ``validate`` (a
    rule of ``validate()``), ``unknown-field``, ``merge-key``, ``yaml-1.1``,
    ``indentation``. ``message`` is serde's (or Rust's) text where there is one;
    ``hint`` is ours, a line on what to write instead; ``replacement``, where given, is
    text for the value at ``line``/``column`` that serde and YAML 1.1 readers both read
    as intended.
    """

    severity: Severity
    code: str
    message: str
    path: tuple[PathElement, ...] = ()
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    replacement: str | None = None

    @property
    def field(self) -> str:
        """The path rendered as serde_yaml does (``hard_negatives.k``); ``""`` at the root."""
        return render_path(self.path)

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}: " if self.line is not None else ""
        field = f"{self.field}: " if self.path else ""
        return f"{where}{self.severity}: {field}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "path": self.field,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "replacement": self.replacement,
        }


def diagnose(
    source: str | bytes | os.PathLike[str],
    cls: type[Any] = FineTuneConfig,
    *,
    format: Format | None = None,
    dialect: ReadDialect = "any",
    overrides: Sequence[str] = (),
) -> list[Diagnostic]:
    """Every problem serde and ``validate()`` would find in a document, in line order.

    ``source`` is a path (``pathlib.Path`` or any ``os.PathLike``) or the text itself
    (``str`` or UTF-8 ``bytes``). ``format`` is taken from the path's extension
    (``.json``, ``.yaml``/``.yml``, ``.jsonl``), else sniffed from the text. An empty
    list means serde reads the document and every rule holds. I/O errors are raised
    (``OSError``); bytes that are not UTF-8 raise ``WireError``. ``overrides``
    (``"hard_negatives.k=5"``) set values first, each YAML text read by the field's
    type as serde_yaml reads it.
    """
    if isinstance(source, os.PathLike):
        from pathlib import Path

        data: str | bytes = Path(source).read_bytes()
        format = format or format_of_path(source)
    else:
        data = source
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise WireError(f"invalid UTF-8 at byte {error.start}") from None
    return diagnose_text(data, cls, format=format, dialect=dialect, overrides=overrides)


def blank_record(line: str | bytes) -> bool:
    """A JSON Lines line holding nothing but JSON whitespace: no record, skipped."""
    if isinstance(line, bytes):
        return not line.strip(b" \t\r\n")
    return not line.strip(" \t\r\n")


def diagnose_text(
    text: str,
    cls: type[Any] = FineTuneConfig,
    *,
    format: Format | None = None,
    dialect: ReadDialect = "any",
    overrides: Sequence[str] = (),
) -> list[Diagnostic]:
    """:func:`diagnose` for text already in hand."""
    assignments = _assignments(overrides)
    fmt = format or sniff_format(text)
    if fmt == "jsonl":
        out: list[Diagnostic] = []
        # Records end at "\n" only, as `convert` reads them: U+2028, U+0085 or a form
        # feed inside a record belong to it (and a line of only a form feed is a record).
        for number, line in enumerate(text.split("\n"), 1):
            if not blank_record(line):
                for found in _Checker(line, "json", cls, dialect, assignments).run():
                    out.append(attrs.evolve(found, line=number))
        return out
    return _Checker(text, fmt, cls, dialect, assignments).run()


def _assignments(overrides: Sequence[str]) -> list[Any]:
    if not overrides:
        return []  # the editing module (and its YAML composer) only for --set
    from .edit import parse_assignment

    return [parse_assignment(item) for item in overrides]


def read_text(
    text: str,
    cls: type[Any] = FineTuneConfig,
    *,
    format: Format | None = None,
    dialect: ReadDialect = "any",
    overrides: Sequence[str] = (),
) -> tuple[Any, list[Diagnostic]]:
    """The value (``None`` if any error) and every diagnostic: ``--set`` for convert."""
    fmt = format or sniff_format(text)
    # (convert: a file may write its enums in both YAML forms, as from_yaml reads it)
    checker = _Checker(text, fmt, cls, dialect, _assignments(overrides), one_form=False)
    found = checker.run()
    failed = any(d.severity == "error" for d in found)
    return (None if failed else checker.value), found


# ── walking a value tree along the type's shape ─────────────────────────────


def _unwrap(node: Any) -> Any:
    while type(node) is Alias:
        node = node.node
    return node


def _inner(shape: Shape) -> Shape:
    while isinstance(shape, OptionShape):
        shape = shape.inner
    return shape


def _field(shape: StructShape, wire: str) -> Any:
    for spec in shape.fields:
        if spec.wire == wire:
            return spec
    return None


def _variant_struct(shape: TaggedEnumShape, node: Any) -> tuple[StructShape | None, Any, str]:
    """The variant struct a node of an enum names, its content, and the wire name."""
    node = _unwrap(node)
    if isinstance(node, Tagged):
        spec = shape.by_wire.get(node.tag)
        return (spec.struct if spec else None), _unwrap(node.value), node.tag
    return None, None, ""


def shape_at(shape: Shape, path: Sequence[PathElement]) -> Shape | None:
    """The shape serde expects at ``path`` (a struct variant's fields after its name)."""
    current: Shape | None = shape
    for element in path:
        if current is None:
            return None
        current = _inner(current)
        if isinstance(current, TaggedEnumShape):
            spec = current.by_wire.get(str(element))
            current = spec.struct if spec is not None else None
        elif isinstance(current, StructShape):
            spec_ = _field(current, str(element))
            current = spec_.shape if spec_ is not None else None
        elif isinstance(current, SeqShape) and isinstance(element, int):
            current = current.inner
        elif isinstance(current, MapShape):
            current = current.value
        else:
            return None
    return current


class _Step:
    """One step of a path: the container, its shape, the element and what it holds.
    (A plain class: an attrs class costs start-up for what is only a record here.)"""

    __slots__ = ("element", "node", "node_shape", "parent", "shape")

    def __init__(
        self, parent: Any, shape: Shape, element: PathElement, node: Any, node_shape: Shape | None
    ) -> None:
        self.parent = parent
        self.shape = shape
        self.element = element
        self.node = node
        self.node_shape = node_shape


def _resolve(tree: Any, shape: Shape, path: Sequence[PathElement]) -> list[_Step]:
    """Follow ``path`` through the tree and the shape together, as far as both go."""
    steps: list[_Step] = []
    node = _unwrap(tree)
    current: Shape | None = shape
    for element in path:
        if current is None:
            break
        current = _inner(current)
        container: Any = node
        child_shape: Shape | None = None
        if isinstance(current, TaggedEnumShape):
            struct, content, _ = _variant_struct(current, node)
            if struct is not None:
                current, container = struct, content
            elif isinstance(node, dict) and element in current.by_wire:
                # the map form: {"triplet": {...}} steps through the variant's name
                spec = current.by_wire[str(element)]
                child = _unwrap(node.get(element))
                steps.append(_Step(node, current, element, child, spec.struct))
                node, current = child, spec.struct
                continue
        if isinstance(current, StructShape):
            spec = _field(current, str(element))
            child_shape = spec.shape if spec is not None else None
        elif isinstance(current, SeqShape):
            child_shape = current.inner
        elif isinstance(current, MapShape):
            child_shape = current.value
        if (isinstance(container, dict) and element in container) or (
            isinstance(container, list)
            and isinstance(element, int)
            and 0 <= element < len(container)
        ):
            child = _unwrap(cast(Any, container)[element])
        else:
            steps.append(_Step(container, current, element, None, child_shape))
            break
        steps.append(_Step(container, current, element, child, child_shape))
        node, current = child, child_shape
    return steps


def _nodes(tree: Any, shape: Shape) -> Iterator[tuple[tuple[PathElement, ...], Any, Any, bool]]:
    """(path, node, shape, optional) for every node the type reaches, each container
    once: the shape with any ``Option`` around it taken off, and whether there was one
    (whose ``null`` is None, not a value of the type inside)."""
    pending: list[tuple[Any, Shape, tuple[PathElement, ...]]] = [(tree, shape, ())]
    seen: set[int] = set()
    while pending:
        node, declared, path = pending.pop()
        node = _unwrap(node)
        current = _inner(declared)
        yield path, node, current, current is not declared
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                continue
            seen.add(id(node))
        children: list[tuple[Any, Shape, tuple[PathElement, ...]]] = []
        if isinstance(current, TaggedEnumShape):
            struct, content, _ = _variant_struct(current, node)
            if struct is not None:
                children.append((content, struct, path))
            elif isinstance(node, dict) and len(node) == 1:
                (key, value), *_ = node.items()
                spec = current.by_wire.get(key) if isinstance(key, str) else None
                if spec is not None and spec.struct is not None:
                    children.append((value, spec.struct, (*path, key)))
        elif isinstance(current, StructShape) and isinstance(node, dict):
            for key, value in node.items():
                spec = _field(current, key) if isinstance(key, str) else None
                if spec is not None:
                    children.append((value, spec.shape, (*path, key)))
        elif isinstance(current, SeqShape) and isinstance(node, list):
            children.extend((v, current.inner, (*path, i)) for i, v in enumerate(node))
        elif isinstance(current, MapShape) and isinstance(node, dict):
            children.extend((v, current.value, (*path, k)) for k, v in node.items())
        pending.extend(reversed(children))


# ── YAML 1.1 readings ───────────────────────────────────────────────────────

_Y11: tuple[Any, Any] | None = None


def _yaml11_reading(text: str) -> tuple[bool, Any]:
    """(True, value) as a YAML 1.1 reader (PyYAML's safe loader) reads a plain scalar."""
    plain, value = yaml11_plain(text)
    return (True, value) if plain else _yaml11_resolved(text)


def _yaml11_resolved(text: str) -> tuple[bool, Any]:
    """:func:`_yaml11_reading` by PyYAML's own resolver and constructor."""
    global _Y11
    import yaml  # YAML documents only: checking JSON does not load PyYAML

    if _Y11 is None:
        _Y11 = (yaml.resolver.Resolver(), yaml.constructor.SafeConstructor())
    resolver, constructor = _Y11
    tag = resolver.resolve(yaml.ScalarNode, text, (True, False))
    if tag == "tag:yaml.org,2002:str":
        return True, text
    try:
        return True, constructor.construct_object(yaml.ScalarNode(tag, text))
    except (yaml.YAMLError, ValueError, TypeError):
        return False, None


def yaml_text_for(value: Any) -> str | None:
    """Plain or quoted YAML text that serde_yaml and YAML 1.1 readers read as ``value``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        if "e" in text:
            # YAML 1.1 wants a point in the mantissa and a sign on the exponent.
            mantissa, exponent = text.split("e")
            if "." not in mantissa:
                mantissa += ".0"
            if exponent[0] not in "+-":
                exponent = "+" + exponent
            text = f"{mantissa}e{exponent}"
        return text
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return None


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"the string {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if value is None:
        return "null"
    kind = "number" if isinstance(value, float) else "integer"
    return f"the {kind} {yaml_text_for(value)}"


# ── the checker ─────────────────────────────────────────────────────────────


def _did_you_mean(name: str, names: Sequence[str]) -> str | None:
    def squash(text: str) -> str:
        return text.replace("_", "").replace("-", "").lower()

    for candidate in names:
        if squash(candidate) == squash(name):
            return candidate
    import difflib  # a did-you-mean only: not loaded at start-up

    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return close[0] if close else None


class _Pending:
    """A position still to be looked up (YAML): all of them are found in one pass."""

    __slots__ = ("key", "occurrences", "path")

    def __init__(
        self,
        path: tuple[PathElement, ...],
        key: tuple[str, int] | None,
        # Which of a repeated key's values a path element means (WireError.occurrences).
        occurrences: dict[int, int] | None = None,
    ) -> None:
        self.path = path
        self.key = key
        self.occurrences = occurrences


Where = tuple[int | None, int | None] | _Pending


class _Checker:
    def __init__(
        self,
        text: str,
        fmt: str,
        cls: type[Any],
        dialect: ReadDialect,
        overrides: Sequence[tuple[tuple[PathElement, ...], str]] = (),
        *,
        one_form: bool = True,
    ) -> None:
        self.text = text
        # Whether a YAML file read as `any` must write its enums in one form, as every
        # serde_yaml reader needs (check); convert reads either, as from_yaml does.
        self.one_form = one_form
        self.overrides = list(overrides)
        self.value: Any = None
        self.fmt = fmt
        self.cls = cls
        self.dialect = dialect
        self.shape = shape_of(cls)
        self.out: list[Diagnostic] = []
        self.repaired: list[tuple[PathElement, ...]] = []
        self.hints: dict[tuple[PathElement, ...], tuple[str, str | None]] = {}
        # structs missing a field with no default to stand in (serde's error is reported)
        self.missing_at: set[tuple[PathElement, ...]] = set()
        self.folded: dict[int, int] = {}  # line -> the line whose value it was folded into
        self._positions: dict[tuple[PathElement, ...], tuple[int | None, int | None]] = {}
        self._json: Any = None
        # JSON with a syntax error: where the text added to what was read whole starts
        self.cut_at: tuple[int, int] | None = None
        self.pending: list[tuple[int, _Pending]] = []  # (index in out, where to look)
        if fmt == "yaml":
            from .preconf import yaml as wire_yaml

            self.compiler: Any = wire_yaml._COMPILERS[dialect]
            form: Literal["map", "tagged"] = "map" if dialect == "singleton_map" else "tagged"
        else:
            from .preconf import json as wire_json

            self.compiler = wire_json.EXACT
            form = "map"
        if self.overrides and fmt != "yaml":
            # override values are YAML text: the document is read with YAML's rules
            from .preconf import yaml as wire_yaml

            self.compiler = wire_yaml._COMPILERS[dialect]
        self.writer = Unstructurer(form, finite_floats=False)

    # positions

    def _place(self, path: tuple[PathElement, ...]) -> Where:
        if self.fmt == "yaml":
            # Looked up with all the others in one pass once the run is over: one YAML
            # lookup per problem re-read the whole document each time.
            return _Pending(path, None)
        if path not in self._positions:
            from .preconf._json_text import byte_column

            where: tuple[int | None, int | None] = (None, None)
            locator = self._json_locator()
            with contextlib.suppress(Exception):  # a position is a nicety
                span = locator.span(path)
                if span is None and path:
                    span = locator.span(path[:-1])
                if span is not None:
                    where = byte_column(self.text, span[0])
            self._positions[path] = where
        return self._positions[path]

    def _json_locator(self) -> Any:
        # One per document: it remembers the containers it has read, so placing many
        # problems reads the text once rather than once per problem.
        if self._json is None:
            from .preconf._json_text import JsonLocator

            self._json = JsonLocator(self.text)
        return self._json

    def _where(self, error: WireError) -> Where:
        """Where a decode error goes: serde's position for it, else its value's."""
        if error.line is not None or isinstance(error, DocumentError):
            return error.line, error.column
        if self.fmt == "yaml":
            return _Pending(error.path, error.key, error.occurrences)
        with contextlib.suppress(Exception):
            self._json_locator().position(error)
        if error.line is None:  # serde_json gives no position; point at the value
            return self._place(error.path)
        return error.line, error.column

    def _locate(self, error: WireError) -> WireError:
        if error.line is not None or isinstance(error, DocumentError):
            return error
        where = self._where(error)
        if isinstance(where, _Pending):
            from .preconf._yaml_load import locate

            found = locate(self.text, error.path, error.key, error.occurrences)
            return error.at(*found) if found is not None else error
        return error.at(*where)

    def _resolve_pending(self) -> None:
        """Positions for every problem whose place was left for later: one pass."""
        if not self.pending:
            return
        from .preconf._yaml_load import locate_many

        places = locate_many(
            self.text,
            [(p.path, p.key) for _, p in self.pending],
            [p.occurrences for _, p in self.pending],
        )
        for (index, _), where in zip(self.pending, places, strict=True):
            if where is not None:
                self.out[index] = attrs.evolve(self.out[index], line=where[0], column=where[1])
        self.pending = []

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        path: tuple[PathElement, ...] = (),
        where: Where | None = None,
        hint: str | None = None,
        replacement: str | None = None,
    ) -> None:
        if where is None:
            where = self._place(path)
        if isinstance(where, _Pending):
            self.pending.append((len(self.out), where))
            where = (None, None)
        line, column = where
        self.out.append(Diagnostic(severity, code, message, path, line, column, hint, replacement))

    # the run

    def run(self) -> list[Diagnostic]:
        if not self.text.strip():
            self.add("error", "empty", "empty document: no config found", where=(None, None))
            return self.out
        if self.fmt == "yaml":
            self._indentation()
        tree, syntax = self._parse()
        if self.overrides and syntax is None:
            from .edit import apply_to_tree

            tree = apply_to_tree(self._defaults_on_the_way(tree), self.overrides)
        if tree is not None:
            if self.fmt == "yaml":
                self._yaml11(tree)
            if syntax is None:  # a document cut short by a syntax error lacks fields
                self._missing_fields(tree)
            obj, ctx = self._read(tree, syntax)
            self.value = obj
            self._unknown_fields(tree, ctx)
            if obj is not None and syntax is None:  # rules on part of a document mislead
                self._rules(obj)
            if self.fmt == "yaml" and self.dialect == "any" and self.one_form and obj is not None:
                self._one_enum_form(tree)
        if syntax is not None:
            self._syntax(syntax)
        self._resolve_pending()
        if self.cut_at is not None:
            cut = self.cut_at
            self.out = [
                d
                for d in self.out
                if d.code == "syntax" or d.line is None or (d.line, d.column or 0) < cut
            ]
        order = {id(d): i for i, d in enumerate(self.out)}
        return sorted(self.out, key=lambda d: (d.line or 0, d.column or 0, order[id(d)]))

    def _parse(self) -> tuple[Any, WireError | None]:
        if self.fmt == "yaml":
            # The block-style subset is read without PyYAML (its import is about a
            # third of a check's start-up); the reader vouches for the same tree the
            # full loader builds, and leaves everything else, errors included, to it.
            from .preconf._yaml_fast import small_block_subset

            found = small_block_subset(self.text)
            if found is not None:
                return found[0], None
            from .preconf._yaml_load import parse_partial

            try:
                tree, error, _ = parse_partial(self.text)
            except WireError as failure:
                return None, failure
            return tree, error
        from .preconf import json as wire_json

        # After a syntax error, the values serde_json read whole before it are checked
        # too: on a document made of them (the containers open there closed), placed
        # in that document, where problems at the added text are artefacts of the cut.
        tree, syntax, partial = wire_json.parse_partial(self.text, self.cls)
        if partial is not None:
            from .preconf._json_text import JsonLocator, byte_column

            prefix, cut = partial
            self._json = JsonLocator(prefix)
            self.cut_at = byte_column(prefix, cut)
        return tree, syntax

    def _syntax(self, error: WireError) -> None:
        if any(d.code == "syntax" for d in self.out):
            return
        error = self._locate(error)
        hint = None
        if error.line is not None:
            lines = self.text.splitlines()
            if 0 < error.line <= len(lines):
                source = lines[error.line - 1]
                indent = source[: len(source) - len(source.lstrip(" \t"))]
                if "\t" in indent and self.fmt == "yaml":
                    hint = (
                        f"line {error.line} is indented with a tab; YAML indents with spaces only"
                    )
                elif error.line in self.folded:
                    hint = f"line {error.line} is indented deeper than the key on line " + (
                        f"{self.folded[error.line]}: indent it like the keys around it"
                    )
        message = error.message + error.detail
        self.add("error", "syntax", message, error.path, (error.line, error.column), hint)

    def _fill(self, struct: StructShape, spec: Any) -> tuple[bool, Any]:
        """The tree of a field's Python default (Rust's Default), to stand in for a bad value."""
        found = attrs.fields_dict(struct.cls).get(spec.attr)
        value: Any = attrs.NOTHING if found is None else found.default
        try:
            if isinstance(value, attrs.Factory):  # type: ignore[arg-type]
                value = value.factory()
            elif value is attrs.NOTHING:
                value = spec.shape.type_default()
            return True, self.writer.compile(spec.shape)(value)
        except Exception:  # a type with no Default: nothing to stand in
            return False, None

    def _fill_item(self, shape: Shape) -> tuple[bool, Any]:
        try:
            return True, self.writer.compile(shape)(shape.type_default())
        except Exception:
            return False, None

    @staticmethod
    def _set(parent: Any, key: PathElement, value: Any, delete: bool) -> None:
        if isinstance(parent, DuplicateKeys):
            parent.pairs[:] = [
                (k, value) if k == key else (k, v)
                for k, v in parent.pairs
                if not (delete and k == key)
            ]
        if delete:
            del parent[key]
        else:
            parent[key] = value

    def _missing_fields(self, tree: Any) -> None:
        for path, node, shape, _ in list(_nodes(tree, self.shape)):
            if not isinstance(shape, StructShape) or not isinstance(node, dict):
                continue
            missing = [s for s in shape.fields if s.missing is None and s.wire not in node]
            if not missing:
                continue
            for spec in missing:
                ok, value = self._fill(shape, spec)
                if ok:
                    self._set(node, spec.wire, value, delete=False)
                    self.repaired.append((*path, spec.wire))
                else:
                    self.missing_at.add(path)
            where = self._place(path)
            names = [s.wire for s in missing]
            if len(missing) >= _GROUP_MISSING:
                listed = ", ".join(f"`{n}`" for n in names[1:])
                command = "jammi-wire init FILE"
                if self.cls is not FineTuneConfig:
                    command = f"jammi-wire init --type {type_name(self.cls)} FILE"
                self.add(
                    "error",
                    "missing-fields",
                    f"missing field `{names[0]}` and {len(names) - 1} more required "
                    f"fields: {listed}",
                    path,
                    where,
                    hint=f"`{command}` writes a complete file with every field's default "
                    "to start from",
                )
            else:
                keys = [k for k in node if isinstance(k, str) and _field(shape, k) is None]
                for name in names:
                    typo = _did_you_mean(name, keys)
                    if typo is None:
                        self.add(
                            "error",
                            "missing-fields",
                            f"missing field `{name}`",
                            (*path, name),
                            where,
                        )
                        continue
                    self.add(
                        "error",
                        "missing-fields",
                        f"missing field `{name}`",
                        (*path, name),
                        self._place((*path, typo)),
                        hint=f"`{typo}` here looks like `{name}` misspelt",
                        replacement=name,
                    )

    def _read(self, tree: Any, syntax: WireError | None) -> tuple[Any, Context]:
        structure = self.compiler.compile(self.shape)
        seen: set[tuple[tuple[PathElement, ...], str]] = set()
        ctx = Context("warn")
        for _ in range(_MAX_REPAIRS):
            ctx = Context("warn")
            try:
                with warnings.catch_warnings():
                    # collected from ctx.reported, each with its path
                    warnings.simplefilter("ignore", UnknownFieldWarning)
                    return structure(tree, ctx), ctx
            except DocumentError as error:
                if syntax is None or error is not syntax:
                    self._syntax(error)
                return None, ctx
            except WireError as error:
                if error is syntax:
                    return None, ctx
                key = (error.path, error.message)
                if key in seen:
                    return None, ctx
                seen.add(key)
                self._decode_error(tree, error)
                if not self._repair(tree, error.path):
                    return None, ctx
        return None, ctx

    def _decode_error(self, tree: Any, error: WireError) -> None:
        if error.path in self.missing_at and error.key is None:
            # a missing field with no default to stand in: reported already (an error
            # placed at a key of the struct, like deny_unknown_fields', is another one)
            return
        hint, replacement = self._hint(tree, error.path)
        if hint is None and error.key is not None:
            hint = self._field_note(tree, error.path, error.key[0])
        overridden = self._overridden(error.path)
        where: Where = (None, None)  # an overriding value is not in the file
        if overridden is not None:
            note = f"the value comes from --set {render_path(overridden[0])}={overridden[1]}"
            hint = f"{hint}; {note}" if hint else note
        else:
            where = self._where(error)
        self.add("error", "decode", error.message, error.path, where, hint, replacement)

    def _repair(self, tree: Any, path: tuple[PathElement, ...]) -> bool:
        steps = _resolve(tree, self.shape, path)
        for cut in range(len(steps), 0, -1):
            step = steps[cut - 1]
            parent, shape, element = step.parent, _inner(step.shape), step.element
            prefix = path[:cut]
            if isinstance(shape, StructShape) and isinstance(parent, dict) and element in parent:
                spec = _field(shape, str(element))
                if spec is None:
                    continue
                if spec.missing is not None:
                    self._set(parent, element, None, delete=True)
                else:
                    ok, value = self._fill(shape, spec)
                    if not ok:
                        continue
                    self._set(parent, element, value, delete=False)
            elif isinstance(shape, SeqShape) and isinstance(parent, list):
                if not (isinstance(element, int) and 0 <= element < len(parent)):
                    continue
                ok, value = self._fill_item(shape.inner)
                if ok:
                    parent[element] = value
                else:
                    del parent[element]
            elif isinstance(shape, MapShape) and isinstance(parent, dict) and element in parent:
                self._set(parent, element, None, delete=True)
            else:
                continue
            self.repaired.append(prefix)
            return True
        return False

    def _defaults_on_the_way(self, tree: Any) -> Any:
        """A struct an override reaches into but the document leaves out starts from its
        default (``hard_negatives.k=5`` changes one field of the default settings)."""
        if not isinstance(_unwrap(tree), dict):
            return tree
        for path, _ in self.overrides:
            node, shape = _unwrap(tree), self.shape
            for element in path[:-1]:
                struct = _inner(shape)
                if not isinstance(struct, StructShape) or not isinstance(node, dict):
                    break
                spec = _field(struct, str(element))
                if spec is None:
                    break
                if element not in node:
                    ok, value = self._fill(struct, spec)
                    if not ok:
                        break
                    node[element] = value
                node, shape = _unwrap(node[element]), spec.shape
                if isinstance(node, Tagged):
                    break
        return tree

    def _overridden(self, path: tuple[PathElement, ...]) -> tuple[Any, str] | None:
        for target, value in self.overrides:
            if path[: len(target)] == target:
                return target, value
        return None

    # hints where serde's words are jargon

    def _field_note(self, tree: Any, path: tuple[PathElement, ...], key: str) -> str | None:
        """What the struct at ``path`` says a field it does not have is (its
        ``__serde_field_notes__``, e.g. a field of another release)."""
        steps = _resolve(tree, self.shape, path)
        found = steps[-1].node_shape if steps else self.shape
        struct = None if found is None else _inner(found)
        if not isinstance(struct, StructShape):
            return None
        note = getattr(struct.cls, "__serde_field_notes__", {}).get(key)
        return None if note is None else f"`{key}` {note}"

    def _hint(self, tree: Any, path: tuple[PathElement, ...]) -> tuple[str | None, str | None]:
        if path in self.hints:
            return self.hints[path]
        steps = _resolve(tree, self.shape, path)
        if len(steps) != len(path):
            return None, None
        node = steps[-1].node if steps else _unwrap(tree)
        shape = steps[-1].node_shape if steps else self.shape
        field = next((str(e) for e in reversed(path) if isinstance(e, str)), "value")
        if steps and isinstance(_inner(steps[-1].shape), TaggedEnumShape):
            # {triplet: 0.3}: the variant's fields belong in a mapping under its name
            enum = _inner(steps[-1].shape)
            assert isinstance(enum, TaggedEnumShape)
            spec = enum.by_wire.get(str(steps[-1].element))
            if spec is not None and spec.struct is not None and not isinstance(node, dict):
                parent_field = next(
                    (str(e) for e in reversed(path[:-1]) if isinstance(e, str)), "value"
                )
                return self._variant_hint(parent_field, spec.wire, spec.struct), None
        if shape is None:
            return None, None
        shape = _inner(shape)
        if isinstance(shape, TaggedEnumShape):
            name = self._name_in(node)
            if name is None:
                return None, None
            spec = shape.by_wire.get(name)
            if spec is not None and spec.struct is not None:
                return self._variant_hint(field, name, spec.struct), None
            if spec is None:
                close = _did_you_mean(name, shape.wire_names)
                if close is not None:
                    return f"did you mean `{close}`?", close
            return None, None
        if isinstance(shape, UnitEnumShape):
            name = self._name_in(node)
            if name is not None and name not in shape.by_wire:
                close = _did_you_mean(name, shape.wire_names)
                if close is not None:
                    return f"did you mean `{close}`?", close
        return None, None

    @staticmethod
    def _name_in(node: Any) -> str | None:
        if isinstance(node, Tagged):
            return node.tag
        if isinstance(node, TaggedScalar):
            return node.tag.lstrip("!") or str(node)
        if isinstance(node, str):
            return str(node)
        if isinstance(node, dict) and len(node) == 1:
            key = next(iter(node))
            return key if isinstance(key, str) else None
        return None

    def _variant_hint(self, field: str, wire: str, struct: StructShape) -> str:
        names = [f.wire for f in struct.fields]
        yaml_fields = ", ".join(f"{n}: …" for n in names)
        json_fields = ", ".join(f'"{n}": …' for n in names)
        yaml_tags = f"{field}: !{wire} {{{yaml_fields}}}"
        yaml_map = f"{field}: {{{wire}: {{{yaml_fields}}}}}"
        json_form = f'"{field}": {{"{wire}": {{{json_fields}}}}}'
        if self.fmt == "json":
            return f"`{wire}` carries data: write `{json_form}`"
        if self.dialect == "tags":
            return f"`{wire}` carries data: write `{yaml_tags}`"
        if self.dialect == "singleton_map":
            return f"`{wire}` carries data: write `{yaml_map}`"
        return f"`{wire}` carries data: write `{yaml_tags}` (or `{yaml_map}`)"

    # after the read

    def _unknown_fields(self, tree: Any, ctx: Context) -> None:
        for path, message in ctx.reported:
            if path and path[-1] == "<<":
                self.add("warning", "merge-key", message, path)
                continue
            self.add("warning", "unknown-field", message, path, hint=self._indent_hint(tree, path))

    def _indent_hint(self, tree: Any, path: tuple[PathElement, ...]) -> str | None:
        """An unknown field that is a field of a struct beside it was probably meant to be
        indented under it."""
        steps = _resolve(tree, self.shape, path[:-1])
        shape = steps[-1].node_shape if steps else self.shape
        if not isinstance(shape, Shape):
            return None
        shape = _inner(shape)
        if not isinstance(shape, StructShape):
            return None
        name = path[-1]
        for spec in shape.fields:
            inner = _inner(spec.shape)
            if isinstance(inner, StructShape) and _field(inner, str(name)) is not None:
                return f"`{name}` is a field of `{spec.wire}`: indent it under `{spec.wire}:`"
        return None

    def _rules(self, obj: Any) -> None:
        rules = getattr(obj, "problems", None)
        errors: list[WireError] = []
        if callable(rules):
            errors = list(rules())
        else:
            check = getattr(obj, "validate", None)
            if callable(check):
                try:
                    check()
                except WireError as broken:
                    errors.append(broken)
        for rule in errors:
            if any(_overlaps(rule.path, fixed) for fixed in self.repaired):
                continue  # a rule about a value that stands in for a bad one
            overridden = self._overridden(rule.path)
            if overridden is not None:
                note = f"the value comes from --set {render_path(overridden[0])}={overridden[1]}"
                self.add("error", "validate", rule.message, rule.path, (None, None), note)
                continue
            self.add("error", "validate", rule.message, rule.path)

    def _yaml11(self, tree: Any) -> None:
        """Plain scalars that serde_yaml and YAML 1.1 readers read as different values."""
        structures: dict[int, Any] = {}
        for path, node, shape, optional in _nodes(tree, self.shape):
            if type(node) is not Plain or not isinstance(
                shape, (BoolShape, IntShape, FloatShape, StrShape)
            ):
                continue
            if optional and plain_null(str(node)):
                continue  # serde_yaml reads None, as YAML 1.1 readers read null
            known, y11 = _yaml11_reading(str(node))
            if not known:
                continue
            structure = structures.get(id(shape))
            if structure is None:
                structure = structures[id(shape)] = self.compiler.compile(shape)
            try:
                serde = structure(node, Context("ignore"))
            except WireError:
                # serde refuses it; if a YAML 1.1 reader's value would do, say how to
                # write that so serde reads it too (attached to serde's error).
                if _acceptable(y11, shape):
                    text = yaml_text_for(float(y11) if isinstance(shape, FloatShape) else y11)
                    self.hints[path] = (
                        f"write `{text}`: YAML 1.1 readers read `{node}` as "
                        f"{_describe(y11)}, serde_yaml does not",
                        text,
                    )
                continue
            if same_reading(serde, y11):
                continue
            text = yaml_text_for(serde)
            self.add(
                "warning",
                "yaml-1.1",
                f"plain `{node}` is {_describe(serde)} to serde_yaml but {_describe(y11)} "
                "to YAML 1.1 readers (e.g. PyYAML)",
                path,
                hint=f"write `{text}`: both read it as {_describe(serde)}",
                replacement=text,
            )

    def _one_enum_form(self, tree: Any) -> None:
        """``any`` reads each enum in either YAML form; serde_yaml reads one form in a
        file (a tag under the default, a single-key map under singleton_map), so a
        file that writes some enums one way and some the other is read by no service.
        serde's error is the one of the form the file starts with, at the first enum
        written the other way."""
        forms: dict[ReadDialect, tuple[PathElement, ...]] = {}  # the first enum of each
        for path, node, shape, _ in _nodes(tree, self.shape):
            form = _enum_form(node, shape)
            if form is not None:
                forms.setdefault(form, path)
        if len(forms) < 2:
            return
        first, other = forms  # the walk is in document order
        from .preconf import yaml as wire_yaml

        try:
            wire_yaml._COMPILERS[first].compile(self.shape)(tree, Context("ignore"))
        except WireError as error:
            hint = (
                f"`{render_path(forms[first])}` is written as {_FORM_NAMES[first]} and "
                f"`{render_path(forms[other])}` as {_FORM_NAMES[other]}: serde_yaml reads one "
                "form in a file (tags by default, single-key maps with singleton_map); write "
                "every enum the same way"
            )
            self.add("error", "decode", error.message, error.path, self._where(error), hint)

    def _indentation(self) -> None:
        """A key indented deeper than a ``key: value`` line above it is read by YAML as
        more of that value (or as a syntax error): say so at the line."""
        for number, indent, above, stripped in deeper_keys(self.text):
            self.folded[number] = above
            self.add(
                "error",
                "indentation",
                f"`{stripped}` is indented deeper than the key on line {above}, so "
                "YAML reads it as part of that key's value",
                where=(number, indent + 1),
                hint="indent it like the keys around it",
            )


_FORM_NAMES = {"tags": "a tag (`!variant`)", "singleton_map": "a single-key map (`variant:`)"}


def _enum_form(node: Any, shape: Shape) -> ReadDialect | None:
    """The dialect whose form an enum value is written in: ``"tags"`` (a local tag),
    ``"singleton_map"`` (a single-key map), or None (a bare variant name, which both
    read; or not an enum)."""
    if isinstance(shape, TaggedEnumShape):
        if shape.representation != "external":
            return None
    elif not isinstance(shape, UnitEnumShape):
        return None
    kind = type(node)
    if kind is Tagged or (kind is TaggedScalar and node.tag.startswith("!")):
        return "tags"
    if kind is dict and len(node) == 1:
        return "singleton_map"
    return None


def _acceptable(value: Any, shape: Shape) -> bool:
    if isinstance(shape, BoolShape):
        return isinstance(value, bool)
    if isinstance(shape, IntShape):
        return shape.accepts(value)
    if isinstance(shape, FloatShape):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return False


def _overlaps(a: tuple[PathElement, ...], b: tuple[PathElement, ...]) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


# ── the registry of types the command line reads ────────────────────────────

_TYPES: dict[str, type[Any] | str] = {}


def register_type(name: str, cls: type[Any] | str) -> None:
    """Make ``--type NAME`` read ``cls``: a class, or ``"module:attribute"`` imported on
    first use (so registering costs nothing until the type is asked for)."""
    _TYPES[name] = cls


def type_names() -> list[str]:
    return sorted(_TYPES)


def type_name(cls: type[Any]) -> str:
    for name, known in _TYPES.items():
        if known is cls:
            return name
    return cls.__qualname__


def resolve_type(name: str) -> type[Any]:
    """The class ``--type NAME`` means: registered names first, then ``jammi_wire.NAME``
    (``eval.CalibrationEvalReport`` is ``jammi_wire.eval.CalibrationEvalReport``)."""
    import importlib

    known = _TYPES.get(name)
    if isinstance(known, str):
        module, _, attribute = known.partition(":")
        known = _TYPES[name] = getattr(importlib.import_module(module), attribute)
    if known is not None:
        return known
    module_name, _, attribute = name.rpartition(".")
    try:
        found_module = importlib.import_module(
            f"jammi_wire.{module_name}" if module_name else "jammi_wire"
        )
        found = getattr(found_module, attribute)
    except (ImportError, AttributeError):
        raise LookupError(f"unknown type `{name}`; known: {', '.join(type_names())}") from None
    try:
        shape_of(found)
    except TypeError:
        raise LookupError(f"`{name}` is not a serde type") from None
    if not isinstance(found, type):
        raise LookupError(f"`{name}` is not a type")
    return found


register_type("FineTuneConfig", FineTuneConfig)
register_type("HardNegativeConfig", "jammi_wire.fine_tune:HardNegativeConfig")
# The four eval reports by name (imported on first use); every other eval type is still
# reachable as a dotted name (eval.CalibrationPrediction).
for _report in ("Embedding", "Inference", "Calibration", "Compare"):
    register_type(f"eval.{_report}EvalReport", f"jammi_wire.eval:{_report}EvalReport")
