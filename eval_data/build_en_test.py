"""Builds a second HELD-OUT English memory-retrieval evaluation set ("en_test").

    .venv/bin/python eval_data/build_en_test.py      (run from the repository root)

Writes eval_data/en_test/bank_en_test.json and eval_data/en_test/gold_en_test.jsonl, then
validates both and prints counts.

This set is only for checking the retriever, never for tuning it. It was written separately from
the development set (eval_data/build_en.py) and from the first held-out set
(eval_data/build_en_holdout.py): 8 other users, other facts, other distractors and its own generic
filler lines, all hand-written for it. The machinery is build_en.py's, imported, not copied: the
layout (build_user), the companion's replies (its reply pools), the date phrasing and the
validation. Only the seed, the content and the output paths differ.

The same two small adaptations as build_en_holdout.py, both done here without touching build_en.py:
- build_user fills each day from build_en.FILLER. It is pointed at this file's own FILLER while
  these users are built, and set back afterwards.
- build_en.validate expects at least 20 users. Its "only 8 users" message is the one message
  dropped here; every other check applies unchanged.
Question ids are "ent-UU-QQ" (build_user writes "en-UU-QQ"; the prefix is changed after it).
"""
from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_en as B  # noqa: E402  (the development set's generator: runs nothing on import)
from build_en import Q, TYPES, build_user, validate  # noqa: E402

SEED = 20251104  # build_en.py uses 20240611, build_en_holdout.py 20250917
ROOT = HERE.parent
OUT_DIR = HERE / "en_test"
BANK_PATH = OUT_DIR / "bank_en_test.json"
GOLD_PATH = OUT_DIR / "gold_en_test.jsonl"
QID_PREFIX = "ent"

# ------------------------------------------------------------------------------------------------
# This set's own generic filler lines: "mood|topic|text", slots {friend} {food} {place} {show}
# {work} filled from each user's pools. Same topic names as build_en.py, so date and relative
# ranges block them the same way. No weekday names, no seasons, nothing that pins a fact to a user.
# ------------------------------------------------------------------------------------------------
FILLER = [
    # food
    "p|food|Made {food} from scratch and only set off the smoke alarm once.",
    "u|food|Ate {food} out of the container with a fork. No plate, no shame.",
    "n|food|Burnt the toast, then burnt the second lot while scraping the first.",
    "p|food|{friend} gave me half their {food} without being asked. That's friendship.",
    "u|food|Made dinner out of three things that didn't go together. It worked, somehow.",
    "p|food|Found a forgotten bar of chocolate in my coat pocket. Best discovery in ages.",
    "n|food|Tried a new recipe. The picture on the packet was a lie.",
    "u|food|Had {food} by the window and watched the rain for a bit.",
    "l|food|Going to cook a big batch of something so I stop living on {food}.",
    "p|food|A proper hot drink after a long stretch outside. Restored to factory settings.",
    "u|food|Somebody left a box of doughnuts out at {work}. Took two, felt guilty, took a third.",
    "n|food|Skipped lunch by accident and got very grumpy about it.",
    "p|food|{friend} and I ate {food} sitting on a wall like a pair of teenagers.",
    "u|food|Craving something salty and can't decide what.",
    "n|food|Dropped my {food} face down on the ground. Mourned briefly, moved on.",
    # people
    "p|people|{friend} rang just to see how I was. Didn't know I needed that.",
    "u|people|{friend} has a new hobby every few weeks. The current one is sourdough.",
    "n|people|Waited forty minutes for {friend}, who was 'five minutes away' the whole time.",
    "p|people|Long walk and a longer chat with {friend}. Sorted out half the world's problems.",
    "u|people|{friend} sent me a photo of a cloud that looked like a duck. It really did.",
    "n|people|Small misunderstanding with {friend} over text. Tone doesn't travel well.",
    "p|people|{friend} remembered something I said months ago. Made me feel seen.",
    "u|people|The group chat spent an hour deciding where to meet. Nothing was decided.",
    "p|people|A stranger held a door for me, so I held one for the next person. Chain of manners.",
    "u|people|{friend} is training for something and talks about nothing else.",
    "n|people|Saw photos from a get-together nobody told me about. Stung a bit.",
    "l|people|Owe {friend} a proper catch-up. Writing it down before I forget.",
    "p|people|{friend} and I laughed about something that happened years ago till we were wheezing.",
    "u|people|A man in the queue told me his whole life story, including the hernia.",
    # place
    "p|place|Stopped at {place} on the way home and just breathed for a bit.",
    "u|place|Walked past {place} and spotted something I'd never noticed before.",
    "n|place|Parking near {place} was a nightmare. Circled four times.",
    "p|place|{place} looked lovely in the late light.",
    "u|place|Someone was busking near {place}, badly but with total commitment.",
    "l|place|Want to take {friend} to {place} sometime, they'd love it.",
    "n|place|Took a wrong turn on the way to {place} and ended up somewhere with a very nice bakery.",
    "u|place|There's a coffee van parked by {place} now. Very fancy cups.",
    "p|place|Found a quiet corner near {place} and read for half an hour.",
    "u|place|Loads of people out around {place}, must be something on.",
    # media
    "u|media|Put on {show} and fell asleep before the opening credits finished.",
    "p|media|Caught up on {show}. Good episode, they're finally getting somewhere.",
    "n|media|Someone spoiled {show} for me. I will remember this.",
    "u|media|Listened to three episodes of a podcast about famous art heists. Now I trust nobody.",
    "p|media|An old song came on shuffle and I had to stop and just listen.",
    "u|media|Started a novel {friend} recommended. Fifty pages in, undecided.",
    "p|media|Watched a stand-up special and laughed so hard I snorted.",
    "n|media|Internet dropped out right at the good bit of {show}.",
    "u|media|Read the news for ten minutes and had to put it down.",
    "p|media|Found a radio station that plays nothing but old soul. Keeping it.",
    # sleep
    "n|sleep|Lay awake replaying a conversation from years ago. Brains are rude.",
    "p|sleep|Slept right through without waking once. Small miracle.",
    "u|sleep|Napped for twenty minutes and woke up not knowing what decade it was.",
    "n|sleep|Something tapped on the window half the night. Probably a branch. Probably.",
    "u|sleep|Dreamt I was late for an exam I never signed up for.",
    "p|sleep|Fresh sheets on the bed. Best feeling there is.",
    "n|sleep|The alarm went off and I negotiated with it for a good while.",
    "l|sleep|No screens after ten, that's the new rule. We'll see how long it lasts.",
    # work
    "u|work|Quiet one at {work}, mostly tidying and odd jobs.",
    "n|work|Everything at {work} went sideways before lunch.",
    "p|work|Got through a proper pile of stuff at {work}. Satisfying.",
    "n|work|A form I filled in for {work} came back because I used the wrong colour pen.",
    "u|work|Spent ages at {work} on something that turned out not to matter.",
    "p|work|Someone at {work} brought their new baby in and all productivity stopped.",
    "n|work|Long stretch at {work} and my feet know all about it.",
    "l|work|Need to get ahead of things at {work} before they pile up.",
    "u|work|Chatted with a new face at {work}. Seems decent, laughs at my jokes, so.",
    # home
    "n|home|The washing machine has started walking across the floor on the spin cycle.",
    "p|home|Cleaned out the fridge. Found things that had developed personalities.",
    "u|home|Rearranged the bookshelf by colour. It looks nice and I can't find anything.",
    "n|home|The hallway bulb went. Now I walk into the wall every night.",
    "p|home|Opened all the windows and let the place air out. Feels new.",
    "u|home|Spent the evening fixing a wobbly chair with a folded bit of cardboard.",
    "n|home|The drain is making a gurgling noise like it's trying to tell me something.",
    "p|home|Put up the curtain rail at last. Only drilled one hole in the wrong place.",
    "u|home|Ironed for an hour while talking to myself. Productive, in a way.",
    "p|home|Made the bed with tight corners and everything. Felt very grown up.",
    # health
    "n|health|A headache sat behind my eyes all afternoon.",
    "p|health|Went for a proper walk and came back feeling human.",
    "u|health|Drank more water than I have in weeks. Back and forth to the loo all afternoon.",
    "n|health|Cricked my back getting out of the car. Walking like a question mark.",
    "p|health|Ten minutes of yoga off a video. Mostly fell over, but felt looser after.",
    "l|health|Rang for a check-up before I could talk myself out of it.",
    "n|health|Sneezing my head off. Something's in the air.",
    "u|health|Trying to eat more vegetables. Had a carrot. It's a start.",
    # mood
    "p|mood|Good day. Nothing big, everything just went fine.",
    "n|mood|Bit irritable for no real reason. Keeping to myself.",
    "u|mood|Just checking in, nothing much to report.",
    "s|mood|Been missing people I can't get back.",
    "p|mood|Whistled the whole way home without noticing.",
    "n|mood|My patience is as thin as paper at the minute.",
    "p|mood|Finished a job I'd been avoiding and gave myself a small round of applause.",
    "u|mood|One of those days that just sort of happened around me.",
    "s|mood|Heavy heart, and I can't quite put my finger on why.",
    "p|mood|Calm evening, something warm to drink, nothing to do. Bliss.",
    # money
    "n|money|Insurance renewal came in and it's gone up for no reason anyone can explain.",
    "p|money|Found some cash in an old pair of jeans. Past me looking after future me.",
    "u|money|Made a budget. Looked at the budget. Closed the budget.",
    "n|money|Paid a bill twice by mistake. Forty minutes on hold getting it back.",
    "l|money|Going to stop buying coffee out. I have said this before.",
    "p|money|Got a small refund from somewhere and spent it on {food}.",
    # weather
    "n|weather|Gusts strong enough to push me down the street like a shopping trolley.",
    "p|weather|Clear sky and a bit of sun. Went out without a jacket and got away with it.",
    "u|weather|Grey and still all day, like the sky was holding its breath.",
    "n|weather|Rain came out of nowhere and got me between the car and the door.",
    "p|weather|Lovely soft light in the evening, everything looked gold.",
    "u|weather|The weather can't make up its mind. Four seasons before lunch.",
    "n|weather|Cold snap first thing, had to dig out the thick socks.",
    # misc
    "u|misc|Spent a while trying to remember a word. It was 'colander'.",
    "p|misc|Helped a neighbour carry a sofa up the stairs. Good deed done.",
    "n|misc|Phone died at the worst possible moment. Of course it did.",
    "u|misc|Went through a box of old letters. Kept most of them.",
    "p|misc|A kid on a scooter overtook me and gave me a thumbs up.",
    "u|misc|Tried the puzzle in the paper. The paper won.",
    "n|misc|Forgot my password, reset it, forgot the new one.",
    "p|misc|Got a handwritten card in the post. Nobody does that anymore.",
    "u|misc|Cleared my inbox down to zero, then three emails landed straight away.",
    "l|misc|Thinking about growing some herbs on the windowsill.",
    "p|misc|Fixed something myself instead of paying someone. Unbearably smug.",
    "n|misc|Stood in the wrong queue for ten minutes before anyone told me.",
    "u|misc|Sorted a jar of loose change into little towers. Very calming, weirdly.",
]

