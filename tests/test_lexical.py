from datetime import date

import pytest

from memory.lexical import bm25_scores, tokens
from memory.query import read_query

TODAY = date(2024, 6, 30)  # a Sunday


def test_english_words_are_stemmed_and_question_words_dropped():
    assert tokens("What club did I join?") == ["club", "join"]
    assert set(tokens("joined the marine biology clubs")) == {"join", "marin", "biolog", "club"}


def test_chinese_is_cut_into_words_and_particles_dropped():
    words = tokens("我加入了海洋生物俱乐部吗？")
    assert "俱乐部" in words and "海洋生物" in words
    assert not {"我", "了", "吗", "？"} & set(words)


def test_bm25_favours_the_rare_shared_word():
    texts = ["Busy day at school, I barely had a minute.",
             "joined the marine biology club, they do tide pooling trips",
             "Stayed late at school and now I'm starving."]
    scores = bm25_scores("Which club did I join?", texts)
    assert scores[1] > 0 and scores[0] == scores[2] == 0


def test_bm25_is_zero_without_shared_words_or_text():
    assert bm25_scores("What club did I join?", ["The weather is cold."]) == [0.0]
    assert bm25_scores("what did I do?", ["anything"]) == [0.0]  # only stop words asked
    assert bm25_scores("club", []) == []


def test_date_and_now_words_are_not_embedded():
    q = read_query("Who did I help at work last Wednesday?", TODAY)
    assert q.to_embed == "Who did I help at work ?"
    assert [(s.start, s.end) for s in q.spans] == [(date(2024, 6, 26), date(2024, 6, 26))]
    assert not q.about_now
    now = read_query("Where do I live now?", TODAY)
    assert now.about_now and now.to_embed == "Where do I live ?"
    assert read_query("我现在在哪里工作？", TODAY).about_now


@pytest.mark.parametrize("question,is_open", [
    ("What have I been up to lately?", True), ("What did I do yesterday?", True),
    ("What were we talking about the other day?", True), ("我最近在忙些什么？", True),
    ("我昨天做了什么？", True), ("这几天我都干嘛了", True), ("这几天我过得怎么样？", True),
    ("What did I eat recently?", False), ("How have I been feeling lately?", False),
    ("I recently went on a trip, where was it?", False), ("我最近心情怎么样？", False),
])
def test_an_open_question_asks_about_nothing_in_particular(question, is_open):
    assert read_query(question, TODAY).open is is_open


def test_a_query_of_only_date_words_is_embedded_as_asked():
    assert read_query("yesterday", TODAY).to_embed == "yesterday"


# -- in recall ----------------------------------------------------------------------------------
from memory.retriever import EbbinghausRetriever  # noqa: E402


def tell(store, history: list[tuple[date, str]]) -> None:
    for day, said in history:
        store.add_turn("u", day, said, "I see.")


def ranks(store, query, today, **weights) -> list[str]:
    docs = EbbinghausRetriever(store=store, user_id="u", k=10, today=today, reinforce=False,
                               **weights).invoke(query)
    return [d.metadata["query"] for d in docs]


CLUB = "joined the marine biology club bro, they do tide pooling trips and everything!!"


def test_a_shared_rare_word_lifts_a_memory_that_dense_search_ranks_low(store):
    tell(store, [(date(2024, 9, 24), CLUB),
                 (date(2024, 10, 1), "Went to a party at the dorm, met a few people from my floor."),
                 (date(2024, 10, 3), "Signed up for a free online course. Let's see if I finish it."),
                 (date(2024, 10, 5), "picked up shifts at the campus bookstore, restocking highlighters"),
                 (date(2024, 10, 21), "lowkey homesick today. everyone already has their friend group"),
                 (date(2024, 10, 23), "Dropped by the beach by campus and ran into an old friend.")])
    today = date(2024, 10, 27)
    # BM25's part alone: how much a turn tells is held at 0. (Here every turn tells of
    # something, so that part only reorders them: with it the club turn is 4th. EVALUATION.md)
    assert CLUB not in ranks(store, "What club did I join?", today, lexical_weight=0,
                             telling_weight=0)[:3]
    assert CLUB in ranks(store, "What club did I join?", today, telling_weight=0)[:3]


MOVED = "Moved to a two-bedroom in Crown Heights with Dre. Split rent, double the space."
OLD_HOME = "Living in a tiny studio in Bed-Stuy with a radiator that screams."


def test_a_question_about_now_favours_the_later_statement(store):
    tell(store, [(date(2024, 6, 1), OLD_HOME),
                 (date(2024, 6, 3), "A light bulb went out and I don't have a spare. Living in the dim ages."),
                 (date(2024, 6, 5), "Some days I wonder if I'm doing enough with my life."),
                 (date(2024, 6, 12), "Busy day at the bar, my feet hurt."),
                 (date(2024, 6, 21), MOVED)])
    today = date(2024, 6, 28)
    plain = ranks(store, "Where do I live now?", today, supersede_weight=0, recency_weight=0)
    boosted = ranks(store, "Where do I live now?", today)
    assert boosted.index(MOVED) < plain.index(MOVED)
    # Without "now" the question is not about the latest state, and nothing is boosted.
    assert ranks(store, "Where do I live?", today) == ranks(
        store, "Where do I live?", today, supersede_weight=0, recency_weight=0)
