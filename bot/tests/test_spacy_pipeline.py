"""The Dutch spaCy pipeline (voordeur_nlu/spacy_pipeline.py) is installed and gives lemmas."""

from __future__ import annotations

from pathlib import Path

import spacy
import yaml
from voordeur_nlu.spacy_pipeline import PACKAGE

CONFIG = Path(__file__).resolve().parent.parent / "config.yml"


def test_rasa_loads_the_installed_pipeline_by_name() -> None:
    pipeline = yaml.safe_load(CONFIG.read_text("utf-8"))["pipeline"]
    spacy_nlp = next(step for step in pipeline if step["name"] == "SpacyNLP")
    assert spacy_nlp["model"] == PACKAGE
    assert spacy.util.is_package(PACKAGE), "scripts/install.sh builds and installs it"


def test_the_pipeline_gives_dutch_lemmas_without_a_downloaded_model() -> None:
    nlp = spacy.load(PACKAGE)
    lemmas = [token.lemma_ for token in nlp("de deurwaarders kregen schulden")]
    assert lemmas == ["de", "deurwaarder", "krijgen", "schuld"]
    assert nlp.lang == "nl" and not nlp.vocab.vectors.shape[0]