# ------------------------------------------------------------------------------------------------
# Users: 8 profiles, unlike the development set's 20 and the first held-out set's 8. Same fields
# as build_en.USERS. Relative kinds: weekend 3, week 3, weekday 4, ago_word 3, ago_digit 3
# ("weekend" only for users whose TODAY falls Wednesday..Sunday, i.e. a Friday..Tuesday start).
# ------------------------------------------------------------------------------------------------
USERS = [
    dict(
        name="Grant McAllister", start="2024-08-23",
        personality="47-year-old sheep farmer near Gore in Southland, New Zealand, in the middle of lambing; married to Leanne, a son at university and a young daughter; steady, stubborn, softer than he lets on",
        hobbies="dog trials, club rugby, fixing old machinery",
        style="laconic Kiwi, 'yeah nah', 'sweet as', 'mate', understates everything",
        friends=["Bryce", "Tama", "Hayley"], foods=["a mince and cheese pie", "lamb chops", "a cheese scone", "fish and chips"],
        places=["the Gore saleyards", "the pub in Mandeville", "the Mataura river bridge"],
        shows=["the rugby", "Country Calendar"], work="the farm",
        distract=[
            ("u", "pet", "Tama's heading dog got in among the neighbour's ewes and he spent the whole arvo apologising."),
            ("n", "work", "Found three ewes cast on their backs in the one paddock. Righted them all, lost my hat."),
            ("u", "weather", "Southerly came through with sleet going sideways. Lambs tucked in behind the hedges, smart wee things."),
            ("p", "family", "Mia read me her school speech about growing up on a farm. Made me sound like a good bloke."),
            ("n", "money", "Fertiliser's gone up again. Every invoice is a kick in the guts."),
            ("u", "people", "Bryce reckons his lambing's going better than mine. Bryce says a lot of things."),
            ("p", "food", "Leanne did a roast with all the trimmings. Ate till I couldn't bend down to get my boots off."),
            ("n", "sleep", "Up every three hours doing lambing rounds with a spotlight. Running on fumes."),
            ("u", "hobby", "Watched the local club's sevens. Young fella on the wing has real gas."),
            ("s", "mood", "Dad would've been out in this weather with me. Still reach for the phone to tell him things."),
            ("u", "work", "Stock agent came round to talk prices. Lot of chat, not much money."),
            ("n", "health", "Back's gone again from hauling ewes out of the drain."),
            ("p", "place", "Drove to the top of the hill block at sunrise. The whole Hokonui range went pink."),
        ],
        items=[
            Q("fact", "What's the young huntaway I'm training called?", "Pip.", ["Pip"], "pet/work",
              "u:Started the new huntaway pup on sheep. Pip's got a bark on her like a foghorn and no idea where to point it."),
            Q("fact", "What did the ewes scan at this year?", "162 percent: a lot of twins.", ["162 percent"], "work",
              "n:Went back over the scanning numbers. 162 percent. Great on paper, but it means a lot of twins to keep alive in this weather."),
            Q("fact", "Which exam did Cody ring to say he'd passed?", "His soil science exam at Lincoln.", ["soil science"], "family",
              "p:Cody rang from Lincoln, he's passed his soil science exam. Reckons he'll come home and take over one day. Don't tell him I teared up."),
            Q("fact", "What packed up on the quad bike?", "The rear brake calliper seized.", ["calliper"], "work",
              "n:Quad's rear brake calliper seized halfway up the hill paddock. Walked home and swore the whole way."),
            Q("multi", "What did the kids name the orphan lambs?", "Biscuit and Gumboot.", ["Biscuit", "Gumboot"], "family",
              "p:Mia's taken on an orphan twin as a pet lamb. Named it Biscuit. Feeds it on the back step every morning.",
              "p:Second orphan lamb in the laundry. The little one's called him Gumboot, which, fair enough."),
            Q("multi", "Who's come out to give me a hand during lambing?", "His brother-in-law Dave, and Ciaran, a backpacker from Cork he hired.", ["Dave", "Ciaran"], "work/people",
              "p:Brother-in-law Dave came down from Invercargill to help with tailing. Worked like a machine, ate like two.",
              "p:Hired a backpacker from Cork for the rest of lambing. Ciaran's never seen a sheep up close but he's keen as."),
            Q("date", "How did the wool cheque look on {date}?", "Bad: it barely covered the shearers' bill.", ["wool cheque"], "money/work",
              "n:Wool cheque came through. Barely covers the shearers' bill. Crossbred wool's worth less than the bales it's packed in."),
            Q("date", "Where did I take Leanne for dinner on {date}?", "Queenstown, for their twentieth wedding anniversary.", ["Queenstown"], "family/food/place",
              "p:Twentieth wedding anniversary. Left Tama in charge and drove Leanne to Queenstown for dinner. First night off the farm since March."),
            Q("relative", "How did I go at the dog trials {rel}?", "Second in the long head with old Jess.", ["dog trials"], "hobby/pet",
              "p:Took old Jess to the dog trials at Waikaka. Second in the long head, beaten by a nineteen-year-old girl. Fair play to her.", rel="weekend"),
            Q("relative", "What did the vet have to do {rel}?", "A caesarean on a ewe with a stuck lamb; both made it.", ["caesarean"], "work",
              "p:Vet came out for a ewe with a lamb stuck sideways. Did a caesarean right there on a bale in the shed. Both pulled through.", rel="ago_digit"),
            Q("preference", "What's my favourite time on the farm?", "Shearing: the gang, the noise, the smoko spread.", ["shearing"], "work",
              "u:Say what you like about lambing, but shearing's my favourite time of year. The gang, the racket, the smoko spread."),
            Q("preference", "What do I like on the radio when I'm in the tractor?", "Talkback, never music.", ["talkback"], "media",
              "u:Can't do music in the tractor cab. It's talkback radio or nothing. Like arguing with someone who can't hear you."),
            Q("update", "How many ewes am I running these days?", "About 1,900 (down from 2,400 after selling 500).", ["1,900 ewes"], "work",
              "u:We're running about 2,400 ewes on the home block, plus a few hoggets out the back.",
              "l:Sold five hundred at the sale, so we're down to 1,900 ewes. Less lambing, more sleep, that's the theory."),
            Q("update", "What's Leanne doing for work now?", "Practice manager at the vet clinic in Gore (she used to do relief teaching).", ["practice manager"], "family",
              "u:Leanne's still doing relief teaching at the school in Mandeville two days a week.",
              "p:Leanne's taken the practice manager job at the vet clinic in Gore. Full time, proper pay, she's stoked."),
            Q("unanswerable", "What did I end up naming the alpacas?", "You never mentioned having alpacas.", ["alpaca"], ""),
        ]),
    dict(
        name="Denise Albright", start="2024-04-02",
        personality="55-year-old official court reporter (stenographer) in Philadelphia with thirty years on the machine; divorced, one grown son, Trevor; exacting, wry, quietly tender",
        hobbies="constructing crosswords, salsa classes, growing orchids",
        style="precise and a little formal, says 'for the record', corrects her own typos",
        friends=["Gloria", "Bernadette", "Hank"], foods=["a cheesesteak", "a soft pretzel", "a turkey hoagie", "water ice"],
        places=["Rittenhouse Square", "the Reading Terminal Market", "the Schuylkill trail"],
        shows=["a legal drama", "a quiz show"], work="the courthouse",
        distract=[
            ("n", "work", "A witness mumbled into his collar for two hours. I asked him to repeat himself so often the jury started smiling."),
            ("u", "work", "Counsel argued over one comma in the jury instructions for forty minutes. I live for this."),
            ("u", "family", "Trevor called to ask how to get red wine out of a couch. No follow-up questions were answered."),
            ("p", "hobby", "Finished the big weekend crossword in ink in eleven minutes. For the record, I am a genius."),
            ("n", "health", "Shoulders in knots from leaning over the machine all day."),
            ("u", "pet", "Gloria's cockatiel now says 'order in the court'. I taught it nothing, I swear."),
            ("p", "people", "Bernadette and I split a cheesecake at lunch and solved all of the city's problems."),
            ("n", "money", "Repair quote for my steno machine came back at nine hundred dollars. For a spring."),
            ("u", "hobby", "Orchid society meeting ran long. Two men argued bark versus moss like it was a custody case."),
            ("p", "dance", "Bernadette says I'm getting less stiff in the hips at class. High praise from her."),
            ("n", "weather", "Rain sideways on Broad Street. My umbrella turned inside out right in front of City Hall."),
            ("s", "mood", "Thirty years of typing other people's worst days. Some nights it sits on me."),
            ("u", "media", "Watched a legal drama where the stenographer never once looks at her hands. Pure fantasy."),
        ],
        items=[
            Q("fact", "How fast did I clock on that speed drill?", "285 words a minute at 99 percent accuracy.", ["285 words"], "work",
              "p:Did a speed drill for fun and clocked 285 words a minute at 99 percent accuracy. Still got it at fifty-five."),
            Q("fact", "What's the theme of my crossword that the paper accepted?", "'Objection!': all legal puns.", ["Objection"], "hobby",
              "p:The Inquirer is running my crossword! Theme is 'Objection!', every long answer a legal pun."),
            Q("fact", "What does Trevor's girlfriend do for a living?", "She's a public defender; her name is Priya.", ["public defender"], "family",
              "p:Trevor finally brought his girlfriend to dinner. Priya's a public defender, so we had plenty to talk about."),
            Q("fact", "What did the hand specialist say is wrong with my wrist?", "De Quervain's tenosynovitis in the right wrist; a splint at night.", ["de Quervain"], "health",
              "n:Hand specialist says it's de Quervain's in my right wrist. Thirty years of steno will do that. Splint at night."),
            Q("multi", "Which dances have I learned at class?", "Bachata and the cha-cha.", ["bachata", "cha-cha"], "dance",
              "p:Salsa class did bachata tonight. Hank stepped on my foot four times and apologised five.",
              "p:Learned the cha-cha basic at class. Finally got the timing on the quick little triple step."),
            Q("multi", "Which of my orchids have flowered?", "The moth orchid (five white flowers) and the chocolate-scented Oncidium.", ["moth orchid", "Oncidium"], "hobby",
              "p:My moth orchid rebloomed after two years of sulking. Five white flowers, each one perfect.",
              "p:The little Oncidium, the one that smells like chocolate, has put out a flower spike."),
            Q("date", "Which long trial finally wrapped up on {date}?", "The six-week fraud trial: guilty on all counts, a 4,000-page transcript.", ["fraud trial"], "work",
              "u:The six-week fraud trial finally went to the jury. Guilty on all counts. My transcript runs to 4,000 pages."),
            Q("date", "Which old teacher did I bump into on {date}?", "Mrs. Kowalczyk, her high school English teacher, at the Reading Terminal.", ["Kowalczyk"], "people/place",
              "p:Ran into my old high school English teacher, Mrs. Kowalczyk, at the Reading Terminal. She remembered my essay on Dickens. I nearly fainted."),
            Q("relative", "Where did Trevor take me {rel}?", "To a Phillies game (they won in the ninth).", ["Phillies"], "family/media",
              "p:Trevor took me to the Phillies game, his treat he said, then let me buy the beers. They won it in the ninth.", rel="week"),
            Q("relative", "What did that lawyer tell me about my transcripts {rel}?", "That they're the cleanest in the building.", ["cleanest"], "work",
              "p:Bumped into a defense attorney at the farmers' market and she told me my transcripts are the cleanest in the building. Putting that on my tombstone.", rel="weekday"),
            Q("preference", "What sort of case do I dread getting assigned?", "Patent cases: engineers talk in acronyms nobody spells for her.", ["patent case"], "work",
              "u:Give me a murder trial over a patent case any day. Engineers talk in acronyms and nobody spells them for me."),
            Q("preference", "What film do I put on when I'm feeling low?", "My Cousin Vinny.", ["My Cousin Vinny"], "media",
              "u:Whenever I'm low I put on My Cousin Vinny. Best courtroom movie ever made, and the only accurate one."),
            Q("update", "Which courtroom am I working in now?", "Courtroom 1105 on the twelfth floor (she was in 653 for eleven years).", ["1105"], "work",
              "u:Still in Courtroom 653, same chair for eleven years. It knows the shape of me.",
              "n:They've moved me to Courtroom 1105 on the twelfth floor. Better chair, worse elevator."),
            Q("update", "How am I getting to work these days?", "By e-bike along the Schuylkill trail (she used to take the El).", ["e-bike"], "work/place",
              "n:The El was stuck underground again. Forty minutes breathing someone else's coffee.",
              "p:Bought a used e-bike and I ride the river trail in to work now. Arrive windswept but smug."),
            Q("unanswerable", "When's my sister's wedding again?", "You never mentioned a sister or a wedding.", ["sister"], ""),
        ]),
    dict(
        name="Marcus Bell", start="2024-06-10",
        personality="34-year-old US Navy culinary specialist on a ballistic-missile submarine out of Kings Bay, Georgia, home in Memphis on a month's leave with his mother and his sister Renata; big-hearted, restless, feeds everyone",
        hobbies="smoking meat, bowling badly, collecting old soul records",
        style="upbeat, Navy slang ('chow', 'rack', 'topside'), calls his mother Mama",
        friends=["Deshawn", "Tasha", "Big Mike"], foods=["hot wings", "a pulled pork sandwich", "collard greens", "a honey bun"],
        places=["Beale Street", "Overton Park", "the riverfront"],
        shows=["the Grizzlies highlights", "a cooking competition"], work="the diner",
        distract=[
            ("u", "work", "Renata put me on the register and I gave a man change for a fifty he never handed me. Fired on day one."),
            ("n", "sleep", "Body still thinks it's on an eighteen-hour sub day. Wide awake at 3am staring at the ceiling fan."),
            ("p", "food", "Deshawn's uncle smoked a whole brisket in a barrel in his yard. I took notes like a student."),
            ("u", "family", "Mama showed Danielle my baby pictures. All of them. There are hundreds."),
            ("n", "weather", "Memphis heat is no joke. Sweated through my shirt walking to the mailbox."),
            ("u", "pet", "Tasha's pit bull sleeps across her feet like a fifty-pound blanket."),
            ("p", "people", "Big Mike got the whole crew from high school together at the bowling alley. Still can't bowl."),
            ("u", "work", "A shipmate texted me a picture from the galley. Somebody burned the rice, I can tell from here."),
            ("n", "money", "Renting a car for a month costs more than my first car did."),
            ("s", "mood", "Navy life means missing things. Missed Grandma's funeral on the last patrol. Still stings."),
            ("u", "media", "Watched a cooking competition and yelled at the TV like it was a playoff game."),
            ("p", "place", "Sat on the riverfront watching barges go by. Everything moves slow here, I needed that."),
            ("u", "health", "Doc at the clinic says my blood pressure's up. Too much taste-testing, probably."),
        ],
        items=[
            Q("fact", "What's my sister's restaurant called?", "Soul on Lamar.", ["Soul on Lamar"], "work/family",
              "p:Renata's place, Soul on Lamar, had a line out the door for brunch. Proud of that girl."),
            Q("fact", "How long was I underwater on the last patrol?", "94 days.", ["94 days"], "work",
              "u:People keep asking what 94 days underwater is like. Honestly? A long shift in a small kitchen with 150 roommates."),
            Q("fact", "What do the guys on the boat call my cinnamon rolls?", "Morale torpedoes.", ["morale torpedoes"], "work/food",
              "u:Crew calls my cinnamon rolls morale torpedoes. On bake nights I turn out two hundred of them."),
            Q("fact", "What qualification did I sign up to study for?", "Certified Executive Chef.", ["Certified Executive Chef"], "work",
              "l:Signed up for a Certified Executive Chef prep course online. If I get out someday, I want the paper on the wall."),
            Q("multi", "What have I cooked for Mama while I've been home?", "Shrimp and grits, and a peach cobbler.", ["shrimp and grits", "cobbler"], "food/family",
              "p:Made Mama shrimp and grits for breakfast. She said it's better than the one in her magazine.",
              "p:Baked a peach cobbler in Mama's old cast iron. Gone in an hour."),
            Q("multi", "Who from the old neighborhood have I caught up with?", "Coach Harris, his old football coach, and Jerome from down the street, who's a pastor now.", ["Coach Harris", "Jerome"], "people",
              "p:Ran into Coach Harris at the gas station. Still calls me 'Bell' like I'm fifteen and late for practice.",
              "p:Jerome from down the street is a pastor now. We sat on his porch and talked till the mosquitoes won."),
            Q("date", "Where did Danielle and I go on {date}?", "The Stax Museum.", ["Stax"], "people/place/media",
              "p:Took Danielle to the Stax Museum. She danced in front of Isaac Hayes's car and didn't care who saw."),
            Q("date", "What news did I get from the Navy on {date}?", "He made the chief's list.", ["chief's list"], "work",
              "p:Got the call, I made the chief's list! Mama screamed so loud the neighbor came over to check on us."),
            Q("relative", "What went wrong at the diner {rel}?", "The fryer caught fire during lunch rush; he put it out with the extinguisher.", ["fryer"], "work",
              "n:Fryer caught fire during lunch rush. Had it out with the extinguisher before Renata even turned around. Navy training, baby.", rel="weekday"),
            Q("relative", "What concert did I take Mama to {rel}?", "A Mahalia Jackson tribute concert.", ["Mahalia Jackson"], "family/media",
              "p:Took Mama to the Mahalia Jackson tribute concert. She sang every word, louder than the people on stage.", rel="ago_word"),
            Q("preference", "What's my favourite thing to cook?", "Gumbo: stirring the roux is his meditation.", ["gumbo"], "food",
              "u:If I could only cook one thing forever it'd be gumbo. Stirring a roux for forty minutes is my meditation."),
            Q("preference", "What's the hardest part of being out on patrol for me?", "No daylight; the first thing he does topside is stand in the sun.", ["daylight"], "work",
              "u:Worst part of patrol ain't the cramped rack, it's no daylight. First thing I do topside is stand in the sun like a lizard."),
            Q("update", "Where am I headed once my leave is over?", "Two years of shore duty teaching at the culinary school in Norfolk (not back to the sub at Kings Bay).", ["Norfolk"], "work",
              "u:Got thirty days of leave, then it's back to Kings Bay to get ready for the next patrol.",
              "p:Orders came through. I'm not going back to the boat: two years of shore duty teaching at the culinary school in Norfolk!"),
            Q("update", "Where's Mama living these days?", "A ground-floor apartment near Renata's (she left the house on Castalia Street).", ["ground-floor apartment"], "family/home",
              "n:Mama's still in the old house on Castalia Street. The stairs are getting hard on her knees.",
              "p:Moved Mama into a ground-floor apartment near Renata's. No stairs, new carpet, she's rearranged it twice already."),
            Q("unanswerable", "How did my brother's graduation go?", "You never mentioned a brother.", ["brother"], ""),
        ]),
    dict(
        name="Ruth Abernathy", start="2024-09-30",
        personality="61-year-old Episcopal priest working as a hospice chaplain in Portland, Maine; married to Joan, a potter; a grown son, Caleb, in Bangor; gentle, reflective, unexpectedly funny",
        hobbies="sea kayaking, birding, knitting prayer shawls, baking bread",
        style="calm and thoughtful, long sentences, now and then a line from a hymn",
        friends=["Maggie", "Father Tom", "Lorraine"], foods=["a lobster roll", "clam chowder", "a whoopie pie", "fried clams"],
        places=["the Eastern Promenade", "Back Cove", "the Old Port"],
        shows=["a British mystery", "the evening news"], work="the hospice",
        distract=[
            ("s", "work", "Sat with a woman who kept asking for her sister. We held hands until the sister came. She made it in time."),
            ("u", "work", "Team meeting ran long talking about bed numbers. Everyone is tired."),
            ("p", "family", "Joan glazed a set of bowls the colour of the bay in November. I want to eat soup out of all of them at once."),
            ("n", "weather", "Nor'easter rolling in. The power flickered twice during supper."),
            ("u", "hobby", "A flock of snow buntings on the beach. No rarities, just lovely."),
            ("p", "people", "Maggie brought over a pot of fish stew and stayed for three hours of gossip."),
            ("n", "health", "My knees complain on every hospital stair. Sixty-one is a number with opinions."),
            ("u", "pet", "The neighbours' old Lab waits at their gate for the mail carrier every afternoon."),
            ("s", "mood", "Three deaths in a few days. I'm holding them all tonight."),
            ("p", "work", "A family sang together in the room until the end. I've never heard anything like it."),
            ("u", "hobby", "Started a new prayer shawl in grey-blue wool. Joan says it looks like fog. She means it kindly."),
            ("n", "money", "The kayak needs a new skeg and the price of one is frankly rude."),
            ("u", "place", "Walked the Old Port at dusk. Cruise ship passengers everywhere, buying fleece."),
        ],
        items=[
            Q("fact", "What did Mr. Pelletier ask me to sing for him?", "Amazing Grace, in French, the way his mother sang it.", ["Amazing Grace"], "work",
              "s:Mr. Pelletier asked me to sing Amazing Grace in French, the way his mother did. I got through two verses before my voice went.||What a tender thing to be trusted with. Two verses was enough; he heard his mother in them."),
            Q("fact", "How long have I been doing hospice work?", "Nineteen years.", ["nineteen years"], "work",
              "u:Someone at orientation asked how long I've done this. Nineteen years this fall, and I still don't have the right words, just better silences."),
            Q("fact", "What new bird did I add to my life list?", "A Hudsonian godwit at Scarborough Marsh (life bird 312).", ["godwit"], "hobby",
              "p:Hudsonian godwit at Scarborough Marsh! Life bird number 312. I did a small, undignified dance."),
            Q("fact", "What new support group are we starting?", "A grief group just for widowers, at the library.", ["widowers"], "work",
              "l:We're starting a grief group just for widowers, meeting at the library. Men don't come to the usual ones."),
            Q("multi", "What have families given me to say thank you?", "A jar of wild blueberry jam and a hand-carved wooden loon.", ["blueberry jam", "loon"], "work/people",
              "p:The Ouellette family sent a jar of wild blueberry jam with a note. I cried in the car park, the good kind.",
              "p:A widower whose wife we cared for carved me a little wooden loon. It's on my desk, watching me work."),
            Q("multi", "Where have Joan and I paddled to?", "Around Mackworth Island and out to the Goslings in Casco Bay.", ["Mackworth", "Goslings"], "hobby/family",
              "p:Paddled around Mackworth Island with Joan. Seals watched us like we were the entertainment.",
              "p:Kayaked out to the Goslings in Casco Bay. Water like glass, not another soul out there."),
            Q("date", "What did I officiate on {date}?", "A wedding at a patient's bedside.", ["wedding"], "work/people",
              "p:Officiated a wedding at a patient's bedside. She wore her mother's veil and the nurses made a cake out of pudding cups."),
            Q("date", "Where did Joan take me for my birthday on {date}?", "Sailing on a schooner out of Camden.", ["schooner"], "family/place",
              "p:My sixty-first birthday. Joan booked us a sail on a schooner out of Camden. Cold, windy, perfect."),
            Q("relative", "Who drove down to see me {rel}?", "Her son Caleb, with the baby, from Bangor.", ["Caleb"], "family/people",
              "p:Caleb drove down from Bangor with the baby. Held my granddaughter for a whole afternoon and nothing else mattered.", rel="week"),
            Q("relative", "Who did I have that long talk about the sea with {rel}?", "Earl, a hospice volunteer and retired fisherman, who thinks the sea has a soul.", ["Earl"], "people/work",
              "u:Had a long talk with Earl, one of our volunteers, a retired fisherman, about whether the sea has a soul. He thinks yes. I'm inclined to agree.", rel="ago_digit"),
            Q("preference", "Which hymn do I love most?", "Be Thou My Vision.", ["Be Thou My Vision"], "work/media",
              "u:If they sing anything at my funeral, make it Be Thou My Vision. Nothing else comes close."),
            Q("preference", "What do I do to unwind after a hard death at work?", "She goes home and bakes bread; she doesn't want to talk.", ["bake bread"], "work/food",
              "u:After a hard death I don't want to talk. I go home and bake bread. Punching dough is cheaper than therapy."),
            Q("update", "How much am I working now?", "Three days a week (it used to be five, plus every other weekend on call).", ["three days a week"], "work",
              "n:Five days a week plus every other weekend on call. It's a lot at my age.",
              "p:The director agreed: I'm on three days a week now. First free weekday in decades and I didn't know what to do with it."),
            Q("update", "Who's the other chaplain I work with now?", "Leah Stern, a young rabbi they hired (it used to be just her and Father Tom).", ["Leah Stern"], "work/people",
              "u:It's just me and Father Tom covering the whole county for chaplaincy.",
              "p:We finally hired a second chaplain, a young rabbi named Leah Stern. Sharp, kind, and she laughs with her whole face."),
            Q("unanswerable", "Which choir do I sing with?", "You never mentioned singing in a choir.", ["choir"], ""),
        ]),
    dict(
        name="Kwame Mensah", start="2024-09-13",
        personality="29-year-old volunteer coach of an under-11 mixed football team in Leicester, works at a sports shop; Ghanaian-British, lives with his mum; cheerful, patient with kids, impatient with referees",
        hobbies="coaching, five-a-side, FIFA, cooking his mum's recipes badly",
        style="upbeat and chatty, 'proper', 'to be fair', football clichés",
        friends=["Jordan", "Femi", "Sophie"], foods=["jollof rice", "a chicken wrap", "a sausage sandwich", "a bag of chips"],
        places=["Victoria Park", "the leisure centre", "the high street"],
        shows=["Match of the Day", "a football podcast"], work="the shop",
        distract=[
            ("u", "team", "Half the team turned up in odd socks for a crazy sock day that I did not organise."),
            ("n", "team", "Two parents fell out in the group chat. The group chat is for kick-off times, people."),
            ("p", "family", "Mum made waakye and brought a whole tub down to training for the kids. Legend."),
            ("u", "work", "Sold six pairs of the same boot to six kids from the same school. A trend's a trend."),
            ("n", "weather", "Pitch waterlogged, training off, and nineteen messages asking if training's off."),
            ("p", "people", "Jordan came down to help with the keepers. He played semi-pro back in the day."),
            ("u", "pet", "Femi's rabbit got out and chewed through his charging cable. Femi is devastated. The rabbit is fine."),
            ("n", "health", "Tweaked my hamstring showing the kids a step-over. Should've warmed up."),
            ("u", "media", "Argued with Femi about VAR for an hour. Nobody won, everyone lost."),
            ("p", "team", "One of the girls nutmegged her dad in the parents' match. He'll never recover."),
            ("n", "money", "Paid the ref out of my own pocket again. Need to sort out subs."),
            ("s", "mood", "One of our lads is moving to Birmingham. Last session he gave me a hug and ran off before I could say anything."),
            ("u", "work", "Stocktake at the shop. Counted shin pads till I saw them when I shut my eyes."),
        ],
        items=[
            Q("fact", "Which of my players finally started calling for the ball?", "Ollie, the quiet one.", ["Ollie"], "team",
              "u:Ollie, the quiet one, finally shouted for the ball at training. Didn't get it, but he shouted."),
            Q("fact", "Which coaching badge am I doing?", "The UEFA C Licence.", ["UEFA C"], "team",
              "l:Enrolled on the UEFA C Licence course. Eight weekends of theory and getting shouted at by an ex-pro."),
            Q("fact", "Who's sponsoring the team's new kit?", "Mr Patel from the pharmacy (bright orange kits).", ["pharmacy"], "team",
              "p:Mr Patel from the pharmacy is sponsoring us! New kits, bright orange. The kids look like traffic cones and they love it."),
            Q("fact", "How did Amara hurt her ankle?", "She went over on it in a rabbit hole on the pitch.", ["rabbit hole"], "team",
              "n:Amara went over on her ankle in a rabbit hole on the pitch. The council's been told about that field for months."),
            Q("multi", "Which teams have we beaten?", "Oadby Owls (4-2) and Glenfield Rangers (1-0 away).", ["Oadby", "Glenfield"], "team",
              "p:Beat Oadby Owls 4-2! The kids did a conga all the way to the car park.",
              "p:Won 1-0 away at Glenfield Rangers. Scrappy as anything but the defence held."),
            Q("multi", "What games have the kids loved at training?", "Sharks and minnows, and the crossbar challenge.", ["sharks and minnows", "crossbar"], "team",
              "p:Tried sharks and minnows as a warm-up. Twenty kids screaming with joy, zero tactical value, perfect.",
              "p:Ended training with a crossbar challenge. Nobody hit it. Everyone wants to do it again."),
            Q("date", "Who came to watch training on {date}?", "A scout from the Leicester City academy, who asked about two of the kids.", ["scout"], "team/people",
              "p:A scout from the Leicester City academy came to watch training and asked about two of our kids. I played it cool. I did not play it cool."),
            Q("date", "What did I pass on {date}?", "His driving test, on the third attempt.", ["driving test"], "misc",
              "p:Passed my driving test on the third go! No more carrying the cones on the bus."),
            Q("relative", "How did we get on in the cup game {rel}?", "Lost on penalties to Anstey Juniors; he bought everyone ice lollies.", ["Anstey"], "team",
              "s:Lost the cup game on penalties to Anstey Juniors. Half the team cried, and so did one dad. Bought everyone ice lollies.", rel="weekend"),
            Q("relative", "Where did Sophie take me {rel}?", "To a comedy night at De Montfort Hall.", ["De Montfort Hall"], "people/media",
              "p:Sophie got us tickets for a comedy night at De Montfort Hall. Laughed so hard I had a coughing fit.", rel="ago_word"),
            Q("preference", "Which team do I support?", "Arsenal (his grandad's fault), despite living in Leicester.", ["Arsenal"], "media",
              "u:Everyone round here is Foxes mad but I'm Arsenal till I die. Grandad's fault."),
            Q("preference", "What do I like least about coaching?", "The touchline parents, more than losing.", ["touchline parents"], "team",
              "n:Honestly the worst bit of coaching isn't losing, it's the touchline parents. One dad screamed 'tackle him' at a nine-year-old girl."),
            Q("update", "Where are we training these days?", "On the 3G pitch at the academy school, with floodlights (they used to train on the council field).", ["3G pitch"], "team",
              "u:We train on the council field behind the leisure centre. Mud up to your shins.",
              "p:Got us moved onto the 3G pitch at the academy school. Floodlights! Actual lines!"),
            Q("update", "What's my job at the shop now?", "Assistant manager (he used to be on the tills).", ["assistant manager"], "work",
              "u:Still on the tills at the shop. I know every boot by its barcode.",
              "p:Made assistant manager at the shop! Got a lanyard with my name on it and everything."),
            Q("unanswerable", "How old is my daughter now?", "You never mentioned having a daughter.", ["daughter"], ""),
        ]),
    dict(
        name="Ingrid Solberg", start="2024-10-11",
        personality="74-year-old retired astronomer in Tucson, Norwegian-born, forty years at the university and on Kitt Peak; married fifty years to Walt, a retired geologist; exact, dry, endlessly curious",
        hobbies="backyard telescope, talks for children at the library, pickling, volunteering at the planetarium",
        style="precise, dry Scandinavian humour, scientific comparisons for everything",
        friends=["Dolores", "Arne", "Priscilla"], foods=["a bowl of posole", "open-faced sandwiches", "lefse", "a date shake"],
        places=["Sabino Canyon", "the university campus", "the farmers' market"],
        shows=["a nature documentary", "a Nordic crime series"], work="the planetarium",
        distract=[
            ("u", "hobby", "Collimated the mirror for an hour. Walt asked if I was fixing it or knitting it."),
            ("n", "weather", "Clouds rolled in right at dusk. The sky giveth and the sky taketh away."),
            ("p", "people", "Dolores and I argued for an hour about whether the new bridge downtown is ugly. It is."),
            ("u", "family", "My son in Oslo called at four in the morning my time. He understands time zones, he just won't."),
            ("n", "health", "Neck aches from looking up. An occupational hazard, even in retirement."),
            ("u", "pet", "Arne's cat sleeps on his telescope case. He calls her the dust cover."),
            ("p", "hobby", "Showed the neighbour's teenager Jupiter's moons through the eyepiece. She said 'wait, it's real?'"),
            ("u", "work", "A man at the planetarium insisted the moon landing was staged. I gave him a pamphlet and a smile."),
            ("n", "money", "A new eyepiece costs what our first car did. Walt said nothing, loudly."),
            ("s", "mood", "My old observing partner Gunnar died last spring. Every clear night I think of him."),
            ("u", "media", "Watched a documentary that got the distance to Alpha Centauri wrong. Wrote a letter."),
            ("p", "food", "Made lefse with Priscilla, rolling pin and all. Flour everywhere, very Norwegian."),
            ("u", "place", "Sabino Canyon at sunrise. A roadrunner went past with a lizard like he'd won a prize."),
        ],
        items=[
            Q("fact", "What's the number of the asteroid named after me?", "21614 Solberg.", ["21614"], "hobby/work",
              "u:A young colleague reminded me there's an asteroid named after me, 21614 Solberg. Walt calls it 'your rock'."),
            Q("fact", "What did I name my new telescope?", "Tycho.", ["Tycho"], "hobby",
              "p:The new Dobsonian arrived and I've named her Tycho. Walt says it's odd to name a tube. Walt names his rocks."),
            Q("fact", "What did the eye doctor find?", "An early cataract in her left eye.", ["cataract"], "health",
              "n:Eye doctor says there's an early cataract in my left eye. An astronomer with a cloudy lens. The universe has a sense of humour."),
            Q("fact", "What did I write my thesis on?", "RR Lyrae variables in globular clusters (1976).", ["RR Lyrae"], "work",
              "u:Found my old thesis in a box, 'RR Lyrae variables in globular clusters', 1976. Typed on a typewriter, every equation by hand."),
            Q("multi", "What have I managed to see from the back yard?", "Saturn's rings and the Andromeda galaxy.", ["Saturn", "Andromeda"], "hobby",
              "p:Saturn through the eyepiece tonight, rings tilted nearly edge-on. Still gives me goosebumps after fifty years.",
              "p:Andromeda galaxy from the back yard, a grey smudge two and a half million years old. Walt said 'that's it?' Philistine."),
            Q("multi", "Which of my grandchildren have I heard from?", "Sigrid (accepted to study physics in Trondheim) and little Lukas (sent a drawing of a rocket).", ["Sigrid", "Lukas"], "family",
              "p:Granddaughter Sigrid rang from Bergen. She's been accepted to study physics in Trondheim. Another one lost to the stars.",
              "p:Little Lukas mailed me a drawing of a rocket with me in it, waving. It's on the fridge."),
            Q("date", "What did I explain to the kids at the library on {date}?", "Why Pluto isn't counted as a planet any more.", ["Pluto"], "hobby/people",
              "p:Library talk for the children about why Pluto got demoted. One boy was furious on Pluto's behalf. Future astronomer."),
            Q("date", "What did Walt give me on {date}?", "A meteorite fragment on a chain, for their fiftieth anniversary.", ["meteorite"], "family",
              "p:Fifty years married. Walt gave me a meteorite fragment on a chain. Rocks, always rocks."),
            Q("relative", "Where did we drive up to for stargazing {rel}?", "Mount Lemmon.", ["Mount Lemmon"], "hobby/place",
              "p:Drove up Mount Lemmon with the binoculars and a thermos. The Milky Way so bright it cast shadows.", rel="weekend"),
            Q("relative", "What did I pickle {rel}?", "Beets, from her mother's recipe.", ["pickled beets"], "food",
              "u:Made a batch of pickled beets from Mor's recipe. The kitchen looks like a crime scene.", rel="weekday"),
            Q("preference", "What's my favourite thing in the night sky?", "The Pleiades.", ["Pleiades"], "hobby",
              "u:People expect me to say black holes, but my favourite thing up there is the Pleiades. Seven sisters, like a spilled handful of sugar."),
            Q("preference", "What do I still hate about living in Tucson?", "The summers; she was built for snow.", ["hate the summers"], "weather",
              "u:Forty years in Tucson and I still hate the summers here. I'm a Norwegian. I was built for snow."),
            Q("update", "What do I do at the planetarium these days?", "She presents the live sky show herself (she used to work the front desk).", ["live sky show"], "work",
              "u:Still doing my two shifts a week on the planetarium's front desk. Tickets and questions.",
              "p:They've asked me to present the live sky show at the planetarium myself. A microphone and a dome, at last."),
            Q("update", "How's Walt's hip now?", "He's had it replaced and is doing laps of the hallway with a walker.", ["hip replaced"], "family/health",
              "n:Walt's hip is worse. He's using a cane and pretending it's a walking stick for style.",
              "p:Walt's had his hip replaced. He's doing laps of the hallway with the walker like it's a racetrack."),
            Q("unanswerable", "How was my trip to see the northern lights?", "You never mentioned a trip to see the northern lights.", ["northern lights"], ""),
        ]),
    dict(
        name="Sasha Kowal", start="2024-05-28",
        personality="27-year-old tattoo artist in Manchester's Northern Quarter, Polish-British, specialises in fine-line botanical work; lives with her girlfriend Mel; blunt, funny, soft about her nan",
        hobbies="watercolour, flash design, horror films, car-boot sales",
        style="casual Mancunian, 'dead' as in very, 'proper', swears mildly",
        friends=["Kez", "Dom", "Priya"], foods=["a chippy tea", "pierogi", "a vegan burrito", "a falafel wrap"],
        places=["the Northern Quarter", "Piccadilly Gardens", "the canal"],
        shows=["a tattoo competition show", "a horror film"], work="the studio",
        distract=[
            ("u", "work", "A walk-in wanted a small infinity sign with a feather. I've done forty. I did forty-one."),
            ("n", "work", "Client fainted halfway through a rib piece. Sugar, water, feet up, carried on."),
            ("p", "people", "Kez brought me a coffee and stayed to watch me line a piece. Best kind of company."),
            ("u", "family", "Nan's started telling everyone at church I'm an artist. Progress."),
            ("n", "health", "Back's wrecked from hunching over the bed all day. Need a better stool."),
            ("u", "pet", "Priya's ferret nicked a bottle of green soap at the studio and hid it in her bag."),
            ("p", "hobby", "Painted foxgloves in watercolour at the kitchen table. Sold it online within the hour."),
            ("n", "money", "Chair rent at the studio's gone up fifty quid a week."),
            ("u", "media", "Watched a tattoo competition show and shouted at every wonky line."),
            ("s", "mood", "Covered up an ex's name on a woman who cried the whole time. Some stories stay with you."),
            ("u", "place", "Northern Quarter was heaving, some hen do in matching pink cowboy hats."),
            ("n", "weather", "Rained all day. The studio smelt of wet coats and green soap."),
            ("p", "family", "Mel's mum knitted me a jumper with a tattoo machine on it. Wearing it forever."),
        ],
        items=[
            Q("fact", "What was the design on that big back piece I finished?", "A heron in reeds: thirty-two hours over six sessions.", ["heron"], "work",
              "p:Finished the full back piece, a heron in reeds. Thirty-two hours over six sessions. Client cried, I nearly did."),
            Q("fact", "Where did I get offered a guest spot?", "A studio in Berlin, for two weeks.", ["Berlin"], "work",
              "l:Got accepted for a guest spot at a studio in Berlin next year. Two weeks, my own station."),
            Q("fact", "What did I tattoo on my nan?", "A tiny swallow on her wrist, at 81.", ["swallow"], "family/work",
              "p:Tattooed my nan! Eighty-one years old, a tiny swallow on her wrist. Didn't flinch once, hard as nails."),
            Q("fact", "What did that client react to?", "The red ink; Sasha switched her to a different brand.", ["red ink"], "work",
              "n:Client came back with a reaction to the red ink, itchy and raised. Sent her to the GP and switched brands."),
            Q("multi", "What have I drawn flash sheets of?", "Moths and tarot cards.", ["moth", "tarot"], "work/hobby",
              "u:Drew a flash sheet of moths tonight. Death's-head, luna, the little brown ones nobody loves.",
              "p:New flash sheet of tarot cards done. Three people have already claimed The Moon."),
            Q("multi", "What's broken down at the studio?", "Her rotary machine's motor burnt out, and the autoclave failed its spore test.", ["rotary", "autoclave"], "work",
              "n:My rotary machine's motor burnt out mid-line. Had to finish on the backup and my hand hated it.",
              "n:The autoclave failed its spore test, so we binned a week of sterilising and started again."),
            Q("date", "What matching tattoos did I do on {date}?", "Sunflowers for twin sisters, in memory of their dad.", ["sunflower"], "work/people",
              "p:Twin sisters came in for matching sunflower tattoos for their dad's memorial. Tough session, lovely people."),
            Q("date", "Where did Mel and I go on {date}?", "A gig at the Albert Hall.", ["Albert Hall"], "people/media/place",
              "p:Mel and I went to a gig at the Albert Hall. Danced till my calves cramped."),
            Q("relative", "What did I get tattooed on myself {rel}?", "A snake down her calf, by her old mentor Gaz.", ["snake"], "selfink",
              "p:Got tattooed myself for once. My old mentor Gaz did a snake down my calf. Forgot how much it hurts on this side of the needle.", rel="week"),
            Q("relative", "What did Mel surprise me with {rel}?", "Tickets to Krakow to see her grandad's village.", ["Krakow"], "people/family",
              "p:Mel surprised me with tickets to Krakow to see my grandad's village. I had to go and sit in the bath for a bit.", rel="ago_digit"),
            Q("preference", "What style do I love doing most?", "Fine-line botanicals.", ["fine-line"], "work",
              "u:If I could only do one style for the rest of my life, fine-line botanicals. Ferns, foxgloves, the weeds people step on."),
            Q("preference", "What kind of tattoo won't I do?", "Partners' names; kids' names are fine.", ["partners' names"], "work",
              "u:House rule: I don't do partners' names. Seen too many cover-ups. Kids' names fine, boyfriends no."),
            Q("update", "Who am I training at the studio?", "Her apprentice Leo, nineteen (the boss used to say wait till next year).", ["Leo"], "work",
              "u:Still no apprentice. The boss says wait till next year.",
              "p:Took on an apprentice! Leo, nineteen, draws like a dream, makes terrible tea."),
            Q("update", "Which part of Manchester am I living in now?", "A terrace in Chorlton with Mel (they left the mouldy flat in Levenshulme).", ["Chorlton"], "home",
              "n:The flat in Levenshulme has mould in the bathroom again. Mel's bleaching it like it owes her money.",
              "p:Moved into a terrace in Chorlton with Mel. Tiny garden, huge bath, no mould."),
            Q("unanswerable", "How's my laser removal going?", "You never mentioned having a tattoo lasered off.", ["laser"], ""),
        ]),
    dict(
        name="Nell Price", start="2024-03-04",
        personality="42-year-old ASL interpreter in Austin, Texas, the hearing daughter of Deaf parents; married to Ray, a high-school music teacher; eleven-year-old twin boys, Eli and Sam; expressive, warm, protective",
        hobbies="open-water swimming at Barton Springs, pickleball, community theater",
        style="animated, lots of exclamation marks, 'y'all', talks about hands and faces",
        friends=["Carmen", "Bethany", "Marco"], foods=["breakfast tacos", "brisket", "queso and chips", "a kolache"],
        places=["Barton Springs", "South Congress", "Zilker Park"],
        shows=["a reality dating show", "the local news"], work="the agency",
        distract=[
            ("u", "work", "Interpreted a dentist appointment where the dentist mumbled through his mask the whole time. I asked him to lower it. Twice."),
            ("n", "work", "Six hours of back-to-back medical appointments. My shoulders are up by my ears."),
            ("p", "family", "Dad signed a joke at dinner so rude that even Ray, who barely signs, got it."),
            ("u", "family", "Mom video-called to show me her new glasses. Forty minutes. They're fine, Mom."),
            ("n", "health", "Forearms burning after a long interpreting day. Ice packs on both."),
            ("p", "hobby", "Pickleball with Bethany. We lost every game and laughed through all of them."),
            ("u", "pet", "Carmen's dog barks at the mail carrier and then hides behind her. Brave boy."),
            ("n", "weather", "Already ninety degrees and it's barely spring. Texas, please."),
            ("p", "people", "Marco and I got queso after his shift and talked about nothing for two hours."),
            ("u", "media", "Watched a reality dating show with Dad and interpreted it like a nature documentary."),
            ("s", "mood", "I interpreted my own grandma's funeral for my parents when I was eleven. Some days it still comes back."),
            ("n", "money", "The agency's late paying my invoices again. Three months on one of them."),
            ("u", "place", "South Congress packed with tourists in cowboy boots that still have the tags on."),
        ],
        items=[
            Q("fact", "Which certification exam did I pass?", "The BEI court interpreter certification, on the third try.", ["BEI"], "work",
              "p:PASSED the BEI court certification! Third try, four years of studying. I signed 'yes' so hard I hit the lamp."),
            Q("fact", "Which show did I interpret at the theater?", "Into the Woods, at Zach Theatre.", ["Into the Woods"], "work/media",
              "p:Interpreted Into the Woods at Zach Theatre. Two of us, six characters each. My face is exhausted."),
            Q("fact", "What was Eli's science fair project about?", "Which Austin creeks have the most tadpoles; it won second place.", ["tadpoles"], "family",
              "p:Eli's science fair project on which Austin creeks have the most tadpoles won second place! Sam sulked, then hugged him."),
            Q("fact", "Whose class did I go in to teach some signing?", "Ms. Ortega's fifth-grade class, the twins' class.", ["Ortega"], "family/work",
              "p:Ms. Ortega asked me to come teach the twins' class some ASL. Twenty-four fifth graders fingerspelling their names at me."),
            Q("multi", "What injuries have the boys had?", "Sam broke his wrist at the skate park and Eli needed four stitches in his chin.", ["broke his wrist", "stitches"], "family",
              "n:Sam broke his wrist at the skate park. The cast is neon green, of course.",
              "n:Eli split his chin open on the pool steps. Four stitches and a great deal of drama."),
            Q("multi", "What have Ray and I been arguing about?", "Trading her Honda for a minivan, and whether the boys are old enough for phones.", ["minivan", "phones"], "family",
              "n:Ray wants to trade my Honda for a minivan. I'm forty-two, I am not ready for a minivan.",
              "n:Ray and I argued about whether the boys are old enough for phones. Ray says thirteen, I say never."),
            Q("date", "What did I interpret on {date}?", "A hearing groom's wedding vows for his Deaf bride.", ["vows"], "work/people",
              "p:Interpreted a hearing groom's vows for his Deaf bride. Half the room signing 'I love you' at the end."),
            Q("date", "What did I take Dad to see on {date}?", "The bats coming out from under the Congress bridge.", ["bats"], "family/place",
              "p:Took Dad to watch the bats come out from under the Congress bridge. He felt the whoosh through the railing and laughed like a kid."),
            Q("relative", "What did the boys make us {rel}?", "Pancakes shaped like Texas (they set off the smoke alarm twice).", ["pancakes"], "family/food",
              "p:The twins made everyone pancakes shaped like Texas. Set off the smoke alarm twice. Best breakfast I've had all year.", rel="weekday"),
            Q("relative", "What race did I sign up for {rel}?", "The open-water 5K at Lake Travis.", ["5K"], "hobby/health",
              "l:Signed up for the open-water 5K at Lake Travis. Barton Springs laps start first thing, seriously this time.", rel="ago_word"),
            Q("preference", "What kind of interpreting do I enjoy most?", "Theater interpreting; medical and legal pay the bills.", ["theater interpreting"], "work",
              "u:Medical and legal pay the bills, but theater interpreting is my joy. Being a whole character with just my hands and face."),
            Q("preference", "What's my favourite breakfast taco?", "Migas with green salsa.", ["migas"], "food",
              "u:I will fight anyone on this: migas with green salsa is the best breakfast taco in Austin."),
            Q("update", "Where do Mom and Dad live now?", "A Deaf senior community in South Austin, ten minutes away (they sold the Round Rock house).", ["Deaf senior community"], "family/home",
              "u:Mom and Dad are still in the house in Round Rock where I grew up, forty minutes away.",
              "p:Mom and Dad sold the Round Rock house and moved into a Deaf senior community in South Austin. Ten minutes from me!"),
            Q("update", "What's Ray doing at his school now?", "Assistant principal (he used to run the marching band).", ["assistant principal"], "family/work",
              "u:Ray's marching band practices every evening, I barely see him before nine.",
              "p:Ray took the assistant principal job at his school. No more marching band, and he eats dinner with us now."),
            Q("unanswerable", "How are my Spanish lessons going?", "You never mentioned taking Spanish lessons.", ["Spanish"], ""),
        ]),
]


