"""Lists and sums, answered on the device (HWU64 lists_* and qa_maths), over the real modules:
the same temporary database, demo library and player as test_skills.py."""

from __future__ import annotations

import pytest

from assistant import db as D
from assistant.lists import Lists
from assistant.skills.list_words import same_item, split_items
from assistant.skills.lists import command
from assistant.skills.maths import MathsError, answer_text, calculate
from assistant.skills.units import answer_text as conversion_text
from assistant.skills.units import convert

from .test_skills import ask, ctx, demo, recommender  # noqa: F401  (fixtures)


@pytest.mark.parametrize("text,said", [
    ("What's 15 times 4?", "15 times 4 is 60."),
    ("what is fifteen times four", "15 times 4 is 60."),
    ("tell me sum of five and six", "5 plus 6 is 11."),
    ("solution for eighty one divided by nine", "81 divided by 9 is 9."),
    ("show me the answer for this problem two hundred and forty six plus six hundred and fifty "
     "four", "246 plus 654 is 900."),
    ("what is the square root of ten", "The square root of 10 is about 3.16."),
    ("what is the square of 4", "4 squared is 16."),
    ("whats ten percent off forty dollars", "10 percent off 40 is 36."),
    ("What's 20% of 80?", "20 percent of 80 is 16."),
    ("divide seventy six in two parts", "76 divided by 2 is 38."),
    ("What is 144/12?", "144 divided by 12 is 12."),
    ("what's 7 x 8", "7 times 8 is 56."),
    ("what is 9 - 3", "9 minus 3 is 6."),
    ("Subtract 7 from 50.", "50 minus 7 is 43."),
    ("what's two to the power of ten", "2 to the power of 10 is 1024."),
    ("what's 2 plus 3 times 4", "2 plus 3 times 4 is 14."),
    ("what's minus five plus two", "Minus 5 plus 2 is minus 3."),
    ("what is one thousand two hundred times three", "1200 times 3 is 3600."),
    ("what is two point five plus one", "2.5 plus 1 is 3.5."),
    ("what's 0.1 plus 0.2", "0.1 plus 0.2 is 0.3."),
    ("what's 1,000 times 3", "1000 times 3 is 3000."),
    ("split 90 dollars between 4 people", "90 divided by 4 is 22.5."),  # "only simple sums"
    ("what's 120 split three ways", "120 divided by 3 is 40."),
    # tiny.en's "one hundred and ninety six" (was "I can only do simple sums")
    ("What is 12 plus 100 and 96?", "12 plus 196 is 208."),
    ("add 100 and 96", "100 plus 96 is 196."),
])
def test_spoken_sums(text, said):
    assert answer_text(calculate(text)) == said


@pytest.mark.parametrize("text", [
    "set a timer for five minutes", "add 5 minutes to my timer", "play blink 182",
    "set the volume to 5", "turn it up by 10 percent", "how many miles in five kilometers",
    "what is the linear equation", "set an alarm for 7 30", "what's the time in 2 hours",
    "play track 2 times", "i have 2 plus ones for the party",
])
def test_sentences_with_numbers_are_not_sums(text):
    assert calculate(text) is None


@pytest.mark.parametrize("text,said", [
    # found by a bank of sentences: "a third of 90" was "I can only do simple sums", a tip was
    # "Sorry, I can't check exchange rates offline yet."
    ("how much is a third of 90", "A third of 90 is 30."),
    ("what's two thirds of 90", "2 thirds of 90 is 60."),
    ("one third of 60", "A third of 60 is 20."),
    ("tip of 15 percent on 80 dollars", "15 percent of 80 is 12."),
    ("what's a 20 percent tip on 45", "20 percent of 45 is 9."),
])
def test_parts_and_tips(text, said):
    assert answer_text(calculate(text)) == said


def test_sums_without_an_answer_say_why():
    with pytest.raises(MathsError, match="divide by zero"):
        calculate("what is 5 divided by 0")
    with pytest.raises(MathsError, match="too big"):
        calculate("what is 10 to the power of 99")


@pytest.mark.parametrize("text,said", [
    ("how many miles in five kilometers", "5 kilometers is about 3.11 miles."),
    ("How many grams in a pound?", "A pound is about 453.59 grams."),
    ("how many ounces are in a pound", "A pound is 16 ounces."),
    ("how many teaspoons in a tablespoon", "A tablespoon is 3 teaspoons."),
    ("what is 1 inch in centimeters", "An inch is 2.54 centimeters."),
    ("how many kilos is 10 pounds", "10 pounds is about 4.54 kilograms."),
    ("convert 350 fahrenheit to celsius", "350 degrees fahrenheit is about 176.7 degrees celsius."),
    ("What's 100 degrees Celsius in Fahrenheit?", "100 degrees celsius is 212 degrees fahrenheit."),
    ("convert 350 fahrenheit to celsas", "350 degrees fahrenheit is about 176.7 degrees celsius."),
    # found in a scripted conversation: tiny.en's "Celsius" (was "Sorry, I didn't catch that")
    ("convert 350 degrees fahrenheit to solstice",
     "350 degrees fahrenheit is about 176.7 degrees celsius."),
    # parts of a cup (was "Sorry, I can't look up recipes offline yet")
    ("How many tablespoons in a quarter cup?", "A quarter of a cup is 4 tablespoons."),
    ("how many tablespoons in half a cup", "Half a cup is 8 tablespoons."),
    ("how many teaspoons in three quarters of a cup", "Three quarters of a cup is 36 teaspoons."),
    ("how many grams in 2 and a half pounds", "2 and a half pounds is about 1133.98 grams."),
    ("how many cups in 1/2 gallon", "Half a gallon is 8 cups."),
    # months (were no unit: "how many weeks are in 3 months" said the time)
    ("how many weeks are in 3 months",
     "3 months is about 13.04 weeks. Months vary; that takes one as a twelfth of a year."),
    ("how many months in 2 years", "2 years is 24 months."),
])
def test_unit_conversions(text, said):
    assert conversion_text(convert(text)) == said


