import os
import signal
import subprocess
import sys
from datetime import date

import numpy as np
import pytest

from memory.records import MemoryPiece, turn_id
from memory.store import MemoryStore, StoreError, collection_name

D1 = date(2023, 5, 1)
D2 = date(2023, 5, 2)


@pytest.fixture
def store(backend) -> MemoryStore:
    """Every store test runs on embedded Chroma and on a Chroma server."""
    return backend()


def test_turns_get_stable_ids_and_indexes_per_day(store):
    a = store.add_turn("Emily", D1, "I love painting", "Lovely!")
    b = store.add_turn("Emily", D1, "My dog is Max", "Cute!")
    c = store.add_turn("Emily", date(2023, 5, 2), "Hi again", "Hello!")
    assert (a.id, a.index) == ("Emily_2023-05-01_0", 0)
    assert (b.id, b.index) == ("Emily_2023-05-01_1", 1)
    assert (c.id, c.index) == ("Emily_2023-05-02_0", 0)
    assert [p.id for p in store.pieces("Emily")] == [a.id, b.id, c.id]
    got = store.pieces("Emily")[1]
    assert (got.query, got.response, got.strength, got.last_recall_date) == \
        ("My dog is Max", "Cute!", 1, "2023-05-01")


def test_put_is_an_upsert(store):
    p = MemoryPiece(id="x1", user="u", date="2023-05-01", kind="turn", query="a", response="b")
    store.put([p])
    store.put([p.model_copy(update={"response": "c"})])
    assert store.count("u") == 1
    assert store.pieces("u")[0].response == "c"


def test_users_are_isolated(store):
    store.add_turn("alice", D1, "My secret is the blue key", "I'll keep it.")
    store.add_turn("bob", D1, "I like trains", "Choo choo!")
    emb = store.embeddings.embed_query("what is my secret key")
    found = store.nearest("bob", emb, 10)
    assert [m.piece.user for m in found] == ["bob"]
    assert all(m.piece.user == "alice" for m in store.nearest("alice", emb, 10))
    assert [m.piece.user for m in store.on_days("bob", D1, D1)] == ["bob"]
    assert store.nearest("carol", emb, 10) == []
    assert store.users() == ["alice", "bob"]


def test_delete_user_removes_all_their_data_and_only_theirs(store):
    store.add_turn("alice", D1, "q", "r")
    store.put_summary("alice", D1, "Alice talked about q.")
    store.add_turn("bob", D1, "q", "r")
    assert store.delete_user("alice")
    assert store.users() == ["bob"]
    assert store.profile("alice") is None
    assert store.count("alice") == 0
    names = [c.name for c in store.client.list_collections()]
    assert collection_name("alice") not in names
    assert store.count("bob") == 1
    assert not store.delete_user("alice")


def test_reinforce_writes_back_and_keeps_the_rest(store, backend):
    p = store.add_turn("u", D1, "Rough day. The cat hid.", "r")
    before = store._collection("u", create=False).get(ids=[p.id], include=["metadatas"])
    [back] = store.reinforce("u", [p.id, p.id], date(2023, 5, 9))
    again = backend().pieces("u")[0]
    assert (again.strength, again.last_recall_date) == (2, "2023-05-09")
    assert again == back and (again.query, again.date, again.index) == (p.query, p.date, p.index)
    after = backend()._collection("u", create=False).get(ids=[p.id], include=["metadatas"])
    assert after["metadatas"][0]["sentences"] == before["metadatas"][0]["sentences"] != ""


def test_unicode_user_names(store):
    store.add_turn("张曼婷", D1, "你好", "你好呀")
    store.add_turn(" spaced name ", D1, "hi", "hello")
    assert set(store.users()) == {"张曼婷", " spaced name "}
    assert store.pieces("张曼婷")[0].query == "你好"


def test_another_embedding_model_is_refused_with_a_clear_error(tmp_path):
    MemoryStore.open(tmp_path, embedding="e5").add_turn("u", D1, "q", "r")
    other = MemoryStore.open(tmp_path, embedding="minilm")
    with pytest.raises(StoreError, match="embed"):
        other.pieces("u")


