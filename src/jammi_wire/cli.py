"""The ``jammi-wire`` command: check, convert, init, schema, diff.

Exit codes: 0 valid / equal, 1 invalid / different, 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import importlib
import json
import os
import re
import sys
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

from ._atomic import AtomicWriter, write_atomic
from ._errors import FineTuneError, UnknownFieldWarning, WireError, render_path
from .converters import converter
from .fine_tune import FineTuneConfig
from .preconf import json as wire_json
from .serde.model import StructShape, shape_of
from .serde.structure import Context

__all__ = ["main"]

OK, INVALID, USAGE = 0, 1, 2
_MAX_REPAIRS = 200
_MAX_MESSAGE = 300


def _clip(message: str) -> str:
    """serde quotes the whole offending value; a 20 MB string is no use in a report."""
    if len(message) > _MAX_MESSAGE:
        return message[: _MAX_MESSAGE - 1] + "…"
    return message


class _IOFailure(Exception):
    """A file could not be read or written: exit 2."""


# ── reading ─────────────────────────────────────────────────────────────────


def _format_of(path: str, given: str | None) -> str:
    if given:
        return given
    lower = path.lower()
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    if lower.endswith(".jsonl"):
        return "jsonl"
    return "json"


def _stdin() -> Any:
    # Python sets sys.stdin to None when file descriptor 0 is closed (`<&-`).
    if sys.stdin is None:
        raise _IOFailure("-: standard input is closed")
    return sys.stdin.buffer


def _read_text(path: str) -> str:
    try:
        if path == "-":
            data: bytes = _stdin().read()
        else:
            if os.path.isdir(path):
                raise _IOFailure(f"{path}: is a directory")
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise _IOFailure(f"{path}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _IOFailure(f"{path}: not UTF-8 (invalid byte at offset {error.start})") from None


def _yaml() -> Any:
    # The YAML codec is optional at import time so JSON commands work without it.
    try:
        return importlib.import_module("jammi_wire.preconf.yaml")
    except ImportError:
        raise _IOFailure("YAML support is not available in this installation") from None


def _decode(text: str, fmt: str, *, dialect: str = "any") -> FineTuneConfig:
    if fmt == "yaml":
        obj: FineTuneConfig = _yaml().from_yaml(
            text, FineTuneConfig, validate=False, unknown="ignore", dialect=dialect
        )
        return obj
    return wire_json.from_json(text, FineTuneConfig, validate=False, unknown="ignore")


def _encode(obj: Any, fmt: str, *, pretty: bool, dialect: str, portable: bool) -> str:
    if fmt == "yaml":
        text: str = _yaml().to_yaml(obj, dialect=dialect, portable=portable)
        return text
    return wire_json.to_json(obj, pretty=pretty) + "\n"


# ── check ───────────────────────────────────────────────────────────────────


class Problem:
    __slots__ = ("column", "kind", "line", "message", "path", "severity")

    def __init__(
        self,
        severity: str,
        kind: str,
        path: tuple[Any, ...],
        message: str,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.severity = severity
        self.kind = kind
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def render(self, file: str) -> str:
        where = f"{file}:{self.line or 1}:{self.column or 1}"
        field = render_path(self.path) or "<root>"
        return f"{where}: {self.severity}: {field}: {_clip(self.message)}"

    def as_json(self, file: str) -> dict[str, Any]:
        return {
            "file": file,
            "line": self.line,
            "column": self.column,
            "path": render_path(self.path),
            "severity": self.severity,
            "kind": self.kind,
            "message": _clip(self.message),
        }


_MISSING_FIELD = re.compile(r"missing field `([^`]+)`")


def _default_tree() -> Any:
    return json.loads(wire_json.to_json(FineTuneConfig()))


def _repair(tree: Any, error: WireError) -> bool:
    """Remove or default the value at the error's path so structuring can go on."""
    path = list(error.path)
    missing = _MISSING_FIELD.search(error.message)
    if missing and (not path or path[-1] != missing.group(1)):
        path.append(missing.group(1))
    if not path or not isinstance(tree, (dict, list)):
        return False
    defaults = _default_tree()
    parent: Any = tree
    default_parent: Any = defaults
    for step in path[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return False
        if isinstance(default_parent, dict) and step in default_parent:
            default_parent = default_parent[step]
        else:
            default_parent = None
    last = path[-1]
    if isinstance(parent, dict):
        if missing and last not in parent:
            if isinstance(default_parent, dict) and last in default_parent:
                parent[last] = copy.deepcopy(default_parent[last])
                return True
            return False
        if last in parent:
            del parent[last]
            if missing is None and isinstance(default_parent, dict) and last in default_parent:
                # A required field: put its default back so only the one error shows.
                parent[last] = copy.deepcopy(default_parent[last])
            return True
        return False
    if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        del parent[last]
        return True
    return False


_POSITIONS: dict[tuple[int, tuple[Any, ...]], tuple[int | None, int | None]] = {}


def _locate(text: str, fmt: str, error: WireError) -> WireError:
    if error.line is not None:
        return error
    if fmt == "yaml":
        where = _yaml().locate(text, error.path)
        return error.at(*where) if where is not None else error
    # Locating rescans the text; a huge file with many problems at one path (every
    # missing field is at the root) must not pay that per problem.
    key = (id(text), error.path)
    if key not in _POSITIONS:
        from .preconf._json_text import JsonLocator

        try:
            found = JsonLocator(text).position(WireError(error.message, error.path))
            _POSITIONS[key] = (found.line, found.column)
        except Exception:  # position is a nicety; never let it hide the problem itself
            _POSITIONS[key] = (None, None)
    return error.at(*_POSITIONS[key])


def _parse_tree(text: str, fmt: str) -> Any:
    if fmt == "yaml":
        from .preconf._yaml_load import parse

        return parse(text)
    return wire_json.parse(text)


def _compiler(fmt: str, dialect: str) -> Any:
    if fmt == "yaml":
        return _yaml()._COMPILERS[dialect].compile(shape_of(FineTuneConfig))
    return converter.compiler.compile(shape_of(FineTuneConfig))


def _decode_problem(error: WireError) -> Problem:
    path = error.path
    missing = _MISSING_FIELD.search(error.message)
    if missing and (not path or path[-1] != missing.group(1)):
        path = (*path, missing.group(1))
    return Problem("error", "decode", path, error.message, error.line, error.column)


def check_text(text: str, fmt: str, *, dialect: str = "any") -> list[Problem]:
    """Every problem in one document, in the order a reader meets them."""
    _POSITIONS.clear()
    problems: list[Problem] = []
    if not text.strip():
        return [Problem("error", "decode", (), "empty document: no config found")]
    tree: Any = None
    try:
        obj: FineTuneConfig | None = _decode(text, fmt, dialect=dialect)
    except WireError as first:
        problems.append(_decode_problem(first))
        obj = None
        try:
            tree = _parse_tree(text, fmt)
        except WireError:
            tree = None  # a syntax error: nothing to repair
        compile_ = _compiler(fmt, dialect)
        seen = {(first.path, first.message)}
        error: WireError | None = first
        for _ in range(_MAX_REPAIRS):
            if tree is None or error is None or not _repair(tree, error):
                break
            try:
                obj = compile_(tree, Context("ignore"))
                error = None
            except WireError as again:
                error = _locate(text, fmt, again)
                key = (error.path, error.message)
                if key in seen:
                    break
                seen.add(key)
                problems.append(_decode_problem(error))
        if error is not None:
            obj = None
    if obj is not None:
        for problem in _rule_problems(obj):
            where = _locate(text, fmt, WireError(problem.message, problem.path))
            problem.line, problem.column = where.line, where.column
            problems.append(problem)
    problems.extend(_unknown_fields(text, fmt, tree, dialect))
    if fmt == "yaml":
        problems.extend(_yaml11_problems(text))
    return problems


def _rule_problems(obj: FineTuneConfig) -> list[Problem]:
    rules = getattr(obj, "problems", None)
    errors: list[FineTuneError]
    if rules is not None:
        errors = list(rules())
    else:
        errors = []
        try:
            obj.validate()
        except FineTuneError as error:
            errors.append(error)
    return [Problem("error", "validate", e.path or _field_of(e.message), e.message) for e in errors]


def _field_of(message: str) -> tuple[Any, ...]:
    word = message.split(" ", 1)[0]
    if word == "Pinball" or word == "regression_loss":
        return ("regression_loss",)
    return tuple(word.split("."))


_YAML11_BOOL = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
    ]
)
# YAML 1.2 floats that YAML 1.1's resolver (PyYAML and friends) needs a dot for.
_YAML11_NOT_FLOAT = re.compile(r"^[-+]?[0-9]+[eE][-+]?[0-9]+$")


