"""Convert between format dictionaries (JSON objects) and typed records.

``record_from_dict`` is the one place that validates a record: a missing required field,
an unknown type or a value that cannot be read raises ``RecordError`` with a reason;
unknown fields go to ``extra``; unknown port codes and event kinds become ``flags``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from interdictor.network.records import (
    COMMON_KEYS,
    DIRECTIONS,
    FIELD_KINDS,
    GOODS_KEYS,
    PARTY_KEYS,
    RECORD_CLASSES,
    REQUIRED,
    VESSEL_EVENTS,
    VESSEL_KEYS,
    GoodsLine,
    Party,
    Record,
    Vessel,
    attribute_of,
    flag_unknown_ports,
    normalise_port,
)


class RecordError(ValueError):
    """A record that cannot be used; the message is the reason."""


def _text(value: Any, name: str) -> str:
    """A scalar as text; numbers keep their printed form (``845910`` -> "845910")."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RecordError(f"field {name!r}: expected text, got {type(value).__name__}")
    return str(value)


def _number(value: Any, name: str) -> float:
    """A number from a JSON number or from text such as "1250.50"."""
    if isinstance(value, bool):
        raise RecordError(f"field {name!r}: expected a number, got a boolean")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise RecordError(f"field {name!r}: {value!r} is not a number") from None


def _date(value: Any, name: str) -> dt.date:
    """An ISO 8601 date, or the date part of an ISO 8601 date-time."""
    text = _text(value, name)
    try:
        if len(text) > 10:
            return dt.datetime.fromisoformat(text).date()
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RecordError(f"field {name!r}: {text!r} is not an ISO 8601 date") from None


