"""Understanding benchmark: the shipped int8 ONNX model against its fp32 PyTorch original.

    python bench/nlu.py [--latency-n 500] [--out bench/results/nlu.md]

Side by side in one run, on the same sentences:
- the shipped model (``models/nlu/model.onnx``, int8, ONNX Runtime, what the device runs);
- the fp32 PyTorch checkpoint it was exported from (``runs/nlu/<variant>``, toolchain only; when it
  is absent, only the int8 column is measured).

Accuracy (the model's raw argmax, no out-of-scope threshold): HWU64 test intent accuracy, SST-3
test accuracy and accuracy on its positive/negative sentences alone (argmax over those two
logits), slot F1 (span-exact) on the annotated HWU64 testset; evaluation only, never tuned on:
SLURP test intent accuracy over its sentences whose intent is one of HWU64's, TweetEval sentiment
test macro-recall. Latency: one utterance at a time, tokenizer included, one thread, p50/p95 over
HWU64 test sentences, plus the full ``understand()`` path (cleaning, slots, value normalisation).
Targets: HWU64 >= 91 %, SST-3 >= 70 %, pos/neg >= 88 %, int8 within 1 point of fp32 on every head,
int8 file <= 25 MB, p50 <= 2 ms and >= 3x faster than fp32 PyTorch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from assistant import nlu  # noqa: E402
from quantize import export_nlu as X  # noqa: E402
from quantize import nlu_data as D  # noqa: E402
from quantize.train_nlu import slot_prf  # noqa: E402


def torch_logits(model, tok, texts, batch_size=64):
    """Same contract as export_nlu.onnx_logits, with the PyTorch model."""
    import torch
    encs = tok.encode_batch(texts)
    order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
    li, ls, lt = [None] * len(texts), [None] * len(texts), [None] * len(texts)
    with torch.no_grad():
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            T = max(len(encs[i].ids) for i in idx)
            ids = torch.zeros(len(idx), T, dtype=torch.long)
            mask = torch.zeros(len(idx), T, dtype=torch.long)
            for j, i in enumerate(idx):
                ids[j, :len(encs[i].ids)] = torch.tensor(encs[i].ids)
                mask[j, :len(encs[i].ids)] = 1
            a, s, t = model(ids, mask)
            for j, i in enumerate(idx):
                li[i], ls[i], lt[i] = a[j].numpy(), s[j].numpy(), t[j, :len(encs[i].ids)].numpy()
    return np.stack(li), np.stack(ls), lt, encs


def measure(logits, labels: dict, sets: dict) -> dict:
    ii = {x: i for i, x in enumerate(labels["intents"])}
    out = {}
    li, *_ = logits(sets["hwu"][0])
    out["HWU64 test intent acc"] = float(np.mean(li.argmax(-1) == np.array([ii[y] for y in sets["hwu"][1]])))
    _, ls, *_ = logits(sets["sst"][0])
    y = np.array(sets["sst"][1])
    out["SST-3 test acc"] = float(np.mean(ls.argmax(-1) == y))
    pn = y != 1
    out["SST-3 pos/neg acc"] = float(np.mean(np.where(ls[pn, 0] >= ls[pn, 2], 0, 2) == y[pn]))
    li, *_ = logits(sets["slurp"][0])
    ok = li.argmax(-1) == np.array([ii[y] for y in sets["slurp"][1]])
    out["SLURP test acc (HWU64 intents)"] = float(np.mean(ok))
    # HWU64 and SLURP come from one collection: a third of these are HWU64 train sentences
    train = {t for t, _ in D.hwu64("train")}
    new = np.array([D.norm(t) not in train for t in sets["slurp"][0]])
    out[f"SLURP test acc, the {new.sum()} not in HWU64 train"] = float(np.mean(ok[new]))
    _, ls, *_ = logits(sets["tweet"][0])
    p, y = ls.argmax(-1), np.array(sets["tweet"][1])
    out["TweetEval test macro-recall"] = float(np.mean([np.mean(p[y == c] == c) for c in range(3)]))
    texts, gold = sets["slots"]
    _, _, lt, encs = logits(texts)
    pred = [nlu.decode_spans(t.argmax(-1), e.offsets, e.special_tokens_mask, labels["tags"], x)
            for t, e, x in zip(lt, encs, texts)]
    out["slot F1 (annotated testset)"] = slot_prf(gold, pred)["_all"][2]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=nlu.DEFAULT_DIR)
    ap.add_argument("--checkpoint", type=Path, default=None,
                    help="fp32 PyTorch checkpoint (default: the card's checkpoint, else runs/nlu/<variant>)")
    ap.add_argument("--latency-n", type=int, default=500)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "nlu.md")
    args = ap.parse_args()

    clf = nlu.OnnxClassifier(args.model, threads=1)
    labels = json.loads((args.model / "labels.json").read_text())
    tok = X.runtime_tokenizer()
    hwu = D.hwu64("test")
    ann = D.hwu64_annotated("testset")
    types = set(labels["slot_types"])
    sets = {"hwu": ([t for t, _ in hwu], [i for _, i in hwu]),
            "sst": tuple(map(list, zip(*D.sst3("test")))),
            "slurp": tuple(map(list, zip(*D.slurp_test(set(labels["intents"]))))),
            "tweet": tuple(map(list, zip(*D.tweeteval_test()))),
            "slots": (list(ann), [[s for s in ann[t][1] if s[0] in types] for t in ann])}
    print("int8: evaluating", file=sys.stderr)
    res = {"int8": measure(lambda t: X.onnx_logits(clf.session, tok, t), labels, sets)}
    lat_texts = sets["hwu"][0][: args.latency_n]
    lat = {"int8": X.latency_ms(X.onnx_one(clf.session, tok), lat_texts)}
    full = X.latency_ms(lambda t: clf.understand(t), lat_texts)
    card = json.loads((args.model / "card.json").read_text())
    ckpt = args.checkpoint or ROOT / card.get("checkpoint", Path("runs") / "nlu" / labels.get("variant", "teacher"))
    left = D.left_out_of_training(card)
    if (ckpt / "meta.json").is_file():
        import torch

        from quantize import nlu_model
        torch.set_num_threads(1)
        model, _ = nlu_model.load(ckpt)
        print("fp32 torch: timing", file=sys.stderr)
        lat["fp32"] = X.latency_ms(X.torch_one(model, tok), lat_texts)
        torch.set_num_threads(2)  # accuracy passes only; the timing above is at one thread
        print("fp32 torch: evaluating", file=sys.stderr)
        res["fp32"] = measure(lambda t: torch_logits(model, tok, t), labels, sets)
    else:
        print(f"no fp32 checkpoint at {ckpt}: measuring int8 only", file=sys.stderr)

    size_mb = (args.model / "model.onnx").stat().st_size / 1e6
    has = "fp32" in res
    rows = ["| metric | int8 ONNX (shipped) | fp32 PyTorch | int8 - fp32 (points) |", "|---|---|---|---|"]
    for k, v in res["int8"].items():
        f = res["fp32"][k] if has else None
        rows.append(f"| {k} | {100 * v:.2f} | {'-' if f is None else f'{100 * f:.2f}'} | "
                    f"{'-' if f is None else f'{100 * (v - f):+.2f}'} |")
    p50, p95 = lat["int8"]
    rows.append(f"| p50 ms / utterance, 1 thread | {p50:.2f} | "
                f"{lat['fp32'][0]:.2f} | speed-up {lat['fp32'][0] / p50:.1f}x |" if has else
                f"| p50 ms / utterance, 1 thread | {p50:.2f} | - | - |")
    rows.append(f"| p95 ms / utterance, 1 thread | {p95:.2f} | {lat['fp32'][1]:.2f} | |" if has else
                f"| p95 ms / utterance, 1 thread | {p95:.2f} | - | |")
    rows.append(f"| full understand() p50 / p95 ms | {full[0]:.2f} / {full[1]:.2f} | - | |")
    rows.append(f"| model file MB | {size_mb:.1f} | - | |")
    i8 = res["int8"]
    checks = [("HWU64 test >= 91 %", i8["HWU64 test intent acc"] >= 0.91),
              ("SST-3 test >= 0.70", i8["SST-3 test acc"] >= 0.70),
              ("SST-3 pos/neg >= 0.88", i8["SST-3 pos/neg acc"] >= 0.88),
              ("int8 file <= 25 MB", size_mb <= 25),
              ("p50 <= 2 ms", p50 <= 2.0)]
    if has:
        heads = ["HWU64 test intent acc", "SST-3 test acc", "SST-3 pos/neg acc", "slot F1 (annotated testset)"]
        checks.append(("int8 within 1 point of fp32 on every head",
                       all(abs(res["int8"][h] - res["fp32"][h]) <= 0.01 for h in heads)))
        checks.append((">= 3x faster than fp32 PyTorch", lat["fp32"][0] / p50 >= 3))
    text = "\n".join([
        "# Understanding benchmark", "",
        f"Command: `python bench/nlu.py --latency-n {args.latency_n}`", "",
        f"Date: {dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}; machine: "
        f"{platform.machine()}, {os.cpu_count()} CPUs (shared, noisy), Python {platform.python_version()}; "
        f"shipped variant: {labels.get('variant')} ({labels.get('n_layers')} layers); fp32 checkpoint: "
        f"{ckpt.relative_to(ROOT) if has and ckpt.is_relative_to(ROOT) else (ckpt if has else 'absent')}.", "",
        *rows, "",
        "Accuracy is the raw argmax (no out-of-scope threshold). SLURP and TweetEval are evaluation only: "
        "never trained or tuned on. HWU64 and SLURP come from one collection, and a third of SLURP's "
        "test sentences are also HWU64 train sentences word for word: "
        + (f"this model left them out of training ({left} HWU64 train sentences, its card), so every SLURP "
           "sentence is new to it; the row 'not in HWU64 train' is SLURP's own style of phrasing. "
           if left else "this model learned them, so the row 'not in HWU64 train' is the one that says how "
           "it generalises. ")
        + "Latency: one utterance at a time (tokenizer included), one thread, "
        f"the first {len(lat_texts)} HWU64 test sentences.", "",
        "Targets:", "", *[f"- [{'x' if ok else ' '}] {name}" for name, ok in checks], ""])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