@pytest.mark.parametrize("text", ["how many grams in a mile", "how tall is the eiffel tower in feet",
                                  "set a timer for 5 minutes", "what's 2 plus 2"])
def test_not_a_conversion(text):
    assert convert(text) is None


def test_maths_is_answered_whatever_the_model_guessed(ctx):
    r = ask(ctx, "what's fifteen times four", "qa_maths")
    assert (r.action, r.text) == ("calculate", "15 times 4 is 60.")
    # a sum from start to end is maths even when the model was unsure or wrong
    r = ask(ctx, "seven times seven", "general_quirky", confidence=0.3)
    assert r.text == "7 times 7 is 49."
    r = ask(ctx, "what is 5 divided by 0", "qa_maths")
    assert "divide by zero" in r.text
    r = ask(ctx, "what is the linear equation", "qa_maths")
    assert r.action == "unsupported" and "simple sums" in r.text
    # "how many miles in five kilometers" is qa_factoid to the model: a conversion, answered
    r = ask(ctx, "how many miles in five kilometers", "qa_factoid", confidence=0.86)
    assert (r.action, r.text) == ("convert", "5 kilometers is about 3.11 miles.")


def test_a_sum_goes_on_from_the_last_answer(ctx):
    """Found in a scripted conversation: "And divided by two?" after "what's seven times eight?"
    (heard "End divided by two.") got "I can only do simple sums"."""
    ask(ctx, "what's seven times eight", "qa_maths")
    r = ask(ctx, "End divided by two.", "qa_maths", confidence=0.99)
    assert (r.action, r.text) == ("calculate", "56 divided by 2 is 28."), r
    r = ask(ctx, "and what's that minus thirty", "qa_maths")
    assert r.text == "28 minus 30 is minus 2.", r
    r = ask(ctx, "times three", "general_quirky", confidence=0.3)
    assert r.text == "Minus 2 times 3 is minus 6.", r
    ask(ctx, "what time is it", "datetime_query")
    assert ask(ctx, "and divided by two", "qa_maths").action == "unsupported"  # nothing to go on from


def test_double_that_and_halve_it(ctx):
    """"Double that" after a sum said the sum again (general_repeat); "halve it" was not caught."""
    ask(ctx, "what is 7 times 8", "qa_maths")
    assert ask(ctx, "double that", "general_repeat", 0.52).text == "56 times 2 is 112."
    r = ask(ctx, "halve it", "music_settings", 0.34, sentiment="negative")
    assert r.text == "112 divided by 2 is 56.", r  # no apology: a sum is no complaint


@pytest.mark.parametrize("text,expected", [
    ("Add milk and eggs to my shopping list.", ("add", "shopping", ["milk", "eggs"])),
    ("add grocery shopping to my to-do list", ("add", "to do", ["grocery shopping"])),
    ("I need oranges added to my grocery list", ("add", "shopping", ["oranges"])),
    ("add pencil to school supplies list", ("add", "school supplies", ["pencil"])),
    ("can you add some butter to the list", ("add", None, ["butter"])),
    ("we're out of coffee", ("add", "shopping", ["coffee"])),
    ("We've run out of milk and bread.", ("add", "shopping", ["milk", "bread"])),
    ("What's on my shopping list?", ("query", "shopping", [])),
    ("what do I need to buy", ("query", "shopping", [])),
    ("what lists do I have", ("lists", None, [])),
    ("take eggs off the list", ("remove", None, ["eggs"])),
    ("cross off bread", ("remove", None, ["bread"])),
    ("clear my shopping list", ("clear", "shopping", [])),
    ("remove everything from my shopping list", ("clear", "shopping", [])),
    ("delete my camping list", ("delete", "camping", [])),
    ("create a new list called camping", ("create", "camping", [])),
    ("add this song to my playlist", None),
    ("add five minutes to my timer", None),
    ("what is on my calendar", None),
    ("new item for list", None),
    ("I'm out of ideas", None),
    ("we're out of time", None),
])
def test_list_commands_read_from_their_words(text, expected):
    assert command(text) == expected


@pytest.mark.parametrize("a,b", [("eggs", "egg"), ("tomatoes", "tomato"), ("berries", "berry"),
                                 ("cookies", "cookie"), ("shoes", "shoe"), ("glasses", "glass"),
                                 ("peaches", "peach"), ("paper towels", "paper towel")])
def test_an_item_and_its_plural_are_one_item(a, b):
    assert same_item(a) == same_item(b)
    assert same_item("hummus") == "hummus" and same_item("oats") != same_item("oat milk")


def test_split_items_drops_articles_and_vague_words():
    assert split_items("some milk, the eggs and a loaf of bread") == ["milk", "eggs",
                                                                      "loaf of bread"]
    assert split_items("it") == [] and split_items("something") == []
    # tiny.en writes the last "and" of "milk, eggs and bread" as "in" (found through the loop)
    assert split_items("milk and eggs in bread") == ["milk", "eggs", "bread"]
    assert split_items("sardines and tuna in oil") == ["sardines", "tuna in oil"]
    assert split_items("eggs in bread") == ["eggs in bread"]


