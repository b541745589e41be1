"""The edge speech-to-text backend: Whisper's int8 ONNX encoder and decoder, a numpy greedy loop.

No torch anywhere on this path: numpy (log-mel front end, decoding), onnxruntime (the two graphs),
tokenizers (text). The model folder (built by ``python -m quantize convert-whisper --onnx`` and
``quantize``; see ``quantize/export_whisper.py`` for the graphs' inputs and outputs) holds::

    encoder.onnx  decoder.onnx  tokenizer.json  whisper.json  card.json

Speed: the encoder does not see Whisper's fixed 30 s window but the utterance plus ``margin_s`` of
silence (the positional embedding is sliced to match inside the graph), so a 2 s command costs a
fraction of a 30 s window. Short margins make the decoder loop; the repetition guard and the token
budget from the duration stop that (margin measured in bench/results/asr_margin.md).
"""

from __future__ import annotations

import json
import logging
import math
import time
from pathlib import Path

import numpy as np

from .. import cards
from ..audio import SAMPLE_RATE, sanitize, with_lead_in
from ..errors import AudioError, ModelError
from ..types import Transcript
from .base import Transcriber
# the reference backend's silence gates (that module imports torch only when it is instantiated)
from .openai_whisper import _WORDY, NO_SPEECH_PROB, SILENCE_DBFS, loudest_frame_dbfs

log = logging.getLogger(__name__)

N_FFT = 400
HOP = 160
CHUNK_S = 30.0
MAX_FRAMES = 3000            # Whisper's window: 30 s of 10 ms frames
DEFAULT_MARGIN_S = 4.0       # seconds of silence after the audio; measured: bench/results/asr_margin.md
NGRAM_GUARD = 5              # tokens; 0 disables the repeated n-gram guard
LOGPROB_FLOOR = -1.0         # Whisper's logprob_threshold, used with its no-speech threshold
NO_SPEECH = 50361            # <|nocaptions|> in the English vocabulary
FILES = ("encoder.onnx", "decoder.onnx", "tokenizer.json", "whisper.json")


# ----------------------------------------------------------------------------- log-mel front end

def _hz_to_mel(f: np.ndarray) -> np.ndarray:
    """Slaney's mel scale: linear below 1 kHz, logarithmic above."""
    f = np.asarray(f, dtype=np.float64)
    lin = f / (200.0 / 3)
    log_part = 15.0 + np.log(np.maximum(f, 1e-10) / 1000.0) / (np.log(6.4) / 27.0)
    return np.where(f >= 1000.0, log_part, lin)


def _mel_to_hz(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    lin = m * (200.0 / 3)
    log_part = 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0))
    return np.where(m >= 15.0, log_part, lin)


def mel_filters(n_mels: int = 80, n_fft: int = N_FFT, sr: int = SAMPLE_RATE) -> np.ndarray:
    """Slaney-normalised triangular mel filterbank, shape (n_mels, n_fft // 2 + 1), float32
    (the same matrix as librosa.filters.mel(sr, n_fft, n_mels), which Whisper was trained with)."""
    fft_freqs = np.linspace(0, sr / 2, n_fft // 2 + 1)
    mel_pts = _mel_to_hz(np.linspace(_hz_to_mel(0.0), _hz_to_mel(sr / 2), n_mels + 2))
    fdiff = np.diff(mel_pts)
    ramps = mel_pts[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_pts[2: n_mels + 2] - mel_pts[:n_mels]))[:, None]
    return weights.astype(np.float32)


_WINDOW = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)).astype(np.float32)  # periodic Hann


