"""libyaml events -> value tree, without PyYAML's YAML 1.1 resolver or constructor.

Plain untagged scalars become :class:`Plain` (the target type resolves them, as
serde_yaml does); aliases share the anchored node, so an alias bomb costs nothing to
load and is only traversed if a known field reaches it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from .._errors import DocumentError, PathElement, WireError
from ..serde.data import Alias, ComplexKey, DuplicateKeys, Plain, Tagged, TaggedScalar, Truncated

_Parser: Any = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader

_SCALAR = yaml.ScalarEvent
_MAP_START = yaml.MappingStartEvent
_SEQ_START = yaml.SequenceStartEvent
_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_MAP_END = yaml.MappingEndEvent
_SEQ_END = yaml.SequenceEndEvent
_STREAM_END = yaml.StreamEndEvent
_ALIAS = yaml.AliasEvent
_DOC_START = yaml.DocumentStartEvent
_DOC_END = yaml.DocumentEndEvent
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)


def _events(source: bytes) -> Any:
    parser = _Parser(source)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _encode(text: str) -> bytes:
    # libyaml gets bytes, as serde_yaml gives it: it then detects and skips a BOM
    # itself, and its byte offsets match the Rust error text.
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise WireError(
            f"lone surrogate U+{ord(text[error.start]):04X} at position {error.start}: "
            "not valid UTF-8, so no YAML reader accepts it"
        ) from None


class YamlSyntaxError(DocumentError):
    """libyaml's error: positioned by the parser, never by a field path."""


def syntax_error(error: yaml.YAMLError) -> WireError:
    """libyaml's own error text, laid out as serde_yaml's ``Display`` lays it out."""
    if isinstance(error, yaml.reader.ReaderError):
        message = str(error.reason)
        if error.position:
            message += f" at position {error.position}"
        return YamlSyntaxError(message)
    if not isinstance(error, yaml.MarkedYAMLError):
        return YamlSyntaxError(str(error))
    mark = error.problem_mark
    line = column = None
    if mark is not None and (mark.line or mark.column):  # serde_yaml omits index 0
        line, column = mark.line + 1, mark.column + 1
    detail = ""
    if error.context:
        detail = f", {error.context}"
        context = error.context_mark
        if (
            context is not None
            and (context.line or context.column)
            and (mark is None or (context.line, context.column) != (mark.line, mark.column))
        ):
            detail += f" at line {context.line + 1} column {context.column + 1}"
    # unsafe-libyaml fixed a typo that PyYAML's libyaml still has.
    problem = (error.problem or str(error)).replace("hexdecimal", "hexadecimal")
    return YamlSyntaxError(problem, line=line, column=column, detail=detail)


def _prepare(text: str) -> str:
    if text.startswith("\ufeff"):
        # serde_yaml's libyaml counts the BOM as a column: the first line reads as
        # indented one space, so a block mapping ends after its first key.
        return " " + text[1:]
    return text


def parse(text: str) -> Any:
    """YAML text -> value tree, raising on any syntax error."""
    tree, error, _ = parse_partial(text)
    if error is not None:
        raise error
    return tree


_SHARED_LENGTH = 64
_SHARED_COUNT = 1 << 16


class Guide:
    """What the loader may leave out of the tree: the entries of a struct's mapping
    whose key names no field, where the reader would only ignore them or warn.

    ``fields`` (a struct) maps each name the struct reads, aliases too, to the field's
    wire name and the guide of its value; ``items`` guides a sequence's elements or a
    map's values; ``variants`` (an externally tagged enum) guides the content of a
    variant by the name it is read by, as a local tag (``!name {...}``) or as the key
    of a single-key map. Left out, a million unknown keys cost their events, not a
    million entries of the tree.
    """

    __slots__ = ("fields", "items", "known", "notes", "variants")

    def __init__(self) -> None:
        self.fields: dict[str, tuple[str, Guide | None]] | None = None
        self.items: Guide | None = None
        self.variants: dict[str, Guide] | None = None
        self.known: tuple[str, ...] = ()
        self.notes: Any = None


# Told of each key left out: (the key, the struct's guide, the struct's path).
OnUnknown = Callable[[str, Guide, list[PathElement]], None]


