"""The ``jammi-wire`` command: check, convert, init, schema, diff, editor-settings.

Exit codes: 0 valid / equal, 1 invalid / different, 2 usage or I/O error.

Commands live in a registry (:func:`register_command`) and read the type ``--type``
names (:func:`jammi_wire.diagnostics.register_type`), so a module adds a command or a
type without touching the others. Every finding comes from
:func:`jammi_wire.diagnostics.diagnose_text`; this module only prints.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

from . import __version__
from ._atomic import AtomicWriter, write_atomic
from ._errors import UnknownFieldWarning, WireError
from ._formats import format_of_path
from ._reports import REPORTS, emit
from ._reports import clip as _clip
from ._reports import render_text as _render_text
from .diagnostics import (
    Diagnostic,
    blank_record,
    diagnose_text,
    read_text,
    resolve_type,
    sniff_format,
    type_name,
    type_names,
)
from .fine_tune import FineTuneConfig
from .serde.model import StructShape, TaggedEnumShape, shape_of

__all__ = ["REPORTS", "Command", "main", "register_command", "target_type"]

OK, INVALID, USAGE = 0, 1, 2


class _IOFailure(Exception):
    """A file could not be read or written: exit 2."""


# ── reading ─────────────────────────────────────────────────────────────────


def _format_of(path: str, given: str | None, text: str | None = None) -> str:
    """--from, else the extension, else sniffed from the text (stdin), else JSON."""
    if given:
        return given
    known = format_of_path(path) if path != "-" else None
    if known is not None:
        return known
    return sniff_format(text) if text is not None else "json"


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


def _json() -> Any:
    # Imported on use: checking a YAML file needs neither the JSON codec nor orjson.
    return importlib.import_module("jammi_wire.preconf.json")


def _yaml() -> Any:
    # The YAML codec is optional at import time so JSON commands work without it.
    try:
        return importlib.import_module("jammi_wire.preconf.yaml")
    except ImportError:
        raise _IOFailure("YAML support is not available in this installation") from None


def _decode(text: str, fmt: str, cls: type[Any], *, dialect: str = "any") -> Any:
    if fmt == "yaml":
        return _yaml().from_yaml(text, cls, validate=False, unknown="ignore", dialect=dialect)
    return _json().from_json(text, cls, validate=False, unknown="ignore")


def _encode(obj: Any, fmt: str, *, pretty: bool, dialect: str, portable: bool) -> str:
    text: str
    if fmt == "yaml":
        text = _yaml().to_yaml(obj, dialect=dialect, portable=portable)
        return text
    text = _json().to_json(obj, pretty=pretty)
    return text + "\n"


# ── check ───────────────────────────────────────────────────────────────────


def _problems_of(
    path: str,
    text: str,
    fmt: str | None,
    cls: type[Any],
    dialect: str,
    overrides: Sequence[str] = (),
) -> list[Any]:
    """diagnose_text for one file; the format from --from, the extension, or sniffed."""
    if fmt is None:
        fmt = format_of_path(path) if path != "-" else None
    return diagnose_text(text, cls, format=fmt, dialect=dialect, overrides=overrides)  # type: ignore[arg-type]


def _cmd_check(args: argparse.Namespace) -> int:
    cls = target_type(args)
    status = OK
    found: list[tuple[str, Diagnostic]] = []
    clean: list[str] = []
    for path in args.files:
        try:
            text = _read_text(path)
        except _IOFailure as failure:
            print(f"error: {failure}", file=sys.stderr)
            status = USAGE
            continue
        problems = _problems_of(path, text, args.input_format, cls, args.dialect or "any", args.set)
        if args.strict:
            problems = [attrs.evolve(p, severity="error") for p in problems]
        if any(p.severity == "error" for p in problems) and status == OK:
            status = INVALID
        found.extend((path, p) for p in problems)
        if any(p.severity == "error" for p in problems) and not args.set:
            # which releases read the file as it is (an override's error is not the file's)
            from .releases.commands import releases_note

            releases_note(path, text, cls, args)
        if not problems:
            clean.append(path)
    report = REPORTS[args.report](found, clean)
    _emit(report, args.output)
    return status


def _emit(text: str, output: str | None) -> None:
    """Command output: to the file ``-o`` names (atomically), else stdout."""
    emit(text, output)


# ── writing ─────────────────────────────────────────────────────────────────


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


def _convert_jsonl(args: argparse.Namespace, to: str, cls: type[Any]) -> int:
    size = os.path.getsize(args.input) if args.input != "-" and os.path.isfile(args.input) else 0
    if args.output is None or args.output == "-":
        return _convert_records(args, to, cls, sys.stdout, None, size)
    writer = AtomicWriter(args.output)
    with writer as handle:
        return _convert_records(args, to, cls, handle, writer, size)


def _convert_records(
    args: argparse.Namespace,
    to: str,
    cls: type[Any],
    out: Any,
    writer: AtomicWriter | None,
    size: int,
) -> int:
    show = sys.stderr.isatty() and size > 1 << 20
    bad = 0
    done = 0
    seen_bytes = 0
    # Resolved once: per record only the decode, the check and the write remain.
    if to == "yaml":
        to_yaml: Callable[..., str] = _yaml().to_yaml
        dialect, portable = args.dialect or "tags", args.portable

        def encode(obj: Any) -> str:
            return "---\n" + to_yaml(obj, dialect=dialect, portable=portable)

    else:
        to_json: Callable[..., str] = _json().to_json

        def encode(obj: Any) -> str:
            return to_json(obj) + "\n"

    from_json, write = _json().from_json, out.write
    # One recording of warnings for the whole file (entering one per record costs more
    # than reading the record); each record's unknown fields are reported after it.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnknownFieldWarning)
        for number, raw in _jsonl_lines(args.input):
            seen_bytes += len(raw)
            if blank_record(raw):
                continue
            try:
                obj = from_json(raw.decode("utf-8"), cls, validate=False, unknown="warn")
                if caught:
                    _report_dropped(f"{args.input}:{number}", caught)
                _validate(obj)
                write(encode(obj))
            except (WireError, UnicodeDecodeError) as error:
                caught.clear()
                # Reported as met (value echoes capped), not kept: memory stays flat.
                print(f"{args.input}:{number}: {_clip(str(error))}", file=sys.stderr)
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


def _validate(obj: Any) -> None:
    check = getattr(obj, "validate", None)
    if callable(check):
        check()


def _decode_noting(text: str, fmt: str, where: str, cls: type[Any], *, dialect: str = "any") -> Any:
    """Decode like serde, and say on stderr which unknown fields serde drops."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnknownFieldWarning)
        if fmt == "yaml":
            obj = _yaml().from_yaml(text, cls, validate=False, unknown="warn", dialect=dialect)
        else:
            obj = _json().from_json(text, cls, validate=False, unknown="warn")
    _report_dropped(where, caught)
    return obj


