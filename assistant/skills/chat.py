"""Small talk and conversation control: general_greet / joke / quirky / praise / affirm / negate /
commandstop / repeat / explain / confirm / dontcare.

Each answer rotates through a few short phrasings (deterministic: the n-th ask of an intent gets
phrasing n mod k), so the speaker does not sound canned and tests stay exact. general_affirm and
general_negate also answer a pending clarifying question (see ``skills.respond``).
"""

from __future__ import annotations

import datetime as dt
import random
import re

from ..types import Reply, Understanding
from .base import Skill, SkillContext
from .bare import FAREWELL
from .games import FACTS
from .music import do_transport

PHRASES: dict[str, tuple[str, ...]] = {
    "general_greet": ("Hello! What can I do for you?", "Hi there.", "Hello again.",
                      "Hey. I'm listening."),
    "general_joke": (
        "Why did the scarecrow win an award? Because he was outstanding in his field.",
        "I would tell you a joke about pizza, but it's a little cheesy.",
        "Why don't skeletons fight each other? They don't have the guts.",
        "Why did the music teacher need a ladder? To reach the high notes.",
        "I told my radio a joke. It didn't get the frequency.",
    ),
    "general_quirky": ("I'm just a small speaker, but I'm a good listener.",
                       "That's a deep one. I mostly think about music.",
                       "Interesting. Tell me more, or ask me to play something.",
                       "I'm not sure what to say to that, but I like the way you said it."),
    "general_praise": ("You're welcome!", "Glad I could help.", "That's kind of you.",
                       "Thanks, I try my best."),
    "general_affirm": ("Okay.", "Great.", "Good.", "Alright."),
    "general_negate": ("Okay, never mind.", "Alright.", "No problem."),
    # with nothing asked ("I'll choose" promised what never came); an answer to a question is
    # served by the skill that asked
    "general_dontcare": ("Okay.", "Fair enough.", "Alright."),
    "general_explain": (
        "I can play music from your library, set timers, alarms and reminders, keep your "
        "shopping list and calendar, do sums, change the volume and tell the time. Just ask.",
        "Try saying: play some jazz, set a timer for ten minutes, add milk to my shopping list, "
        "or what's twelve times seven.",
    ),
}


