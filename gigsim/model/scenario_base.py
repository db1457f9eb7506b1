"""The base of every scenario section and the value types they share.

Split from ``gigsim.model.scenario``, which puts the sections together and
re-exports every name. Must not import SimPy, the engine or Textual.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
Money = Annotated[int, Field(ge=0)]
PositiveHours = Annotated[float, Field(gt=0.0)]
NonNegHours = Annotated[float, Field(ge=0.0)]


class Frozen(BaseModel):
    """Base for every scenario section: immutable, no unknown keys."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", use_attribute_docstrings=True, validate_default=True
    )