WRITER = """
import sys, time
from datetime import date
from memory.store import MemoryStore
s = MemoryStore.open(sys.argv[1], embedding="e5")
for i in range(3):
    s.add_turn("u", date(2023, 5, 1), f"query {i}", f"response {i}")
print("written", flush=True)
time.sleep(60)
"""


def test_a_write_is_durable_when_the_call_returns(tmp_path):
    # The writer is killed with SIGKILL right after add_turn returned: no clean shutdown.
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    try:
        assert proc.stdout.readline().strip() == "written"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    reopened = MemoryStore.open(tmp_path, embedding="e5")
    assert [p.query for p in reopened.pieces("u")] == ["query 0", "query 1", "query 2"]
    found = reopened.nearest("u", reopened.embeddings.embed_query("query 1"), 3)
    assert len(found) == 3


@pytest.mark.parametrize("start, end, expected", [
    (date(2023, 5, 2), date(2023, 5, 2), ["2023-05-02"]),          # one day: listed dates
    (date(2023, 4, 30), date(2023, 5, 3), ["2023-05-01", "2023-05-02", "2023-05-03"]),
    (date(2023, 1, 1), date(2023, 5, 1), ["2023-03-01", "2023-05-01"]),   # > 62 days: a range
    (date(2023, 5, 4), date(2023, 5, 9), []),
])
def test_on_days_returns_exactly_the_pieces_of_the_span(store, start, end, expected):
    for d in ("2023-03-01", "2023-05-01", "2023-05-02", "2023-05-03", "2023-05-10"):
        store.add_turn("Emily", date.fromisoformat(d), f"on {d}", "ok")
    got = store.on_days("Emily", start, end)
    assert sorted(m.piece.date for m in got) == expected
    assert all(len(m.vector) == 384 for m in got)


@pytest.mark.parametrize("start, end", [
    (date(2023, 5, 2), date(2023, 5, 2)),   # one day, read whole
    (date(2023, 5, 1), date(2023, 5, 7)),   # a week holding more than n
    (date(2023, 4, 1), date(2023, 5, 31)),  # a span read as a range of days
])
def test_nearest_on_days_is_the_n_nearest_of_the_span_exactly(store, start, end):
    topics = ["my cat Mochi", "the piano lesson", "a rainy walk", "the dentist", "my sister"]
    for day in range(1, 8):
        for i in range(5):
            store.add_turn("Emily", date(2023, 5, day), f"Day {day}: about {topics[i]}.", "ok")
    store.add_turn("Emily", date(2023, 6, 1), "About my cat Mochi, in June.", "ok")
    emb = store.embeddings_of("Emily").embed_query("How is my cat?")
    every = store.on_days("Emily", start, end)
    got = store.nearest_on_days("Emily", emb, 6, start, end)
    assert len(got) == min(6, len(every))
    # The same pieces and order as ranking the whole span by cosine, each with its similarity.
    q = np.asarray(emb) / np.linalg.norm(emb)
    cos = {m.piece.id: float(np.asarray(m.vector) @ q / np.linalg.norm(m.vector)) for m in every}
    assert [m.piece.id for m in got] == sorted(cos, key=lambda i: -cos[i])[:len(got)]
    assert all(abs(m.similarity - cos[m.piece.id]) < 1e-4 for m in got)
    assert all(start <= m.piece.day <= end for m in got) and got[0].vector is not None
    assert store.nearest_on_days("nobody", emb, 6, start, end) == []


