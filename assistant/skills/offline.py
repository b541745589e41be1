"""Everything the speaker cannot do offline gets an honest short answer, never a wrong action.

Email, takeaway, transport, news, weather, social media, stock and currency prices,
recommendations of events, places and films, recipes, smart-home devices (no bridge) and open
questions all need a service this speaker does not have. (Lists, sums, the household's own
calendar and small games do not: skills/lists.py, skills/maths.py, skills/agenda.py and
skills/games.py answer them.)
"""

from __future__ import annotations

import dataclasses
import re

from ..types import Reply, Understanding
from .base import Skill, SkillContext

CANNOT = {  # intent: what the speaker would have to do, for "Sorry, I can't ... offline yet."
    "email_addcontact": "manage your contacts",
    "email_query": "check your email",
    "email_querycontact": "look up your contacts",
    "email_sendemail": "send email",
    "takeaway_order": "order takeaway",
    "takeaway_query": "check on takeaway orders",
    "transport_query": "look up travel information",
    "transport_taxi": "book a taxi",
    "transport_ticket": "book tickets",
    "transport_traffic": "check the traffic",
    "news_query": "read the news",
    "weather_query": "check the weather",
    "social_post": "post to social media",
    "social_query": "check social media",
    "qa_stock": "check stock prices",
    "qa_currency": "check exchange rates",
    "qa_definition": "look up definitions",
    "qa_factoid": "look up facts",
    "recommendation_events": "find events",
    "recommendation_locations": "recommend places",
    "recommendation_movies": "recommend films",
    "cooking_recipe": "look up recipes",
}

_IOT = ("iot_cleaning", "iot_coffee", "iot_hue_lightchange", "iot_hue_lightdim",
        "iot_hue_lightoff", "iot_hue_lighton", "iot_hue_lightup", "iot_wemo_off", "iot_wemo_on")

