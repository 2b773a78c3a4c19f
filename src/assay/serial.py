"""One (de)serialiser for dataclass records: JSON-ready dicts from their fields and type hints.

Writing follows the values: records nest, tuples and sets become lists, and sets and Counters are sorted
so that equal values write equal JSON. Reading follows each field's type hint. A key missing from stored
JSON takes the field's default (None for an optional field without one) and null where the field cannot
be None does too, so payloads written before a field existed still load; keys that are not fields are
ignored. A class may leave fields out of its JSON (`json_omit`) or add read-only attributes
(`json_derived`), which are never read back.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Mapping
from functools import cache, partial
from types import NoneType, UnionType
from typing import Any, ClassVar, Self, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")
Load = Callable[[Any], Any]
Dump = Callable[[Any], Any]
_SCALARS = (str, int, float, bool)


class Record:
    """Gives a dataclass `to_dict` and `from_dict` through this module."""

    json_omit: ClassVar[frozenset[str]] = frozenset()  # fields not written; from_dict is given them
    json_derived: ClassVar[dict[str, str]] = {}  # JSON key -> attribute (a property) written first

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], **given: Any) -> Self:
        return from_dict(cls, data, **given)


def to_dict(record: Any) -> dict[str, Any]:
    """A dataclass instance as a JSON-ready dict."""
    out = {}
    for key, attr, dump in _writers(type(record)):
        value = getattr(record, attr)
        out[key] = value if dump is None or value is None else dump(value)
    return out


def from_dict(cls: type[T], data: Mapping[str, Any], **given: Any) -> T:
    """An instance of the dataclass `cls` from `to_dict`'s shape; `given` fills (or overrides) fields."""
    kwargs = {}
    for name, load, nullable, required in _readers(cls):
        value = data.get(name)
        if value is not None:
            kwargs[name] = value if load is None else load(value)
        elif nullable and (required or name in data):
            kwargs[name] = None
    kwargs.update(given)
    return cls(**kwargs)


def _dump(value: Any) -> Any:
    if value is None or isinstance(value, _SCALARS):
        return value
    if dataclasses.is_dataclass(value):
        return to_dict(value)
    if isinstance(value, tuple | list):
        return [_dump(v) for v in value]
    if isinstance(value, set | frozenset):
        return [_dump(v) for v in sorted(value)]
    if isinstance(value, Counter):
        return {k: _dump(v) for k, v in sorted(value.items())}
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


@cache
def _writers(cls: type) -> tuple[tuple[str, str, Dump | None], ...]:
    """Per key written: the key, the attribute and how to write it (None: as it is)."""
    hints = get_type_hints(cls)
    omit = getattr(cls, "json_omit", frozenset())
    derived = [(key, attr, _dump) for key, attr in getattr(cls, "json_derived", {}).items()]
    own = [(f.name, f.name, _dumper(hints[f.name])) for f in dataclasses.fields(cls) if f.name not in omit]
    return tuple(derived + own)


def _dumper(hint: Any) -> Dump | None:
    """None for a field written as it is (a string, number, bool or None): most fields, so skip the call."""
    kinds = set(get_args(hint)) if get_origin(hint) in (Union, UnionType) else {hint}
    return None if kinds <= {*_SCALARS, NoneType} else _dump


@cache
def _readers(cls: type) -> tuple[tuple[str, Load | None, bool, bool], ...]:
    """Per written field: its name, how to read it (None: as the JSON has it), nullable, required."""
    hints = get_type_hints(cls)
    omit = getattr(cls, "json_omit", frozenset())
    out = []
    for f in dataclasses.fields(cls):
        if f.name not in omit:
            hint = hints[f.name]
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            out.append((f.name, _loader(hint), NoneType in get_args(hint), required))
    return tuple(out)


def _loader(hint: Any) -> Load | None:
    """How to read a JSON value into `hint`'s type; None when the JSON value is already it."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType):
        inner = [a for a in args if a is not NoneType]
        return _loader(inner[0]) if len(inner) == 1 else None
    if dataclasses.is_dataclass(hint):
        return partial(from_dict, hint)
    if hint is Counter or origin is Counter:
        return Counter
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _each(tuple, _loader(args[0]))
    if origin is tuple:
        parts = [_loader(a) for a in args]
        return lambda v: tuple(x if p is None else p(x) for p, x in zip(parts, v, strict=True))
    if origin in (list, set, frozenset):
        return _each(origin, _loader(args[0]))
    if origin is dict:
        item = _loader(args[1])
        return dict if item is None else lambda v: {k: item(x) for k, x in v.items()}
    return None


def _each(kind: Callable[[Any], Any], item: Load | None) -> Load:
    return kind if item is None else lambda v: kind([item(x) for x in v])
