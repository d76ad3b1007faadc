"""``jammi-wire check`` on clean files, answered without loading the vocabulary.

Most checks run on files that are fine (a pre-commit hook, a CI step). For those the
command only needs "clean", and building the vocabulary's attrs classes (importing
attrs alone) costs several times what the rest of the check does. Each generation's
``FineTuneConfig`` has a *clearance* here (``g1.py`` .. ``g5.py``), generated ahead of
time by :mod:`jammi_wire.serde.clearance` from the same declarations and rules (run
``python -m jammi_wire._cleared._generate`` after changing either; the tests fail
while a module is stale). A clearance says True only for a document in which the full
check finds nothing, errors or warnings; anything else, including every document it
is unsure of, goes to the full check, which reads it again and words its findings.
"""

from __future__ import annotations

import importlib
import os
import stat
from collections.abc import Sequence
from typing import Any

from .._formats import format_of_path

DEFAULT_GENERATION = "g1"
"""The generation of the top-level vocabulary (jammi-wire 0.26.3), the check's default."""


def clears(text: str, fmt: str, generation: str = DEFAULT_GENERATION) -> bool:
    """True when ``text`` (a ``"json"`` or ``"yaml"`` document) is surely a clean
    ``FineTuneConfig`` of ``generation``: the full check would report nothing. False
    says nothing about the document."""
    return clears_with(importlib.import_module(f"{__name__}.{generation}"), text, fmt)


def clears_with(module: Any, text: str, fmt: str) -> bool:
    """:func:`clears` by a clearance module (``clearance_source``'s text, loaded)."""
    if fmt == "yaml":
        from ..preconf._yaml_fast import deeper_keys, small_block_subset

        if not text.strip() or next(deeper_keys(text), None) is not None:
            return False
        found = small_block_subset(text)
        return found is not None and bool(module.clears_yaml(found[0]))
    if fmt == "json":
        from ..preconf._json_stdlib import plain_tree

        tree = plain_tree(text)
        return tree is not None and bool(module.clears_json(tree))
    return False


def quick_check(argv: Sequence[str]) -> int | None:
    """``check [--release VERSION] [--report NAME] [-o FILE] [--strict] FILE...``, when
    every file is clean: write the report of clean files and return the exit status
    (0). None when the command has to run: another command or option, standard input,
    a file the clearance does not clear or cannot read, a version that names no
    release, a report that cannot be written (the command then says what is wrong)."""
    if len(argv) < 2 or argv[0] != "check":
        return None
    generation = DEFAULT_GENERATION
    report, output = "text", None
    files: list[str] = []
    rest = list(argv[1:])
    while rest:
        arg = rest.pop(0)
        option, equals, value = arg.partition("=")
        if option in _VALUED and (equals or rest):
            value = value if equals else rest.pop(0)
            if option == "--release":
                from .._generations import generation_of

                try:
                    generation = generation_of(value).name
                except ValueError:  # WireError: the command says which releases there are
                    return None
            elif option == "--report":
                report = value
            else:
                output = value
        elif arg == "--strict":
            continue  # warnings as errors: a clean file has neither
        elif arg.startswith("-") or (equals and option.startswith("-")):
            return None
        else:
            files.append(arg)
    if not files:
        return None
    from .._reports import REPORTS, emit

    render = REPORTS.get(report)
    if render is None or output in REPORTS:
        return None  # the command's usage errors
    for path in files:
        fmt = format_of_path(path)
        if fmt not in ("json", "yaml"):
            return None
        try:
            # A regular file only: the command reads a file again when one does not
            # clear, and a pipe or a terminal cannot be read twice (nor opened: a
            # FIFO's writer would see its reader go).
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        if not clears(text, fmt, generation):
            return None
    try:
        emit(render([], files), output)
    except OSError:
        # A full disk, a closed pipe, an output path that is a directory: the command
        # writes the report again and says what went wrong its own way.
        return None
    return 0


# Options taking a value, as the command spells them (argparse also takes unambiguous
# prefixes such as --rel: those go to the command).
_VALUED = ("--release", "--report", "-o", "--output")
