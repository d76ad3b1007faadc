"""libyaml events -> value tree, without PyYAML's YAML 1.1 resolver or constructor.

Plain untagged scalars become :class:`Plain` (the target type resolves them, as
serde_yaml does); aliases share the anchored node, so an alias bomb costs nothing to
load and is only traversed if a known field reaches it.
"""

from __future__ import annotations

from typing import Any

import yaml

from .._errors import PathElement, WireError
from ..serde.data import ComplexKey, DuplicateKeys, Plain, Tagged

_Parser: Any = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader

_SCALAR = yaml.ScalarEvent
_MAP_START = yaml.MappingStartEvent
_SEQ_START = yaml.SequenceStartEvent
_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_ALIAS = yaml.AliasEvent
_DOC_START = yaml.DocumentStartEvent

MAX_DEPTH = 512


def _events(text: str) -> Any:
    parser = _Parser(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _syntax(error: yaml.MarkedYAMLError) -> WireError:
    mark = error.problem_mark
    message = error.problem or str(error)
    if mark is None:
        return WireError(message)
    return WireError(message, line=mark.line + 1, column=mark.column + 1)


def parse(text: str) -> Any:
    """YAML text -> value tree; one document only, as serde_yaml::from_str requires."""
    stack: list[Any] = []  # containers under construction
    keys: list[Any] = []  # pending key per mapping (_NOKEY when expecting a key)
    anchors: dict[str, Any] = {}
    documents = 0
    root: Any = _NOKEY
    try:
        for event in _events(text):
            kind = type(event)
            if kind is _SCALAR:
                tag = event.tag
                if tag is None or tag == "!":
                    style = event.style
                    node: Any = Plain(event.value) if not style and tag is None else event.value
                elif tag.startswith("!") and not tag.startswith("!!"):
                    content = Plain(event.value) if not event.style else event.value
                    node = Tagged(tag[1:], content)
                else:
                    node = event.value
            elif kind is _MAP_START or kind is _SEQ_START:
                if len(stack) >= MAX_DEPTH:
                    raise WireError(f"YAML nested deeper than {MAX_DEPTH} levels")
                container: Any = [] if kind is _SEQ_START else [[]]
                stack.append((container, kind is _MAP_START, event.tag, event.anchor))
                keys.append(_NOKEY)
                continue
            elif kind in _END:
                container, is_map, tag, anchor = stack.pop()
                keys.pop()
                if is_map:
                    pairs = container[0]
                    node = dict(pairs)
                    if len(node) != len(pairs):
                        node = DuplicateKeys(pairs)
                else:
                    node = container
                if (
                    tag is not None
                    and tag.startswith("!")
                    and not tag.startswith("!!")
                    and tag != "!"
                ):
                    node = Tagged(tag[1:], node)
                if anchor is not None:
                    anchors[anchor] = node
            elif kind is _ALIAS:
                if event.anchor not in anchors:
                    mark = event.start_mark
                    raise WireError(
                        f"unknown anchor `{event.anchor}`",
                        line=mark.line + 1,
                        column=mark.column + 1,
                    )
                node = anchors[event.anchor]
            elif kind is _DOC_START:
                documents += 1
                if documents > 1:
                    raise WireError(
                        "deserializing from YAML containing more than one document is not supported"
                    )
                continue
            else:
                continue
            if kind is _SCALAR and event.anchor is not None:
                anchors[event.anchor] = node
            if not stack:
                root = node
                continue
            top = stack[-1]
            if top[1]:
                key = keys[-1]
                if key is _NOKEY:
                    if type(node) is list or isinstance(node, dict):
                        node = ComplexKey(node)
                    keys[-1] = node
                else:
                    top[0][0].append((key, node))
                    keys[-1] = _NOKEY
            else:
                top[0].append(node)
    except yaml.MarkedYAMLError as error:
        raise _syntax(error) from None
    if root is _NOKEY:
        return Plain("")  # an empty document is serde_yaml's unit / empty input
    return root


_NOKEY: Any = object()


def locate(text: str, path: tuple[PathElement, ...]) -> tuple[int, int] | None:
    """1-based line and column of the node at ``path`` (only run on the error path)."""
    trail: list[Any] = []  # per container: [is_map, key-or-index, expecting_key]
    best: tuple[int, int] | None = None
    try:
        for event in _events(text):
            kind = type(event)
            if kind in (_SCALAR, _MAP_START, _SEQ_START, _ALIAS):
                here: list[PathElement] = []
                is_key = False
                for frame in trail:
                    if frame[0] and frame[2]:
                        is_key = frame is trail[-1]
                    here.append(frame[1])
                if not is_key:
                    current = tuple(here)
                    if current == path[: len(current)]:
                        mark = event.start_mark
                        best = (mark.line + 1, mark.column + 1)
                        if current == path:
                            return best
                if trail:
                    frame = trail[-1]
                    if frame[0]:
                        if frame[2]:
                            frame[1] = event.value if kind is _SCALAR else None
                            frame[2] = False
                            if kind is not _SCALAR and kind is not _ALIAS:
                                trail.append(
                                    [kind is _MAP_START, -1 if kind is _SEQ_START else None, True]
                                )
                                trail[-1][3:] = ["key"]
                            continue
                        frame[2] = True
                    else:
                        frame[1] += 1
                if kind is _MAP_START:
                    trail.append([True, None, True])
                elif kind is _SEQ_START:
                    trail.append([False, -1, False])
            elif kind in _END:
                frame = trail.pop()
                if trail and trail[-1][0] and not trail[-1][2] and len(frame) < 4:
                    pass
            if kind is _SCALAR and trail and not trail[-1][0]:
                pass
    except yaml.YAMLError:
        return best
    return best
