"""Builds a HELD-OUT English memory-retrieval evaluation set.

    .venv/bin/python eval_data/build_en_holdout.py      (run from the repository root)

Writes eval_data/en_holdout/bank_en_holdout.json and eval_data/en_holdout/gold_en_holdout.jsonl,
then validates both and prints counts.

This set is only for checking the retriever, never for tuning it. It was written separately from
the development set (eval_data/build_en.py): 8 other users, other facts, other distractors and its
own generic filler lines, all hand-written for it. The machinery is build_en.py's, imported, not
copied: the layout (build_user), the companion's replies (its reply pools and reply_for), the date
phrasing and the validation. Only the seed, the content and the output paths differ.

Two small adaptations, both done here without touching build_en.py:
- build_user fills each day from build_en.FILLER. It is pointed at this file's own FILLER while
  the held-out users are built, and set back afterwards.
- build_en.validate expects at least 20 users. Its "only 8 users" message is the one message
  dropped here; every other check applies unchanged.
Question ids are "enh-UU-QQ" (build_user writes "en-UU-QQ"; the prefix is changed after it).
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

SEED = 20250917  # build_en.py uses 20240611
ROOT = HERE.parent
OUT_DIR = HERE / "en_holdout"
BANK_PATH = OUT_DIR / "bank_en_holdout.json"
GOLD_PATH = OUT_DIR / "gold_en_holdout.jsonl"
QID_PREFIX = "enh"

# ------------------------------------------------------------------------------------------------
# This set's own generic filler lines: "mood|topic|text", slots {friend} {food} {place} {show}
# {work} filled from each user's pools. Same topic names as build_en.py, so date and relative
# ranges block them the same way. No weekday names, no seasons, nothing that pins a fact to a user.
# ------------------------------------------------------------------------------------------------
FILLER = [
    # food
    "u|food|Ate {food} on the bus home. Not my finest dining moment.",
    "p|food|{food} for tea, sat down at the table like a proper grown-up for once.",
    "n|food|Meant to have a healthy lunch and ended up with {food}. Again.",
    "u|food|Still thinking about {food}. I might have to give in.",
    "p|food|{friend} made me {food} and wouldn't let me help with the dishes.",
    "u|food|Ran out of milk halfway through making a cup of something. Had it black, regretted it.",
    "n|food|Left my lunch on the kitchen counter, so that was a long afternoon.",
    "p|food|Made soup from whatever was left in the veg drawer. Surprisingly good.",
    "u|food|Ate breakfast at four in the afternoon. Time is a suggestion.",
    "n|food|Overdid the salt in dinner. Drank about a litre of water after.",
    "l|food|Wrote an actual shopping list. Let's see if I stick to it.",
    "p|food|Had {food} in the sunshine and felt very content.",
    "u|food|Someone at {work} brought in a tin of biscuits. It was empty by eleven.",
    "u|food|Opened the cupboard, stared at it, closed the cupboard. Dinner was toast.",
    "p|food|Second helping of {food}. No shame whatsoever.",
    # people
    "p|people|{friend} sent a voice note that was six minutes long and worth every second.",
    "u|people|{friend} and I spent ages arguing about nothing in the group chat.",
    "n|people|{friend} didn't reply to my message and now I'm inventing reasons why.",
    "p|people|Bumped into {friend} at {place} and ended up chatting for an hour.",
    "u|people|{friend} is thinking about moving away. I'm pretending to be fine about it.",
    "p|people|{friend} dropped round unannounced with cake. Best kind of surprise.",
    "n|people|Had a slightly tense chat with {friend}. We're fine, I think.",
    "u|people|Sent {friend} a long message and then worried it was too long.",
    "p|people|An old neighbour waved at me from across the street, made me smile.",
    "u|people|{friend} asked me to be a referee for a job. Felt oddly honoured.",
    "n|people|Everyone seems busy at the minute. Bit of a lonely stretch.",
    "p|people|Laughed with {friend} until my face hurt over a story I can't even repeat.",
    "l|people|Need to send {friend} a thank-you card. Writing it on my hand so I remember.",
    "u|people|Got stuck in a very long conversation at the shop counter. Lovely lady, endless story.",
    # place
    "p|place|Took the long way round through {place}. Glad I did.",
    "u|place|{place} was weirdly empty, like everyone else got a memo I didn't.",
    "n|place|Queue at {place} was ridiculous, I gave up and left.",
    "p|place|Sat on a bench near {place} and did absolutely nothing for twenty minutes.",
    "u|place|Noticed a new shop near {place}. No idea what it sells.",
    "l|place|Want to spend a whole afternoon at {place} soon, no plans, just wandering.",
    "n|place|Roadworks everywhere near {place}. The diversion signs lead in a circle.",
    "p|place|Evening stroll past {place}, everything had that golden look to it.",
    "u|place|Left my umbrella somewhere near {place}. It's gone now, it has a new life.",
    # media
    "u|media|Watched {show} with the sound low and my eyes half closed.",
    "p|media|{show} was brilliant tonight. I actually gasped out loud.",
    "u|media|Found a podcast about old shipwrecks and listened to four episodes in a row.",
    "n|media|Spent an hour choosing something to watch and then went to bed instead.",
    "p|media|A song from school came on the radio and I knew every single word.",
    "u|media|{friend} lent me a book. It's very long. I've read the blurb.",
    "u|media|Tried a new audiobook but the narrator's voice is doing my head in.",
    "p|media|Watched an old film I loved as a kid. Still holds up, mostly.",
    "u|media|Scrolled for an hour and can't tell you a single thing I saw.",
    "p|media|Made a new playlist for walking. Very pleased with the running order.",
    # sleep
    "n|sleep|Woke up at half four with my brain running laps.",
    "p|sleep|Slept like a log. Didn't even hear the rain.",
    "u|sleep|Dozed off on the sofa with the lights on, woke up very confused.",
    "n|sleep|Neighbours had people round and the bass came through the wall for hours.",
    "u|sleep|Dreamt I was back at school and couldn't find the classroom. Every time.",
    "l|sleep|Trying to go to bed earlier this week. So far, failing.",
    "p|sleep|Had a proper lie-in. Felt decadent.",
    "n|sleep|Restless night, kept kicking the duvet off and pulling it back on.",
    # work
    "n|work|Everything at {work} took twice as long as it should have.",
    "p|work|Sorted out a problem at {work} that's been bugging everyone for weeks.",
    "u|work|Long stretch at {work}, nothing dramatic, just steady.",
    "n|work|Printer at {work} jammed and somehow I'm the only one who knows how to fix it.",
    "p|work|Someone at {work} said thanks for something small. It stuck with me all afternoon.",
    "u|work|Spent half the day at {work} looking for a form that was in the first place I looked.",
    "n|work|Got roped into extra stuff at {work} because I didn't say no fast enough.",
    "l|work|Made a proper plan for next week at {work}. Colour-coded and everything.",
    "u|work|A new face at {work}, seems nice, talks very fast.",
    # home
    "n|home|The boiler made a clanking noise and then went quiet. I don't trust it.",
    "p|home|Hoovered every room. The place looks like someone competent lives here.",
    "u|home|Moved the sofa to the other wall. Moved it back an hour later.",
    "n|home|Tap in the bathroom has started dripping. It's all I can hear now.",
    "p|home|Washed the windows and now I can see how dirty the frames are. Progress.",
    "u|home|Found a spider the size of a coin in the bath. We've agreed to share.",
    "n|home|The smoke alarm started chirping for a new battery at a terrible hour.",
    "p|home|Finally put up the shelf that's been leaning against the wall for months.",
    "u|home|Sorted the sock drawer. Eleven odd socks. Where do they go?",
    "p|home|Lit a candle, tidied up, and the whole place feels calmer.",
    # health
    "n|health|Pulled something in my neck reaching for a jar. Very heroic.",
    "p|health|Walked everywhere today instead of getting the bus. Legs are tired, head is clear.",
    "u|health|Forgot my water bottle and felt like a raisin by the afternoon.",
    "n|health|Got a stinking cold coming on, I can feel it in my ears.",
    "p|health|Did some gentle stretches before bed. Body said thank you.",
    "l|health|Booked an eye test I've been putting off for ages.",
    "n|health|Stubbed my toe on the bed frame. I said words.",
    "u|health|Trying to cut down on sugar. Lasted until about three o'clock.",
    # mood
    "p|mood|Felt properly calm for the first time in a while.",
    "n|mood|A bit flat today, like someone turned the colour down.",
    "u|mood|Nothing to report, just checking in before I sleep.",
    "p|mood|Caught myself humming while washing up. Must be in a good mood.",
    "n|mood|Snapped at someone who didn't deserve it. Going to apologise.",
    "s|mood|Feeling a bit lost lately, like I'm just going through the motions.",
    "p|mood|Ticked off everything on my list. Unheard of.",
    "u|mood|Bit of an odd day, couldn't concentrate on anything for long.",
    "p|mood|Had one of those quietly happy evenings where nothing special happens.",
    "n|mood|Everything feels like a lot right now. Taking it one thing at a time.",
    "p|mood|Wrote down three good things from the day. Took a minute to find the third, but it was there.",
    # money
    "n|money|Vending machine ate my coins and kept the crisps. Not impressed.",
    "p|money|Got a refund I'd completely forgotten about. Felt like free money.",
    "n|money|Phone bill went up again and nobody told me why.",
    "u|money|Sat down and went through my bank statement. Didn't enjoy it.",
    "l|money|Setting a bit aside every payday. Small, but it's a start.",
    "p|money|Sold some old stuff online and made enough for a takeaway.",
    # weather
    "n|weather|Got caught in a downpour with no coat. Drowned rat.",
    "p|weather|Bright and crisp out, the kind of air that wakes you up.",
    "u|weather|Fog so thick this morning I could barely see the end of the street.",
    "n|weather|Wind was so strong it nearly took the door off my hand.",
    "p|weather|Warm evening, sat outside with the window open behind me.",
    "u|weather|Drizzle all day, that fine stuff that soaks you without you noticing.",
    # misc
    "u|misc|Spent ages untangling a drawer full of cables. Kept two, binned the rest.",
    "p|misc|Found a note I wrote to myself years ago. Past me was surprisingly wise.",
    "n|misc|Waited in for a delivery all afternoon. It came while I was in the shower.",
    "u|misc|Tried to learn to juggle from a video. Dropped everything, including my dignity.",
    "p|misc|Did a jigsaw with {friend}. Sky pieces nearly broke us, but we finished it.",
    "u|misc|Updated my phone and now nothing is where it used to be.",
    "n|misc|Lost my glasses for half an hour. They were on my head.",
    "p|misc|A kid on the street waved at me like we were old friends. Made my day.",
    "u|misc|Started a crossword, got two clues, put it down forever.",
    "l|misc|Thinking about learning to draw. Bought one pencil. Baby steps.",
    "u|misc|Cleared out the junk drawer and found a key I can't match to anything.",
]

# ------------------------------------------------------------------------------------------------
# Users: 8 profiles, none of them like the development set's 20. Same fields as build_en.USERS.
# ------------------------------------------------------------------------------------------------
USERS = [
    dict(
        name="Callum Reid", start="2024-03-15",
        personality="52-year-old former lighthouse keeper in the Hebrides, now a ferry engine mechanic working out of Oban; quiet, patient, wry, a bit lonely since his divorce",
        hobbies="building model ships, playing the fiddle, reading weather charts",
        style="terse, dry, Scots words like 'aye', 'wee' and 'dreich'",
        friends=["Angus", "Fiona", "Lachie"], foods=["a fish supper", "a bacon roll", "Scotch broth", "a mince pie from the bakers"],
        places=["the harbour wall", "the esplanade", "McCaig's Tower"],
        shows=["the shipping forecast", "a rugby match"], work="the workshop",
        distract=[
            ("u", "pet", "Fiona's collie rounds up the gulls on the pier like it's a paid job."),
            ("n", "work", "Four hours chasing an oil leak on the car deck ramp. Found nothing. It'll be back."),
            ("u", "family", "Kirsten phoned from Inverness but the line kept cutting out, so we mostly said 'what?' at each other."),
            ("p", "hobby", "Strung the rigging on the wee schooner model tonight. Steady hands still, at my age."),
            ("u", "weather", "Wind's up to a gale eight, so the afternoon sailing was cancelled. Passengers not thrilled."),
            ("n", "health", "Barked my knuckles on a flange again. Hands look like a butcher's block."),
            ("u", "food", "Angus swears the chippy on the front does the best haddock. I'm loyal to the other one."),
            ("s", "mood", "Some nights I still wake at two to check the light. Twenty years of habit doesn't switch off."),
            ("p", "people", "Lachie brought his fiddle to the pub and we played reels till closing."),
            ("u", "work", "New deckhand asked me if the sea is always this wet. Long season ahead."),
            ("n", "money", "Council tax bill landed. Grand."),
            ("p", "nature", "Seals hauled out on the skerry by the pier, fat and pleased with themselves."),
            ("u", "hobby", "Tried to tune the fiddle by ear and ended up a quarter tone flat on every string."),
        ],
        items=[
            Q("fact", "What was the name of the lighthouse I kept before it went automatic?", "Rubha Glas light.", ["Rubha Glas"], "work",
              "s:Found my old logbook from Rubha Glas. Nineteen years on that rock, and the last entry just says 'Light automated. Keeper withdrawn.'"),
            Q("fact", "Which ship is the new model I'm building?", "The Thermopylae, a tea clipper.", ["Thermopylae"], "hobby",
              "l:Started a new model, the Thermopylae, a tea clipper. Two hundred wee parts and a bottle that looks far too narrow."),
            Q("fact", "What job did my daughter get?", "Radiographer at Raigmore hospital in Inverness.", ["radiographer"], "family",
              "p:Kirsten got the radiographer post at Raigmore. My lass, taking pictures of people's insides. Proud as anything."),
            Q("fact", "What turned out to be broken when the boat lost an engine on the crossing?", "A cracked fuel injector on the port engine.", ["injector"], "work",
              "n:Port engine on the Mull boat went rough mid-crossing. Cracked fuel injector. Limped into Craignure on one engine."),
            Q("multi", "Which of my old lighthouse colleagues got in touch with me?", "Donnie Matheson (phoned) and Hamish Grant (wrote a letter).", ["Donnie", "Hamish"], "people",
              "p:Donnie Matheson rang out of nowhere. We did six years together on the rock. Still laughs like a foghorn.",
              "p:Had a letter from Hamish Grant, my first principal keeper. Ninety-one and his handwriting's better than mine."),
            Q("multi", "What wildlife have I spotted from the ferry?", "A sea eagle over the Sound of Mull and the first puffin of the year off Lismore.", ["eagle", "puffin"], "nature",
              "p:Sea eagle circling over the Sound of Mull at lunch. Whole crew came out on deck to gawp.",
              "p:First puffin of the year bobbing about off Lismore. Wee clown."),
            Q("date", "What did I pick up on the beach on {date}?", "An old green glass fishing float, probably drifted over from Norway.", ["fishing float"], "place/nature",
              "p:Found an old glass fishing float on the shore at Ganavan, green as a bottle. Probably drifted over from Norway decades ago."),
            Q("date", "Who did I sit down for a meal with on {date}?", "His ex-wife Morag.", ["Morag"], "family/people/food",
              "u:Had dinner with Morag. First time in years we've sat at a table without arguing. Strange, but nice."),
            Q("relative", "What did I repair for my neighbour {rel}?", "Old Mrs Galbraith's outboard motor.", ["outboard"], "people",
              "p:Spent the morning fixing old Mrs Galbraith's outboard. She paid me in shortbread, best rate I've had.", rel="weekend"),
            Q("relative", "Which tune did Lachie teach me {rel}?", "The Mist Covered Mountains.", ["Mist Covered Mountains"], "hobby",
              "p:Lachie taught me The Mist Covered Mountains on the fiddle. Butchered it twice, got it the third time.", rel="weekday"),
            Q("preference", "What sort of weather do I like best?", "A proper storm; flat calm bores him.", ["love a good storm"], "weather",
              "u:Folk think I'm daft, but I love a good storm. Flat calm bores me stiff."),
            Q("preference", "How do I take my tea?", "Very strong, a splash of milk, two sugars.", ["two sugars"], "food",
              "u:Tea strong enough to stand a spoon in, splash of milk, two sugars. Anything else is warm water."),
            Q("update", "Which route am I working on now?", "The Coll and Tiree boat (he used to do the Mull run).", ["Tiree"], "work",
              "u:Doing the Mull run most days, Oban to Craignure and back, six crossings a shift.",
              "l:They've moved me onto the Coll and Tiree boat. Longer crossings, fewer of them, more time with the engines."),
            Q("update", "Where am I living these days?", "The flat above the chandlery on the harbour (he left the cottage at Dunbeg).", ["chandlery"], "home",
              "u:The cottage at Dunbeg is cold as a tomb, but the view of the bay is worth it.",
              "p:Moved into the flat above the chandlery on the harbour. Two minutes' walk to work and I can hear the halyards at night."),
            Q("unanswerable", "What's my grandson's name again?", "You never mentioned a grandson.", ["grandson"], ""),
        ]),
    dict(
        name="Zainab Qureshi", start="2024-02-11",
        personality="23-year-old fourth-year medical student at Leeds, from Bradford, first doctor in her family; driven, funny, anxious before exams, close to her mum",
        hobbies="netball, Arabic calligraphy, history audiobooks",
        style="chatty, lots of 'literally' and 'omg', lists when stressed",
        friends=["Imogen", "Tariq", "Saff"], foods=["a meal deal", "chips and curry sauce", "a jacket potato from the canteen", "leftover biryani from home"],
        places=["the Brotherton Library", "Hyde Park", "Kirkgate Market"],
        shows=["a hospital drama", "a Korean drama"], work="placement",
        distract=[
            ("u", "pet", "Tariq's cat brought a live frog into his kitchen and he rang me screaming like I'm a vet."),
            ("n", "study", "Did forty practice questions on renal and got half wrong. Kidneys are my nemesis."),
            ("u", "family", "Ammi keeps asking when I'll be a 'proper doctor'. Two years, Ammi. Same as last time you asked."),
            ("p", "work", "A consultant let me stand right up close in theatre for a hip replacement. Saws. So many saws."),
            ("n", "sleep", "Up till 2am on anatomy flashcards, then dreamt about the brachial plexus."),
            ("p", "hobby", "Netball training was brutal but we laughed the whole way through the drills."),
            ("u", "food", "Kirkgate Market has a stall doing proper samosa chaat now. Dangerous information."),
            ("n", "money", "My student loan instalment is literally already gone. Where. Where did it go."),
            ("s", "mood", "Saw a patient my age on the oncology ward and I can't stop thinking about her."),
            ("p", "people", "Saff and I had a study session that was 20% study, 80% gossip. Worth it."),
            ("n", "work", "Got grilled on ward round about sodium levels and my brain went completely blank."),
            ("u", "hobby", "Practised calligraphy for an hour to calm down. The letters came out shaky anyway."),
            ("u", "family", "My brother sent me a meme about junior doctors' pay. Thanks, Bilal."),
        ],
        items=[
            Q("fact", "What kind of doctor did I say I want to become?", "A paediatrician; she's leaning towards paediatrics.", ["paediatrics"], "work/study",
              "l:Honestly after this rotation I think paediatrics is it for me. The kids are hilarious and so brave."),
            Q("fact", "What position did the coach put me in at netball?", "Goal defence.", ["goal defence"], "hobby",
              "p:Coach moved me to goal defence and I intercepted three passes omg."),
            Q("fact", "What good news did my brother Bilal get?", "He got an engineering apprenticeship in Derby.", ["apprenticeship"], "family",
              "p:Bilal got the engineering apprenticeship in Derby!!! Ammi made kheer and called literally everyone."),
            Q("fact", "How did I do in the practice OSCE?", "68 percent: a pass, pulled down by history-taking.", ["68 percent"], "study",
              "n:Mock OSCE results: 68 percent. Passed, but the history-taking station dragged me down."),
            Q("multi", "Which procedures did I manage by myself for the first time on placement?", "A cannula and an arterial blood gas.", ["cannula", "blood gas"], "work",
              "p:First cannula in a real patient's arm! He said he didn't feel it, bless him, he was lying.",
              "p:Did my first arterial blood gas without the registrar taking over. Hands shook after, not during."),
            Q("multi", "Who came up to Leeds to see me?", "Her cousin Hira and Naomi, a friend from sixth form.", ["Hira", "Naomi"], "people/family",
              "p:Cousin Hira came up on the train and we ate our way round the city centre.",
              "p:Naomi from sixth form visited for the day, we walked round Roundhay Park talking about everything."),
            Q("date", "What did I leave on the bus on {date}?", "Her stethoscope, the one with her name engraved.", ["stethoscope"], "work/misc",
              "n:Left my stethoscope on the number 1 bus. It had my name engraved on it. Devastated."),
            Q("date", "What did Tariq and I try on {date}?", "A pottery taster class.", ["pottery"], "people/hobby",
              "p:Tariq dragged me to a pottery taster class. My bowl looks like an ashtray but I'm weirdly proud.", day=18),
            Q("relative", "What did I cook for my housemates {rel}?", "Her mum's chicken karahi.", ["karahi"], "food",
              "p:Made Ammi's chicken karahi for the house. Too much chilli but they ate every bit, legends.", rel="weekend"),
            Q("relative", "What feedback did I get from my supervisor {rel}?", "Dr Whitfield wrote that her patient communication is excellent.", ["communication"], "work",
              "p:Dr Whitfield wrote on my placement form that my patient communication is excellent. Screenshotted it for bad days.", rel="ago_word"),
            Q("preference", "Where do I revise best?", "In the library; at home she gets distracted.", ["Library or nothing"], "study",
              "u:I can't revise at home, I end up cleaning the oven. Library or nothing."),
            Q("preference", "What do I crave when I'm stressed?", "Plain daal chawal like her mum makes.", ["daal chawal"], "food",
              "u:When I'm stressed all I want is plain daal chawal like Ammi makes. Nothing fancy."),
            Q("update", "Which hospital am I on placement at now?", "The LGI, for surgery (she was at St James's before).", ["LGI"], "work",
              "u:Placement at St James's is massive, I still get lost finding the respiratory ward.",
              "l:Rotation change: I'm at the LGI now for surgery. New corridors to get lost in."),
            Q("update", "What's my side job these days?", "Bank healthcare assistant (she left the opticians).", ["healthcare assistant"], "money/work",
              "n:Still doing Saturday mornings at the opticians, filing and smiling.",
              "p:Quit the opticians and started as a healthcare assistant on a bank contract. Actual patient time and better pay."),
            Q("unanswerable", "Did my car pass its MOT?", "You never mentioned having a car or an MOT.", ["MOT"], ""),
        ]),
    dict(
        name="Dennis Whitlow", start="2024-05-20",
        personality="68-year-old retired postman in a Shropshire village near Ludlow, married to June for 41 years; cheerful, chatty, a stickler for details, soft-hearted",
        hobbies="beekeeping, crown green bowls, local history, the pub quiz",
        style="long-winded and old-fashioned, full of asides, calls people 'duck'",
        friends=["Clive", "Pauline", "Reg"], foods=["a pork pie", "cheese on toast", "fish and chips", "a ham salad"],
        places=["the bowling green", "the village hall", "the Feathers"],
        shows=["the cricket on the radio", "a gardening programme"], work="the allotment",
        distract=[
            ("u", "pet", "Pauline's Jack Russell barked at the postman. I told him I used to be one. He wasn't interested."),
            ("n", "bees", "One of the colonies was tetchy this morning. Got stung through my glove on the wrist."),
            ("p", "bees", "Watched the bees working the lime trees by the church. You can hear the whole tree humming."),
            ("u", "family", "June's sister phoned for an hour about her knees. June held the phone a foot from her ear."),
            ("p", "hobby", "Beat the Bitterley lot at bowls. Well, my partner did. I mostly clapped."),
            ("u", "history", "Found a 1930s postcard of the village in a junk shop. The pub hasn't changed a bit."),
            ("n", "health", "Knees aren't what they were. All those years up farm tracks will do that."),
            ("u", "food", "Clive swears by putting a spoon of honey in his gravy. I'm not convinced."),
            ("p", "place", "Walked my old round for nostalgia's sake. Three people came out to say hello."),
            ("n", "weather", "Thunder in the afternoon. The bees don't like it and neither do I."),
            ("u", "money", "Price of sugar syrup for the bees has gone up again. Daylight robbery."),
            ("p", "garden", "Runner beans are climbing nicely up the canes on the allotment."),
            ("u", "quiz", "Pub quiz team came third. We were robbed on a question about Eurovision."),
        ],
        items=[
            Q("fact", "What did I name the new queen bee?", "Queen Maud.", ["Maud"], "bees",
              "p:The new queen in hive three is laying beautifully. I've named her Maud, after my grandmother, who was also in charge of everything."),
            Q("fact", "How many jars did the first honey harvest fill?", "Fourteen jars.", ["fourteen jars"], "bees",
              "p:First honey off this year: fourteen jars, and June's already promised half of them away."),
            Q("fact", "When did I first join the post office?", "In 1979.", ["1979"], "work/history",
              "u:Started with the Royal Mail in 1979 with a bike and a bag heavier than I was. Thirty-eight years on the same round."),
            Q("fact", "What was the verdict when the bee inspector came round?", "All clear: no foulbrood, all the colonies healthy.", ["foulbrood"], "bees",
              "p:Bee inspector came round. No foulbrood, no nasties, every colony healthy. What a relief, duck."),
            Q("multi", "What setbacks have I had with the bees?", "A swarm left hive two, and wax moth got into a stored super.", ["swarm", "wax moth"], "bees",
              "n:A swarm left hive two while I was at the dentist. Watched them sail off over the church roof. Lovely sight, dreadful news.",
              "n:Wax moth got into a stored super in the shed. Cobwebby mess, had to freeze every frame."),
            Q("multi", "Where have I been giving talks?", "To the WI (on the history of the village post) and at the primary school (about bees).", ["WI", "primary school"], "people",
              "p:Gave my talk on the history of the village post to the WI. They laughed in the right places and fed me cake.",
              "p:Took an observation frame of bees into the primary school. Thirty children saying 'ewww' and then 'wow'."),
            Q("date", "Who sent me a parcel on {date}?", "His pen pal of forty-odd years in Dunedin, New Zealand.", ["Dunedin"], "people",
              "p:A parcel came from my old pen pal in Dunedin, forty-odd years we've been writing. Tea towels and a jar of manuka honey."),
            Q("date", "How did I get on at the show on {date}?", "First prize for his set honey, and Clive was put out.", ["set honey"], "bees/hobby",
              "p:First prize for my set honey at the show! Red card and everything. Clive's put out."),
            Q("relative", "Where did I take June {rel}?", "For a cream tea at the farm café in Clun, for her birthday.", ["Clun"], "family/food",
              "p:Took June for a cream tea at the farm café in Clun for her birthday. She had two scones and denies it.", rel="weekend"),
            Q("relative", "What did I pick up at the auction {rel}?", "An old Victorian wall post box.", ["post box"], "money/history",
              "p:Bought an old Victorian wall post box at the farm auction. June asked where exactly I think it's going.", rel="ago_digit"),
            Q("preference", "Which honey is my favourite?", "Dark heather honey off the hills; spring honey is too sweet for him.", ["heather honey"], "bees/food",
              "u:For my money nothing beats a dark heather honey off the hills. Spring honey's too sweet for me."),
            Q("preference", "Do I prefer texts or letters?", "Letters, handwritten ones: you can keep them in a drawer.", ["handwritten letter"], "people",
              "u:Give me a handwritten letter over one of those text messages any day. You can't keep a text in a drawer."),
            Q("update", "How many hives have I got now?", "Six (he used to have four).", ["Six hives"], "bees",
              "u:Four hives at the bottom of the garden, and June says that's plenty.",
              "p:Split the strongest colony and bought a nuc from a chap in Leominster. Six hives now, don't tell June."),
            Q("update", "Who do I play bowls with these days?", "Malcolm from Onibury (Reg is out with his hip).", ["Malcolm"], "hobby/people",
              "u:Reg and I have played pairs at bowls for nine seasons now. Like an old married couple.",
              "u:Reg's hip means he's off for the season, so I'm playing pairs with Malcolm from Onibury now."),
            Q("unanswerable", "What did the optician say about my cataracts?", "You never mentioned cataracts or an optician's visit.", ["cataract"], ""),
        ]),
    dict(
        name="Marisol Vega", start="2024-08-14",
        personality="36-year-old wedding florist with her own small studio in Asheville, North Carolina, married to Jonah; romantic, perfectionist, unflappable on the day, frazzled before it",
        hobbies="salsa and bachata dancing, foraging, pressing flowers",
        style="warm run-on sentences, flower talk, the odd 'y'all' and Spanish word",
        friends=["Tasha", "Wren", "Benji"], foods=["a biscuit from the drive-thru", "cold pizza", "a grain bowl", "my tía's tamales"],
        places=["the River Arts District", "the farmers market", "the Blue Ridge Parkway"],
        shows=["a wedding dress show", "a telenovela"], work="the studio",
        distract=[
            ("u", "pet", "Wren's goats got into her garden and ate every single zinnia. I'm in mourning for her."),
            ("n", "work", "A bride sent me two hundred Pinterest photos at 1am. Two hundred."),
            ("p", "work", "The cooler finally holds temperature after the repair guy came. My ranunculus thank him."),
            ("n", "flowers", "My peony supplier shorted me three bunches. Three!"),
            ("u", "family", "My tía called to ask why I never make bouquets for the family. I do. She just forgets."),
            ("p", "hobby", "Pressed some cosmos from the garden between old phone books. Oldest trick there is."),
            ("u", "food", "Benji brought biscuits and gravy to the studio at six in the morning. A saint."),
            ("n", "health", "Rose thorn went straight under my thumbnail while I was stripping stems. Still throbbing."),
            ("p", "place", "The farmers market had dahlias the size of dinner plates this morning."),
            ("u", "money", "Someone wants a flower wall and a hanging installation for half my price. No, ma'am."),
            ("s", "mood", "Did flowers for a funeral. A different kind of love goes into those."),
            ("n", "weather", "Humidity wilted half a bucket of hydrangeas before I got them into water."),
            ("p", "people", "Tasha and I had a margarita after an install and didn't talk about work once."),
        ],
        items=[
            Q("fact", "What's my dog called?", "Dulce, her greyhound.", ["Dulce"], "pet",
              "u:Dulce, my lazy greyhound, slept through a whole thunderstorm on a pile of burlap at the studio."),
            Q("fact", "How many weddings have I got booked for next year?", "Twenty-two.", ["Twenty-two"], "work",
              "p:Booked another wedding for next year. That makes twenty-two! This time last year I had nine."),
            Q("fact", "Where do I get my local flowers from?", "Sweet Briar Farm.", ["Sweet Briar"], "flowers/work",
              "p:Drove out to Sweet Briar Farm for my weekly pickup and the owner let me cut my own lisianthus."),
            Q("fact", "What nearly went wrong before the lakeside ceremony?", "The wind knocked the ceremony arch flat; she rebuilt it with zip ties.", ["arch"], "work",
              "n:The wind knocked the ceremony arch flat twenty minutes before the lakeside wedding. Rebuilt it with zip ties and prayer."),
            Q("multi", "What out-of-season flowers have couples been asking me for?", "Peonies in September and tulips in October.", ["peonies", "tulips"], "flowers",
              "n:Bride wants peonies. In September. I explained seasons very gently.",
              "n:Another couple asked for tulips for an October wedding. Everybody wants spring in the fall."),
            Q("multi", "Where have I been dancing?", "A salsa social at the brewery with Jonah, and a bachata workshop on her own.", ["salsa social", "bachata"], "hobby",
              "p:Jonah and I went to the salsa social at the brewery, my feet are ruined in the best way.",
              "p:Took a bachata workshop by myself and didn't step on anyone. Growth."),
            Q("date", "What did I find on my hike on {date}?", "A patch of chanterelles off the Parkway trail.", ["chanterelles"], "hobby/food",
              "p:Found a patch of chanterelles on the trail off the Parkway! Jonah sautéed them in butter, heaven."),
            Q("date", "Which wedding got called off on {date}?", "The Delacroix wedding; the groom got cold feet.", ["Delacroix"], "work",
              "s:The Delacroix wedding got called off. Groom got cold feet. I have forty centerpieces' worth of flowers on order."),
            Q("relative", "What class did I run {rel}?", "A bouquet-making workshop for a bachelorette party.", ["bouquet workshop"], "work/people",
              "p:Taught a bouquet workshop for a bachelorette party. One of them is a natural, the rest were tipsy.", rel="week"),
            Q("relative", "What did Jonah surprise me with {rel}?", "New floristry snips engraved with her initials.", ["snips"], "family",
              "p:Jonah surprised me with new floristry snips engraved with my initials. I teared up over scissors, y'all.", rel="weekday"),
            Q("preference", "What's the one flower I can't stand?", "Baby's breath; she thinks it smells like feet.", ["baby's breath"], "flowers",
              "u:Unpopular florist opinion: I can't stand baby's breath. Smells like feet and it's everywhere."),
            Q("preference", "What music do I put on while I make arrangements?", "Old boleros, like Los Panchos, from her abuela's records.", ["boleros"], "media/work",
              "u:Arrangement days need old boleros on the speaker, Los Panchos, my abuela's records."),
            Q("update", "Where am I working out of now?", "A storefront in the River Arts District (she used to work from a converted garage).", ["storefront"], "work",
              "u:My studio is basically a converted garage behind our house. Cozy, tight, smells like eucalyptus.",
              "p:Signed the lease on a real storefront in the River Arts District! Big windows, a walk-in cooler and a sink I can stand at."),
            Q("update", "What do I use for deliveries now?", "A refrigerated Sprinter van (she traded in the old van).", ["Sprinter"], "work/money",
              "n:My old delivery van's AC is dying and the flowers hate it.",
              "p:Traded the van in for a refrigerated Sprinter. Cold flowers, happy florist."),
            Q("unanswerable", "How was my trip to Mexico City?", "You never mentioned a trip to Mexico City.", ["Mexico City"], ""),
        ]),
    dict(
        name="Owen Prichard", start="2024-10-03",
        personality="39-year-old software tester in Cardiff who, with his husband Rhys, has just started fostering a ten-year-old boy, Bailey; methodical, anxious, kind, wry",
        hobbies="board games, Welsh rugby, building Lego",
        style="precise, numbered thoughts like a bug report, dry Welsh humour, says 'tidy'",
        friends=["Siân", "Gethin", "Priyesh"], foods=["a sausage roll", "cawl", "a meal deal", "leftover lasagne"],
        places=["Roath Park", "Cardiff Bay", "the big Tesco"],
        shows=["a rugby international", "a quiz show"], work="the office",
        distract=[
            ("u", "pet", "Gethin's tortoise escaped again and turned up two gardens down, looking smug."),
            ("n", "work", "Found eleven bugs in a release the devs swore was ready. Eleven."),
            ("p", "family", "Rhys and Bailey built a den out of the sofa cushions and invited me in. I had to crawl."),
            ("u", "school", "Bailey's school sent a form about packed lunches. Forms are our life now."),
            ("n", "sleep", "Bailey had a nightmare at three, Rhys and I took turns sitting on the landing."),
            ("p", "people", "Priyesh's kids came round and Bailey showed them every single toy. Twice."),
            ("u", "fostering", "Fostering review meeting at the house. I hoovered twice beforehand."),
            ("n", "work", "Stand-up ran forty minutes. It is called stand-up for a reason."),
            ("p", "hobby", "Taught Bailey Ticket to Ride. He beat us both, the shark."),
            ("u", "food", "Bailey only eats pasta if it's shells. Spirals are, quote, 'wrong'."),
            ("n", "money", "Kids grow out of shoes in about a week, apparently."),
            ("p", "place", "Walked round the lake at Roath Park with Bailey feeding the swans. He named one Gary."),
            ("s", "mood", "Bailey asked if he'll have to move again. I didn't know what to say."),
        ],
        items=[
            Q("fact", "How's Bailey getting on at school, according to his teacher?", "Really well: flying in maths, and he has a best friend, Idris.", ["maths"], "school/family",
              "p:Parents' evening: Mrs Pugh says Bailey is flying in maths and has a best friend called Idris. I held it together till the car."),
            Q("fact", "How long did it take us to get approved as foster carers?", "Eleven months of assessment.", ["eleven months"], "fostering/family",
              "u:Still can't believe it took eleven months of assessment, panels and paperwork to get approved. Worth every single form."),
            Q("fact", "What was behind that booking bug I chased down at work?", "Daylight saving: the system broke for the hour when the clocks went back.", ["daylight saving"], "work",
              "n:Tracked the booking bug down: everything breaks for one hour when the clocks go back for daylight saving. Classic."),
            Q("fact", "What's the name of our social worker?", "Nerys.", ["Nerys"], "fostering",
              "u:Met Nerys, our new supervising social worker. Brisk, kind, carries three diaries."),
            Q("multi", "What activities has Bailey started since he came to us?", "Swimming lessons and Cubs.", ["swimming lesson", "Cubs"], "family",
              "p:Bailey had his first swimming lesson and came out saying he's basically a dolphin now.",
              "p:Signed Bailey up for Cubs. He came home with a woggle and a lot of opinions about knots."),
            Q("multi", "What new board games have I got?", "Wingspan and Cascadia.", ["Wingspan", "Cascadia"], "hobby",
              "u:Bought Wingspan. Rhys asked if we need more board games. The answer is always yes.",
              "p:Cascadia arrived, we played it three times tonight. Bailey is annoyingly good at spotting patterns."),
            Q("date", "What did Bailey call me on {date}?", "Dad, by accident, and he didn't take it back.", ["Dad"], "family",
              "s:Bailey called me Dad by accident at tea and then didn't correct himself. I went to the bathroom and cried into a towel.||That's a huge moment, and it's allowed to knock the wind out of you. He felt safe enough to say it."),
            Q("date", "What project was I asked to lead on {date}?", "The testing for the new NHS appointments app.", ["appointments app"], "work",
              "p:Got asked to lead the testing on the new NHS appointments app. Big project, big nerves."),
            Q("relative", "What did Rhys bake {rel}?", "A dinosaur cake for Bailey's birthday, his first with them.", ["dinosaur cake"], "family/food",
              "p:Bailey's first birthday with us. Rhys made a dinosaur cake that looked like a potato and Bailey loved it.", rel="week"),
            Q("relative", "Where did we take Bailey on a day out {rel}?", "To Castell Coch.", ["Castell Coch"], "place/family",
              "p:Took Bailey to Castell Coch. He was disappointed nobody's actually a knight, but he loved the spiral stairs.", rel="ago_word"),
            Q("preference", "What's the part of my job I enjoy most?", "Exploratory testing; scripted regression packs bore him.", ["exploratory testing"], "work",
              "u:Exploratory testing is the fun bit, poking at things until they break. Scripted regression packs make me want to lie down."),
            Q("preference", "What helps me switch off after work?", "Building Lego with a podcast on.", ["Lego"], "hobby",
              "u:Nothing resets my brain like building Lego with a podcast on. Big grown-up sets, don't judge."),
            Q("update", "Which school does Bailey go to now?", "Heol Fach Primary, round the corner (he was at his old primary across town).", ["Heol Fach"], "school",
              "u:Bailey's still at his old primary across town for now, so it's a forty-minute drive every morning.",
              "l:Bailey started at Heol Fach Primary round the corner. Walked him in, he didn't look back."),
            Q("update", "What's my working arrangement now?", "Fully remote, so he can do the school run (it used to be three office days a week).", ["fully remote"], "work",
              "n:Three days a week in the office and the train in is grim.",
              "p:Got it signed off: I'm fully remote now, so I can do the school run."),
            Q("unanswerable", "How did Bailey's piano exam go?", "You never mentioned Bailey learning piano or taking an exam.", ["piano"], ""),
        ]),
    dict(
        name="Tomasz Nowak", start="2024-01-03",
        personality="31-year-old amateur marathoner and city hydrologist in Boulder, Colorado, sidelined by a stress fracture; driven, numbers-obsessed, impatient, learning to slow down",
        hobbies="running, cycling, sci-fi novels, pour-over coffee",
        style="data-heavy, splits and numbers, self-mocking about his impatience",
        friends=["Reza", "Callie", "Matt"], foods=["a breakfast burrito", "oatmeal with peanut butter", "my mom's pierogi", "a protein bar"],
        places=["the rec center pool", "Chautauqua Park", "the coffee roaster on Pearl Street"],
        shows=["a cycling race", "a sci-fi show"], work="the water department",
        distract=[
            ("u", "pet", "Callie's husky pulled her clean off her feet on the ice this morning. She's fine, her pride isn't."),
            ("n", "injury", "Walked fast to catch the bus and my shin reminded me who's boss."),
            ("p", "training", "Forty minutes of pool running. Boring as sin, but my heart rate got up there."),
            ("u", "people", "Reza ran a 10K PR and I was genuinely happy for him. Mostly."),
            ("n", "mood", "Watching the group run go past my window. Dramatic, I know."),
            ("u", "work", "Spent the day modeling snowmelt runoff. Numbers, numbers, numbers."),
            ("p", "food", "Mom shipped frozen pierogi from Chicago. Potato and cheese, the good ones."),
            ("n", "weather", "Chinook winds so strong the trash cans went for a jog without me."),
            ("u", "media", "Rewatched the Kipchoge sub-two documentary. Torturing myself."),
            ("p", "family", "My sister Ania sent a video of her kid 'racing' me around her backyard."),
            ("n", "money", "Physio isn't covered past visit ten. Cool, cool."),
            ("u", "hobby", "Dialed in a new pour-over recipe. Sixteen to one, forty-five second bloom."),
            ("p", "place", "Hiked slowly at Chautauqua. Walking counts. Apparently."),
        ],
        items=[
            Q("fact", "What exactly did the MRI show?", "A stress fracture in his left tibia: eight weeks minimum with no running.", ["tibia"], "injury/health",
              "s:MRI confirms it: stress fracture in my left tibia. Eight weeks minimum, no running.||That's a hard thing to hear when running is so much of who you are. Eight weeks is long, but it does end.", day=1),
            Q("fact", "What's my best marathon time?", "2:27:40, at Chicago.", ["2:27:40"], "training",
              "u:Dug out my splits from the Chicago race where I ran 2:27:40. That guy had no idea what a shin even was."),
            Q("fact", "What's my physical therapist called?", "Marisa.", ["Marisa"], "injury/health",
              "p:My physio Marisa laughs at my impatience every single appointment. She's not wrong."),
            Q("fact", "Which race am I hoping to come back for?", "Grandma's Marathon in June.", ["Grandma's Marathon"], "training",
              "l:Target race: Grandma's Marathon in June. If the shin cooperates. Big if."),
            Q("multi", "What sci-fi have I been reading while I can't run?", "Project Hail Mary and The Left Hand of Darkness.", ["Hail Mary", "Left Hand of Darkness"], "media",
              "p:Read Project Hail Mary in three days. Best thing about being injured is reading time.",
              "u:Started The Left Hand of Darkness. Slower going, but the ice planet feels very Boulder right now."),
            Q("multi", "What have I been told to work on so this doesn't happen again?", "Single-leg calf raises every day, and raising his cadence (he overstrides).", ["calf raises", "cadence"], "injury/health",
              "l:Physio homework: three sets of single-leg calf raises, every day, forever apparently.",
              "u:Gait analysis says my cadence is too low and I'm overstriding. 168 steps a minute, target 178."),
            Q("date", "What finally came off on {date}?", "The walking boot.", ["walking boot"], "injury",
              "p:The walking boot came off! My left calf looks like a sad noodle, but it's free.", day=15),
            Q("date", "What did I present on {date}?", "The drought contingency plan, to the city council.", ["city council"], "work",
              "u:Presented our drought contingency plan to the city council. One councilman asked if we could 'make more snow'."),
            Q("relative", "How long was my comeback run {rel}?", "Ten minutes, alternating a minute running and a minute walking.", ["First run back"], "training/injury",
              "p:First run back! Ten minutes, alternating one minute running and one minute walking. Nearly cried at the trailhead.", rel="weekday"),
            Q("relative", "Where did I ride my bike {rel}?", "Up Lefthand Canyon, with Matt.", ["Lefthand Canyon"], "training/hobby",
              "p:Rode the Lefthand Canyon climb with Matt, slow and steady. Legs happy, shin silent.", rel="ago_digit"),
            Q("preference", "How do I feel about running indoors on a machine?", "He hates treadmills; he'd rather run in a blizzard.", ["treadmill"], "training",
              "u:I'd rather run in a blizzard than on a treadmill. The dreadmill is a hamster wheel for adults."),
            Q("preference", "What kind of coffee do I like?", "Black pour-over, light roast, no sugar.", ["light roast"], "food/hobby",
              "u:Black pour-over, light roast, no sugar. If you put milk in a good Ethiopian you're hiding something."),
            Q("update", "How often am I seeing the physio now?", "Once every two weeks (it used to be twice a week).", ["every two weeks"], "injury/health",
              "n:Physio twice a week now. I basically live at the clinic.",
              "p:Physio says I've graduated to one appointment every two weeks. Feels like parole."),
            Q("update", "Which running shoes am I wearing these days?", "Hoka Cliftons (he switched from the Pegasus).", ["Clifton"], "training",
              "u:Still in my trusty Pegasus, six pairs deep.",
              "u:Physio talked me into a cushier shoe. Ordered the Hoka Clifton and they feel like pillows."),
            Q("unanswerable", "How did my half marathon in Denver go?", "You never mentioned a half marathon in Denver; you've been injured and not racing.", ["Denver"], ""),
        ]),
    dict(
        name="Lucia Ferreira", start="2024-11-01",
        personality="44-year-old night-shift baker at a Portuguese family bakery in Fall River, Massachusetts, married to Paulo with two teenagers; tough, generous, darkly funny, proud of her craft",
        hobbies="fado records, candlepin bowling, telenovelas",
        style="blunt and short, sprinkles Portuguese ('ai', 'meu Deus')",
        friends=["Fatima", "Rui", "Donna"], foods=["a malasada", "kale soup", "a chouriço sandwich", "cold pizza"],
        places=["the candlepin lanes", "Kennedy Park", "the church parking lot"],
        shows=["a telenovela", "the Patriots game"], work="the bakery",
        distract=[
            ("u", "pet", "Donna's cat sleeps in the flour delivery truck and nobody has the heart to move him."),
            ("n", "work", "Oven three ran cold all night. Every loaf came out pale and sad."),
            ("p", "work", "Sold out of sweet bread by seven. Line out the door."),
            ("n", "sleep", "Trying to sleep at noon with the garbage truck outside. Impossible."),
            ("u", "family", "Paulo asked what we're doing for Christmas. I'll be baking, Paulo. Like every year."),
            ("p", "people", "Rui brought me coffee at 3am without me asking. That's love."),
            ("u", "food", "Fatima says her mother's kale soup is better than mine. We don't talk about it."),
            ("n", "health", "Burned my forearm on a sheet pan. Add it to the collection."),
            ("p", "hobby", "Bowled a 110 at candlepin. For candlepin that's practically pro."),
            ("u", "media", "Listened to Amália on the drive in. Sad songs for a 2am road."),
            ("n", "money", "Butter prices are making the boss cry."),
            ("s", "mood", "My father would have been 80. He's the one who taught me to knead."),
            ("u", "family", "Rafael wants a PlayStation. Rafael can get up at 2am and bake for it."),
        ],
        items=[
            Q("fact", "What do we call the starter at work?", "Big Manny; it's eleven years old.", ["Big Manny"], "work",
              "u:Fed the starter at 1am. Big Manny is eleven years old and has more personality than the owner."),
            Q("fact", "How much bread did I turn out for the holiday orders?", "Six hundred loaves in one night.", ["Six hundred loaves"], "work",
              "n:Six hundred loaves tonight for the holiday orders. My shoulders have filed a complaint."),
            Q("fact", "Why did the school call about Rafael?", "He skipped third period to go to the mall.", ["third period"], "family",
              "n:Rafael skipped third period to go to the mall with his friends. School called at 11am while I was asleep. Meu Deus."),
            Q("fact", "What college did my daughter get into?", "UMass Dartmouth, for nursing; first in the family to go to college.", ["UMass Dartmouth"], "family",
              "p:Inês got into the nursing program at UMass Dartmouth! First in the family to go to college. I cried into the dough."),
            Q("multi", "What new recipes have I been experimenting with at work?", "A pumpkin pastel de nata and a cranberry orange sweet bread.", ["pumpkin", "cranberry"], "work/food",
              "u:Tried a pumpkin pastel de nata. Half the regulars loved it, half called it a crime.",
              "p:Experimented with a cranberry orange sweet bread for Thanksgiving. Boss wants it on the menu."),
            Q("multi", "What equipment broke down at the bakery?", "The big mixer (died mid-batch) and the walk-in freezer's door seal.", ["mixer", "freezer"], "work",
              "n:The big Hobart mixer died mid-batch. Mixed forty pounds of dough by hand. My arms are gone.",
              "n:Walk-in freezer door seal cracked, everything's frosting over. Boss says next week. Sure."),
            Q("date", "What animal did I see driving home on {date}?", "A fox trotting across Pleasant Street at 5am.", ["fox"], "place",
              "p:Saw a fox trot across Pleasant Street at 5am with something in its mouth. Looked very pleased with itself."),
            Q("date", "Who stopped by for malasadas on {date}?", "The mayor, at 6am.", ["mayor"], "people/work",
              "p:The mayor came in at six for malasadas and shook my floury hand. Didn't wash it for an hour."),
            Q("relative", "Where did Paulo take me {rel}?", "To a fado night at the Portuguese club.", ["fado night"], "family/media",
              "p:Paulo took me to a fado night at the Portuguese club. I stayed awake through the whole thing, a miracle.", rel="week"),
            Q("relative", "What did my boss hand me {rel}?", "A key to the bakery, after twenty years.", ["key to the bakery"], "work",
              "p:Mr. Cabral finally gave me a key to the bakery. Twenty years and now I'm officially trusted.", rel="ago_digit"),
            Q("preference", "What's my favourite thing to make at work?", "Papo secos, the plain crusty rolls.", ["papo secos"], "work/food",
              "u:Everyone thinks I love the fancy pastries, but papo secos are my favourite. Crusty, simple, perfect."),
            Q("preference", "Do I actually mind working nights?", "No, she likes the night shift: quiet, radio on, nobody asking her things.", ["night shift"], "work",
              "u:People feel sorry for me, but I like the night shift. Quiet, radio on, nobody asking me things."),
            Q("update", "What time do I start work now?", "Midnight (it used to be 10pm).", ["midnight"], "work",
              "u:Shift starts at 10pm, I'm out the door by half nine with my coffee.",
              "n:Boss moved my start to midnight because of the holiday rush. Now I don't know when to sleep."),
            Q("update", "Who bakes with me on nights now?", "A young guy named Brandon (Zé retired).", ["Brandon"], "work/people",
              "u:Working nights with Zé, he hums the whole time but he's fast.",
              "u:Zé retired, so now it's me and a kid named Brandon on nights. He's eager, I'll give him that."),
            Q("unanswerable", "How was my trip to the Azores?", "You never mentioned a trip to the Azores.", ["Azores"], ""),
        ]),
    dict(
        name="Kirsty Baird", start="2024-07-19",
        personality="33-year-old paramedic in Glasgow, originally from Fife; unflappable, gallows humour, softer than she lets on",
        hobbies="hillwalking (bagging Munros), roller derby, wild swimming, learning Gaelic",
        style="clipped, Glaswegian words like 'pure', 'aye' and 'baltic', dark jokes",
        friends=["Shona", "Gav", "Niamh"], foods=["a square sausage roll", "a chippy tea", "something from the station vending machine", "a macaroni pie"],
        places=["Kelvingrove Park", "the West End", "the Botanic Gardens"],
        shows=["a Scottish crime drama", "the fitba highlights"], work="the station",
        distract=[
            ("u", "pet", "Shona's dog ate a whole birthday cake off the counter. Vet says he'll live, Shona might not."),
            ("n", "work", "Three calls back to back for folk who'd had 'a wee fall'. Every one of them was drink."),
            ("p", "work", "An old fella we took in a while back sent the station a thank-you card. It's up on the fridge."),
            ("n", "sleep", "Back-to-back nights. My body doesn't know what meal this is."),
            ("u", "hobby", "Derby practice was all falling drills. I'm bruises from the knees down."),
            ("s", "mood", "Bad job tonight. Don't want to talk about it, just wanted to say something to someone."),
            ("p", "people", "Gav made me tea and a bacon roll after a horrible shift. Didn't ask a thing."),
            ("u", "family", "Mum wants me home to Fife for my cousin's christening. Rota permitting."),
            ("n", "weather", "Pure baltic for July. Glasgow summer, aye."),
            ("u", "hobby", "Forty days straight on the Gaelic app. I can say 'the cat is under the table' and nothing else."),
            ("p", "place", "Sat in the glasshouse at the Botanic Gardens till it closed. Warm and green."),
            ("n", "money", "Bought my own new boots again because the issue ones are murder."),
            ("u", "work", "Crewed with a student. She asked great questions and made me feel ancient."),
        ],
        items=[
            Q("fact", "Who's the old-timer I like crewing with?", "Dougie, thirty years on the road, sings in the cab.", ["Dougie"], "work",
              "p:Crewed with Dougie again. Thirty years on the road and he still sings in the cab."),
            Q("fact", "What did I pick as my derby name?", "Mary Queen of Shots.", ["Mary Queen of Shots"], "hobby",
              "u:Finally picked my derby name: Mary Queen of Shots. The team voted unanimously, which is worrying."),
            Q("fact", "Where did I deliver that baby?", "In the back of a taxi on the Clydeside Expressway.", ["taxi"], "work",
              "p:Delivered a baby in the back of a taxi on the Clydeside Expressway. Wee girl, seven pounds something, both grand."),
            Q("fact", "What's wrong with my shoulder?", "A rotator cuff strain from all the lifting; six weeks of physio exercises.", ["rotator cuff"], "health/hobby",
              "n:GP says it's a rotator cuff strain from all the lifting. Six weeks of physio exercises and I'm to go easy on it. Aye, right."),
            Q("multi", "Which hills have I been up on my days off?", "Ben Lomond and Schiehallion.", ["Ben Lomond", "Schiehallion"], "hobby/place",
              "p:Up Ben Lomond on my day off. Cloud cleared at the top for about ninety seconds. Worth it.",
              "p:Bagged Schiehallion with Niamh. The boulder field nearly finished my ankles."),
            Q("multi", "Where did I go out for music and dancing?", "A gig at the Barrowland with Shona, and a ceilidh in a church hall.", ["Barrowland", "ceilidh"], "media/people",
              "p:Barrowland gig with Shona, the floor was bouncing. Ears still ringing.",
              "p:Went to a ceilidh at a church hall and got flung round the Strip the Willow by a man of about eighty."),
            Q("date", "What did a patient do to me on {date}?", "Headbutted her; her nose wasn't broken and she was sent home.", ["headbutted"], "work",
              "n:Got headbutted by a patient off his face on something. Nose isn't broken. Station manager sent me home.||That's awful, and you didn't deserve any of it. I'm glad your nose is okay, and going home was the right call. How are you really?"),
            Q("date", "Where did I go for a dip on {date}?", "Loch Ard, at seven in the morning.", ["Loch Ard"], "hobby",
              "p:Wild swim in Loch Ard at seven in the morning. Thirteen degrees and not one regret."),
            Q("relative", "What test did I pass {rel}?", "Her blue light driving reassessment.", ["blue light"], "work",
              "p:Passed my blue light driving reassessment. The examiner said I 'drive like I mean it'.", rel="weekday"),
            Q("relative", "Who took me out for a curry {rel}?", "Her brother Fraser, back from the rigs (and he paid).", ["Fraser"], "family/food",
              "p:Fraser's back from the rigs for a fortnight. We went for a curry and he paid, which has never happened.", rel="ago_word"),
            Q("preference", "What do I like to snack on during a shift?", "Her gran's tablet, from a tupperware.", ["tablet"], "food/work",
              "u:Shift fuel is my gran's tablet in a tupperware. Pure sugar, pure joy."),
            Q("preference", "What time of year do I like hillwalking best?", "Winter: no midges, no crowds, just snow.", ["winter hill day"], "hobby",
              "u:I'd take a winter hill day over a summer one any time. No midges, no crowds, just you and the snow."),
            Q("update", "Where am I based these days?", "Govan station (she moved from Springburn).", ["Govan"], "work",
              "u:Based out of the Springburn station, which is about as glamorous as it sounds.",
              "l:Transferred to the Govan station. Closer to home and a whole new set of regulars."),
            Q("update", "Whereabouts is my flat now?", "Partick, a tenement flat of her own (she left the damp flat in Dennistoun).", ["Partick"], "home",
              "n:The flat in Dennistoun has a damp patch shaped like Italy.",
              "p:Got the keys to my own wee flat in Partick! Tenement, big windows, no damp shaped like anything."),
            Q("unanswerable", "What did my husband get me for my birthday?", "You never mentioned a husband.", ["husband"], ""),
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
    types = Counter(g["type"] for g in gold_read)
    rel = Counter(it["rel"] for spec in USERS for it in spec["items"] if it["type"] == "relative")
    print(f"users: {len(banks_read)}  days: {n_days}  turns: {n_turns}  questions: {len(gold_read)}  "
          f"evidence turns: {sum(len(g['evidence']) for g in gold_read)}")
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