def test_next_turn_index_survives_long_days_gaps_and_foreign_ids(store):
    for i in range(70):  # past one probe chunk
        store.put([MemoryPiece(id=f"Emily_2023-05-01_{i}", user="Emily", date="2023-05-01",
                               kind="turn", index=i, query=f"q{i}", response="r")])
    assert store.add_turn("Emily", D1, "next", "r").index == 70
    store.delete_pieces("Emily", ["Emily_2023-05-01_70"])
    assert store.add_turn("Emily", D1, "again", "r").index == 70  # the freed last slot
    # an imported day whose turns carry their own ids: the index goes after them
    store.put([MemoryPiece(id=f"legacy-{i}", user="Emily", date="2023-05-02", kind="turn",
                           index=i, query="old", response="r") for i in range(3)])
    assert store.add_turn("Emily", date(2023, 5, 2), "new", "r").index == 3
    assert store.add_turn("Emily", date(2023, 5, 2), "newer", "r").index == 4
    assert store.count("Emily") == 71 + 5


def test_two_model_vectors_score_the_mean_of_both_models(tmp_path):
    import numpy as np

    from memory.embeddings import make_embeddings

    store = MemoryStore.open(tmp_path, embedding="auto", language="en")
    assert store.embedding_name == "minilm+e5"
    piece = store.add_turn("u", D1, "I adopted a kitten named Mochi.", "What a lovely name!")
    [(found, _, _, sim)] = store.nearest("u", store.embeddings.embed_query("my cat's name"), 1)
    minilm, e5 = make_embeddings("minilm"), make_embeddings("e5")

    def cos(a, b):
        a, b = np.asarray(a), np.asarray(b)
        return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))

    # MiniLM reads the whole exchange, e5 only what the user said.
    expected = (cos(minilm.embed_query("my cat's name"), minilm.embed_documents([piece.text])[0])
                + cos(e5.embed_query("my cat's name"), e5.embed_documents([piece.query])[0])) / 2
    assert found.id == piece.id and sim == pytest.approx(expected, abs=1e-4)


def _stored_sentences(store, piece_id, dim=384):
    from memory import sentences

    col = store._collection("u", create=False)
    return sentences.unpack(col.get(ids=[piece_id], include=["metadatas"])["metadatas"][0]
                            ["sentences"], dim)


def test_each_sentence_of_the_users_words_is_kept_with_its_turn(tmp_path):
    import numpy as np

    from memory.embeddings import make_embeddings

    store = MemoryStore.open(tmp_path, embedding="auto", language="en")
    e5 = make_embeddings("e5")
    many = store.add_turn("u", D1, "Rough morning. Picked up beans from Ridgeline Roasters.", "Nice")
    one = store.add_turn("u", D1, "I adopted a kitten named Mochi.", "What a lovely name!")
    [summary] = [store.put_summary("u", D1, "A rough morning. A kitten named Mochi.")]

    rows = _stored_sentences(store, many.id)
    expected = np.asarray(e5.embed_documents(["Rough morning.", "Picked up beans from Ridgeline Roasters."]))
    assert rows.shape == (2, 384)  # e5 on the user's words only, one row per sentence
    assert np.abs(rows - expected).max() < 2e-3
    # One sentence: its row is the user's-words half of the turn's own vector, not embedded twice.
    [vector] = store._collection("u", create=False).get(ids=[one.id], include=["embeddings"])["embeddings"]
    half = np.asarray(vector[384:]) / np.linalg.norm(vector[384:])
    assert np.abs(_stored_sentences(store, one.id)[0] - half).max() < 2e-3
    assert _stored_sentences(store, summary.id).shape == (2, 384)


