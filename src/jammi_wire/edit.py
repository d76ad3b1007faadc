"""Overrides (``--set hard_negatives.k=5``) and in-place edits of config files.

A value is YAML text, read by the target type as serde_yaml reads it: ``5`` is an
integer for ``usize`` and a string for ``String``, ``!triplet {margin: 0.3}`` a struct
variant. :func:`set_in_text` edits a document's text where the value is, so comments,
order and formatting elsewhere stay as they were.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

import yaml

from ._errors import PathElement, WireError, render_path
from .serde.data import Alias, Tagged

__all__ = ["Assignment", "apply_to_tree", "parse_assignment", "set_in_text"]

Assignment = tuple[tuple[PathElement, ...], str]
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_assignment(text: str) -> Assignment:
    """``hard_negatives.k=5`` -> ``(("hard_negatives", "k"), "5")``;
    ``target_modules[1]=value`` indexes a list."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise WireError(f"expected PATH=VALUE, not {text!r}")
    path: list[PathElement] = []
    position = 0
    name = name.strip()
    while position < len(name):
        if name[position] == "." and path:
            position += 1
        match = _STEP.match(name, position)
        if match is None:
            raise WireError(f"bad path {name!r}: write fields as a.b and list items as a[0]")
        path.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
        position = match.end()
    return tuple(path), value


def value_tree(text: str) -> Any:
    """The YAML text of one value as the reader's value tree (types decided later)."""
    from .preconf._yaml_load import parse

    return parse(text) if text.strip() else parse("~")


def apply_to_tree(tree: Any, assignments: Iterable[Assignment]) -> Any:
    """Set each value in a document's value tree (JSON or YAML), creating mappings on
    the way; returns the tree (a new one when the document was empty)."""
    for path, text in assignments:
        if not path:
            raise WireError("an override needs a field path")
        if not isinstance(_open(tree), (dict, list)):
            tree = {}
        node: Any = _open(tree)
        for depth, element in enumerate(path[:-1]):
            child = _child(node, element, path[: depth + 1])
            if child is None:
                child = {}
                node[element] = child
            node = _open(child)
        last = path[-1]
        if isinstance(node, list):
            if not isinstance(last, int) or not 0 <= last < len(node):
                raise WireError(f"no item {last} to set", path)
        elif not isinstance(node, dict):
            raise WireError("not a mapping: cannot set a field in it", path[:-1])
        node[last] = value_tree(text)
    return tree


def _open(node: Any) -> Any:
    while isinstance(node, (Tagged, Alias)):
        node = node.value if isinstance(node, Tagged) else node.node
    return node


def _child(node: Any, element: PathElement, where: tuple[PathElement, ...]) -> Any:
    if isinstance(node, dict):
        return node.get(element)
    if isinstance(node, list) and isinstance(element, int) and 0 <= element < len(node):
        return node[element]
    raise WireError("not a mapping: cannot set a field in it", where[:-1])


# ── editing text in place ───────────────────────────────────────────────────


def set_in_text(text: str, fmt: str, assignments: Sequence[Assignment], cls: type[Any]) -> str:
    """``text`` with each value replaced (or its key added) and nothing else changed."""
    for path, value in assignments:
        edit = _set_yaml if fmt == "yaml" else _set_json
        text = edit(text, path, value, cls)
    return text


def _set_yaml(text: str, path: tuple[PathElement, ...], value: str, cls: type[Any]) -> str:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise WireError(f"cannot edit: the file is not valid YAML ({error})") from None
    if node is None:
        return text + ("" if text.endswith("\n") or not text else "\n") + _yaml_entry(path, value)
    for depth, element in enumerate(path):
        found = _yaml_child(node, element)
        if found is None:
            if not isinstance(node, yaml.MappingNode) or isinstance(element, int):
                raise WireError("no such item to set", path[: depth + 1])
            return _add_yaml_key(text, node, path[depth:], value)
        node = found
    start, end = node.start_mark.index, node.end_mark.index
    end = start + len(text[start:end].rstrip())
    replacement = value.strip()
    if "\n" in replacement:
        raise WireError("a --set value is one line of YAML (flow style for collections)", path)
    return text[:start] + replacement + text[end:]