def test_a_shopping_list_conversation(ctx):
    r = ask(ctx, "add milk and eggs to my shopping list", "lists_createoradd",
            slots=[("list_name", "shopping", "shopping")])
    assert (r.action, r.text) == ("list_add", "Added milk and eggs to your shopping list.")
    # "we're out of coffee" is iot_coffee to the model; its words make it a list addition
    r = ask(ctx, "we're out of coffee", "iot_coffee")
    assert r.text == "Added coffee to your shopping list."
    r = ask(ctx, "add milk to the list", "lists_createoradd")
    assert r.text.startswith("Milk is already on your shopping list")
    r = ask(ctx, "add an egg to the list", "lists_createoradd")  # "eggs" is on it
    assert r.text.startswith("Eggs are already on your shopping list"), r  # as it is on the list
    r = ask(ctx, "what's on my shopping list", "lists_query")
    assert r.text == "Your shopping list has milk, eggs and coffee."
    # removing is a command, not a complaint: no apology for the negative words
    r = ask(ctx, "take the eggs off my shopping list", "lists_remove", sentiment="negative")
    assert r.text == "Removed eggs from your shopping list."
    r = ask(ctx, "remove cheese from my shopping list", "lists_remove")
    assert r.text == "Cheese isn't on your shopping list."
    # a question back for a missing item; the answer completes the command
    r = ask(ctx, "add something to my list", "lists_createoradd")
    assert (r.action, r.text) == ("clarify", "What should I add to your shopping list?")
    r = ask(ctx, "Bread.", "cooking_recipe", confidence=0.64)
    assert r.text == "Added bread to your shopping list."
    r = ask(ctx, "add wash the car to my to do list", "lists_createoradd")
    assert r.text == "Added wash the car to your to do list."
    assert ask(ctx, "what lists do i have", "lists_query").text == \
        "You have 2 lists: shopping and to do."
    assert ask(ctx, "clear my shopping list", "lists_remove").text == \
        "Okay, your shopping list is empty now."
    assert ask(ctx, "what do i need to buy", "lists_query").text == "Your shopping list is empty."
    assert ask(ctx, "what's on my camping list", "lists_query").text == \
        "You don't have a camping list yet."
    # a playlist is music's business, not a list
    assert ask(ctx, "add this song to my playlist", "music_settings").action != "list_add"


def test_lists_survive_a_restart(tmp_path):
    db = D.open_db(tmp_path / "assistant.db")
    Lists(db).add("shopping", ["milk", "eggs"], now=1.0)
    db.close()
    db = D.open_db(tmp_path / "assistant.db")
    try:
        assert Lists(db).items("shopping") == ["milk", "eggs"]
    finally:
        db.close()


def test_a_long_list_is_read_in_part(ctx):
    Lists(ctx.db).add("shopping", [f"thing {i}" for i in range(11)], now=1.0)
    r = ask(ctx, "what's on my shopping list", "lists_query")
    assert r.text.startswith("Your shopping list has thing 0, thing 1")
    assert r.text.endswith("thing 7, and 3 more."), r.text


def test_add_right_after_a_list_is_read_adds_to_it(ctx):
    """Found in a scripted conversation (espeak): "what's on my shopping list?" then "Add bread
    and butter." heard as "Add red and darker." went to the lights."""
    ask(ctx, "what's on my shopping list", "lists_query")
    r = ask(ctx, "Add red and darker.", "iot_hue_lightchange", confidence=0.97)
    assert r.action == "list_add" and dict(r.detail)["list"] == "shopping", r
    r = ask(ctx, "add bread", "lists_createoradd")
    assert "bread" in r.text and "shopping" in r.text, r
    ask(ctx, "what time is it", "datetime_query")
    assert ask(ctx, "add five minutes", "alarm_set").action != "list_add"  # not after a list


@pytest.mark.parametrize("text,intent,says", [
    ("is 17 a prime number", "email_querycontact", "Yes, 17 is a prime number."),  # contacts
    ("is twenty one prime", "qa_maths", "No, 21 is not prime: it's 3 times 7."),
    ("how old is someone born in 1990", "qa_factoid",  # "can't look up facts"
     "Someone born in 1990 turns 36 this year: 35 before their birthday, 36 after it."),
    ("how many seconds in an hour", "datetime_convert", "An hour is 3600 seconds."),  # "A hour"
])
def test_number_facts(ctx, text, intent, says):
    assert ask(ctx, text, intent, confidence=0.52).text == says


@pytest.mark.parametrize("text,says", [
    # each was "Sorry, I can't look up recipes offline yet." (the model: cooking_recipe)
    ("how many grams is a cup of flour", "A cup of flour is about 125 grams."),
    ("convert 2 cups of flour to grams", "2 cups of flour is about 250 grams."),
    ("how many cups is 200 grams of sugar", "200 grams of sugar is about 1 cup."),
    ("how many grams of butter in a tablespoon", "A tablespoon of butter is about 14 grams."),
    ("how much does a cup of rice weigh", "A cup of rice is about 185 grams."),
    ("how many ounces in a cup", "A cup is 8 fluid ounces."),  # no ingredient: fluid ounces
])
def test_a_cup_of_an_ingredient_weighed(ctx, text, says):
    assert ask(ctx, text, "cooking_recipe", confidence=0.9).text == says