def _report_dropped(where: str, caught: list[Any]) -> None:
    """Say on stderr which unknown fields serde drops (from recorded warnings, which
    this empties)."""
    dropped = [w for w in caught if issubclass(w.category, UnknownFieldWarning)]
    caught.clear()
    for warning in dropped[:_MAX_DROPPED]:
        print(f"{where}: warning: {_clip(str(warning.message))}; dropped", file=sys.stderr)
    if len(dropped) > _MAX_DROPPED:
        print(
            f"{where}: warning: {len(dropped) - _MAX_DROPPED} more unknown fields dropped",
            file=sys.stderr,
        )


def _cmd_convert(args: argparse.Namespace) -> int:
    cls = target_type(args)
    if args.input_format == "jsonl" or (
        args.input_format is None and _format_of(args.input, None) == "jsonl"
    ):
        to = args.to or (_format_of(args.output, None) if args.output else "jsonl")
        return _convert_jsonl(args, "yaml" if to == "yaml" else "jsonl", cls)
    text = _read_text(args.input)
    source = _format_of(args.input, args.input_format, text)
    to = args.to or (_format_of(args.output, None) if args.output else None)
    if to is None:
        to = "yaml" if source == "json" else "json"
    if args.set:
        if source == "jsonl":
            raise _UsageError("--set applies to one document, not JSON Lines")
        obj, problems = read_text(
            text,
            cls,
            format=source,  # type: ignore[arg-type]
            overrides=args.set,
        )
        if obj is None:
            errors = [(args.input, p) for p in problems if p.severity == "error"]
            sys.stderr.write(_render_text(errors, []))
            return INVALID
    else:
        try:
            obj = _decode_noting(text, source, args.input, cls)
            _validate(obj)
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
    _emit(out, args.output)
    return OK