def main() -> int:
    rng = random.Random(SEED)
    banks, gold, ctxs = {}, [], {}
    dev_filler = B.FILLER
    B.FILLER = FILLER  # build_user reads the module's FILLER when it fills a day
    try:
        for ui, spec in enumerate(USERS, 1):
            bank, g, ctx = build_user(ui, spec, rng)
            for q in g:
                q["qid"] = QID_PREFIX + q["qid"][q["qid"].index("-"):]
            banks[spec["name"]] = bank
            gold.extend(g)
            ctxs[spec["name"]] = ctx
    finally:
        B.FILLER = dev_filler

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    BANK_PATH.write_text(json.dumps(banks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    GOLD_PATH.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")

    # validate what was written, read back from disk, with build_en's own checks
    banks_read = json.loads(BANK_PATH.read_text(encoding="utf-8"))
    gold_read = [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines()]
    errors = validate(banks_read, gold_read, ctxs)
    errors = [e for e in errors if e != f"only {len(banks_read)} users"]  # this set has 8 by design
    if len(banks_read) != len(USERS):
        errors.append(f"{len(banks_read)} users, expected {len(USERS)}")
    for path in (BANK_PATH, GOLD_PATH):
        if path.stat().st_size >= 2 * 1024 * 1024:
            errors.append(f"{path.name} is over 2 MB")

    n_days = sum(len(b["history"]) for b in banks_read.values())
    n_turns = sum(len(t) for b in banks_read.values() for t in b["history"].values())
    per_user = [sum(len(t) for t in b["history"].values()) for b in banks_read.values()]
    types = Counter(g["type"] for g in gold_read)
    rel = Counter(it["rel"] for spec in USERS for it in spec["items"] if it["type"] == "relative")
    print(f"users: {len(banks_read)}  days: {n_days}  turns: {n_turns} ({min(per_user)}-{max(per_user)} per user)  "
          f"questions: {len(gold_read)}  evidence turns: {sum(len(g['evidence']) for g in gold_read)}")
    print("questions per type: " + ", ".join(f"{t} {types[t]}" for t in TYPES))
    print("relative kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(rel.items())))
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