def test_more_that_households_say_of_their_lists(ctx):
    """Found by a bank of sentences; what each did before is said beside it."""
    ask(ctx, "add milk and bread to the shopping list", "lists_createoradd")
    # "Sorry, I can't look up recipes offline yet."
    r = ask(ctx, "do we have any milk", "cooking_recipe", confidence=0.7)
    assert r.text == "I can't see your kitchen, but milk is on your shopping list.", r
    r = ask(ctx, "do we have any eggs", "cooking_recipe", confidence=0.7)
    assert r.text.startswith("I can't see your kitchen, and eggs aren't on your shopping list."), r
    assert ask(ctx, "do i have any plans tomorrow", "calendar_query").action.startswith("calendar")
    # added "on"
    assert ask(ctx, "add on to my list", "lists_createoradd").text == \
        "What should I add to your shopping list?"
    ask(ctx, "never mind", "general_dontcare")
    ask(ctx, "what's on the list", "lists_query")
    # a calendar read
    assert ask(ctx, "how many things are on it", "calendar_query", confidence=0.69).text == \
        "2 things: your shopping list has milk and bread."
    # "Last item isn't on your shopping list."
    assert ask(ctx, "remove the last item", "lists_remove").text == \
        "Removed bread from your shopping list."
    # smart home
    assert ask(ctx, "take milk off", "iot_wemo_off", confidence=0.51).text == \
        "Removed milk from your shopping list."
    ask(ctx, "add call the plumber to my to do list", "lists_createoradd")
    # "didn't catch that"
    assert ask(ctx, "mark call the plumber as done", "takeaway_query", confidence=0.37).text == \
        "Removed call the plumber from your to do list."
    # "Added tomatoes to the list for the party to your party list." / "I made a the party list."
    assert ask(ctx, "create a list for the party", "lists_createoradd").text == \
        "Okay, I made a party list."
    assert ask(ctx, "add tomatoes to the list for the party", "lists_createoradd").text == \
        "Added tomatoes to your party list."
    # added "move bread to the party list" to the shopping list
    ask(ctx, "add cheese to the shopping list", "lists_createoradd")
    assert ask(ctx, "move cheese to the party list", "lists_createoradd").text == \
        "Moved cheese to your party list."
    assert ask(ctx, "read me the party list", "lists_query").text == \
        "Your party list has tomatoes and cheese."
    # "Did you want me to add to a list?"
    r = ask(ctx, "send the list to my phone", "lists_createoradd", confidence=0.46)
    assert r.action == "unsupported" and "can't send lists" in r.text, r


def test_remove_the_last_item_of_an_empty_list(ctx):
    r = ask(ctx, "remove the last item", "lists_remove")  # "Last item isn't on your shopping list."
    assert r.text == "Your shopping list is empty.", r


def test_an_item_is_not_the_list_it_goes_on(ctx):
    """"Put toilet paper on the list.": the model tagged "paper" (or "toilet paper") as the list's
    name, and a new "paper" list got the toilet paper."""
    for said in ("paper", "toilet paper"):
        r = ask(ctx, "put toilet paper on the list", "lists_createoradd",
                slots=[("list_name", said, said)])
        assert r.text in ("Added toilet paper to your shopping list.",
                          "Toilet paper is already on your shopping list. I left it there."), r
    r = ask(ctx, "add paper plates to the party list", "lists_createoradd",
            slots=[("list_name", "party", "party")])
    assert r.text == "Added paper plates to your party list.", r


def test_clear_it_after_a_list_is_read(ctx):
    """"Clear it" right after the list was read asked "What should I take off your shopping list?"."""
    ask(ctx, "add apples and bananas", "lists_createoradd")
    ask(ctx, "what's on my shopping list", "lists_query")
    r = ask(ctx, "clear it", "lists_remove", 0.81, sentiment="negative")
    assert r.text == "Okay, your shopping list is empty now.", r


def test_a_long_list_read_in_parts_and_items_removed_by_name(ctx):
    """A long list was read as its first eight "and 7 more", with no way to hear the rest; adding
    fifteen things said all fifteen back; "remove coffee and tea" (the model: a coffee machine)
    got the smart-home answer."""
    r = ask(ctx, "add milk, eggs, bread, butter, cheese, apples, bananas, rice, pasta, tomatoes, "
                 "onions, garlic, coffee, tea and sugar to my shopping list", "lists_createoradd")
    assert r.text == "Added 15 things to your shopping list, from milk to sugar.", r
    r = ask(ctx, "what's on my shopping list", "lists_query")
    assert r.text.endswith("bananas and rice, and 7 more."), r
    r = ask(ctx, "what else", "general_negate", 0.71)
    assert r.text == "After that, pasta, tomatoes, onions, garlic, coffee, tea and sugar.", r
    r = ask(ctx, "remove coffee and tea", "iot_coffee", 0.98, sentiment="negative")
    assert r.text == "Removed coffee and tea from your shopping list.", r


@pytest.mark.parametrize("text,intent,confidence,says", [
    # found by CLINC150 train sentences through the model and the skills; beside each, what it did
    ("i'm out of soap so will you order me some more", "takeaway_order", 0.94,
     "Added soap to your shopping list. I can't order things, though."),  # "soap so will you order ..."
    ("i need some more lysol, could you order me some", "takeaway_order", 0.98,
     "Added lysol to your shopping list. I can't order things, though."),
    ("i need to know what i have on my shopping list", "lists_query", 0.99,
     "You don't have a shopping list yet."),  # added "to know what i have"
    ("i need to get from jfk to dallas with united for under 500", "transport_ticket", 0.64,
     "Sorry, I can't book tickets offline yet."),  # added "from jfk to dallas ..."
    ("i want a hotel room for 6 from the 1st through the 3rd in seattle", "calendar_set", 0.54,
     "Sorry, I can't book hotels or cars offline."),  # a calendar entry "i want a hotel room"
    ("i want to reserve a convertible from july 2nd through july 18th", "calendar_set", 0.59,
     "Sorry, I can't book hotels or cars offline."),
    ("start a new text", "lists_createoradd", 0.43, "Sorry, I can't make phone calls"),
])
def test_sentences_from_other_phrasings(ctx, text, intent, confidence, says):
    assert ask(ctx, text, intent, confidence).text.startswith(says)


