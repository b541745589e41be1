"""An intent prior from the *frozen* base encoder: a linear classifier on its sentence embeddings.

all-MiniLM-L6-v2 was trained on about a billion sentence pairs to place paraphrases close together.
Fine-tuning on HWU64 trades some of that for HWU64's own phrasing. ``distil-nlu --embed-prior W``
mixes this prior into the teacher's intent soft targets, so the student also learns which intents a
sentence's meaning is near, as the untouched encoder sees it. The device never runs the prior: it
exists only while distilling (toolchain only, torch).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

SCALE = 20.0
"""Cosine logits are multiplied by this before the softmax (embeddings are unit length)."""


def embed(id_lists: list[list[int]], batch: int = 128, device=None) -> torch.Tensor:
    """(N, 384) unit-length masked means of the base encoder's last hidden states, float32."""
    from transformers import BertModel

    from .nlu_model import base_model_dir
    enc = BertModel.from_pretrained(str(base_model_dir()), add_pooling_layer=False).eval().to(device)
    out = []
    for k in range(0, len(id_lists), batch):
        chunk = id_lists[k:k + batch]
        n = max(len(x) for x in chunk)
        ids = torch.tensor([x + [0] * (n - len(x)) for x in chunk], device=device)
        mask = (ids != 0).long()
        with torch.no_grad():
            h = enc(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
        m = mask.unsqueeze(-1).float()
        out.append(F.normalize((h * m).sum(1) / m.sum(1), dim=-1).cpu())
    return torch.cat(out)


def fit(emb: torch.Tensor, labels: list[int], n_classes: int, l2: float = 1e-4,
        iters: int = 300) -> tuple[torch.Tensor, torch.Tensor]:
    """Multinomial logistic regression (L-BFGS) on (N, D) embeddings → weights (D, C), bias (C,)."""
    torch.manual_seed(0)
    y = torch.tensor(labels)
    w = torch.zeros(emb.shape[1], n_classes, requires_grad=True)
    b = torch.zeros(n_classes, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=iters)

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(emb @ w * SCALE + b, y) + l2 * (w ** 2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return w.detach(), b.detach()


def log_probs(emb: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """(N, C) log-probabilities of the prior."""
    return F.log_softmax(emb @ w * SCALE + b, -1)


def mix(teacher_logits: torch.Tensor, prior_logp: torch.Tensor, weight: float) -> torch.Tensor:
    """A log-linear mixture, usable as logits: (1 - weight) of the teacher, ``weight`` of the prior."""
    return (1 - weight) * F.log_softmax(teacher_logits.float(), -1) + weight * prior_logp
