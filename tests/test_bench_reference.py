"""The benchmark's pure parts: the ratio table against the reference bot, the endpoints file."""

from __future__ import annotations

from pathlib import Path

import yaml

from bench.chat_load import deployed_endpoints, long_report
from bench.reference import ratio_table
from bench.stats import Summary


def test_ratio_table_divides_voordeur_by_the_reference() -> None:
    voordeur = Summary(count=300, errors=0, seconds=30, p50_ms=70, p95_ms=300, p99_ms=500)
    reference = Summary(count=600, errors=0, seconds=30, p50_ms=35, p95_ms=100, p99_ms=125)

    header, rule, row = ratio_table([("closed loop, Voordeur", voordeur, reference)])

    assert header.startswith("| load | p50 ms (ratio)")
    assert rule == "|---|---|---|---|---|"
    assert row == (
        "| closed loop, Voordeur | 70 / 35 (2.00) | 300 / 100 (3.00) | 500 / 125 (4.00) "
        "| 10.0 / 20.0 (0.50) |"
    )


def test_ratio_table_without_reference_figures_says_so() -> None:
    voordeur = Summary(count=10, errors=0, seconds=10, p50_ms=50, p95_ms=60, p99_ms=70)
    empty = Summary(count=0, errors=3, seconds=10, p50_ms=0, p95_ms=0, p99_ms=0)

    row = ratio_table([("typing", voordeur, empty)])[2]

    assert row.count("(n/a)") == 4


def test_deployed_endpoints_add_broker_and_idle_expiry(tmp_path: Path) -> None:
    path = Path(deployed_endpoints("endpoints.yml", "batching", tmp_path, 30))
    text = path.read_text(encoding="utf-8")
    endpoints = yaml.safe_load(text)

    assert endpoints["tracker_store"]["idle_seconds"] == 30
    assert endpoints["event_broker"]["type"] == "voordeur_event_broker.BatchingSQLEventBroker"
    # Rasa expands ${...} only in plain (unquoted) scalars.
    assert "url: ${ACTION_ENDPOINT_URL}" in text


def test_long_report_gives_latency_and_cpu_ratios() -> None:
    latencies = [[0.02] * 10 + [0.05] * 10 + [0.03] * 10]
    cpu = [[0.010] * 10 + [0.0] * 10 + [0.012] * 10]

    lines = long_report(latencies, cpu)

    assert "at turns 1-10: 20 ms; at turns 21-30: 30 ms; ratio 1.50" in lines[2]
    assert "at turns 1-10: 10 ms; at turns 21-30: 12 ms; ratio 1.20" in lines[3]
    assert len(long_report(latencies)) == 3  # without CPU figures, no CPU line