NAME_KEY = "household_name"
"""The name said to the speaker ("my name is John"), in the database's meta table."""
_ABOUT_ME = (  # (kind, pattern): questions about the speaker itself, first match wins
    # someone in danger: "help I've fallen" got a joke, "call 911" "Sorry, I didn't catch that"
    ("emergency", r"\b(?:call|dial|ring|phone|get|send|contact|need|want) (?:for )?(?:me )?(?:an? |the )?"
                  r"(?:9 ?1 ?1|(?:nine|mine) one one|9 ?9 ?9|nine nine nine|1 ?1 ?2|one one two|emergency services|"
                  r"ambulance|police|cops|fire (?:brigade|department)|paramedics|a doctor)\b"
                  r"|\b(?:i've|i have|i) (?:had a |just )?(?:fallen|fell)(?: down| over)?\b(?! asleep)|"
                  r"\bcan't (?:get up|breathe)\b|\bheart attack\b|\bi(?:'m| am) (?:badly )?(?:hurt|bleeding|"
                  r"injured|choking)\b|\bsomeone(?:'s| is) (?:breaking|broken) in\b|\b(?:there's|there is) "
                  r"(?:a fire|an intruder|someone in the house)\b|\bis there a fire\b|\bi smell (?:smoke|gas)\b|"
                  r"^(?:somebody|someone|please) help(?: me| us)?(?: please)?$|\bthis is an "
                  r"emergency\b|\bit's an emergency\b"),
    ("privacy", r"\bare you (?:always )?(?:listening|recording|spying)\b|\bdo you (?:record|store|"
                r"send|keep|save|upload)\b|\b(?:is|are) (?:this|that|my voice|everything(?: i say)?|"
                r"what i say|our conversations?) (?:being )?(?:recorded|sent|stored|saved|uploaded)\b|"
                r"\bwhere does (?:my|our|the) (?:voice|audio|data|recording) go\b"),
    ("maker", r"\bwho (?:made|built|created|designed|programmed|invented|makes|owns) you\b|"
              r"\bwhere (?:do|did) you come from\b"),
    ("rename", r"\b(?:change|set|rename|pick|choose|new) (?:(?:your|a) (?:new )?name|"
               r"(?:your|the|my|a) (?:new )?wake ?(?:up )?(?:word|phrase))\b|\bcan (?:i|we) (?:call|rename) you\b|\bcall you something else\b|"
               r"\bwhat(?:'s| is) (?:the|your|my) wake ?(?:up )?(?:word|phrase)\b|"
               r"\bhow do (?:i|we) wake you(?: up)?\b|^wake (?:word|phrase)$|\b(?:i will|i'll|i'm going to|i am going to)"
               r"(?: start)? call(?:ing)? you\b|\brename yourself\b|\bchange the name (?:of )?(?:you|your system|the ai)\b|"
               r"\bresponding to the name\b|\bname (?:of what|that) you respond to\b"),
    # the device itself (each got a wrong action: "restart yourself" played an audiobook, "set
    # the bass higher" turned the volume up, "can you learn my voice" too)
    ("power", r"\b(?:turn|switch|shut|power) (?:yourself|the speaker|the device|you) (?:off|down)\b"),
    ("wait", r"^(?:wait|hold on|hang on|one (?:moment|sec|second|minute)|just a (?:moment|sec|"
             r"second|minute)|give me a (?:moment|sec|second|minute))(?: a (?:moment|sec|second|minute))?"
             r"(?: please)?$"),  # it muted
    ("called", r"^(?:hey |ok |okay )?speaker$"),  # the wake word alone: it muted
    ("streaming", r"\b(?:spotify|apple music|youtube music|amazon music|pandora|tidal|deezer|"
                  r"soundcloud|netflix)\b"),  # "do you have spotify": "This is <the song>"
    ("language", r"^(?:hola|ola|bonjour|ciao|hallo|guten tag|konnichiwa|namaste|salut|gracias|merci|danke|"
                 r"arigato|buenos dias|buenas noches|bonsoir)$|"
                 r"\b(?:speak|talk|understand|know|switch to|change to) (?:any |in )?(?:spanish|french|"
                 r"german|italian|chinese|mandarin|japanese|hindi|arabic|portuguese|russian|dutch|"
                 r"polish|korean|other languages|another language|a different language)\b"),
    ("restart", r"\b(?:restart|reboot) (?:yourself|the speaker|the device)\b|^reboot$"),
    ("update", r"\b(?:update|upgrade) (?:yourself|your software)\b|\bare you up to date\b|"
               r"^check for updates$"),
    ("version", r"\bwhat version (?:are you|is this|do you (?:run|have))\b|\bwhich version\b|"
                r"\byour version\b"),
    ("online", r"\bare you (?:connected to|on) the internet\b|\bdo you (?:work|run) offline\b|"
               r"\bare you online\b|\bdo you need (?:the )?internet\b|\b(?:connect|join) (?:to )?"
               r"(?:the )?wi ?fi\b|\bwhat(?:'s| is) (?:my|the|your) (?:ip|wi ?fi)\b"),
    ("reset", r"\bfactory (?:reset|settings)\b|\breset (?:yourself|everything)\b"),
    ("voice", r"\b(?:learn|recogni[sz]e|know|remember) my voice\b|\bvoice (?:match|profile)\b"),
    ("voice_change", r"\b(?:change|switch|pick|choose|use) (?:your|the|a|to a) (?:different |new |other )?"
                     r"(?:voice|accent)\b|\b(?:sound|talk|speak) like a (?:man|woman|boy|girl|robot)\b|"
                     r"\b(?:another|different) voice\b|\b(?:female|male|woman's|man's|woman|man|british|"
                     r"american|australian|english|irish|scottish|indian|southern) (?:voice|accent)\b"),
    # "change your voice" and "use a male voice instead" muted it; "i prefer female voice now" recorded a like
    ("forget", r"^(?:please )?(?:forget|delete|erase|clear) (?:everything|all|what) (?:i(?:'ve)? (?:said|"
               r"told you)|i say|you (?:heard|know))\b|\b(?:delete|erase|clear) (?:my|the|all) (?:recordings?|"
               r"voice recordings?|transcripts?)\b"),  # "Sorry, I didn't catch that."
    ("know_me", r"^what do you know about me$|^what do you (?:remember|keep|store) about (?:me|us)$"),
    ("bluetooth", r"\bbluetooth\b|\bpair (?:with|to) \b"),
    ("rooms", r"\b(?:on|in|to|through) the (?:kitchen|bedroom|living room|bathroom|office|other|"
              r"upstairs|downstairs|garden) speakers?\b|\bin every room\b|\bmulti ?room\b|"
              r"\ball (?:the )?speakers\b"),
    ("eq", r"\b(?:turn|set|change|adjust|boost|raise|lower|more|less|increase|decrease|reduce)\b.*"
           r"\b(?:bass|treble)\b|\b(?:bass|treble) (?:up|down|higher|lower|boost)\b|\bequali[sz]er\b"),
    ("mic", r"\bis (?:my|the|your) (?:microphone|mic) (?:working|on)\b"),
    ("chore", r"^did you (?:take|put|feed|walk|wash|clean|empty|tidy|hoover|vacuum|lock|water|pick|"
              r"do|make|buy|get|call|pay|fix|bring|pack|load|unload|mow|shut|close|open)\b(?! (?:the )?"
              r"(?:alarm|timer|music|song|list|volume|reminder))"),
    ("hush", r"^(?:(?:can you|could you|would you|please|just|okay) )*(?:stop|quit) (?:talking|"
             r"speaking|chatting)(?: please| now)?$|^enough talking$"),  # muted the music
    ("name", r"\bwhat(?:'s| is) your name\b|\bwho are you\b|\bwhat (?:should|do|can|shall) i call "
             r"you\b|\bdo you have a name\b|\bwhat are you called\b|\bwhat's your name\b|\byour (?:full )?name "
             r"(?:please|again)\b|^your name$|\bwhat was your name\b|\b(?:the )?(?:ai|speaker)'s name\b|\bgive me your "
             r"name\b|\bwhat (?:should|do|can|shall) i (?:refer to|call) you\b|\bwhat name do you (?:prefer|like|go by|want)\b|"
             r"\bwhat to call you\b|\bdoes the ai have a name\b|\bdidn't (?:get|catch) your name\b"),
    ("what", r"^what are you$|\b(?:a )?real(?:,)? (?:live )?(?:person|human)\b|\ba person or (?:an? )?(?:ai|bot|robot|"
             r"computer)\b|\b(?:ai|bot|robot|computer) or (?:a )?(?:real|person|human)\b|\b(?:talking|speaking) (?:to|with) (?:a )?(?:real person|someone real|real|a person|a bot|"
             r"an ai|a human)\b|\bare you (?:a |an )?(?:bot|automated|artificial|real or)\b|\bare your real\b|"
             r"\b(?:a )?bot or (?:a )?(?:human|person)\b|\bhuman or (?:a )?(?:computer|bot|machine)\b|\bare you (?:a robot|a person|a human|human|real|alive|an? ai|"
             r"a computer)\b"),
    ("insult", r"^(?:you(?:'re| are) (?:so |really |just )?(?:useless|stupid|dumb|an idiot|terrible|"
               r"rubbish|the worst|hopeless|annoying|no help)|you suck|you're not helping|"
               r"you are not helping|(?:terrible|bad|awful|poor|rubbish|lousy) (?:job|work))$"),
    ("wrong", r"\bnot what i (?:asked|wanted|said|meant)\b|^(?:no )?(?:that's|that is) (?:wrong|not "
              r"right)$|^(?:no |oh no )?(?:(?:that|this) (?:is|was)|that's|it's|you played|you got) "
              r"(?:the |a )?wrong (?:song|one|thing|music|album|artist|track|book|episode)$|"
              r"^wrong (?:song|one|thing)$"),
    ("sad", r"^i(?:'m| am) (?:feeling |so |really |a bit |very )?(?:sad|down|lonely|upset|stressed|"
            r"unhappy|depressed|miserable|not (?:feeling )?(?:well|good|great|ok|okay)|sick|anxious|"
            r"angry|frustrated|annoyed|mad|cross|furious|fed up)$|"
            r"^i(?:'m| am) having a (?:bad|rough|terrible|awful|hard|tough) day$|^i feel (?:sad|down|"
            r"lonely|awful|terrible|sick|bad)$"),
    ("happy", r"^i(?:'m| am) (?:feeling |so |really |very )?(?:happy|great|excited|wonderful|"
              r"fantastic)$|^i(?:'m| am) having a (?:good|great|lovely|wonderful|fantastic) day$|"
              r"^i feel (?:happy|great|good|wonderful)$"),
    ("bored", r"^i(?:'m| am) (?:so |really |very )?bored$"),
    ("sing", r"^(?:can you |could you |will you |please )?sing(?: me| us)?(?: a| this| that| the)?"
             r"(?: \w*song| something| for me)?$|^do you sing$|^do you know (?:any|a|some) (?:good )?"
             r"songs?$"),  # "sing me desong" (tiny.en)
    ("tired", r"^i(?:'m| am) (?:so |really |very )?(?:tired|sleepy|exhausted)$"),
    ("sleepless", r"^i (?:can't|cannot|can not) (?:get to )?sleep$|^i(?:'m| am) (?:having trouble|"
                  r"struggling) (?:sleeping|getting to sleep)$"),  # it muted
    ("story", r"^(?:can you |could you |will you |please )?(?:tell|read) (?:me |us )?a (?:bedtime |short "
              r"|little )?(?:story|fairy tale)(?: please)?$|^do you know (?:any|a) (?:good )?stor(?:y|ies)$"),
    ("favourite", r"\bwhat(?:'s| is| are) your favou?rites?\b|\bdo you have (?:a )?favou?rites?\b"),
    ("fact", r"^(?:can you |could you |please )?(?:tell|give) me (?:something (?:interesting|new|cool)|"
             r"an? (?:fun |random |cool |interesting )?fact)(?: please)?$|^(?:tell me )?a fun fact$"),
    ("compliment", r"^(?:you(?:'re| are)|you're) (?:so |really |very |pretty )?(?:funny|smart|clever|"
                   r"great|awesome|amazing|the best|brilliant|cool|nice|sweet|hilarious|a good speaker)$|"
                   r"^i (?:love|like) you$|^(?:good|great|nice) (?:job|work)$|^well done$"),
    # small talk a household says to a speaker (each got a wrong answer or action before)
    ("how", r"^(?:hi |hello |hey )?how are you(?: doing| today)?$|^how's it going$|^how are things$"),
    ("up", r"^what's up$|^whats up$|^what is up$|^sup$"),
    ("there", r"^(?:are you (?:there|awake|on)|you there|hello are you there)$"),  # "a deep one"
    ("hear", r"^(?:can|do|did) you hear me$|^are you hearing me$|"
             r"^did you (?:hear|get|catch) me$"),  # turned the volume up
    ("home", r"^(?:i'm|i am|we're|we are) (?:home|back(?: home)?)$"),  # "can't book a taxi"
    ("my_name_is", r"^(?:hi |hello )?(?:my name is|my name's|i'm called|call me|you can call me|(?:please )?start calling "
                   r"me|i (?:prefer to |like to |want to |would like to |'d like to )?go by(?! (?:bus|car|train|bike|"
                   r"bicycle|foot|taxi|cab|uber|lyft|plane|subway|tube|metro|boat|ferry|road|rail|air|sea|coach)\b)|"
                   r"i(?:'d| would)? like to be called|i want to be called|(?:you can )?(?:just )?(?:speak to|address|refer "
                   r"to) me as) (?!a\b|an\b|"
                   r"the\b|back\b|later\b|tomorrow\b|when\b|at\b|in\b|on\b|if\b|please\b|what\b|who\b|how\b|"
                   r"something\b|my\b|your\b)(?:by )?(?!my\b|your\b)[a-z]+(?: [a-z]+)?$"),
    ("my_name", r"^(?:what(?:'s| is) my name|who am i|do you know (?:my name|who i am))$|\bmy (?:first )?name\b.*\b(?:saved|"
                r"stored|listed|wrote|format|in your system)\b|\b(?:what|how) (?:do|did|will|would) (?:you|ya) (?:usually )?"
                r"(?:refer to|call|save) me\b|\bby what name do you refer to me\b|\b(?:guess|say) my name\b|\bwhat names? do "
                r"you (?:have|use)\b.*\bme\b|\bname (?:that )?you call me\b|\bwhat names you have for me\b|\byou (?:refer to|"
                r"call|saved) me (?:as )?(?:what|how)\b|\bwhat (?:are you going|would you like) to (?:refer to|call) me\b"),
    ("what_i_said", r"^(?:so |sorry )?what (?:did|have) i just (?:say|said|ask|asked)(?: you)?$|^what was the last "
                    r"thing i (?:said|asked(?: you)?|told you)$|^what did i (?:say|ask)(?: you)?(?: just now| last| "
                    r"a (?:minute|moment|second) ago)$"),  # contacts
    ("my_age", r"^how old am i$|^what(?:'s| is) my age$|^do you know how old i am$"),  # "It's 10:00 PM."
    ("friend", r"^(?:are you|will you be) my (?:best )?friend$|^do you like me$|^do you love me$"),
    ("animals", r"^(?:can|do) you (?:do|make|know) (?:any )?animal (?:sounds|noises)$"),
    ("status", r"^(?:so )?(?:what's going on|what is going on|what's (?:still )?running|what is (?:still )?running|"
               r"is (?:there )?anything (?:still )?(?:running|going)|what's still (?:on|going)|status|what's the "
               r"status|what are you doing|what's set|what have you got going|anything going on)(?: right now| now)?$"),
    ("bed", r"^(?:(?:ok|okay|well|right) )?(?:i'm|i am|we're|we are) (?:going|off|heading) to (?:bed|sleep)"
            r"(?: now)?$|^(?:(?:it's |its |it is )?(?:time for bed|time to go to bed|time to sleep|time for sleep)"
            r"(?: now)?|bedtime)$"),  # "Sorry, I didn't catch that."
    ("done_talking", r"^(?:(?:no|okay|ok|alright|right) )?(?:that's all|that is all|that's it|that will be all|"
                     r"that'll be all|nothing else|nothing more|i'm done|we're done)(?: for now| thanks| thank you| "
                     r"then| for today)?$|^(?:(?:ai|hey|please|can you|could you|would you|i need you to) )*(?:stop|quit) "
                     r"(?:talking|speaking)(?: please| now| for now)?$"),  # "that's all for now" stopped the music;
    # "stop talking" muted it (the speech it means stops as it is said: the loop's barge-in)
    ("shopping", r"^(?:i'm|i am|we're|we are) (?:going|off|heading out) (?:shopping|to the (?:shops|store|"
                 r"supermarket|grocery store))(?: now)?$"),  # "That's a deep one."
    ("leaving", r"^(?:i'm|i am|we're|we are) (?:leaving|off|going out|heading out|going)(?: now)?(?: (?:for|to) "
                r"(?:work|school|the day|a walk|a run|the gym))?(?: now)?$|^(?:i'll|i will|we'll|we will) be back"
                r"(?: in [a-z0-9 ]+| soon| later| tonight| tomorrow)?$|^(?:we're|we are) going on (?:vacation|"
                r"holiday|a trip)$"),  # "I'll be back in an hour" muted the speaker for an hour
    ("awake", r"^(?:i'm|i am|we're|we are) (?:up|awake)(?: now)?$"),  # "I'm up" turned the volume up
    ("age", r"^how old are you$|^when were you (?:born|made)$|\byour age\b|\bhow old (?:you are|will you be)\b"),
    ("music", r"^do you (?:like|love|enjoy) music$"),  # "Nothing is playing right now."
    ("scared", r"^i(?:'m| am) (?:so |really |very |a bit |a little )?(?:scared|afraid|frightened|"
               r"scared of the dark)$|^i(?:'m| am) having (?:a )?(?:bad dreams?|nightmares?)$"),
    ("my_riddle", r"^i(?:'ve| have) (?:got )?a (?:riddle|joke|question) for you$|^(?:can i|let me) "
                  r"(?:tell|ask) you a (?:riddle|joke)$"),
    ("guess", r"^guess what$"),
    ("dance", r"^(?:can|do) you dance$|^(?:let's|lets) dance$|^do you like (?:to )?danc(?:e|ing)$"),
    ("greeting", r"^(?:happy|merry) (?:birthday|christmas|xmas|new year|holidays|thanksgiving|easter|"
                 r"halloween|hanukkah|diwali|eid|mother's day|father's day|valentine's day|anniversary)"
                 r"(?: to you| everyone| everybody| speaker)?$"),  # "Sorry, I didn't catch that."
    ("dinner", r"^what (?:should|shall|can|could) (?:i|we) (?:have|eat|cook|make) for (?:dinner|lunch|"
               r"breakfast|tea|supper)(?: tonight| today)?$"),
)
_ABOUT_ME_RX = [(kind, re.compile(p)) for kind, p in _ABOUT_ME]