def parse_partial(
    text: str, guide: Guide | None = None, on_unknown: OnUnknown | None = None
) -> tuple[Any, WireError | None, int]:
    """YAML text -> (value tree, syntax error met after it started, node count).

    One document only, as serde_yaml::from_str requires. Scalars: :class:`Plain`
    (plain, untagged), ``str`` (quoted or block, untagged), :class:`TaggedScalar`
    (any tag). Containers: ``list``, ``dict`` (or :class:`DuplicateKeys`), wrapped in
    :class:`Tagged` when they carry a local tag. After a syntax error the tree holds
    what was read, closed with :class:`Truncated` entries, as serde_yaml reads it.

    With a ``guide`` for the document's value and ``on_unknown``, a key of a guided
    struct that names no field goes to ``on_unknown`` as it is read, and neither it nor
    its value enters the tree.
    """
    text = _prepare(text)
    parser = _Parser(_encode(text))
    next_event = parser.get_event
    # Each open container collects its items in a flat list (a mapping's keys and
    # values alternate), so an event costs one append; pairs are made at its end.
    top: list[Any] = []
    top_is_map = False
    # The open container's guide (None: keep all it holds; the document itself is a
    # one-element sequence), and whether the value being read belongs to a key left out.
    current: Guide | None = None
    if guide is not None and on_unknown is not None:
        current = Guide()
        current.items = guide
    dropping = False
    stack: list[tuple[list[Any], bool, Any, Alias | None, Guide | None, bool]] = []
    outer = top
    anchors: dict[str, Any] = {}
    shared: dict[tuple[str, bool], Any] = {}
    node: Any
    documents = 0
    first_ended = False
    size = 1  # nodes and container ends: about serde_yaml's event count
    try:
        while True:
            event = next_event()
            kind = type(event)
            if kind is _SCALAR:
                tag = event.tag
                if tag is None:
                    # Short untagged scalars are shared: keys and values repeat (a field
                    # name per record, 1.5, true), and one object per occurrence made the
                    # tree of a large document 20 times its text.
                    style = event.style
                    node = shared.get((event.value, not style))
                    if node is None:
                        value = event.value
                        node = value if style else Plain(value)
                        if len(value) <= _SHARED_LENGTH and len(shared) < _SHARED_COUNT:
                            shared[(value, not style)] = node
                else:
                    node = TaggedScalar(event.value, tag, event.style or "")
                if event.anchor is not None:
                    anchors[event.anchor] = node
                if current is None:
                    top.append(node)
                    continue
            elif kind is _MAP_START or kind is _SEQ_START:
                pending = None
                if event.anchor is not None:
                    # libyaml lets a node alias itself (`&m [*m]`): inner aliases get a
                    # reference that is filled in when the node is complete.
                    pending = anchors[event.anchor] = Alias(None)
                inner = None
                if current is not None and not dropping and event.anchor is None:
                    # An anchored node is kept whole: an alias may read it as another type.
                    inner = _inner(current, top, top_is_map)
                stack.append((top, top_is_map, event, pending, current, dropping))
                top = []
                top_is_map = kind is _MAP_START
                if inner is not None and inner.variants is not None and event.tag is not None:
                    inner = inner.variants.get(event.tag[1:]) if event.tag[:1] == "!" else None
                current = inner if inner is not None and _fits(inner, top_is_map) else None
                dropping = False
                continue
            elif kind is _MAP_END or kind is _SEQ_END:
                size += len(top) + 1
                node = _mapping(top) if top_is_map else top
                top, top_is_map, start, pending, current, dropping = stack.pop()
                node = _finish(node, start, pending)
                if pending is not None:
                    anchors[start.anchor] = node
                event = start  # a complex key is placed where it starts
            elif kind is _ALIAS:
                node = anchors.get(event.anchor, _NOKEY)
                if node is _NOKEY:
                    mark = event.start_mark
                    # serde_yaml's loader stops here, as at a syntax error.
                    line, column = (
                        (mark.line + 1, mark.column + 1)
                        if mark.line or mark.column
                        else (None, None)
                    )
                    raise _Stop(DocumentError("unknown anchor", line=line, column=column))
                if type(node) is list or type(node) is Tagged or isinstance(node, dict):
                    node = Alias(node)  # followed at a price, see Context.follow
            elif kind is _DOC_START:
                documents += 1
                if documents > 1:
                    # The first document is still read, and its errors come first.
                    raise _Stop(DocumentError(_MORE_THAN_ONE_DOCUMENT))
                continue
            elif kind is _DOC_END:
                first_ended = True
                continue
            elif kind is _STREAM_END or event is None:
                break
            else:
                continue
            if current is not None:
                if dropping:
                    dropping = False  # the value of a key left out: read, not kept
                    size += 2
                    continue
                fields = current.fields
                if (
                    fields is not None
                    and not len(top) % 2
                    and (type(node) is Plain or type(node) is str)
                    and node not in fields
                ):
                    assert on_unknown is not None
                    dropping = True
                    on_unknown(node, current, _path(stack))
                    continue
            if (
                top_is_map
                and not len(top) % 2
                and (
                    type(node) is list
                    or type(node) is Tagged
                    or type(node) is Alias
                    or isinstance(node, dict)
                )
            ):
                mark = event.start_mark
                node = ComplexKey(node, mark.line + 1, mark.column + 1)
            top.append(node)
    except (yaml.YAMLError, _Stop) as error:
        if first_ended:
            # serde_yaml's loader asks for a second document and gets one, holding
            # this error: the first document is still read, and its errors come first.
            failure: WireError = DocumentError(_MORE_THAN_ONE_DOCUMENT)
        else:
            failure = error.error if isinstance(error, _Stop) else syntax_error(error)
        if stack:
            _close(stack, top, top_is_map, Truncated(failure))
        if not outer:
            raise failure from None
        return outer[0], failure, size
    finally:
        parser.dispose()
    if not outer:
        return EMPTY_DOCUMENT, None, size
    return outer[0], None, size