def _yaml_child(node: Any, element: PathElement) -> Any:
    if isinstance(node, yaml.MappingNode):
        found = None
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(element):
                found = value
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(element, int):
        return node.value[element] if 0 <= element < len(node.value) else None
    return None


def _yaml_entry(path: tuple[PathElement, ...], value: str, indent: str = "") -> str:
    """``a: {b: value}`` for a key (and the mappings under it) that is not there yet."""
    text = value.strip()
    for element in reversed(path[1:]):
        text = f"{{{element}: {text}}}"
    return f"{indent}{path[0]}: {text}\n"


def _add_yaml_key(text: str, mapping: Any, path: tuple[PathElement, ...], value: str) -> str:
    if mapping.flow_style:
        close = mapping.end_mark.index - 1  # the `}`
        entry = _yaml_entry(path, value).rstrip("\n")
        separator = ", " if mapping.value else ""
        return text[:close] + separator + entry + text[close:]
    column = mapping.value[0][0].start_mark.column if mapping.value else 0
    end = mapping.value[-1][1].end_mark.index if mapping.value else mapping.end_mark.index
    # after the line the mapping's last value ends on
    line_end = text.find("\n", end - 1 if end and text[end - 1 : end] == "\n" else end)
    insert = len(text) if line_end < 0 else line_end + 1
    prefix = "" if insert == 0 or text[insert - 1 : insert] == "\n" else "\n"
    return text[:insert] + prefix + _yaml_entry(path, value, " " * column) + text[insert:]


def _set_json(text: str, path: tuple[PathElement, ...], value: str, cls: type[Any]) -> str:
    from .preconf._json_text import JsonLocator

    locator = JsonLocator(text)
    written = json.dumps(_json_value(value, cls, path), ensure_ascii=False)
    span = locator.span(path)
    if span is not None:
        return text[: span[0]] + written + text[span[1] :]
    for depth in range(len(path) - 1, -1, -1):
        parent = locator.span(path[:depth])
        if parent is None:
            continue
        start, end = parent
        if text[start] != "{" or isinstance(path[depth], int):
            raise WireError("no such item to set", path[: depth + 1])
        entry: Any = _json_value(value, cls, path)
        for element in reversed(path[depth + 1 :]):
            entry = {element: entry}
        close = end - 1
        body = text[start + 1 : close].strip()
        separator = ", " if body else ""
        # keep a pretty file pretty: the new key on its own line, indented like the others
        match = re.search(r"\n([ \t]+)\"", text[start:close])
        if match:
            separator = ",\n" + match.group(1) if body else "\n" + match.group(1)
            before = text[:close].rstrip()
            tail = text[len(before) : close]
            pair = f"{json.dumps(path[depth])}: {json.dumps(entry, ensure_ascii=False)}"
            return before + separator + pair + tail + text[close:]
        pair = f"{json.dumps(path[depth])}: {json.dumps(entry, ensure_ascii=False)}"
        return text[:close].rstrip() + separator + pair + text[close:]
    raise WireError("cannot find where to set", path)


def _json_value(value: str, cls: type[Any], path: tuple[PathElement, ...]) -> Any:
    """The JSON form of a YAML value text, as the field at ``path`` reads it."""
    from .diagnostics import shape_at
    from .preconf import yaml as wire_yaml
    from .serde.model import shape_of
    from .serde.structure import Context
    from .serde.unstructure import Unstructurer

    shape = shape_at(shape_of(cls), path)
    if shape is None:
        raise WireError(f"no field `{render_path(path)}` in {cls.__qualname__}", path)
    structure = wire_yaml._COMPILERS["any"].compile(shape)
    try:
        obj = structure(value_tree(value), Context("ignore"))
    except WireError as error:
        raise error.within(*path) from None
    return Unstructurer("map", finite_floats=True).compile(shape)(obj)