_BY_WORDS = [  # (words that name what the speaker cannot do, the intent whose answer fits)
    (re.compile(r"^(?:can you |could you |please |would you )?(?:call|phone|ring|dial|facetime|"
                r"video call|text|message) (?!me\b|it\b|that\b|this\b)|\bsend (?:a |an )?(?:text|"
                r"message|sms|whatsapp)\b"), "phone_call"),
    (re.compile(r"\b(?:book|reserve|get) (?:us |me )?a table\b|\b(?:make|book) a reservation\b|"
                r"\breservation (?:at|for)\b|\bbook (?:a )?(?:spot|sot) for\b|\b(?:need|want|get|have) a "
                r"table\b|^table for\b|\bbook (?:a |an |the )?(?:[a-z'-]+ ){0,3}?(?:restaurant|cafe|diner|"
                r"pub|steakhouse|bistro|gastropub|tea house|brasserie|churrascaria)\b|\brestaurant "
                r"reservation\b|\bbook a party of\b"), "restaurant_booking"),
    (re.compile(r"\b(?:thermostat|heating|heater|air con(?:ditioning|ditioner)?|aircon|lights|lamps?|"
                r"light bulbs?|smart plug|vacuum|roomba|hoover|blinds|curtains|garage door|door lock|"
                r"coffee (?:machine|maker)|kettle|dishwasher|washing machine)\b|\b(?:lock|unlock) the "
                r"(?:front |back |side |garage )?door\b|^(?:please )?(?:open|close|shut) the (?:front |back |side |garage )?"
                r"(?:door|window|gate)s?\b|\bis the (?:front |back |side |garage )?door (?:locked|"
                r"unlocked|open|shut|closed)\b"), "iot_wemo_on"),  # "is the front door locked": alarms?
    (re.compile(r"^(?:is|are) (?:the |my )?(?:[a-z']+ ){1,3}?open(?: (?:now|today|tonight|tomorrow|on [a-z]+))?$|"
                r"\bopening (?:hours|times)\b|^what time does (?:the )?(?:[a-z']+ ){1,3}?(?:open|close)\b|"
                r"^when does (?:the )?(?:[a-z']+ ){1,3}?(?:open|close)\b"), "opening_hours"),
    (re.compile(r"\bwhat(?:'s| is| was) the score\b|\bwho won\b|\bscores? (?:of|for|in) the\b|"
                r"\b(?:game|match) (?:last night|tonight|today|yesterday)\b"), "sports"),
    (re.compile(r"^(?:can you |could you |please )?translate\b|\bhow do you say .+ in (?:spanish|french|"
                r"german|italian|chinese|japanese|portuguese|russian|arabic|hindi|korean|dutch)$"),
     "translate"),
    (re.compile(r"\bwhat(?:'s| is) on (?:tv|the tv|television|the telly|telly)\b|\btv (?:guide|listings)\b"),
     "tv_listings"),
    (re.compile(r"\b(?:find|ring|locate) my (?:phone|mobile|cell phone|tablet|keys|wallet)\b|"
                r"\bwhere(?:'s| is) my (?:phone|mobile|cell phone|tablet)\b"), "find_device"),
    (re.compile(r"\b(?:playback|play back|reading|listening|audiobook|podcast) speed\b|^(?:can you |please )?"
                r"(?:play|read) (?:it|this|that|the (?:book|podcast|song|episode|chapter)) (?:faster|"
                r"slower|more slowly|quicker|at (?:double|half|normal|one and a half times) speed)$|"
                r"\bat (?:two|one point five|one and a half) times(?: speed)?\b|^(?:can you |please )?(?:speed|slow) "
                r"(?:it|this|that|the (?:podcast|book|episode|song|audiobook)) (?:up|down)(?: a bit| please)?$|"
                r"^(?:can you |please )?(?:speed|slow) (?:up|down) (?:the )?(?:narration|narrator|reading|reader|"
                r"book|audiobook|podcast|episode|playback)\b"),
     "playback_speed"),  # "speed it up" turned the volume up
    (re.compile(r"^(?:can you |please )?(?:bookmark|save|remember) (?:this|that|my) (?:place|spot|page|position)?"
                r"(?: in (?:the|this|my) (?:book|audiobook|podcast|episode|chapter))?(?: please)?$|"
                r"^(?:can you |please )?bookmark (?:this|that|it)(?: please)?$"), "bookmark"),
    (re.compile(r"\b(?:subscribe|unsubscribe)\b|\b(?:are there|any|check for|download|get) (?:any )?new "
                r"episodes\b|\bdownload (?:this|that|the|more|new) (?:episode|podcast|book|song)s?\b"),
     "podcast_feed"),  # "subscribe to this podcast" played it
    (re.compile(r"^(?:please )?(?:delete|remove|erase) (?:this|that|the) (?:episode|song|track|podcast|book|"
                r"audiobook|chapter|album)(?: from (?:my |the )?library| for good)?$"), "library_edit"),
    (re.compile(r"^(?:can you |could you |please )?(?:email|e mail|send|text|share|forward|print|sync)"
                r"\b.*\blists?\b"), "share_list"),
    (re.compile(r"\b(?:hotel|motel|airbnb|hostel|b and b)(?: room)?s?\b|\b(?:rent|hire|reserve|book) (?:a |an |"
                r"the |me a )?(?:[a-z-]+ ){0,3}?(?:car|convertible|suv|minivan)\b|\b(?:rental|hire) car\b|"
                r"\bcar (?:rental|hire)\b|\blodging\b|\b(?:book|get|reserve|find) (?:me |us )?a room (?:in|at|near|for)\b"),
     "travel_booking"),
    (re.compile(r"\b(?:order|purchase|buy)\b.*\b(?:everything|all(?: the things)?|the things|items)\b.*"
                r"\bshopping (?:list|cart)\b|\bshopping (?:list|cart)\b.*\b(?:ordered|purchased)\b|"
                r"\b(?:add|put) .+ (?:to|in|into) (?:my |the )?(?:shopping )?(?:cart|basket)\b"), "order_list"),  # a calendar entry "i want a hotel room"
    (re.compile(r"\b(?:new|write|compose|start|create|draft|set up) (?:a |an )?(?:new )?(?:text|sms|"
                r"whatsapp)(?: message)?$"), "phone_call"),  # "start a new text" made a list
    (re.compile(r"^(?:if|whenever|as soon as|(?:the )?next time) (?!(?:it's|it is),? (?:one|two|three|four|five|six|seven|eight|nine|ten|"
                r"eleven|twelve|noon|midnight|turn|play|stop|pause|remind|wake|set|tell|call|mute|start|cancel|lock|"
                r"open)\b)[a-z' ]+?,? (?:then )?(?:turn|play|stop|pause|remind|wake|set|tell|call|mute|start|cancel|"
                r"lock|open)\b|^(?:turn|play|stop|pause|wake|mute|start|remind|tell)\b.+? "
                r"(?:if|whenever|as soon as|(?:the )?next time) (?:it|the weather|the baby|the dog|someone|somebody|anyone|the door|"
                r"the doorbell|the phone|my phone|he|she|they|the kids?) "), "conditional"),
    # "if the baby cries turn off the music" muted at once; "remind me ... if it rains" asked when
    (re.compile(r"^(?:can you |could you |please )?tell (?!me\b|us\b|you\b|a\b|an\b|the\b|what\b|how\b|when\b|"
                r"where\b|who\b|why\b|which\b|if\b|jokes?\b|stor(?:y|ies)\b|time\b|more\b|about\b|it\b|"
                r"something\b|anything\b|everything\b)(?:my |our )?[a-z']+ (?:that )?(?:i|i'm|i'll|i've|we|we're|"
                r"we'll|happy|thanks|thank|good|sorry|congratulations|congrats|hi|hello|to)\b"), "phone_call"),
    # "tell my boss I'll be late" asked "When is the tell my boss i'll be late?" (a message for
    # someone away; the room's announcements are found first: skills/chat.py)
]
"""Found by words when the model is unsure or reads them as some other service ("set the
thermostat to 70": alarm_set at 0.32; "call my mom": email_querycontact)."""
_SPOKEN = {"phone_call": "Sorry, I can't make phone calls or send messages.",
           "restaurant_booking": "Sorry, I can't book restaurants offline yet.",
           "sports": "Sorry, I can't check sports scores offline yet.",
           "translate": "Sorry, I can't translate offline yet.",
           "tv_listings": "Sorry, I can't check what's on TV offline yet.",
           "find_device": "Sorry, I'm not connected to your phone or other devices.",
           "bookmark": "I keep your place in books and podcasts by myself. Say play my audiobook, and it "
                       "goes on where you left off.",
           "playback_speed": "Sorry, I can't change the playback speed yet. I can skip ahead or back, "
                             "like: skip ahead thirty seconds.",
           "share_list": "Sorry, I can't send lists off this device. Ask me what's on it and "
                         "I'll read it to you.",
           "order_list": "Sorry, I can't order things: I work offline. Ask me what's on your "
                         "shopping list and I'll read it to you.",
           "podcast_feed": "Sorry, I can't fetch or follow podcasts: I work offline. I play the "
                           "episodes already in your library.",
           "library_edit": "Sorry, I can't delete from your library by voice. I can skip it, or "
                           "you can say: I don't like this one.",
           "conditional": "Sorry, I can't tell when that happens: I only know the time. I can do it at a "
                          "time instead, like: turn off the music at ten.",
           "opening_hours": "Sorry, I can't check opening hours offline.",
           "travel_booking": "Sorry, I can't book hotels or cars offline. I can put the trip on your "
                             "calendar: say, add trip to Seattle on the first."}
