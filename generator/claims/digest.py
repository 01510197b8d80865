"""Stable digests of what a claim's matching reads, so that a build can keep its findings.

``repr`` will not do: a frozenset prints in an order that changes with every process. ``stable``
writes a value (dataclasses, tuples, sets, dicts, patterns and plain values) the same way in every
process, sets sorted; ``digest`` hashes the writings of several values.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re


def stable(value) -> str:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return type(value).__name__ + "(" + ",".join(stable(getattr(value, f.name)) for f in dataclasses.fields(value)) + ")"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(map(stable, value))) + "}"
    if isinstance(value, (tuple, list)):
        return "(" + ",".join(map(stable, value)) + ")"
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{stable(k)}:{stable(v)}" for k, v in value.items())) + "}"
    if isinstance(value, re.Pattern):
        return f"re({value.pattern!r},{value.flags})"
    return repr(value)


def digest(*values) -> str:
    parts = hashlib.sha256()
    for value in values:
        data = (value if isinstance(value, str) else stable(value)).encode("utf-8")
        parts.update(len(data).to_bytes(8, "big") + data)
    return parts.hexdigest()[:32]
