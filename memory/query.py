"""What a recall query asks beyond its words: the days it names and whether it asks how things
stand now.

Date words steer recall through `memory.dates` and are taken out of the text that is embedded
and matched word for word, so that "last Wednesday" does not pull in every memory that mentions
a weekday. A vague one ("recently", "前几天") only hints at a window: what was said two weeks
before "recently" must still be found. A question about
the present ("where do I live now?", "我现在在哪工作？") should get the latest word on a fact
that changed: the retriever favours, for it, a turn that supersedes another.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from memory.dates import DateSpan, find_dates
from memory.lexical import tokens

_NOW = re.compile(r"\b(?:now|currently|these days|nowadays|at the moment|at present|latest|"
                  r"still)\b|现在|目前|如今|最新|这阵子|眼下|还在", re.I)
# Words that ask what happened without saying about what: "what have I been up to", "我最近在忙些
# 什么". With the stop words they leave an open question nothing to be similar to.
_OPEN_WORDS = (
    "have has had be been being was were am is are up to doing done go going went happen "
    "happened happening anything something everything thing things stuff new life lately we us "
    "our talk talked talking chat chatted discuss discussed going on "
    "做 做了 干 干嘛 干啥 忙 忙些 忙啥 忙什么 过 过得 怎么样 怎样 如何 啥 些 事 事情 事儿 新鲜事 发生 "
    "聊 聊过 聊了 谈 谈过 都 呢 我过得").split()  # "我过得怎么样": the segmenter reads "我过"
_OPEN = frozenset(t for w in _OPEN_WORDS for t in (w, *tokens(w)))  # as `tokens` reads them


@dataclass(frozen=True)
class Query:
    text: str  # as asked
    to_embed: str  # without its date and "now" words, unless nothing else is left
    spans: list[DateSpan]  # days it names: looked up and ranked first
    hints: list[DateSpan]  # windows its vague words suggest ("recently"): a nudge, not a filter
    about_now: bool
    open: bool = False  # asks what happened, about nothing in particular ("what did I do?")

    @property
    def recap(self) -> bool:
        """An open question about a time ("what did I do recently?"): answered by what happened
        in its days, not by the memories nearest its words."""
        return self.open and bool(self.spans or self.hints)


def read_query(text: str, today: date) -> Query:
    """What a question asks, as recall reads it: its words without the date words, the days
    it names, the window of a vague time word, and whether it is about now.

    >>> q = read_query("What did I cook last weekend?", date(2023, 5, 10))
    >>> q.to_embed, [(s.start.isoformat(), s.end.isoformat()) for s in q.spans]
    ('What did I cook ?', [('2023-05-06', '2023-05-07')])
    >>> q = read_query("Recently I went on a trip, where?", date(2023, 5, 10))
    >>> q.spans, [(h.text, h.start.isoformat(), h.end.isoformat()) for h in q.hints]
    ([], [('Recently', '2023-03-26', '2023-05-09')])
    >>> read_query("Where do I live now?", date(2023, 5, 10)).about_now
    True
    """
    spans = find_dates(text, today)
    rest = text
    for span in spans:
        rest = rest.replace(span.text, " ")
    about_now = bool(_NOW.search(text))
    rest = " ".join(_NOW.sub(" ", rest).split())
    return Query(text, rest if re.search(r"\w", rest) else text,
                 [s for s in spans if not s.vague], [s for s in spans if s.vague], about_now,
                 open=not [w for w in tokens(rest) if w not in _OPEN])

