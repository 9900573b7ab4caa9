from datetime import date

import pytest
from langchain_core.retrievers import BaseRetriever

from memory.forgetting import ForgettingCurve
from memory.retriever import EbbinghausRetriever
from memory.store import MemoryStore

TODAY = date(2023, 5, 10)  # the paper's "asked on May 10th", after ten days of chat

EN = {
    date(2023, 4, 27): [("Hello, I'm Emily. I love painting and playing the piano.", "Nice to meet you, Emily!"),
                        ("Can you recommend a science fiction movie?", "Try 'Interstellar', it's a classic.")],
    date(2023, 4, 30): [("I adopted a kitten and named her Mochi.", "Mochi is a lovely name!")],
    date(2023, 5, 2): [("I went to the museum and saw an exhibition of Van Gogh paintings.", "That sounds inspiring.")],
    date(2023, 5, 4): [("I have a big speech at work and I'm nervous about it.", "Prepare well and breathe, you'll do great."),
                       ("I had a fight with my roommate about cleaning.", "Maybe set a cleaning schedule together.")],
    date(2023, 5, 6): [("I baked a lemon cake for my mother's birthday.", "What a sweet gift!")],
    date(2023, 5, 9): [("I started learning to swim at the local pool.", "Great exercise!")],
}

CN = {
    date(2023, 4, 27): [("你好，我叫张曼婷，我喜欢绘画和弹钢琴。", "很高兴认识你，张曼婷！"),
                        ("你能推荐一部科幻电影吗？", "推荐你看《星际穿越》，非常经典。")],
    date(2023, 4, 30): [("我领养了一只小猫，给她取名叫年糕。", "年糕这个名字真可爱！")],
    date(2023, 5, 2): [("我去了博物馆，看了梵高的画展。", "听起来很有启发。")],
    date(2023, 5, 4): [("我下周要在公司做一个重要的演讲，很紧张。", "好好准备，深呼吸，你一定可以的。")],
    date(2023, 5, 6): [("我给妈妈烤了一个柠檬蛋糕庆祝生日。", "真是贴心的礼物！")],
    date(2023, 5, 9): [("我开始在附近的游泳馆学游泳了。", "很好的锻炼！")],
}


def fill(store: MemoryStore, user: str, history) -> None:
    for day, turns in history.items():
        for q, r in turns:
            store.add_turn(user, day, q, r)


def recall(store, user, query, k=3, **kw):
    return EbbinghausRetriever(store=store, user_id=user, k=k, today=TODAY, **kw).invoke(query)


def first_query(doc) -> str:
    return doc.page_content.split("\n")[0]


@pytest.fixture
def store(backend) -> MemoryStore:
    """Every retriever test runs on embedded Chroma and on a Chroma server."""
    return backend()


@pytest.fixture
def cn_store(backend) -> MemoryStore:
    return backend("e5")


@pytest.fixture
def emily(store):
    fill(store, "Emily", EN)
    return store


def test_is_a_langchain_retriever_with_full_metadata(emily):
    r = EbbinghausRetriever(store=emily, user_id="Emily", k=2, today=TODAY)
    assert isinstance(r, BaseRetriever)
    docs = r.invoke("What is my cat called?")
    assert len(docs) == 2
    top = docs[0]
    assert "Mochi" in top.page_content
    m = top.metadata
    assert m["date"] == "2023-04-30" and m["kind"] == "turn" and m["id"] == "Emily_2023-04-30_0"
    assert 0 < m["similarity"] <= 1
    assert m["retention"] == pytest.approx(ForgettingCurve().retention(date(2023, 4, 30), 1, TODAY), abs=1e-4)
    assert m["strength"] == 2  # after this recall


@pytest.mark.parametrize("question,expected", [
    ("What science fiction movie did you recommend?", "science fiction"),
    ("What exhibition did I see at the museum?", "Van Gogh"),
    ("What did I bake for my mom?", "lemon cake"),
    ("Which sport am I learning?", "swim"),
])
def test_recalls_the_relevant_turn_first(emily, question, expected):
    assert expected in recall(emily, "Emily", question)[0].page_content