def about_me(text: str) -> str | None:
    """"privacy" | "maker" | "name" | "what" for a question about the speaker itself ("what's
    your name", "are you recording me"); "insult" | "wrong" for what is said of it ("you're
    useless", "that's not what I asked for"); "sad" | "happy" | "bored" | "tired" for how the
    person feels ("I'm sad"); else None. The model has no such intents: "what's your name" read
    as email_querycontact, "I'm sad" as general_quirky with a stock reply."""
    low = " ".join(re.findall(r"[a-z0-9']+", text.lower()))  # digits: "call 911"
    return next((kind for kind, rx in _ABOUT_ME_RX if rx.search(low)), None)


_SAYS = {
    "maker": "I'm built from open-source parts, and I run entirely on this device, without the "
             "internet.",
    "insult": "Sorry. I'm still learning. Ask me 'what can you do' to hear what I'm good at.",
    "hush": "Okay.",
    "sleepless": "Sorry to hear that. I can play something calm: say, play something relaxing. "
                 "Or set a sleep timer: stop the music in thirty minutes.",
    "chore": "Not me: I can't do jobs around the house. I can remind someone, though. Say: remind "
             "me to, and what.",
    "power": "I can't switch myself off by voice. Unplug me, or stop my service, and I'll be off.",
    "wait": "Okay, take your time.",
    "called": "Yes? What can I do for you?",
    "streaming": "I don't use streaming services: I play the music, podcasts and audiobooks in your "
                 "library, right here on this device.",
    "language": "Sorry, I only speak English for now.",
    "restart": "I can't restart myself by voice. Unplugging me and plugging me back in does it.",
    "update": "I don't update myself: I work offline. New versions are put on me by hand.",
    "online": "I work entirely offline: I don't use the internet, and nothing you say leaves this "
              "device.",
    "reset": "I can't reset myself by voice. To forget what you've played, say: clear my listening "
             "history.",
    "bluetooth": "Sorry, I can't pair with Bluetooth devices. I play through my own speaker.",
    "rooms": "Sorry, I can only play on this speaker.",
    "eq": "Sorry, I can't change the bass or treble yet. I can change the volume.",
    "mic": "Yes, I can hear you.",
    "sad": "I'm sorry to hear that. I'm here if you'd like some music.",
    "happy": "That's great to hear!",
    "bored": "How about a joke, or some music? Just ask.",
    "sing": "I'm better at playing songs than singing them. Say 'play some music' and I will.",
    # none on the device: say so, and offer what there is
    "story": "I don't know any stories yet. I could tell you a joke, or play an audiobook.",
    # "what's your favourite song" read as music_query: "You haven't played..."
    "favourite": "I don't have favourites of my own, but I learn yours. Say 'play my favourites' "
                 "to hear the songs you like most.",
    "compliment": "Thank you! That's nice to hear.",
    "how": "I'm doing well, thanks for asking. What can I do for you?",
    "up": "Not much, just listening for you. What can I do for you?",
    "there": "I'm here. What can I do for you?",
    "hear": "Yes, I can hear you.",
    "leaving": "Okay, see you later!",
    "age": "I'm quite new, and I learn what you like as we go.",
    "music": "I love music. Say 'play some music' and I'll put on something you like.",
    "tired": "Maybe take a break. I can set a timer for a short nap.",
    "scared": "It's okay, you're safe. I'm right here. Would some calm music help? Say: play "
              "something relaxing.",
    "guess": "What?",
    "my_age": "I don't know how old you are. I only know what you tell me, like a birthday on the "
              "calendar.",
    "friend": "Of course! I'm always here when you need me.",
    "animals": "I know a few! Ask me: what does a cow say?",
    "emergency": "I can't call anyone: I have no phone line. If this is an emergency, call your "
                 "local emergency number from a phone, or shout for someone nearby.",
    "forget": "I don't keep recordings or what you say. What I do keep is what you ask me to: your "
              "lists, calendar, alarms and what you've played. To forget that, say: clear my "
              "listening history.",
    "know_me": "Only what you've told me: your lists, calendar, alarms and reminders, and the music "
               "you like and play. It all stays on this device.",
    "my_riddle": "I'm not good at guessing, but I love a knock-knock joke: say knock knock. Or ask "
                 "me for a riddle.",
    "dance": "I can't dance, but I can play something to dance to. Say: play some pop.",
    "dinner": "Sorry, I can't look up recipes or meals offline. I can set a cooking timer, or add "
              "what you need to your shopping list.",
}
"""What the speaker says to each kind of :func:`about_me` that needs nothing but its kind."""