# ── init ────────────────────────────────────────────────────────────────────


def yaml_template(cls: type[Any] = FineTuneConfig) -> str:
    """The default value of ``cls`` as YAML, every field preceded by what it means."""
    shape = shape_of(cls)
    assert isinstance(shape, StructShape)
    default = cls()
    defaults = json.loads(_json().to_json(default))
    lines = [
        f"# jammi-wire config ({type_name(cls)}). Every value below is the default.",
        f"# Check it with: jammi-wire check{_type_flag(cls)} FILE",
        "# YAML dialect: serde_yaml 0.9 (`tags`). An enum variant with fields is written",
        "# with a tag, `embedding_loss: !triplet {margin: 0.3}`; readers of the older",
        "# singleton-map form write `{triplet: {margin: 0.3}}`. Editors need the tags",
        "# declared: see `jammi-wire editor-settings`.",
    ]
    for spec in shape.fields:
        value = defaults[spec.wire]
        lines.append("")
        if spec.doc:
            lines.append(f"# {spec.doc}")
        lines.append(f"# Default: {json.dumps(value)}. Allowed: {_allowed(spec.shape)}.")
        if spec.missing is None:
            lines.append("# Required: serde rejects the file without this field.")
        text = _yaml_value(value)
        if isinstance(spec.shape, TaggedEnumShape):  # a newtype variant: `!steps 100`
            text = _yaml().to_yaml(getattr(default, spec.attr)).strip()
        lines.append(f"{spec.wire}: {text}")
    return "\n".join(lines) + "\n"


def _type_flag(cls: type[Any]) -> str:
    from .releases import generation_of_type

    generation = generation_of_type(cls)
    if generation is not None and generation.number > 1:
        release = f" --release {generation.first}"
        return release if cls.__name__ == "FineTuneConfig" else f"{release} --type {cls.__name__}"
    return "" if cls is FineTuneConfig else f" --type {type_name(cls)}"


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
            elif getattr(variant, "kind", "struct") == "newtype":
                arms.append(f"!{wire} <{_allowed(variant.struct.fields[0].shape)}>")
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
    cls = target_type(args)
    path = args.output or args.path
    fmt = args.to or (_format_of(path, None) if path and path != "-" else "yaml")
    text = yaml_template(cls) if fmt == "yaml" else _json().to_json(cls(), pretty=True) + "\n"
    if path is None or path == "-":
        sys.stdout.write(text)
        return OK
    if os.path.exists(path) and not args.force:
        print(f"error: {path} exists; use --force to overwrite", file=sys.stderr)
        return USAGE
    _emit(text, path)
    print(f"wrote {path}", file=sys.stderr)
    return OK


# ── schema and editors ──────────────────────────────────────────────────────


def _cmd_schema(args: argparse.Namespace) -> int:
    from .serde.schema import json_schema

    schema = json_schema(target_type(args))
    if args.editing:
        from .editing import editing_schema

        schema = editing_schema(schema)
    _emit(json.dumps(schema, indent=2) + "\n", args.output)
    return OK


def _cmd_editor_settings(args: argparse.Namespace) -> int:
    from .editing import editor_settings

    settings = editor_settings(target_type(args), schema=args.schema)
    _emit(json.dumps(settings, indent=2) + "\n", args.output)
    return OK


# ── diff ────────────────────────────────────────────────────────────────────


def _flatten(value: Any, shape: Any, prefix: str, out: dict[str, Any]) -> None:
    # Nested structs (hard_negatives) show field by field; enums and maps stay whole.
    if isinstance(shape, StructShape) and isinstance(value, dict):
        for spec in shape.fields:
            if spec.wire in value:
                key = f"{prefix}.{spec.wire}" if prefix else spec.wire
                _flatten(value[spec.wire], spec.shape, key, out)
        return
    out[prefix] = value


