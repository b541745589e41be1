"""What music commands say, read from their words: transport (pause, resume, next, previous,
stop), repeat and shuffle settings, seeking, "play something else", "play it again", the song
named before "by", and the media kinds' slot types. :mod:`.music` acts on them.
"""

from __future__ import annotations

import re

from .. import library
from ..types import Reply, Understanding
from .match import norm, residue
from .spoken import first_number, parse_duration, speakable, tokens

NEG_WORDS = re.compile(r"\b(hate|dislike|don't like|dont like|do not like|don't want|do not want|can't stand|cannot stand|awful|"
                        r"bad|sucks|crap|terrible|boring|annoying|horrible|rubbish|not my|"
                        r"never play|not a fan|(?:don't|do not|dont) play (?:this|that|it)|tired of|sick of|"
                        r"heard (?:this|that|it)(?: song| one| track)? (?:too many times|too often|enough))\b")
_TRANSPORT = [  # (pattern, command); first match wins
    (r"\b(un ?pause|resume|continue|carry (?:it )?on|keep playing|keep going)\b", "resume"),
    (r"\bpaus(?:e|ing)\b|\bhold on\b", "pause"),
    (r"\b(next|skip|another (song|track|one))\b", "next"),
    (r"\b(previous|go back|back one|last song|last track)\b", "previous"),
    (r"\b(stop|halt|turn off the music|shut up|enough)\b", "stop"),
    (r"\b(shuffle|repeat|loop|equali[sz]e|bass|treble)\b", "setting"),
]
BEFORE = re.compile(r"\b(?:last|previous) (?:song|track|one|tune)\b|\b(?:song|track|one) "
                     r"(?:before (?:this|that)|that was (?:just )?on)\b|\bplayed (?:before|just now)\b|"
                     r"\b(?:song|track|one) before$")
KIND_SLOTS = {"radio": ("radio_name",), "podcast": ("podcast_name", "podcast_descriptor"),
               "audiobook": ("audiobook_name", "audiobook_author")}
KIND_OF_INTENT = {"play_radio": "radio", "play_podcasts": "podcast", "play_audiobook": "audiobook"}
"""The library kind each play intent but play_music asks for."""
KIND_WORDS = {"radio": "radio stations", "podcast": "podcasts", "audiobook": "audiobooks"}


_REPEAT_OFF = re.compile(r"\b(?:stop|turn off|switch off|cancel|no more|don't|do not|disable|end)\s+"
                         r"(?:the\s+)?(?:repeat|repeating|looping|loop)\b|"
                         r"\b(?:repeat|loop)(?:ing)?\s+(?:is\s+)?off\b|"
                         r"\b(?:turn|switch) (?:the )?(?:repeat|loop) off\b")
_REPEAT_ON = re.compile(r"\b(?:repeat|loop|looping)\b")
_REPEAT_ALL = re.compile(r"\b(?:all|playlist|album|queue|everything|whole|songs|tracks|list)\b|"
                         r"\b(?:turn|switch) on (?:the )?(?:repeat|loop)\b|\b(?:repeat|loop) on\b")
_MUSIC_WORDS = re.compile(r"\b(?:song|songs|track|tracks|tune|music|album|playlist|queue|on repeat)\b")


def repeat_mode(text: str) -> str | None:
    """The repeat setting asked for: "repeat this song" / "put it on repeat" → "one", "repeat
    the playlist" / "turn on repeat" → "all", "stop repeating" → "off"; None for no such words."""
    low = text.lower()
    if _REPEAT_OFF.search(low):
        return "off"
    if not _REPEAT_ON.search(low):
        return None
    return "all" if _REPEAT_ALL.search(low) else "one"


_ELSE = re.compile(r"(?:play |put on |can you play |let's hear )?(?:something|anything|some music|"
                   r"a song|one) (?:else|different)|(?:play |put on )?(?:a )?different "
                   r"(?:song|track|music|one|artist|kind of music)")