@pytest.mark.parametrize("text,items", [
    # found by CLINC150 train sentences: each item was the whole tail ("flour to my shopping list
    # if it's not already", "to add cherrios to the grocery list", "pepsi to my shopping bag")
    ("add flour to my shopping list if it's not already on it", ["flour"]),
    ("add bread to my list of groceries", ["bread"]),
    ("i need to add cherrios to the grocery list", ["cherrios"]),
    ("put milk on my shopping list cause i'm out of it", ["milk"]),
    ("would you add bananas to my shopping list as i am out", ["bananas"]),
    ("add pepsi to my shopping bag", ["pepsi"]),
    ("put rice and pudding on my shopping list cause i need them", ["rice", "pudding"]),
])
def test_list_commands_with_words_around_them(text, items):
    assert command(text) == ("add", "shopping", items)


@pytest.mark.parametrize("text,intent,confidence", [
    # found by SNIPS valid sentences: each asked back, or set an alarm, or made a calendar entry
    ("book spot for four at cliff house san francisco", "transport_ticket", 0.46),
    ("i need a table at eddie s attic in nevada for one", "recommendation_locations", 0.43),
    ("i want to book a steakhouse in vimy ridge", "transport_ticket", 0.31),
    ("book a restaurant reservation in 6 weeks", "transport_taxi", 0.41),
    ("table for 5 a m at baker s keyboard lounge", "recommendation_locations", 0.21),
])
def test_booking_a_restaurant_in_other_words(ctx, text, intent, confidence):
    assert ask(ctx, text, intent, confidence).text == "Sorry, I can't book restaurants offline yet."


def test_a_to_do_said_done_in_the_past_tense(ctx):
    """"I called the vet", with "call the vet" to do, got the contacts answer."""
    ask(ctx, "add call the vet to my to do list", "lists_createoradd")
    ask(ctx, "add pay the gas bill to my to do list", "lists_createoradd")
    r = ask(ctx, "i called the vet", "email_querycontact", 0.66)
    assert r.text == "Removed call the vet from your to do list.", r
    r = ask(ctx, "i paid the gas bill", "general_quirky", 0.5)
    assert r.text == "Removed pay the gas bill from your to do list.", r
    assert ask(ctx, "i called my sister", "email_querycontact", 0.8).action != "list_remove"


def test_scratch_an_item_and_put_it_back(ctx):
    """"Scratch the bread" was "Sorry, I didn't catch that."; "scratch that" right after an item
    came off put nothing back."""
    ask(ctx, "add eggs, milk and bread to my shopping list", "lists_createoradd")
    r = ask(ctx, "scratch the bread", "unknown", 0.14)
    assert r.text == "Removed bread from your shopping list.", r
    r = ask(ctx, "forget the milk", "lists_remove", 0.46, sentiment="negative")
    assert r.text == "Removed milk from your shopping list.", r
    r = ask(ctx, "scratch that", "audio_volume_mute", 0.24)
    assert r.text == "Okay, I put milk back on your shopping list.", r
    assert set(Lists(ctx.db).items("shopping")) == {"eggs", "milk"}


def test_a_cleared_or_deleted_list_comes_back_with_undo(ctx):
    """HWU64 valid as tiny.en heard it: "Please remove the list." deleted the shopping list, and
    "cancel that" could not bring it back (nor a list cleared by mistake)."""
    ask(ctx, "add milk, eggs and bread to my shopping list", "lists_createoradd")
    r = ask(ctx, "Please remove the list.", "lists_remove", 1.0, sentiment="negative")
    assert r.text == "Okay, I deleted your shopping list.", r
    r = ask(ctx, "cancel that", "general_commandstop", 0.93, sentiment="negative")
    assert r.text == "Okay, your shopping list is back: milk, eggs and bread.", r
    assert Lists(ctx.db).items("shopping") == ["milk", "eggs", "bread"]
    assert ask(ctx, "clear my shopping list", "lists_remove").action == "list_clear"
    assert Lists(ctx.db).items("shopping") == []
    r = ask(ctx, "undo", "lists_remove", 0.39, sentiment="negative")
    assert r.text == "Okay, I put milk, eggs and bread back on your shopping list.", r
    assert Lists(ctx.db).items("shopping") == ["milk", "eggs", "bread"]


def test_items_added_to_a_list_just_made(ctx):
    """"Add toothbrush, charger and passport to it" right after "make a packing list" was
    "Sorry, I didn't catch that."; and a follow-on add lost its commas ("toothbrush charger")."""
    ask(ctx, "make a packing list", "lists_createoradd")
    r = ask(ctx, "add toothbrush, charger and passport to it", "iot_coffee", 0.39)
    assert r.text == "Added toothbrush, charger and passport to your packing list.", r
    ask(ctx, "and socks, shoes", "lists_createoradd", 0.75)
    assert Lists(ctx.db).items("packing") == ["toothbrush", "charger", "passport", "socks", "shoes"]


def test_a_list_command_with_words_around_it_and_a_reminder_after_what_to_add(ctx):
    """"Alright put eggs on the shopping list would you" asked what to add; "please remind me at
    six to call grandma", said after "What should I add ...?", went on the shopping list."""
    r = ask(ctx, "alright put eggs on the shopping list would you", "lists_createoradd", 0.92)
    assert r.text == "Added eggs to your shopping list.", r
    ask(ctx, "add to my shopping list", "lists_createoradd")
    r = ask(ctx, "please remind me at six to call grandma", "calendar_set", 0.99)
    assert r.action == "reminder_set" and Lists(ctx.db).items("shopping") == ["eggs"], r


