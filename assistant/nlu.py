"""Understanding: intent, sentiment and slots of one command (onnxruntime + tokenizers only)."""

from __future__ import annotations


def decode_spans(tag_ids, offsets, special, tags: list[str], text: str) -> list[tuple[str, int, int]]:
    """BIO tag ids per token -> [(type, start, end)] character spans of ``text``.

    A span that stops inside a word (a sub-word tagged O) is widened to the word's end, and an
    I- tag without its B- starts a span: the model's small slips should not cut words in half.
    """
    spans: list[list] = []
    cur = None
    for tid, (s, e), sp in zip(tag_ids, offsets, special):
        if sp or e <= s:
            continue
        tag = tags[int(tid)]
        if tag == "O":
            if cur is not None and s == cur[2]:  # continuation sub-word of a tagged word
                cur[2] = e
                continue
            cur = None
            continue
        bio, typ = tag.split("-", 1)
        if cur is not None and typ == cur[0] and (bio == "I" or s == cur[2]):
            cur[2] = e
        else:
            cur = [typ, s, e]
            spans.append(cur)
    out = []
    for typ, s, e in spans:
        while e < len(text) and not text[e].isspace():
            e += 1
        out.append((typ, s, e))
    return out