def log_mel(audio: np.ndarray, filters: np.ndarray, n_frames: int) -> np.ndarray:
    """Whisper's log-mel spectrogram of ``audio`` zero-padded to ``n_frames`` frames of 10 ms.

    audio: float32 (n,) at 16 kHz. Returns float32 (n_mels, n_frames), scaled as Whisper expects:
    log10 power, floored 8 (decades) below the maximum, then (x + 4) / 4.
    """
    n_samples = n_frames * HOP
    x = np.zeros(n_samples, dtype=np.float32)
    x[: min(len(audio), n_samples)] = audio[:n_samples]
    # centred STFT with reflect padding, as torch.stft(center=True); the last frame is dropped
    padded = np.pad(x, N_FFT // 2, mode="reflect")
    frames = np.lib.stride_tricks.sliding_window_view(padded, N_FFT)[::HOP][:n_frames]
    spec = np.fft.rfft(frames * _WINDOW, axis=-1)
    power = (spec.real ** 2 + spec.imag ** 2).astype(np.float32)
    mel = filters @ power.T
    logm = np.log10(np.maximum(mel, 1e-10))
    logm = np.maximum(logm, logm.max() - 8.0)
    return ((logm + 4.0) / 4.0).astype(np.float32)


# ----------------------------------------------------------------------------- decoding helpers

def repeated_tail(tokens: list[int]) -> int:
    """Length of a looping tail to cut (0 when none): a pattern of p tokens repeated
    >= 3 times at the end (p >= 3), or >= 5 times (p <= 2). One copy of the pattern is kept."""
    n = len(tokens)
    for p in range(1, min(24, n // 3) + 1):
        reps = 5 if p <= 2 else 3
        if n < p * reps:
            continue
        tail = tokens[n - p:]
        if all(tokens[n - (r + 1) * p: n - r * p] == tail for r in range(1, reps)):
            # walk back over every further copy too
            r = reps
            while n - (r + 1) * p >= 0 and tokens[n - (r + 1) * p: n - r * p] == tail:
                r += 1
            return (r - 1) * p
    return 0


def repeated_ngram(tokens: list[int], n: int) -> int:
    """How many tail tokens to cut when the last ``n`` tokens already occurred earlier (0 if not).

    A trimmed window invites the decoder to start the sentence over once the speech ends; a
    verbatim n-gram (n ~ 5 tokens) coming back within one utterance is almost always that. The cut
    goes back to where the copy began (the tail that matches, token by token, what preceded the
    earlier occurrence)."""
    if n <= 0 or len(tokens) < 2 * n:
        return 0
    tail = tokens[-n:]
    end = len(tokens) - n
    for j in range(end - n, -1, -1):  # latest earlier occurrence first
        if tokens[j:j + n] == tail:
            k = 0  # extend the match backwards
            while j - 1 - k >= 0 and end - 1 - k > j + n - 1 and tokens[j - 1 - k] == tokens[end - 1 - k]:
                k += 1
            return n + k
    return 0


def token_budget(duration_s: float, n_text_ctx: int = 448) -> int:
    """Most tokens a clip of this length can need: fast English speech is ~3.5 words (~5 tokens)
    a second; twice that plus a little keeps every real sentence and bounds a loop."""
    return int(min(n_text_ctx // 2 - 4, 10 + 8 * duration_s))


# ----------------------------------------------------------------------------- the backend

def window_frames(n_samples: int, margin_s: float) -> int:
    """Log-mel frames (10 ms) of the encoder's window for ``n_samples`` of audio: the audio plus
    ``margin_s`` of silence, even, at most Whisper's 30 s; margin_s < 0 means the full 30 s."""
    if margin_s < 0:
        return MAX_FRAMES
    frames = math.ceil((n_samples / SAMPLE_RATE + margin_s) * 100)
    return min(MAX_FRAMES, frames + frames % 2)  # even: the second conv has stride 2


def model_dir_ok(path: Path) -> bool:
    return all((path / f).is_file() for f in FILES)


SOT_PREV = 50360
"""<|startofprev|> in the English-only vocabulary: the text prompt follows it."""


class OnnxWhisperTranscriber(Transcriber):
    """Whisper (tiny.en int8) on ONNX Runtime with the project's greedy decoder.

    model_dir: folder with the files above and a card.json (sha256 of each file, checked on load).
    threads: ONNX Runtime intra-op threads. margin_s: silence added after the audio before the
    encoder (None: whisper.json's "margin_s" or DEFAULT_MARGIN_S); margin_s < 0 means the full 30 s.
    verify: check the card's hashes on load. warmup: one short encode + decode at load time.
    """

    name = "onnx"

    def __init__(self, model_dir: str | Path, threads: int = 2, margin_s: float | None = None,
                 verify: bool = True, warmup: bool = True, prompt: str = ""):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.model_dir = Path(model_dir)
        if not model_dir_ok(self.model_dir):
            raise ModelError(f"{self.model_dir}: not an ONNX Whisper model folder (needs {', '.join(FILES)})")
        self.card = cards.verify(self.model_dir) if verify else {}
        try:
            self.settings = json.loads((self.model_dir / "whisper.json").read_text())
        except ValueError as exc:
            raise ModelError(f"{self.model_dir}/whisper.json: unreadable ({exc})") from None
        s = self.settings
        self.ngram_guard = int(s.get("ngram_guard", NGRAM_GUARD))
        self.margin_s = float(s.get("margin_s", DEFAULT_MARGIN_S) if margin_s is None else margin_s)
        self.sot = list(s["sot"])
        self.eot = int(s["eot"])
        self.n_text_ctx = int(s["n_text_ctx"])
        self.n_layers, self.d_model = int(s["n_layers"]), int(s["d_model"])
        self.n_heads = int(s.get("n_heads", 0))
        if s.get("kv_layout") != "heads" or not self.n_heads:
            raise ModelError(f"{self.model_dir}: built by an older export (no per-head KV layout); "
                             "rebuild it with python -m quantize convert-whisper --onnx")
        vocab = int(s["n_vocab"])
        # no timestamps and no special token may be produced: suppress everything above <|endoftext|>
        mask = np.zeros(vocab, dtype=bool)
        mask[self.eot + 1:] = True
        mask[[t for t in s["suppress_tokens"] if t < vocab]] = True
        self.suppress = mask
        self.begin_suppress = np.array(s["begin_suppress_tokens"], dtype=np.int64)
        self.filters = mel_filters(int(s["n_mels"]))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.encoder = ort.InferenceSession(str(self.model_dir / "encoder.onnx"), opts,
                                                providers=["CPUExecutionProvider"])
            self.decoder = ort.InferenceSession(str(self.model_dir / "decoder.onnx"), opts,
                                                providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"{self.model_dir}: ONNX Runtime cannot load the model ({exc})") from None
        self.tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        # a text prompt (Whisper's "previous text") biases spelling towards it, e.g. the wake phrase
        self.prompt_ids = self.prompt_tokens(prompt)
        self.last_avg_logprob = 0.0
        if warmup:  # first runs pay ONNX Runtime's set-up: at load time, not on the first command
            ck, cv = self.encode(np.zeros(SAMPLE_RATE, dtype=np.float32))
            self.decode(ck, cv, max_tokens=2)

    def prompt_tokens(self, prompt: str) -> list[int]:
        """<|startofprev|> and the prompt's tokens, at most half the text context (the last
        ones, as Whisper keeps them); [] for no prompt."""
        if not prompt.strip():
            return []
        ids = self.tokenizer.encode(" " + prompt.strip(), add_special_tokens=False).ids
        return [SOT_PREV] + ids[-(self.n_text_ctx // 2 - 1):]

    def describe(self) -> dict:
        return {"engine": self.name, "path": str(self.model_dir),
                "sha256": self.card.get("files", {}), "margin_s": self.margin_s}

    # -- one window ---------------------------------------------------------------------------
    def _frames_for(self, n_samples: int) -> int:
        return window_frames(n_samples, self.margin_s)

    def encode(self, audio: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        mel = log_mel(audio, self.filters, self._frames_for(len(audio)))
        return tuple(self.encoder.run(None, {"mel": mel[None]}))

    def empty_cache(self) -> tuple[np.ndarray, np.ndarray]:
        """The decoder's self-attention cache before the first token: self_k (L, H, d, 0),
        self_v (L, H, 0, d)."""
        L, H = self.n_layers, self.n_heads
        d = self.d_model // H
        return (np.zeros((L, H, d, 0), dtype=np.float32), np.zeros((L, H, 0, d), dtype=np.float32))

    def decode(self, cross_k: np.ndarray, cross_v: np.ndarray, max_tokens: int,
               trace: list | None = None, prompt_ids: list[int] | None = None
               ) -> tuple[list[int], float]:
        """Greedy decoding with a KV cache. Returns (text tokens, no-speech probability).

        trace: when a list, every decoder step's inputs are appended to it (static quantization
        calibrates on them). prompt_ids: instead of the load's prompt (:meth:`prompt_tokens`)."""
        k0, v0 = self.empty_cache()
        feed = {"cross_k": cross_k, "cross_v": cross_v}
        # step 0: <|startoftranscript|> alone, to read the no-speech probability at its position
        first = (self.prompt_ids if prompt_ids is None else prompt_ids) + self.sot[:1]
        step = {"tokens": np.array([first], dtype=np.int64), "offset": np.array(0, dtype=np.int64),
                "self_k": k0, "self_v": v0, **feed}
        if trace is not None:
            trace.append(step)
        logits, k, v = self.decoder.run(None, step)
        z = logits[0] - logits[0].max()
        p = np.exp(z)
        no_speech = float(p[NO_SPEECH] / p.sum())
        prompt = self.sot[1:]
        offset = len(first)
        out: list[int] = []
        logprob_sum, n_scored = 0.0, 0
        while True:
            step = {"tokens": np.array([prompt], dtype=np.int64), "offset": np.array(offset, dtype=np.int64),
                    "self_k": k, "self_v": v, **feed}
            if trace is not None:
                trace.append(step)
            logits, k, v = self.decoder.run(None, step)
            offset += len(prompt)
            row = logits[0]
            row[self.suppress[: row.shape[0]]] = -np.inf
            if not out:
                row[self.begin_suppress] = -np.inf
            tok = int(row.argmax())
            top = row[tok]
            logprob_sum += float(-np.log(np.exp(row - top).sum()))  # log softmax of the pick
            n_scored += 1
            if tok == self.eot:
                break
            out.append(tok)
            cut = repeated_tail(out) or repeated_ngram(out, self.ngram_guard)
            if cut:
                del out[len(out) - cut:]
                break
            if len(out) >= max_tokens or offset >= self.n_text_ctx - 1:
                break
            prompt = [tok]
        self.last_avg_logprob = logprob_sum / max(n_scored, 1)
        return out, no_speech

    def transcribe(self, audio: np.ndarray, prompt: str | None = None) -> Transcript:
        t0 = time.perf_counter()
        ids = None if prompt is None else self.prompt_tokens(prompt)
        audio = np.asarray(audio)
        if audio.ndim != 1:
            raise AudioError(f"transcribe needs mono audio of shape (n,), got {audio.shape}")
        audio = sanitize(audio.astype(np.float32, copy=True), "transcriber input")
        duration = len(audio) / SAMPLE_RATE
        audio = with_lead_in(audio)  # speech at the very start loses its first word
        texts, n_tokens = [], 0
        step = int(CHUNK_S * SAMPLE_RATE)
        # files over 30 s arrive cut by the VAD; this fallback simply takes 30 s pieces in turn
        for start in range(0, max(len(audio), 1), step):
            piece = audio[start:start + step]
            if len(piece) < SAMPLE_RATE // 10 or loudest_frame_dbfs(piece) < SILENCE_DBFS:
                continue  # silence or a sliver: Whisper would invent words ("Thank you.")
            ck, cv = self.encode(piece)
            toks, no_speech = self.decode(ck, cv, token_budget(len(piece) / SAMPLE_RATE, self.n_text_ctx),
                                          prompt_ids=ids)
            if no_speech > NO_SPEECH_PROB and self.last_avg_logprob < LOGPROB_FLOOR:
                continue  # Whisper's own no-speech rule: likely silence AND an unsure decode
            text = self.tokenizer.decode(toks, skip_special_tokens=True).strip()
            if text and _WORDY.search(text):
                texts.append(text)
                n_tokens += len(toks)
        return Transcript(text=" ".join(texts), duration_s=duration,
                          decode_ms=(time.perf_counter() - t0) * 1000.0, engine=self.name,
                          n_tokens=n_tokens)


# ----------------------------------------------------------------------------- where the model is

SHIPPED = "whisper-onnx"
COMPONENT = "asr"


def find_model(model: str | Path | None = None) -> Path | None:
    """The edge model folder: ``model`` when it is one; else the device store's active ``asr``
    slot (what ``flash`` installed); else the int8 model shipped in ``models/whisper-onnx``."""
    from ..paths import MODELS_DIR
    from ..store import active_model

    if model:
        p = Path(model)
        return p if p.is_dir() and model_dir_ok(p) else None
    for cand in (active_model(COMPONENT), MODELS_DIR / SHIPPED):
        if cand is not None and model_dir_ok(cand):
            return cand
    return None