_AGAIN = re.compile(r"(?:play|start|put on) (?:it|that|this|that song|this song|the song|that one|"
                    r"this one|the last song|the last one|that track|this track)(?: again| over| "
                    r"from the (?:start|beginning)| one more time)|(?:replay|restart)(?: it| that| "
                    r"this| the song| this song| that song| the track)?|(?:start|play) (?:it )?"
                    r"(?:over|again)|(?:go )?back to the (?:start|beginning)(?: of (?:the|this) "
                    r"(?:song|track|episode|chapter))?|(?:start|play) (?:it )?from the (?:start|"
                    r"beginning|top)")


# longest first: "skip" before "skip back" read "skip back 30 seconds" as 30 seconds ahead
_SEEK = re.compile(r"^(?:please )?(?P<dir>skip ahead|skip forward|skip back|jump ahead|jump forward|jump back|"
                   r"fast forward|go forward|go back|move back|move forward|rewind|forward|skip|back)"
                   r"(?: by)?(?: (?P<amount>.+))?$")
_BIT = re.compile(r"(?:a (?:little )?bit|a little|a touch|some)?")
_BIT_S = 10.0
_SEEK_ALONE = ("rewind", "fast forward", "skip ahead", "skip forward", "skip back", "jump ahead", "jump forward",
               "jump back")
"""How far "rewind" and "skip ahead a bit" go, said with no amount."""


def seek_of(text: str) -> float | None:
    """Seconds to jump in the playing track: "skip ahead thirty seconds" → 30, "go back ten
    seconds" / "rewind a minute" → -10 / -60; None when that is not what is said."""
    m = _SEEK.match(" ".join(tokens(text)))
    amount = m.group("amount") or "" if m else ""
    if m and _BIT.fullmatch(amount) and (amount or m.group("dir") in _SEEK_ALONE):
        seconds = _BIT_S  # "rewind", "go back a bit" (a lone "skip" or "back" is another track)
    else:
        seconds = parse_duration(amount) if amount else None
    if not seconds or seconds > 4 * 3600:
        return None
    back = m.group("dir") in ("skip back", "jump back", "go back", "rewind", "back", "move back")
    return -seconds if back else seconds


def wants_replay(text: str) -> bool:
    """"Play it again", "restart this song", "start over": the song again from its start."""
    low = re.sub(r"^(?:(?:can|could|would|will) you |please |okay |ok |so |now )+", "",
                 " ".join(tokens(text))).removesuffix(" please")
    return bool(_AGAIN.fullmatch(low))  # "can you play it from the start" played an audiobook


_LIKE_THIS = re.compile(r"(?:(?:can you |please )?(?:play|put on|find|give me|i want|i'd like|let's hear) )?"
                        r"(?:me )?(?:(?:more|some) (?:songs?|music|tracks?|stuff)|more|something|anything|"
                        r"songs?|music|tracks?|stuff|others?)"
                        r"(?: else)? (?:like|similar to) (?:this|that|it)(?: one| song| track| artist)?"
                        r"|(?:play |put on )?(?:something|some|more|songs?|music) similar(?: please)?")


def wants_like_this(text: str) -> bool:
    """"Play more like this", "something similar", "songs like this one": near what plays."""
    return bool(_LIKE_THIS.fullmatch(" ".join(tokens(text)).removesuffix(" please")))


_NEW = re.compile(r"(?:(?:can you |please )?(?:play|put on|give me|i want|let's hear) )?(?:me )?(?:something|some|"
                  r"anything|some music|a song|songs|music)(?: new| fresh| different i haven't heard)?"
                  r"(?: (?:that )?(?:i|we) (?:haven't|have not|never|didn't) (?:heard|played|listened to)"
                  r"(?: before| yet| in a while)?)?|(?:play |put on )?(?:some )?new music")


