"""Word matching for recall: BM25 over the candidates that dense search and dates found.

Dense models miss rare words (a name, "club" in "joined the marine biology club"); BM25 scores
them by how rare they are among the candidates. English words are lower-cased and stemmed
(Snowball), Chinese text is cut into words (jieba); stop words drop out. The index is built per
recall over a few dozen candidates, so it needs no upkeep and sees exactly what Chroma holds.
"""
from __future__ import annotations

import re
from functools import lru_cache

import bm25s
import rjieba
import Stemmer
from bm25s.stopwords import STOPWORDS_CHINESE, STOPWORDS_EN

# Question words and the small words of chat carry nothing about which memory is meant.
_EN_STOP = frozenset(STOPWORDS_EN) | frozenset(
    "did does do what which who whom whose where when how why my me i you your now tell told say "
    "said about name named ve s t m ll d re im".split())
_CN_STOP = frozenset(STOPWORDS_CHINESE) | frozenset(
    "我 你 他 她 它 的 了 吗 呢 吧 啊 呀 么 是 在 和 跟 有 过 什么 哪个 哪些 哪里 哪儿 谁 怎么 为什么 多少 几 "
    "现在 时候 告诉 说 我们 你们 一下 一次".split())
_WORD = re.compile(r"[a-z0-9]+")
_HAN = re.compile(r"^[\u3400-\u9fff]+$")


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(tokens(text))


def token_set(text: str) -> frozenset[str]:
    """The distinct `tokens` of a text (read once per text: a piece's words never change)."""
    return frozenset(_tokens(text))


def tokens(text: str) -> list[str]:
    """Stemmed English words and Chinese words of `text`, stop words dropped."""
    lowered = text.lower().replace("'", " ")
    out = _stemmer().stemWords([w for w in _WORD.findall(lowered) if w not in _EN_STOP])
    out += [w for w in rjieba.cut(text) if _HAN.match(w) and w not in _CN_STOP]
    return out


def bm25_scores(query: str, texts: list[str]) -> list[float]:
    """BM25 of each text for the query, the statistics taken over `texts`; all 0 if no word of
    the query occurs in them."""
    q = tokens(query)
    # A piece's words never change, and the same pieces come back recall after recall.
    docs = [list(_tokens(t)) for t in texts]
    if not q or not any(docs):
        return [0.0] * len(texts)
    index = bm25s.BM25()
    index.index(docs, show_progress=False)
    return [float(x) for x in index.get_scores(q)]
