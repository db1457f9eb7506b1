"""Python values as the command line's texts: ``--set key=value``, ``--sweep``, ``--range``.

The analyst API takes plain Python values (``{"player.hours.weekday": 2.5}``)
and hands them to the same parsers as the command line, so that a value is
checked, and refused, exactly as ``--set`` would be.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from gigsim.errors import BadInput


def yaml_text(value: Any, source: str = "overrides", key: str | None = None) -> str:
    """``value`` as YAML text that reads back as the same value (JSON is YAML)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BadInput(source, key, f"must be a finite number (got {value!r})")
        text = repr(value)
        # YAML 1.1 reads 1e-05 as a word: give the mantissa a point (1.0e-05)
        if "e" in text and "." not in text:
            mantissa, _, exponent = text.partition("e")
            text = f"{mantissa}.0e{exponent}"
        return text
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise BadInput(source, key, f"cannot be written as a scenario value: {e}") from None


def checked_seed(seed: Any) -> int:
    """``seed`` if it is a whole number >= 0 (as ``--seed`` requires); ``True`` or ``7.0`` are refused."""
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise BadInput("seed", None, f"must be a whole number >= 0 (got {seed!r})")
    return seed


def set_items(overrides: Mapping[str, Any] | None) -> list[str]:
    """``{"a.b": 2}`` → ``["a.b=2"]`` (the form of ``--set``)."""
    if overrides is not None and not isinstance(overrides, Mapping):
        raise BadInput(
            "overrides", None, f"expected a mapping of keys to values (got {overrides!r})"
        )
    return [f"{key}={yaml_text(v, '--set', key)}" for key, v in (overrides or {}).items()]


def sweep_items(sweep: Mapping[str, Iterable[Any]] | None) -> list[str]:
    """``{"a.b": [1, 2]}`` → ``["a.b=1,2"]`` (the form of ``--sweep``)."""
    out = []
    for key, values in (sweep or {}).items():
        if isinstance(values, str | bytes) or not isinstance(values, Iterable):
            raise BadInput("sweep", key, f"expected a list of values (got {values!r})")
        texts = [yaml_text(v, "sweep", key) for v in values]
        if not texts or any("," in t for t in texts):
            raise BadInput("sweep", key, "expected one or more single values without commas")
        out.append(f"{key}={','.join(texts)}")
    return out


def range_items(ranges: Mapping[str, tuple[float, float]] | None) -> list[str]:
    """``{"a.b": (1, 3)}`` → ``["a.b=1:3"]`` (the form of ``--range``)."""
    out = []
    for key, bounds in (ranges or {}).items():
        try:
            low, high = bounds
        except (TypeError, ValueError):
            raise BadInput("ranges", key, f"expected (low, high) (got {bounds!r})") from None
        out.append(f"{key}={yaml_text(low, 'ranges', key)}:{yaml_text(high, 'ranges', key)}")
    return out