def test_a_turn_of_several_sentences_is_read_by_e5_once(tmp_path):
    """Its user's-words half is the mean of its sentence vectors, not a second pass over the
    same words (BENCHMARKS.md: e5 was most of an import); a turn with more sentences than are
    kept is read whole, so that no words are left out of it."""
    import numpy as np

    from memory.embeddings import make_embeddings
    from memory.sentences import MAX_SENTENCES

    store = MemoryStore.open(tmp_path, embedding="auto", language="en")
    e5 = make_embeddings("e5")
    said = ["Rough morning.", "Picked up beans from Ridgeline Roasters.", "My sister Ana called."]
    many = store.add_turn("u", D1, " ".join(said), "Nice")
    essay = " ".join(f"Part {i} of the story is about my garden." for i in range(MAX_SENTENCES + 8))
    long = store.add_turn("u", D1, essay, "What a garden!")

    def words_half(piece):
        [v] = store._collection("u", create=False).get(ids=[piece.id],
                                                       include=["embeddings"])["embeddings"]
        return np.asarray(v[384:]) / np.linalg.norm(v[384:])

    def unit(v):
        return np.asarray(v) / np.linalg.norm(v)

    mean = unit(np.asarray(e5.embed_documents(said)).mean(axis=0))
    assert np.abs(words_half(many) - mean).max() < 2e-3
    assert np.abs(unit(e5.embed_documents([" ".join(said)])[0]) - mean).max() > 1e-2  # not the same
    assert np.abs(words_half(long) - unit(e5.embed_documents([essay])[0])).max() < 2e-3
    assert _stored_sentences(store, long.id).shape == (MAX_SENTENCES, 384)


def test_chinese_sentences_are_kept_one_row_each(tmp_path):
    store = MemoryStore.open(tmp_path, embedding="auto", language="cn")
    turn = store.add_turn("u", D1, "今天好累。下午去看牙，王医生说我的智齿要拔！晚上吃了火锅。", "辛苦了")
    assert _stored_sentences(store, turn.id).shape == (3, 384)


def test_reembed_moves_a_memory_to_another_model_and_keeps_everything(backend):
    old = backend("minilm")
    for i in range(3):
        old.add_turn("u", D1, f"note {i}: I adopted a kitten named Mochi" if i == 1 else f"note {i}", "ok")
    old.put_summary("u", D1, "Adopted a kitten.", turns=3)
    old.reinforce("u", [turn_id("u", D1.isoformat(), 1)], D2)
    before = {p.id: p for p in old.pieces("u")}

    new = backend("e5")
    with pytest.raises(StoreError, match="reembed"):
        new.pieces("u")
    assert new.embedded_with("u") == "minilm"
    assert new.reembed("u") == 4
    assert new.embedded_with("u") == "e5"
    assert {p.id: p for p in new.pieces("u")} == before  # strengths and recall dates kept
    [top] = [m.piece for m in new.nearest("u", new.embeddings.embed_query("我的猫叫什么"), 1)]
    assert top.index == 1
    import numpy as np

    from memory.embeddings import make_embeddings

    # The sentence vectors are the new model's too (MiniLM and e5 have the same length).
    e5_row = np.asarray(make_embeddings("e5").embed_documents(["note 1: I adopted a kitten named Mochi"]))
    assert np.abs(_stored_sentences(new, top.id) - e5_row).max() < 2e-3
    assert new.add_turn("u", D1, "and another", "ok").index == 3


def test_reembed_interrupted_at_the_swap_is_finished_by_running_it_again(tmp_path, monkeypatch):
    from chromadb.api.models.Collection import Collection

    MemoryStore.open(tmp_path, embedding="minilm").add_turn("u", D1, "I love the sea", "ok")
    new = MemoryStore.open(tmp_path, embedding="e5")

    def crash(self, **kw):  # the old collection is gone, the complete copy not yet renamed
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(Collection, "modify", crash)
        with pytest.raises(KeyboardInterrupt):
            new.reembed("u")
    assert new.count("u") == 0 and new.embedded_with("u") == "e5"  # held by the staging copy
    assert new.reembed("u") == 1
    assert [p.query for p in MemoryStore.open(tmp_path, embedding="e5").pieces("u")] == ["I love the sea"]


def test_a_store_made_before_profiles_had_a_fixed_vector_length_still_opens(tmp_path):
    from memory.embeddings import ChromaEmbeddingFunction
    from memory.store.chroma import cosine, PROFILES, make_client

    # Earlier releases gave profiles a vector of the embedding model's length (384 for MiniLM).
    old = make_client(tmp_path).get_or_create_collection(
        PROFILES, embedding_function=ChromaEmbeddingFunction(None, "minilm"),
        configuration=cosine())
    old.add(ids=["Emily"], documents=['{"user": "Emily", "name": "Emily"}'],
            embeddings=[[1.0] + [0.0] * 383], metadatas=[{"user": "Emily"}])
    store = MemoryStore.open(tmp_path, embedding="e5")
    store.add_turn("Bob", D1, "hello", "hi")
    assert store.users() == ["Bob", "Emily"] and store.profile("Bob").name == "Bob"


