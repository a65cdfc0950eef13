"""Build and install the Dutch spaCy pipeline that Rasa's SpacyNLP loads (``config.yml``).

spaCy has no Dutch model on these machines and nothing may be downloaded at run time, so the
pipeline is made from packaged data: ``spacy.blank("nl")`` (spaCy's own Dutch tokenizer rules)
with a lookup lemmatizer whose table comes from the ``spacy-lookups-data`` package ("schulden"
-> "schuld", "kregen" -> "krijgen", "deurwaarders" -> "deurwaarder"). It is installed as the
Python package ``nl_voordeur_lemmas`` in the Rasa environment, so Rasa, the tests and the
evaluation load it by name from any folder. ``scripts/install.sh`` runs this module.

Usage: ``.venv-rasa/bin/python bot/voordeur_nlu/spacy_pipeline.py``
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

LANGUAGE = "nl"
NAME = "voordeur_lemmas"
VERSION = "1.0.0"
PACKAGE = f"{LANGUAGE}_{NAME}"


def build(directory: Path) -> Path:
    """Write the blank Dutch pipeline with its lemma lookup table to ``directory``."""
    import spacy

    nlp = spacy.blank(LANGUAGE)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup table from spacy-lookups-data
    nlp.meta.update(
        {
            "name": NAME,
            "version": VERSION,
            "description": "Dutch tokenizer and lookup lemmatizer for Voordeur (no vectors)",
        }
    )
    nlp.to_disk(directory)
    return directory


def install() -> None:
    """Build the pipeline, package it and install it into this Python environment."""
    from spacy.cli.package import package

    with tempfile.TemporaryDirectory() as work:
        pipeline = build(Path(work) / "pipeline")
        output = Path(work) / "package"
        output.mkdir()
        package(
            pipeline,
            output,
            name=NAME,
            version=VERSION,
            create_sdist=False,
            create_wheel=False,
            force=True,
            silent=True,
        )
        # A fixed command line: this interpreter's pip and a folder made just above.
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
            + ["--no-deps", "--no-build-isolation", "--force-reinstall"]
            + [str(output / f"{PACKAGE}-{VERSION}")],
            check=True,
        )


if __name__ == "__main__":
    install()
    print(f"Installed the spaCy pipeline {PACKAGE} {VERSION}")
