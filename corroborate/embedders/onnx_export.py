"""Export a sentence-transformers MiniLM-style model to ONNX, then quantise it to int8.

The graph takes ``input_ids``, ``attention_mask`` and ``token_type_ids`` (int64, batch by
tokens) and returns ``embeddings`` (float32, batch by dimension): the transformer, mean pooling
over the attention mask and L2 normalisation all run inside it, so inference needs only
onnxruntime and a tokenizer. Exporting needs torch and transformers (set-up time only);
nothing on the ingest or query path imports this module.

Reproduce the shipped file with ``python -m corroborate.embedders.onnx_export``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

OPSET = 17
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
# Which MatMuls stay float32 (substrings of node names). Quantising every one per channel puts
# the worst cosine to float32 at 0.967 on 3,000 ECB+ sentences; the attention-output
# projections and the first layers' feed-forward down-projections are the sensitive ones. The
# down-projections of layers 3-5 are quantised too: worst case 0.977 on ECB+ and 0.981 on
# STS-B dev (mean 0.995), at 1.17x the sentences/s of keeping every attention-output and
# down-projection float. Quantising more (layers 1-2, or the attention outputs) was faster
# still (up to 1.45x) but left under 0.005 of margin to the 0.97 floor on those sentences and
# fell below it on STS-B test. Chosen on STS-B dev and ECB+ sentences; benchmarks/RESULTS.md.
DEFAULT_KEEP_FLOAT: tuple[str, ...] = (
    "/attention/output/dense/",
    "layer.0/output/dense/",
    "layer.1/output/dense/",
    "layer.2/output/dense/",
)


def recipe(tokens: bool = False) -> str:
    """The export recipe, as recorded in cached file names: a new recipe is a new graph.
    ``tokens``: the graph of unit token states (:func:`export_float`)."""
    base = f"opset{OPSET}|int8-matmul-per-channel|keep:{','.join(DEFAULT_KEEP_FLOAT)}"
    return f"{base}|tokens" if tokens else base


def export_float(
    location: str, target: Path, *, max_tokens: int = 256, tokens: bool = False
) -> None:
    """Write the float32 graph (model + mean pooling + normalisation) of ``location``; with
    ``tokens``, the graph returning ``token_states`` instead (batch by tokens by dimension,
    each token's last hidden state as a unit vector: what word alignment reads)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(location)
    model = AutoModel.from_pretrained(location).eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor,
        ) -> torch.Tensor:
            states = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            if tokens:
                return torch.nn.functional.normalize(states, p=2.0, dim=2)
            mask = attention_mask.unsqueeze(-1).to(states.dtype)
            summed = (states * mask).sum(dim=1)
            pooled = summed / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    sample = tokenizer(
        ["a sentence to trace the graph", "and a second, longer one to give it a batch"],
        padding=True,
        truncation=True,
        max_length=max_tokens,
        return_tensors="pt",
    )
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS}
    output = "token_states" if tokens else "embeddings"
    axes[output] = {0: "batch", 1: "tokens"} if tokens else {0: "batch"}
    with torch.no_grad():
        torch.onnx.export(
            Pooled(),
            tuple(sample[name] for name in INPUTS),
            str(target),
            input_names=list(INPUTS),
            output_names=[output],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )


def quantise(source: Path, target: Path, keep_float: Sequence[str] = DEFAULT_KEEP_FLOAT) -> None:
    """Dynamic int8 quantisation of the MatMuls (per channel), except nodes named in
    ``keep_float`` (substrings of node names)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source)).graph
    excluded = [node.name for node in graph.node if any(part in node.name for part in keep_float)]
    quantize_dynamic(
        str(source),
        str(target),
        per_channel=True,
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul"],
        nodes_to_exclude=excluded,
    )


def export_int8(
    location: str,
    target: Path,
    keep_float: Sequence[str] = DEFAULT_KEEP_FLOAT,
    *,
    tokens: bool = False,
) -> Path:
    """Export ``location`` and write its int8 graph to ``target`` (atomically: two processes
    exporting at once each write their own file, and the last rename wins)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        fp32 = Path(scratch) / "model.onnx"
        export_float(location, fp32, tokens=tokens)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        quantise(fp32, partial, keep_float)
        partial.replace(target)
    return target


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: export the packaged MiniLM (or ``--model DIR``) to ``--out``."""
    from corroborate.embedders.factory import resolve_model
    from corroborate.embedders.onnx_model import cached_graph

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="all-MiniLM-L6-v2", help="model spec or directory")
    parser.add_argument("--out", type=Path, help="int8 .onnx to write (default: the cache)")
    parser.add_argument("--fp32", type=Path, help="also keep the float32 graph here")
    parser.add_argument(
        "--keep-float", nargs="*", default=list(DEFAULT_KEEP_FLOAT), help="node name parts"
    )
    parser.add_argument("--tokens", action="store_true", help="the graph of token states")
    args = parser.parse_args(argv)
    identity, location = resolve_model(args.model)
    args.out = args.out or cached_graph(identity, tokens=args.tokens)
    if args.fp32:
        export_float(location, args.fp32, tokens=args.tokens)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        quantise(args.fp32, args.out, args.keep_float)
    else:
        export_int8(location, args.out, args.keep_float, tokens=args.tokens)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
