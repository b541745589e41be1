"""models/nlu/report.md and its two figures (matplotlib, headless)."""

from __future__ import annotations

from pathlib import Path


def plots(out: Path, variants: dict, ship: str, intents: list[str], y: list[int], pred: list[int]) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    n = len(intents)
    cm = np.zeros((n, n))
    for a, b in zip(y, pred):
        cm[a, b] += 1
    cm = cm / np.maximum(cm.sum(1, keepdims=True), 1)
    fig, ax = plt.subplots(figsize=(13, 12))
    im = ax.imshow(cm, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(n), intents, rotation=90, fontsize=6)
    ax.set_yticks(range(n), intents, fontsize=6)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    acc = sum(a == b for a, b in zip(y, pred)) / len(y)
    ax.set_title(f"HWU64 test, shipped {ship} int8: accuracy {100 * acc:.1f} % (rows normalised)")
    fig.colorbar(im, fraction=0.03)
    fig.tight_layout()
    fig.savefig(out / "confusion.png", dpi=90)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 5))
    for name, m in variants.items():
        if "intent_acc" not in m:
            continue
        ax.scatter(m["p50_ms"], 100 * m["intent_acc"], s=60, marker="*" if name == f"{ship} int8" else "o")
        ax.annotate(name, (m["p50_ms"], 100 * m["intent_acc"]), textcoords="offset points", xytext=(5, 4),
                    fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel("p50 latency per utterance, ms (one thread, log scale)")
    ax.set_ylabel("HWU64 test intent accuracy, %")
    ax.axhline(91, ls="--", lw=0.8, color="grey")
    ax.axvline(2, ls="--", lw=0.8, color="grey")
    ax.set_title("Accuracy vs latency (dashed: targets 91 %, 2 ms)")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(out / "accuracy_latency.png", dpi=90)
    plt.close(fig)


def _pct(v):
    return "-" if v is None else f"{100 * v:.1f}"


def report_md(variants: dict, ship: str, why: str, oos: dict, metas: dict, rebuild: str, args,
              selection: dict | None = None, weight_range: str = "7") -> str:
    """selection: the valid metrics every choice was made on (export_nlu); weight_range: the shipped
    model's ("7", "8" or "static")."""
    from assistant.cards import now_iso
    L = [f"# Understanding model: report ({now_iso()})", "",
         f"Shipped: **{ship} int8** (`model.onnx`, {variants[f'{ship} int8']['mb']:.1f} MB). Why: {why}.", "",
         "Test sets: HWU64 test (1076, intents), SST-3 test (2210; pos/neg = its 1821 non-neutral "
         "sentences, argmax over the two logits), the annotated HWU64 testset (slots, span-exact F1). "
         "Latency: one utterance at a time, one thread, the first "
         f"{args.latency_n} HWU64 test sentences, tokenizer included.", "",
         "| variant | intent acc | intent macro-F1 | SST-3 acc | SST-3 macro-F1 | pos/neg acc | slot F1 "
         "| p50 ms | p95 ms | size MB |",
         "|---|---|---|---|---|---|---|---|---|---|"]
    for name, m in variants.items():
        mb = "-" if m.get("mb") is None else f"{m['mb']:.1f}"
        L.append(f"| {name} | {_pct(m.get('intent_acc'))} | {_pct(m.get('intent_macro_f1'))} "
                 f"| {_pct(m.get('sentiment_acc'))} | {_pct(m.get('sentiment_macro_f1'))} "
                 f"| {_pct(m.get('sentiment_posneg_acc'))} | {_pct(m.get('slot_f1'))} "
                 f"| {m['p50_ms']:.2f} | {m['p95_ms']:.2f} | {mb} |")
    L += ["", "(fp32 torch rows: accuracy of the same weights as the fp32 ONNX export; only timing differs.)", ""]
    spoken = [(n, m["spoken_valid_intent_acc"]) for n, m in variants.items() if "spoken_valid_intent_acc" in m]
    if spoken:
        L += ["## Spoken commands (HWU64 valid, as Whisper heard it)", "",
              "HWU64 valid spoken by the speaker's voices (espeak-ng gmw/en-us 170 wpm and Piper, alternating) "
              "and transcribed by the shipped int8 Whisper tiny.en (`python -m quantize asr-augment`): "
              "intent accuracy on the transcripts.", "", "| variant | spoken valid intent acc |", "|---|---|"]
        L += [f"| {n} | {_pct(v)} |" for n, v in spoken] + [""]
    if selection:
        L += ["## Choices made on valid", "",
              "The weight range of each model and the shipped model were chosen on these numbers only "
              "(HWU64 valid, SST-3 dev, slots of the annotated HWU64 valid sentences, spoken HWU64 valid); "
              "the test tables above were computed after. Rule: per model, the int8 variant whose worst "
              "head falls least below its fp32 (ties: 7-bit).", "",
              "| variant | HWU64 valid | SST-3 dev | pos/neg dev | slot F1 valid | spoken valid | worst drop (points) |",
              "|---|---|---|---|---|---|---|"]
        for n, m in selection.items():
            drop = f"{m['drop']:.2f} ({m['drop_head']})" if "drop" in m else "-"
            L.append(f"| {n}{' (chosen)' if m.get('chosen') else ''} | {_pct(m.get('intent_acc'))} "
                     f"| {_pct(m.get('sentiment_acc'))} | {_pct(m.get('sentiment_posneg_acc'))} "
                     f"| {_pct(m.get('slot_f1'))} | {_pct(m.get('spoken_valid_intent_acc'))} | {drop} |")
        L.append("")
    # int8 vs fp32 per head
    L += ["## int8 against fp32 (points)", "", "| model | intent | SST-3 | pos/neg | slots |", "|---|---|---|---|---|"]
    for name in ("teacher", "student"):
        if f"{name} int8" in variants:
            a, b = variants[f"{name} int8"], variants[f"{name} fp32"]
            L.append(f"| {name} | " + " | ".join(f"{100 * (a[k] - b[k]):+.2f}" for k in
                     ("intent_acc", "sentiment_acc", "sentiment_posneg_acc", "slot_f1")) + " |")
    L += ["", f"## Slot F1 per type ({ship} int8 vs fp32)", "",
          "| type | precision | recall | F1 int8 | F1 fp32 | support |", "|---|---|---|---|---|---|"]
    si, sf = variants[f"{ship} int8"]["slot_per_type"], variants[f"{ship} fp32"]["slot_per_type"]
    for t in sorted(si, key=lambda k: -si[k][3]):
        p, r, f, n = si[t]
        L.append(f"| {t} | {_pct(p)} | {_pct(r)} | {_pct(f)} | {_pct(sf.get(t, (0, 0, 0, 0))[2])} | {n} |")
    L += ["", "## Out of scope", "",
          f"Threshold on the top intent probability: **{oos['oos_threshold']}**, the best balanced accuracy "
          f"({_pct(oos['clinc_valid_balanced_acc'])} %) between CLINC150 valid out-of-scope and in-scope "
          f"sentences, capped so at most {100 * args.max_rejected:.0f} % of HWU64 valid turns unknown "
          + ("as text or as Whisper heard it " if "hwu64_valid_heard_rejected" in oos else "")
          + f"(cap {oos['cap']}). Out-of-scope recall: CLINC150 valid {_pct(oos['clinc_valid_oos_recall'])} %, "
          f"test {_pct(oos['clinc_test_oos_recall'])} %; HWU64 valid turned unknown "
          f"{_pct(oos['hwu64_valid_rejected'])} %"
          + (f" as text, {_pct(oos['hwu64_valid_heard_rejected'])} % as heard"
             if "hwu64_valid_heard_rejected" in oos else "") + ". CLINC's in-scope domains (banking, travel, ...) are mostly "
          "outside HWU64's too, so the threshold is a weak filter; the intent accuracies above are "
          "measured without it.", "",
          "## Training", ""]
    for name, meta in metas.items():
        v = meta.get("valid", {})
        L.append(f"- {name}: {meta['n_layers']} layers; best evaluation at epoch {v.get('epoch')} "
                 f"(HWU64 valid {_pct(v.get('intent_acc'))} %, SST dev {_pct(v.get('sentiment_acc'))} %, "
                 f"slot F1 valid {_pct(v.get('slot_f1'))} %), {v.get('minutes')} min.")
        teachers = meta.get("init", {}).get("teachers") or meta.get("teachers") or []
        if len(teachers) > 1:
            L.append(f"  Distilled from the mean probabilities of {len(teachers)} teachers, HWU64 valid "
                     + ", ".join(f"{_pct((t.get('valid') or {}).get('intent_acc'))} %" for t in teachers)
                     + " (" + ", ".join(f"seed {t.get('args', {}).get('seed')}" for t in teachers) + ").")
    L += ["", "## Notes", "",
          "- Quantization: " + ("static QDQ per-channel int8" if weight_range == "static" else
                                "dynamic int8, per-channel weights, "
                                + ("7-bit weight range (`reduce_range`)" if weight_range == "7"
                                   else "full 8-bit weight range")
                                + " (see the choices made on valid)")
          + "; the embedding table (Gather) is quantized too, which is what keeps the file under 25 MB.",
          "- Nothing here was chosen on a test set: the weight range and the shipped model were picked on "
          "the valid sets; the test tables only report.",
          "- Sentiment is learnt from movie-review sentences (SST): on plain commands, which are neutral, "
          "it often says positive or negative with 0.5-0.7 confidence. Skills should act on sentiment only "
          "when it is confident (>= 0.8) or in feedback intents (music_likeness, ...).",
          "- Slot types with fewer than 10 test examples have noisy F1; song, artist, radio and audiobook "
          "names are the weakest (open-vocabulary names, few training examples).",
          "", "Figures: `confusion.png` (HWU64 test, shipped model), `accuracy_latency.png`.", "",
          "Rebuild:", "", "```", rebuild, "```", ""]
    return "\n".join(L)