def wants_new(text: str) -> bool:
    """"Play something new", "something I haven't heard": what the history has not played."""
    t = " ".join(tokens(text)).removesuffix(" please")
    return bool(_NEW.fullmatch(t)) and bool(re.search(r"\b(?:new|fresh|haven't|have not|never|"
                                                        r"didn't)\b", t)) \
        and bool(re.search(r"\b(?:play|put on|give me|want|hear|music|songs?)\b", t))  # not "anything new"


_OF_THIS = re.compile(
    r"(?:(?:can you |please )?(?:play|put on|give me|i want|let's hear) )?(?:(?:(?P<rest>the rest of)|"
    r"all of) (?:the|this|that)|(?:the|this|that)(?: whole| full| entire)?) album"
    r"(?: (?:this|it)(?: song)? is (?:from|on))?(?: (?:from the (?:start|beginning|top)|again|over|"
    r"from track one))?"
    r"|(?:(?:can you |please )?(?:play|start|put on) )?the (?P<pos>first|last) (?:song|track|one) (?:on|of|"
    r"from) (?:the|this|that) album"
    r"|(?:(?:can you |please )?(?:play|put on|give me) )?(?:something|more|some more|anything|songs?|music|"
    r"other songs?) (?:else )?(?:by|from) (?:the same artist|this artist|that artist|them|him|her|"
    r"this band|the same band|that band)")


def of_this(text: str) -> str | None:
    """While a song plays: "album" for "play the album" / "play this album from the start" /
    "play the first song on this album", "rest" for "play the rest of the album", "last" for "play
    the last track of this album", "artist" for "play something by the same artist"; else None."""
    m = _OF_THIS.fullmatch(" ".join(tokens(text)).removesuffix(" please"))
    if not m:
        return None
    if m["pos"] == "last":
        return "last"
    return ("rest" if m["rest"] else "album") if "album" in m.group(0) else "artist"


def wants_something_else(text: str) -> bool:
    """"Play something else", "a different song": away from the artist playing now."""
    return bool(_ELSE.fullmatch(" ".join(tokens(text))))


def asks_repeat(text: str) -> bool:
    """A repeat setting for the music whatever the model read: it names the music or turns
    repeat off. "Repeat that" (say it again) is not one."""
    mode = repeat_mode(text)
    return mode == "off" or (mode is not None and bool(_MUSIC_WORDS.search(text.lower())))


_NEXT_Q = re.compile(r"(?:so |and )?(?:what(?:'s| is)(?: playing| coming| on)?(?: up)? next|what (?:song|"
                     r"track|episode|chapter) is next|what(?:'s| is) the next (?:song|track|one|episode|"
                     r"chapter)(?: after (?:this|that)(?: one)?)?|what comes (?:next|after this)|"
                     r"what(?:'s| is) after this(?: one| song)?)")
_NOT_TAGGED = re.compile(r"\bwhat year\b|\bwhen was (?:this|it|that)\b.*\b(?:released|recorded|made|out)\b|"
                         r"\bhow popular\b|\bbpm\b|\btempo\b|\bwhat key\b|\bis (?:this|it) (?:a )?live\b|"
                         r"\bhow many (?:streams|views|plays worldwide)\b|\bwho produced\b|"
                         r"\bhow old is (?:this|that|it|the song|the track)(?: song| track| tune| album| one)?$|\bwhat(?:'s| is) (?:this|that|the) "
                         r"(?:song|track|tune|podcast|episode|book|audiobook|chapter|album) about\b|\blyrics\b|\bis (?:this|it|that) (?:the "
                         r"original|a cover|a remix)\b|\bwhat (?:record )?label\b")
"""Questions about the song playing that its tags do not answer (title, artist, album, genre)."""


def asks_untagged(text: str) -> bool:
    """"What year is this song from", "what's the bpm" (answered "This is ...", stock prices)."""
    return bool(_NOT_TAGGED.search(" ".join(tokens(text))))


_DECADE = re.compile(r"\b(?:from |of )?(?:the )?(?P<d>(?:19|20)?[0-9]0 ?s|"
                     r"(?:twen|thir|for|four|fif|six|seven|eigh|nine)ties|two thousands)\b|\bfrom (?P<y>(?:19|20)\d\d)\b")


