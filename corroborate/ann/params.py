"""Index parameters as recorded in the manifest: defaults, overrides and validation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from corroborate.errors import CorroborateError


def merge_params(
    kind: str, defaults: Mapping[str, int], given: Mapping[str, Any]
) -> dict[str, int]:
    """``defaults`` overridden by ``given``; every value must be a positive integer.

    Keys FAISS does not use for ``kind`` (such as ``metric``) are refused, so a typo in a
    manifest or on the command line is not silently ignored.
    """
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        known = ", ".join(sorted(defaults))
        raise CorroborateError(f"unknown {kind} parameters {unknown}; known: {known}")
    merged = dict(defaults)
    for key, value in given.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise CorroborateError(
                f"{kind} parameter {key} must be a positive integer, not {value!r}"
            )
        merged[key] = value
    return merged
