"""An experiment's tables as pandas DataFrames, with one type per column whatever the values.

The column kinds are the ones ``gigsim batch`` declares in its manifest
(``float``, ``int``, ``str``, ``bool``): whole numbers as pandas' nullable
``Int64``, decimals as ``float64``, text as ``string``, so that an empty cell
(no rating yet, no order) is a missing value, never a 0, and two
experiments' frames concatenate with the same types. The analyst API
(``gigsim.batch``, ``gigsim.load_experiment``) and ``--format parquet``
read the CSV tables through here.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

PANDAS_TYPES = {"float": "float64", "int": "Int64", "str": "string", "bool": "boolean"}


def typed(rows: Iterable[Mapping[str, Any]], kinds: Mapping[str, str]) -> pd.DataFrame:
    """A frame of ``rows`` with exactly the columns of ``kinds``, in order, each of its kind."""
    frame = pd.DataFrame.from_records(list(rows), columns=list(kinds))
    return frame.astype({c: PANDAS_TYPES[k] for c, k in kinds.items()})


def read_csv(source: str | Path, kinds: Mapping[str, str]) -> pd.DataFrame:
    """A CSV file (or its text) as ``gigsim batch`` writes it, read with the declared kinds."""
    data: Any = io.StringIO(source) if isinstance(source, str) else source
    frame = pd.read_csv(
        data,
        dtype={c: PANDAS_TYPES[k] for c, k in kinds.items() if k != "bool"},
        keep_default_na=False,
        na_values={c: [""] for c in kinds},
        true_values=["true"],
        false_values=["false"],
    )
    bools = {c: "boolean" for c, k in kinds.items() if k == "bool" and c in frame}
    return frame.astype(bools) if bools else frame


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as a Parquet file's bytes (pyarrow, the ``[parquet]`` extra), without its index."""
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False, engine="pyarrow")
    return buf.getvalue()
