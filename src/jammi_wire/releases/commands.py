"""``jammi-wire compat`` and ``jammi-wire migrate``: the command line names these
functions (``cli.COMMANDS``) and imports this module when one of them runs."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from typing import TYPE_CHECKING, Any

from .. import cli
from .._errors import WireError
from .._reports import clip
from . import GENERATIONS, generation_of

if TYPE_CHECKING:
    from .compat import Dialect, Format, Verdict

# compat, migrate and the codecs are imported by the functions that use them (check's
# note on other releases needs compat alone).

__all__ = [
    "compat_table",
    "configure_compat",
    "configure_migrate",
    "releases_note",
    "run_compat",
    "run_migrate",
]


def compat_table(path: str, verdicts: list[Verdict]) -> str:
    """One line per generation: its releases and ``accepted`` or the first reason."""
    width = max(len(v.generation.releases) for v in verdicts)
    lines = [f"{path}:"]
    for v in verdicts:
        status = "accepted" if v.valid else "refused" if not v.accepted else "invalid"
        reason = f"  {_short(v.reason)}" if v.reason else ""
        lines.append(f"  {v.generation.releases.ljust(width)}  {status}{reason}")
    return "\n".join(lines) + "\n"


def _short(reason: str, width: int = 110) -> str:
    """A table cell: serde's whole text is in ``--report json``."""
    return reason if len(reason) <= width else reason[: width - 1] + "\u2026"


def _read(path: str, fmt: str | None) -> tuple[str, Any]:
    text = cli._read_text(path)
    return text, cli._format_of(path, fmt, text)


def run_compat(args: argparse.Namespace) -> int:
    from .compat import compat

    reports: dict[str, list[Verdict]] = {}
    for path in args.files:
        text, fmt = _read(path, args.input_format)
        reports[path] = compat(
            text, format=fmt, dialect=args.dialect or "tags", type_name=args.type_name
        )
    if args.report == "json":
        body = {path: [v.to_dict() for v in verdicts] for path, verdicts in reports.items()}
        out = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    else:
        out = "".join(compat_table(path, verdicts) for path, verdicts in reports.items())
    cli._emit(out, args.output)
    accepted_somewhere = all(any(v.valid for v in verdicts) for verdicts in reports.values())
    return cli.OK if accepted_somewhere else cli.INVALID


def run_migrate(args: argparse.Namespace) -> int:
    from ..preconf.json import from_json, to_json
    from ..preconf.yaml import from_yaml, to_yaml
    from .compat import compat
    from .migrate import DataLossWarning, migrate

    try:
        target = generation_of(args.to)
        chosen = generation_of(args.source) if args.source else None
    except WireError as error:
        print(f"error: {error}", file=sys.stderr)
        return cli.USAGE
    text, fmt = _read(args.input, args.input_format)
    if chosen is not None:
        source = chosen
    else:
        # The newest generation that reads the file keeps every field it has.
        verdicts = compat(text, format=fmt, dialect=args.dialect or "any")
        readers = [v for v in verdicts if v.accepted]
        if not readers:
            print(f"{args.input}: no jammi-wire release reads this file:", file=sys.stderr)
            sys.stderr.write(compat_table(args.input, verdicts))
            return cli.INVALID
        source = readers[-1].generation
    cls = source.module.FineTuneConfig
    try:
        if fmt == "json":
            config = from_json(text, cls, validate=False, unknown="error")
        else:
            config = from_yaml(
                text, cls, validate=False, unknown="error", dialect=args.dialect or "any"
            )
        with warnings.catch_warnings(record=True) as dropped:
            warnings.simplefilter("always", DataLossWarning)
            result = migrate(config, target, lossy=args.lossy)
    except WireError as error:
        print(f"{args.input}: {clip(str(error))}", file=sys.stderr)
        return cli.INVALID
    for warning in dropped:
        if issubclass(warning.category, DataLossWarning):
            print(f"{args.input}: dropped: {warning.message}", file=sys.stderr)
    out_fmt = cli._format_of(args.output, None) if args.output else fmt
    if out_fmt == "yaml":
        out = to_yaml(
            result, dialect="singleton_map" if args.dialect == "singleton_map" else "tags"
        )
    else:
        out = to_json(result, pretty=True) + "\n"
    cli._emit(out, args.output)
    print(
        f"{args.input}: read as jammi-wire {source.releases}"
        + ("" if args.source else " (the newest release that reads it)")
        + f", written for {target.releases}",
        file=sys.stderr,
    )
    return cli.OK


def _common(p: argparse.ArgumentParser, dialect_help: str) -> None:
    p.add_argument(
        "--from",
        dest="input_format",
        choices=["json", "yaml"],
        help="input format (default: by extension; stdin is sniffed)",
    )
    p.add_argument("--dialect", choices=["tags", "singleton_map"], help=dialect_help)


def configure_compat(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="files to check; - reads stdin")
    p.add_argument(
        "--type",
        dest="type_name",
        metavar="NAME",
        default="FineTuneConfig",
        help="the type the file holds (default: FineTuneConfig)",
    )
    _common(p, "the YAML enum form the services read (default: tags, serde_yaml::from_str)")
    p.add_argument(
        "--report", choices=["table", "json"], default="table", help="table (default) or json"
    )
    cli.add_output_option(p, "the report")


def configure_migrate(p: argparse.ArgumentParser) -> None:
    known = ", ".join(g.releases for g in GENERATIONS)
    p.add_argument("input", metavar="FILE", help="the config to migrate; - reads stdin")
    p.add_argument("--to", required=True, metavar="VERSION", help=f"target release ({known})")
    p.add_argument(
        "--release",
        dest="source",
        metavar="VERSION",
        help="the release the file is written for (default: the newest that reads it)",
    )
    p.add_argument(
        "--lossy",
        action="store_true",
        help="drop values the target cannot carry (each is listed) instead of failing",
    )
    _common(p, "YAML enum form to read and write (default: read either, write tags)")
    cli.add_output_option(p, "the migrated config (its extension picks the format)")


def releases_note(path: str, text: str, cls: type, args: argparse.Namespace) -> None:
    """After ``check`` found errors: which other releases accept the file."""
    from .compat import compat

    chosen = generation_of(args.release) if args.release else GENERATIONS[0]
    fmt: Format = "json" if cli._format_of(path, args.input_format, text) == "json" else "yaml"
    dialect: Dialect = args.dialect or "tags"
    others = [
        v.generation
        for v in compat(text, format=fmt, dialect=dialect, type_name=cls.__name__)
        if v.valid and v.generation != chosen
    ]
    if others:
        print(
            f"{path}: note: refused by jammi-wire {chosen.releases}, but accepted by "
            f"jammi-wire {', '.join(g.releases for g in others)} "
            f"(check it with --release {others[-1].first})",
            file=sys.stderr,
        )
