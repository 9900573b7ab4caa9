"""Builds the project's own English memory-retrieval evaluation set.

    .venv/bin/python eval_data/build_en.py          (run from the repository root)

Writes eval_data/en/memory_bank_en.json (the MemoryBank paper's bank format) and
eval_data/en/gold_en.jsonl (one gold question per line), then validates both and prints counts.

Everything below is hand-written for this project. The script only decides *where* things go:
which day a key turn lands on, where it sits inside that day, which filler lines surround it, and
which reply the companion gives. Dates and turn indexes in the gold file are computed from the
layout, so evidence is exact by construction, and then checked again at the end.

Conventions
- Every user has exactly DAYS consecutive days of history, 3..6 turns a day.
- TODAY (the day the questions are asked) = the user's last history day + TODAY_GAP days.
- Relative questions ("last week", "N days ago", "last <Weekday>", "last weekend") are resolved
  against TODAY and verified with the project's own parser, memory.dates.find_dates.
- Standard library only (memory.dates is imported from this repository for the check).
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

SEED = 20240611
DAYS = 30
TODAY_GAP = 4
MIN_TURNS, MAX_TURNS = 3, 6
MAX_KEYS_PER_DAY = 2  # key turns of ordinary (non date/relative) questions sharing one day

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT_DIR = HERE / "en"
BANK_PATH = OUT_DIR / "memory_bank_en.json"
GOLD_PATH = OUT_DIR / "gold_en.jsonl"

TYPES = ["fact", "multi", "date", "relative", "preference", "update", "unanswerable"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUM_WORDS = {4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}

# ------------------------------------------------------------------------------------------------
# The companion's replies. A reply is an opener plus a follow-up of the turn's mood, so replies stay
# short and warm and never repeat the user's facts back. Moods: p positive, n frustrated/tired,
# s sad/heavy, u neutral, l plan/intention.
# ------------------------------------------------------------------------------------------------
REPLY_OPEN = {
    "p": ["Oh, that's wonderful!", "I love hearing this.", "That made me smile.", "What a lovely thing.",
          "Yes! That's great.", "That sounds really nice.", "Good for you!", "How lovely.",
          "That's a win in my book.", "Aw, that's so nice to hear.", "That's brilliant.",
          "Now that's a good moment."],
    "n": ["Oh no, I'm sorry.", "That sounds rough.", "Ugh, that's frustrating.", "That sounds really tiring.",
          "I'm sorry you had to deal with that.", "That's a lot to carry.", "Oof, that's hard.",
          "That sounds draining.", "I hear you.", "That must have been stressful.",
          "Oh, that's not fun at all.", "That would wear anyone down."],
    "s": ["Oh, I'm so sorry.", "That's a heavy one.", "That sounds really painful.",
          "I'm sending you a lot of warmth right now.", "That's a lot to hold.",
          "I'm really sorry you're going through that.", "Oh, my friend.", "That really touches me."],
    "u": ["Thanks for telling me.", "Ha, I see.", "Got it.", "Oh, interesting.", "That's fair.",
          "Ah, I know that feeling.", "Noted!", "Mm, makes sense.", "Okay, I'm following.",
          "That's quite a day.", "Huh, okay.", "Sounds like a full day."],
    "l": ["That sounds like a good plan.", "Ooh, I like that idea.", "Go for it!", "Sensible move.",
          "That's a nice goal.", "Love that you're thinking ahead.", "That sounds doable.",
          "Good thinking.", "I'm cheering for you."],
}
REPLY_FOLLOW = {
    "p": ["You deserve moments like that.", "Hold on to that feeling for a bit.",
          "I hope the rest of the day felt as good.", "Thanks for sharing it with me.",
          "It sounds like it really lifted your mood.", "Little things like that add up.",
          "I'm really happy for you.", "Tell me more whenever you like.", "Let yourself enjoy it.",
          "You sound lighter already.", "That's worth celebrating.", "I'm glad that came your way."],
    "n": ["Be gentle with yourself tonight.", "Do you want to talk it through, or just vent?",
          "You're allowed to feel annoyed about it.", "I hope you can get some rest soon.",
          "It won't feel this way forever.", "Maybe something small and comforting would help tonight.",
          "I'm here if you want to unpack it.", "You've handled hard days before, and you'll handle this one.",
          "Try not to be too hard on yourself.", "Take a breath, you did what you could.",
          "It's okay if today was just about getting through.", "I'm glad you told me."],
    "s": ["I'm here with you.", "Take all the time you need.", "Be gentle with yourself tonight.",
          "It's okay to feel this way.", "Thank you for trusting me with it.",
          "You don't have to carry it alone.", "Whatever you're feeling is allowed.",
          "I'm holding space for you."],
    "u": ["How are you feeling about it?", "Anything else on your mind today?",
          "I'm always curious how these things turn out.", "Keep me posted.",
          "What was the best part of your day?", "I like hearing about the small stuff too.",
          "Did it change your plans at all?", "I'll be here whenever you want to chat more.",
          "It sounds like you're taking it in stride.", "Want to tell me more?",
          "Life is full of little surprises.", "I'm glad you checked in."],
    "l": ["Let me know how it goes.", "Small steps count.", "I'll ask you about it later!",
          "Don't put too much pressure on yourself.", "Future you will be grateful.",
          "I have a good feeling about it.", "Tell me how it turns out.", "You've got this."],
}

GREETINGS = ["Hi again! ", "Hey. ", "Evening! ", "Morning! ", "Okay so, ", "Hi. ", "Hey you. ",
             "Quick update: ", "Hello! ", "So, "]

# ------------------------------------------------------------------------------------------------
# Generic filler lines: "mood|topic|text". Slots {friend} {food} {place} {show} {work} are filled
# from each user's own pools, so the same template reads differently per user. No weekday names,
# no seasons, nothing that pins a fact to a user.
# ------------------------------------------------------------------------------------------------
FILLER = [
    # food
    "u|food|Had {food} for lunch and now I'm fighting a serious food coma.",
    "u|food|I was going to cook, but I ended up eating {food} standing at the counter. Very elegant.",
    "p|food|Tried making {food} from scratch tonight. It was edible. Mostly.",
    "u|food|Craving {food} so badly right now, but it's way too late to go out.",
    "n|food|Grabbed {food} on the way home because I had zero energy to cook.",
    "p|food|{friend} and I split some {food} and it really hit the spot.",
    "n|food|I forgot to eat lunch again and only noticed at four in the afternoon.",
    "l|food|Made a big batch of {food} so I don't have to think about dinner for a few days.",
    "n|food|Had way too much caffeine today, I feel jittery.",
    "u|food|Went grocery shopping and somehow came back without the one thing I went for.",
    "p|food|Cooked with music on tonight, and it felt less like a chore.",
    "u|food|The fridge is down to condiments and one sad carrot. Shopping tomorrow, I promise.",
    # people
    "p|people|{friend} texted me out of the blue today, it was really nice to hear from them.",
    "p|people|Had a long phone call with {friend}, we talked for almost two hours.",
    "n|people|{friend} cancelled our plans last minute again. I'm trying not to take it personally.",
    "u|people|I keep meaning to reply to {friend}'s message and I keep forgetting.",
    "p|people|{friend} sent me the funniest meme, I laughed out loud on my own.",
    "p|people|Caught up with {friend} on a quick walk, it felt good to vent a little.",
    "n|people|I feel like I haven't had a proper conversation with anyone in days.",
    "u|people|{friend} asked me for advice and I hope I said the right thing.",
    "p|people|A stranger held the door and smiled at me today. Small thing, but it helped.",
    "n|people|{friend} is going through a rough patch and I don't really know how to help.",
    "l|people|Thinking about {friend}'s birthday, I need to figure out a gift.",
    # place
    "p|place|Walked over to {place} after dinner, the air felt really good.",
    "u|place|{place} was packed today, I barely found a spot.",
    "p|place|Spent an hour at {place} just people-watching. Very relaxing.",
    "l|place|Thinking of going to {place} later if the rain holds off.",
    "p|place|Found a little shortcut to {place}, I feel like a local now.",
    "u|place|Got turned around on the way to {place}, which is embarrassing given how often I go.",
    "p|place|Dropped by {place} and ran into someone I hadn't seen in ages.",
    # media
    "u|media|Started another episode of {show}. I said just one and watched three.",
    "u|media|{show} ended on such a frustrating note, I need to talk about it.",
    "u|media|Listening to an old playlist from years ago, lots of memories in there.",
    "p|media|Found a podcast about the history of everyday objects. Weirdly addictive.",
    "l|media|I've been reading before bed instead of scrolling. Trying to keep it up.",
    "u|media|Rewatched a comfort movie tonight, I needed something familiar.",
    # sleep
    "n|sleep|Slept terribly, kept waking up around three for no reason.",
    "p|sleep|Actually got eight hours of sleep, I feel like a new person.",
    "u|sleep|Took a nap this afternoon and now I'm wide awake at midnight.",
    "u|sleep|Had the strangest dream that I was late for an exam I didn't know about.",
    "n|sleep|I'm so tired today, everything feels like it's moving through mud.",
    "l|sleep|Planning a slow morning tomorrow, no alarms.",
    # work
    "n|work|Busy day at {work}, I barely had a minute to breathe.",
    "p|work|Things were quiet at {work} today, which was a nice change.",
    "p|work|Got a small compliment at {work} and it made my whole afternoon.",
    "n|work|Made a silly mistake at {work} and I keep replaying it in my head.",
    "l|work|I have a big to-do list for tomorrow, trying not to think about it tonight.",
    "n|work|Stayed later than I meant to at {work}, and now I'm starving.",
    # home
    "p|home|Finally cleaned the bathroom. Why do I avoid it when it only takes twenty minutes?",
    "n|home|The washing machine made a terrifying noise today. Please don't break on me.",
    "p|home|Reorganised my closet and found a jacket I forgot I owned.",
    "n|home|Someone in the building has been vacuuming at odd hours again.",
    "p|home|Watered all the plants, and one of them is finally putting out a new leaf.",
    "u|home|Spent way too long deciding where to hang one picture frame.",
    "u|home|The internet went out for two hours and I didn't know what to do with myself.",
    "u|home|I spent twenty minutes looking for my keys and they were in my hand the whole time.",
    # health
    "l|health|Went for a short walk around the block, trying to move more.",
    "n|health|My back has been aching since I slept funny.",
    "p|health|Drank more water today than I usually do in three days, feeling smug about it.",
    "n|health|I think I'm coming down with a cold, my throat is scratchy.",
    "p|health|Did a ten-minute stretching video this morning. Small win.",
    "l|health|Booked a dentist appointment I've been putting off for months.",
    "u|health|I keep forgetting to take my vitamins.",
    # mood
    "n|mood|Feeling a bit low today and I can't really pinpoint why.",
    "u|mood|Today was just fine. Nothing bad, nothing great.",
    "p|mood|I'm in a weirdly good mood today, not going to question it.",
    "n|mood|Everything feels a bit overwhelming right now.",
    "p|mood|Caught myself smiling at nothing today. Good sign, I think.",
    "n|mood|I've been overthinking a message I sent earlier. I hope it didn't come across wrong.",
    "s|mood|Some days I wonder if I'm doing enough with my life.",
    "p|mood|Felt really proud of myself for getting through today's list.",
    "p|mood|I needed a quiet evening and I actually got one.",
    "u|mood|Just wanted to say hi before bed, nothing much happened today.",
    "p|mood|Made a list of things I'm grateful for. It was longer than I expected.",
    "p|mood|Wrote in my journal for the first time in weeks.",
    # money / errands
    "n|money|Paid a bunch of bills today and my bank account is crying.",
    "p|money|Finally returned a package I'd been meaning to send back for weeks.",
    "n|money|Waited forty minutes in line at the post office. Forty!",
    "p|money|Found a twenty in an old coat pocket. Best feeling.",
    "l|money|Trying to stick to a budget, and it's harder than I thought.",
    # weather
    "n|weather|It poured all afternoon and I got soaked walking back.",
    "p|weather|Beautiful light outside this evening, I stopped to take a photo.",
    "u|weather|So windy today my umbrella flipped inside out.",
    # misc
    "l|misc|I want to pick up a new hobby but I can't decide what.",
    "l|misc|Signed up for a free online course. Let's see if I actually finish it.",
    "u|misc|Spent the evening clearing out my phone's photos. So many blurry shots.",
    "p|misc|I laughed so hard at a video of a goat yelling, I really needed that.",
    "n|misc|Had a small argument with a stranger over a parking spot. Still annoyed.",
    "p|misc|Spent the afternoon doing absolutely nothing and I don't regret it.",
    "u|misc|Tried a new route home and it took twice as long.",
    "n|misc|Dropped my phone and the corner of the screen cracked. Still works, at least.",
]



def Q(kind, question, answer, kws, topic, *turns, rel=None, day=None):
    """One gold question with the key turns that carry its answer.

    kws: keywords every evidence query must contain (for "multi": each evidence turn holds at least
    one and together they hold all; for "unanswerable": words no query of the user may contain).
    topic: "a/b" topics; a date/relative question blocks these topics elsewhere in its day range.
    turns: "m:text" or "m:text||reply" (m = mood letter, default u). For "update" the first turn is
    the old value and the last turn the current one (the only evidence).
    rel: for "relative": weekday | week | weekend | ago_word | ago_digit. day: fixed day offset.
    """
    return {"type": kind, "question": question, "answer": answer, "kws": kws,
            "topics": set(topic.split("/")) if topic else set(), "turns": list(turns),
            "rel": rel, "day": day}

