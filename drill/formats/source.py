"""Safe YAML loading that remembers where every key and value came from.

PyYAML's own loaders forget source positions once they build Python objects,
and they expand aliases without limit. This loader builds plain data straight
from the parser's event stream, so it can keep a mark for each key and value,
refuse duplicate keys, and stop early on files that are too large, too deep or
whose aliases would expand past a sane size ("billion laughs").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
from yaml import events as ev
from yaml.nodes import ScalarNode

from .problems import FormatError, Position, Problem

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 2_000_000  # counting every alias expansion

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_STD = "tag:yaml.org,2002:"
_SCALARS = {
    _STD + "bool": _constructor.construct_yaml_bool,
    _STD + "int": _constructor.construct_yaml_int,
    _STD + "float": _constructor.construct_yaml_float,
    _STD + "null": _constructor.construct_yaml_null,
}
_KEPT_AS_TEXT = {_STD + "str", _STD + "timestamp", _STD + "binary"}
# After an unquoted value, " #" starts a YAML comment, so `title: 热搜 #江川三小# 发酵` keeps
# only "热搜". A comment is written "# words"; a "#" with a word right after it is a
# hashtag, the way posts in these drills are written, and the value was cut by mistake.
_HASHTAG_CUT = re.compile(r"[ \t]+#(?=[^\s#])")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as its marks count lines (not str.splitlines's)


def _pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


@dataclass
class Document:
    """Plain data from one YAML file plus the positions of its keys and values."""

    path: str
    text: str
    data: Any
    root: Position
    # id(container) -> key or index -> (position of the key, position of the value)
    marks: dict[int, dict[Any, tuple[Position | None, Position]]] = field(default_factory=dict)

    def locate(self, loc: tuple[Any, ...], *, key: bool = False) -> Position:
        """The position of the value at `loc` (or of its key), or of its deepest known parent."""
        node, where = self.data, self.root
        for index, part in enumerate(loc):
            entries = self.marks.get(id(node))
            if entries is None or part not in entries:
                break
            key_pos, value_pos = entries[part]
            last = index == len(loc) - 1
            where = key_pos if (key and last and key_pos) else value_pos
            node = node[part]
        return where

    def problem(self, loc: tuple[Any, ...], message: str, *, key: bool = False) -> Problem:
        return Problem(self.path, self.locate(loc, key=key), message)


class _Builder:
    def __init__(self, path: str, events: Iterator[ev.Event], lines: list[str]):
        self.path = path
        self.events = events
        self.lines = lines
        self.cut: list[Problem] = []  # unquoted text cut at a hashtag
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.marks: dict[int, dict[Any, tuple[Position | None, Position]]] = {}
        self.nodes = 0

    def fail(self, mark: Any, message: str) -> FormatError:
        return FormatError([Problem(self.path, _pos(mark), message)])

    def count(self, amount: int, mark: Any) -> None:
        self.nodes += amount
        if self.nodes > MAX_NODES:
            raise self.fail(mark, f"the file expands to more than {MAX_NODES:,} values (aliases nested too deeply?); refusing to load it")

    def node(self, event: ev.Event, depth: int) -> tuple[Any, int]:
        """Build the value that starts with `event`; returns it with its expanded size."""
        if depth > MAX_DEPTH:
            raise self.fail(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels; refusing to load it")
        if isinstance(event, ev.AliasEvent):
            if event.anchor not in self.anchors:
                raise self.fail(event.start_mark, f"unknown alias *{event.anchor}")
            value, size = self.anchors[event.anchor]
            self.count(size, event.start_mark)
            return value, size
        if isinstance(event, ev.ScalarEvent):
            self.count(1, event.start_mark)
            value, size = self.scalar(event), 1
        elif isinstance(event, ev.SequenceStartEvent):
            self.check_tag(event, _STD + "seq")
            value, size = self.sequence(depth)
        elif isinstance(event, ev.MappingStartEvent):
            self.check_tag(event, _STD + "map")
            value, size = self.mapping(depth)
        else:  # pragma: no cover - the parser guarantees one of the above
            raise self.fail(event.start_mark, f"unexpected {type(event).__name__}")
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, size)
        return value, size

    def check_tag(self, event: ev.Event, allowed: str) -> None:
        if event.tag not in (None, "!", allowed):
            raise self.fail(event.start_mark, f"unsupported tag {event.tag}")

    def scalar(self, event: ev.ScalarEvent) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            tag = _resolver.resolve(ScalarNode, event.value, event.implicit)
        if tag in _SCALARS:
            return _SCALARS[tag](ScalarNode(tag, event.value))
        if tag in _KEPT_AS_TEXT or tag == _STD + "merge":
            if tag == _STD + "str" and not event.style:  # plain: the C parser says "", the Python one None
                self.check_cut(event)
            return event.value if tag != _STD + "merge" else _Merge
        raise self.fail(event.start_mark, f"unsupported tag {tag}")

    def check_cut(self, event: ev.ScalarEvent) -> None:
        mark = event.end_mark
        rest = self.lines[mark.line][mark.column:] if mark.line < len(self.lines) else ""
        found = _HASHTAG_CUT.match(rest)
        if found:
            where = Position(mark.line + 1, mark.column + found.end())
            self.cut.append(Problem(self.path, where, f"YAML reads \" #\" after an unquoted value as the start of a comment, so this value "
                                    f"ends at {event.value[-20:]!r} and the rest of the line is dropped; to keep a hashtag, put the whole value in quotes"))

    def sequence(self, depth: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        marks: dict[Any, tuple[Position | None, Position]] = {}
        size = 1
        for event in self.events:
            if isinstance(event, ev.SequenceEndEvent):
                break
            value, n = self.node(event, depth + 1)
            marks[len(items)] = (None, _pos(event.start_mark))
            items.append(value)
            size += n
        self.marks[id(items)] = marks
        return items, size

    def mapping(self, depth: int) -> tuple[dict[Any, Any], int]:
        result: dict[Any, Any] = {}
        marks: dict[Any, tuple[Position | None, Position]] = {}
        size = 1
        for event in self.events:
            if isinstance(event, ev.MappingEndEvent):
                break
            key_mark = event.start_mark
            key, _ = self.node(event, depth + 1)
            value_event = next(self.events)
            value, n = self.node(value_event, depth + 1)
            size += n
            if key is _Merge:
                self.merge(result, marks, value, value_event)
                continue
            if isinstance(key, (dict, list)):
                raise self.fail(key_mark, "a key must be a plain value, not a mapping or a list")
            if key in marks:
                first = marks[key][0]
                raise self.fail(key_mark, f"duplicate key {key!r} (first at line {first.line if first else '?'})")
            marks[key] = (_pos(key_mark), _pos(value_event.start_mark))
            result[key] = value
        self.marks[id(result)] = marks
        return result, size

    def merge(self, result: dict, marks: dict, value: Any, event: ev.Event) -> None:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                raise self.fail(event.start_mark, "a merge key '<<' takes a mapping or a list of mappings")
            for key, item in source.items():
                if key not in result:
                    result[key] = item
                    marks[key] = self.marks.get(id(source), {}).get(key, (None, _pos(event.start_mark)))


class _MergeKey:
    def __repr__(self) -> str:
        return "<<"


_Merge = _MergeKey()


def parse(text: str, path: str) -> Document:
    """Build a Document from YAML text, raising FormatError with the position of any problem."""
    try:
        events = iter(yaml.parse(text, Loader=_Parser))
        next(events)  # StreamStart
        start = next(events)
        if isinstance(start, ev.StreamEndEvent):
            raise FormatError([Problem(path, Position(1, 1), "the file is empty")])
        builder = _Builder(path, events, _LINE_BREAK.split(text))
        root = next(events)
        data, _ = builder.node(root, 1)
        next(events)  # DocumentEnd
        extra = next(events)
        if not isinstance(extra, ev.StreamEndEvent):
            raise builder.fail(extra.start_mark, "the file holds more than one YAML document; keep one per file")
        if builder.cut:
            raise FormatError(builder.cut)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = _pos(mark) if mark else Position(1, 1)
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise FormatError([Problem(path, where, f"YAML syntax: {message}")]) from None
    except yaml.YAMLError as error:
        raise FormatError([Problem(path, Position(1, 1), f"YAML: {error}")]) from None
    return Document(path, text, data, _pos(root.start_mark), builder.marks)


def read(path: str | Path) -> Document:
    """Read and parse a UTF-8 YAML file within the size limit.

    OSError propagates (the caller decides it is a "cannot read" failure);
    every problem with the content becomes a FormatError.
    """
    name = str(path)
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise FormatError([Problem(name, Position(1, 1), f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB; refusing to load it")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise FormatError([Problem(name, Position(line, column), "the file is not valid UTF-8 text; save it as UTF-8")]) from None
    return parse(text, name)