@pytest.mark.parametrize("text,intent,said", [
    ("what's the tip on 45 dollars", "qa_currency",  # "I can't check exchange rates offline yet."
     "On 45 dollars, a tip of 15 percent is 6.75, 18 percent is 8.10 and 20 percent is 9."),
    ("What's the tip of forty five dollars?", "qa_currency",  # as tiny.en heard espeak
     "On 45 dollars, a tip of 15 percent is 6.75, 18 percent is 8.10 and 20 percent is 9."),
    ("what's 10 factorial", "qa_maths", "10 factorial is 3628800."),  # "only simple sums"
    ("what's a dozen times 3", "qa_maths", "12 times 3 is 36."),  # "only simple sums"
])
def test_a_tip_a_factorial_and_a_dozen(ctx, text, intent, said):
    assert ask(ctx, text, intent, 0.94).text == said


def test_we_need_a_list_named_without_list_and_how_many_lists(ctx):
    """Found by a bank of list sentences: "we need toilet paper" was "didn't catch that"; "is
    there anything on my shopping list" said "No, anything isn't on your shopping list"; "how
    many lists do I have" counted the shopping list's items; "add vacuum the stairs to chores"
    added "vacuum the stairs to chores"."""
    r = ask(ctx, "we need toilet paper", "iot_cleaning", 0.49, sentiment="negative")
    assert r.text == "Added toilet paper to your shopping list.", r
    assert ask(ctx, "we need some music", "play_music", 0.88).action == "play"
    r = ask(ctx, "is there anything on my shopping list", "lists_query", 0.99)
    assert r.text == "Your shopping list has just toilet paper.", r
    ask(ctx, "create a list called chores", "lists_createoradd")
    r = ask(ctx, "add vacuum the stairs to chores", "iot_cleaning", 0.99)
    assert r.text == "Added vacuum the stairs to your chores list.", r
    r = ask(ctx, "how many lists do I have", "lists_query", 1.0)
    assert r.text == "You have 2 lists: chores and shopping.", r


def test_a_bare_command_is_no_item_for_the_list(ctx):
    """"Play" said after "What should I add to your shopping list?" was put on the list."""
    ask(ctx, "add to my list", "lists_createoradd")
    r = ask(ctx, "play", "play_music", 0.38, sentiment="negative")
    assert r.action == "play" and not Lists(ctx.db).items("shopping"), r
    ask(ctx, "add to my list", "lists_createoradd")
    assert ask(ctx, "milk", "lists_createoradd", 0.69).text == "Added milk to your shopping list."


def test_corrections_of_a_list_item_and_a_sum(ctx):
    """"I meant oat milk" right after "Added milk ..." asked about recipes; "no I meant 5 plus
    6" after a sum had no answer."""
    ask(ctx, "add milk to the list", "lists_createoradd")
    r = ask(ctx, "I meant oat milk", "cooking_recipe", 0.46)
    assert r.text == "Okay, not milk. Added oat milk to your shopping list.", r
    assert Lists(ctx.db).items("shopping") == ["oat milk"]
    ask(ctx, "what's 5 times 6", "qa_maths")
    assert ask(ctx, "no I meant 5 plus 6", "qa_maths", 0.92).text == "5 plus 6 is 11."


def test_a_recipe_scaled(ctx):
    """"Double 250 grams", "half of 3 cups" said "I can only do simple sums"; "triple 2 cups"
    (the model: iot_coffee 0.27) was not understood."""
    assert ask(ctx, "double 250 grams", "qa_maths", 0.68).text == "Double 250 grams is 500 grams."
    assert ask(ctx, "half of 3 cups", "qa_maths", 0.52).text == "Half of 3 cups is 1.5 cups."
    assert ask(ctx, "half of 2 cups", "qa_maths", 0.37).text == "Half of 2 cups is 1 cup."
    assert ask(ctx, "triple 2 cups", "iot_coffee", 0.27).text == "Triple 2 cups is 6 cups."
    assert ask(ctx, "what's double 12", "qa_maths").text == "Double 12 is 24."
    assert ask(ctx, "two thirds of 1 cup", "qa_maths").text == "Two thirds of 1 cup is about 0.67 cups."


def test_do_i_need_and_quantities(ctx):
    """"Do I need eggs" said it can't look up recipes; "add a dozen eggs" kept "dozen eggs"."""
    r = ask(ctx, "do i need eggs", "cooking_recipe", 0.98)
    assert r.text == "Eggs aren't on your shopping list. Say: add eggs, if you need some.", r
    ask(ctx, "add a dozen eggs to the shopping list", "lists_createoradd")
    assert ask(ctx, "do we need eggs", "cooking_recipe", 0.99).text == \
        "Yes, a dozen eggs are on your shopping list."
    assert ask(ctx, "what's on my shopping list", "lists_query").text == "Your shopping list has just a dozen eggs."


def test_items_with_and_in_their_name():
    """"Add mac and cheese" put "mac" and "cheese" on the list."""
    assert split_items("mac and cheese") == ["mac and cheese"]
    assert split_items("fish and chips and peanut butter") == ["fish and chips", "peanut butter"]
    assert split_items("half and half, eggs and some bread") == ["half and half", "eggs", "bread"]
    assert split_items("salt and pepper") == ["salt", "pepper"]