def test_a_turn_on_screen_is_recalled_when_asked_about_and_takes_no_other_memorys_place(emily):
    """The conversation on screen (`shown`): its turn the question is about is recalled, so that
    "nothing recalled" never means "said three messages ago", beside the k other best; one the
    question is not about is not."""
    cat, museum = "I adopted a kitten and named her Mochi.", \
        "I went to the museum and saw an exhibition of Van Gogh paintings."
    alone = [first_query(d) for d in recall(emily, "Emily", "What is my cat called?", k=2,
                                            reinforce=False)]
    assert alone[0] == cat
    on_screen = [first_query(d) for d in recall(emily, "Emily", "What is my cat called?", k=2,
                                                shown=frozenset({cat, museum}),
                                                reinforce=False)]
    assert on_screen[0] == cat and museum not in on_screen
    # the k best besides it: the next of `alone` and the one after it
    rest = [first_query(d) for d in recall(emily, "Emily", "What is my cat called?", k=3,
                                           reinforce=False)][1:]
    assert on_screen[1:] == [q for q in rest if q != museum][:2]


def test_recall_reinforces_what_it_returns_and_only_that(emily, backend):
    docs = recall(emily, "Emily", "What is my cat called?", k=1)
    emily.flush()  # written in the background; another store object sees it once flushed
    again = backend()
    by_id = {p.id: p for p in again.pieces("Emily")}
    hit = by_id[docs[0].metadata["id"]]
    assert (hit.strength, hit.last_recall_date) == (2, "2023-05-10")
    assert all(p.strength == 1 for pid, p in by_id.items() if pid != hit.id)
    # recalled again: stronger still, and its retention is now full (clock restarted)
    docs2 = recall(emily, "Emily", "What is my cat called?", k=1)
    assert docs2[0].metadata["strength"] == 3 and docs2[0].metadata["retention"] == 1.0


def test_reinforce_off_leaves_the_store_untouched(emily):
    before = emily.pieces("Emily")
    recall(emily, "Emily", "What is my cat called?", reinforce=False)
    assert emily.pieces("Emily") == before


def test_faded_turns_are_not_recalled_but_summaries_are(store):
    store.add_turn("u", date(2023, 1, 1), "My cat is called Mochi.", "Cute!")
    store.put_summary("u", date(2023, 1, 1), "The user told me their cat is called Mochi.")
    store.add_turn("u", date(2023, 5, 8), "I like tea.", "Me too.")
    docs = recall(store, "u", "What is my cat called?", k=3)
    kinds = [(d.metadata["kind"], d.metadata["date"]) for d in docs]
    assert ("summary", "2023-01-01") in kinds
    assert ("turn", "2023-01-01") not in kinds  # 129 days unrecalled: R = 0.014
    assert next(d for d in docs if d.metadata["kind"] == "summary").metadata["retention"] == 1.0


def test_a_fact_no_summary_holds_is_found_a_year_later(store):
    # Forgetting thins details only into something condensed: with no summary of its day, a
    # turn the curve has long forgotten stays findable, ranked by what it says.
    store.add_turn("u", date(2022, 5, 1), "We brought home a grey kitten and named her Mochi.", "Lovely!")
    for day in range(1, 9):
        store.add_turn("u", date(2023, 5, day), f"Busy day number {day} at the office.", "Rest well.")
    docs = recall(store, "u", "What is my cat called?", k=1)
    assert docs[0].metadata["date"] == "2022-05-01" and "Mochi" in docs[0].page_content
    assert docs[0].metadata["retention"] < 0.001
    assert store.fade(ForgettingCurve(), TODAY) == {"u": 0}


def test_a_vague_time_word_does_not_bury_what_was_said_weeks_ago(store):
    store.add_turn("u", date(2023, 4, 12), "I took up pottery, my first bowl came out lopsided.", "Nice!")
    week = ["The dentist said my teeth are fine.", "Groceries got so expensive.",
            "My train was late again.", "My sister called about her wedding.",
            "I finally paid the electricity bill.", "It rained all day.", "I fixed the leaking tap."]
    for day, said in enumerate(week, 3):  # the last week (the old reading of "recently")
        store.add_turn("u", date(2023, 5, day), said, "I see.")
    docs = recall(store, "u", "I recently started a new hobby, remind me which one?", k=1)
    assert "pottery" in docs[0].page_content