def _about_me_reply(kind: str, ctx: SkillContext, text: str = "") -> str:
    wake = ctx.cfg.wake.phrase
    if kind == "privacy":
        return (f"I only listen for '{wake}', and everything I hear stays on this device. "
                "Nothing is sent anywhere.")
    if kind == "rename":  # "change the wake word" took "change the wake word" off a list
        return (f"My wake phrase is '{wake}'. To change it, set the phrase in the wake section of "
                "my config file, then restart me.")
    if kind == "name":
        return f"I'm your speaker. Say '{wake}' whenever you need me."
    if kind == "voice":
        return f"I don't learn voices. I answer anyone who says '{wake}'."
    if kind == "my_name_is":  # kept on the device; one name, as voices are not told apart
        name = re.sub(r"^(?:hi |hello )?(?:my name is|my name's|i'm called|call me|you can call me|(?:please )?start calling "
                      r"me|i (?:prefer to |like to |want to |would like to |'d like to )?go by|"
                      r"i(?:'d| would)? like to be called|i want to be called|(?:you can )?(?:just )?(?:speak to|address|"
                      r"refer to) me as)(?: by)? ", "",
                      " ".join(re.findall(r"[a-z']+", text))).title()
        ctx.db.set_meta(NAME_KEY, name)
        return f"Nice to meet you, {name}! I'll remember that."
    if kind == "what_i_said":  # what was heard is what was acted on: a mishearing shows here
        said = ctx.last_heard.strip().rstrip(".!?")
        return f"I heard: {said}." if said else "I haven't heard anything from you yet."
    if kind == "my_name":
        name = ctx.db.get_meta(NAME_KEY)
        return f"You told me your name is {name}." if name else \
            "I don't know your name yet. Tell me: my name is, and your name."
    if kind == "voice_change":
        return ("You can choose my voice in my config file: set engine and voice in its tts section, "
                "then restart me.")
    if kind == "version":
        from .. import __version__

        return f"I'm assistant version {__version__}."
    if kind == "fact":
        return random.choice(FACTS)
    if kind == "greeting":  # "merry christmas": said back
        said = re.sub(r"\s+(?:to you|everyone|everybody|speaker)$", "", " ".join(
            re.findall(r"[a-z']+", text.lower())))
        if said.endswith("birthday"):
            return "Happy birthday! I hope it's a great one."
        return " ".join(w[:1].upper() + w[1:] for w in said.split()) + " to you too!"
    if kind == "status":  # "what's going on": what plays, the timers, the next alarm
        return _status(ctx)
    if kind == "shopping":  # what the list holds, since that is what the trip is for
        from ..lists import Lists
        from .spoken import say_list

        items = Lists(ctx.db).items("shopping")
        return (f"Okay! Your shopping list has {say_list(items[:8])}" + (f", and {len(items) - 8} more." if
                len(items) > 8 else ".")) if items else "Okay, see you later! Your shopping list is empty."
    if kind == "leaving" and re.search(r"\b(?:vacation|holiday|trip)\b", text):
        return "Have a great trip!"
    if kind == "awake":
        day = _day_ahead(ctx)
        return f"Good morning! {day}".strip() if 4 <= dt.datetime.fromtimestamp(ctx.clock()).hour < 12 \
            else "Okay, good to know."
    if kind == "done_talking":  # what plays goes on
        return "Okay."
    if kind == "bed":  # and the alarm that will wake them, if one is set
        from .timer_query import say_alarm
        from .timer_words import own

        alarms = own(ctx, "alarm")
        when = f" Your alarm is set for {say_alarm(alarms[0], ctx.clock())}." if alarms else ""
        return f"Good night, sleep well.{when}"
    if kind == "home":
        return "Welcome back!" if "back" in text else "Welcome home!"
    return _SAYS.get(kind, "I'm a small speaker that runs entirely on this device. I can play "
                           "music, set timers, and more.")