DECISIVE = frozenset(_SPOKEN)
"""The ones whose words decide even over a sure reading of something else: "book a table for
two" (lists_createoradd 0.89) asked "What should I add to your shopping list?". Not the smart
home's words: "add light bulbs to the list" is a list."""


def cannot_by_words(text: str) -> str | None:
    """The offline intent that ``text`` plainly asks for ("call my mom", "turn on the lamp")."""
    low = " ".join(re.findall(r"[a-z']+", text.lower()))
    return next((intent for pattern, intent in _BY_WORDS if pattern.search(low)), None)


OFFLINE_INTENTS: tuple[str, ...] = tuple(CANNOT) + _IOT
"""The intents this skill answers (everything that needs a network service or a device bridge)."""


def unsupported_text(intent: str) -> str:
    """The honest answer for ``intent`` (a generic one for intents not listed)."""
    if intent in _IOT or intent.startswith("iot_"):
        return "Sorry, I'm not connected to any smart home devices."
    if intent == "play_game":  # skills/games.py plays the little games it can
        return "Sorry, I can't play games yet."
    if intent in _SPOKEN:
        return _SPOKEN[intent]
    what = CANNOT.get(intent)
    if what is None:
        return "Sorry, I can't do that offline yet."
    return f"Sorry, I can't {what} offline yet."


class OfflineSkill(Skill):
    intents = OFFLINE_INTENTS

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        reply = Reply(unsupported_text(u.intent), "unsupported", (("intent", u.intent),))
        if u.intent == "recommendation_events" and not _OUT_THERE.search(u.text.lower()):
            return _with_own_plans(reply, u, ctx)
        return reply


_OUT_THERE = re.compile(r"\b(?:concerts?|gigs?|festivals?|events?|shows?|exhibitions?|markets?|in town|"
                        r"near(?:by| me| here)?|around here|local|city|the area|matches|games?)\b")


def _with_own_plans(reply: Reply, u: Understanding, ctx: SkillContext) -> Reply:
    """"What's happening this weekend": the honest answer about events, then the household's
    own plans for those days from the calendar (it only said it could not find events)."""
    import datetime as dt

    from .agenda import AgendaSkill, parse_days

    if parse_days(u.text, dt.date.fromtimestamp(ctx.clock())) is None:
        return reply
    own = AgendaSkill().handle(dataclasses.replace(u, intent="calendar_query"), ctx)
    if dict(own.detail).get("entries", "0") == "0":
        return reply
    return Reply(f"{reply.text} On your calendar, {own.text[0].lower()}{own.text[1:]}", reply.action,
                 reply.detail + own.detail)