def test_a_vague_time_word_also_searches_inside_its_window(store, monkeypatch):
    # Year-old trips outnumber the recent one among the nearest; "recently" adds a search
    # inside its window (the last 45 days), which finds last month's trip.
    from memory.records import MemoryPiece, turn_id

    store.put([MemoryPiece(id=turn_id("u", f"2022-06-{1 + i:02d}", 0), user="u",
                           date=f"2022-06-{1 + i:02d}", kind="turn", index=0,
                           query=f"Back from a weekend trip to the coast with friend number {i}.",
                           response="Sounds relaxing!") for i in range(20)])
    store.add_turn("u", date(2023, 4, 20), "Spent four days hiking in the Dolomites, my legs "
                   "still hurt.", "What views you must have had!")
    searches = []
    nearest = store.nearest

    def spy(user, embedding, n, within=None):
        got = nearest(user, embedding, n, within)
        searches.append((n, within, [m.piece.date for m in got]))
        return got
    monkeypatch.setattr(store, "nearest", spy)
    recall(store, "u", "Where did I travel recently?", reinforce=False)
    assert searches[1] == (10, (date(2023, 3, 26), date(2023, 5, 9)), ["2023-04-20"])
    searches.clear()
    recall(store, "u", "Where did I travel?", reinforce=False)
    assert [within for _, within, _ in searches] == [None]


LATELY_EN = [  # each day: small talk, and one thing that happened
    ("Hi, I have a question for you today.", "Of course, ask away!"),
    ("Thanks, I feel much better now.", "Glad to hear it."),
]
DAYS_EN = {3: "My sister Priya got engaged to Tomas in Lisbon last night.",
           5: "Ran the Hackney half marathon in 1:58, knees are wrecked.",
           7: "Signed the lease on a two-bed flat in Walthamstow with Jonah.",
           8: "Our choir sang Faure's Requiem at St Anne's, I had a solo."}


def test_an_open_question_about_lately_recalls_what_happened_not_small_talk(store):
    # "What have I been up to?" shares no topic with anything: by similarity it recalled the
    # small talk, as empty as itself. It gets the latest days' telling turns, one per day.
    for day, event in DAYS_EN.items():
        for q, r in LATELY_EN[:1] + [(event, "How wonderful!")] + LATELY_EN[1:]:
            store.add_turn("u", date(2023, 5, day), q, r)
    docs = recall(store, "u", "What have I been up to lately?", reinforce=False)
    assert [first_query(d) for d in docs] == [DAYS_EN[8], DAYS_EN[7], DAYS_EN[5]]
    docs = recall(store, "u", "What did I do on May 5th?", reinforce=False)
    assert first_query(docs[0]) == DAYS_EN[5] and {d.metadata["date"] for d in docs} == {"2023-05-05"}
    # A question about something still ranks by what it asks, inside the window or not.
    assert "Priya" in recall(store, "u", "Who got engaged recently?", k=1)[0].page_content


def test_an_open_question_gets_a_days_summary_before_its_turns(store):
    for day, event in DAYS_EN.items():
        store.add_turn("u", date(2023, 5, day), LATELY_EN[0][0], LATELY_EN[0][1])
        store.add_turn("u", date(2023, 5, day), event, "How wonderful!")
    store.put_summary("u", date(2023, 5, 7), "The user moved in with Jonah and felt settled.")
    docs = recall(store, "u", "What have I been up to lately?", reinforce=False)
    assert [(d.metadata["kind"], d.metadata["date"]) for d in docs] == [
        ("turn", "2023-05-08"), ("summary", "2023-05-07"), ("turn", "2023-05-05")]
    # The summary holds that day's turns: asked about the day alone, it is the whole answer.
    docs = recall(store, "u", "What did I do on May 7th?", reinforce=False)
    assert [(d.metadata["kind"], d.metadata["date"]) for d in docs] == [("summary", "2023-05-07")]