_MORE_THAN_ONE_DOCUMENT = (
    "deserializing from YAML containing more than one document is not supported"
)


def _inner(current: Guide, top: list[Any], is_map: bool) -> Guide | None:
    """The guide of a container starting inside ``top`` (guided by ``current``)."""
    if not is_map:
        return current.items
    if not len(top) % 2:
        return None  # a mapping or sequence as a key
    fields = current.fields
    if fields is None:
        variants = current.variants
        if variants is not None:  # a variant as a single-key map
            return variants.get(top[-1]) if len(top) == 1 else None
        return current.items  # a map's value
    entry = fields.get(top[-1])
    return None if entry is None else entry[1]


def _fits(guide: Guide, is_map: bool) -> bool:
    """Whether ``guide`` says anything about a container of this kind (a struct's fields
    mean nothing to a sequence, which the reader refuses as a struct anyway)."""
    if guide.fields is not None or guide.variants is not None:
        return is_map
    return guide.items is not None


def _path(stack: list[Any]) -> list[PathElement]:
    """The path of the open container, as the reader names it: a field's wire name, a
    map's key, a sequence's index (the document's own one-element list is no step)."""
    path: list[PathElement] = []
    for top, is_map, _start, _pending, guide, _dropping in stack[1:]:
        if not is_map:
            path.append(len(top))
            continue
        key = top[-1]
        if guide is not None and guide.fields is not None:
            key = guide.fields[key][0]
        path.append(str(key))
    return path


def _mapping(items: list[Any]) -> dict[Any, Any]:
    pairs = iter(items)
    node = dict(zip(pairs, pairs, strict=False))  # an iterator zipped with itself
    if 2 * len(node) != len(items):
        return DuplicateKeys(list(zip(items[::2], items[1::2], strict=True)))
    return node


def _finish(node: Any, start: Any, pending: Alias | None) -> Any:
    """A closed container: wrapped in its local tag, and given to aliases made inside it."""
    tag = start.tag
    if tag is not None and tag.startswith("!"):
        node = Tagged(tag[1:] or "!", node)
    if pending is not None:
        pending.node = node
    return node


def _close(stack: list[Any], top: list[Any], top_is_map: bool, end: Truncated) -> None:
    """Close the containers left open by a syntax error, innermost first."""
    while stack:
        if top_is_map:
            if len(top) % 2:
                top.append(end)  # a key whose value never came
            top += [end, end]
            node: Any = DuplicateKeys(list(zip(top[::2], top[1::2], strict=True)))
        else:
            top.append(end)
            node = top
        top, top_is_map, start, pending, _guide, dropping = stack.pop()
        node = _finish(node, start, pending)
        if dropping:
            continue  # the value of a key left out: the enclosing map's end says why
        if top_is_map and not len(top) % 2:
            mark = start.start_mark
            node = ComplexKey(node, mark.line + 1, mark.column + 1)
        top.append(node)


class _Stop(Exception):
    """Reading stops here; what was read so far is still deserialized first."""

    def __init__(self, error: WireError) -> None:
        super().__init__(str(error))
        self.error = error


_NOKEY: Any = object()
# An empty document reads as an empty plain scalar (a struct of defaults, an empty seq);
# this one instance also tells from_yaml that nothing was there at all.
EMPTY_DOCUMENT = Plain("")


