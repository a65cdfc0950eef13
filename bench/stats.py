"""Latency statistics for the benchmarks."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """Latencies in milliseconds and the rate over a measured period."""

    count: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def rate(self) -> float:
        """Successful requests per second."""
        return self.count / self.seconds if self.seconds else 0.0

    def row(self, label: str) -> str:
        """One Markdown table row: label, count, errors, p50, p95, p99, rate."""
        return (
            f"| {label} | {self.count} | {self.errors} | {self.p50_ms:.0f} | {self.p95_ms:.0f} "
            f"| {self.p99_ms:.0f} | {self.rate:.1f} |"
        )


TABLE_HEADER = (
    "| load | messages | errors | p50 ms | p95 ms | p99 ms | messages/s |\n"
    "|---|---|---|---|---|---|---|"
)


def summarise(latencies_s: list[float], errors: int, seconds: float) -> Summary:
    """Percentiles (nearest-rank on 100 quantiles) of a list of latencies in seconds."""
    if len(latencies_s) < 2:
        value = latencies_s[0] * 1000 if latencies_s else 0.0
        return Summary(len(latencies_s), errors, seconds, value, value, value)
    cuts = statistics.quantiles([x * 1000 for x in latencies_s], n=100, method="inclusive")
    return Summary(len(latencies_s), errors, seconds, cuts[49], cuts[94], cuts[98])