def test_each_users_memory_is_embedded_for_its_own_language(tmp_path):
    from app.memory_factory import make_retriever
    from app.settings import Settings
    from memory.embeddings import make_embeddings

    store = MemoryStore.open(tmp_path, embedding="auto", language="en")  # an English default
    store.add_turn("li", D1, "我女儿下个月要去杭州读大学了，我有点舍不得。", "孩子长大了，你一定很骄傲。")
    store.add_turn("li", D1, "晚饭做了红烧肉。", "听起来很香！")
    store.add_turn("emily", D1, "My daughter starts university in Boston next month.",
                   "You must be proud.")
    assert store.embedded_with("li") == "e5+e5" and store.embedded_with("emily") == "minilm+e5"
    assert store.embeddings_of("li") is make_embeddings("e5+e5")
    # recall reads each user's question with that user's model
    settings = Settings(data_dir=str(tmp_path))
    found = make_retriever(settings, store, "li", reinforce=False).recall(
        "孩子去哪个城市上学？", today=D2)
    assert "杭州" in found[0].page_content
    found = make_retriever(settings, store, "emily", reinforce=False).recall(
        "Where is my girl going to study?", today=D2)
    assert "Boston" in found[0].page_content
    # a store opened with the Chinese default reads both, and each keeps its model
    cn = MemoryStore.open(tmp_path, embedding="auto", language="cn")
    assert not cn.needs_reembed("emily") and len(cn.pieces("emily")) == 1
    cn.add_turn("emily", D2, "She chose to study biology.", "What a great choice!")
    cn.add_turn("li", D2, "OK, thanks.", "不客气！")
    assert cn.embedded_with("emily") == "minilm+e5" and cn.embedded_with("li") == "e5+e5"
    # a memory made with a model outside the store's choice is re-embedded for its language
    MemoryStore.open(tmp_path, embedding="minilm").add_turn("wang", D1, "我养了一只猫，叫咪咪。",
                                                            "好可爱！")
    assert store.needs_reembed("wang") and store.reembed("wang") == 1
    assert store.embedded_with("wang") == "e5+e5"


def test_chroma_rebuilds_our_embedding_function_from_a_collection(tmp_path):
    import warnings

    from memory.embeddings import ChromaEmbeddingFunction
    from memory.store import collection_name

    MemoryStore.open(tmp_path, embedding="minilm").add_turn("u", D1, "I adopted a kitten.", "Aw!")
    client = MemoryStore.open(tmp_path, embedding="minilm").client
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Could not reconstruct embedding function" is none
        col = client.get_collection(collection_name("u"))  # no function given: Chroma's own
        ef = col.configuration["embedding_function"]
        assert isinstance(ef, ChromaEmbeddingFunction) and ef.get_config() == {"model": "minilm"}
        assert "I adopted a kitten." in col.query(query_texts=["my new pet"],
                                                  n_results=1)["documents"][0][0]


def test_each_collection_records_its_own_embedding_model(tmp_path):
    # Chroma writes a collection's embedding function into the configuration dict it is given:
    # a dict shared between collections once carried the first one's model into the next ones.
    first = MemoryStore.open(tmp_path / "a", embedding="minilm")
    first.add_turn("u", D1, "I adopted a kitten.", "Aw!")
    second = MemoryStore.open(tmp_path / "b", embedding="e5")
    second.add_turn("u", D1, "我养了一只小猫。", "好可爱！")
    for store, model in ((first, "minilm"), (second, "e5")):
        ef = store.collection("u").configuration["embedding_function"]
        assert ef.get_config() == {"model": model}
