"""A custom component's trained scikit-learn objects, kept in Rasa's model archive with skops."""

from __future__ import annotations

from typing import Any

from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


def save(model_storage: ModelStorage, resource: Resource, filename: str, trained: Any) -> None:
    import skops.io as sio

    with model_storage.write_to(resource) as model_dir:
        sio.dump(trained, model_dir / filename)


def load(model_storage: ModelStorage, resource: Resource, filename: str) -> Any:
    import skops.io as sio

    with model_storage.read_from(resource) as model_dir:
        path = model_dir / filename
        # The file is the component's own training output, inside the model archive.
        return sio.load(path, trusted=sio.get_untrusted_types(file=path))