_CRITIC = re.compile(r"\b(?:not|isn't|wasn't|isnt|wasnt) (?:very |that |so |even )?funny\b|"
                     r"\b(?:that|it|this|the joke|that joke)(?: one)? (?:was|is|'s)? ?(?:so |really |pretty )?"
                     r"(?:bad|terrible|awful|lame|stupid|corny|cheesy|dumb|the worst)\b|"
                     r"^(?:boo|lame|groan|terrible|awful)$|\bi don't get it\b")
"""What a listener says of a joke that fell flat."""


_LIKED = re.compile(r"\b(?:funny|hilarious|good one|great one|nice one|brilliant|lol|haha|ha ha|"
                    r"made me laugh|love it|loved it|liked it|like that one|good joke|great joke)\b")


def likes_joke(text: str, ctx: SkillContext) -> bool:
    """"That was a funny one" right after a joke: thanked with "You're welcome!" until now."""
    last = ctx.last_reply
    low = " ".join(re.findall(r"[a-z']+", text.lower()))
    return (last is not None and last.text in PHRASES["general_joke"] and bool(_LIKED.search(low))
            and not _CRITIC.search(low))


def criticises_joke(text: str, ctx: SkillContext) -> bool:
    """"That's not funny" right after a joke (and not of the song that is playing)."""
    last = ctx.last_reply
    return (last is not None and last.text in PHRASES["general_joke"]
            and bool(_CRITIC.search(" ".join(re.findall(r"[a-z']+", text.lower())))))