def _yaml11_problems(text: str) -> list[Problem]:
    """Plain scalars that serde_yaml (YAML 1.2) and YAML 1.1 readers read differently."""
    from .serde.data import Alias, Plain, Tagged

    try:
        tree = _parse_tree(text, "yaml")
    except WireError:
        return []
    out: list[Problem] = []

    # Iterative, and each container once: a deep or alias-bomb document stays cheap.
    pending: list[tuple[Any, tuple[Any, ...]]] = [(tree, ())]
    seen: set[int] = set()
    while pending:
        node, path = pending.pop()
        if isinstance(node, Tagged):
            node = node.value
        if isinstance(node, Alias):
            node = node.node
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                continue
            seen.add(id(node))
            items = node.items() if isinstance(node, dict) else enumerate(node)
            pending.extend((value, (*path, key)) for key, value in reversed(list(items)))
        elif type(node) is Plain:
            if str(node) in _YAML11_BOOL:
                reading = "a boolean"
            elif _YAML11_NOT_FLOAT.match(node):
                reading = "a string"
            else:
                continue
            message = (
                f"plain `{node}` is read as {reading} by YAML 1.1 readers (e.g. PyYAML) "
                "but not by serde_yaml; quote it or write it unambiguously"
            )
            where = _locate(text, "yaml", WireError(message, path))
            out.append(Problem("warning", "yaml-1.1", path, message, where.line, where.column))
    return out


