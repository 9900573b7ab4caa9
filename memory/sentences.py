"""The user's words sentence by sentence: each sentence's vector, kept with its memory.

A turn often says one fact among small talk ("Parents' evening: Mrs Pugh says Bailey is flying in
maths. I held it together till the car."); one vector for the whole blurs the fact, the best
matching sentence does not (EVALUATION.md has the measurements). The vectors live in the piece's
own Chroma metadata, packed as float16, so they are written, copied, faded and deleted together
with the piece and need no collection or bookkeeping of their own.
"""
from __future__ import annotations

import base64
import binascii
import re

import numpy as np

MAX_SENTENCES = 32  # a pasted essay keeps its first 32 sentences' vectors: metadata stays small
_END = re.compile(r"(?<=[.!?。！？])\s*|\n+")
_ASKED = re.compile(r"[?？][\"'”’)）]*$")
_CLAUSE = re.compile(r"[,，;；:：、]")
MAX_ASKING_CLAUSES = 3  # "我女儿叫什么名字，你还记得吗？"; a longer one tells as it asks


def split(text: str, cap: int | None = MAX_SENTENCES) -> list[str]:
    """The first `cap` sentences of `text` (English and Chinese end marks, line breaks; None:
    all); never empty."""
    parts = [s.strip() for s in _END.split(text) if s and s.strip()]
    return parts[:cap] or [text.strip()]


def only_asks(text: str) -> bool:
    """Whether `text` only asks ("What is my cat called?", "我女儿叫什么名字，你还记得吗？"): every
    sentence ends in a question mark and it has at most `MAX_ASKING_CLAUSES` clauses. Chinese
    runs what it tells and what it asks into one sentence ("安安最近什么青菜都不吃，夹到碗里就吐
    出来，我快崩溃了，有没有什么办法？"): that tells, and is not counted."""
    parts = split(text, None)
    return (bool(text.strip()) and all(_ASKED.search(s) for s in parts)
            and len(clauses(text)) <= MAX_ASKING_CLAUSES)


def clauses(text: str) -> list[str]:
    """`text` cut at commas, semicolons and colons (English and Chinese), empty parts dropped."""
    return [c.strip() for c in _CLAUSE.split(text) if c.strip()]


# A greeting at the start of a turn ("Hi, AI companion.", "你好啊AI伴侣，", "Good morning my
# friend."): said back from a memory it became the memory ("5月5日，你告诉我你好，朋友。").
_GREETING = re.compile(
    r"(?:hi|hello|hey|hiya|howdy|greetings|good (?:morning|afternoon|evening|day))(?![a-z])|"
    r"(?:morning|evening)(?=\W*$)|"  # alone: "Morning!", not "Morning run was great"
    r"(?:你好|您好|大家好|嗨|哈喽|哈啰|嘿|早安|早啊|早呀|(?:早上|上午|中午|下午|晚上)好(?![累困冷热忙饿烦]))",
    re.I)
_LEAD = re.compile(r"\s*([^,，.。!！?？~～;；:：\n]*)([,，.。!！?？~～;；:：\n]+\s*|$)")
_OWN = re.compile(r"\b(?:I|I'm|me|mine)\b|\bmy\b(?!\s+(?:dear\s+)?(?:friend|buddy|pal)\b)"
                  r"|[我俺咱叫]|\d", re.I)  # what tells: not "my friend"
_GREETING_SIZE = {"words": 4, "chars": 10}  # a greeting with its address, no more
_ADDRESS_SIZE = {"words": 3, "chars": 6}  # "AI companion." after "Hi,", "朋友。" after "你好，"
# An address is names and words for a friend, never a verb ("Hi, it's raining.", "你好，降温了。")
_ADDRESS = re.compile(r"(?:\s*(?:[A-Z][\w'-]*|there|my|dear|friend|buddy|pal|companion|everyone"
                      r"|all|o|ai))+\s*|(?=.*[\u4e00-\u9fff])[^了过着在是有要会想去说]+")


def _short(clause: str, size: dict) -> bool:
    if re.search(r"[\u4e00-\u9fff]", clause):
        return len(re.sub(r"\s", "", clause)) <= size["chars"]
    return len(clause.split()) <= size["words"]


def without_greeting(text: str) -> str:
    """`text` without the greeting it opens with and whom it greets ("Hi, AI companion. Today I
    went..." -> "Today I went...", "你好，朋友。今天的天气真好" -> "今天的天气真好"); anything that
    tells (a name after "I'm"/"我叫", a number) is kept, and so is a text that is only a greeting."""
    lead = _LEAD.match(text)
    clause, mark = lead[1], lead[2]
    if not (_GREETING.match(clause) and _short(clause, _GREETING_SIZE) and not _OWN.search(clause)):
        return text
    rest = text[lead.end():]
    if mark.strip() in {",", "，"}:  # then whom it greets, when a sentence or clause of its own
        address = _LEAD.match(rest)
        if (address[1] and address[2].strip() and _short(address[1], _ADDRESS_SIZE)
                and _ADDRESS.fullmatch(address[1]) and not _OWN.search(address[1])):
            rest = rest[address.end():]
    rest = rest.strip()
    return rest[:1].upper() + rest[1:] if rest else text


def pack(vectors: np.ndarray) -> str:
    """Unit vectors, one row per sentence, as float16 in base64 (768 bytes per e5 sentence)."""
    v = np.asarray(vectors, dtype=np.float32)
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    return base64.b64encode(v.astype("<f2").tobytes()).decode("ascii")


def unpack(packed: str, dim: int) -> np.ndarray | None:
    """The rows that `pack` wrote, as float32; None if absent or not of this length."""
    if not packed or dim <= 0:
        return None
    try:
        raw = np.frombuffer(base64.b64decode(packed, validate=True), dtype="<f2")
    except (binascii.Error, ValueError):
        return None  # damaged: the piece is scored by its own vector alone
    if not raw.size or raw.size % dim:
        return None  # written by another model: ignored until `reembed` rewrites it
    return raw.reshape(-1, dim).astype(np.float32)