_HOW_TO = re.compile(r"^(?:so |and |okay )?how (?:do|can|should|would) (?:i|we|you) (?P<what>.+)$|"
                     r"^what (?:can|should|do) (?:i|we) (?:ask|say|tell) (?:you )?(?:about|for|to) "
                     r"(?P<about>.+)$|"
                     r"^(?:can|could) you (?P<can>set timers|set alarms|set an alarm|set a timer|play music|"
                     r"remind me|make lists|keep a list|(?:do|set|make) reminders|do (?:timers|alarms|"
                     r"lists)|keep (?:a|my) calendar|do (?:sums|maths|math)|(?:set|do|have|run|handle) "
                     r"(?:recurring|repeating|multiple|several|more than one|two|many|named) (?:alarms|timers|"
                     r"reminders)(?: at once| at the same time)?|remember (?:things|stuff)(?: for me)?|(?:keep track of|track|"
                     r"remember) (?:my |our )?(?:medicine|medication|meds|pills|tablets|chores))$")
_HINTS = (  # (words, what to say): first match wins
    (("medicine", "medication", "med", "pill", "tablet", "chore"),
     "Tell me when it's done: I took my pills. Later ask: did I take my pills today? I can remind "
     "you too: remind me every day at eight to take my pills."),
    (("remember", "thing"), "I keep lists and reminders. Just say: add milk to my shopping list, or "
                            "remind me at six to call mom."),
    (("alarm", "wake"), "Just say: set an alarm for seven AM. Add every weekday to repeat it."),
    (("timer",), "Just say: set a timer for ten minutes. You can name it: a pasta timer, and set "
                 "as many as you like."),
    (("remind", "reminder"), "Just say: remind me at five PM to call mom."),
    (("list",), "Just say: add milk to my shopping list, or what's on my shopping list."),
    (("calendar", "appointment", "event"), "Just say: add dentist appointment on Friday at three."),
    (("sum", "math", "maths"), "Just say: what's twelve times seven, or what's fifteen percent of eighty."),
    (("volume", "louder", "quieter", "mute"), "Just say: louder, quieter, or set the volume to five."),
    (("music", "song", "play", "listen", "podcast", "audiobook", "radio", "playlist"),
     "Just say: play some jazz, play Miles Davis, or play a podcast."),
)