def _unknown_fields(text: str, fmt: str, tree: Any, dialect: str) -> list[Problem]:
    # The repaired tree, when there was one, so fields after a bad value are seen too.
    if tree is None:
        try:
            tree = _parse_tree(text, fmt)
        except WireError:
            return []
    if tree is None:
        return []
    ctx = Context("warn")
    with warnings.catch_warnings():
        # Collected from ctx.reported instead, so each carries its path and position.
        warnings.simplefilter("ignore", UnknownFieldWarning)
        # Decode errors are reported above; unknown fields seen so far still count.
        with contextlib.suppress(WireError):
            _compiler(fmt, dialect)(tree, ctx)
    out = []
    for path, message in ctx.reported:
        kind = "merge-key" if path and path[-1] == "<<" else "unknown-field"
        where = _locate(text, fmt, WireError(message, path))
        out.append(Problem("warning", kind, path, message, where.line, where.column))
    return out


def _cmd_check(args: argparse.Namespace) -> int:
    status = OK
    report: list[dict[str, Any]] = []
    for path in args.files:
        fmt = _format_of(path, args.format)
        try:
            text = _read_text(path)
        except _IOFailure as failure:
            print(f"error: {failure}", file=sys.stderr)
            status = USAGE
            continue
        if fmt == "jsonl":
            problems = []
            for number, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    for problem in check_text(line, "json"):
                        problem.line = number
                        problems.append(problem)
        else:
            problems = check_text(text, fmt, dialect=args.dialect or "any")
        if args.strict:
            for problem in problems:
                problem.severity = "error"
        if any(p.severity == "error" for p in problems) and status == OK:
            status = INVALID
        for problem in problems:
            if args.output == "json":
                report.append(problem.as_json(path))
            else:
                print(problem.render(path))
        if args.output == "text" and not problems:
            print(f"{path}: ok")
    if args.output == "json":
        print(json.dumps({"valid": status == OK, "problems": report}, indent=2))
    return status