def locate(
    text: str,
    path: tuple[PathElement, ...],
    key: tuple[str, int] | None = None,
    occurrences: dict[int, int] | None = None,
) -> tuple[int, int] | None:
    """1-based line and column of the node at ``path``, or of its deepest ancestor found.

    Only run on the error path. An alias resolves to its anchored node, whose position
    is the one serde_yaml reports. With ``key`` (name, occurrence), the position of that
    key of the mapping at ``path``. ``occurrences`` (``WireError.occurrences``) says
    which of a repeated key's values a path element means. An empty document is placed
    at its end.
    """
    return locate_many(text, [(path, key)], [occurrences])[0]


def _step(path: tuple[PathElement, ...], index: int, occurrences: dict[int, int] | None) -> Any:
    """How :class:`_Wanted` keys ``path[index]``: a key's later occurrence by (name, n)."""
    element = path[index]
    if occurrences:
        occurrence = occurrences.get(len(path) - index - 1, 1)
        if occurrence > 1 and type(element) is str:
            return (element, occurrence)
    return element


class _Wanted:
    """A node on the way to a requested path: what one pass over the events records."""

    __slots__ = ("children", "key_marks", "keys", "mark", "via_alias")

    def __init__(self) -> None:
        # By path element; a repeated key's later values by (name, occurrence).
        self.children: dict[Any, _Wanted] = {}
        self.keys: set[str] = set()
        self.key_marks: dict[str, list[Any]] = {}
        self.mark: Any = None
        self.via_alias = False


def locate_many(
    text: str,
    requests: list[tuple[tuple[PathElement, ...], tuple[str, int] | None]],
    occurrences: list[dict[int, int] | None] | None = None,
) -> list[tuple[int, int] | None]:
    """:func:`locate` for many (path, key) requests in one pass over the events.

    Memory is the requested paths plus the nesting depth, whatever the document's
    size: only nodes on a requested path are recorded (a whole-document tree of marks
    cost 50 bytes of YAML a node, so gigabytes for a large file). A path that goes
    on through an alias is answered from a full tree of marks, as before.
    """
    root = _Wanted()
    repeats = occurrences or [None] * len(requests)
    for (path, key), repeated in zip(requests, repeats, strict=True):
        node = root
        for index in range(len(path)):
            if key is not None:
                node.keys.add(key[0])
            node = node.children.setdefault(_step(path, index, repeated), _Wanted())
        if key is not None:
            node.keys.add(key[0])
    try:
        end = _record_wanted(_prepare(text), root)
    except (yaml.YAMLError, WireError):
        return [None] * len(requests)
    out: list[tuple[int, int] | None] = []
    for (path, key), repeated in zip(requests, repeats, strict=True):
        if root.mark is None:
            # serde_yaml's end of input, where an empty document is.
            out.append(None if end is None else (end.line + 1, end.column + 1))
            continue
        node = root
        through_alias = False
        for index in range(len(path)):
            if node.via_alias:  # its children are the anchored node's: not recorded
                through_alias = True
                break
            child = node.children.get(_step(path, index, repeated))
            if child is None or child.mark is None:
                break
            node = child
        if through_alias or (key is not None and node.via_alias):
            out.append(_locate_in_tree(text, path, key))
            continue
        mark = node.mark
        if key is not None:
            marks = node.key_marks.get(key[0], [])
            if len(marks) >= key[1]:
                mark = marks[key[1] - 1]
        out.append((mark.line + 1, mark.column + 1))
    return out


