"""``python -m quantize export-nlu``: ONNX export, int8 quantization, evaluation, report, ship.

For the teacher and (when trained) the student checkpoint under runs/nlu/: export fp32 ONNX,
quantize it to int8 with onnxruntime (dynamic, per-channel weights by default; ``--static`` for
QDQ static quantization calibrated on training sentences), and write models/nlu/ with its card and
report.

Every choice is made on validation data, never on test: the weight range (7-bit ``reduce_range``
or full 8-bit; ``--weight-range auto`` keeps the one whose worst head falls least below fp32 on
HWU64 valid, SST-3 dev, the annotated valid sentences' slots and spoken HWU64 valid) and what ships
(the student if its int8 is within ``--tolerance`` points of the int8 teacher on every head, on
the same valid sets). Then every variant is evaluated on HWU64 test, SST-3 test and the annotated
slot testset and timed at one thread, for the report only; the out-of-scope threshold is fitted on
CLINC150 valid.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import time
from pathlib import Path

from assistant.paths import MODELS_DIR, REPO_ROOT

log = logging.getLogger("quantize.export_nlu")
RUNS = REPO_ROOT / "runs" / "nlu"
RUNTIME_MAX_LEN = 64


def add_parser(sub) -> None:
    p = sub.add_parser("export-nlu", help="export, quantize, evaluate and ship the understanding model",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--teacher", type=Path, default=RUNS / "teacher")
    p.add_argument("--student", type=Path, default=RUNS / "student", help="skipped when absent")
    p.add_argument("--work", type=Path, default=RUNS / "export", help="fp32/int8 ONNX files (not shipped)")
    p.add_argument("--out", type=Path, default=MODELS_DIR / "nlu")
    p.add_argument("--static", action="store_true", help="static QDQ int8 calibrated on train sentences")
    p.add_argument("--weight-range", choices=["auto", "7", "8"], default="auto",
                   help="dynamic int8 weight range: 7-bit (reduce_range), full 8-bit, or auto: the one "
                        "closer to fp32 on the valid sets, chosen per model (default: %(default)s)")
    p.add_argument("--calib", type=int, default=300, help="calibration sentences for --static")
    p.add_argument("--tolerance", type=float, default=1.0, help="points the student may lose per head")
    p.add_argument("--latency-n", type=int, default=300, help="utterances timed per variant")
    p.add_argument("--max-rejected", type=float, default=0.02,
                   help="largest share of HWU64 valid the out-of-scope threshold may turn unknown")
    p.add_argument("--valid-asr-tsv", type=Path, default=RUNS / "asr_aug" / "valid.tsv",
                   help="asr-augment TSV of HWU64 valid: spoken valid intent accuracy (skipped when absent)")
    p.add_argument("--ship", choices=["auto", "teacher", "student"], default="auto")
    p.add_argument("--limit", type=int, default=0, help="only the first N sentences of every set (smoke tests)")
    p.set_defaults(func=run)


# ---------------------------------------------------------------------------------------------
def export_onnx(model, path: Path) -> None:
    import torch
    path.parent.mkdir(parents=True, exist_ok=True)
    model.eval()
    ids = torch.tensor([[101, 2735, 2125, 1996, 4958, 102]])
    mask = torch.ones_like(ids)
    dyn = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
           "intent": {0: "batch"}, "sentiment": {0: "batch"}, "slots": {0: "batch", 1: "tokens"}}
    with torch.no_grad():
        torch.onnx.export(model, (ids, mask), str(path), input_names=["input_ids", "attention_mask"],
                          output_names=["intent", "sentiment", "slots"], dynamic_axes=dyn,
                          opset_version=17, do_constant_folding=True, dynamo=False)


def quantize(fp32: Path, out: Path, static: bool = False, calib_texts: list[str] | None = None, tok=None,
             reduce_range: bool = True) -> None:
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)  # onnxruntime's quantizer logs every tensor at INFO on the root logger
    try:
        _quantize(fp32, out, static, calib_texts, tok, reduce_range)
    finally:
        root.setLevel(level)


def _quantize(fp32: Path, out: Path, static: bool, calib_texts, tok, reduce_range: bool = True) -> None:
    from onnxruntime.quantization import QuantFormat, QuantType, quantize_dynamic, quantize_static
    if not static:
        quantize_dynamic(str(fp32), str(out), per_channel=True, reduce_range=reduce_range,
                         weight_type=QuantType.QInt8)
        return
    import numpy as np
    from onnxruntime.quantization import CalibrationDataReader

    class Reader(CalibrationDataReader):
        def __init__(self):
            self.it = iter(calib_texts or [])

        def get_next(self):
            t = next(self.it, None)
            if t is None:
                return None
            e = tok.encode(t)
            return {"input_ids": np.array([e.ids], dtype=np.int64),
                    "attention_mask": np.ones((1, len(e.ids)), dtype=np.int64)}

    quantize_static(str(fp32), str(out), Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)


def session(path: Path, threads: int = 1):
    import onnxruntime as ort
    o = ort.SessionOptions()
    o.intra_op_num_threads = threads
    o.inter_op_num_threads = 1
    o.log_severity_level = 3
    return ort.InferenceSession(str(path), o, providers=["CPUExecutionProvider"])


def runtime_tokenizer():
    from .train_nlu import load_tokenizer
    return load_tokenizer(RUNTIME_MAX_LEN)


def onnx_logits(sess, tok, texts: list[str], batch_size: int = 64):
    """(intent (N,I), sentiment (N,3), [slots (T_i,K)], encodings) in the order of texts."""
    import numpy as np
    encs = tok.encode_batch(texts)
    order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
    li, ls, lt = [None] * len(texts), [None] * len(texts), [None] * len(texts)
    for b in range(0, len(order), batch_size):
        idx = order[b:b + batch_size]
        T = max(len(encs[i].ids) for i in idx)
        ids = np.zeros((len(idx), T), np.int64)
        mask = np.zeros((len(idx), T), np.int64)
        for j, i in enumerate(idx):
            ids[j, :len(encs[i].ids)] = encs[i].ids
            mask[j, :len(encs[i].ids)] = 1
        a, s, t = sess.run(None, {"input_ids": ids, "attention_mask": mask})
        for j, i in enumerate(idx):
            li[i], ls[i], lt[i] = a[j], s[j], t[j, :len(encs[i].ids)]
    return np.stack(li), np.stack(ls), lt, encs


def macro_f1(y: list[int], p: list[int]) -> float:
    labels = sorted(set(y))
    f = []
    for c in labels:
        tp = sum(1 for a, b in zip(y, p) if a == c and b == c)
        fp = sum(1 for a, b in zip(y, p) if a != c and b == c)
        fn = sum(1 for a, b in zip(y, p) if a == c and b != c)
        f.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f) / len(f)


def _head(xs: list, limit: int) -> list:
    return xs[:limit] if limit else xs


def _sets(meta: dict, hwu: list, sst: list, ann: dict, slot_texts: list[str]) -> dict:
    ii = {x: i for i, x in enumerate(meta["intents"])}
    types = set(meta["slot_types"])
    return {"hwu_texts": [t for t, _ in hwu], "hwu_y": [ii[i] for _, i in hwu],
            "sst_texts": [t for t, _ in sst], "sst_y": [y for _, y in sst],
            "slot_texts": slot_texts,
            "slot_gold": [[s for s in ann[t][1] if s[0] in types] for t in slot_texts]}


def load_eval_sets(meta: dict, limit: int = 0) -> dict:
    """HWU64 test, SST-3 test and the annotated slot testset: reported, never chosen on."""
    from . import nlu_data as D
    ann = D.hwu64_annotated("testset")
    return _sets(meta, _head(D.hwu64("test"), limit), _head(D.sst3("test"), limit), ann,
                 _head(list(ann), limit))


def load_valid_sets(meta: dict, limit: int = 0) -> dict:
    """The sets every choice is made on: HWU64 valid (intents; slots from its sentences that the
    annotated HWU64 trainset covers) and SST-3 dev, in the same shape as ``load_eval_sets``."""
    from . import nlu_data as D
    hwu = _head(D.hwu64("valid"), limit)
    ann = D.hwu64_annotated("trainset")
    return _sets(meta, hwu, _head(D.sst3("dev"), limit), ann, [t for t, _ in hwu if t in ann])


def _label(weight_range: str) -> str:
    return weight_range if weight_range == "static" else f"{weight_range}-bit"


SELECT_HEADS = ("intent_acc", "sentiment_acc", "sentiment_posneg_acc", "slot_f1", "spoken_valid_intent_acc")


def worst_drop(int8: dict, fp32: dict) -> tuple[float, str]:
    """(points, head): the head on which ``int8`` falls furthest below ``fp32`` (valid metrics)."""
    drops = {h: 100 * (fp32[h] - int8[h]) for h in SELECT_HEADS if h in int8 and h in fp32}
    head = max(drops, key=drops.get)
    return drops[head], head


def spoken_valid(meta: dict, tsv: Path | None, limit: int = 0) -> tuple[list[str], list[int]] | None:
    """HWU64 valid as Whisper heard it (asr-augment TSV): (transcripts, intent ids), or None."""
    if tsv is None or not tsv.is_file():
        return None
    from . import nlu_data as D
    from .asr_augment import read_tsv
    ii = {x: i for i, x in enumerate(meta["intents"])}
    rows = _head(read_tsv(tsv), limit)
    return [D.norm(h) for _, _, _, h in rows], [ii[lab] for _, lab, _, _ in rows]


def evaluate_session(sess, tok, meta: dict, ev: dict) -> dict:
    """Every head's test metrics for one ONNX model (fractions, not percent)."""
    from assistant.nlu import decode_spans

    from .train_nlu import slot_prf
    li, _, _, _ = onnx_logits(sess, tok, ev["hwu_texts"])
    pi = li.argmax(-1).tolist()
    _, ls, _, _ = onnx_logits(sess, tok, ev["sst_texts"])
    ps = ls.argmax(-1).tolist()
    pn = [(y, 0 if ls[k, 0] >= ls[k, 2] else 2) for k, y in enumerate(ev["sst_y"]) if y != 1]
    _, _, lt, encs = onnx_logits(sess, tok, ev["slot_texts"])
    pred = [decode_spans(t.argmax(-1), e.offsets, e.special_tokens_mask, meta["tags"], x)
            for t, e, x in zip(lt, encs, ev["slot_texts"])]
    prf = slot_prf(ev["slot_gold"], pred)
    y = ev["hwu_y"]
    return {"intent_acc": sum(a == b for a, b in zip(pi, y)) / len(y), "intent_macro_f1": macro_f1(y, pi),
            "sentiment_acc": sum(a == b for a, b in zip(ps, ev["sst_y"])) / len(ps),
            "sentiment_macro_f1": macro_f1(ev["sst_y"], ps),
            "sentiment_posneg_acc": sum(a == b for a, b in pn) / len(pn),
            "slot_f1": prf["_all"][2], "slot_per_type": {k: v for k, v in prf.items() if k != "_all"},
            "_intent_pred": pi}


