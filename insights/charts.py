"""Geometry for the server-rendered SVG bar charts (the template draws them, escaped)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
BAR_AREA = 150
LABEL_SPACE = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    """A vertical bar chart; ``show_every`` thins out the axis labels when bars are many."""

    title: str
    bars: list[Bar]
    width: int
    height: int
    baseline: float
    show_every: int
    label_chars: int


def bar_chart(title: str, values: list[tuple[str, float]]) -> Chart:
    """Bars for ``values`` scaled to the largest one."""
    largest = max((value for _, value in values), default=0) or 1
    slot = WIDTH / max(len(values), 1)
    gap = min(slot * 0.2, 8)
    bars = [
        Bar(
            label=label,
            value=value,
            x=index * slot + gap / 2,
            y=10 + BAR_AREA - value / largest * BAR_AREA,
            width=slot - gap,
            height=value / largest * BAR_AREA,
        )
        for index, (label, value) in enumerate(values)
    ]
    show_every = max(1, round(len(values) / 14))
    return Chart(
        title=title,
        bars=bars,
        width=WIDTH,
        height=10 + BAR_AREA + LABEL_SPACE,
        baseline=10 + BAR_AREA,
        show_every=show_every,
        label_chars=max(3, int(slot * show_every / 6.5)),
    )