def test_an_open_question_in_chinese(cn_store):
    days = {3: "我妹妹昨晚在杭州订婚了，对象是做建筑设计的小周。",
            5: "今天跑完了厦门马拉松半程，一小时五十八分，膝盖疼死了。",
            8: "合唱团在音乐厅唱了莫扎特的安魂曲，我还有一段独唱。"}
    for day, event in days.items():
        cn_store.add_turn("u", date(2023, 5, day), "你好，我今天有个问题想问你。", "当然，你说吧。")
        cn_store.add_turn("u", date(2023, 5, day), event, "太棒了！")
        cn_store.add_turn("u", date(2023, 5, day), "谢谢你，我现在感觉好多了。", "那就好。")
    docs = recall(cn_store, "u", "我最近在忙些什么？", reinforce=False)
    assert [first_query(d) for d in docs] == [days[8], days[5], days[3]]


def test_retention_breaks_near_ties_toward_fresher_memories(store):
    store.add_turn("u", date(2023, 4, 20), "My favourite colour is blue.", "Noted.")
    store.add_turn("u", date(2023, 5, 9), "My favourite colour is blue.", "Noted.")
    docs = recall(store, "u", "What is my favourite colour?", k=2)
    assert [d.metadata["date"] for d in docs] == ["2023-05-09", "2023-04-20"]


def test_fade_deletes_only_faded_turns_and_corrupts_nothing(store):
    store.add_turn("u", date(2023, 1, 1), "old turn", "old")
    store.put_summary("u", date(2023, 1, 1), "an old summary")
    store.add_turn("u", date(2023, 1, 2), "old turn, never summarized", "old")
    read = [store.add_turn("u", date(2023, 1, 3), f"busy turn {i}", "ok") for i in range(3)]
    store.put_summary("u", date(2023, 1, 3), "a summary that read the last two", turns=3, first=1)
    store.add_turn("u", date(2023, 1, 3), "said after that summary", "ok")
    kept = store.add_turn("u", date(2023, 5, 5), "fresh turn", "fresh")
    recalled = store.add_turn("u", date(2023, 4, 1), "recalled turn", "yes")
    store.reinforce("u", [recalled.id], date(2023, 5, 1))
    before = {p.id: p for p in store.pieces("u")}
    curve = ForgettingCurve()
    assert store.fade(curve, TODAY) == {"u": 3}
    after = {p.id: p for p in store.pieces("u")}
    # Gone: what a summary holds. Kept: a day with no summary, the turn its summary left out
    # (over the model's budget), and one said after the summary was written.
    assert set(after) == set(before) - {"u_2023-01-01_0", read[1].id, read[2].id}
    assert all(after[i] == before[i] for i in after)
    assert store.fade(curve, TODAY) == {"u": 0}  # the same day forgets nothing more
    assert kept.id in after


@pytest.mark.parametrize("question,day", [
    ("On May 4th, I shared some problems with you. What were they?", "2023-05-04"),
    ("What did I tell you on April 30?", "2023-04-30"),
    ("What did I do yesterday?", "2023-05-09"),
])
def test_named_dates_steer_recall_english(emily, question, day):
    n = len(EN[date.fromisoformat(day)])  # every turn of the named day comes first
    docs = recall(emily, "Emily", question, k=3)
    assert [d.metadata["date"] for d in docs][:n] == [day] * n


def test_last_week_steers_to_the_previous_calendar_week(emily):
    docs = recall(emily, "Emily", "What happened last week?", k=4)
    assert all("2023-05-01" <= d.metadata["date"] <= "2023-05-07" for d in docs)


