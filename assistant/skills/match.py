"""Fuzzy matching of spoken names against the library (rapidfuzz).

A transcript spells names as they sound: "acdc" or "a c d c" for AC/DC, "the rolling stones" for
The Rolling Stones, "bach" for Johann Sebastian Bach, "chopin" for Frédéric Chopin. Both sides are
normalised (accents folded, "&" → "and", punctuation dropped) and compared three ways: whole-string
similarity, token-set similarity without filler words (surnames, reordered words), and similarity
with all spaces removed (spelt-out letters, "deadmau5" vs "dead mau 5"). Scores are 0-100.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Sequence

from rapidfuzz import fuzz

from ..library import Track

MIN_SCORE = 82.0
"""Below this a name is not considered said."""
_FILLER = {"the", "a", "an", "some", "by", "of", "and", "my", "me", "to", "music", "song", "songs",
           "track", "tracks", "album", "please", "play", "put", "on", "listen", "start", "from",
           "i", "want", "would", "like", "could", "can", "you", "something", "anything", "bit",
           "little", "few", "more", "let's", "lets", "hear", "now", "for", "just", "in", "up",
           "playing", "stuff", "tunes", "tune", "olly", "hey", "speaker", "give", "any", "all",
           "it", "that", "this", "sound", "sounds", "kind", "type", "genre", "artist", "called",
           "named", "list", "playlist", "mix", "is", "are", "be", "with", "go", "ahead", "shall",
           "will", "we", "us", "our", "your", "favorite", "favourite", "new", "one", "latest",
           "resume", "continue", "last", "again", "next", "episode", "chapter", "station",
           "i'd", "how", "about", "what", "instead", "maybe", "try", "wanna"}
GENRE_WORDS = {
    "electronic": ("electronica", "electro", "techno", "edm", "dance", "house", "trance", "synth",
                   "party", "workout", "energetic", "running", "exercise", "gym", "livelier",
                   "faster"),
    "classical": ("classic", "classics", "orchestral", "orchestra", "symphony", "baroque", "piano",
                  "relaxing", "calm", "calming", "peaceful", "soothing", "sleep", "study", "focus",
                  "studying", "reading", "concentrate", "concentration", "meditation", "sleeping",
                  "sad", "melancholy", "gloomy", "quiet", "calmer", "quieter", "slower", "softer",
                  "gentler", "relaxed"),
    "rock": ("rock and roll", "rock n roll", "hard rock", "metal", "grunge", "punk", "guitar",
             "loud", "heavy", "driving"),
    "jazz": ("swing", "bebop", "jazzy", "smooth jazz", "blues", "chill", "mellow", "smooth",
             "background", "dinner", "cooking", "romantic", "lounge"),
    "pop": ("pop music", "popular", "top forty", "chart", "charts", "hits", "upbeat", "happy",
            "cheerful", "fun", "cleaning", "sing along", "singalong", "happier", "brighter"),
}
"""Words that name a library genre, moods included ("something relaxing" is classical)."""


@functools.lru_cache(maxsize=1 << 16)  # library names are normalised again on every command
def norm(text: str) -> str:
    """Lower-case ASCII words: "Frédéric Chopin" → "frederic chopin", "AC/DC" → "ac dc"."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9']+", t))


def _content(text: str) -> str:
    return " ".join(w for w in text.split() if w not in _FILLER)


_LEET = str.maketrans("0134578", "oieastb")


SOUNDS_ALIKE = 85.0
"""Score of a name that Whisper spelled its own way but that sounds the same ("betowen" for
Beethoven): just over :data:`MIN_SCORE`, under any spelling that matches."""


@functools.lru_cache(maxsize=1 << 17)  # album names come round on every album request
def sound_key(text: str) -> str:
    """A rough key of how a word sounds: consonants as said, vowels dropped after the first
    letter ("betowen" and "beethoven" → "btvn")."""
    w = re.sub(r"[^a-z]", "", text.lower())
    for a, b in (("ph", "f"), ("th", "t"), ("ck", "k"), ("sch", "s"), ("ch", "k"), ("gh", "g"),
                 ("w", "v"), ("z", "s"), ("q", "k"), ("x", "ks"), ("c", "k"), ("j", "g")):
        w = w.replace(a, b)
    if not w:
        return ""
    return re.sub(r"(.)\1+", r"\1", w[0] + re.sub(r"[aeiouyh]", "", w[1:]))


