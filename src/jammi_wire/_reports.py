"""The reports of ``jammi-wire check``: text, JSON, GitHub annotations, SARIF.

Apart from the command line so that a check answered by clearances
(``jammi_wire._cleared``) writes the same report without loading it. Each renderer
takes every ``(file, Diagnostic)`` found and the files with nothing to report.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .diagnostics import Diagnostic

MAX_MESSAGE = 300


def clip(message: str) -> str:
    """serde quotes the whole offending value; a 20 MB string is no use in a report."""
    if len(message) > MAX_MESSAGE:
        return message[: MAX_MESSAGE - 1] + "…"
    return message


def ok_line(file: str) -> str:
    """The text report's line for a file with nothing to report."""
    return f"{file}: ok"


def render_text(found: list[tuple[str, Diagnostic]], clean: list[str]) -> str:
    lines = []
    for file, problem in found:
        where = f"{file}:{problem.line}:{problem.column}" if problem.line is not None else file
        field = f"{problem.field}: " if problem.path else ""
        lines.append(f"{where}: {problem.severity}: {field}{clip(problem.message)}")
        if problem.hint:
            lines.append(f"  hint: {problem.hint}")
    lines.extend(ok_line(file) for file in clean)
    return "".join(line + "\n" for line in lines)


def render_json(found: list[tuple[str, Diagnostic]], clean: list[str]) -> str:
    problems = [
        {"file": file, **problem.as_dict(), "message": clip(problem.message)}
        for file, problem in found
    ]
    valid = not any(p.severity == "error" for _, p in found)
    import json  # the text report, a clean YAML check's, needs no JSON codec

    return json.dumps({"valid": valid, "problems": problems}, indent=2) + "\n"


def github_escape(text: str, *, property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(found: list[tuple[str, Diagnostic]], clean: list[str]) -> str:
    """GitHub Actions workflow commands: one annotation per problem."""
    lines = []
    for file, problem in found:
        props = [f"file={github_escape(file, property=True)}"]
        if problem.line is not None:
            props.append(f"line={problem.line}")
        if problem.column is not None:
            props.append(f"col={problem.column}")
        props.append(f"title={github_escape('jammi-wire ' + problem.code, property=True)}")
        field = f"{problem.field}: " if problem.path else ""
        body = f"{field}{clip(problem.message)}"
        if problem.hint:
            body += f"\nhint: {problem.hint}"
        lines.append(f"::{problem.severity} {','.join(props)}::{github_escape(body)}")
    return "".join(line + "\n" for line in lines)


def render_sarif(found: list[tuple[str, Diagnostic]], clean: list[str]) -> str:
    """SARIF 2.1.0 (code scanning): one run, a rule per diagnostic code."""
    codes = sorted({problem.code for _, problem in found})
    results = []
    for file, problem in found:
        field = f"{problem.field}: " if problem.path else ""
        text = f"{field}{clip(problem.message)}"
        if problem.hint:
            text += f"\nhint: {problem.hint}"
        location: dict[str, Any] = {"artifactLocation": {"uri": uri(file)}}
        if problem.line is not None:
            region: dict[str, Any] = {"startLine": problem.line}
            if problem.column is not None:
                region["startColumn"] = problem.column
            location["region"] = region
        results.append(
            {
                "ruleId": problem.code,
                "ruleIndex": codes.index(problem.code),
                "level": problem.severity,
                "message": {"text": text},
                "locations": [{"physicalLocation": location}],
            }
        )
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "jammi-wire",
                        "version": __version__,
                        "informationUri": "https://github.com/jammi-ai/jammi-wire-python",
                        "rules": [
                            {"id": code, "shortDescription": {"text": CODE_TEXT.get(code, code)}}
                            for code in codes
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    import json

    return json.dumps(sarif, indent=2) + "\n"


def uri(file: str) -> str:
    from urllib.parse import quote

    return "stdin" if file == "-" else quote(file.replace(os.sep, "/"))


CODE_TEXT = {
    "syntax": "The document is not valid JSON or YAML",
    "empty": "The document is empty",
    "decode": "serde rejects a value",
    "missing-fields": "Required fields are missing",
    "validate": "A validate() rule is broken",
    "unknown-field": "A field serde ignores (often a typo)",
    "merge-key": "A YAML merge key serde does not apply",
    "yaml-1.1": "A plain YAML scalar that YAML 1.1 readers read differently",
    "indentation": "A key indented so that YAML reads it as part of a value",
}

Report = Callable[[list[tuple[str, "Diagnostic"]], list[str]], str]
REPORTS: dict[str, Report] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}
"""Report formats of ``check --report``; add one by adding an entry."""


def emit(text: str, output: str | None) -> None:
    """A report or a command's output: to the file ``output`` names (atomically), else
    (None or ``-``) to stdout, flushed, so that a full disk or a closed pipe is an
    ``OSError`` here and not at exit."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from ._atomic import write_atomic

        write_atomic(output, text)
