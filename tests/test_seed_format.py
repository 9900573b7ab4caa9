import json
from datetime import date

import pytest

from conftest import seed_file
from memory.seed_format import (SeedFormatError, export_bank, import_banks, import_file,
                                parse_bank, read_bank)
from memory.store import MemoryStore


def trimmed(path) -> dict:
    return {k.strip(): v for k, v in json.loads(path.read_text(encoding="utf-8")).items()}


@pytest.mark.parametrize("lang,embedding", [("en", "minilm"), ("cn", "e5")])
def test_seed_files_import_unchanged_and_export_losslessly(tmp_path, lang, embedding):
    path = seed_file(lang)
    store = MemoryStore.open(tmp_path, embedding=embedding)
    written = import_file(store, path)
    original = trimmed(path)
    assert sum(written.values()) == 566
    assert len(store.users()) == 15
    assert export_bank(store) == original
    # importing the same file again duplicates nothing
    import_file(store, path)
    assert export_bank(store) == original


def test_english_seed_quirks_survive(tmp_path):
    store = MemoryStore.open(tmp_path, embedding="minilm")
    import_file(store, seed_file("en"))
    assert {"Jason", "Linda", "Ivy", "Roland"} <= set(store.users())
    john = export_bank(store, ["John Zhang"])["John Zhang"]
    assert john["history"]["2023-05-05"] == []


WILD = {
    " Old Format ": {
        "name": "Old Format",
        "summary": {"2023-05-01": "She talked about her cat.",
                    "2023-05-02": {"content": "She went swimming.", "memory_strength": 3,
                                   "last_recall_date": "2023-05-05"}},
        "personality": {"2023-05-01": "Cheerful.", "2023-05-02": {"content": "Calm."}},
        "overall_history": "A cat lover who swims.",
        "overall_personality": "Warm and curious.",
        "history": {
            "2023-05-01": [["My cat is Mochi.", "Cute!"],
                           {"query": "I like tea.", "response": "Me too.", "memory_strength": 2,
                            "last_recall_date": "2023-05-03", "memory_id": "Old Format_2023-05-01_1",
                            "mood": "happy"}],
            "2023-05-02": [],
            "2023-05-03": [{"query": "I swam.", "response": "Great!", "memory_strength": 1,
                            "last_recall_date": "2023-05-03", "memory_id": "custom-id"}],
        },
        "meta_information": {"name": "Old Format", "hobbies": ["tea"]},
        "custom_key": [1, 2, 3],
    }
}


def test_every_wild_form_is_read_and_kept(store):
    import_banks(store, parse_bank(WILD))
    out = export_bank(store)["Old Format"]
    assert out["history"]["2023-05-01"] == [
        {"query": "My cat is Mochi.", "response": "Cute!"},
        {"query": "I like tea.", "response": "Me too.", "mood": "happy", "memory_strength": 2,
         "last_recall_date": "2023-05-03", "memory_id": "Old Format_2023-05-01_1"}]
    assert out["history"]["2023-05-02"] == []
    assert out["history"]["2023-05-03"][0]["memory_id"] == "custom-id"
    assert out["summary"] == {
        "2023-05-01": {"content": "She talked about her cat."},
        "2023-05-02": {"content": "She went swimming.", "memory_strength": 3,
                       "last_recall_date": "2023-05-05", "memory_id": "Old Format_2023-05-02_summary"}}
    assert out["personality"] == {"2023-05-01": {"content": "Cheerful."},
                                  "2023-05-02": {"content": "Calm."}}
    assert out["overall_personality"] == "Warm and curious."
    assert out["meta_information"] == {"name": "Old Format", "hobbies": ["tea"]}
    assert out["custom_key"] == [1, 2, 3]
    tea = next(p for p in store.pieces("Old Format") if p.query == "I like tea.")
    assert (tea.strength, tea.last_recall_date) == (2, "2023-05-03")


def test_export_is_a_fixed_point(store, tmp_path):
    import_banks(store, parse_bank(WILD))
    first = export_bank(store)
    other = MemoryStore.open(tmp_path / "other", embedding="minilm")
    import_banks(other, parse_bank(first))
    assert export_bank(other) == first


def test_a_question_for_something_told_keeps_its_mark_through_export_and_import(store, tmp_path):
    store.add_turn("Emily", date(2023, 5, 1), "What is my cat called?", "I don't think you've "
                   "told me.", asked=True)
    store.add_turn("Emily", date(2023, 5, 1), "Her name is Mochi.", "Lovely!")
    other = MemoryStore.open(tmp_path / "other", embedding="minilm")
    import_banks(other, parse_bank(export_bank(store)))
    assert [p.asked for p in other.pieces("Emily")] == [True, False]


def _with(path_value, **changes):
    bank = json.loads(json.dumps(WILD))
    user = bank[" Old Format "]
    for key, value in changes.items():
        user[key] = value
    if path_value:
        path_value(user)
    return bank


BAD = [
    (lambda u: u["history"]["2023-05-01"].append({"query": "q", "response": 5}),
     "Old Format", "2023-05-01", "history[2023-05-01][2].response"),
    (lambda u: u["history"]["2023-05-03"].append({"query": "q"}),
     "Old Format", "2023-05-03", "history[2023-05-03][1].response"),
    (lambda u: u["history"].update({"2023-13-01": []}), "Old Format", None, "history"),
    (lambda u: u["history"].update({"2023-05-04": "not a list"}),
     "Old Format", "2023-05-04", "history[2023-05-04]"),
    (lambda u: u["history"]["2023-05-01"].append(["only one"]),
     "Old Format", "2023-05-01", "history[2023-05-01][2]"),
    (lambda u: u["history"]["2023-05-03"][0].update(memory_strength=0),
     "Old Format", "2023-05-03", "history[2023-05-03][0].memory_strength"),
    (lambda u: u["history"]["2023-05-03"][0].update(last_recall_date="yesterday"),
     "Old Format", None, "history[2023-05-03][0].last_recall_date"),
    (lambda u: u["summary"].update({"2023-05-04": {"text": "x"}}),
     "Old Format", "2023-05-04", "summary[2023-05-04]"),
    (lambda u: u.update(overall_history=["x"]), "Old Format", None, "overall_history"),
    (lambda u: u["history"]["2023-05-03"][0].update(memory_id="Old Format_2023-05-01_1"),
     "Old Format", "2023-05-03", "memory_id"),
]


@pytest.mark.parametrize("change,user,day,field", BAD)
def test_malformed_file_names_user_date_field_and_changes_nothing(store, tmp_path, change, user,
                                                                   day, field):
    store.add_turn("Old Format", __import__("datetime").date(2023, 4, 1), "kept", "kept")
    before = export_bank(store)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_with(change)), encoding="utf-8")
    with pytest.raises(SeedFormatError) as err:
        import_file(store, path)
    assert (err.value.user, err.value.day, err.value.field) == (user, day, field)
    assert field in str(err.value) and user in str(err.value)
    assert export_bank(store) == before


@pytest.mark.parametrize("content,message", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "object keyed by user"),
    ('{"a": {}, " a ": {}}', "name the same user"),
    ('{"u": []}', "expected an object"),
])
def test_unreadable_files_get_clear_errors(tmp_path, content, message):
    path = tmp_path / "f.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SeedFormatError, match=message):
        read_bank(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "f.json"
    path.write_bytes(b'{"u": "\xff\xfe"}')
    with pytest.raises(SeedFormatError, match="UTF-8"):
        read_bank(path)
