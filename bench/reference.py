"""A named reference in the same run: Rasa's own starter bot (``rasa init``), with its REST channel.

The figures of Voordeur are then ratios to a bot that runs on the same machine at the same time,
which holds when other work loads the machine. The starter bot is trained once per Rasa version
into ``var/bench/starter-rasa-<version>`` (``rasa init --no-prompt``, its default configuration;
nothing is downloaded) and reused by later runs.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from contextlib import AbstractContextManager as ContextManager
from pathlib import Path

from bench.stats import Summary
from tests.services import Service, running

REPO = Path(__file__).resolve().parents[1]
RASA_BIN = REPO / ".venv-rasa" / "bin"
CACHE = REPO / "var" / "bench"

# One conversation with the starter bot, in its own (English) sentences from ``data/nlu.yml``;
# thirteen messages, as long as Voordeur's (bench/conversation.py). Its paths: greet, then a
# mood, and after "sad" the bot asks whether that helped.
STARTER_CONVERSATION: tuple[str, ...] = (
    "hello",
    "I am great",
    "bye",
    "hi",
    "I am sad",
    "yes",
    "hey there",
    "very sad",
    "no",
    "goodbye",
    "are you a bot?",
    "good morning",
    "perfect",
)


def rasa_version() -> str:
    """The version of the Rasa in ``.venv-rasa``."""
    command = [str(RASA_BIN / "python"), "-c", "import rasa; print(rasa.__version__)"]
    done = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    return done.stdout.strip()


def starter_model(cache: Path = CACHE) -> Path:
    """The trained starter bot of this Rasa version; made (and trained) on first use."""
    project = cache / f"starter-rasa-{rasa_version()}"
    models = sorted((project / "models").glob("*.tar.gz"))
    if not models:
        project.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 (our own Rasa, fixed arguments)
            ["nice", "-n", "10", str(RASA_BIN / "rasa"), "init", "--no-prompt"]
            + ["--init-dir", str(project)],
            check=True,
            env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        )
        models = sorted((project / "models").glob("*.tar.gz"))
    (project / "bench-credentials.yml").write_text("rest:\n", encoding="utf-8")
    return models[-1]


def starter_server(port: int, log_dir: Path) -> ContextManager[Service]:
    """Rasa's starter bot on 127.0.0.1:``port``: REST channel, in-memory tracker store."""
    model = starter_model()
    project = model.parent.parent
    command = [str(RASA_BIN / "rasa"), "run", "--model", str(model), "--interface", "127.0.0.1"]
    command += ["--port", str(port), "--credentials", str(project / "bench-credentials.yml")]
    command += ["--endpoints", str(project / "endpoints.yml")]
    env = {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}
    return running(
        "starter",
        command,
        port=port,
        env=env,
        log_dir=log_dir,
        cwd=project,
        health_path="/",
        timeout=240,
    )


def _ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}" if theirs else "n/a"


def ratio_table(rows: Sequence[tuple[str, Summary, Summary]]) -> list[str]:
    """Markdown rows of Voordeur against the reference: (label, Voordeur, reference) each.

    Latency ratios above 1 and a capacity ratio below 1 mean Voordeur is slower.
    """
    lines = [
        "| load | p50 ms (ratio) | p95 ms (ratio) | p99 ms (ratio) | messages/s (ratio) |",
        "|---|---|---|---|---|",
    ]
    for label, ours, theirs in rows:
        cells = [
            f"{getattr(ours, name):.0f} / {getattr(theirs, name):.0f} "
            f"({_ratio(getattr(ours, name), getattr(theirs, name))})"
            for name in ("p50_ms", "p95_ms", "p99_ms")
        ]
        cells.append(f"{ours.rate:.1f} / {theirs.rate:.1f} ({_ratio(ours.rate, theirs.rate)})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines
