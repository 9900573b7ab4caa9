"""Calendar days a chat message names ("May 4th", "last week", "上周三"), relative to a given today.

Memory search uses them to favour pieces from those days. English and Chinese forms are found in
any text. Days after today are dropped (there is nothing remembered from them yet), and ranges
that run past today are cut at today.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Optional

Range = tuple[date, date]


@dataclass(frozen=True)
class DateSpan:
    start: date  # inclusive
    end: date  # inclusive
    text: str  # the matched words, e.g. "May 4th", "上周"
    vague: bool = False  # "recently", "前几天": a hint of when, not a day to look up


_YMD = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value: object) -> date:
    """A day written YYYY-MM-DD, as every file and form of ours writes one. Strict: Python alone
    also reads "20230510" and week dates, which nobody here means.

    >>> parse_day("2023-05-10")
    datetime.date(2023, 5, 10)
    >>> parse_day("20230510")
    Traceback (most recent call last):
    ...
    ValueError: '20230510' is not a YYYY-MM-DD date
    """
    if isinstance(value, str) and _YMD.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:  # "2023-02-30"
            pass
    raise ValueError(f"{value!r} is not a YYYY-MM-DD date")


# --- day arithmetic -------------------------------------------------------------------------

def _back(far: int, near: int) -> Callable[[date], Range]:
    return lambda t: (t - timedelta(days=far), t - timedelta(days=near))


def _week(t: date, n: int) -> Range:  # Monday..Sunday of the calendar week n weeks before this one
    mon = t - timedelta(days=t.weekday() + 7 * n)
    return mon, mon + timedelta(days=6)


def _last_month(t: date) -> Range:
    end = t.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _last_weekend(t: date) -> Range:
    sun = _week(t, 1)[1]
    return sun - timedelta(days=1), sun


def _before(t: date, weekday: int) -> Range:  # the latest such weekday strictly before t
    d = t - timedelta(days=(t.weekday() - weekday - 1) % 7 + 1)
    return d, d


def _ymd(year: Optional[int], month: int, day: int, t: date) -> Optional[Range]:
    if year is not None:
        d = date(year, month, day)
        return d, d
    # No year: the latest such day on or before t. Feb 29 may be up to 8 years back.
    for y in range(t.year, t.year - 9, -1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d <= t:
            return d, d
    return None


def _in_month(year: Optional[int], month: int, t: date) -> Range:
    """A whole month; with no year, the latest such month not after t."""
    if year is None:
        year = t.year if month <= t.month else t.year - 1
    first = date(year, month, 1)
    return first, (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)


# --- numbers --------------------------------------------------------------------------------

_EN_NUM = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_EN_NUM |= {"a": 1, "an": 1}
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN = "〇零一二两三四五六七八九十"


def _int(s: str) -> int:
    s = s.lower()
    if s.isdecimal():
        return int(s)
    if s in _EN_NUM:
        return _EN_NUM[s]
    hi, ten, lo = s.partition("十")
    if ten:  # 十 = 10, 十一 = 11, 二十 = 20, 三十一 = 31
        return (_CN_DIGIT[hi] if hi else 1) * 10 + (_CN_DIGIT[lo] if lo else 0)
    return int("".join(str(_CN_DIGIT[c]) for c in s))  # 二〇二三 = 2023, digit by digit


def _year(s: Optional[str]) -> Optional[int]:
    if s is None:
        return None
    return 2000 + int(s) if len(s) == 2 else _int(s)


# --- English --------------------------------------------------------------------------------

# Vague words name no day: people say "recently" of last week and of last month alike. Each is
# read as a window back from today, wide enough to hold what people mean by it.
_VAGUE_EN = {"a few days ago": 14, "few days ago": 14, "the other day": 14, "recently": 45,
             "lately": 45, "not long ago": 45, "a while ago": 90, "a while back": 90,
             "past few days": 10, "last few days": 10}
_VAGUE_CN = {"几天前": 14, "前几天": 14, "前些天": 14, "前些日子": 30, "最近": 45, "近来": 45,
             "不久前": 45, "前阵子": 60, "前段时间": 60, "前一阵": 60, "这几天": 10, "这些天": 10}
_FIXED_EN: dict[str, Callable[[date], Range]] = {
    "today": _back(0, 0),
    "yesterday": _back(1, 1),
    "the day before yesterday": _back(2, 2),
    **{w: _back(n, 1) for w, n in _VAGUE_EN.items()},
    "last week": lambda t: _week(t, 1),
    "this week": lambda t: _week(t, 0),  # cut at today below
    "last weekend": _last_weekend,
    "last month": _last_month,
}
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# The month must be a whole word ("mayor", "decimal" are not months) and needs a day next to it
# in the patterns below, so the verb in "I may go" never matches.
_MON = r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
_YEAR = r"(?:(?:,\s*|\s+)((?:19|20)\d\d)\b)?"
_ORD = r"(?:st|nd|rd|th)?"
_NUM = r"(\d{1,5}|an?|one|two|three|four|five|six|seven|eight|nine|ten)"


def _fixed_pattern(words) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _month(s: str) -> int:
    return _MONTHS.index(s[:3].lower()) + 1


_EN_RULES: list[tuple[str, Callable[[re.Match, date], Optional[Range]]]] = [
    (rf"\b(?:{_fixed_pattern(_FIXED_EN)})\b", lambda m, t: _FIXED_EN[" ".join(m[0].lower().split())](t)),
    (rf"\b{_NUM}\s+days?\s+ago\b", lambda m, t: _back(_int(m[1]), _int(m[1]))(t)),
    (rf"\b{_NUM}\s+weeks?\s+ago\b", lambda m, t: _week(t, _int(m[1]))),
    # "next Monday" is ahead of today, not a day to remember
    (rf"(?<!next )\b(?:(?:last|on|this\s+past)\s+)?({'|'.join(_WEEKDAYS)})\b",
     lambda m, t: _before(t, _WEEKDAYS.index(m[1].lower()))),
    (r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)", lambda m, t: _ymd(int(m[1]), int(m[3]), int(m[4]), t)),
    # US order: 5/4 is May 4th; the look-arounds keep it out of 2023/5/4 and 1/2/3/4
    (r"(?<![\d/.-])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])",
     lambda m, t: _ymd(_year(m[3]), int(m[1]), int(m[2]), t)),
    (rf"{_MON}(?:\.\s*|\s+)(?:the\s+)?(\d{{1,2}}){_ORD}\b{_YEAR}",
     lambda m, t: _ymd(_year(m[3]), _month(m[1]), int(m[2]), t)),
    (rf"\b(?:the\s+)?(\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MON}{_YEAR}",
     lambda m, t: _ymd(_year(m[3]), _month(m[2]), int(m[1]), t)),
    # A month alone needs a preposition before it, so "I may go" and "march on" are not months.
    (rf"\b(?:in|during|back\s+in|since|last|this\s+past)\s+{_MON}{_YEAR}"
     rf"(?!\s*(?:the\s+)?\d{{1,2}}(?!\d))",
     lambda m, t: _in_month(_year(m[2]), _month(m[1]), t)),
]

# --- Chinese --------------------------------------------------------------------------------

_FIXED_CN: dict[str, Callable[[date], Range]] = {
    "今天": _back(0, 0), "今日": _back(0, 0), "昨天": _back(1, 1), "昨日": _back(1, 1),
    "前天": _back(2, 2), "大前天": _back(3, 3), **{w: _back(n, 1) for w, n in _VAGUE_CN.items()},
    **dict.fromkeys(["上周", "上个周", "上星期", "上个星期", "上礼拜", "上个礼拜"], lambda t: _week(t, 1)),
    **dict.fromkeys(["这周", "本周", "这星期", "这个星期", "本星期"], lambda t: _week(t, 0)),
    "上周末": _last_weekend, "上个周末": _last_weekend, "上月": _last_month, "上个月": _last_month,
}


def _cn_year(s: Optional[str], t: date) -> Optional[int]:
    if not s:
        return None
    return {"去年": t.year - 1, "今年": t.year}.get(s) or _year(s.rstrip("年 "))


def _cn_weekday(m: re.Match, t: date) -> Range:
    weekday = min("一二三四五六日天".index(m[2]), 6)
    prefix = m[1] or ""
    if not prefix:
        return _before(t, weekday)
    d = _week(t, 1 if prefix.startswith("上") else 0)[0] + timedelta(days=weekday)
    return d, d  # 这周五 while it is still ahead is dropped below


_CN_RULES: list[tuple[str, Callable[[re.Match, date], Optional[Range]]]] = [
    (_fixed_pattern(_FIXED_CN), lambda m, t: _FIXED_CN[m[0]](t)),
    (rf"([\d{_CN}]+)\s*天\s*前", lambda m, t: _back(_int(m[1]), _int(m[1]))(t)),
    (rf"([\d{_CN}]+)\s*个?\s*(?:周|星期|礼拜)\s*前", lambda m, t: _week(t, _int(m[1]))),
    # Not 下周三 (ahead), 每周三 (every Wednesday), 一周三次 (three times a week).
    (rf"(?<![每下个\d{_CN}几])(上个?|这个?|本)?(?:周|星期|礼拜)([一二三四五六日天])", _cn_weekday),
    # Day in Chinese numerals needs 日/号, so 五月一些 is not May 1st; 5月4 is fine.
    (rf"(?<![\d{_CN}])(?:([\d〇零一二三四五六七八九]{{4}})\s*年\s*)?([\d{_CN}]{{1,3}})\s*月\s*"
     rf"(\d{{1,2}}(?!\d)|[{_CN}]{{1,3}}(?=\s*[日号號]))(?:\s*[日号號])?",
     lambda m, t: _ymd(_year(m[1]), _int(m[2]), _int(m[3]), t)),
    # A month alone: 三月, 3月份, 去年五月, 2024年3月; not 三个月 (a length) nor 月3日 (a day).
    (rf"(?<![\d{_CN}个])(?:(去年|今年|[\d〇零一二三四五六七八九]{{4}}\s*年)\s*)?"
     rf"(十[一二]|[一二三四五六七八九十]|1[0-2]|0?[1-9])\s*月份?(?!\s*[\d{_CN}]|[日号號])",
     lambda m, t: _in_month(_cn_year(m[1], t), _int(m[2]), t)),
]

_RULES = [(re.compile(p, re.I | re.A), f) for p, f in _EN_RULES] + [(re.compile(p), f) for p, f in _CN_RULES]


def find_dates(text: str, today: date) -> list[DateSpan]:
    """Every date or date range the text names, in order of appearance, deduplicated.

    >>> [(s.text, s.start.isoformat()) for s in find_dates("Did I run on May 3rd?", date(2023, 5, 10))]
    [('May 3rd', '2023-05-03')]
    >>> [(s.text, s.start.isoformat()) for s in find_dates("我上周三去哪儿了？", date(2023, 5, 10))]
    [('上周三', '2023-05-03')]
    """
    if not isinstance(text, str) or not text:
        return []
    found = []
    for pattern, resolve in _RULES:
        for m in pattern.finditer(text):
            try:
                span = resolve(m, today)
            except (ValueError, KeyError, OverflowError):  # Feb 30, 13月, dates beyond date's range
                span = None
            # Invalid matches still claim their words, so "Feb 30" yields nothing rather than a part.
            found.append((m.start(), m.end(), span))
    # Longest first: "the day before yesterday" over "yesterday", "上周三" over "上周".
    taken = bytearray(len(text))
    kept = []
    for s, e, span in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        if span is not None:
            kept.append((s, e, span))
    out, seen = [], set()
    for s, e, (start, end) in sorted(kept, key=lambda k: k[0]):
        end = min(end, today)
        if start > end or (start, end) in seen:
            continue
        seen.add((start, end))
        words = " ".join(text[s:e].lower().split())
        out.append(DateSpan(start, end, text[s:e], words in _VAGUE_EN or words in _VAGUE_CN))
    return out