def decade_asked(text: str) -> str | None:
    """"Play songs from the 80s" → "from the 80s" ("from 1995"): the library's tags have no
    year, so this cannot be chosen; None when no year is asked for."""
    m = _DECADE.search(" ".join(tokens(text)))
    if m is None:
        return None
    return f"from {m['y']}" if m["y"] else f"from the {m['d'].replace(' ', '')}"


KINDS_OF_MUSIC = {"christmas", "xmas", "holiday", "halloween", "kids", "children's", "childrens",
                  "nursery", "country", "folk", "gospel", "latin", "reggae", "soul", "funk",
                  "hip hop", "rap", "r&b", "disco", "opera", "musical", "musicals", "indie", "ska",
                  "lullaby", "lullabies"}
"""Descriptors ("play some christmas music") that name a kind the library either has as a
genre or has not: never a mood to pick another genre for."""


_PLAYLIST = re.compile(r"\b(?:create|make|start a|start a new|new|build|save)\b.*\bplay ?list\b|"
                       r"\b(?:add|put|save|stick|include)\b.*\bplay ?lists?\b|\bplay ?list\b.*\b(?:add|put)\b|"
                       r"\b(?:add|put) (?:this|the|a|an|that) (?:song|track|tune|album|artist)\b")


def asks_playlist(text: str) -> bool:
    """"Create a playlist called road trip", "add this song to my road trip playlist": there
    are no playlists here (liked songs play as "my favourites")."""
    low = " ".join(tokens(text))
    return bool(_PLAYLIST.search(low)) and not re.search(r"\bfavou?rites?\b|\bliked\b|\bqueue\b|\bcue\b|"
                                                        r"\blist\b(?! ?play)", re.sub(r"play ?list", "pl", low))


_SERVICE = re.compile(r"\s*\b(?:(?:on|from|off|off of|through|via|by|using|in) |(?:use|open|using) )?(?:the )?"
                      r"(?P<name>spotify|pandora|deezer|apple music|youtube music|youtube|amazon music|tidal|"
                      r"soundcloud|netflix|google music|itunes|last ?fm|slacker|napster|iheart ?radio|groove "
                      r"music)(?: app| service)?(?: (?:to|and))?\b\s*")


def without_service(text: str) -> tuple[str, str] | None:
    """"play some rap on pandora" → ("Pandora", "play some rap"): a play command naming a
    streaming service, which this speaker does not use (its own library plays instead); None
    when no service is named or it is no play command ("do you have spotify")."""
    low = " ".join(tokens(text))
    m = _SERVICE.search(low)
    if m is None:
        return None
    rest = " ".join(_SERVICE.sub(" ", low).split())
    if not re.match(r"(?:(?:please|can you|could you|i want to|let me|i'd like to) )*(?:play|listen to|"
                    r"hear|put on)\b", rest):
        return None
    name = re.sub(r"\s+", "", m["name"])
    return _SERVICE_NAMES.get(name, m["name"].title().replace("Youtube", "YouTube")), rest


_SERVICE_NAMES = {"itunes": "iTunes", "lastfm": "Last.fm", "iheartradio": "iHeartRadio", "soundcloud": "SoundCloud"}


_RATING = re.compile(r"^(?:(?:please|i would|i'd|can you|could you) )*(?:rate|give|mark|i (?:give|gave|rate) (?=(?:(?:this|the "
                     r"current) (?:song|track|album|tune|record|one|book|audiobook|chapter|episode|podcast)|it)\b))\b.*?\b"
                     r"(?P<n>zero|one|two|"
                     r"three|four|five|six|seven|eight|nine|ten|\d{1,2})(?: out)?(?: of (?P<of>\w+))? ?"
                     r"(?:stars?|points?|start)?$|^(?:(?:please|i would|i'd) )*(?:rate|give|mark)\b.*\b(?:a|"
                     r"score of) (?P<n2>zero|one|two|three|four|five|\d)(?: (?:out )?of (?P<of2>\w+))?$|"
                     r"^(?:rate|give|mark)\b.*\b(?P<n3>zero|one|two|three|four|five|six|\d) (?:stars?|points?)"
                     r"(?: out of (?P<of3>\w+))? to\b")