def test_a_named_month_of_many_turns_recalls_its_nearest_first(store, monkeypatch):
    # A month of a talkative user is read as its nearest pieces, not all of them (the cost of
    # ranking a thousand), and what is asked about still comes first: March's vet visit, not
    # April's, which is as near to the question.
    talk = ["The weather was grey again.", "Work was long today.", "I cooked pasta tonight.",
            "My train was late.", "I watched a film on the sofa."]
    for day in range(1, 29):
        for said in talk:
            store.add_turn("u", date(2023, 3, day), said, "I see.")
    store.add_turn("u", date(2023, 3, 14), "The vet said Mochi needs her teeth cleaned.", "Oh no!")
    store.add_turn("u", date(2023, 4, 20), "The vet said Mochi is healthy now.", "Great!")
    read = []
    on_days = store.on_days
    monkeypatch.setattr(store, "on_days", lambda *a: read.append(a) or on_days(*a))
    docs = recall(store, "u", "What did the vet say about my cat in March?", k=3,
                  span_candidates=10, reinforce=False)
    assert "teeth cleaned" in docs[0].page_content
    assert read == []  # the month's 141 pieces were never read whole


@pytest.fixture
def zhang(cn_store):
    fill(cn_store, "张曼婷", CN)
    return cn_store


@pytest.mark.parametrize("question,expected", [
    ("我的猫叫什么名字？", "年糕"),
    ("你给我推荐过什么科幻电影？", "星际穿越"),
    ("我在博物馆看了什么展览？", "梵高"),
    ("我给妈妈做了什么？", "柠檬蛋糕"),
])
def test_chinese_recall(zhang, question, expected):
    assert expected in recall(zhang, "张曼婷", question)[0].page_content


@pytest.mark.parametrize("question,day", [
    ("我5月4日跟你说了什么烦恼？", "2023-05-04"),
    ("4月27号我们聊了什么？", "2023-04-27"),
    ("我昨天做了什么？", "2023-05-09"),
    ("上周我跟你说过什么？", None),
])
def test_named_dates_steer_recall_chinese(zhang, question, day):
    docs = recall(zhang, "张曼婷", question, k=1)
    if day:
        assert docs[0].metadata["date"] == day
    else:
        assert "2023-05-01" <= docs[0].metadata["date"] <= "2023-05-07"


def test_retriever_never_returns_another_users_memory(emily):
    emily.add_turn("Mallory", date(2023, 5, 9), "My cat is called Mochi too, and my PIN is 1234.", "ok")
    for q in ["What is my cat called?", "What is my PIN?", "Tell me what Mallory said"]:
        docs = recall(emily, "Emily", q, k=10)
        assert docs and all(d.metadata["id"].startswith("Emily_") for d in docs)
        assert all("PIN" not in d.page_content for d in docs)


def test_empty_memory_recalls_nothing(store):
    assert recall(store, "nobody", "anything at all?") == []


COFFEE = [  # the fact is one sentence among small talk, the distractors are all about coffee
    ("Rough morning. The bus was late and my umbrella broke. Picked up a bag of beans from "
     "Ridgeline Roasters on the way. At least the office was warm.", "Sorry about the morning!"),
    ("Coffee at work tastes like burnt toast again.", "Oof."),
    ("Had three coffees before noon, my hands are shaking.", "Maybe some water?"),
    ("Bought a new grinder, it's so loud the cat hides.", "Poor cat!"),
    ("The coffee shop downstairs closed for renovation.", "That's a loss."),
]


@pytest.fixture
def coffee(backend):
    store = backend("auto")  # the English default: MiniLM on the exchange, e5 on the user's words
    for i, (q, r) in enumerate(COFFEE):
        store.add_turn("u", date(2023, 5, 1 + i), q, r)
    return store


def test_a_fact_said_among_small_talk_is_found_by_its_sentence(coffee):
    question = "Where do I buy my coffee beans?"
    [top] = recall(coffee, "u", question, k=1, reinforce=False)
    assert "Ridgeline" in top.page_content
    assert top.metadata["focus"] == 2  # the sentence that said it, for the prompt to show
    # Without the sentence vectors the whole turn's blur loses to the coffee small talk (the
    # relevance floor, measured with the best sentence's cosine in the mix, held off).
    [top] = recall(coffee, "u", question, k=1, reinforce=False, sentence_weight=0.0,
                   relevance_floor=0)
    assert "Ridgeline" not in top.page_content