# ── writing ─────────────────────────────────────────────────────────────────


def _write_output(path: str | None, text: str) -> None:
    """``text`` to ``path`` atomically, or to stdout for no path or ``-``."""
    if path is None or path == "-":
        sys.stdout.write(text)
    else:
        write_atomic(path, text)


def _jsonl_lines(path: str) -> Iterator[tuple[int, bytes]]:
    try:
        if os.path.isdir(path):
            raise _IOFailure(f"{path}: is a directory")
        handle = _stdin() if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as error:
        raise _IOFailure(f"{path}: {error.strerror or error}") from None
    try:
        yield from enumerate(handle, 1)
    finally:
        if path != "-":
            handle.close()


def _progress(name: str, records: int, done: int, total: int) -> None:
    width = 30
    filled = width * done // total if total else width
    bar = "#" * filled + "." * (width - filled)
    percent = 100 * done // total if total else 100
    sys.stderr.write(f"\r{name} [{bar}] {percent:3d}% {records} records")
    sys.stderr.flush()


def _convert_jsonl(args: argparse.Namespace, to: str) -> int:
    size = os.path.getsize(args.input) if args.input != "-" and os.path.isfile(args.input) else 0
    if args.output is None or args.output == "-":
        return _convert_records(args, to, sys.stdout, None, size)
    writer = AtomicWriter(args.output)
    with writer as handle:
        return _convert_records(args, to, handle, writer, size)


def _convert_records(
    args: argparse.Namespace, to: str, out: Any, writer: AtomicWriter | None, size: int
) -> int:
    show = sys.stderr.isatty() and size > 1 << 20
    bad = 0
    done = 0
    seen_bytes = 0
    for number, raw in _jsonl_lines(args.input):
        seen_bytes += len(raw)
        if not raw.strip():
            continue
        where = f"{args.input}:{number}"
        try:
            obj = _decode_noting(raw.decode("utf-8"), "json", where)
            obj.validate()
            if to == "yaml":
                out.write(
                    "---\n"
                    + _encode(
                        obj,
                        "yaml",
                        pretty=False,
                        dialect=args.dialect or "tags",
                        portable=args.portable,
                    )
                )
            else:
                out.write(wire_json.to_json(obj) + "\n")
        except (WireError, UnicodeDecodeError) as error:
            # Reported as met (value echoes capped), not kept: memory stays flat.
            print(f"{where}: {_clip(str(error))}", file=sys.stderr)
            bad += 1
            if not args.keep_going:
                break
        done += 1
        if show and done % 1000 == 0:
            _progress(args.input, done, seen_bytes, size)
    if show:
        _progress(args.input, done, seen_bytes, size)
        sys.stderr.write("\n")
    if bad and not args.keep_going:
        if writer is not None:
            writer.discard()
        return INVALID
    return INVALID if bad else OK


_MAX_DROPPED = 20


