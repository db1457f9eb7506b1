"""Named random streams spawned from one run seed.

Each source of randomness (arrivals per category, choices, work hours,
reviews, disputes, each policy, …) draws from its own stream, so that a
change to one decision or parameter does not shift the draws of the others:
common random numbers across scenarios and sweep points. Streams are derived
from the seed and the stream's name only, never from creation order.
"""

from __future__ import annotations

import math
import random
import zlib

import numpy as np


class Streams:
    """A family of independent ``random.Random`` streams keyed by name."""

    def __init__(self, seed: int) -> None:
        self.seed = int(seed)
        self._streams: dict[str, random.Random] = {}

    def get(self, name: str) -> random.Random:
        stream = self._streams.get(name)
        if stream is None:
            key = zlib.crc32(name.encode("utf-8"))
            state = np.random.SeedSequence(self.seed, spawn_key=(key,)).generate_state(4)
            stream = random.Random(int.from_bytes(state.tobytes(), "little"))
            self._streams[name] = stream
        return stream


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw from ``rng`` (normal approximation for large means)."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