def test_memories_stored_without_sentence_vectors_are_still_recalled(coffee):
    """Stores written before sentence vectors: each piece counts as one sentence."""
    question = "Why is my cat hiding?"
    [before] = recall(coffee, "u", question, k=1, reinforce=False)
    col = coffee._collection("u", create=False)
    ids = col.get(include=[])["ids"]
    col.update(ids=ids, metadatas=[{"sentences": ""}] * len(ids))
    [after] = recall(coffee, "u", question, k=1, reinforce=False)
    assert "grinder" in after.page_content and after.id == before.id
    assert before.metadata["focus"] == 0 and "focus" not in after.metadata
    # A one-sentence turn's stored row is its own user's-words vector: nothing changes.
    assert after.metadata["similarity"] == pytest.approx(before.metadata["similarity"], abs=2e-3)


def test_every_recall_weight_is_a_setting_that_reaches_the_retriever(tmp_path, monkeypatch):
    """One `RecallWeights`: the settings expose each weight (SF_<NAME>), with its defaults, and
    the app's retriever ranks with what they say."""
    from app.memory_factory import make_retriever
    from app.settings import Settings
    from memory.weights import RecallWeights

    assert Settings.model_construct().model_dump(include=set(RecallWeights.model_fields)) == \
        RecallWeights().model_dump()  # field defaults, no environment
    monkeypatch.setenv("SF_HINT_BOOST", "0.7")
    monkeypatch.setenv("SF_LEXICAL_WEIGHT", "0")
    store = MemoryStore.open(tmp_path, embedding="minilm")
    got = make_retriever(Settings(data_dir=tmp_path), store, "u").weights
    assert got == RecallWeights(hint_boost=0.7, lexical_weight=0)
    # a weight given by name still lands in `weights`, and is checked
    assert EbbinghausRetriever(store=store, user_id="u", date_boost=2).weights.date_boost == 2
    with pytest.raises(ValueError):
        EbbinghausRetriever(store=store, user_id="u", retention_weight=-1)

CAR_TALK = [  # talk around a topic, and one turn that says what happened
    (1, "Stuck in traffic again, I swear I spend half my life in this car.", "That sounds draining."),
    (1, "I'm so tired today, long day at work.", "Rest well tonight."),
    (2, "The car smells like wet dog after the beach trip.", "Ha, open the windows!"),
    (2, "Had a nice lunch with my sister.", "Lovely!"),
    (3, "Goodbye Corsa, you served us well. We part-exchanged her for a second-hand Skoda "
        "Octavia estate at the dealer in Harlow.", "Congratulations on the Octavia!"),
    (3, "Watched a film tonight, it was okay.", "Glad you relaxed."),
    (4, "Our car is such a mess inside, crisps everywhere from the kids.", "Kids will be kids!"),
    (4, "Rainy day again.", "Stay dry!"),
]


def test_a_turn_that_tells_what_happened_outranks_talk_around_its_topic(store):
    for day, q, r in CAR_TALK:
        store.add_turn("u", date(2023, 5, day), q, r)
    question = "Which car do we have these days?"
    assert "Octavia" in recall(store, "u", question, reinforce=False)[0].page_content
    # by similarity and words alone, the messy car comes first
    assert "Octavia" not in recall(store, "u", question, reinforce=False,
                                   telling_weight=0)[0].page_content


PHONES = [  # the user's phone, in their own words: no "switched", "new" or "now" in the later word
    (1, "My Tecno fell off the table again. The screen is a full spiderweb and the touch stops "
        "working in the corner.", "Oh no, that sounds so frustrating."),
    (3, "Stayed up way too late scrolling on my phone. Regretting it.", "Be kind to yourself."),
    (6, "Spiderweb screen retired! Tunde surprised me with a refurbished iPhone 13 for our "
        "anniversary.", "What a lovely surprise!"),
    (8, "Had jollof at my aunt's place, the whole family came.", "Sounds delicious."),
    (9, "Work was a drag today, so many meetings.", "Hope tomorrow is lighter."),
]