def how_to(text: str) -> str | None:
    """A hint for "how do I set an alarm" / "can you set timers" (the model read the first as a
    question about the alarms set), or None."""
    m = _HOW_TO.match(" ".join(re.findall(r"[a-z']+", text.lower())))
    if not m:
        return None
    words = {w.removesuffix("s") for w in (m["what"] or m["about"] or m["can"]).split()}
    hint = next((say for keys, say in _HINTS if words & set(keys)), None)
    if words & {"cancel", "delete", "remove", "stop"} and words & {"alarm", "timer", "reminder"}:
        hint = "Just say: cancel my alarm, cancel the pasta timer, or cancel my reminder."
    elif words & {"stop", "pause"} and not words & {"alarm", "timer", "reminder", "list"}:
        hint = "Just say: stop, or pause, and resume to go on."  # "how do I stop the music" (play hint)
    return f"Yes. {hint}" if hint and m["can"] else hint


_ANNOUNCE = re.compile(
    r"(?:please |can you |could you )?(?:(?:make an )?announce(?:ment)?|broadcast|shout|call out|"
    r"tell (?P<who>every ?one|every ?body|the kids|the children|the family|the house|the whole house|"
    r"them|the boys|the girls|him|her|(?:my|our) (?:wife|husband|partner|son|daughter|kids|children|boys|"
    r"girls|mom|mum|mommy|mummy|dad|daddy|mother|father|brother|sister|grandma|grandpa|nan|family|"
    r"roommate|flatmate)|(?!me\b|us\b|you\b|a\b|an\b|the\b|what\b|how\b|"
    r"when\b|where\b|who\b|why\b|which\b|if\b|something\b|anything\b|jokes?\b|stor(?:y|ies)\b|time\b|"
    r"more\b|about\b|it\b|that\b|this\b|your\b|my\b|our\b|them\b|again\b|everything\b|some\b|one\b)"
    r"[a-z]+))(?: that)?(?: to)? (?P<what>.+)")


def announcement(text: str) -> str | None:
    """"Announce dinner is ready" → "Dinner is ready!"; "tell the kids to come downstairs" →
    "Kids, come downstairs!": what the speaker says aloud to the room, or None."""
    low = " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("kid's", "kids").replace("kids'", "kids")))
    m = _ANNOUNCE.fullmatch(low)  # ("Tell the kid's dinner is ready.", as tiny.en writes it)
    if m is None:
        return None
    household = m["who"] is None or re.fullmatch(r"every ?one|every ?body|the .+|them|him|her|(?:my|our) .+",
                                                  m["who"])
    if not household and not re.search(rf"\btell {m['who']} to ", low):
        return None  # "tell sean I appreciate him reaching out": a message for someone away, not the room
    if re.search(r"\b(?:email|e mail|text|message|tweet|through|via|on whatsapp)\b", m["what"]):
        return None
    what = re.sub(r"^(?:that|to) ", "", m["what"]).strip()
    what = re.sub(r"\bplease$", "", what).strip()
    if not what or len(what.split()) > 20:
        return None
    what = re.sub(r"\bi\b", "I", what)
    who = (m["who"] or "").replace("the whole ", "").replace("the ", "").replace("every ", "every")
    if who in ("", "them", "house", "him", "her") or who.startswith(("my ", "our ")):  # "tell my wife ..."
        return f"{what[0].upper()}{what[1:]}!"
    return f"{who.capitalize()}, {what}!"


def _status(ctx: SkillContext) -> str:
    """"Playing Back in Volts by AC DC. Your timer has 10 minutes left. Your next alarm is at
    7 AM tomorrow." ("Nothing is going on." with none of them)."""
    from .spoken import speakable
    from .timer_query import say_alarm, say_timers
    from .timer_words import own

    now, parts = ctx.clock(), []
    t, state = ctx.player.current, ctx.player.status().state
    if t is not None and state in ("playing", "paused"):
        by = f" by {speakable(t.artist)}" if t.artist else ""
        parts.append(f"{'Playing' if state == 'playing' else 'Paused'}: {speakable(t.title)}{by}.")
    timers = own(ctx, "timer")
    if timers:
        parts.append(say_timers(timers, now))
    alarms = own(ctx, "alarm")
    if alarms:
        parts.append(f"Your next alarm is at {say_alarm(alarms[0], now)}.")
    return " ".join(parts) or "Nothing is going on: no music, timers or alarms."