def _record_wanted(source: str, root: _Wanted) -> Any:
    """Marks of the wanted nodes (a repeated key's later values under (name, n));
    returns the last event's mark."""
    # Per open container: [wanted node or None, is mapping, pending key, next index,
    # times each key was seen]
    stack: list[list[Any]] = []
    anchors: dict[str, Any] = {}
    documents = 0
    end = None
    for event in _events_lenient(_encode(source)):
        kind = type(event)
        end = event.start_mark
        if kind is _DOC_START:
            documents += 1
            if documents > 1:
                break  # serde_yaml reads the first document only
            continue
        if kind in _END:
            stack.pop()
            continue
        if kind is not _SCALAR and kind is not _ALIAS and kind not in _STARTS:
            continue
        anchor = event.anchor
        if anchor is not None and kind is not _ALIAS:
            anchors[anchor] = event.start_mark
        wanted: _Wanted | None = None
        if not stack:
            wanted = root
        else:
            frame = stack[-1]
            parent: _Wanted | None = frame[0]
            if frame[1]:
                if frame[2] is _NOKEY:  # this node is a key
                    name = event.value if kind is _SCALAR else _COMPLEX
                    frame[2] = name
                    if parent is not None and name in parent.keys:
                        parent.key_marks.setdefault(name, []).append(event.start_mark)
                    if kind is _MAP_START or kind is _SEQ_START:
                        stack.append([None, kind is _MAP_START, _NOKEY, 0, None])
                    continue
                name, frame[2] = frame[2], _NOKEY
                if parent is not None and name is not _COMPLEX:
                    seen = frame[4][name] = frame[4].get(name, 0) + 1
                    wanted = parent.children.get(name if seen == 1 else (name, seen))
            else:
                if parent is not None:
                    wanted = parent.children.get(frame[3])
                frame[3] += 1
        if kind is _ALIAS:
            if wanted is not None and wanted.mark is None:
                anchored = anchors.get(anchor)
                wanted.mark = anchored if anchored is not None else event.start_mark
                wanted.via_alias = anchored is not None
            continue
        if wanted is not None and wanted.mark is None:
            wanted.mark = event.start_mark
        if kind is _MAP_START or kind is _SEQ_START:
            counts: dict[str, int] | None = (
                {} if wanted is not None and kind is _MAP_START else None
            )
            stack.append([wanted, kind is _MAP_START, _NOKEY, 0, counts])
    return end


def _locate_in_tree(
    text: str, path: tuple[PathElement, ...], key: tuple[str, int] | None
) -> tuple[int, int] | None:
    """:func:`locate` from a whole tree of marks (only for paths through an alias)."""
    try:
        root = _mark_tree(_prepare(text))
    except (yaml.YAMLError, WireError):
        return None
    if root is None:
        return None
    node = root
    for element in path:
        children: Any = node[1]
        found = isinstance(children, dict) and isinstance(element, str) and element in children
        if not found and not (
            isinstance(children, list) and isinstance(element, int) and element < len(children)
        ):
            break
        node = children[element]
    mark = node[0]
    if key is not None and len(node) > 2:
        marks = node[2].get(key[0], [])
        if len(marks) >= key[1]:
            mark = marks[key[1] - 1]
    return mark.line + 1, mark.column + 1


def _mark_tree(source: str) -> Any:
    """[start mark, children(, key marks)] per node: children a dict by key, a list, or
    None; a mapping also keeps each key's marks, in order of occurrence."""
    stack: list[Any] = []  # [node, pending key or _NOKEY]
    anchors: dict[str, Any] = {}
    root = None
    documents = 0
    end = None
    for event in _events_lenient(_encode(source)):
        kind = type(event)
        end = event.start_mark
        if kind is _DOC_START:
            documents += 1
            if documents > 1:
                break  # serde_yaml reads the first document only
        if kind is _SCALAR or kind is _ALIAS:
            node: Any = [event.start_mark, None]
            if kind is _ALIAS:
                node = anchors.get(event.anchor, node)
            elif event.anchor is not None:
                anchors[event.anchor] = node
        elif kind is _MAP_START or kind is _SEQ_START:
            node = [event.start_mark, {}, {}] if kind is _MAP_START else [event.start_mark, []]
            if event.anchor is not None:
                anchors[event.anchor] = node
            if not stack:
                root = node
            _attach(stack, node, event)
            stack.append([node, _NOKEY])
            continue
        elif kind in _END:
            stack.pop()
            continue
        else:
            continue
        if not stack:
            root = node
        else:
            _attach(stack, node, event)
    if root is None and end is not None:
        return [end, None]  # serde_yaml's end of input, where an empty document is
    return root


def _attach(stack: list[Any], node: Any, event: Any) -> None:
    if not stack:
        return
    parent = stack[-1]
    children = parent[0][1]
    if isinstance(children, list):
        children.append(node)
    elif parent[1] is _NOKEY:
        parent[1] = event.value if type(event) is _SCALAR else _COMPLEX
        parent[0][2].setdefault(parent[1], []).append(event.start_mark)
    else:
        children.setdefault(parent[1], node)
        parent[1] = _NOKEY


def _events_lenient(source: bytes) -> Any:
    """Events up to a syntax error, if any (positions of what came before still count)."""
    try:
        yield from _events(source)
    except yaml.YAMLError:
        return


_COMPLEX: Any = object()