@functools.lru_cache(maxsize=1 << 16)
def _grams(text: str) -> frozenset[str]:
    """Sound keys of the 1- to 3-word runs of ``text`` (4 sounds or more: short keys collide).
    Cached: a library of 20,000 names took 4.6 s of sound keys per play command without."""
    words = text.split()
    keys = {sound_key("".join(words[i:i + n])) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
    return frozenset(k for k in keys if len(k) >= 4)


@functools.lru_cache(maxsize=1 << 16)
def _forms(text: str) -> tuple[str, str, str, str, frozenset[str]]:
    """The forms of one name (or one thing said) that :func:`score` compares: normalised, its
    content words, without spaces, without spaces with digits read as letters ("" when it has
    no digits), its sound keys. Cached, since the library's names come round on every command."""
    a = norm(text)
    bare = a.replace(" ", "")
    return a, _content(a), bare, bare.translate(_LEET) if any(c.isdigit() for c in a) else "", \
        _grams(_content(a))


def score(said: str, name: str) -> float:
    """How well ``said`` names ``name`` (0-100)."""
    a, ca, bare_a, _, grams_a = _forms(said)
    b, cb, bare_b, leet_b, _ = _forms(name)
    if not a or not b:
        return 0.0
    best = fuzz.ratio(a, b)
    if grams_a & _grams(b):
        best = max(best, SOUNDS_ALIKE)
    if ca and len(ca.replace(" ", "")) >= 3:
        # the words said inside the name ("beethoven", "rolling stones") score as the name; a
        # name inside the words said does not: "poker tone" is not "One More Tone" ("tone")
        name_words = b.split()
        inside = all(max(fuzz.ratio(w, n) for n in name_words) >= 80 for w in ca.split())
        best = max(best, fuzz.token_set_ratio(ca, cb or b) if inside
                   else fuzz.token_sort_ratio(ca, cb or b))
    best = max(best, fuzz.ratio(bare_a, bare_b))
    if leet_b:  # "deadmau5" said "dead mouse": digits read as letters
        best = max(best, fuzz.ratio(bare_a, leet_b))
    return float(best)


def residue(text: str, extra: Sequence[str] = ()) -> str:
    """``text`` without command and filler words: "play some jazz please" → "jazz"."""
    drop = _FILLER | set(extra)
    # "play something good": the word after "something" says how, not what
    said = re.sub(r"\b(something|anything) (?:good|nice|great|decent|cool|fun|lovely|else)\b", r"\1",
                  norm(text))
    return " ".join(w for w in said.split() if w not in drop)


_ASK = re.compile(r"^(?:(?:hey speaker|okay|ok|so|now|please|can you|could you|would you|will you|"
                  r"i want to|i wanna|i'd like to|i would like to|let's|lets|let me|go ahead and)\s+)*"
                  r"(?:play|put on|listen to|hear|start|queue up|queue)\s+(?:(?:me|us|some|the song|"
                  r"the track|the tune|song|track)\s+)?")


def name_said(text: str) -> str:
    """The words after the play command, kept whole: "play like a demo please" → "like a demo"
    (:func:`residue` drops "like", a filler elsewhere); "" when no play command leads."""
    t = norm(text)
    m = _ASK.match(t)
    if not m:
        return ""
    return re.sub(r"\s+(?:please|now|for me|thanks|thank you)$", "", t[m.end():]).strip()


def nearest_names(said: str, tracks: Sequence[Track], n: int = 12) -> list[str]:
    """The ``n`` library names (artists, albums, titles) nearest to ``said`` in spelling or in
    sound, best first, as written in the library. For Whisper's prompt when the loop hears a
    play command again: "craft port" brings Kraftwerk into the prompt, and Whisper, shown the
    name, can spell what it heard that way."""
    from rapidfuzz import process

    key = norm(said)
    if not key:
        return []
    names = sorted({x for t in tracks for x in (t.artist, t.album, t.title) if x})
    by_spelling = process.extract(key, [norm(x) for x in names], scorer=fuzz.WRatio, limit=n)
    sounds = [sound_key(norm(x).replace(" ", "")) for x in names]
    by_sound = process.extract(sound_key(key.replace(" ", "")), sounds, scorer=fuzz.ratio, limit=n)
    out: list[str] = []
    for pair in zip(by_spelling, by_sound):  # one of each in turn
        for _, _, i in pair:
            if names[i] not in out:
                out.append(names[i])
    return out[:n]


def best_artist(said: str, tracks: Sequence[Track]) -> str | None:
    """The library artist ``said`` names best (at least :data:`MIN_SCORE`), or None."""
    artists = sorted({t.artist for t in tracks if t.artist})
    scored = [(score(said, a), a) for a in artists]
    scored = [x for x in scored if x[0] >= MIN_SCORE]
    return max(scored, key=lambda x: x[0])[1] if scored else None


def genre_named(text: str, tracks: Sequence[Track], whole: bool = False) -> str | None:
    """The library genre named word for word in ``text`` (``whole``: ``text`` is the name and
    nothing more), no mood or related word; None when none is. "I don't like jazz" → "Jazz"."""
    low = norm(text)
    for g in sorted({t.genre for t in tracks if t.genre}):
        if low == norm(g) if whole else re.search(rf"\b{re.escape(norm(g))}\b", low):
            return g
    return None


def best_genre(said: str, tracks: Sequence[Track]) -> str | None:
    """The library genre ``said`` names (directly or by a related word), or None."""
    genres = sorted({t.genre for t in tracks if t.genre})
    words = norm(said)
    best, best_score = None, 0.0
    for g in genres:
        names = (g,) + GENRE_WORDS.get(norm(g), ())
        for name in names:
            s = score(words, name)
            # "modern alternative rock": a genre word inside a longer phrase
            if re.search(rf"\b{re.escape(norm(name))}\b", words):
                s = max(s, 95.0 if name == g or norm(name) == norm(g) else 90.0)
            if s > best_score:
                best, best_score = g, s
    return best if best_score >= MIN_SCORE else None


def best_items(said: str, items: Sequence[Track],
               fields: Sequence[str] = ("title",), whole: str = "") -> list[Track]:
    """Items whose ``fields`` match ``said`` best (all those tied at the top score), or [].

    ``whole``: the name as said, filler words kept (:func:`name_said`); a field spelt nearly
    as it counts too, and among items tied on ``said`` the ones nearest to it win: "like a
    demo" is "Like a Demo", not the other titles with "demo" in them."""
    if not norm(said) and not whole:
        return []
    w_said = norm(whole)
    scored = []
    for t in items:
        names = [getattr(t, f) for f in fields if getattr(t, f)]
        s = max(score(said, n) for n in names) if norm(said) else 0.0
        w = max(fuzz.ratio(w_said, norm(n)) for n in names) if w_said else 0.0
        s = max(s, w if w >= WHOLE_SCORE else 0.0)
        if s >= MIN_SCORE:
            scored.append((s, w, t))
    if not scored:
        return []
    top = max(s for s, _, _ in scored)
    tied = [(w, t) for s, w, t in scored if s >= top - 0.5]
    near = max(w for w, _ in tied)
    if near < 70:  # the whole name is like none of them: a tie on the words said stands
        return [t for _, t in tied]
    return [t for w, t in tied if w >= near - 0.5]


WHOLE_SCORE = 90.0
"""A field spelt this nearly as the whole name said is that name."""


def albums_named(said: str, tracks: Sequence[Track]) -> list[Track]:
    """The tracks of the album whose whole name is spelt nearly as ``said`` (not match.score's
    word overlap: "kind of blue" is not "Blue Sketches"), in library order."""
    key = norm(said)
    sound = sound_key(key) if len(key) >= 6 else ""
    scored = {a: max(fuzz.ratio(key, norm(a)),  # "nachterns" sounds as "Nocturnes"
                     SOUNDS_ALIKE if sound and sound == sound_key(norm(a)) else 0.0)
              for a in {t.album for t in tracks if t.album}}
    best = max(scored, key=scored.get, default=None)
    if best is None or scored[best] < 80:
        return []
    return [t for t in tracks if t.album == best]