def _cmd_diff(args: argparse.Namespace) -> int:
    cls = target_type(args)
    shape = shape_of(cls)
    trees = []
    found: list[tuple[str, Diagnostic]] = []
    for path in (args.a, args.b):
        text = _read_text(path)
        fmt = _format_of(path, None, text)
        try:
            obj = _decode(text, fmt, cls)
        except WireError:
            # the same report check gives, so the user sees every problem at once
            problems = diagnose_text(text, cls, format=fmt)  # type: ignore[arg-type]
            found.extend((path, p) for p in problems if p.severity == "error")
            continue
        flat: dict[str, Any] = {}
        _flatten(json.loads(_json().to_json(obj)), shape, "", flat)
        trees.append(flat)
    if found:
        sys.stderr.write(_render_text(found, []))
        return INVALID
    rows = [
        (key, json.dumps(trees[0].get(key)), json.dumps(trees[1].get(key)))
        for key in trees[0]
        if trees[0].get(key) != trees[1].get(key)
    ]
    if not rows:
        _emit("no differences\n", args.output)
        return OK
    header = ("field", args.a, args.b)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    table = "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip()
        + "\n"
        for row in [header, tuple("-" * w for w in widths), *rows]
    )
    _emit(table, args.output)
    return INVALID


# ── set ─────────────────────────────────────────────────────────────────────


def _cmd_set(args: argparse.Namespace) -> int:
    from .edit import parse_assignment, set_in_text

    cls = target_type(args)
    text = _read_text(args.file)
    fmt = _format_of(args.file, None, text)
    if fmt == "jsonl":
        raise _UsageError("set edits one document, not JSON Lines")
    try:
        assignments = [parse_assignment(item) for item in args.assignments]
        edited = set_in_text(text, fmt, assignments, cls)
    except WireError as error:
        print(f"{args.file}: error: {_clip(str(error))}", file=sys.stderr)
        return INVALID
    problems = diagnose_text(edited, cls, format=fmt, dialect=args.dialect or "any")  # type: ignore[arg-type]
    errors = [(args.file, p) for p in problems if p.severity == "error"]
    if errors:
        sys.stderr.write(_render_text(errors, []))
        print(f"{args.file}: not changed: the edit would make it invalid", file=sys.stderr)
        return INVALID
    if edited != text:
        write_atomic(args.file, edited)
    return OK


# ── commands and arguments ──────────────────────────────────────────────────


@attrs.frozen
class Command:
    """A subcommand: ``configure`` adds its arguments, ``run`` returns the exit code."""

    name: str
    help: str
    # Either may be "module:function", imported when the command is used (a command's
    # module need not load with the command line).
    configure: Callable[[argparse.ArgumentParser], None] | str
    run: Callable[[argparse.Namespace], int] | str


COMMANDS: dict[str, Command] = {}


def register_command(command: Command) -> Command:
    """Add (or replace) a subcommand of ``jammi-wire``."""
    COMMANDS[command.name] = command
    return command


def add_type_option(parser: argparse.ArgumentParser) -> None:
    """``--type NAME``: the type the document holds (default FineTuneConfig)."""
    parser.add_argument(
        "--type",
        dest="type_name",
        metavar="NAME",
        default="FineTuneConfig",
        help="the type the file holds: "
        + ", ".join(type_names())
        + ", or a dotted name in jammi_wire (default: FineTuneConfig)",
    )
    parser.add_argument(
        "--release",
        metavar="VERSION",
        help="read and write as this jammi-wire release does (0.26.0 to 0.54.0; default 0.26.3)",
    )


def add_output_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=f"write {what} to FILE (atomically) instead of stdout",
    )


def target_type(args: argparse.Namespace) -> type[Any]:
    """The class ``--type`` names (in ``--release``'s vocabulary); a usage error (exit 2)
    if it names none."""
    name = getattr(args, "type_name", None) or "FineTuneConfig"
    try:
        if getattr(args, "release", None):
            from .releases import generation_of

            name = f"releases.{generation_of(args.release).name}.{name}"
        return resolve_type(name)
    except (LookupError, WireError) as error:
        raise _UsageError(str(error)) from None


class _UsageError(Exception):
    """Bad arguments found after parsing: exit 2."""


_REPORT_NAMES = ("text", "json", "github", "sarif")


def _configure_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="files to check; - reads stdin")
    add_type_option(p)
    p.add_argument(
        "--from",
        "--format",
        dest="input_format",
        choices=["json", "yaml", "jsonl"],
        help="read the files as this format (default: by extension; stdin is sniffed)",
    )
    p.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    p.add_argument(
        "--dialect",
        choices=["tags", "singleton_map"],
        help="accept only this YAML enum form (default: either)",
    )
    p.add_argument(
        "--report",
        choices=list(REPORTS),
        default="text",
        help="text (default), json, github (workflow annotations) or sarif (2.1.0)",
    )
    add_output_option(p, "the report")
    add_set_option(p)