def rating_said(text: str) -> float | None:
    """"Rate this album four out of 6 stars" → 0.67, "give this song five stars" → 1.0 (of five
    unless said): a rating as a share of the best, or None when none is given."""
    m = _RATING.match(" ".join(tokens(text)))
    if m is None or not re.search(r"\b(?:stars?|points?|start|rate|score|out of)\b", m[0]):
        return None
    n, of = m["n"] or m["n2"] or m["n3"], m["of"] or m["of2"] or m["of3"]
    n, top = first_number(n), (first_number(of) if of else 5) or 5
    return None if n is None or n > top else n / top


_RATING_WORDS = frozenset("please i would i'd id can you could rate rated rating give gave giving mark a an the of score "
                          "stars star points point start out to with at and best possible deserves deserve be for as is "
                          "it's its like want award "
                          "on scale zero one two three four five six seven eight nine ten".split())
_THIS_ONE = frozenset("this that it current song track tune album record one music book audiobook chapter episode "
                      "podcast my these".split())


def rated_name(text: str) -> str:
    """The name a rating gives its stars to ("rate the demolished man a five" → "demolished
    man"); "" when it rates what plays ("rate this song four stars", "give it a 5")."""
    words = [w for w in tokens(text) if w not in _RATING_WORDS and not w.isdigit()]
    return "" if set(words) <= _THIS_ONE else " ".join(words)


LIKES_LAST = re.compile(r"\b(?:like|liked|love|loved|hate|hated|dislike|disliked) (?:the )?(?:last|previous) "
                        r"(?:song|track|one|tune)\b")
"""A like or dislike of the song before this one ("like the last song" went back to it)."""


def asks_next(text: str) -> bool:
    """"What's next?", "what's the next song?" (answered "This is <the song playing>")."""
    return bool(_NEXT_Q.fullmatch(" ".join(tokens(text))))


def transport_command(text: str) -> str | None:
    """The transport word in ``text`` → "pause" | "resume" | "next" | "previous" | "stop" |
    "setting" (equaliser: not supported; shuffle and repeat are handled before), or None."""
    low = text.lower()
    for pattern, command in _TRANSPORT:
        if re.search(pattern, low):
            return command
    return None


_TRANSPORT_WORDS = ("pause", "unpause", "resume", "continue", "carry", "keep", "playing", "next",
                    "skip", "previous", "back", "go", "stop", "halt", "hold", "another", "this",
                    "that", "episode", "chapter", "podcast", "audiobook", "audio", "book", "radio",
                    "station", "playback", "reading", "off", "turn", "enough", "shut", "going",
                    "okay", "ok", "alright", "mind", "pausing")


def transport_alone(text: str) -> str | None:
    """The transport command when ``text`` says nothing else, not even what kind of thing
    ("play the next one", not "play the next episode")."""
    if re.search(r"\b(?:episode|chapter|podcast|audiobook|book|radio|station)s?\b", text.lower()):
        return None
    return only_transport(text)


def only_transport(text: str) -> str | None:
    """The transport command when ``text`` says nothing but that ("play the next song", not
    "play jingle bells next")."""
    command = transport_command(text)
    if command is None or command == "setting" or residue(text, extra=_TRANSPORT_WORDS):
        return None
    return command


def song_said(text: str) -> str:
    """The song named before "by" ("play thriller by michael jackson" → "thriller"), or ""."""
    m = re.match(r"^(?:.*?\b(?:play|put on|listen to|hear))\s+(.+?)\s+by\s+\S", norm(text))
    song = residue(m.group(1)) if m else ""
    return "" if not song or song in ("music", "songs", "something", "anything") else song