@pytest.mark.parametrize("embedding", ["minilm", "auto"])
def test_a_question_about_now_gets_the_later_word_on_the_same_thing(tmp_path, embedding):
    store = MemoryStore.open(tmp_path / "data", embedding=embedding)
    for day, q, r in PHONES:
        store.add_turn("u", date(2025, 3, day), q, r)

    def order(question, **weights):
        return [d.page_content for d in recall(store, "u", question, k=5, reinforce=False,
                                                 **weights)]
    asked = "What handset am I using at the moment?"
    # With MiniLM alone, late-night scrolling on "my phone" comes first by similarity; the turn
    # that retired the broken Tecno is the later word on the Tecno, and a question about now
    # puts it first. (The default two-model vectors, whose words half of a turn of several
    # sentences is the mean of its sentences, rank it first by similarity already.)
    if embedding == "minilm":
        assert "iPhone 13" not in order(asked, supersede_weight=0)[0]
    assert "iPhone 13" in order(asked)[0]
    # a question that is not about now is ranked as before
    assert order("What handset did I use?") == order("What handset did I use?", supersede_weight=0)


@pytest.mark.parametrize("embedding,user,history,on_topic,answer,off_topic", [
    ("minilm+e5", "Emily", EN, "What is my cat called?", "Mochi",
     ["What is the capital of Peru?", "How much horsepower does my tractor have?"]),
    ("e5+e5", "张曼婷", CN, "我的猫叫什么名字？", "年糕", ["秘鲁的首都是哪里？"]),
])
def test_a_question_about_nothing_in_memory_recalls_nothing(backend, embedding, user, history,
                                                           on_topic, answer, off_topic):
    """The relevance floor of the default embeddings: the best of the unrelated is not recalled,
    and a question about something told still is (without what falls below the floor)."""
    store = backend(embedding)
    fill(store, user, history)
    got = recall(store, user, on_topic)
    assert answer in got[0].page_content
    floor = EbbinghausRetriever(store=store, user_id=user).floor(on_topic)
    assert floor > 0 and all(d.metadata["similarity"] >= floor for d in got)
    for question in off_topic:
        assert recall(store, user, question) == []
        assert len(recall(store, user, question, relevance_floor=0)) == 3  # the floor, off
    # a question in the other language reads lower on this model: no floor for it
    other = "What is my cat called?" if history is CN else "我的猫叫什么名字？"
    assert EbbinghausRetriever(store=store, user_id=user).floor(other) == 0


@pytest.mark.parametrize("language", ["en", "cn"])
def test_a_question_the_companion_said_it_was_not_told_gives_way_to_the_answer(
        backend, language):
    """Asked again, an earlier asking of the same question is what recall finds first; where
    the companion then said it had not been told, that reply would be given again, even after
    the user told it. Such a turn (marked by its writer) is left out; one that tells as it
    asks is not."""
    store = backend("e5") if language == "cn" else backend()
    user, (told, asked, again, told_and_asked, about) = ("Emily", (
        "I adopted a kitten and named her Mochi.", "What is my kitten called?",
        "What's my kitten's name?", "I bought Mochi a red collar. Does red suit a grey cat?",
        "collar")) if language == "en" else ("张曼婷", (
        "我领养了一只小猫，给她取名叫年糕。", "我的小猫叫什么名字？", "我家小猫叫啥来着？",
        "我给年糕买了个红项圈。灰猫戴红色好看吗？", "项圈"))
    store.add_turn(user, date(2023, 4, 30), told, "What a lovely name!")
    store.add_turn(user, date(2023, 5, 8), asked, "I don't think you've told me her name.",
                   asked=True)
    store.add_turn(user, date(2023, 5, 9), told_and_asked, "I don't think you've told me.",
                   asked=True)
    docs = recall(store, user, again, k=3, reinforce=False)
    assert first_query(docs[0]) == told
    assert asked not in [first_query(d) for d in docs]
    assert told_and_asked in [first_query(d) for d in recall(store, user, about, k=3,
                                                                  reinforce=False)]
    # unmarked, the earlier asking comes first: what the mark is for
    store.add_turn(user, date(2023, 5, 8), asked, "Her name is Mochi.")
    assert first_query(recall(store, user, again, k=3, reinforce=False)[0]) == asked