def add_set_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="PATH=VALUE",
        help="override a value before reading (repeatable): hard_negatives.k=5, "
        "'embedding_loss=!triplet {margin: 0.3}'; VALUE is YAML, read by the field's type",
    )


def _configure_set(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="the JSON or YAML file to edit in place")
    p.add_argument(
        "assignments",
        nargs="+",
        metavar="PATH=VALUE",
        help="values to set: hard_negatives.k=5; VALUE is YAML, read by the field's type",
    )
    add_type_option(p)
    p.add_argument(
        "--dialect",
        choices=["tags", "singleton_map"],
        help="accept only this YAML enum form when checking the result (default: either)",
    )


def _configure_convert(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="IN", help="the file to convert; - reads stdin")
    add_type_option(p)
    add_output_option(p, "the result (its extension picks the format)")
    p.add_argument("--to", choices=["json", "yaml", "jsonl"], help="output format")
    add_set_option(p)
    p.add_argument(
        "--from",
        dest="input_format",
        choices=["json", "yaml", "jsonl"],
        help="input format (default: by extension; stdin is sniffed)",
    )
    p.add_argument("--pretty", action="store_true", help="indented JSON (to_string_pretty)")
    p.add_argument(
        "--dialect",
        choices=["tags", "singleton_map"],
        help="YAML enum form to write (default: tags, serde_yaml 0.9)",
    )
    p.add_argument(
        "--portable",
        action="store_true",
        help="YAML that YAML 1.1 readers (PyYAML, yq) read the same as serde_yaml",
    )
    p.add_argument(
        "--keep-going",
        action="store_true",
        help="JSON Lines: write the good records, list the bad ones (exit 1)",
    )