def test_everything_but_one_item(ctx):
    """"Remove everything except the milk" emptied the list, milk too; "clear the list but keep
    the milk" asked "What should I take off your shopping list?"."""
    ask(ctx, "add milk, eggs and bread to my shopping list", "lists_createoradd")
    r = ask(ctx, "remove everything except the milk", "lists_remove", 0.97, sentiment="negative")
    assert r.text == "Okay, I took everything off your shopping list but milk.", r
    assert ask(ctx, "scratch that", "audio_volume_mute", 0.24).text == \
        "Okay, I put eggs and bread back on your shopping list."
    r = ask(ctx, "clear the list but keep the milk", "lists_remove", 0.99, sentiment="negative")
    assert r.text == "Okay, I took everything off your shopping list but milk.", r
    r = ask(ctx, "remove everything except the cheese", "lists_remove", 0.98)  # not there: nothing goes
    assert r.text == "Cheese isn't on your shopping list, so I left it as it is." and \
        ask(ctx, "what's on my shopping list", "lists_query").text == "Your shopping list has just milk."


def test_the_first_thing_to_do_and_ticking_one_off(ctx):
    """"What's first on my to do list" read it all; "tick off call the vet" looked for it on the
    shopping list ("Call the vet isn't on your shopping list")."""
    ask(ctx, "add call the vet, buy stamps and fix the sink to my to do list", "lists_createoradd")
    assert ask(ctx, "what's first on my to do list", "lists_query").text == "First on your to do list: call the vet."
    r = ask(ctx, "tick off call the vet", "iot_wemo_off", 0.50, sentiment="negative")
    assert r.text == "Removed call the vet from your to do list.", r


def test_actually_remove_read_it_back_and_put_it_back(ctx):
    """"Actually remove the eggs" asked what to take off; "read it back" after a list played an
    audiobook; "actually put it back" after a removal asked whether to play a podcast."""
    ask(ctx, "add milk to my shopping list", "lists_createoradd")
    ask(ctx, "and eggs", "lists_createoradd", 0.88)
    r = ask(ctx, "actually remove the eggs", "lists_remove", 0.90, sentiment="negative")
    assert r.text == "Removed eggs from your shopping list.", r
    r = ask(ctx, "actually put it back", "play_podcasts", 0.46, sentiment="negative")
    assert r.text == "Okay, I put eggs back on your shopping list.", r
    r = ask(ctx, "read it back", "play_audiobook", 0.89)
    assert r.action == "list_read" and "milk" in r.text and "eggs" in r.text, r


def test_a_bill_split_an_average_and_rounding(ctx):
    """"Split 90 dollars three ways", "the average of 4 8 and 12" and "round 3.7 to the nearest
    whole number" got "I can only do simple sums"."""
    assert ask(ctx, "split 90 dollars three ways", "qa_maths").text == "Split 3 ways, 90 dollars is 30 dollars each."
    assert ask(ctx, "Split $90 three ways.", "qa_maths").text == "Split 3 ways, 90 dollars is 30 dollars each."
    assert ask(ctx, "split the bill of 120 between 4 people", "qa_maths", 0.69).text == "Split 4 ways, 120 is 30 each."
    assert ask(ctx, "what's the average of 4 8 and 12", "qa_maths").text == "The average of 4, 8 and 12 is 8."
    assert ask(ctx, "round 3.7 to the nearest whole number", "qa_maths").text == "3.7 rounded is 4."
    assert ask(ctx, "round 1234 to the nearest hundred", "qa_maths").text == "1234 rounded to the nearest hundred is 1200."
    assert ask(ctx, "round 2.5", "qa_maths").text == "2.5 rounded is 3."  # halves up
    # a division stays a division
    assert ask(ctx, "divide 50 by 3", "qa_maths").text == "50 divided by 3 is about 16.67."


def test_amounts_on_a_list(ctx):
    """"Add more eggs" with "2 dozen eggs" on the list added "eggs" again; "change apples to 5
    apples" asked what to add; "how many apples do I need" couldn't look up recipes; "is bread on
    the list" said there was no bread list (the model tagged "bread" as the list's name)."""
    ask(ctx, "add 2 dozen eggs to the shopping list", "lists_createoradd")
    ask(ctx, "add 3 apples and a loaf of bread", "lists_createoradd", 0.92)
    r = ask(ctx, "add more eggs", "lists_createoradd", 0.96)
    assert r.text == "2 dozen eggs are already on your shopping list. I left them there.", r
    r = ask(ctx, "change apples to 5 apples", "lists_createoradd", 0.67)
    assert r.text == "Okay, 5 apples instead of 3 apples on your shopping list.", r
    assert ask(ctx, "how many apples do I need", "cooking_recipe", 0.91).text == \
        "5 apples are on your shopping list."
    r = ask(ctx, "is bread on the list", "lists_query", 0.98, slots=[("list_name", "bread", "bread")])
    assert r.text == "Yes, loaf of bread is on your shopping list.", r


def test_repeat_my_list_back_to_me(ctx):
    """"Can you repeat my list back to me" (lists_createoradd) asked what to add."""
    ask(ctx, "add milk to my list", "lists_createoradd")
    r = ask(ctx, "can you repeat my list back to me", "lists_createoradd", 0.90, sentiment="negative")
    assert r.text == "Your shopping list has just milk.", r