def _day_ahead(ctx: SkillContext) -> str:
    """"Today you have dentist at 9 AM and lunch with dad at 12:30 PM.", said after "good
    morning" ("" with nothing left on the calendar today)."""
    from ..agenda import Agenda
    from .agenda import say_entry
    from .spoken import say_list

    now = dt.datetime.fromtimestamp(ctx.clock())
    left = [e for e in Agenda(ctx.db).between(now.date(), now.date()) if e.at is None or e.starts() >= now]
    if not left:
        return ""
    said = say_list([say_entry(e, now.date(), with_day=False) for e in left[:3]])
    more = f", and {len(left) - 3} more" if len(left) > 3 else ""
    return f"Today you have {said}{more}."


class ChatSkill(Skill):
    intents = ("general_greet", "general_joke", "general_quirky", "general_praise",
               "general_affirm", "general_negate", "general_commandstop", "general_repeat",
               "general_explain", "general_confirm", "general_dontcare")

    def __init__(self) -> None:
        self._turn: dict[str, int] = {}

    @staticmethod
    def jokes() -> tuple[str, ...]:
        return PHRASES["general_joke"]

    def pick(self, intent: str) -> str:
        """The next phrasing for ``intent`` (rotating)."""
        options = PHRASES[intent]
        n = self._turn.get(intent, 0)
        self._turn[intent] = n + 1
        return options[n % len(options)]

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        said = announcement(u.text)
        if said is not None:  # "tell the kids it's dinner time" asked when it was, for the calendar
            return Reply(said, "announce")
        if criticises_joke(u.text, ctx):  # "yes" then tells the next one
            return Reply("Sorry, that one fell flat. Want to hear another?", "suggest",
                         (("about", "joke"), ("offer", "general_joke")))
        if likes_joke(u.text, ctx):
            return Reply("Glad you liked it! Ask me for another one any time.", "say",
                         (("about", "joke"),))
        kind = about_me(u.text) if u.intent == "general_quirky" else None
        if kind == "wrong":  # undo what was just started, and ask again
            last = ctx.last_reply
            if last is not None and last.action == "play" and ctx.player.current is not None:
                ctx.player.stop()
                return Reply("Sorry about that. What would you like instead?", "stop",
                             (("about", kind),))
            return Reply("Sorry about that. What did you want?", "say", (("about", kind),))
        if kind == "wait" and ctx.player.status().state == "playing":  # "hold on" over music
            return do_transport("pause", ctx)
        if kind is not None:
            return Reply(_about_me_reply(kind, ctx, u.text.lower()), "say", (("about", kind),))
        if u.intent == "general_greet" and FAREWELL.search(u.text.lower()):
            # "good night": and the alarm that will wake them, as for "I'm going to bed"
            return Reply(_about_me_reply("bed", ctx) if "night" in u.text.lower() else "Goodbye.", "say")
        part = re.search(r"\bgood (morning|afternoon|evening)\b", u.text.lower())
        if u.intent == "general_greet" and part:  # answered in kind, not "Hello again."
            day = _day_ahead(ctx) if part.group(1) == "morning" else ""
            return Reply(f"Good {part.group(1)}! {day or 'What can I do for you?'}", "say")
        if u.intent == "general_commandstop":
            return self.stop(ctx)
        if u.intent == "general_repeat":
            last = ctx.last_reply
            if last is None or not last.text:
                return Reply("I haven't said anything yet.", "repeat")
            return Reply(last.text, "repeat", (("repeated", last.action),))
        if u.intent == "general_confirm":
            last = ctx.last_reply
            if last is None:
                return Reply("There's nothing to confirm yet.", "say")
            if last.action in ("clarify", "unsupported", "error", "not_found", "say", "repeat"):
                said = re.sub(r"^(?:I said: )+", "", last.text)  # asked again: not "I said: I said: ..."
                return Reply(f"I said: {said}", "confirm", (("confirmed", last.action),))
            if last.action == "confirm":  # asked twice: "Yes. Yes. ..."
                return Reply(last.text, "confirm", last.detail)
            return Reply(f"Yes. {last.text}", "confirm", (("confirmed", last.action),))
        hint = how_to(u.text)
        if hint is not None:
            return Reply(hint, "say", (("about", "how to"),))
        if u.intent == "general_explain" and ctx.last_reply is not None \
                and ctx.last_reply.action == "unsupported":
            return Reply("I work without the internet, so I can only do what this speaker "
                         "can do by itself: music, timers, alarms, lists, sums, volume and the time.", "say")
        return Reply(self.pick(u.intent), "say")

    def stop(self, ctx: SkillContext) -> Reply:
        """Stop whatever is going on: a ringing timer first, then playback."""
        n = ctx.timers.dismiss_ringing()
        if n:
            return Reply("Okay, it's off.", "dismiss", (("dismissed", str(n)),))
        if ctx.player.status().state != "stopped":
            return do_transport("stop", ctx)
        return Reply("Okay.", "stop")