_ALBUM = re.compile(r"^(?:.*?\b(?:play|put on|listen to|hear)) (?:(?:me |us )?(?:a |some |any )?(?:songs?|tracks?|"
                    r"music|something|anything) (?:from|off|of) )?(?:the |that |my )?album (?:called |named )?"
                    r"(?P<name>.+?)(?: by (?P<artist>.+))?$")


def album_said(text: str) -> str:
    """The album a play command names ("play the album kind of blue (by miles davis)"), or ""."""
    m = _ALBUM.match(norm(text))
    return m["name"].strip() if m else ""


_VAGUE = {"something", "anything", "music", "songs", "song", "tunes", "stuff", "else", "different",
          "nice", "good", "new", "random", "more", "other", "another", "whatever", "background",
          "again", "it", "that", "this", "me", "us", "my", "our", "some", "a", "the", "for", "while"}


def title_said(text: str) -> str:
    """A name said after "play" that is not a kind of music ("play let it go" → "let it go"; not
    "play something nice", "play music for dinner", "play some jazz"): two words or more, none
    vague or a genre or mood word."""
    from .match import GENRE_WORDS

    m = re.match(r"^(?:please |can you |could you )?play (?P<name>.+)$", norm(text))
    if not m:
        return ""
    words = m["name"].split()
    moods = set(GENRE_WORDS) | {w for names in GENRE_WORDS.values() for n in names for w in n.split()}
    if len(words) < 2 or set(words) & (_VAGUE - {"it", "that", "this", "a", "the", "me", "for"}) \
            or set(words) & moods:
        return ""
    return " ".join(words)


_ONE_WORD = ("pause", "stop", "skip", "next", "resume")
_VOICED = str.maketrans("bdgvzcf", "ptkpskp")  # voicing ignored; f and v with b and p: "Voss."
_HEARD_AS = {"ours": "pause"}
"""Hearings no sound key links to their word: tiny.en wrote Piper's lone "Pause." as "Ours." on
4 of 8 voice seeds (loop prompt)."""


def _said_key(word: str) -> str:
    """A key of how a one-word command sounds, voicing ignored and the lip sounds as one: the first
    sound, then the consonants ("boss", "voss" and "pause" → "ps", "scape" and "skip" → "skp")."""
    w = re.sub(r"[^a-z]", "", word.lower()).replace("ck", "k").replace("ph", "f").replace("x", "ks")
    w = w.translate(_VOICED)
    if not w:
        return ""
    return re.sub(r"(.)\1+", r"\1", w[0] + re.sub(r"[aeiouyhw]", "", w[1:]))


def one_word_command(text: str) -> str | None:
    """The transport word a lone word sounds like ("Boss." is how tiny.en often hears "Pause."
    said alone), or None; for the player to use only while something plays."""
    words = norm(text).split()
    if len(words) != 1 or words[0] in _ONE_WORD:
        return None
    if words[0] in _HEARD_AS:
        return _HEARD_AS[words[0]]
    key = _said_key(words[0])
    return next((c for c in _ONE_WORD if _said_key(c) == key), None)


def says_track(t: library.Track) -> str:
    """"Modal Walk by Miles Davis" (the title alone when there is no artist); a book's chapter
    with its book: "Chapter 1 of A Short Book by Demo Reader" ("what book was I listening to"
    named only "Chapter 1")."""
    title = speakable(t.title)
    if t.kind == "audiobook" and t.album and norm(t.album) not in norm(t.title) and re.match(
            r"(?:chapter|part|track|section|book)\b|\d", t.title.lower()):
        title = f"{title} of {speakable(t.album)}"
    return f"{title} by {speakable(t.artist)}" if t.artist else title


def track_detail(t: library.Track, **extra: str) -> tuple[tuple[str, str], ...]:
    """The detail of a reply about one track (its title, artist, kind, id, genre)."""
    d = [("title", t.title), ("artist", t.artist), ("media", t.kind), ("track_id", str(t.id))]
    if t.genre:
        d.append(("genre", t.genre))
    return tuple(d) + tuple(extra.items())