def test_list_questions_and_wishes_as_clinc150_says_them(ctx):
    """CLINC150 train/valid phrasings: "do i have carrots on my shopping list" listed pop songs;
    "make sure bread gets added to my shopping list" made a shopping list; "is bacon on my shopping
    list, add if it's not" asked what to add; "take away the fries" looked for "away the fries";
    "do i need to get milk" and "what do i need when i go shopping" were takeaway and calendar
    questions; "go over my shopping list with me" asked what to add."""
    ask(ctx, "add milk and fries to my shopping list", "lists_createoradd")
    assert ask(ctx, "do i have carrots on my shopping list", "lists_query", 0.98).text == \
        "No, carrots aren't on your shopping list."
    assert ask(ctx, "make sure bread gets added to my shopping list", "lists_createoradd").text == \
        "Added bread to your shopping list."
    assert ask(ctx, "is bacon on my shopping list, add if it's not", "lists_createoradd", 0.67).text == \
        "Added bacon to your shopping list."
    r = ask(ctx, "do i have milk on my shopping list, if not please add it", "lists_query", 0.73)
    assert r.text == "Milk is already on your shopping list. I left it there.", r
    r = ask(ctx, "please take away the fries from the shopping list", "lists_remove", 0.96, sentiment="negative")
    assert r.text == "Removed fries from your shopping list.", r
    assert ask(ctx, "do i need to get milk", "takeaway_query", 0.43).text == "Yes, milk is on your shopping list."
    for text, intent in (("what do i need when i go shopping", "calendar_query"),
                         ("go over my shopping list with me", "lists_createoradd"),
                         ("can you remind me what i put on my shopping list", "lists_createoradd")):
        assert ask(ctx, text, intent, 0.5).text == "Your shopping list has milk, bread and bacon.", text


def test_the_to_do_list_as_clinc150_says_it(ctx):
    """CLINC150 train/valid phrasings: "is cleaning the toilet on my to-do list" (lists_remove)
    asked what to take off; "i need my todo list read" added "my todo list read"; "is vacuuming
    on my list of things to do" said there was no "do list"; "did i create a task to clean the
    gutters on my list" made a list; "so just clear the todo list" and "blank out my todo list"
    asked what to take off; "be sure to put folding laundry on my to do list" used a "folding" list."""
    ask(ctx, "add clean the toilet to my to do list", "lists_createoradd")
    r = ask(ctx, "is cleaning the toilet on my to-do list", "lists_remove", 0.79)
    assert r.text == "Yes, clean the toilet is on your to do list.", r
    assert ask(ctx, "i need my todo list read", "lists_createoradd", 0.63).text == \
        "Your to do list has just clean the toilet."
    assert ask(ctx, "is vacuuming on my list of things to do", "lists_query", 0.56).text == \
        "No, vacuuming isn't on your to do list."
    r = ask(ctx, "did i create a task to clean the gutters on my list", "lists_remove", 0.77, sentiment="negative")
    assert r.text.startswith("No, clean the gutters") and "any of your lists" in r.text, r
    r = ask(ctx, "please be sure to put folding laundry on my to do list for me", "lists_createoradd", 0.98)
    assert r.text == "Added folding laundry to your to do list.", r
    r = ask(ctx, "can you check folding laundry off on my to do list", "lists_remove", 0.69)
    assert r.text == "Removed folding laundry from your to do list.", r
    r = ask(ctx, "i don't want to do anything today so just clear the todo list", "lists_remove", 0.98)
    assert r.text == "Okay, your to do list is empty now.", r


def test_sums_as_clinc150_says_them(ctx):
    """CLINC150 train/valid phrasings (qa_currency to the model): "what is 60 percent off of 350
    dollars" and "an 18 percent tip on 20 dollars" couldn't check exchange rates; "what is 3/4 of
    18" was no sum; "how many square feet is a 13 by 74 room" couldn't look up facts."""
    assert ask(ctx, "what is 60 percent off of 350 dollars", "qa_currency", 0.87).text == "60 percent off 350 is 140."
    assert ask(ctx, "what is an 18 percent tip on 20 dollars", "qa_currency", 0.87).text == "18 percent of 20 is 3.6."
    assert ask(ctx, "what is 3/4 of 18", "qa_maths").text.endswith(" is 13.5.")
    assert ask(ctx, "how many square feet is a 13 by 74 room", "qa_factoid", 0.55).text == \
        "13 by 74 is 962 square feet."
    assert ask(ctx, "what is the area of a 20 x 20 room", "qa_maths", 0.35).text.startswith("20 by 20 is 400")


def test_out_of_something_so_put_it_on_the_list(ctx):
    """Found by running HWU64's valid sentences through this session's changes: "i'm out of
    clorox wipes so will you put that on my shopping list" (lists_remove) took the item just
    added off the list; "add to my list of things to do: wash the dog" added "to my to do list
    wash the dog"; "i need laundry to be put on my list of things to do" added "laundry to be"."""
    ask(ctx, "add cheese to my shopping list", "lists_createoradd")
    r = ask(ctx, "i'm out of clorox wipes so will you put that on my shopping list", "lists_remove", 0.91,
            sentiment="negative")
    assert r.text == "Added clorox wipes to your shopping list.", r
    assert ask(ctx, "add to my list of things to do: wash the dog", "lists_createoradd").text == \
        "Added wash the dog to your to do list."
    assert ask(ctx, "i need laundry to be put on my list of things to do", "lists_createoradd", 0.99).text == \
        "Added laundry to your to do list."
    assert ask(ctx, "what's on my shopping list", "lists_query").text == "Your shopping list has cheese and clorox wipes."


def test_marked_down_or_thrown_onto_a_list(ctx):
    """"Mark down cleaning the bathroom on my list of things to do" (lists_remove) asked what to
    take off a "do list"; "throw mopping onto my to do list" said it wasn't on it."""
    r = ask(ctx, "mark down cleaning the bathroom on my list of things to do", "lists_remove", 0.78, sentiment="negative")
    assert r.text == "Added cleaning the bathroom to your to do list.", r
    r = ask(ctx, "throw mopping onto my to do list", "lists_createoradd", 0.76, sentiment="negative")
    assert r.text == "Added mopping to your to do list.", r