def latency_ms(fn, texts: list[str], warmup: int = 20) -> tuple[float, float]:
    """p50, p95 milliseconds of fn(text) over texts, one utterance at a time."""
    import numpy as np
    for t in texts[:warmup]:
        fn(t)
    ts = []
    for t in texts:
        a = time.perf_counter()
        fn(t)
        ts.append((time.perf_counter() - a) * 1000)
    return float(np.percentile(ts, 50)), float(np.percentile(ts, 95))


def onnx_one(sess, tok):
    import numpy as np

    def f(text):
        e = tok.encode(text)
        ids = np.array([e.ids], np.int64)
        return sess.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
    return f


def torch_one(model, tok):
    import torch

    def f(text):
        e = tok.encode(text)
        ids = torch.tensor([e.ids])
        with torch.no_grad():
            return model(ids, torch.ones_like(ids))
    return f


def fit_threshold(sess, tok, max_rejected: float, limit: int = 0, heard: list[str] | None = None) -> dict:
    """Out-of-scope threshold on the top intent probability: best balanced accuracy between
    CLINC150 oos valid and in-scope valid, capped so at most ``max_rejected`` of HWU64 valid
    (what the speaker is for) turns unknown, as text and, given ``heard`` (HWU64 valid as Whisper
    heard it), as heard: a hearing is less sure than its sentence, and hearings are what the
    speaker gets."""
    import numpy as np

    from . import nlu_data as D

    def top(texts):
        li, _, _, _ = onnx_logits(sess, tok, texts)
        z = np.exp(li - li.max(-1, keepdims=True))
        return (z / z.sum(-1, keepdims=True)).max(-1)

    oos = top(_head(D.clinc150("valid", True), limit))
    ins = top(_head(D.clinc150("valid", False), limit))
    hwu = top(_head([t for t, _ in D.hwu64("valid")], limit))
    cap = float(np.quantile(hwu, max_rejected))
    said = top(_head(heard, limit)) if heard else None
    if said is not None:
        cap = min(cap, float(np.quantile(said, max_rejected)))
    best = (0.0, 0.0)
    for t in np.unique(np.concatenate([oos, ins])):
        if t > cap:
            break
        bal = ((oos < t).mean() + (ins >= t).mean()) / 2
        if bal > best[0]:
            best = (float(bal), float(t))
    t = best[1]
    oos_test = top(_head(D.clinc150("test", True), limit))
    return {"oos_threshold": round(t, 4), "clinc_valid_balanced_acc": round(best[0], 4),
            "clinc_valid_oos_recall": round(float((oos < t).mean()), 4),
            "clinc_test_oos_recall": round(float((oos_test < t).mean()), 4),
            "hwu64_valid_rejected": round(float((hwu < t).mean()), 4),
            **({"hwu64_valid_heard_rejected": round(float((said < t).mean()), 4)} if said is not None else {}),
            "cap": round(cap, 4)}