_BARE_TITLE = re.compile(r"(?:please )?(?:start playing|play|resume|continue|put on) (?:the )?([a-z' ]+?)(?: please)?")
_NOT_A_TITLE = {"a", "an", "my", "me", "i", "we", "you", "where", "what", "some", "something", "anything", "it",
                "this", "that", "more", "again", "book", "books", "audiobook", "audiobooks", "story", "stories",
                "podcast", "podcasts", "radio", "station", "episode", "ep", "chapter", "reading", "playback",
                "audio", "recording", "recordings", "program", "programme", "paused", "recent", "recently", "last",
                "previous", "next", "latest", "newest", "old", "am", "fm"}


def bare_title(text: str) -> str:
    """"Start playing the habit" → "habit": a command that is a verb and a title alone, so a title
    not in the library is said to be missing (it played the one book there is); "" otherwise
    ("play my audiobook", "play the audiobook I was listening to")."""
    said = _BARE_TITLE.fullmatch(" ".join(re.findall(r"[a-z']+", text.lower())))
    return said[1] if said and not set(said[1].split()) & _NOT_A_TITLE and said[1] not in ("show", "series") else ""


def not_found(named: str, items: list[library.Track]) -> Reply:
    """"Sorry, I couldn't find habit. You have A Short Book.": ``named`` is not among ``items``
    (the library's items of one kind), two of which are named instead."""
    names = sorted({t.album or t.title for t in items})[:2]
    return Reply(f"Sorry, I couldn't find {speakable(named)}. You have "
                 f"{' and '.join(speakable(n) for n in names)}.", "not_found", (("query", named),))


THIS_ARTIST = re.compile(r"\b(?:this|that|the) (?:artist|band|singer|group|guy|woman|rapper)\b")
"""A like or dislike said of the artist playing, not the song ("I can't stand this band")."""
_HOW_WORDS = ("good", "nice", "great", "decent", "cool", "fun", "lovely", "else")


def slot_text(u: Understanding, *types: str) -> str:
    """The first of these slots said, unless it is only a vague word ("play something good":
    the model tagged "good" a genre, and "couldn't find good")."""
    for typ in types:
        s = u.slot(typ)
        if s is not None and s.text.strip() and (residue(s.text, extra=_HOW_WORDS)
                                                 or residue(u.text, extra=_HOW_WORDS)):
            return s.text.strip()
    return ""


_FROM = re.compile(r"(?:me |us )?(?:a |some |any )?(?:songs?|tracks?|music|something|anything) (?:from|off|of) "
                   r"(?:the )?(?:album |record |track |song |artist |band |genre )?(?P<name>[^\d]+?)(?: genre)?")


def from_said(whole: str) -> str:
    """"a song from voices & images" → "voices & images": an album or a show named after
    "from" (the model tagged only "voices", and a pop song played instead); "" for none, or for
    the household's own ("something from my favourites", "a song off the radio")."""
    m = _FROM.fullmatch(whole)
    if m is None or re.match(r"(?:my|our|the) (?:library|collection|favou?rites?|playlist|radio|queue)\b|(?:my|our|"
                             r"this|that|the) (?:list|album|artist|band|one)$|(?:it|this|that|them)$", m["name"]):
        return ""
    return m["name"]


_POD_HEARD = re.compile(r"\bpo[dtg]{1,2}(?:'s)? (?:a?s|cast)\b|\bpottess\b|\bpod s\b", re.IGNORECASE)


def podcast_heard(text: str) -> str:
    """"Please play a pod s." → "Please play a podcast.": how the edge Whisper writes "podcast"
    in HWU64 train sentences ("pot s", "pot as", "pog s", "pottess"); used for podcast commands
    only, as "coffee pods" and "pots" are things too."""
    return _POD_HEARD.sub("podcast", text)
