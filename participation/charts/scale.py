"""Mapping figures to positions: a linear scale over a domain rounded out to readable ticks."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


def nice_step(span: float, ticks: int) -> float:
    """A step of 1, 2 or 5 times a power of ten that divides ``span`` into about ``ticks`` parts."""
    raw = span / max(ticks, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


@dataclass(frozen=True)
class LinearScale:
    """``low``..``high`` of the figures onto ``start``..``end`` of the drawing (``end`` may be below ``start``)."""

    low: float
    high: float
    start: float
    end: float
    step: float

    @classmethod
    def covering(
        cls,
        values: Iterable[float],
        start: float,
        end: float,
        *,
        ticks: int = 4,
        from_zero: bool = False,
        whole: bool = False,
    ) -> LinearScale:
        """A scale whose rounded domain holds every value (and 0 with ``from_zero``); ``whole`` for counts, whose
        ticks are whole numbers."""
        figures = list(values)
        low = min(figures, default=0.0)
        high = max(figures, default=1.0)
        if from_zero:
            low, high = min(low, 0.0), max(high, 0.0)
        if high - low < 1e-9:
            low, high = (low - 1, high + 1) if not from_zero else (0.0, max(high, 1.0))
        step = nice_step(high - low, ticks)
        if whole:
            step = max(step, 1.0)
        return cls(math.floor(low / step) * step, math.ceil(high / step) * step, start, end, step)

    def __call__(self, value: float) -> float:
        return self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start)

    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [self.low + i * self.step for i in range(count + 1)]