# ---------------------------------------------------------------------------------------------
def run(args) -> int:
    import os
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from assistant.cards import write_card

    from . import nlu_data as D
    from . import nlu_model
    from .nlu_report import plots, report_md

    torch.set_num_threads(1)
    tok = runtime_tokenizer()
    variants: dict[str, dict] = {}
    latency_texts = [t for t, _ in D.hwu64("test")][: args.latency_n]
    calib = [t for t, _ in D.hwu64("train")[:: max(1, 8954 // args.calib)]][: args.calib] if args.static else None
    metas = {}
    selection: dict[str, dict] = {}  # valid metrics of every candidate: what the choices were made on
    chosen: dict[str, dict] = {}     # per model: the valid metrics (and "range") of the int8 kept
    sessions: dict[Path, object] = {}

    def sess(path: Path):
        if path not in sessions:
            sessions[path] = session(path)
        return sessions[path]
    spoken_sets: dict[str, tuple[list[str], list[int]] | None] = {}
    for name, ckpt in (("teacher", args.teacher), ("student", args.student)):
        if not (ckpt / "meta.json").is_file():
            log.info("%s: no checkpoint at %s, skipped", name, ckpt)
            continue
        model, meta = nlu_model.load(ckpt)
        metas[name] = meta
        valid = load_valid_sets(meta, args.limit)
        sv = spoken_sets[name] = spoken_valid(meta, args.valid_asr_tsv, args.limit)

        def on_valid(path: Path) -> dict:
            s = sess(path)
            m = {k: v for k, v in evaluate_session(s, tok, meta, valid).items() if not k.startswith(("_", "slot_per"))}
            if sv:
                li, _, _, _ = onnx_logits(s, tok, sv[0])
                m["spoken_valid_intent_acc"] = float((li.argmax(-1) == sv[1]).mean())
            return m

        fp32 = args.work / f"{name}.fp32.onnx"
        log.info("%s: exporting %s", name, fp32)
        export_onnx(model, fp32)
        selection[f"{name} fp32"] = on_valid(fp32)
        ranges = (["static"] if args.static else ["7", "8"] if args.weight_range == "auto"
                  else [args.weight_range])
        for r in ranges:
            path = args.work / f"{name}.int8.{r}.onnx"
            log.info("%s: quantizing (%s)", name, "static QDQ" if args.static else f"dynamic per-channel, {_label(r)} weights")
            quantize(fp32, path, args.static, calib, tok, reduce_range=(r != "8"))
            m = on_valid(path)
            m["path"], m["range"] = str(path), r
            m["drop"], m["drop_head"] = worst_drop(m, selection[f"{name} fp32"])
            selection[f"{name} int8 {_label(r)}"] = m
            log.info("%s int8 %s on valid: %s; worst drop %.2f points (%s)", name, _label(r),
                     " ".join(f"{h} {m[h]:.4f}" for h in SELECT_HEADS if h in m), m["drop"], m["drop_head"])
        # ties go to the first candidate (7-bit): closest to fp32 is the rule, not the test score
        best = min(ranges, key=lambda r: round(selection[f"{name} int8 {_label(r)}"]["drop"], 2))
        chosen[name] = selection[f"{name} int8 {_label(best)}"]
        chosen[name]["chosen"] = True
        int8 = Path(chosen[name]["path"])
        log.info("%s: %s weights chosen on valid", name, _label(best))

        ev = load_eval_sets(meta, args.limit)
        p50, p95 = latency_ms(torch_one(model, tok), latency_texts)
        variants[f"{name} fp32 torch"] = {"p50_ms": p50, "p95_ms": p95, "mb": None}
        for kind, path, on_val in (("fp32", fp32, selection[f"{name} fp32"]), ("int8", int8, chosen[name])):
            s = sess(path)
            m = evaluate_session(s, tok, meta, ev)
            if "spoken_valid_intent_acc" in on_val:
                m["spoken_valid_intent_acc"] = on_val["spoken_valid_intent_acc"]
            m["p50_ms"], m["p95_ms"] = latency_ms(onnx_one(s, tok), latency_texts)
            m["mb"] = path.stat().st_size / 1e6
            m["path"] = str(path)
            variants[f"{name} {kind}"] = m
            log.info("%s %s test: intent %.4f sentiment %.4f pos/neg %.4f slot-F1 %.4f p50 %.2f ms %.1f MB",
                     name, kind, m["intent_acc"], m["sentiment_acc"], m["sentiment_posneg_acc"],
                     m["slot_f1"], m["p50_ms"], m["mb"])
        # the torch fp32 model reached the same accuracy as its fp32 ONNX export
        for k in ("intent_acc", "sentiment_acc", "sentiment_posneg_acc", "slot_f1"):
            variants[f"{name} fp32 torch"][k] = variants[f"{name} fp32"][k]
    if "teacher int8" not in variants and not (args.ship == "student" and "student int8" in variants):
        raise SystemExit("export-nlu: no teacher checkpoint; run `python -m quantize train-nlu` first "
                         "(or ship a student with --ship student)")

    heads = ("intent_acc", "sentiment_acc", "slot_f1")
    why = "no student was trained"
    ship = "teacher"
    if "teacher int8" not in variants:
        n = len(_teachers(metas))
        why = (f"no teacher checkpoint to compare with (the student was distilled from {n} teacher"
               f"{'s' if n != 1 else ''}, not exported here)")
    elif "student int8" in variants:
        gaps = {h: 100 * (chosen["teacher"][h] - chosen["student"][h]) for h in heads}
        worst = max(gaps, key=gaps.get)
        if max(gaps.values()) <= args.tolerance:
            ship = "student"
            why = (f"on the valid sets the int8 student stays within {args.tolerance:g} point of the int8 "
                   f"teacher on every head (largest gap {gaps[worst]:+.2f} on {worst})")
        else:
            why = (f"on the valid sets the int8 student loses {gaps[worst]:.2f} points on {worst} against "
                   f"the int8 teacher (more than {args.tolerance:g})")
    if args.ship != "auto":
        spoken = {n: m.get("spoken_valid_intent_acc") for n, m in chosen.items()}
        said = (" (spoken HWU64 valid, int8: " + ", ".join(f"{n} {100 * v:.1f} %" for n, v in spoken.items())
                + ")" if all(v is not None for v in spoken.values()) else "")
        ship, why = args.ship, f"chosen with --ship {args.ship}{said}; auto rule: {why}"
    log.info("shipping the %s: %s", ship, why)

    shipped = variants[f"{ship} int8"]
    meta = metas[ship]
    said = spoken_sets.get(ship)  # HWU64 valid as heard, read above for the valid choices
    heard = said[0] if said else None
    oos = fit_threshold(sess(Path(shipped["path"])), tok, args.max_rejected, args.limit, heard)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.is_file():
            old.unlink()
    shutil.copyfile(shipped["path"], out / "model.onnx")
    tok.save(str(out / "tokenizer.json"))
    labels = {"intents": meta["intents"], "sentiments": meta["sentiments"], "tags": meta["tags"],
              "slot_types": meta["slot_types"], "max_len": RUNTIME_MAX_LEN,
              "oos_threshold": oos["oos_threshold"], "variant": ship, "n_layers": meta["n_layers"]}
    (out / "labels.json").write_text(json.dumps(labels, indent=1) + "\n")
    ev = load_eval_sets(meta, args.limit)
    plots(out, variants, ship, meta["intents"], ev["hwu_y"], shipped["_intent_pred"])
    rebuild = rebuild_command(metas, args)
    (out / "report.md").write_text(report_md(variants, ship, why, oos, metas, rebuild, args,
                                                   selection, chosen[ship]["range"]))
    metrics = {k: round(v, 4) for k, v in shipped.items() if isinstance(v, float)}
    metrics["out_of_scope"] = oos
    files = sorted(p.name for p in out.iterdir() if p.is_file() and p.name != "card.json")
    left = meta.get("left_out_as_evaluation_text", {})
    write_card(out, files, name="nlu", version=f"{ship}-{time.strftime('%Y%m%d')}", variant=ship, why=why,
               source=meta["base"], layers=meta["n_layers"],
               checkpoint=_rel(args.teacher if ship == "teacher" else args.student),
               data={"intent": "HWU64 train (intent_hwu64)"
                     + (f" less the {left['hwu64_train']} sentences that are SLURP devel/test sentences "
                        "(nlu_data.evaluation_texts)" if left.get("hwu64_train") else "")
                     + ", early stop on valid"
                     + ("; fine-tuned on those sentences spoken by the project's voices and transcribed by "
                        f"Whisper ({hearers(meta)}; asr-augment), early stop on the mean of text and spoken valid"
                        if meta.get("args", {}).get("extra_intent_tsv") not in (None, "", "None") else "")
                     + (f"; up to {meta['args']['clinc_extra']} CLINC150 train sentences of each CLINC intent "
                        "that means one of HWU64's (nlu_data.CLINC_AS_HWU64)"
                        if meta.get("args", {}).get("clinc_extra") not in (None, "", "0", "None") else ""),
                     "slots": "annotated HWU64 train sentences (intent_hwu64_original_kfold1/trainset)",
                     "sentiment": "SST-3 train (+ SST-2 GLUE-train phrases, pos/neg only), early stop on dev",
                     "out_of_scope": "threshold fit on CLINC150 valid (oos vs in-scope), capped by HWU64 valid as text and as heard",
                     "test": "HWU64 test, SST-3 test, kfold1 testset (slots)",
                     "left_out_as_evaluation_text": left},
               quantization=("static QDQ per-channel int8" if args.static else
                             "dynamic int8 (onnxruntime), per-channel weights, "
                             + ("7-bit weight range (reduce_range)" if chosen[ship]["range"] == "7"
                                else "full 8-bit weight range")
                             + (", chosen on the valid sets" if args.weight_range == "auto" else "")),
               metrics=metrics, rebuild=rebuild)
    log.info("shipped %s -> %s (%.1f MB)", ship, out, (out / "model.onnx").stat().st_size / 1e6)
    return 0


def rebuild_command(metas: dict, args) -> str:
    def opts(meta, keys):
        a = meta.get("args", {})
        return " ".join(f"--{k.replace('_', '-')} {a[k]}" for k in keys if a.get(k) not in (None, "", "0", "None"))
    student = metas.get("student")
    teachers = _teachers(metas)
    train_keys = ["epochs", "lr", "head_lr", "sst2_extra", "clinc_extra", "max_len", "seed", "threads"]
    if not teachers or (len(teachers) == 1 and Path(teachers[0][0]) == RUNS / "teacher"):
        cmd = ["python -m quantize train-nlu " + opts({"args": teachers[0][1]} if teachers else metas["teacher"],
                                                      train_keys)]
        by = ""
    else:
        cmd = [f"python -m quantize train-nlu {opts({'args': a}, train_keys)} --out {_rel(p)}" for p, a in teachers]
        by = "--teacher " + " ".join(_rel(p) for p, _ in teachers) + " "
    keys = ["epochs", "lr", "head_lr", "sst2_extra", "clinc_extra", "layers", "alpha", "temperature", "seed",
            "threads"]
    if student and "init" in student:
        # a fine-tuned student: its starting checkpoint's distillation, then the ASR fine-tune
        cmd.append(f"python -m quantize distil-nlu {by}--out {_rel(student['init']['path'])} "
                   + opts({"args": student["init"]["args"]}, keys))
        a = student["args"]
        tsvs = " ".join(f"--{k} " + " ".join(_rel(x) for x in a[k.replace('-', '_')].split())
                        for k in ("extra-intent-tsv", "valid-asr-tsv")
                        if a.get(k.replace("-", "_")) not in (None, "", "None"))
        cmd += _asr_augment_commands(a.get("extra_intent_tsv", "").split()
                                     + [x for x in [a.get("valid_asr_tsv")] if x not in (None, "", "None")])
        cmd.append(f"python -m quantize distil-nlu {by}--init {_rel(student['init']['path'])} {tsvs} "
                   f"--out {_rel(a['out'])} " + opts(student, keys + ["evals_per_epoch", "patience"]))
    elif student:
        cmd.append(f"python -m quantize distil-nlu {by}" + opts(student, keys))
    cmd.append("python -m quantize export-nlu" + (f" --student {_rel(args.student)}"
                                                   if Path(args.student) != RUNS / "student" else "")
               + (" --static" if args.static else "")
               + (f" --weight-range {args.weight_range}" if args.weight_range != "auto" else "")
               + (f" --ship {args.ship}" if args.ship != "auto" else ""))
    return " && ".join(c.strip() for c in cmd)


def _teachers(metas: dict) -> list[tuple[str, dict]]:
    """(checkpoint, training args) of the teacher(s) a student was distilled from, as its checkpoint
    recorded them; [] for checkpoints made before students recorded them (the exported teacher)."""
    student = metas.get("student") or {}
    named = student.get("init", {}).get("teachers") or student.get("teachers")
    return [(t["path"], t.get("args", {})) for t in named or []]


def _asr_augment_commands(tsvs: list[str]) -> list[str]:
    """The asr-augment runs that made these TSVs, from the settings each wrote beside its TSV: one
    command per folder and Whisper (both splits together where they match)."""
    runs: dict[tuple, list[str]] = {}
    for tsv in tsvs:
        info = _tsv_settings(tsv)
        whisper = info.get("whisper", "installed")
        key = (_rel(Path(tsv).parent), info.get("rotate", 0), whisper)
        runs.setdefault(key, []).append(info.get("split", Path(tsv).stem))
    cmds = []
    for (out, rotate, whisper), splits in runs.items():
        if whisper != "installed":
            cmds += [c for c in _whisper_rebuild(Path(whisper)) if c not in cmds]
        splits = sorted(set(splits), key=("train", "valid").index)
        cmds.append(f"python -m quantize asr-augment --splits {' '.join(splits)}"
                    + (f" --rotate {rotate}" if rotate else "") + f" --out {out}"
                    + (f" --whisper {_rel(whisper)}" if whisper != "installed" else ""))
    return cmds


def _tsv_settings(tsv: str) -> dict:
    """What asr-augment wrote beside a TSV about how it was made ({} when absent)."""
    settings = Path(tsv).with_suffix(".json")
    return json.loads(settings.read_text()) if settings.is_file() else {}


def hearers(meta: dict) -> str:
    """Which Whisper heard a fine-tuned student's --extra-intent-tsv rows (from their settings)."""
    names = []
    for tsv in meta.get("args", {}).get("extra_intent_tsv", "").split():
        w = _tsv_settings(tsv).get("whisper", "installed")
        name = "the installed edge model" if w == "installed" else _rel(w)
        if name not in names:
            names.append(name)
    return ", ".join(names) or "the installed edge model"


def _whisper_rebuild(folder: Path) -> list[str]:
    """How a Whisper folder other than the installed one was made: its card's rebuild command,
    after its source folder's (convert-whisper, then quantize)."""
    cmds: list[str] = []
    for _ in range(3):
        card = folder / "card.json"
        if not card.is_file():
            break
        info = json.loads(card.read_text())
        if info.get("rebuild") and info["rebuild"] not in cmds:
            cmds.insert(0, info["rebuild"])
        if not info.get("source") or not Path(info["source"]).is_dir():
            break
        folder = Path(info["source"])
    return cmds


def _rel(path) -> str:
    p = Path(str(path))
    try:
        return str(p.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(p)