def _split(
    data: dict[str, Any], known: tuple[str, ...]
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Known keys (empty values dropped) and the rest, or None when there is no rest."""
    values = {k: v for k, v in data.items() if k in known and v not in (None, "")}
    rest = {k: v for k, v in data.items() if k not in known}
    return values, rest or None


def _party(value: Any, name: str) -> Party:
    if isinstance(value, str):
        if not value.strip():
            raise RecordError(f"field {name!r}: empty party name")
        return Party(name=value.strip())
    if not isinstance(value, dict):
        raise RecordError(f"field {name!r}: expected a party object or a name")
    values, rest = _split(value, PARTY_KEYS)
    if not values.get("name"):
        raise RecordError(f"field {name!r}: party without a name")
    kwargs = {k: _text(v, f"{name}.{k}") for k, v in values.items()}
    if "country" in kwargs:
        kwargs["country"] = kwargs["country"].upper()
    return Party(**kwargs, extra=rest)


def _parties(value: Any, name: str) -> list[Party]:
    items = value if isinstance(value, list) else [value]
    return [_party(item, f"{name}.{i}") for i, item in enumerate(items) if item]


def _goods_line(value: Any, name: str) -> GoodsLine:
    if not isinstance(value, dict):
        raise RecordError(f"field {name!r}: expected a goods line object")
    values, rest = _split(value, GOODS_KEYS)
    params = rest.pop("parameters", None) if rest else None
    if params is not None and not isinstance(params, dict):
        raise RecordError(f"field {name}.parameters: expected an object")
    line = GoodsLine(parameters=params or {}, extra=rest or None)
    for key, raw in values.items():
        conv = _number if key in ("quantity", "value") else _text
        setattr(line, key, conv(raw, f"{name}.{key}"))
    return line


def _goods(value: Any, name: str) -> list[GoodsLine]:
    items = value if isinstance(value, list) else [value]
    return [_goods_line(item, f"{name}.{i}") for i, item in enumerate(items) if item]


def _vessel(value: Any, name: str) -> Vessel:
    if isinstance(value, str):
        return Vessel(name=value.strip())
    if not isinstance(value, dict):
        raise RecordError(f"field {name!r}: expected a vessel object")
    values, rest = _split(value, VESSEL_KEYS)
    kwargs = {k: _text(v, f"{name}.{k}") for k, v in values.items()}
    return Vessel(**kwargs, extra=rest)


def _texts(value: Any, name: str) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [_text(item, f"{name}.{i}") for i, item in enumerate(items) if item not in (None, "")]


def _ports(value: Any, name: str) -> list[str]:
    return [normalise_port(code) for code in _texts(value, name)]


CONVERTERS = {
    "party": _party,
    "party[]": _parties,
    "goods": _goods,
    "vessel": _vessel,
    "port": lambda v, n: normalise_port(_text(v, n)),
    "port[]": _ports,
    "str": _text,
    "str[]": _texts,
    "num": _number,
    "date": _date,
}


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _common(data: dict[str, Any], rtype: str) -> dict[str, Any]:
    """The common fields: id (required), date, source, refs."""
    if _is_empty(data.get("id")):
        raise RecordError("missing required field 'id'")
    common: dict[str, Any] = {"id": _text(data["id"], "id")}
    if not _is_empty(data.get("date")):
        common["date"] = _date(data["date"], "date")
    if not _is_empty(data.get("source")):
        common["source"] = _text(data["source"], "source")
    refs = data.get("refs")
    if not _is_empty(refs):
        if not isinstance(refs, dict):
            raise RecordError("field 'refs': expected an object")
        common["refs"] = {k: _text(v, f"refs.{k}") for k, v in refs.items() if not _is_empty(v)}
    return common


def record_from_dict(
    data: dict[str, Any], *, default_type: str | None = None, file: str = "", position: str = ""
) -> Record:
    """A typed record from a format dictionary; raises ``RecordError`` with the reason."""
    rtype = data.get("type") or default_type
    if not rtype:
        raise RecordError("missing required field 'type'")
    if rtype not in RECORD_CLASSES:
        raise RecordError(f"unknown record type {rtype!r}")
    kinds = FIELD_KINDS[rtype]
    kwargs = _common(data, rtype)
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in COMMON_KEYS:
            continue
        if key not in kinds:
            extra[key] = value
        elif not _is_empty(value):
            kwargs[attribute_of(key)] = CONVERTERS[kinds[key]](value, key)
    for key in REQUIRED[rtype]:
        if _is_empty(kwargs.get(attribute_of(key))):
            raise RecordError(f"missing required field {key!r}")
    record = RECORD_CLASSES[rtype](**kwargs, file=file, position=position, extra=extra)
    _flag_values(record, kwargs)
    return record


def _flag_values(record: Record, kwargs: dict[str, Any]) -> None:
    """Flag unknown ports, vessel event kinds and declaration directions; keep them."""
    flag_unknown_ports(record)
    event = kwargs.get("event")
    if record.type == "vessel_event" and event not in VESSEL_EVENTS:
        record.flags.append(f"unknown_event:{event}")
    direction = kwargs.get("direction")
    if record.type == "customs_declaration" and direction not in DIRECTIONS:
        record.flags.append(f"unknown_direction:{direction}")


def _compact(obj: Any) -> Any:
    """A party, goods line or vessel as a dict without empty values, extras merged."""
    if isinstance(obj, Party | Vessel | GoodsLine):
        out = {k: _compact(getattr(obj, k)) for k in obj.__slots__ if k != "extra"}
        out = {k: v for k, v in out.items() if not _is_empty(v)}
        out.update(obj.extra or {})
        return out
    if isinstance(obj, list):
        return [_compact(item) for item in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def record_to_dict(record: Record) -> dict[str, Any]:
    """The format dictionary of a record: common fields first, empty fields left out."""
    out: dict[str, Any] = {"id": record.id, "type": record.type}
    if record.date is not None:
        out["date"] = record.date.isoformat()
    if record.source:
        out["source"] = record.source
    if record.refs:
        out["refs"] = dict(record.refs)
    for key in FIELD_KINDS[record.type]:
        value = _compact(getattr(record, attribute_of(key)))
        if not _is_empty(value):
            out[key] = value
    out.update(record.extra)
    return out