def _configure_init(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", nargs="?", metavar="PATH", help="where to write (default: stdout)")
    add_type_option(p)
    add_output_option(p, "the template (same as PATH)")
    p.add_argument(
        "--to",
        "--format",
        dest="to",
        choices=["json", "yaml"],
        help="template format (default: by extension, else yaml)",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing file")


def _configure_schema(p: argparse.ArgumentParser) -> None:
    add_type_option(p)
    add_output_option(p, "the schema")
    p.add_argument(
        "--editing",
        action="store_true",
        help="for editors: unknown fields are errors, no array form of structs",
    )


def _configure_editor_settings(p: argparse.ArgumentParser) -> None:
    add_type_option(p)
    add_output_option(p, "the settings")
    p.add_argument(
        "--schema",
        metavar="PATH",
        default="schema.json",
        help="the schema file the settings point at (default: schema.json)",
    )


def _configure_diff(p: argparse.ArgumentParser) -> None:
    p.add_argument("a", metavar="A", help="first file (JSON or YAML)")
    p.add_argument("b", metavar="B", help="second file (JSON or YAML)")
    add_type_option(p)
    add_output_option(p, "the table")


for _command in (
    Command("check", "report every problem in config files", _configure_check, _cmd_check),
    Command(
        "convert",
        "JSON <-> YAML, JSON Lines record by record",
        _configure_convert,
        _cmd_convert,
    ),
    Command("init", "write the default config as a commented template", _configure_init, _cmd_init),
    Command(
        "schema", "JSON Schema (draft 2020-12) of the wire form", _configure_schema, _cmd_schema
    ),
    Command(
        "editor-settings",
        "editor settings (VS Code / yaml-language-server) for the schema and YAML tags",
        _configure_editor_settings,
        _cmd_editor_settings,
    ),
    Command("diff", "fields whose values differ between two configs", _configure_diff, _cmd_diff),
    Command(
        "set",
        "change values in a file in place, keeping its comments and layout",
        _configure_set,
        _cmd_set,
    ),
    Command(
        "compat",
        "which jammi-wire releases accept a file, and why not where they refuse it",
        "jammi_wire.releases.commands:configure_compat",
        "jammi_wire.releases.commands:run_compat",
    ),
    Command(
        "migrate",
        "move a config to another jammi-wire release",
        "jammi_wire.releases.commands:configure_migrate",
        "jammi_wire.releases.commands:run_migrate",
    ),
):
    register_command(_command)


def _resolve(ref: Any) -> Any:
    if not isinstance(ref, str):
        return ref
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


def _configure(parser: argparse.ArgumentParser, command: Command) -> None:
    _resolve(command.configure)(parser)
    parser.set_defaults(run=_resolve(command.run))


class _CommandParser:
    """A subcommand's parser, built when argparse hands it its arguments: a run uses one
    subcommand, and building the parsers of all of them (each an ArgumentParser, with
    gettext look-ups and a help formatter per argument) was a sizeable part of start-up."""

    def __init__(self, *, command: Command, **kwargs: Any) -> None:
        self._command = command
        self._kwargs = kwargs
        self._parser: argparse.ArgumentParser | None = None

    def __getattr__(self, name: str) -> Any:
        if self._parser is None:
            self._parser = argparse.ArgumentParser(**self._kwargs)
            _configure(self._parser, self._command)
        return getattr(self._parser, name)


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own layout, with the terminal's width looked up when help, usage or an
    error is written: argparse makes a formatter for every argument it adds (to check
    the metavar), and the width look-up imports shutil. The width and the help position
    are whatever argparse's formatter works out, made when first needed."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
        **kwargs: Any,
    ) -> None:
        self._layout: tuple[Any, Any] | None = None
        self._stock = (prog, indent_increment, max_help_position, width, kwargs)
        self._placed = 0
        super().__init__(prog, indent_increment, max_help_position, 80, **kwargs)
        if self._placed != 2:  # an argparse that keeps its layout elsewhere: no laziness
            argparse.HelpFormatter.__init__(
                self, prog, indent_increment, max_help_position, width, **kwargs
            )

    def _resolved(self) -> tuple[Any, Any]:
        if self._layout is None:
            prog, indent_increment, max_help_position, width, kwargs = self._stock
            stock = argparse.HelpFormatter(
                prog, indent_increment, max_help_position, width, **kwargs
            )
            self._layout = (stock._width, stock._max_help_position)
        return self._layout

    @property
    def _width(self) -> Any:
        return self._resolved()[0]

    @_width.setter
    def _width(self, value: Any) -> None:
        self._placed += 1  # argparse's __init__ placeholder: the layout is made on use

    @property
    def _max_help_position(self) -> Any:
        return self._resolved()[1]

    @_max_help_position.setter
    def _max_help_position(self, value: Any) -> None:
        self._placed += 1


def _parser(
    *, lazy: bool = False, formatter: type[argparse.HelpFormatter] = _HelpFormatter
) -> argparse.ArgumentParser:
    """The command line; ``lazy`` builds a subcommand's arguments only when it is used."""
    parser = argparse.ArgumentParser(
        prog="jammi-wire", description=__doc__.split("\n\n")[0], formatter_class=formatter
    )
    parser.add_argument(
        "--version", action="version", version=f"jammi-wire {__version__} (Rust crate 0.26.3)"
    )
    if lazy:
        sub: Any = parser.add_subparsers(
            dest="command", required=True, metavar="COMMAND", parser_class=_CommandParser
        )
        for command in COMMANDS.values():
            sub.add_parser(
                command.name,
                help=command.help,
                description=command.help,
                formatter_class=formatter,
                command=command,
            )
        return parser
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS.values():
        p = sub.add_parser(
            command.name, help=command.help, description=command.help, formatter_class=formatter
        )
        _configure(p, command)
    return parser


def _os_error_text(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else reason


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser(lazy=True).parse_args(argv)
    except SystemExit as exit_:
        return USAGE if exit_.code not in (0, None) else OK
    output = getattr(args, "output", None)
    if args.command == "check" and output in _REPORT_NAMES:
        print(
            f"error: -o/--output names the report file; for the {output} format use "
            f"--report {output}",
            file=sys.stderr,
        )
        return USAGE
    try:
        code: int = args.run(args)
        return code
    except (_IOFailure, _UsageError) as failure:
        print(f"error: {failure}", file=sys.stderr)
        return USAGE
    except OSError as error:
        # A full disk, an output path that is a directory or read-only, ...: one line.
        print(f"error: {_os_error_text(error)}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