def _decode_noting(text: str, fmt: str, where: str, *, dialect: str = "any") -> FineTuneConfig:
    """Decode like serde, and say on stderr which unknown fields serde drops."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnknownFieldWarning)
        if fmt == "yaml":
            obj: FineTuneConfig = _yaml().from_yaml(
                text, FineTuneConfig, validate=False, unknown="warn", dialect=dialect
            )
        else:
            obj = wire_json.from_json(text, FineTuneConfig, validate=False, unknown="warn")
    dropped = [w for w in caught if issubclass(w.category, UnknownFieldWarning)]
    for warning in dropped[:_MAX_DROPPED]:
        print(f"{where}: warning: {_clip(str(warning.message))}; dropped", file=sys.stderr)
    if len(dropped) > _MAX_DROPPED:
        print(
            f"{where}: warning: {len(dropped) - _MAX_DROPPED} more unknown fields dropped",
            file=sys.stderr,
        )
    return obj


def _cmd_convert(args: argparse.Namespace) -> int:
    source = _format_of(args.input, args.input_format)
    to = args.to or (_format_of(args.output, None) if args.output else None)
    if to is None:
        to = "yaml" if source in ("json", "jsonl") else "json"
    if source == "jsonl":
        return _convert_jsonl(args, "yaml" if to == "yaml" else "jsonl")
    text = _read_text(args.input)
    try:
        obj = _decode_noting(text, source, args.input)
        obj.validate()
    except WireError as error:
        print(f"{args.input}: {_clip(str(error))}", file=sys.stderr)
        return INVALID
    out = _encode(
        obj,
        "yaml" if to == "yaml" else "json",
        pretty=args.pretty,
        dialect=args.dialect or "tags",
        portable=args.portable,
    )
    _write_output(args.output, out)
    return OK


# ── init ────────────────────────────────────────────────────────────────────


def yaml_template() -> str:
    """The default config as YAML, every field preceded by what it means."""
    shape = shape_of(FineTuneConfig)
    assert isinstance(shape, StructShape)
    defaults = _default_tree()
    lines = [
        "# jammi-wire fine-tune config (FineTuneConfig). Every value below is the default.",
        "# Check it with: jammi-wire check FILE",
    ]
    for spec in shape.fields:
        value = defaults[spec.wire]
        lines.append("")
        lines.append(f"# {spec.doc}")
        lines.append(f"# Default: {json.dumps(value)}. Allowed: {_allowed(spec.shape)}.")
        if spec.missing is None:
            lines.append("# Required: serde rejects the file without this field.")
        lines.append(f"{spec.wire}: {_yaml_value(value)}")
    return "\n".join(lines) + "\n"


def _allowed(shape: Any) -> str:
    from .serde.model import (
        BoolShape,
        FloatShape,
        IntShape,
        MapShape,
        OptionShape,
        SeqShape,
        StrShape,
        TaggedEnumShape,
        UnitEnumShape,
    )

    if isinstance(shape, IntShape):
        return f"an integer from {shape.minimum} to {shape.maximum}"
    if isinstance(shape, FloatShape):
        return "a number"
    if isinstance(shape, BoolShape):
        return "true or false"
    if isinstance(shape, StrShape):
        return "a string"
    if isinstance(shape, OptionShape):
        return f"null or {_allowed(shape.inner)}"
    if isinstance(shape, SeqShape):
        return f"a list of ({_allowed(shape.inner)})"
    if isinstance(shape, MapShape):
        return f"a map from name to ({_allowed(shape.value)})"
    if isinstance(shape, UnitEnumShape):
        return ", ".join(shape.wire_names)
    if isinstance(shape, TaggedEnumShape):
        arms = []
        for wire, variant in shape.by_wire.items():
            if variant.struct is None:
                arms.append(wire)
            else:
                inner = ", ".join(f"{f.wire}: number" for f in variant.struct.fields)
                arms.append(f"!{wire} {{{inner}}}")
        return ", ".join(arms)
    if isinstance(shape, StructShape):
        return "a mapping of " + ", ".join(f.wire for f in shape.fields)
    return "see the schema"


def _yaml_value(value: Any) -> str:
    # JSON flow syntax is valid YAML; floats keep a dot so YAML 1.1 readers agree.
    if isinstance(value, dict) and value:
        return "\n" + "\n".join(f"  {k}: {json.dumps(v)}" for k, v in value.items())
    return json.dumps(value)


def _cmd_init(args: argparse.Namespace) -> int:
    fmt = args.format or (_format_of(args.path, None) if args.path else "yaml")
    text = (
        yaml_template()
        if fmt == "yaml"
        else wire_json.to_json(FineTuneConfig(), pretty=True) + "\n"
    )
    if args.path is None or args.path == "-":
        sys.stdout.write(text)
        return OK
    if os.path.exists(args.path) and not args.force:
        print(f"error: {args.path} exists; use --force to overwrite", file=sys.stderr)
        return USAGE
    _write_output(args.path, text)
    print(f"wrote {args.path}", file=sys.stderr)
    return OK


# ── schema ──────────────────────────────────────────────────────────────────


def _cmd_schema(args: argparse.Namespace) -> int:
    from .serde.schema import json_schema

    text = json.dumps(json_schema(FineTuneConfig), indent=2) + "\n"
    _write_output(args.output, text)
    return OK


# ── diff ────────────────────────────────────────────────────────────────────


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    # Nested structs (hard_negatives) show field by field; enums and maps stay whole.
    if prefix in _NESTED_STRUCTS and isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}", out)
        return
    out[prefix] = value


_NESTED_STRUCTS = frozenset(["hard_negatives"])


def _cmd_diff(args: argparse.Namespace) -> int:
    trees = []
    for path in (args.a, args.b):
        text = _read_text(path)
        try:
            obj = _decode(text, _format_of(path, None))
        except WireError as error:
            # An invalid config is a verdict (1), not an I/O failure (2).
            print(f"{path}: {_clip(str(error))}", file=sys.stderr)
            return INVALID
        flat: dict[str, Any] = {}
        for key, value in json.loads(wire_json.to_json(obj)).items():
            _flatten(value, key, flat)
        trees.append(flat)
    rows = [
        (key, json.dumps(trees[0].get(key)), json.dumps(trees[1].get(key)))
        for key in trees[0]
        if trees[0].get(key) != trees[1].get(key)
    ]
    if not rows:
        print("no differences")
        return OK
    header = ("field", args.a, args.b)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip()
        )
    return INVALID


# ── arguments ───────────────────────────────────────────────────────────────


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jammi-wire", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="report every problem in config files")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--format", choices=["json", "yaml"])
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--dialect", choices=["tags", "singleton_map"])
    check.add_argument("--output", choices=["text", "json"], default="text")
    check.set_defaults(run=_cmd_check)

    convert = sub.add_parser("convert", help="JSON <-> YAML, JSON Lines record by record")
    convert.add_argument("input", metavar="IN")
    convert.add_argument("-o", "--output", metavar="OUT")
    convert.add_argument("--to", choices=["json", "yaml", "jsonl"])
    convert.add_argument("--from", dest="input_format", choices=["json", "yaml", "jsonl"])
    convert.add_argument("--pretty", action="store_true")
    convert.add_argument("--dialect", choices=["tags", "singleton_map"])
    convert.add_argument("--portable", action="store_true")
    convert.add_argument("--keep-going", action="store_true")
    convert.set_defaults(run=_cmd_convert)

    init = sub.add_parser("init", help="write the default config as a template")
    init.add_argument("path", nargs="?", metavar="PATH")
    init.add_argument("--format", choices=["json", "yaml"])
    init.add_argument("--force", action="store_true")
    init.set_defaults(run=_cmd_init)

    schema = sub.add_parser("schema", help="JSON Schema (draft 2020-12) of the wire form")
    schema.add_argument("-o", "--output", metavar="FILE")
    schema.set_defaults(run=_cmd_schema)

    diff = sub.add_parser("diff", help="fields whose values differ between two configs")
    diff.add_argument("a", metavar="A")
    diff.add_argument("b", metavar="B")
    diff.set_defaults(run=_cmd_diff)
    return parser


def _os_error_text(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else reason


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return USAGE if exit_.code not in (0, None) else OK
    try:
        code: int = args.run(args)
        return code
    except _IOFailure as failure:
        print(f"error: {failure}", file=sys.stderr)
        return USAGE
    except OSError as error:
        # A full disk, an output path that is a directory or read-only, ...: one line.
        print(f"error: {_os_error_text(error)}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
