"""Builds the project's own English memory-retrieval evaluation set.

    .venv/bin/python eval_data/build_en.py          (run from the repository root)

Writes eval_data/en/bank_en.json (the MemoryBank paper's bank format) and
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
BANK_PATH = OUT_DIR / "bank_en.json"
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
    "n": ["Oh no, I'm sorry.", "That sounds rough.", "Ugh, that's frustrating.", "That's a tough one.",
          "I'm sorry you had to deal with that.", "Oof.", "Ah, that's annoying.", "I hear you.",
          "That's not fun at all.", "Oh, that's a pain.", "Ugh, I'm sorry.", "Well, that's no fun."],
    "s": ["Oh, I'm so sorry.", "That's a heavy one.", "That sounds really painful.",
          "I'm sending you a lot of warmth right now.", "That's a lot to hold.",
          "I'm really sorry you're going through that.", "Oh, my friend.", "That's a big feeling."],
    "u": ["Thanks for telling me.", "Ha, I see.", "Got it.", "Oh, interesting.", "That's fair.",
          "Ah, I know that feeling.", "Noted!", "Mm, makes sense.", "Okay, I'm following.",
          "Fair enough.", "Huh, okay.", "Okay!"],
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
          "You're allowed to feel annoyed about it.", "I hope tomorrow is kinder.",
          "It won't feel this way forever.", "Maybe something small and comforting would help tonight.",
          "I'm here if you want to unpack it.", "Try not to be too hard on yourself.",
          "Take a breath, you did what you could.", "I'm glad you told me.", "Hang in there.",
          "Sending you a little patience for the rest of the day."],
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

GREETINGS = ["Hi again! ", "Hey. ", "Hi. ", "Hey you. ", "Hello! ", "Me again! ", "Hey there! "]

# ------------------------------------------------------------------------------------------------
# Generic filler lines: "mood|topic|text". Slots {friend} {food} {place} {show} {work} are filled
# from each user's own pools, so the same template reads differently per user. No weekday names,
# no seasons, nothing that pins a fact to a user.
# ------------------------------------------------------------------------------------------------
FILLER = [
    # food
    "u|food|Had {food} for lunch and now I'm fighting a serious food coma.",
    "u|food|I was going to cook, but I ended up eating {food} standing at the counter. Very elegant.",
    "p|food|Tried a new recipe tonight. It was edible. Mostly.",
    "u|food|Craving {food} so badly right now, but it's way too late to go out.",
    "n|food|Grabbed {food} on the way home because I had zero energy to cook.",
    "p|food|{friend} and I shared {food} and it really hit the spot.",
    "n|food|I forgot to eat lunch again and only noticed at four in the afternoon.",
    "l|food|Did a big meal prep tonight so I don't have to think about dinner for a few days.",
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
    "p|people|Dropped by {place} and ran into someone I hadn't seen in ages.",
    # media
    "u|media|Put {show} on in the background and zoned out completely.",
    "u|media|Fell asleep halfway through {show}. Classic.",
    "p|media|{show} got me way more emotional than it had any right to.",
    "u|media|Started a new series and I said just one episode. I watched three.",
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
    "p|home|Reorganized my closet and found a jacket I forgot I owned.",
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
    "u|food|Someone brought donuts to {work} and I had two. No regrets.",
    "p|food|Had {food} with {friend} and we talked for ages.",
    "u|food|Couldn't decide what to eat, so I had {food} again.",
    "n|food|Burned dinner tonight. The smoke alarm and I are not friends.",
    "p|food|The first bite of {food} after a long day is a spiritual experience.",
    "u|food|Tried a fruit I'd never heard of. It tasted like a pear that went to art school.",
    "p|people|{friend} and I have a running joke that still makes me laugh every time.",
    "u|people|{friend} wants to plan a get-together soon. I said yes before thinking.",
    "p|people|Got a sweet voice message from {friend} just checking in.",
    "n|people|Had an awkward moment where I forgot someone's name mid-conversation.",
    "u|people|{friend} keeps recommending {show} to me. Not sure how I feel about it yet.",
    "p|people|Helped a lost tourist with directions and felt weirdly proud.",
    "u|place|Stopped by {place} on a whim. Nothing special, just nice to be out.",
    "p|place|Sat for a while near {place} and watched the sky change color.",
    "n|place|Everything around {place} is under construction right now. So loud.",
    "u|media|Went down an internet rabbit hole about deep-sea creatures for an hour.",
    "p|media|A song came on shuffle that I haven't heard in ten years. Instant time travel.",
    "u|media|Read three chapters of a book and can't remember any of it. Tired brain.",
    "n|sleep|Woke up before my alarm and couldn't get back to sleep.",
    "p|sleep|Slept in a little and it felt like a luxury.",
    "u|sleep|My sleep schedule is a mystery even to me at this point.",
    "u|work|Spent most of the day at {work} sorting out small problems. Whack-a-mole.",
    "p|work|Finished something at {work} I'd been dreading for ages. Huge relief.",
    "n|work|Everyone at {work} seemed grumpy today, and it was catching.",
    "u|work|The lunch break at {work} was the best part of the day, honestly.",
    "u|home|Did three loads of laundry and somehow still have nothing to wear.",
    "n|home|A light bulb went out and I don't have a spare. Living in the dim ages.",
    "p|home|Changed the sheets. Fresh sheets are a top-five feeling.",
    "u|home|Tried to fix a squeaky door with some oil. It's squeakier now.",
    "p|health|Took the stairs everywhere today. My legs noticed.",
    "n|health|Headache all afternoon. Too much screen time, probably.",
    "p|health|Stretched before bed and actually felt the difference.",
    "u|mood|Bit of a restless day, I couldn't settle into anything.",
    "p|mood|Had a good laugh at myself today and it helped.",
    "n|mood|Grumpy for no reason today. Sorry in advance.",
    "p|mood|Today felt lighter than yesterday. I'll take it.",
    "u|weather|Grey and gloomy all day. Perfect excuse to stay in.",
    "p|weather|Clear sky tonight, I could actually see some stars.",
    "u|misc|Reorganized the apps on my phone. Productive procrastination.",
    "p|misc|Found an old birthday card in a drawer and reread it twice.",
    "u|misc|Tried to learn a card trick from a video. Failed spectacularly.",
    "n|misc|Spent ages on hold with customer service today.",
    "p|misc|Someone left a kind note on a community board and it made my day.",
    "u|misc|Cleared out my bag and found three pens and none of the receipts I needed.",
    "l|misc|Made a list of places I want to visit someday.",
    "u|money|Cancelled a subscription I forgot I even had. Small victory.",
    "n|money|Everything costs more than it did a year ago, it's wild.",
]



def Q(kind, question, answer, kws, topic, *turns, rel=None, day=None):
    """One gold question with the key turns that carry its answer.

    kws: keywords every evidence query must contain (for "multi": each evidence turn holds at least
    one and together they hold all; for "unanswerable": words no query of the user may contain).
    topic: "a/b" topics; a date/relative question blocks these topics elsewhere in its day range.
    turns: "m:text" or "m:text||reply" (m = mood letter, default u). For "update" the first turn is
    the old value and the last turn the current one (the only evidence).
    rel: for "relative": weekday | week | weekend | ago_word | ago_digit.
    day: for "date", the exact day offset; for other types, the latest day offset allowed.
    """
    return {"type": kind, "question": question, "answer": answer, "kws": kws,
            "topics": set(topic.split("/")) if topic else set(), "turns": list(turns),
            "rel": rel, "day": day}

# ------------------------------------------------------------------------------------------------
# Users. Each: profile, slot pools for the generic fillers, hand-written distractor turns
# (mood, topic, text) on the same themes as the key facts, and 15 questions with their key turns.
# ------------------------------------------------------------------------------------------------
USERS = [
    dict(
        name="Maya Thompson", start="2024-01-12",
        personality="29-year-old ER nurse in Chicago; warm, dryly funny, often exhausted, fiercely loyal to her friends",
        hobbies="bouldering, true-crime podcasts, stress baking",
        style="short bursts, self-deprecating jokes, says 'honestly' a lot",
        friends=["Dana", "Luis", "Keisha"], foods=["pad thai", "a bagel", "leftover chili", "ramen"],
        places=["the climbing gym", "Lincoln Park", "the corner bakery"],
        shows=["that baking competition show", "a murder-mystery docuseries"], work="the hospital",
        distract=[
            ("u", "pet", "My neighbour's cat Olive was sitting on my car hood again this morning, judging me."),
            ("p", "pet", "Dana's parrot learned to imitate her phone ringing. Absolute chaos."),
            ("n", "work", "Dr. Patel snapped at an intern today and the whole unit went dead quiet."),
            ("n", "hobby", "Tried a V4 with a nasty overhang and fell off the same move six times."),
            ("u", "family", "Renee wants me over for dinner but our schedules never line up."),
            ("p", "food", "A patient's daughter brought the whole unit homemade tamales. Best break room day ever."),
            ("n", "money", "The parking garage at work raised its rates again. Highway robbery."),
            ("u", "place", "Drove past the lake on the way home, it looked grey and angry."),
            ("n", "work", "Charted until my eyes crossed. Documentation is the real boss of nursing."),
            ("p", "people", "Keisha dropped off a care package with fuzzy socks and candy. I love her."),
            ("u", "media", "Started an audiobook about a cult in the seventies. Can't stop."),
            ("n", "sleep", "My blackout curtains fell down at noon while I was trying to sleep off a night shift."),
            ("p", "hobby", "Luis and I had a bouldering session and spent more time laughing than climbing."),
            ("u", "family", "Mom called to ask when I'm going to 'settle down'. Classic."),
        ],
        items=[
            Q("fact", "What's the name of my sister's dog?", "Pretzel, a wiry terrier mix.", ["Pretzel"], "pet/family",
              "p:My sister Renee finally adopted a dog, a wiry little terrier mix named Pretzel. She already sends me fifty photos a day."),
            Q("fact", "Do you remember the name of the new doctor I said was really kind to patients?", "Dr. Okonkwo, the new attending.", ["Okonkwo"], "work",
              "p:There's a new attending, Dr. Okonkwo, who actually sits down and talks to scared patients. Rare and lovely."),
            Q("fact", "What grade did I finally send at the climbing gym?", "A V5, her first.", ["V5"], "hobby",
              "p:I finally sent my first V5 at the climbing gym!! My forearms are destroyed but I'm so proud."),
            Q("fact", "How much did the brake repair on my car cost?", "$640.", ["640"], "money",
              "n:Got the car back from the mechanic. $640 for brakes. I want to cry a little."),
            Q("multi", "Which two things did I stress-bake after rough shifts?", "Cinnamon rolls and a lemon loaf.", ["cinnamon rolls", "lemon loaf"], "food",
              "u:Stress-baked cinnamon rolls at 2am after a terrible shift. Regret nothing.",
              "s:Made a lemon loaf because a patient's family situation really got to me and I needed to do something with my hands."),
            Q("multi", "Which two coworkers told me they were leaving my old unit?", "Janelle (clinic job) and Marco (anesthesia school).", ["Janelle", "Marco"], "work",
              "s:Janelle from my unit just handed in her notice, she's moving to a clinic job. I'm gutted.",
              "n:And now Marco is leaving too?? He's going back to school for anesthesia."),
            Q("date", "Where did I go after my shift on {date}?", "To the lakefront to watch the sunrise.", ["lakefront"], "place",
              "p:Went to the lakefront after my night shift to watch the sunrise. Freezing, but worth it."),
            Q("date", "Who did I run into on {date}?", "Her old nursing instructor, Mrs. Hale, at the pharmacy.", ["Hale"], "people",
              "p:Ran into my old nursing instructor, Mrs. Hale, at the pharmacy! She remembered me."),
            Q("relative", "What movie did I rewatch {rel}?", "Jurassic Park.", ["Jurassic Park"], "media",
              "p:Rewatched Jurassic Park with popcorn and zero shame. The kitchen scene still gets me.", rel="weekend"),
            Q("relative", "What did I buy for myself {rel}?", "New climbing shoes.", ["climbing shoes"], "money",
              "p:Treated myself to new climbing shoes. They hurt like crazy, which apparently means they fit.", rel="ago_word"),
            Q("preference", "Do I prefer day shifts or night shifts?", "Day shifts; nights mess with her sleep.", ["day shifts"], "work/sleep",
              "u:Honestly, I'd take day shifts forever if I could. Nights mess with my head and my sleep."),
            Q("preference", "What kind of podcasts do I like?", "True-crime podcasts, the creepier the better.", ["true-crime podcasts"], "media",
              "p:I could listen to true-crime podcasts all day, the creepier the better."),
            Q("update", "Which unit am I working on now?", "The ICU (she transferred from the ER).", ["ICU"], "work",
              "u:I've been in the ER for three years now. It's chaos, but it's my chaos.",
              "l:Big news: I transferred to the ICU. Starting fresh on a new unit is terrifying."),
            Q("update", "Who's my roommate now?", "Priyanka, a grad student (Tess moved out).", ["Priyanka"], "home/people",
              "p:My roommate Tess is the best, she leaves me soup after night shifts.",
              "u:Tess moved out to live with her boyfriend, and my new roommate is a grad student named Priyanka. Seems quiet."),
            Q("unanswerable", "What did I name my goldfish?", "You never mentioned having a goldfish.", ["goldfish"], ""),
        ]),
    dict(
        name="Arjun Mehta", start="2024-02-14",
        personality="34-year-old software engineer in Austin and brand-new dad; analytical, gentle, a bit anxious, loves a plan",
        hobbies="watching cricket, smoking meat, mechanical keyboards",
        style="long, precise messages with the occasional dad joke",
        friends=["Rohan", "Jake", "Melissa"], foods=["tacos", "dal and rice", "a breakfast taco", "a veggie burger"],
        places=["the bookstore on South Congress", "the grocery store", "the greenbelt trail"],
        shows=["a cricket highlights show", "a sci-fi series"], work="the office",
        distract=[
            ("u", "family", "My mom keeps sending me articles about baby sleep schedules. They all contradict each other."),
            ("p", "people", "Jake came over to help me assemble the crib. Took three hours, and one extra screw is still a mystery."),
            ("n", "sleep", "The baby woke up screaming at 4am and nothing worked except walking laps around the kitchen."),
            ("u", "work", "Sprint planning ran two hours over. I have opinions about meetings."),
            ("p", "food", "Rohan brought over homemade samosas and my wife and I ate them standing up."),
            ("u", "hobby", "Watched a cricket replay at 2am while rocking the baby. Peak multitasking."),
            ("n", "health", "My back is wrecked from leaning over the changing table."),
            ("p", "family", "My dad video-called and sang an old Marathi lullaby to the baby."),
            ("u", "hobby", "Thinking about building a second smoker. I know, I know."),
            ("n", "work", "A teammate pushed code without tests and I spent the evening fixing it."),
            ("n", "home", "The garage door opener died and I had to lift the door by hand like a caveman."),
            ("p", "place", "Melissa recommended a quiet trail near the lake, I'm going to try it with the stroller."),
            ("u", "money", "Looked into college savings plans tonight. She's three months old. I'm that guy."),
        ],
        items=[
            Q("fact", "What's the name of our daughter's pediatrician?", "Dr. Ramirez.", ["Ramirez"], "family/health",
              "p:Anika's checkup went well. Dr. Ramirez says she's growing right on track, which calmed my nerves a lot."),
            Q("fact", "What made my daughter laugh for the first time?", "The sound of the blender.", ["blender"], "family",
              "p:Anika laughed for the first time, a real belly laugh, at the sound of the blender of all things."),
            Q("fact", "What kind of switches did I order for my new keyboard?", "Tactile brown switches.", ["brown switches"], "hobby",
              "u:Ordered a new mechanical keyboard kit with tactile brown switches. My wife rolled her eyes so hard."),
            Q("fact", "What's my wife's name?", "Neha.", ["Neha"], "family",
              "p:Neha took the night feed so I could sleep six hours straight. I owe her forever."),
            Q("multi", "Who came to visit to meet the baby?", "His parents (from Pune) and his cousin Vikram (from Dallas).", ["parents", "Vikram"], "family",
              "p:My parents landed from Pune to meet Anika! My dad cried at the airport.",
              "p:My cousin Vikram drove down from Dallas with a ridiculous amount of baby clothes."),
            Q("multi", "Which two kinds of meat did I smoke?", "A brisket and pork ribs.", ["brisket", "pork ribs"], "food/hobby",
              "p:Smoked a brisket for fourteen hours. The bark was perfect and I'm unreasonably proud.",
              "p:Tried pork ribs on the smoker today, three-two-one method. Fell off the bone."),
            Q("date", "What went wrong at work on {date}?", "The production database went down during a demo.", ["database"], "work",
              "n:The production database went down in the middle of a demo. Worst hour of my career so far."),
            Q("date", "Where did we take the baby on {date}?", "Took Anika to Zilker Park in her stroller for the first family outing.", ["Zilker Park"], "place/family",
              "p:First family outing: we took Anika to Zilker Park in her stroller. She slept through the whole thing."),
            Q("relative", "What milestone did my daughter hit {rel}?", "She rolled over by herself for the first time.", ["rolled over"], "family",
              "p:Anika rolled over by herself today! Tummy to back, and she looked as shocked as we were.", rel="weekday"),
            Q("relative", "What did my manager tell me {rel}?", "That he is being put up for staff engineer.", ["staff engineer"], "work",
              "l:My manager pulled me aside and said I'm being put up for staff engineer. Trying not to get my hopes up.", rel="ago_digit"),
            Q("preference", "Do I like working from home or from the office better?", "From home; the office is noise and meetings.", ["working from home"], "work",
              "u:I'm way more productive working from home. The office is all noise and meetings."),
            Q("preference", "Which cricket team do I support?", "Mumbai Indians.", ["Mumbai Indians"], "hobby",
              "u:Mumbai Indians forever, even when they break my heart every single season."),
            Q("update", "What car do we drive now?", "A used minivan (they traded in the Civic).", ["minivan"], "money",
              "u:My old Honda Civic is still holding on, 180,000 miles and counting.",
              "p:We traded in the Civic for a used minivan. I am officially a dad."),
            Q("update", "How long is the baby sleeping at night now?", "A five-hour stretch.", ["five-hour"], "family/sleep",
              "n:Anika is still waking up every two hours at night. I'm a zombie.",
              "p:A miracle: Anika slept a five-hour stretch last night!"),
            Q("unanswerable", "What breed is our dog?", "You never mentioned having a dog.", ["dog"], ""),
        ]),
    dict(
        name="Eleanor Briggs", start="2024-05-09",
        personality="71-year-old retired schoolteacher in a small Vermont town, widowed two years ago; gentle, witty, a little lonely, proud of her independence",
        hobbies="gardening, quilting, crosswords, birdwatching",
        style="polite complete sentences, old-fashioned phrases, signs off warmly",
        friends=["Margaret", "Doris", "Ruth"], foods=["tomato soup", "a cheese sandwich", "blueberry muffins", "chicken pot pie"],
        places=["the town library", "the general store", "the church hall"],
        shows=["a British detective series", "the evening news"], work="the library volunteer desk",
        distract=[
            ("u", "pet", "The Hendersons' beagle got loose again and dug up half of my tulip bed."),
            ("p", "pet", "A stray orange cat has been sunning himself on my porch. I've been calling him Marmalade."),
            ("u", "hobby", "The crossword had a clue about a Portuguese river and it stumped me all morning."),
            ("p", "people", "Margaret and I walked to the falls and talked about our mothers."),
            ("s", "mood", "It's been two years since Walter passed. Some mornings his chair still looks too empty."),
            ("u", "family", "Susan called to remind me to take my pills. I reminded her that I taught her to read."),
            ("n", "health", "My hip is complaining about the weather again."),
            ("p", "hobby", "Finished hand-binding a baby quilt for Doris's great-grandson."),
            ("u", "place", "The church hall smelled of burnt coffee and floor polish, just like always."),
            ("p", "garden", "The lilacs are out and the whole yard smells like heaven."),
            ("n", "garden", "Slugs got into the hostas. War has been declared."),
            ("u", "media", "The library got the new Louise Penny mystery and I'm fourth on the waiting list."),
            ("p", "family", "My granddaughter Lily sent me a drawing of a horse, or possibly a dog."),
        ],
        items=[
            Q("fact", "What was my late husband's rowboat called?", "The Lady Marion.", ["Lady Marion"], "family",
              "s:I found a photo of Walter's old rowboat, the Lady Marion. He painted that name on it himself, crooked letters and all."),
            Q("fact", "Which bird showed up at my feeder that I'd never seen in the yard before?", "A rose-breasted grosbeak.", ["grosbeak"], "birding",
              "p:A rose-breasted grosbeak came to my feeder this morning! In forty years I've never seen one in this yard."),
            Q("fact", "What's the name of my grandson who got his learner's permit?", "Caleb.", ["Caleb"], "family",
              "u:My grandson Caleb got his learner's permit. Heaven help the roads of Connecticut."),
            Q("fact", "What pattern is the quilt I'm making for the church raffle?", "A log cabin pattern in blues and creams.", ["log cabin"], "hobby",
              "l:I've started the quilt for the church raffle, a log cabin pattern in blues and creams."),
            Q("multi", "Which vegetables did I plant in the garden?", "Snap peas, zucchini and tomatoes.", ["snap peas", "zucchini", "tomatoes"], "garden",
              "u:Put the snap peas in along the fence today. My knees complained the entire time.",
              "u:Planted six zucchini seedlings. Doris says I'll regret it by August.",
              "p:The tomatoes finally went into the raised bed, Brandywines and Sungolds."),
            Q("multi", "Which two former students got in touch with me?", "Jimmy Porter and Alice Wen.", ["Jimmy Porter", "Alice Wen"], "people",
              "p:A former student, Jimmy Porter, wrote to tell me he became a teacher because of my class. I had to sit down.",
              "p:Alice Wen, whom I taught in 1988, sent me a wedding photo of her daughter. Where does the time go?"),
            Q("date", "Who came to visit me on {date}?", "Her daughter Susan, up from Hartford.", ["Susan"], "family/people",
              "p:Susan drove up from Hartford for the day and we had lunch on the porch. My heart is full."),
            Q("date", "What did I win on {date}?", "Second place in the library's crossword contest.", ["crossword contest"], "hobby",
              "p:I took second place in the library's crossword contest. Lost to a retired dentist by one word."),
            Q("relative", "What did I bake {rel}?", "A strawberry rhubarb pie.", ["rhubarb"], "food/garden",
              "p:Baked a strawberry rhubarb pie with the first rhubarb from the garden.", rel="week"),
            Q("relative", "What did my doctor tell me {rel}?", "Her blood pressure is finally better.", ["blood pressure"], "health",
              "p:Dr. Lindqvist says my blood pressure is finally better. The walks must be helping.", rel="ago_word"),
            Q("preference", "What kind of music do I like?", "Big band music, like Glenn Miller.", ["big band"], "media",
              "p:Nothing lifts my mood like big band music. Walter and I used to dance to Glenn Miller in the kitchen."),
            Q("preference", "Am I a cat person or a dog person?", "A cat person.", ["cat person"], "pet",
              "u:I have always been a cat person. Dogs are lovely, but they need you so very much."),
            Q("update", "Who drives me to my appointments now?", "Phil from church (Gary moved to Florida).", ["Phil"], "people/health",
              "p:My neighbour Gary drives me to my eye appointments. Such a kind young man.",
              "u:Gary has moved away to Florida, so now a nice fellow from church, Phil, drives me to my appointments."),
            Q("update", "Where do I do my grocery shopping now?", "At the co-op on Elm Street (Miller's Market closed).", ["co-op"], "food/place",
              "u:I do my shopping at Miller's Market, they know me by name there.",
              "s:Miller's Market has closed its doors, a sad day. I've started shopping at the co-op on Elm Street instead."),
            Q("unanswerable", "What did my brother say when he called?", "You never mentioned a brother calling, or a brother at all.", ["brother"], ""),
        ]),
    dict(
        name="Diego Alvarez", start="2024-09-24",
        personality="19-year-old university freshman in San Diego, first in his family at college; friendly, a bit insecure, funny, homesick for Fresno",
        hobbies="skateboarding, video games, cooking his grandma's recipes",
        style="casual lowercase texting, 'bro', 'lowkey', lots of exclamation marks",
        friends=["Tyler", "Jasmine", "Omar"], foods=["instant noodles", "dining hall pizza", "a burrito", "cereal"],
        places=["the library", "the beach by campus", "the skate park"],
        shows=["an anime", "a cooking channel"], work="the lab",
        distract=[
            ("s", "pet", "my family's dog Chispa apparently sleeps on my bed every night now that i'm gone"),
            ("p", "people", "Omar taught me how to do laundry properly. been doing it wrong for 19 years"),
            ("s", "mood", "lowkey homesick today. everyone here seems to already have their friend group"),
            ("n", "study", "ochem lecture felt like it was in another language"),
            ("p", "hobby", "landed a kickflip down the three stair finally!!"),
            ("u", "food", "Tyler tried to make quesadillas in the microwave. i had to intervene"),
            ("n", "money", "textbooks cost HOW much. i could buy a car. a bad car but still"),
            ("p", "place", "watched the sunset at the cliffs with people from my floor, kinda magical"),
            ("u", "family", "my dad texted 'how is school' and that's it. classic dad"),
            ("n", "sleep", "someone pulled the fire alarm at 3am. we all stood outside in pajamas for an hour"),
            ("u", "media", "started a new anime, everyone on my floor is obsessed with it"),
            ("p", "study", "the TA said my lab report was one of the best in the section!!"),
            ("u", "food", "the dining hall had 'taco night' and i have complaints"),
        ],
        items=[
            Q("fact", "What's my roommate's name?", "Kenji.", ["Kenji"], "people/home",
              "u:my roommate Kenji is super quiet but he plays lo-fi beats all night lol, it's kinda growing on me"),
            Q("fact", "What grade did I get on my first chem midterm?", "A B-minus.", ["B-minus"], "study",
              "n:got my chem midterm back... B-minus. not terrible but my mom is gonna ask"),
            Q("fact", "Which of my grandma's dishes did I try to cook in the dorm?", "Her chile colorado.", ["chile colorado"], "food/family",
              "p:tried to make my abuela's chile colorado in the dorm kitchen!! smelled like home, tasted like 70% home"),
            Q("fact", "What club did I join?", "The marine biology club.", ["marine biology club"], "study/people",
              "p:joined the marine biology club bro, they do tide pooling trips and everything!!", day=2),
            Q("multi", "Which two people from home did I call?", "His mom and his little brother Mateo.", ["mom", "Mateo"], "family",
              "s:called my mom tonight and she cried a little, then i cried a little. good talk tho",
              "p:facetimed my little brother Mateo, he showed me his science project volcano lol"),
            Q("multi", "Which two campus events did I go to?", "An outdoor movie night and the career fair.", ["movie night", "career fair"], "study/people",
              "p:went to the outdoor movie night on the lawn, they showed Shrek and everyone was yelling the lines",
              "n:dragged myself to the career fair in my one button-up shirt. got a free water bottle and existential dread"),
            Q("date", "What happened to my skateboard on {date}?", "The deck snapped in half at the skate park.", ["snapped"], "hobby",
              "s:my skateboard deck snapped in half at the skate park. rip old friend"),
            Q("date", "What did my mom send me on {date}?", "A cooler of frozen tamales.", ["tamales"], "food/family",
              "p:mom mailed me a cooler of frozen tamales!!! the whole floor is jealous"),
            Q("relative", "What animal did I see {rel}?", "An octopus, while tide pooling at La Jolla.", ["octopus"], "place/study/pet",
              "p:went tide pooling at La Jolla this morning and saw an octopus!!! best day since i got here", rel="weekend"),
            Q("relative", "Who did I study with {rel}?", "Hana from his lab section.", ["Hana"], "study/people",
              "p:studied for bio with Hana from my lab section for like four hours, she explains things way better than the professor", rel="weekday"),
            Q("preference", "What do I think of the dining hall food?", "He finds it bland and misses real salsa.", ["dining hall", "bland"], "food",
              "n:the dining hall food is so bland bro, i'd do anything for actual salsa"),
            Q("preference", "What music do I like to skate to?", "Old-school punk (Misfits, Bad Religion).", ["punk"], "hobby/media",
              "u:nothing hits while skating like old school punk, Misfits and Bad Religion on repeat"),
            Q("update", "What's my major now?", "Marine science (switched from biology).", ["marine science"], "study",
              "u:biology major life is a lot of memorizing, not gonna lie",
              "l:ok big decision: i switched my major to marine science. feels way more me"),
            Q("update", "Where do I work now?", "At the aquarium gift shop (quit the campus bookstore).", ["aquarium"], "money",
              "u:picked up shifts at the campus bookstore, mostly restocking highlighters lol",
              "p:quit the bookstore and got a job at the aquarium gift shop!! fish all day"),
            Q("unanswerable", "What's my girlfriend's name again?", "You never mentioned having a girlfriend.", ["girlfriend"], ""),
        ]),
    dict(
        name="Priya Nair", start="2024-03-24",
        personality="42-year-old single mom of two and accountant in Toronto; organized, stretched thin, quietly funny, puts herself last",
        hobbies="Carnatic music, short runs, crime novels",
        style="efficient, writes in quick lists, dry humour",
        friends=["Farah", "Colleen", "Deepa"], foods=["upma", "frozen pizza", "a salad from the food court", "lemon rice"],
        places=["High Park", "the community centre", "the library on Bloor"],
        shows=["a Scandinavian crime drama", "a baking show"], work="the firm",
        distract=[
            ("n", "work", "A client dropped a shoebox of receipts on my desk. Literally a shoebox."),
            ("u", "family", "Rajesh was late for pickup again. I smiled and said nothing. Growth."),
            ("p", "family", "Meera wrote me a card that said 'best mom in the univers'. Keeping it forever."),
            ("u", "pet", "Deepa's cat had kittens and she's trying to give me one. I have enough dependents."),
            ("n", "sleep", "Woke at 4am thinking about a client's capital gains. This is my life."),
            ("p", "media", "Put on M.S. Subbulakshmi while doing dishes and felt like a kid in my amma's kitchen."),
            ("u", "food", "Aarav has declared he only eats beige food now."),
            ("n", "health", "My knee twinged on the stairs. Please, not now."),
            ("p", "people", "Farah dropped off biryani because she 'made too much'. She never makes too much."),
            ("u", "school", "Parent-teacher interviews are coming up and I have to take time off."),
            ("n", "money", "Hockey equipment is so expensive. Who knew kids' shin pads cost that much."),
            ("p", "place", "Walked through High Park with the kids and they raced each other to every tree."),
            ("u", "family", "My mother calls from Kochi every few days to ask if I'm eating."),
        ],
        items=[
            Q("fact", "What instrument is Meera learning?", "The violin.", ["violin"], "family",
              "u:Meera started violin lessons. The squeaking is... a journey."),
            Q("fact", "What's the name of Aarav's hockey team?", "The Junior Lynx.", ["Junior Lynx"], "family",
              "p:Aarav made the house league hockey team, they're called the Junior Lynx. He wants a lynx on everything now."),
            Q("fact", "How many tax returns did I have left on my desk at the worst point?", "Forty-three.", ["Forty-three"], "work",
              "n:Forty-three returns still on my desk and the deadline is not moving."),
            Q("fact", "What's the name of my ex-husband's new partner?", "Sunita.", ["Sunita"], "family",
              "u:Rajesh introduced the kids to his new partner, Sunita. Meera says she's 'nice but talks too much'. I'm being an adult about it."),
            Q("multi", "Which two books did I finish?", "The Silent Patient and a Jane Harper novel.", ["Silent Patient", "Jane Harper"], "media",
              "p:Finished The Silent Patient on the subway. That twist!",
              "p:Read a Jane Harper novel in two nights. Australian outback, dead bodies, perfect."),
            Q("multi", "Which two things in the house got broken or needed fixing?", "The leaking kitchen tap and the back window Aarav cracked with a puck.", ["tap", "window"], "home",
              "p:The kitchen tap was leaking, so I watched three videos and fixed it myself. Who needs a plumber.",
              "n:Aarav's hockey puck cracked the back window. He's grounded from indoor practice."),
            Q("date", "What did I run on {date}?", "Her first 5K without stopping.", ["5K"], "health",
              "p:Ran my first 5K without stopping! Slow as a turtle but I did it."),
            Q("date", "Who helped me out on {date}?", "Her neighbour Mrs. Kowalski took the kids after school.", ["Kowalski"], "people",
              "p:My neighbour Mrs. Kowalski took the kids after school so I could work late. Bringing her samosas."),
            Q("relative", "What did Aarav do {rel}?", "He scored his first goal.", ["first goal"], "family",
              "p:Aarav scored his first goal today!!! I screamed so loud the other parents stared.", rel="ago_digit"),
            Q("relative", "What did I cook for the kids {rel}?", "Dosa from scratch.", ["dosa"], "food",
              "p:Made dosa from scratch with the batter I'd been fermenting. The kids had three each.", rel="week"),
            Q("preference", "Do I prefer running in the morning or in the evening?", "Early morning, before anyone needs her.", ["early in the morning"], "health",
              "u:I can only run early in the morning, before anyone needs anything from me. Evenings are hopeless."),
            Q("preference", "What kind of novels do I enjoy?", "Murder mysteries, the darker the better.", ["murder mystery"], "media",
              "u:Give me a murder mystery over a romance any day. The darker the better."),
            Q("update", "Who is my manager now?", "Lorraine (Greg left the firm).", ["Lorraine"], "work",
              "n:My manager Greg keeps scheduling meetings at 4:55pm.",
              "p:Greg left the firm and our new manager is Lorraine. First impression: sharp, fair."),
            Q("update", "How much is our rent now?", "$2,600 a month.", ["2,600"], "money/home",
              "u:Our rent is $2,350 a month and it already feels like too much.",
              "n:The landlord raised the rent to $2,600. I did the maths three times hoping it was wrong."),
            Q("unanswerable", "What's the name of the kids' hamster?", "You never mentioned a hamster.", ["hamster"], ""),
        ]),
    dict(
        name="Tom O'Connell", start="2024-07-06",
        personality="55-year-old long-haul truck driver from Dayton, Ohio, married thirty years; easygoing, stubborn, sentimental underneath",
        hobbies="fishing, classic country, Cincinnati Reds baseball",
        style="plainspoken, short sentences, a bit of trucker slang",
        friends=["Earl", "Bobby", "Denise"], foods=["a truck stop burger", "beef jerky", "chicken fried steak", "a gas station sandwich"],
        places=["the truck stop", "the rest area", "the diner off I-70"],
        shows=["an audiobook western", "a fishing show"], work="the depot",
        distract=[
            ("u", "pet", "Earl brings his old bloodhound on his runs now. Dog rides shotgun like a king."),
            ("n", "road", "Construction on I-80 had me crawling for two hours."),
            ("p", "people", "Denise at the diner remembered my order. Small things."),
            ("u", "family", "Linda's repainting the living room. Wants my opinion on beige versus taupe. Same color."),
            ("n", "health", "Back's stiff from sitting. Getting old ain't for sissies."),
            ("p", "hobby", "Reds rallied in the ninth. I pounded the steering wheel."),
            ("u", "road", "Dispatcher changed my route three times in one day."),
            ("s", "mood", "Missing home tonight. The cab feels small."),
            ("p", "place", "Watched the sun come up over the Rockies. Never gets old."),
            ("u", "food", "Tried a salad at the truck stop. It was mostly iceberg. Counts."),
            ("n", "road", "Guy in a sports car cut me off and gave me the finger. Sure, buddy."),
            ("p", "family", "Kevin sent me a picture of his new house. Proud of that boy."),
            ("u", "hobby", "Bobby wants to go walleye fishing up at Lake Erie this fall."),
        ],
        items=[
            Q("fact", "What's my truck's name?", "Big Rita, named after his grandma.", ["Big Rita"], "road",
              "p:Named my rig Big Rita years ago after my grandma. She's got 900,000 miles and still purrs."),
            Q("fact", "What's my granddaughter's name?", "Josie.", ["Josie"], "family",
              "p:Got a video of my granddaughter Josie riding her bike with no training wheels. Watched it ten times at the rest stop."),
            Q("fact", "What was my cholesterol at the DOT physical?", "240.", ["240"], "health",
              "n:DOT physical came back, cholesterol is 240. Doc says lay off the fried stuff."),
            Q("fact", "How big was the catfish I caught?", "Twelve pounds.", ["twelve-pound"], "hobby",
              "p:Caught a twelve-pound catfish at Grand Lake on my home time. Linda made me take it off the kitchen table."),
            Q("multi", "Which states did I haul loads to?", "Texas, Georgia and Montana.", ["Texas", "Georgia", "Montana"], "road",
              "u:Hauling a load of auto parts down to Texas. Long empty stretches.",
              "n:Delivered to a warehouse in Georgia. Humid as a swamp.",
              "p:Heading up to Montana with a trailer full of lumber. Big sky country."),
            Q("multi", "What two things broke on my truck?", "The cab's air conditioning and a tire (blew outside Tulsa).", ["air conditioning", "tire"], "road",
              "n:Air conditioning in the cab quit on me in the middle of the afternoon. Sweating like a sinner in church.",
              "n:Blew a tire outside Tulsa, waited three hours for road service."),
            Q("date", "What did Linda and I celebrate on {date}?", "Their 30th wedding anniversary.", ["30th anniversary"], "family",
              "p:It's our 30th anniversary, Linda and me. Called her from a Wyoming rest stop and sang her our song, off-key."),
            Q("date", "What did I see on the road on {date}?", "A herd of bison crossing the highway.", ["bison"], "road/place",
              "p:Had to stop for a herd of bison crossing the highway. Sat there twenty minutes grinning like a kid."),
            Q("relative", "What was the score of the Reds game {rel}?", "The Reds won 7-3.", ["7-3"], "hobby/media",
              "p:Reds won 7-3, listened to the whole thing on the radio through Kansas.", rel="weekday"),
            Q("relative", "What did I do on my home time {rel}?", "Took his son Kevin fishing at dawn.", ["Kevin"], "family/hobby",
              "p:Home for two days. Took my son Kevin fishing at dawn like when he was little.", rel="weekend"),
            Q("preference", "What music do I like on long hauls?", "Classic country: Merle, Waylon, George Jones.", ["classic country"], "media",
              "u:Nothing beats classic country on a night haul. Merle, Waylon, George Jones."),
            Q("preference", "Do I like driving at night?", "Yes, he'd rather drive nights when the roads are empty.", ["drive nights"], "road",
              "u:I'd rather drive nights. Roads are empty and nobody's in a hurry but me."),
            Q("update", "Which company am I driving for now?", "Blue Ridge Carriers (left Hartwell Freight).", ["Blue Ridge"], "work/road",
              "u:Been with Hartwell Freight eleven years now.",
              "p:Signed on with Blue Ridge Carriers. Better pay, more home time. Eleven years at the old place, weird feeling."),
            Q("update", "How much do I weigh now?", "248 pounds.", ["248"], "health",
              "n:Stepped on a scale at the truck stop, 262. Not great.",
              "p:Down to 248 pounds! Linda's packing me salads and I'm not even mad."),
            Q("unanswerable", "What did I name my fishing boat?", "You never mentioned owning a boat.", ["boat"], ""),
        ]),
    dict(
        name="Sofia Rossi", start="2024-10-16",
        personality="26-year-old barista and aspiring illustrator in Portland, Oregon; dreamy, sensitive, creative, hard on herself",
        hobbies="drawing, thrift shopping, houseplants, indie folk",
        style="expressive, says 'like' a lot, descriptive, occasional ALL CAPS",
        friends=["Juniper", "Theo", "Mara"], foods=["a burrito bowl", "toast with jam", "pho", "leftover lasagna"],
        places=["Powell's bookstore", "the thrift store on Hawthorne", "Laurelhurst Park"],
        shows=["a Studio Ghibli movie", "a pottery show"], work="the café",
        distract=[
            ("u", "pet", "Theo's dog Waffles tried to eat my eraser."),
            ("n", "work", "A customer yelled at me because oat milk costs extra. I don't set the prices!"),
            ("p", "art", "Drew tiny mushrooms in the margins of my notebook all through my break."),
            ("s", "mood", "Scrolled through other artists' pages and felt like a total fraud."),
            ("u", "place", "Powell's has a new graphic novel section and I lost two hours."),
            ("p", "people", "Juniper and I had a drawing date at her kitchen table. Tea, paper, rain."),
            ("u", "food", "Tried a lavender latte on my break. Tastes like soap but it's so pretty."),
            ("n", "money", "Rent plus art supplies plus being alive is too expensive."),
            ("u", "art", "Thinking about doing a comic about my grandmother's village in Sicily."),
            ("p", "work", "Latte art win: a swan that actually looks like a swan."),
            ("n", "sleep", "The radiator clanked all night like ghosts rattling chains."),
            ("u", "family", "My mom asked if I've 'thought about a real job'. Cool cool cool."),
        ],
        items=[
            Q("fact", "What's my cat's name?", "Noodle.", ["Noodle"], "pet",
              "u:My cat Noodle knocked my ink bottle off the desk and now there's a black paw print on my sketchbook. Honestly it improved the page."),
            Q("fact", "Which art supply did I splurge on?", "A set of gouache paints.", ["gouache"], "art/money",
              "p:I splurged on a real set of gouache paints. My bank account is crying but my heart is singing."),
            Q("fact", "What's the name of the zine I'm making?", "Small Hours.", ["Small Hours"], "art",
              "l:I'm calling my zine 'Small Hours'. It's all little drawings of the city at 3am."),
            Q("fact", "How many followers did my art account reach?", "1,000 followers.", ["1,000"], "art",
              "p:My art account just hit 1,000 followers. ONE THOUSAND PEOPLE. I'm shaking."),
            Q("multi", "Which two houseplants did I buy?", "A trailing pothos and a half-price fiddle-leaf fig.", ["pothos", "fiddle-leaf fig"], "home",
              "p:Bought a trailing pothos for the bathroom window.",
              "l:Adopted a sad, half-price fiddle-leaf fig. I will nurse it back to health."),
            Q("multi", "Which two galleries did I submit my work to?", "The Ink & Paper gallery open call and a group show at Second Story Arts.", ["Ink & Paper", "Second Story"], "art",
              "l:Submitted three pieces to the Ink & Paper gallery open call. Trying not to refresh my email every minute.",
              "l:Applied to a group show at Second Story Arts too. Go big or go home."),
            Q("date", "What did a customer give me on {date}?", "A tiny pencil drawing of her making his latte.", ["pencil drawing"], "work/art",
              "p:A regular left me a tiny pencil drawing of me making his latte. I almost cried behind the counter."),
            Q("date", "What did I thrift on {date}?", "A green corduroy jacket for eight dollars.", ["corduroy"], "money/place",
              "p:Thrifted the most perfect green corduroy jacket for eight dollars. It's a sign."),
            Q("relative", "Who did I go to the folk show with {rel}?", "Her cousin Gia.", ["Gia"], "people/media",
              "p:Went to a tiny folk show in a basement with my cousin Gia. The fiddle player was unreal.", rel="ago_word"),
            Q("relative", "What did I sketch {rel}?", "The Burnside Bridge in the fog.", ["Burnside Bridge"], "art/place",
              "p:Sat by the river and sketched the Burnside Bridge in the fog. Best drawing I've done in weeks.", rel="weekday"),
            Q("preference", "What kind of music do I like?", "Indie folk.", ["indie folk"], "media",
              "u:Indie folk is basically my personality. Give me a banjo and some sad lyrics."),
            Q("preference", "How do I feel about the opening shift?", "She hates it; nobody should be awake at 5am.", ["opening shift"], "work",
              "n:I hate the opening shift with my whole soul. Nobody should be awake at 5am."),
            Q("update", "Where do I live now?", "A shared house in St. Johns (moved from Sellwood).", ["St. Johns"], "home",
              "u:My apartment in Sellwood is tiny but the light is gorgeous.",
              "p:Moved into a shared house in St. Johns! More space, three roommates, one very loud kettle."),
            Q("update", "What colour is my hair now?", "Copper red (it was lavender before).", ["copper"], "misc",
              "p:Dyed my hair lavender, I feel like a fairy.",
              "p:Bleached out the lavender and went copper red. Very autumn, very dramatic."),
            Q("unanswerable", "How did my driving test go?", "You never mentioned a driving test.", ["driving test"], ""),
        ]),
    dict(
        name="Kwame Mensah", start="2024-04-04",
        personality="38-year-old high school chemistry teacher and soccer coach in Atlanta, Ghanaian-American, married with a six-year-old son; upbeat, patient, big-hearted, a bit of a perfectionist",
        hobbies="coaching soccer, Afrobeats, grilling, chess",
        style="encouraging and energetic, says 'man' and 'let's go'",
        friends=["Darnell", "Kojo", "Rebecca"], foods=["jollof rice", "peanut soup", "a turkey sandwich", "waakye"],
        places=["Piedmont Park", "the barbershop", "the school track"],
        shows=["a Premier League match", "a chess stream"], work="school",
        distract=[
            ("u", "pet", "Darnell's pit bull Duke is the gentlest dog I know. Kofi rides him like a pony, basically."),
            ("n", "work", "Caught two kids cheating on the quiz. I hate having those conversations."),
            ("p", "family", "Abena and I had a real date night, no phones. Felt like we were 25 again."),
            ("u", "soccer", "Practice got rained out, so we watched game film in the gym instead."),
            ("p", "hobby", "Won a chess game with a queen sacrifice. Felt like a genius for a minute."),
            ("n", "health", "Rolled my ankle demonstrating a drill. Coach life."),
            ("u", "family", "My sister in Accra sent a voice note with the whole family singing."),
            ("p", "work", "A former student emailed that she's majoring in chemistry now."),
            ("u", "food", "Kojo insists his jollof is better than mine. We'll settle it at the cookout."),
            ("n", "money", "The lab budget got cut again. Buying goggles with my own money."),
            ("p", "place", "Ran laps at the school track at sunrise. Peaceful."),
            ("u", "soccer", "The boys want new jerseys. Fundraiser car wash it is."),
            ("n", "sleep", "Kofi had a nightmare and ended up sleeping sideways across our bed."),
        ],
        items=[
            Q("fact", "What's the name of my student who won the district science fair?", "Tanisha (water filtration project).", ["Tanisha"], "work",
              "p:My student Tanisha won first place at the district science fair with her water filtration project! I'm so proud I could burst."),
            Q("fact", "Which chess opening did I say I'm studying?", "The Sicilian Defense.", ["Sicilian"], "hobby",
              "l:Been studying the Sicilian Defense every night. My brain hurts but it's a good hurt."),
            Q("fact", "What was the score of our big game against Westlake?", "3-2, in overtime.", ["3-2", "Westlake"], "soccer",
              "p:We beat Westlake 3-2 in overtime! The boys dogpiled in the mud."),
            Q("fact", "Where are my parents retiring to?", "Kumasi, back in Ghana.", ["Kumasi"], "family",
              "s:My parents finally decided to retire back home to Kumasi. Happy for them, sad for me."),
            Q("multi", "Which two demos or experiments did I do with my classes?", "Elephant toothpaste and flame tests.", ["elephant toothpaste", "flame tests"], "work",
              "p:Did the elephant toothpaste demo and the kids screamed like it was a concert.",
              "p:Flame tests today: lithium red, copper green. Even the sleepy kids woke up."),
            Q("multi", "What two things did I make on the grill?", "Beef suya and corn with chili butter.", ["suya", "corn"], "food",
              "p:Grilled beef suya in the backyard, the neighbors came over following the smell.",
              "p:Threw some corn on the grill with chili butter. Abena said it's the best thing I've made."),
            Q("date", "What award did I get on {date}?", "Teacher of the Month.", ["Teacher of the Month"], "work",
              "p:They named me Teacher of the Month at the staff meeting. The kids made a banner with a beaker on it."),
            Q("date", "What did Kofi learn to do on {date}?", "Tie his own shoes.", ["tied his own shoes"], "family",
              "p:Kofi tied his own shoes for the first time! Bunny ears method. We celebrated with ice cream."),
            Q("relative", "What did I fix around the house {rel}?", "The backyard fence that blew down.", ["fence"], "home",
              "p:Spent the afternoon fixing the backyard fence that blew down. Hammer blisters, but it's standing.", rel="week"),
            Q("relative", "Who called me about a new job {rel}?", "The principal of a STEM magnet school.", ["magnet school"], "work",
              "l:Got a call from the principal of a STEM magnet school asking if I'd consider joining them next year. Whoa.", rel="ago_digit"),
            Q("preference", "What music do I put on while grading?", "Afrobeats, like Burna Boy.", ["Afrobeats"], "media/work",
              "p:Grading goes so much faster with Afrobeats on. Burna Boy carried me through 90 lab reports."),
            Q("preference", "What's my favourite part of teaching?", "The moment a student's face lights up when it finally clicks.", ["finally clicks"], "work",
              "p:My favorite part of teaching is the moment a kid's face lights up when it finally clicks."),
            Q("update", "What's my online chess rating now?", "Over 1500.", ["1500"], "hobby",
              "n:My online chess rating is stuck at 1350. Plateau city.",
              "p:Broke 1500 in online chess today! Let's go!"),
            Q("update", "Which team am I coaching now?", "The varsity soccer team (moved up from JV).", ["varsity"], "soccer",
              "u:Coaching the JV soccer team this season, a lot of raw talent there.",
              "l:The AD asked me to take over the varsity team since Coach Harris retired. Big step up, man."),
            Q("unanswerable", "What instrument do I play?", "You never mentioned playing an instrument.", ["instrument", "guitar", "piano"], ""),
        ]),
    dict(
        name="Hannah Schmidt", start="2024-11-08",
        personality="31-year-old German PhD student in linguistics at a university in Edinburgh; curious, introverted, self-deprecating, prone to imposter syndrome",
        hobbies="hillwalking, knitting, learning Gaelic, board games",
        style="thoughtful, slightly formal English with the odd German word",
        friends=["Fiona", "Mateus", "Ailsa"], foods=["a baked potato", "porridge", "a falafel wrap", "lentil soup"],
        places=["the university library", "the Meadows", "a café in Marchmont"],
        shows=["a Danish political drama", "a knitting podcast"], work="the department",
        distract=[
            ("u", "pet", "Ailsa's collie herded us all into the kitchen at the party. A very efficient dog."),
            ("n", "study", "Read the same paragraph eight times. Nothing went in."),
            ("p", "people", "Mateus made Brazilian cheese bread for the reading group. Everyone was suddenly very motivated."),
            ("s", "mood", "Imposter syndrome is loud today. Everyone else seems to know what they're doing."),
            ("u", "family", "Mama sent a parcel with Lebkuchen and thick socks. She thinks Scotland is the Arctic."),
            ("p", "place", "The light over the Firth of Forth this afternoon was unreal."),
            ("u", "hobby", "Dropped three stitches and pretended not to notice."),
            ("n", "weather", "Horizontal rain. An umbrella is pointless here."),
            ("p", "study", "Found an 1890s dialect survey in the archives that nobody has cited in decades!"),
            ("u", "work", "Marked forty essays on morphology. Some students really love the word 'basically'."),
            ("n", "money", "My stipend does not understand Edinburgh rent."),
            ("p", "hobby", "My Gaelic app streak is at 60 days. Small victories."),
            ("u", "people", "Fiona wants me to come to a ceilidh. I have two left feet."),
        ],
        items=[
            Q("fact", "What is my thesis about?", "Verb placement in northern Scots dialects.", ["verb placement"], "study",
              "u:My thesis, in one sentence for the hundredth time: verb placement in northern Scots dialects. Nobody's eyes light up."),
            Q("fact", "What's my supervisor's name?", "Professor MacLeod.", ["MacLeod"], "study/work",
              "u:The meeting with Professor MacLeod went okay. She said my chapter 'has potential', which in supervisor language is practically praise."),
            Q("fact", "What colour is the jumper I'm knitting?", "Mustard yellow.", ["mustard yellow"], "hobby",
              "l:Cast on a mustard yellow jumper. Ambitious, given that I've only ever made scarves."),
            Q("fact", "What does my sister do for work?", "She's a midwife in Hamburg.", ["midwife"], "family",
              "p:My sister Lena just qualified as a midwife in Hamburg. I'm so proud of her."),
            Q("multi", "Which two places did I submit conference abstracts to?", "A dialectology conference in Glasgow and a syntax workshop in Utrecht.", ["Glasgow", "Utrecht"], "study",
              "l:Submitted an abstract to a dialectology conference in Glasgow.",
              "l:Also sent one to a syntax workshop in Utrecht. Fingers crossed, Daumen drücken!"),
            Q("multi", "Which hills did I walk up?", "Ben Lomond and the Pentland Hills.", ["Ben Lomond", "Pentland"], "hobby/place",
              "p:Climbed Ben Lomond with the hillwalking club. The wind nearly took my hat to the next county.",
              "p:Walked across the Pentland Hills, quiet and misty, sheep everywhere."),
            Q("date", "What did I teach on {date}?", "Her first tutorial, on phonetics.", ["phonetics"], "work",
              "u:Taught my first tutorial on phonetics. Twenty undergraduates staring at me. I survived."),
            Q("date", "What board game did we play on {date}?", "Wingspan; she won by a single egg.", ["Wingspan"], "hobby/people",
              "p:Board game night at Fiona's: we played Wingspan and I won by a single egg."),
            Q("relative", "What phrase did I learn in Gaelic class {rel}?", "'Tha mi sgìth', I am tired.", ["sgìth"], "hobby/study",
              "u:In Gaelic class we learned 'tha mi sgìth', I am tired. The most useful phrase for a PhD student.", rel="weekday"),
            Q("relative", "What did I buy {rel}?", "Proper waterproof boots.", ["waterproof boots"], "money",
              "p:Finally bought proper waterproof boots. My feet have been wet since I arrived in this city.", rel="ago_word"),
            Q("preference", "Where do I prefer to write, at home or in the library?", "In the library; at home she procrastinates.", ["only write in the library"], "study",
              "u:I can only write in the library. At home I end up reorganising my spice rack."),
            Q("preference", "What kind of board games do I like?", "Cooperative ones; competitive games make her anxious.", ["cooperative"], "hobby",
              "u:I prefer cooperative board games. Competitive ones make me too anxious, I apologise to everyone."),
            Q("update", "Who do I share my office with now?", "Mei, a quiet phonologist (Tom moved buildings).", ["Mei"], "work/people",
              "n:I share an office with Tom, who eats crisps very loudly.",
              "p:Office shuffle: Tom moved to the other building and now I share with Mei, a quiet phonologist. Bliss."),
            Q("update", "When is my thesis due now?", "In September, after an extension (it was April).", ["September"], "study",
              "n:My thesis submission is due in April. I am trying not to think about it.",
              "p:Got an extension! The thesis is now due in September. I can breathe again."),
            Q("unanswerable", "What's my boyfriend's name?", "You never mentioned a boyfriend.", ["boyfriend"], ""),
        ]),
    dict(
        name="Marcus Lee", start="2024-06-16",
        personality="47-year-old owner of a Korean-fusion restaurant in Seattle, recently divorced, father of a teenage daughter; driven, proud, gruff, slowly learning to open up",
        hobbies="cooking, cycling, vinyl records, old kung fu movies",
        style="blunt and short, dry humour",
        friends=["Tony", "Wes", "Eun-ji"], foods=["kimchi fried rice", "a staff meal", "pho", "a protein bar"],
        places=["Pike Place", "the Burke-Gilman Trail", "the record store in Ballard"],
        shows=["a cooking competition", "a baseball documentary"], work="the restaurant",
        distract=[
            ("u", "work", "Health inspector visit. Passed clean. Still sweating."),
            ("n", "work", "Dishwasher quit mid-shift. I washed dishes until 1am."),
            ("u", "family", "Sage dyed her hair blue. I said nothing. Progress."),
            ("p", "people", "Wes came by and we ate cold noodles on the back step like old times."),
            ("s", "mood", "Quiet nights after close. That's the hard part."),
            ("p", "hobby", "Cleaned all my records and listened to Coltrane start to finish."),
            ("u", "food", "Eun-ji's mom sent over a jar of her doenjang. Liquid gold."),
            ("n", "money", "Rent on the restaurant space is going up next year. Numbers are tight."),
            ("p", "place", "Walked the Burke-Gilman at sunset. Head cleared."),
            ("u", "health", "Doctor says my blood pressure is borderline. Tell that to a double shift."),
            ("n", "sleep", "Can't turn my brain off after service. Still reading tickets in my head at 3am."),
            ("p", "work", "New busser, a college kid, asked me to teach him knife skills. Made my day."),
            ("u", "family", "My mom keeps asking when I'm 'going back to Jen'. Ma, no."),
        ],
        items=[
            Q("fact", "What's the name of my restaurant?", "Hanok Table.", ["Hanok Table"], "work",
              "p:Hanok Table turned four years old today. Four years of burns, bills and the best people I know."),
            Q("fact", "Which dish does my daughter always ask me to make?", "Kimchi jjigae.", ["jjigae"], "family/food",
              "p:Sage asked me to make kimchi jjigae when she stays over. Says mine beats her mom's. Don't tell anyone."),
            Q("fact", "What record did I find for forty bucks?", "A first pressing of Kind of Blue.", ["Kind of Blue"], "hobby",
              "p:Found a first pressing of Kind of Blue for forty bucks. The guy didn't know what he had."),
            Q("fact", "What's my therapist's name?", "Dr. Abernathy.", ["Abernathy"], "health",
              "u:First session with the therapist, Dr. Abernathy. Didn't hate it. Didn't love it. Going back."),
            Q("multi", "Which two new dishes did I try out on the menu?", "Gochujang wings and a bulgogi taco.", ["gochujang wings", "bulgogi taco"], "work/food",
              "p:Put gochujang wings on the menu as a special. Sold out in two hours.",
              "l:Testing a bulgogi taco for the summer menu. Needs more acid."),
            Q("multi", "Where did I ride my bike?", "Around Lake Washington and out to Snoqualmie Falls.", ["Lake Washington", "Snoqualmie"], "hobby/place",
              "p:Rode the full loop around Lake Washington at 6am. Legs are jelly.",
              "p:Biked out to Snoqualmie Falls with Tony. Hard climb, worth it."),
            Q("date", "Who came into the restaurant on {date}?", "A food critic from the Seattle Times.", ["critic"], "work",
              "n:A food critic from the Seattle Times came in tonight. Knew it the second she ordered. My hands were shaking plating her food."),
            Q("date", "What did Sage and I do on {date}?", "Went to a Mariners game.", ["Mariners"], "family",
              "p:Took Sage to the Mariners game. She spent most of it on her phone but she laughed at my jokes twice."),
            Q("relative", "What broke at the restaurant {rel}?", "The walk-in fridge died during prep.", ["walk-in"], "work",
              "n:The walk-in fridge died in the middle of prep. Lost about two grand in product.", rel="weekend"),
            Q("relative", "What did my ex-wife tell me {rel}?", "That she's getting remarried.", ["remarried"], "family",
              "s:Jen called to tell me she's getting remarried. I said congratulations and meant it. Mostly.", rel="ago_digit"),
            Q("preference", "What kind of movies do I like?", "Old Shaw Brothers kung fu movies.", ["kung fu"], "media",
              "u:Old Shaw Brothers kung fu movies are my comfort food. Bad dubbing and all."),
            Q("preference", "Do I like cilantro?", "No, he hates it; tastes like soap to him.", ["cilantro"], "food",
              "n:I hate cilantro. Tastes like soap. It's not on my menu and never will be."),
            Q("update", "Who's my sous chef now?", "Mina, promoted from line cook (Rafael left).", ["Mina"], "work",
              "p:My sous chef Rafael has been with me since day one.",
              "u:Rafael left to open his own place. Promoted Mina, our line cook, to sous chef. She's ready."),
            Q("update", "Where am I living now?", "A one-bedroom in Fremont.", ["Fremont"], "home",
              "n:Still sleeping on the couch in the restaurant office some nights. Not great.",
              "p:Signed a lease on a one-bedroom in Fremont. First place that's just mine in twenty years."),
            Q("unanswerable", "What was the name of my dog growing up?", "You never mentioned having a dog.", ["dog"], ""),
        ]),
]

USERS += [
    dict(
        name="Aiko Tanaka", start="2024-08-06",
        personality="23-year-old junior graphic designer who moved from Osaka to London; cheerful on the surface, a perfectionist, quietly homesick",
        hobbies="film photography, cafés, city pop, drawing characters",
        style="polite and enthusiastic, exclamation marks, the odd Japanese word",
        friends=["Bea", "Ravi", "Yuki"], foods=["a meal deal sandwich", "onigiri", "fish and chips", "udon"],
        places=["Columbia Road flower market", "a café in Shoreditch", "the Thames path"],
        shows=["a Japanese variety show", "a design YouTube channel"], work="the studio",
        distract=[
            ("u", "pet", "The neighbour's cat comes through my window every morning. I've named her Mochi."),
            ("s", "mood", "Homesick today. I saw a konbini in a video and nearly cried."),
            ("p", "people", "Ravi taught me what 'innit' means. I am now using it wrong on purpose."),
            ("u", "work", "A client asked us to 'make the logo bigger' four times."),
            ("p", "photo", "Developed my first film roll from London! Half are blurry, half are magic."),
            ("n", "work", "Stayed late fixing kerning nobody will ever notice."),
            ("u", "family", "Grandma video-called and asked if I'm eating rice. Of course I'm eating rice."),
            ("p", "place", "Columbia Road flower market smelled amazing, I bought peonies."),
            ("u", "food", "Tried beans on toast. I understand nothing about this country."),
            ("n", "money", "Oyster card top-up again. London is so expensive!"),
            ("p", "hobby", "Drew a little character of a sleepy fox. Might make stickers."),
            ("u", "people", "Yuki from my language exchange wants to start a Japanese film club."),
            ("n", "health", "Caught a cold on the Tube, I think. Everyone coughs on the Northern line."),
        ],
        items=[
            Q("fact", "What's the name of the design agency I work at?", "Foxglove Studio.", ["Foxglove"], "work",
              "u:Everyone at Foxglove Studio is so stylish, I feel like a potato in my cardigan."),
            Q("fact", "What was my first real client project?", "Carton packaging for a small oat-milk brand.", ["oat-milk"], "work",
              "p:My first real client project: packaging for a small oat-milk brand! I get to design the cartons!"),
            Q("fact", "What camera do I shoot film with?", "Her grandfather's old Olympus film camera.", ["Olympus"], "photo/family",
              "p:My grandfather's old Olympus film camera still works perfectly. Going to shoot a roll around Camden soon."),
            Q("fact", "How long is my commute?", "Fifty minutes each way on the Northern line.", ["fifty minutes"], "commute",
              "u:My commute is fifty minutes each way on the Northern line. I read a whole novel a week now."),
            Q("multi", "Which museums did I visit?", "The V&A and the British Museum.", ["V&A", "British Museum"], "place",
              "p:Spent the afternoon at the V&A, the fashion gallery made me want to redesign my whole life.",
              "s:Went to the British Museum and found the Japanese gallery. Weirdly emotional."),
            Q("multi", "What did my mum put in the parcel she sent from Japan?", "Furikake (three kinds) and an omamori charm from the local shrine.", ["furikake", "omamori"], "family",
              "p:Mum sent a parcel: three kinds of furikake and a photo of our old dog.",
              "p:There was also an omamori from our local shrine in the parcel, for good luck at work."),
            Q("date", "What did my boss decide on {date}?", "He chose her logo concept for the pitch.", ["logo concept"], "work",
              "p:My boss chose MY logo concept for the pitch!! I had to go to the toilet to do a little dance."),
            Q("date", "Where did I go on a day trip on {date}?", "Brighton, with Bea.", ["Brighton"], "travel/place",
              "p:Day trip to Brighton with Bea! Pebbles, seagulls stealing chips, perfect."),
            Q("relative", "What did I cook {rel}?", "Okonomiyaki for her friends from work.", ["okonomiyaki"], "food",
              "p:Made okonomiyaki for my friends from work. They'd never had it and now they want it all the time!", rel="week"),
            Q("relative", "What happened on the Tube {rel}?", "She got stuck in a tunnel for forty minutes.", ["tunnel"], "commute",
              "n:Got stuck in a tunnel on the Tube for forty minutes. A stranger shared her mints with everyone.", rel="weekday"),
            Q("preference", "Do I like London's weather?", "No, the grey gets to her; she misses real sunshine.", ["London grey"], "weather",
              "s:I don't think I'll ever like the London grey. I miss real sunshine so much."),
            Q("preference", "What music do I listen to while I work?", "City pop.", ["City pop"], "media/work",
              "p:City pop in my headphones makes even boring resizing tasks feel glamorous."),
            Q("update", "Where do I live now?", "A flat in Peckham with two other designers.", ["Peckham"], "home",
              "u:My room in Walthamstow is small but the landlady leaves me biscuits.",
              "p:Moved to a flat in Peckham with two other designers! I have my own window seat!"),
            Q("update", "What's my job title now?", "Mid-weight designer (promoted from junior).", ["mid-weight"], "work",
              "u:As a junior designer I mostly resize banners, haha.",
              "p:I got promoted to mid-weight designer! Only eight months in!"),
            Q("unanswerable", "What's the name of my boyfriend back in Osaka?", "You never mentioned a boyfriend.", ["boyfriend"], ""),
        ]),
    dict(
        name="Ben Carter", start="2024-03-04",
        personality="22-year-old warehouse worker and amateur boxer in Manchester; determined, loyal, short-tempered but soft-hearted",
        hobbies="boxing, Manchester United, PlayStation, walking his nan's dog",
        style="short, slangy British messages ('mate', 'proper'), mostly lowercase",
        friends=["Kyle", "Jordan", "Mo"], foods=["a chicken kebab", "beans on toast", "a sausage roll", "pasta"],
        places=["the boxing gym", "the canal", "the chippy round the corner"],
        shows=["match highlights", "a gangster series"], work="the warehouse",
        distract=[
            ("u", "pet", "kyle's got a staffy puppy called tyson. course he has"),
            ("n", "work", "manager had a go at me for being two minutes late. two minutes"),
            ("p", "boxing", "did 12 rounds on the bags, absolutely knackered but buzzing"),
            ("u", "family", "nan's making her stew at the weekend, she says i'm too thin"),
            ("n", "money", "paid my phone bill and now i've got a tenner till payday"),
            ("p", "people", "jordan's back from uni for a bit, we played fifa till 3am"),
            ("u", "food", "meal prepping chicken and rice. it's grim but it works"),
            ("s", "mood", "bit down today. everyone my age seems to be doing something with their life"),
            ("p", "boxing", "coach let me help with the kids class. the little lads are hilarious"),
            ("u", "football", "watched the derby at the pub. won't talk about it"),
            ("n", "health", "got a stinking cold, can't train"),
            ("p", "place", "walked along the canal after work, sun was out for once"),
            ("u", "family", "mum wants me at my cousin's wedding in a suit. i don't own a suit"),
        ],
        items=[
            Q("fact", "What's my boxing coach's name?", "Frankie.", ["frankie"], "boxing",
              "p:coach frankie says my jab's getting proper sharp. he never says nice stuff so that's massive"),
            Q("fact", "What's my nan's dog called?", "Bruno.", ["bruno"], "pet/family",
              "u:took nan's dog bruno round the park, he tried to fight a swan. daft dog"),
            Q("fact", "What weight do I need to make for my fight?", "67 kilos.", ["67 kilos"], "boxing/health",
              "l:need to make 67 kilos for the fight. no more chippy for me"),
            Q("fact", "What apprenticeship am I looking into?", "An electrician apprenticeship.", ["electrician"], "work",
              "l:been looking at an electrician apprenticeship. better money and i'm not lifting boxes at 50"),
            Q("multi", "Who did I fight in my amateur bouts?", "Danny Moss (won on points) and Lewis Grant (lost).", ["danny moss", "lewis grant"], "boxing",
              "p:won my bout against danny moss on points!! split decision but a win's a win",
              "n:lost to lewis grant. he was quicker than me. gutted but learned loads"),
            Q("multi", "What injuries did I pick up?", "A cut above his eyebrow (three stitches) and a sprained wrist.", ["eyebrow", "wrist"], "health",
              "n:got a cut above my eyebrow in sparring, three stitches. looking hard now tho",
              "n:sprained my wrist lifting a pallet wrong at work. can't punch for a week"),
            Q("date", "What happened at work on {date}?", "A forklift clipped the racking and a shelf of tins came down.", ["forklift"], "work",
              "n:forklift clipped a racking and a whole shelf of tins came down. nobody hurt thank god"),
            Q("date", "Who did I take to the cinema on {date}?", "His little sister Ellie.", ["ellie"], "family/media",
              "p:took my little sister ellie to the cinema, she picked a cartoon and i'm not saying i cried"),
            Q("relative", "How did sparring go {rel}?", "He put Kyle down with a left hook.", ["left hook"], "boxing",
              "u:put kyle down in sparring with a left hook. felt bad, bought him a lucozade", rel="ago_word"),
            Q("relative", "Where did I go with my uncle {rel}?", "To Old Trafford to watch United.", ["old trafford"], "football/family",
              "p:went to old trafford with my uncle, united won, the noise was unreal", rel="weekend"),
            Q("preference", "Which football team do I support?", "Manchester United.", ["united till i die"], "football",
              "u:united till i die mate, even when they're rubbish. which is a lot lately"),
            Q("preference", "Do I like running?", "No, he hates it and would rather skip rope.", ["hate running"], "health/boxing",
              "n:hate running, proper hate it. i'd skip rope for an hour before i'd jog a mile"),
            Q("update", "Which shift am I on at work now?", "The day shift (moved off nights).", ["day shift"], "work",
              "n:on nights at the warehouse this month, body clock's a mess",
              "p:finally moved onto the day shift, feel human again"),
            Q("update", "Who am I seeing now?", "Shannon from college (he and Amy called it off).", ["shannon"], "people",
              "u:been talking to this girl amy from the gym. early days",
              "p:amy and me called it off, no drama. been seeing shannon from college now, she's class"),
            Q("unanswerable", "What car did I buy?", "You never mentioned buying a car.", ["car"], ""),
        ]),
    dict(
        name="Grace Okafor", start="2024-09-07",
        personality="58-year-old hospital administrator in Houston, Nigerian-American, caring for her mother who has dementia; strong, organized, deeply faithful, tired but rarely complains",
        hobbies="church choir, growing peppers, Nigerian cooking, Nollywood films",
        style="warm and proper, calls people 'my dear', sprinkles Igbo words",
        friends=["Chiamaka", "Brenda", "Pastor Joe"], foods=["pepper soup", "a salad", "egusi soup", "rice and stew"],
        places=["the church", "the hospital cafeteria", "the farmers market"],
        shows=["a gospel radio show", "a home makeover show"], work="the hospital",
        distract=[
            ("u", "pet", "Brenda's old poodle sat on my feet the whole of choir practice."),
            ("s", "family", "Mama didn't know where she was this afternoon. It frightens her, and me."),
            ("p", "people", "Chiamaka brought me fresh ugu leaves from her garden."),
            ("n", "work", "The budget meeting ran three hours. I could feel my blood pressure."),
            ("u", "church", "Pastor Joe asked me to lead the women's fellowship again."),
            ("p", "garden", "The okra is coming in nicely, I'll share with the neighbours."),
            ("n", "sleep", "Barely slept, my mind kept racing about Mama."),
            ("u", "family", "Emeka calls every evening now, he's a good son."),
            ("p", "music", "Choir rehearsal lifted my spirit, we sounded like angels tonight."),
            ("u", "food", "Made egusi with too much crayfish. Still ate two bowls."),
            ("s", "mood", "Some days I feel like I'm grieving someone who is still here."),
            ("p", "family", "Mama laughed at an old photo of my father in bell-bottoms."),
            ("u", "weather", "Houston humidity had my hair giving up by noon."),
        ],
        items=[
            Q("fact", "What's the name of my mother's daytime caregiver?", "Rosalind.", ["Rosalind"], "family",
              "p:We hired a daytime caregiver for Mama, a lovely woman named Rosalind. Mama already calls her 'my daughter'.", day=3),
            Q("fact", "Which hymn did I sing the solo on?", "Blessed Assurance.", ["Blessed Assurance"], "music/church",
              "p:I sang the solo on Blessed Assurance at choir. My knees were shaking but my voice held."),
            Q("fact", "What medication did the neurologist start my mother on?", "Donepezil.", ["donepezil"], "family/health",
              "u:The neurologist started Mama on donepezil. Praying it slows things down a little."),
            Q("fact", "Where did my son get a job offer?", "At an engineering firm in Dallas.", ["Dallas"], "family",
              "p:My son Emeka got an offer from an engineering firm in Dallas! God is faithful."),
            Q("multi", "Which peppers am I growing?", "Scotch bonnets and habaneros.", ["scotch bonnet", "habaneros"], "garden",
              "p:My scotch bonnet plants are finally fruiting. Pepper soup season!",
              "u:The habaneros are coming in too, my hands burned for an hour after picking."),
            Q("multi", "Who came to visit Mama?", "Grace's brother Chidi (from Lagos) and Mama's old friend Mrs. Eze.", ["Chidi", "Eze"], "family/people",
              "p:Chidi flew in from Lagos to see Mama. She recognized him right away, thank God.",
              "p:Mama's old friend Mrs. Eze came to visit and they sang songs from their school days."),
            Q("date", "What did Mama call me on {date}?", "'Adanna', Grace's childhood pet name.", ["Adanna"], "family",
              "s:Mama called me 'Adanna', my childhood pet name, today. I had to step outside to cry.||Oh, my dear. That's such a tender moment, happy and heartbreaking at once. I'm here with you."),
            Q("date", "What happened at work on {date}?", "They passed the Joint Commission survey with no major findings.", ["Joint Commission"], "work",
              "p:We passed the Joint Commission survey with no major findings! Months of work paid off."),
            Q("relative", "What did I cook {rel}?", "A big pot of jollof rice for the choir potluck.", ["jollof"], "food",
              "p:Cooked a big pot of jollof for the choir potluck. Not a grain left.", rel="ago_digit"),
            Q("relative", "Where did I take Mama {rel}?", "To the botanical garden, in her wheelchair.", ["botanical garden"], "family/place",
              "p:Took Mama to the botanical garden in her wheelchair. She named every flower in Igbo.", rel="week"),
            Q("preference", "What kind of films do I enjoy?", "Old Nollywood films with plenty of drama.", ["Nollywood"], "media",
              "u:Nothing relaxes me like an old Nollywood film with plenty of drama."),
            Q("preference", "Am I a morning person?", "Yes: up at five for prayers and tea.", ["morning person"], "sleep",
              "u:I'm a morning person through and through. Up at five, prayers, tea, and the house is quiet."),
            Q("update", "Where does my mother live now?", "At Sunrise Memory Care (she used to live with Grace).", ["Sunrise"], "family/home",
              "u:Mama is still living with me, I've turned the study into her room.",
              "s:We moved Mama into Sunrise Memory Care. The house is so quiet. I know it's right, but it hurts.||That's one of the hardest decisions a daughter can make, and you made it out of love. Be gentle with yourself tonight."),
            Q("update", "What's my job title now?", "Director of Patient Services (was assistant director).", ["Director of Patient Services"], "work",
              "n:As assistant director I'm in meetings from eight to five.",
              "p:They named me Director of Patient Services. Mama would be so proud if she understood."),
            Q("unanswerable", "What did I name my new puppy?", "You never mentioned getting a puppy.", ["puppy"], ""),
        ]),
    dict(
        name="Liam Walsh", start="2024-04-24",
        personality="28-year-old freelance photographer in Dublin; charming, generous, a dreamer, anxious about money",
        hobbies="street photography, sea swimming, trad music sessions, cycling",
        style="chatty, Irish expressions ('grand', 'craic', 'ah sure'), rambles a bit",
        friends=["Niamh", "Conor", "Seán"], foods=["a toastie", "a chicken fillet roll", "curry chips", "porridge"],
        places=["the pub on Camden Street", "Phoenix Park", "the Iveagh Gardens"],
        shows=["a rugby match", "a photography podcast"], work="the shoot",
        distract=[
            ("u", "pet", "Next door's cat has started sleeping in my window box. We have an understanding."),
            ("n", "money", "Looked at my bank balance and had to sit down."),
            ("p", "people", "Conor's band played a gig, I shot it for free, the craic was ninety."),
            ("u", "work", "Editing 800 photos from an event. My eyes are square."),
            ("p", "place", "The light over the Liffey this evening. Had to stop the bike."),
            ("s", "mood", "Freelancing is feast or famine and it's famine o'clock."),
            ("u", "family", "Mam asked if I've thought about getting 'a proper job with a pension'."),
            ("p", "music", "Session at the pub went till midnight, a fiddler from Clare blew the roof off."),
            ("n", "weather", "Soaked through twice today. Irish summer, sure."),
            ("u", "food", "Seán introduced me to a chipper that does spice bags. Dangerous knowledge."),
            ("p", "work", "A stranger emailed to say one of my photos made her homesick in Boston. Lovely."),
            ("n", "health", "Pulled something in my shoulder carrying the gear bag."),
            ("u", "people", "Niamh wants us to swim every morning this month. I said maybe."),
        ],
        items=[
            Q("fact", "What lens did I buy secondhand?", "A 35mm lens, from a fella in Cork.", ["35mm"], "work/money",
              "p:Bought a secondhand 35mm lens off a fella in Cork. Sharp as anything."),
            Q("fact", "Which magazine is running my street photos?", "Harbour Lines.", ["Harbour Lines"], "work",
              "p:Harbour Lines magazine is running six of my street photos! Actual print!"),
            Q("fact", "What's my landlord's name?", "Mr. Doyle.", ["Doyle"], "home",
              "n:Mr. Doyle the landlord finally fixed the shower. Only took three months."),
            Q("fact", "What instrument do I bring to the trad sessions?", "The bodhrán.", ["bodhrán"], "music",
              "p:Brought the bodhrán to the session on Camden Street and very nearly kept time."),
            Q("multi", "Which two clients were late paying me?", "A hotel chain and a wedding couple.", ["hotel chain", "wedding couple"], "money/work",
              "n:That hotel chain still hasn't paid my invoice from two months ago. Rent's due.",
              "n:Chasing the wedding couple from March for the last 40% of the fee. Awkward."),
            Q("multi", "Where did I go sea swimming?", "The Forty Foot and Vico.", ["Forty Foot", "Vico"], "health/place",
              "p:Jumped in at the Forty Foot at 7am. Baltic. Glorious.",
              "p:Swam at Vico with Niamh, the water was like glass."),
            Q("date", "What did I shoot on {date}?", "A wedding in Wicklow, in the rain.", ["Wicklow"], "work",
              "p:Shot a wedding in Wicklow, rain all day, and the couple didn't care one bit. Best photos of the year."),
            Q("date", "Who did I meet at the opening on {date}?", "A gallery owner who wants to see his portfolio.", ["gallery owner"], "work/people",
              "l:Met a gallery owner at an opening who wants to see my portfolio. Trying not to get ahead of myself."),
            Q("relative", "What got stolen {rel}?", "His bike, from outside the Spar.", ["stole my bike"], "misc",
              "n:Some eejit stole my bike from outside the Spar. Third one this year.", rel="weekday"),
            Q("relative", "Who did I have dinner with {rel}?", "His mam and dad in Galway.", ["Galway"], "family/food",
              "p:Drove down to Galway for dinner with Mam and Dad. Mam sent me home with three tinfoil parcels.", rel="ago_word"),
            Q("preference", "Do I prefer film or digital?", "Film; digital is handy but film has his heart.", ["film has my heart"], "work",
              "u:Digital's handy but film has my heart. There's a patience to it."),
            Q("preference", "What kind of photography do I love most?", "Street photography.", ["Street photography"], "work",
              "p:Street photography is the thing that makes me feel alive. Strangers, light, timing."),
            Q("update", "Where do I work from now?", "A desk at a co-working space in Smithfield.", ["Smithfield"], "work/home",
              "u:Working from my kitchen table, the cat next door watches me through the window.",
              "p:Got a desk at a co-working space in Smithfield. Proper chair and everything."),
            Q("update", "What camera am I using now?", "A used Fujifilm X-T3 (sold the old Canon).", ["Fujifilm"], "work",
              "n:My old Canon is on its last legs, the shutter's making noises.",
              "p:Sold the Canon and bought a used Fujifilm X-T3. New camera smell."),
            Q("unanswerable", "What was my time in the marathon?", "You never mentioned running a marathon.", ["marathon"], ""),
        ]),
    dict(
        name="Rosa Delgado", start="2024-01-26",
        personality="66-year-old retired hairdresser who moved from Los Angeles to Phoenix to be near her grandchildren; talkative, warm, lovingly nosy, adjusting to a new city",
        hobbies="telenovelas, dancing, baking pan dulce, church bingo",
        style="chatty, mixes in Spanish words, calls everyone 'mija' or 'mijo'",
        friends=["Carmen", "Lupe", "Dolores"], foods=["caldo de pollo", "a tostada", "leftover enchiladas", "oatmeal"],
        places=["the mercado on 16th Street", "the park by my apartment", "the library"],
        shows=["a game show", "a cooking show"], work="the senior center",
        distract=[
            ("u", "pet", "The neighbor's little chihuahua barks at me every morning like I'm a burglar."),
            ("p", "family", "Nico drew a picture of the two of us dancing. It's on my fridge."),
            ("s", "mood", "I miss my old clients. Thirty years of gossip and now it's so quiet."),
            ("u", "people", "Lupe from church invited me to her rosary group."),
            ("p", "hobby", "Danced a cumbia in the kitchen all by myself. Still got it."),
            ("n", "health", "My knees don't like the stairs at the senior center."),
            ("u", "food", "Made menudo and nobody in this family eats it but me. More for me."),
            ("p", "place", "The mercado has real Mexican cheese, I almost kissed the cashier."),
            ("u", "family", "Miguel works too much. I tell him, mijo, your kids grow up fast."),
            ("n", "money", "My social security check is late again."),
            ("p", "people", "Dolores cut my hair and she did a good job, but don't tell her I said so."),
            ("u", "media", "On my game show a man won a car and fainted, I laughed so hard."),
            ("p", "weather", "Sat outside in the sun with my coffee in the middle of winter! Unbelievable."),
        ],
        items=[
            Q("fact", "Which pan dulce does my grandson Nico always want?", "The pink conchas.", ["pink conchas"], "family/food",
              "p:Nico only wants the pink conchas, he peels the sugar top off and eats it first, that little rascal."),
            Q("fact", "Where did I have my salon?", "In East Los Angeles, for thirty-one years.", ["East Los Angeles"], "work",
              "s:I had my salon in East Los Angeles for thirty-one years. I still dream about my old chair."),
            Q("fact", "What's the name of my neighbor from Minnesota?", "Harold, a retired mailman.", ["Harold"], "people",
              "p:My neighbor Harold is a retired mailman from Minnesota. He complains about the heat and I complain about the cold, we're a perfect match.", day=3),
            Q("fact", "What class did I sign up for at the senior center?", "A salsa class.", ["salsa class"], "hobby",
              "p:Signed up for the salsa class at the senior center. The men are outnumbered five to one!"),
            Q("multi", "Which two doctors did I see?", "A cardiologist (Dr. Benitez) and the eye doctor.", ["cardiologist", "eye doctor"], "health",
              "u:Saw the cardiologist, Dr. Benitez. My heart is fine, he says I'm just stubborn.",
              "u:The eye doctor says I need new glasses. No more squinting at the TV."),
            Q("multi", "What did I teach my granddaughter to make?", "Tamales and arroz con leche.", ["tamales", "arroz con leche"], "family/food",
              "p:Taught Valeria how to spread masa for tamales. She made a mess and I loved every second.",
              "p:Valeria and I made arroz con leche, she stirred and stirred like a little witch."),
            Q("date", "What did I win on {date}?", "Fifty dollars at church bingo.", ["bingo"], "hobby/money",
              "p:Won fifty dollars at church bingo! Carmen says I cheated, envidiosa."),
            Q("date", "Who called me on {date}?", "Her sister Elena, from Guadalajara.", ["Elena"], "family",
              "p:My sister Elena called from Guadalajara and we talked for two hours about nothing and everything."),
            Q("relative", "Where did my son take us {rel}?", "To the Grand Canyon.", ["Grand Canyon"], "family/place",
              "p:Miguel drove us all up to the Grand Canyon. I held onto the railing for dear life but ay, qué belleza.", rel="weekend"),
            Q("relative", "What did I bake {rel}?", "A tres leches cake for Carmen's birthday.", ["tres leches"], "food",
              "p:Baked a tres leches cake for Carmen's birthday. She cried, I cried, the cake was perfect.", rel="ago_digit"),
            Q("preference", "How do I feel about the weather in Phoenix?", "She loves the winter sunshine but dreads the summer.", ["winter sunshine"], "weather",
              "u:I love this winter sunshine, but everybody warns me the summer here is like living in an oven."),
            Q("preference", "What kind of TV do I love?", "Telenovelas.", ["Telenovelas"], "media",
              "p:Telenovelas are my weakness, mija. The slaps, the evil twins, I love it all."),
            Q("update", "Where do I live now?", "In a casita behind her son Miguel's house (moved from Mesa).", ["casita"], "home/family",
              "n:My little apartment in Mesa is fine, but it's so far from the kids.",
              "p:I moved! Now I'm in a casita behind Miguel's house. I can hear the grandkids laughing from my kitchen."),
            Q("update", "What kind of phone do I have now?", "A smartphone from Miguel (she had a flip phone).", ["smartphone"], "misc",
              "u:My flip phone still works perfectly, I don't need those fancy things.",
              "p:Miguel bought me a smartphone. I sent my first voice message today, ¡qué moderna!"),
            Q("unanswerable", "What's my husband's name?", "You never mentioned a husband.", ["husband"], ""),
        ]),
    dict(
        name="Noah Fischer", start="2024-08-25",
        personality="36-year-old firefighter in Denver, married to Jess; calm, dependable, competitive, hides stress behind jokes",
        hobbies="running, mountain biking, woodworking, cooking for the crew",
        style="laid-back and brief, firehouse humour",
        friends=["Mike", "Tasha", "Reyes"], foods=["station chili", "a protein shake", "a burrito", "spaghetti"],
        places=["Washington Park", "the trailhead at Red Rocks", "the hardware store"],
        shows=["a football game", "a survival show"], work="the station",
        distract=[
            ("u", "pet", "Tasha's husky escaped and we spent an hour chasing her around the neighborhood."),
            ("n", "work", "Thirty-hour shift with four calls after midnight. I'm a ghost."),
            ("p", "people", "Mike brought his kid to the station, she sat in the engine and honked the horn."),
            ("u", "hobby", "Sharpened all my chisels. Therapy."),
            ("p", "running", "Easy recovery run, legs finally feel normal."),
            ("n", "health", "Shin splints acting up. The foam roller and I are enemies."),
            ("u", "food", "Reyes claims his mom's tamales could end wars. Taste test pending."),
            ("p", "place", "Saw a concert at Red Rocks from the top row. Unreal sound."),
            ("n", "work", "Paperwork from last shift is still haunting me."),
            ("u", "family", "Jess wants to repaint the guest room green. I'm outvoted already."),
            ("p", "work", "Taught a CPR class at an elementary school, the kids were a riot."),
            ("u", "money", "Looking at truck prices. Jess gave me a look."),
            ("n", "sleep", "Alarm went off at 2am at the station and my heart is still racing."),
        ],
        items=[
            Q("fact", "What's the name of the station dog?", "Ember, a dalmatian mix.", ["Ember"], "pet/work",
              "p:The station adopted a dalmatian mix named Ember. She sleeps on the captain's boots."),
            Q("fact", "What's my goal time for the marathon?", "Under 3:30.", ["3:30"], "running",
              "l:Goal for the marathon is sub-3:30. Ambitious, but I think I can do it."),
            Q("fact", "What did I finish building in my workshop?", "A walnut coffee table.", ["walnut"], "hobby/home",
              "p:Finished the walnut coffee table I've been building for months. Jess says it's the nicest thing in the house."),
            Q("fact", "Which marathon am I training for?", "The Rocky Mountain Marathon.", ["Rocky Mountain Marathon"], "running",
              "l:Signed up for the Rocky Mountain Marathon. No backing out now."),
            Q("multi", "What were the two big calls I told you about?", "A big warehouse fire and a rollover on I-25.", ["warehouse fire", "I-25"], "work",
              "n:Big warehouse fire last shift. Everyone came home, and that's what matters.",
              "n:Rough call on I-25, a rollover. The family will be okay."),
            Q("multi", "How long were my two longest training runs?", "18 miles and 20 miles.", ["18-mile", "20 miles"], "running",
              "p:Knocked out an 18-mile long run along the Cherry Creek trail.",
              "p:20 miles today. Longest run of my life. Ate a whole pizza after."),
            Q("date", "What did Jess tell me on {date}?", "She's pregnant; he's going to be a dad.", ["pregnancy"], "family",
              "p:Jess showed me a positive pregnancy test this morning. I'm going to be a dad."),
            Q("date", "What happened to my knee on {date}?", "He tweaked it on a rocky trail descent.", ["knee"], "health/running",
              "n:Tweaked my knee on a rocky descent. Ice, elevation, swearing."),
            Q("relative", "What did I cook for the crew {rel}?", "Green chile stew.", ["green chile"], "food",
              "p:Made green chile stew for the crew, the guys went back for thirds.", rel="ago_word"),
            Q("relative", "Who did we have over for dinner {rel}?", "Jess's parents.", ["parents"], "family",
              "p:Jess's parents came over for dinner, her dad and I talked fly fishing for two hours.", rel="week"),
            Q("preference", "Do I prefer road running or trail running?", "Trail running.", ["trail running"], "running",
              "u:Road miles are fine, but trail running is where I'm happiest. Dirt, pine, no traffic."),
            Q("preference", "What do I do when a call really gets to me?", "Goes to the garage and does woodworking.", ["Woodworking"], "hobby",
              "u:When a call gets to me I go out to the garage and sand something. Woodworking keeps my head straight."),
            Q("update", "Which station am I at now?", "Station 14 (transferred from Station 9).", ["Station 14"], "work",
              "p:I've been at Station 9 for six years, they're family.",
              "u:The transfer came through, I'm at Station 14 now. New crew, new jokes to learn."),
            Q("update", "What's my job on the crew now?", "Engineer, driving the engine (passed the exam).", ["Passed the engineer exam"], "work",
              "l:Still a firefighter first class, taking the engineer exam soon.",
              "p:Passed the engineer exam! I'll be driving the engine now."),
            Q("unanswerable", "What's my brother's name?", "You never mentioned a brother.", ["brother"], ""),
        ]),
    dict(
        name="Chloe Martin", start="2024-06-27",
        personality="24-year-old primary school teaching assistant in Melbourne who lives with social anxiety; kind, shy, observant, quietly funny once comfortable",
        hobbies="crochet, cosy video games, baking, fantasy novels",
        style="soft and hesitant, 'um' and 'I guess', Australian words",
        friends=["Ella", "Josh", "Ruby"], foods=["Vegemite toast", "a meat pie", "instant ramen", "smashed avo"],
        places=["the local library", "the op shop", "the beach at St Kilda"],
        shows=["a baking show", "a nature documentary"], work="school",
        distract=[
            ("u", "pet", "Josh's guinea pigs squeak every time the fridge opens."),
            ("n", "mood", "Um, I let a phone call go to voicemail because I couldn't face it."),
            ("p", "work", "A shy girl in class held my hand on the way to assembly. My heart."),
            ("u", "hobby", "Frogged half my crochet because I miscounted. Again."),
            ("p", "people", "Ruby sent me a voice message singing happy un-birthday. She's so silly."),
            ("n", "work", "The teacher I assist was stressed and snapped at me. I know it's not personal, but."),
            ("u", "food", "Tried to make sourdough. It's more of a sour brick."),
            ("p", "place", "Walked along St Kilda pier and saw a little penguin!"),
            ("n", "weather", "Melbourne did all four seasons in one day again."),
            ("u", "family", "Mum keeps asking if I've 'met anyone nice'."),
            ("p", "hobby", "Finished a fantasy trilogy at 2am and just stared at the ceiling."),
            ("n", "health", "Anxiety tummy all morning before the excursion."),
            ("u", "money", "Trying to save for a proper sewing machine."),
        ],
        items=[
            Q("fact", "What's the name of the boy in my class who loves dinosaurs?", "Oliver, in Year 1.", ["Oliver"], "work",
              "p:Oliver in Year 1 told me everything about the Ankylosaurus today. I know so much now."),
            Q("fact", "What am I crocheting?", "A granny-square blanket.", ["granny-square"], "hobby",
              "l:Started crocheting a granny-square blanket. Um, I might be finished by 2030."),
            Q("fact", "What's my rabbit's name?", "Clover.", ["Clover"], "pet",
              "p:My rabbit Clover did zoomies around the lounge room this morning. Best alarm clock."),
            Q("fact", "What did my psychologist suggest I try?", "Ordering at a café without rehearsing first.", ["without rehearsing"], "health",
              "l:My psychologist suggested I try ordering at a café without rehearsing first. Baby steps, I guess."),
            Q("multi", "Which two cosy games did I play?", "Stardew Valley and Spiritfarer.", ["Stardew", "Spiritfarer"], "hobby/media",
              "p:Played Stardew Valley until 1am, I just wanted to water my crops.",
              "s:Started Spiritfarer, um, it's beautiful and I cried in the first hour."),
            Q("multi", "What two brave things did I manage that I was proud of?", "She spoke up in a staff meeting and went to a trivia night.", ["staff meeting", "trivia night"], "people/work",
              "p:I actually spoke up in the staff meeting today! My voice shook but I said it.",
              "p:Went to a trivia night with Ella's friends. Didn't hide in the bathroom once."),
            Q("date", "What did the class make me on {date}?", "A card covered in their handprints.", ["handprints"], "work",
              "p:The class made me a card covered in their handprints. I had to pretend I had something in my eye."),
            Q("date", "What did I bake on {date}?", "Lamingtons for the staff room.", ["lamingtons"], "food",
              "p:Baked lamingtons for the staff room. People actually said thank you and I didn't know where to look."),
            Q("relative", "Where did Ella take me {rel}?", "The Queen Victoria Market.", ["Queen Victoria Market"], "place/people",
              "p:Ella dragged me to the Queen Victoria Market. It was loud, but the jam doughnuts made it worth it.", rel="weekday"),
            Q("relative", "What happened at school {rel}?", "A kid threw up on her shoes during reading time.", ["threw up"], "work",
              "n:A kid threw up on my shoes during reading time. Glamorous life.", rel="ago_digit"),
            Q("preference", "Do I like big parties?", "No; two or three people is her limit.", ["Big parties"], "people",
              "u:Big parties make me want to melt into the wall. Two or three people is my limit."),
            Q("preference", "What kind of books do I love?", "Fantasy.", ["Fantasy books"], "media",
              "p:Fantasy books are my safe place. Dragons don't expect small talk."),
            Q("update", "Which school do I work at now?", "Coburg Primary (she used to be at Brunswick Primary).", ["Coburg"], "work",
              "u:I'm a teaching assistant at Brunswick Primary, I help out in the Year 1 room.",
              "p:First day at Coburg Primary today! Same role, closer to home, and the kids already call me Miss C."),
            Q("update", "Who do I live with now?", "Two girls from uni, in a share house (she used to live with her parents).", ["share house"], "home",
              "u:Still living with Mum and Dad. It's... fine.",
              "p:I moved into a share house with two girls from uni! My rabbit has her own corner."),
            Q("unanswerable", "What did I name my car?", "You never mentioned having a car.", ["car"], ""),
        ]),
    dict(
        name="Samir Haddad", start="2024-02-27",
        personality="45-year-old pharmacist in Dearborn, Michigan, Lebanese-American, married with three kids; generous, talkative, a worrier, family first",
        hobbies="backgammon, grilling, restoring old radios, soccer",
        style="friendly and long-winded, says 'habibi' and 'yalla'",
        friends=["Karim", "Walid", "Steve"], foods=["manakish", "a shawarma wrap", "fattoush", "leftover rice and chicken"],
        places=["the bakery on Warren Avenue", "the park by the river", "the mosque"],
        shows=["a soccer match", "the news"], work="the pharmacy",
        distract=[
            ("u", "pet", "Karim's son brought home a stray kitten and Karim pretends to hate it."),
            ("n", "work", "The insurance company denied a prescription again. I spent an hour on hold."),
            ("p", "family", "Rana made mujaddara and the whole house smells like my mother's kitchen."),
            ("u", "hobby", "Found an old Philco radio at a garage sale. It doesn't work yet."),
            ("p", "people", "Walid and I played backgammon at the café until they kicked us out."),
            ("s", "mood", "Worried about my father's health back in Beirut. Phone calls are not enough."),
            ("u", "family", "Layla wants a phone. She's eleven. We're negotiating."),
            ("p", "work", "A mother brought cookies to thank me for helping with her baby's medicine."),
            ("u", "food", "Steve tried manakish for the first time and now he's addicted."),
            ("n", "health", "My back is killing me, twelve hours standing."),
            ("p", "place", "Took a walk by the river with Rana after dinner. Quiet, nice."),
            ("u", "money", "My son's car insurance quote made me sit down."),
            ("n", "sleep", "Couldn't sleep, worrying about everything and nothing."),
        ],
        items=[
            Q("fact", "What's my oldest son's name?", "Yousef.", ["Yousef"], "family",
              "n:Yousef, my oldest, got his driver's license. Now I have a new reason not to sleep."),
            Q("fact", "What radio did I finish restoring?", "A 1950s Zenith.", ["Zenith"], "hobby",
              "p:Finished restoring a 1950s Zenith radio. It hummed, then it sang. Beautiful."),
            Q("fact", "Who beat me five times in a row at backgammon?", "His uncle Fadi, who is 80.", ["Fadi"], "family/hobby",
              "u:Uncle Fadi beat me at backgammon five games in a row. He's 80 and shows no mercy."),
            Q("fact", "What kind of business does my wife run?", "A catering business.", ["catering"], "family/work",
              "p:Rana's catering business got a contract for a big wedding, 300 guests! So proud of her."),
            Q("multi", "What did my daughter Layla win?", "The school spelling bee and first place at a regional debate tournament.", ["spelling bee", "debate"], "family",
              "p:Layla won the school spelling bee! The winning word was 'chrysanthemum'.",
              "p:Layla's debate team took first at the regional tournament. She argued against homework, of course."),
            Q("multi", "Which two cities did Rana and I visit?", "Chicago and Toronto.", ["Chicago", "Toronto"], "travel/family",
              "p:Rana and I escaped to Chicago for a night. Deep dish and the lake.",
              "u:Drove to Toronto to see her cousins. The border line took two hours."),
            Q("date", "What happened at the pharmacy on {date}?", "A man had an allergic reaction and Samir gave him an EpiPen.", ["EpiPen"], "work",
              "n:A man collapsed with an allergic reaction at the counter and I gave him an EpiPen. He's okay. My hands are still shaking.", day=2),
            Q("date", "What did my youngest tell me on {date}?", "Sami said he wants to be a pharmacist like his baba.", ["Sami"], "family",
              "p:My youngest, Sami, said he wants to be a pharmacist like his baba. I pretended I wasn't crying."),
            Q("relative", "What did I grill {rel}?", "Lamb kafta for the whole family.", ["kafta"], "food",
              "p:Grilled lamb kafta for the whole family, the neighbours came over too. Yalla, more bread!", rel="weekend"),
            Q("relative", "Who did I help at work {rel}?", "An elderly lady who couldn't afford her insulin; he found her a coupon.", ["insulin"], "work",
              "p:An old lady couldn't afford her insulin, so I found her a manufacturer coupon. She held my hand for a long time.", rel="weekday"),
            Q("preference", "How do I like my coffee?", "Lebanese coffee with cardamom, three times a day.", ["cardamom"], "food",
              "u:Lebanese coffee with cardamom, three times a day. Don't tell my doctor."),
            Q("preference", "Which soccer team do I support?", "FC Barcelona (Barça).", ["Barça"], "media",
              "u:Barça has been my team since 1992. Through the good years and the bad ones."),
            Q("update", "Which shift do I work at the pharmacy now?", "The early shift (he used to work late).", ["early shift"], "work",
              "n:I'm on the late shift at the pharmacy, home at ten every night.",
              "p:Switched to the early shift, now I'm home in time for dinner with the kids!"),
            Q("update", "What's my blood pressure now?", "128 over 82 (down from 150 over 95).", ["128 over 82"], "health",
              "n:Doctor says my blood pressure is too high, 150 over 95. Rana hid the salt.",
              "p:Blood pressure down to 128 over 82! The walking and less salt are working."),
            Q("unanswerable", "What's my cat called?", "You never mentioned having a cat.", ["cat"], ""),
        ]),
    dict(
        name="Ingrid Larsen", start="2024-11-25",
        personality="52-year-old veterinarian who runs a small clinic in Minneapolis, divorced, one adult son; practical, compassionate, blunt, tired but devoted",
        hobbies="cross-country skiing, Scandinavian baking, jigsaw puzzles, birding",
        style="direct and matter-of-fact, dry Minnesota humour",
        friends=["Karen", "Bjorn", "Lisa"], foods=["hotdish", "a granola bar", "wild rice soup", "Swedish meatballs"],
        places=["Lake Harriet", "the co-op", "Minnehaha Falls"],
        shows=["a mystery series", "a curling match"], work="the clinic",
        distract=[
            ("u", "pet", "Karen's cat Pumpernickel is on a diet and hates me personally."),
            ("n", "work", "Fourteen appointments and two emergencies. Ate lunch at 4pm standing up."),
            ("p", "work", "A puppy I delivered by C-section last year came in for a checkup. All grown up."),
            ("u", "hobby", "The jigsaw on the dining table has been there two weeks. Nobody is allowed to touch it."),
            ("s", "mood", "Compassion fatigue is real. Some days I have nothing left."),
            ("p", "people", "Bjorn shoveled my driveway before I got home. Good neighbor."),
            ("u", "weather", "Minus fifteen this morning. The car started, which is all I ask."),
            ("p", "food", "Lisa brought over wild rice soup when she heard I was working late."),
            ("u", "family", "Erik's girlfriend is vegetarian. Planning Christmas dinner around that."),
            ("n", "money", "The clinic's X-ray machine needs repairs. Five figures."),
            ("p", "birding", "Chickadees at the feeder fighting over sunflower seeds like tiny hooligans."),
            ("u", "work", "A client asked if I could prescribe her dog something for anxiety, and her something too."),
            ("n", "health", "Wrist is sore from a day of dental cleanings."),
        ],
        items=[
            Q("fact", "What's the name of my own dog?", "Rolf, an old Norwegian elkhound.", ["Rolf"], "pet",
              "p:My own dog Rolf, the old Norwegian elkhound, finally let me trim his nails without a fight."),
            Q("fact", "What did I pull out of the golden retriever's stomach?", "A whole sock (the second one that month).", ["sock"], "work",
              "u:Pulled a whole sock out of a golden retriever's stomach today. Second sock this month. Same dog."),
            Q("fact", "What's the name of my vet tech?", "Deshawn.", ["Deshawn"], "work",
              "p:My vet tech Deshawn calmed a terrified pit bull with nothing but a soft voice and peanut butter. He's a wizard."),
            Q("fact", "Where does my son live?", "Duluth.", ["Duluth"], "family",
              "p:My son Erik called from Duluth, he's finally found an apartment he likes."),
            Q("multi", "Which exotic animals came into the clinic?", "A bearded dragon and a pet hedgehog.", ["bearded dragon", "hedgehog"], "work",
              "u:Had a bearded dragon in today with a shedding problem. Out of my comfort zone, but it went fine.",
              "u:Someone brought in a pet hedgehog that had eaten a crayon. Purple poop incoming."),
            Q("multi", "What did I bake for the holidays?", "Krumkake and cardamom bread.", ["krumkake", "cardamom bread"], "food",
              "p:Made krumkake with my grandmother's iron. Broke four, rolled twenty.",
              "p:Baked cardamom bread for the clinic staff. The whole building smells like Christmas."),
            Q("date", "What happened at the clinic on {date}?", "She had to put down Pickles, a 17-year-old tabby she'd treated since kittenhood.", ["Pickles"], "work",
              "s:Had to put Pickles down today, a 17-year-old tabby I've treated since she was a kitten. Her owner and I both cried.||I'm so sorry. Seventeen years is a lifetime of care, and she was lucky to have you at the end too."),
            Q("date", "What bird did I see on {date}?", "A snowy owl on a fence post.", ["snowy owl"], "birding",
              "p:Saw a snowy owl on a fence post on the way to work. Pulled over and just watched."),
            Q("relative", "Where did I go skiing {rel}?", "Theodore Wirth Park, first cross-country ski of the season.", ["Theodore Wirth"], "hobby",
              "p:First cross-country ski of the season at Theodore Wirth Park. Fell once, no witnesses.", rel="week"),
            Q("relative", "What puzzle did I finish {rel}?", "The 1,000-piece lighthouse puzzle (one piece missing).", ["lighthouse"], "hobby",
              "n:Finished the 1,000-piece lighthouse puzzle. One piece missing. Of course.", rel="ago_word"),
            Q("preference", "Do I like winter?", "Yes, she loves a Minnesota winter.", ["love a Minnesota winter"], "weather",
              "u:People complain, but I love a Minnesota winter. Cold, quiet, clean."),
            Q("preference", "Cats or dogs, which do I personally prefer?", "Dogs.", ["Personally? Dogs"], "pet",
              "u:Professionally I love every animal. Personally? Dogs. Cats know I'm the one with the thermometer."),
            Q("update", "Who's my business partner now?", "Dr. Amara Osei (Hal Jensen retired).", ["Amara Osei"], "work",
              "u:My business partner, Dr. Hal Jensen, is talking about retiring.",
              "u:Hal officially retired. I bought out his share and brought in Dr. Amara Osei as my new partner."),
            Q("update", "How many days a week am I working now?", "Four days a week.", ["four days a week"], "work",
              "n:Working six days a week again. I'm too old for this.",
              "p:Cut back to four days a week at the clinic. First time in ten years."),
            Q("unanswerable", "What did my daughter get me for Christmas?", "You never mentioned a daughter.", ["daughter"], ""),
        ]),
    dict(
        name="Jamal Brooks", start="2024-06-01",
        personality="30-year-old stand-up comedian and part-time bartender in Brooklyn; quick-witted, restless, ambitious, hides insecurity with jokes",
        hobbies="writing jokes, pickup basketball, sneakers, old-school hip-hop",
        style="fast and jokey, slang, 'yo' and 'lowkey'",
        friends=["Dre", "Nadia", "Chris"], foods=["a bodega sandwich", "dollar pizza", "jerk chicken", "cereal"],
        places=["the open mic in the East Village", "the courts at Fort Greene Park", "the laundromat"],
        shows=["an old stand-up special", "a Yankees game"], work="the bar",
        distract=[
            ("u", "pet", "Nadia's cat sat on my jacket the whole party. I'm allergic. I let it happen."),
            ("n", "comedy", "The open mic list was full, waited two hours, got three minutes at 1am for four people."),
            ("p", "comedy", "Wrote a bit about the subway rat that stole a whole slice. Feels promising."),
            ("u", "work", "A regular at the bar tells the same fishing story every night. I know it by heart."),
            ("p", "people", "Chris came to my set and heckled me lovingly. Real friendship."),
            ("n", "money", "Rent's due and my bank app is showing me a sad number."),
            ("u", "family", "Grandma sent me a text in all caps asking if I'm eating."),
            ("p", "sports", "The Yankees won on a walk-off and the whole bar went crazy."),
            ("n", "sleep", "Got home at 4am from the bar, woke up at noon feeling like a raccoon."),
            ("u", "food", "The bodega guy knows my order. That's the closest thing I have to a long-term relationship."),
            ("s", "mood", "Some nights I wonder if I should just get a normal job."),
            ("p", "place", "Sunset from the Brooklyn Bridge walking home. The city flexes sometimes."),
            ("u", "comedy", "Recorded my set and listened back. My laughing at my own jokes has to go."),
        ],
        items=[
            Q("fact", "What's the name of the bar I work at?", "The Crooked Lantern.", ["Crooked Lantern"], "work",
              "u:Another shift at The Crooked Lantern. A guy tipped me in quarters and a compliment."),
            Q("fact", "What's my new closer about?", "His grandma texting in all caps like she's always mad.", ["grandma texting"], "comedy",
              "p:My new closer is about my grandma texting in all caps like she's always mad. It KILLS."),
            Q("fact", "How long was my first paid set?", "Fifteen minutes, at a club in Queens.", ["fifteen minutes"], "comedy",
              "p:Got my first PAID set, fifteen minutes at a club in Queens. Fifty bucks, but it's the principle."),
            Q("fact", "Which sneakers did I finally buy?", "The Jordan 4s.", ["Jordan 4s"], "money",
              "u:Copped the Jordan 4s I've been watching for months. Rent? Never heard of her."),
            Q("multi", "Which two comedians gave me notes?", "Lena Park and Big Tony Ruiz.", ["Lena Park", "Tony Ruiz"], "comedy",
              "u:Lena Park told me after the mic that I should cut my first minute. She's right and I hate it.",
              "n:Big Tony Ruiz said my stage presence is there but my tags are lazy. Harsh, fair."),
            Q("multi", "What two things did I lose or leave behind?", "His joke notebook (on the G train) and his phone charger (at the bar).", ["notebook", "charger"], "misc",
              "s:Lost my joke notebook on the G train. Years of material. Pray for me.",
              "n:Left my phone charger at the bar AGAIN. I'm basically donating chargers to that place."),
            Q("date", "Who came to my show on {date}?", "His mom, for the first time.", ["mom"], "family/comedy",
              "p:My mom came to see me do stand-up for the first time. She laughed hardest at the jokes about her."),
            Q("date", "What happened at the bar on {date}?", "A bachelorette party tried to climb on the bar and the bride got escorted out.", ["bachelorette"], "work",
              "u:A bachelorette party tried to climb on the bar. Security had to escort the bride out. Iconic."),
            Q("relative", "How did my set go {rel}?", "He bombed at the open mic.", ["Bombed"], "comedy",
              "n:Bombed so hard at the open mic that the host patted my shoulder after. Dead silence for five minutes.", rel="ago_digit"),
            Q("relative", "Who did I play basketball with {rel}?", "His cousin Terrell, who beat him.", ["Terrell"], "sports/family",
              "p:Played ball at the park with my cousin Terrell. Kid's 17 and cooked me. I'm retiring.", rel="weekend"),
            Q("preference", "What music do I like?", "Old-school hip-hop: Tribe, De La Soul, Nas.", ["Old-school hip-hop"], "media",
              "u:Old-school hip-hop only in my headphones. Tribe, De La Soul, Nas."),
            Q("preference", "How do I feel about bartending?", "It pays the bills, but he doesn't want to do it long-term.", ["Bartending is fine"], "work",
              "u:Bartending is fine, it pays the bills, but I'm not trying to pour drinks at 40."),
            Q("update", "Where am I living now?", "A two-bedroom in Crown Heights with Dre.", ["Crown Heights"], "home",
              "n:Living in a shoebox studio in Bed-Stuy with a radiator that screams.",
              "p:Moved to a two-bedroom in Crown Heights with Dre. Split rent, double the space."),
            Q("update", "Who's my manager now?", "Andrea Wolfe (he used to book himself).", ["Andrea Wolfe"], "comedy",
              "u:Still no manager, I'm booking myself off Instagram DMs.",
              "p:Signed with a manager, Andrea Wolfe! She reps real comics. I'm lowkey shaking."),
            Q("unanswerable", "What's my dog's name?", "You never mentioned having a dog.", ["dog"], ""),
        ]),
]


# ------------------------------------------------------------------------------------------------
# Layout
# ------------------------------------------------------------------------------------------------
def kw_pattern(kw: str) -> re.Pattern:
    """Case-insensitive whole-word match; a plural 's'/'es' may follow."""
    return re.compile(r"(?<!\w)" + re.escape(kw) + r"(?:s|es)?(?!\w)", re.I)


def has(text: str, kw: str) -> bool:
    return bool(kw_pattern(kw).search(text))


def parse_turn(raw: str) -> tuple[str, str, str | None]:
    mood = "u"
    if len(raw) > 2 and raw[1] == ":" and raw[0] in REPLY_OPEN:
        mood, raw = raw[0], raw[2:]
    reply = None
    if "||" in raw:
        raw, reply = raw.split("||", 1)
    return raw.strip(), mood, reply


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def spoken_date(d: date, style: int) -> str:
    month = MONTHS[d.month - 1]
    return [f"{month} {ordinal(d.day)}", f"the {ordinal(d.day)} of {month}", f"{month} {d.day}"][style % 3]


def reply_for(mood: str, rng: random.Random, avoid: set[str]) -> str:
    for _ in range(50):
        text = f"{rng.choice(REPLY_OPEN[mood])} {rng.choice(REPLY_FOLLOW[mood])}"
        if text not in avoid:
            return text
    return text


def relative_candidates(kind: str, today: date, first: date, last: date):
    """(chosen-day candidates, phrase for each, the phrase's whole day range) for one relative kind."""
    out = []
    if kind in ("ago_word", "ago_digit"):
        ns = range(4, 11) if kind == "ago_word" else range(4, 21)
        for n in ns:
            d = today - timedelta(days=n)
            phrase = f"{NUM_WORDS[n]} days ago" if kind == "ago_word" else f"{n} days ago"
            out.append((d, phrase, [d]))
    elif kind == "weekday":
        for n in range(4, 8):
            d = today - timedelta(days=n)
            out.append((d, f"last {WEEKDAYS[d.weekday()]}", [d]))
    elif kind in ("week", "weekend"):
        mon = today - timedelta(days=today.weekday() + 7)
        span = [mon + timedelta(days=i) for i in (range(7) if kind == "week" else (5, 6))]
        for d in span:
            out.append((d, "last week" if kind == "week" else "last weekend", span))
    else:
        raise ValueError(kind)
    return [(d, p, [x for x in span if first <= x <= last]) for d, p, span in out if first <= d <= last]


def build_user(ui: int, spec: dict, rng: random.Random):
    start = date.fromisoformat(spec["start"])
    days = [start + timedelta(days=i) for i in range(DAYS)]
    today = days[-1] + timedelta(days=TODAY_GAP)
    items = spec["items"]
    keys = {d: [] for d in days}       # day -> key turns
    exclusive: set[date] = set()       # days that hold a date/relative answer and nothing else key
    blocked = {d: set() for d in days}  # day -> topics no other turn may touch
    ranges = {}                         # item index -> days its question covers
    phrases = {}                        # item index -> filled question text

    def add_key(d, ii, raw, role):
        text, mood, reply = parse_turn(raw)
        keys[d].append({"query": text, "mood": mood, "reply": reply, "topics": items[ii]["topics"],
                        "item": ii, "role": role})

    # 1) relative questions: the day follows from TODAY (the narrowest kinds choose first)
    order = {"weekend": 0, "week": 1, "weekday": 2, "ago_word": 3, "ago_digit": 3}
    for ii, it in sorted(enumerate(items), key=lambda p: order.get(p[1]["rel"], 9)):
        if it["type"] != "relative":
            continue
        cands = [c for c in relative_candidates(it["rel"], today, days[0], days[-1])
                 if c[0] not in exclusive and not (blocked[c[0]] & it["topics"])
                 and not any(k["topics"] & it["topics"] for x in c[2] for k in keys[x])]
        assert cands, (spec["name"], it["question"])
        d, phrase, span = rng.choice(cands)
        exclusive.add(d)
        ranges[ii] = span
        for x in span:
            blocked[x] |= it["topics"]
        phrases[ii] = it["question"].format(rel=phrase)
        add_key(d, ii, it["turns"][0], "evidence")

    # 2) calendar-date questions
    for ii, it in enumerate(items):
        if it["type"] != "date":
            continue
        if it["day"] is not None:
            d = days[it["day"]]
            assert d not in exclusive and not (blocked[d] & it["topics"]), (spec["name"], it["question"])
        else:
            d = rng.choice([x for x in days if x not in exclusive and not (blocked[x] & it["topics"])])
        exclusive.add(d)
        ranges[ii] = [d]
        blocked[d] |= it["topics"]
        phrases[ii] = it["question"].format(date=spoken_date(d, rng.randrange(3)))
        add_key(d, ii, it["turns"][0], "evidence")

    # 3) everything else: free days, at most MAX_KEYS_PER_DAY key turns a day
    def free(d, it, taken=()):
        return (d not in exclusive and d not in taken and len(keys[d]) < MAX_KEYS_PER_DAY
                and not (blocked[d] & it["topics"]))

    for kind in ("update", "multi", "fact", "preference"):
        for ii, it in enumerate(items):
            if it["type"] != kind:
                continue
            phrases[ii] = it["question"]
            if kind == "update":
                old_raw, new_raw = it["turns"][0], it["turns"][-1]
                for _ in range(200):
                    o = rng.randrange(0, 14)
                    n = rng.randrange(o + 6, DAYS)
                    if free(days[o], it) and free(days[n], it):
                        break
                else:
                    raise RuntimeError(f"no room for update {it['question']}")
                add_key(days[o], ii, old_raw, "old")
                add_key(days[n], ii, new_raw, "evidence")
                continue
            taken: list[date] = []
            for raw in it["turns"]:
                # a fixed day on an ordinary question means "no later than": it must precede others
                latest = DAYS - 1 if it["day"] is None else it["day"]
                d = rng.choice([x for x in days[:latest + 1] if free(x, it, taken)])
                taken.append(d)
                add_key(d, ii, raw, "evidence")
    for ii, it in enumerate(items):
        if it["type"] == "unanswerable":
            phrases[ii] = it["question"]

    # 4) fillers: the user's own distractors first (spread one a day), then generic lines
    size = {d: max(rng.randint(MIN_TURNS, MAX_TURNS), len(keys[d])) for d in days}
    fill = {d: [] for d in days}
    used_text = {k["query"] for d in days for k in keys[d]}
    distract = list(spec["distract"])
    rng.shuffle(distract)
    for mood, topic, text in distract:
        for limit in (1, 2):
            cands = [d for d in days if topic not in blocked[d] and len(keys[d]) + len(fill[d]) < size[d]
                     and len(fill[d]) < limit]
            if cands:
                break
        d = rng.choice(cands)
        fill[d].append({"query": text, "mood": mood, "reply": None, "topics": {topic},
                        "item": None, "role": "distractor"})
        used_text.add(text)

    slots = {"friend": spec["friends"], "food": spec["foods"], "place": spec["places"],
             "show": spec["shows"], "work": [spec["work"]]}
    template_uses = Counter()
    last_use: dict[int, date] = {}
    for d in days:
        day_templates = set()
        while len(keys[d]) + len(fill[d]) < size[d]:
            for _ in range(500):
                ti = rng.randrange(len(FILLER))
                mood, topic, tmpl = FILLER[ti].split("|", 2)
                if (topic in blocked[d] or ti in day_templates or template_uses[ti] >= 2
                        or (d - last_use.get(ti, d - timedelta(days=99))).days < 7):
                    continue
                text = tmpl.format(**{k: rng.choice(v) for k, v in slots.items()})
                text = text[0].upper() + text[1:]
                if text not in used_text:
                    break
            else:
                raise RuntimeError("ran out of filler lines")
            template_uses[ti] += 1
            last_use[ti] = d
            day_templates.add(ti)
            used_text.add(text)
            fill[d].append({"query": text, "mood": mood, "reply": None, "topics": {topic},
                            "item": None, "role": "filler"})

    # 5) order each day, add greetings and replies
    history, info = {}, {}
    for d in days:
        turns = keys[d] + fill[d]
        rng.shuffle(turns)
        if turns[0]["role"] in ("filler", "distractor") and rng.random() < 0.3:
            turns[0] = dict(turns[0], query=rng.choice(GREETINGS) + turns[0]["query"])
        replies_today: set[str] = set()
        for t in turns:
            t["response"] = t["reply"] or reply_for(t["mood"], rng, replies_today)
            replies_today.add(t["response"])
        history[d.isoformat()] = [{"query": t["query"], "response": t["response"]} for t in turns]
        info[d.isoformat()] = turns

    name = spec["name"]
    bank = {"name": name, "summary": {}, "personality": {}, "overall_history": "", "history": history,
            "meta_information": {"name": name, "personality": spec["personality"],
                                 "hobbies": spec["hobbies"], "speaking_style": spec["style"]}}

    gold = []
    for ii, it in enumerate(items):
        evidence = sorted([day, i] for day, turns in info.items() for i, t in enumerate(turns)
                          if t["item"] == ii and t["role"] == "evidence")
        g = {"user": name, "qid": f"en-{ui:02d}-{ii + 1:02d}", "question": phrases[ii],
             "answer": it["answer"]}
        if it["type"] != "unanswerable":  # an unanswerable question's kws are never-mentioned words
            g["keywords"] = list(it["kws"])  # any one in a reply shows the remembered fact was used
        g.update(evidence=evidence, type=it["type"])
        gold.append(g)
    ctx = {"today": today, "info": info, "items": items, "ranges": ranges}
    return bank, gold, ctx


# ------------------------------------------------------------------------------------------------
# Validation
# ------------------------------------------------------------------------------------------------
def validate(banks: dict, gold: list[dict], ctxs: dict) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from memory.dates import find_dates  # the project's own parser

    errors: list[str] = []
    warnings: list[str] = []

    def err(msg):
        errors.append(msg)

    if len(banks) < 20:
        err(f"only {len(banks)} users")
    for name, bank in banks.items():
        days = sorted(bank["history"])
        ds = [date.fromisoformat(x) for x in days]
        if len(ds) != DAYS or any((b - a).days != 1 for a, b in zip(ds, ds[1:])):
            err(f"{name}: history is not {DAYS} consecutive days")
        if ds[0].year != 2024 or ds[-1].year != 2024:
            err(f"{name}: history leaves 2024")
        for day in days:
            n = len(bank["history"][day])
            if not MIN_TURNS <= n <= MAX_TURNS:
                err(f"{name} {day}: {n} turns")
        queries = [t["query"] for day in days for t in bank["history"][day]]
        if len(queries) != len(set(queries)):
            err(f"{name}: a query repeats verbatim")
        if ctxs[name]["today"] != ds[-1] + timedelta(days=TODAY_GAP):
            err(f"{name}: today convention broken")

    per_user = Counter(g["user"] for g in gold)
    for name in banks:
        if per_user[name] != 15:
            err(f"{name}: {per_user[name]} questions")
    if len({g["qid"] for g in gold}) != len(gold):
        err("duplicate qid")

    echoed = 0
    for g in gold:
        name, qid, kind = g["user"], g["qid"], g["type"]
        ctx = ctxs[name]
        info, today = ctx["info"], ctx["today"]
        ii = int(qid.rsplit("-", 1)[1]) - 1
        it = ctx["items"][ii]
        kws = it["kws"]
        hist = banks[name]["history"]
        if kind not in TYPES:
            err(f"{qid}: unknown type {kind}")
        ev = [tuple(e) for e in g["evidence"]]
        missing = [(day, idx) for day, idx in ev if day not in hist or not 0 <= idx < len(hist[day])]
        for day, idx in missing:
            err(f"{qid}: evidence {day}#{idx} does not exist")
        if missing:
            continue
        ev_queries = [hist[day][idx]["query"] for day, idx in ev]
        all_turns = [(day, i, t["query"]) for day in hist for i, t in enumerate(hist[day])]
        others = [(day, i, q) for day, i, q in all_turns if (day, i) not in ev]

        if kind == "unanswerable":
            if ev:
                err(f"{qid}: unanswerable with evidence")
            for day, i, q in all_turns:
                if any(has(q, k) for k in kws):
                    err(f"{qid}: '{q}' mentions a never-mentioned word {kws}")
        elif kind == "multi":
            if len(ev) < 2 or len({d for d, _ in ev}) < 2:
                err(f"{qid}: multi needs evidence on several days")
            for q in ev_queries:
                if not any(has(q, k) for k in kws):
                    err(f"{qid}: evidence '{q}' holds none of {kws}")
            for k in kws:
                if not any(has(q, k) for q in ev_queries):
                    err(f"{qid}: no evidence holds '{k}'")
            for day, i, q in others:
                if any(has(q, k) for k in kws):
                    warnings.append(f"{qid}: keyword also in non-evidence turn {day}#{i}: {q}")
        else:
            if len(ev) != 1:
                err(f"{qid}: {kind} should have exactly one evidence turn, has {len(ev)}")
            for q in ev_queries:
                if not all(has(q, k) for k in kws):
                    err(f"{qid}: evidence '{q}' lacks {kws}")
            for day, i, q in others:
                if all(has(q, k) for k in kws) and (kind in ("fact", "update", "preference")
                                                    or date.fromisoformat(day) in ctx["ranges"][ii]):
                    err(f"{qid}: another turn {day}#{i} also holds {kws}: {q}")
        if kind == "update":
            olds = [(day, i) for day, turns in info.items() for i, t in enumerate(turns)
                    if t["item"] == ii and t["role"] == "old"]
            if len(olds) != 1 or olds[0][0] >= ev[0][0]:
                err(f"{qid}: old value must come on an earlier day than the update")

        spans = find_dates(g["question"], today)
        if kind == "date":
            d = date.fromisoformat(ev[0][0])
            if len(spans) != 1 or not spans[0].start == spans[0].end == d:
                err(f"{qid}: find_dates({g['question']!r}) = {spans}, evidence on {d}")
        elif kind == "relative":
            if len(spans) != 1:
                err(f"{qid}: find_dates({g['question']!r}) = {spans}")
            for day, _ in ev:
                d = date.fromisoformat(day)
                if not any(s.start <= d <= s.end for s in spans):
                    err(f"{qid}: evidence {d} outside {spans} (today {today})")
            allowed = re.compile(r"(last week|last weekend|last (%s)|(\d+|%s) days ago)\?$" % (
                "|".join(WEEKDAYS), "|".join(NUM_WORDS.values())))
            if not allowed.search(g["question"]):
                err(f"{qid}: relative phrase not one of the allowed forms: {g['question']}")
        elif spans:
            err(f"{qid}: question names a date it should not: {spans}")

        if kind in ("date", "relative"):
            # nothing else inside the question's day range may touch the same topics
            for d in ctx["ranges"][ii]:
                for i, t in enumerate(info[d.isoformat()]):
                    if (d.isoformat(), i) not in ev and t["topics"] & it["topics"]:
                        err(f"{qid}: {d}#{i} '{t['query']}' shares a topic inside the question's range")
            if kind == "relative" and set(ctx["ranges"][ii]) != {
                    x for x in (date.fromisoformat(k) for k in hist)
                    if any(s.start <= x <= s.end for s in spans)}:
                err(f"{qid}: computed range differs from the parser's")

        if kind != "unanswerable":
            for day in hist:
                for t in hist[day]:
                    if any(has(t["response"], k) for k in kws):
                        echoed += 1

    for w in warnings:
        print("note:", w)
    print(f"replies that repeat an answer keyword: {echoed}")
    return errors


def main() -> int:
    rng = random.Random(SEED)
    banks, gold, ctxs = {}, [], {}
    for ui, spec in enumerate(USERS, 1):
        bank, g, ctx = build_user(ui, spec, rng)
        banks[spec["name"]] = bank
        gold.extend(g)
        ctxs[spec["name"]] = ctx

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    BANK_PATH.write_text(json.dumps(banks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    GOLD_PATH.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")

    # validate what was written, read back from disk
    banks_read = json.loads(BANK_PATH.read_text(encoding="utf-8"))
    gold_read = [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines()]
    errors = validate(banks_read, gold_read, ctxs)
    for path in (BANK_PATH, GOLD_PATH):
        if path.stat().st_size >= 2 * 1024 * 1024:
            errors.append(f"{path.name} is over 2 MB")

    n_days = sum(len(b["history"]) for b in banks_read.values())
    n_turns = sum(len(t) for b in banks_read.values() for t in b["history"].values())
    types = Counter(g["type"] for g in gold_read)
    print(f"users: {len(banks_read)}  days: {n_days}  turns: {n_turns}  questions: {len(gold_read)}")
    print("questions per type: " + ", ".join(f"{t} {types[t]}" for t in TYPES))
    print(f"{BANK_PATH.relative_to(ROOT)}: {BANK_PATH.stat().st_size:,} bytes; "
          f"{GOLD_PATH.relative_to(ROOT)}: {GOLD_PATH.stat().st_size:,} bytes")
    if errors:
        print(f"\nVALIDATION FAILED ({len(errors)} problems):")
        for e in errors:
            print(" -", e)
        return 1
    print("validation passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
