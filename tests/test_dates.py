import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from memory.dates import DateSpan, find_dates

TODAY = date(2023, 5, 10)  # a Wednesday, as in the paper's scenario


def d(month: int, day: int, year: int = 2023) -> date:
    return date(year, month, day)


def one(text: str, today: date = TODAY) -> tuple[date, date]:
    spans = find_dates(text, today)
    assert len(spans) == 1, spans
    return spans[0].start, spans[0].end


DAY = {  # text -> the single day it names, with today = 2023-05-10
    # English absolute
    "May 4th": d(5, 4), "May 4": d(5, 4), "may 4TH": d(5, 4), "4 May": d(5, 4), "4th May": d(5, 4),
    "on the 4th of May": d(5, 4), "May the 4th": d(5, 4), "April 27": d(4, 27), "Apr 27": d(4, 27),
    "Sept. 3": d(9, 3, 2022), "Sep 3rd": d(9, 3, 2022), "March 1st": d(3, 1), "June 22nd": d(6, 22, 2022),
    "May 10": d(5, 10), "May 11": d(5, 11, 2022),
    "2023-05-04": d(5, 4), "2023/5/4": d(5, 4), "5/4": d(5, 4), "05/04": d(5, 4), "12/25": d(12, 25, 2022),
    "5/4/2023": d(5, 4), "May 4, 2023": d(5, 4), "May 4th 2023": d(5, 4), "May 4, 2021": d(5, 4, 2021),
    "4 May 2022": d(5, 4, 2022), "2021-11-30": d(11, 30, 2021),
    # English relative
    "today": TODAY, "Today's plan": TODAY, "yesterday": d(5, 9), "the day before yesterday": d(5, 8),
    "a day ago": d(5, 9), "two days ago": d(5, 8), "3 days ago": d(5, 7), "ten days ago": d(4, 30),
    "last Monday": d(5, 8), "on Tuesday": d(5, 9), "last friday": d(5, 5), "Wednesday": d(5, 3),
    "last Sunday": d(5, 7), "on Thursday": d(5, 4),
    # Chinese absolute
    "5月4日": d(5, 4), "5月4号": d(5, 4), "5月4": d(5, 4), "五月四日": d(5, 4), "四月二十七号": d(4, 27),
    "二〇二三年五月四日": d(5, 4), "2023年5月4日": d(5, 4), "十二月三十一日": d(12, 31, 2022),
    "十月十日": d(10, 10, 2022), "一月十一日": d(1, 11), "二月二十日": d(2, 20), "三月三十一号": d(3, 31),
    "二零二二年两月三日": d(2, 3, 2022), "5 月 4 日": d(5, 4), "2023 年 5 月 4 日": d(5, 4), "我5月4号去的": d(5, 4),
    # Chinese relative
    "今天": TODAY, "昨天": d(5, 9), "前天": d(5, 8), "大前天": d(5, 7), "三天前": d(5, 7), "3天前": d(5, 7),
    "两天前": d(5, 8), "十天前": d(4, 30), "上周三": d(5, 3), "上星期五": d(5, 5), "上个礼拜一": d(5, 1),
    "上周日": d(5, 7), "周三": d(5, 3), "星期三": d(5, 3), "礼拜三": d(5, 3), "星期天": d(5, 7), "周四": d(5, 4),
    "这周一": d(5, 8),
}


@pytest.mark.parametrize("text,day", DAY.items())
def test_single_day(text, day):
    assert one(text) == (day, day)


LAST_WEEK = (d(5, 1), d(5, 7))
THIS_WEEK = (d(5, 8), TODAY)
FEW = (d(4, 26), d(5, 9))  # "a few days ago", "前几天": two weeks back, not just the last one
RECENT = (d(3, 26), d(5, 9))  # "recently", "最近": six weeks back
RANGE = {
    "last week": LAST_WEEK, "this week": THIS_WEEK, "last month": (d(4, 1), d(4, 30)),
    "last weekend": (d(5, 6), d(5, 7)), "a week ago": LAST_WEEK, "2 weeks ago": (d(4, 24), d(4, 30)),
    "three weeks ago": (d(4, 17), d(4, 23)), "a few days ago": FEW, "the other day": FEW, "recently": RECENT,
    "上周": LAST_WEEK, "上个星期": LAST_WEEK, "上星期": LAST_WEEK, "上个礼拜": LAST_WEEK, "上礼拜": LAST_WEEK,
    "这周": THIS_WEEK, "本周": THIS_WEEK, "这个星期": THIS_WEEK, "上个月": (d(4, 1), d(4, 30)),
    "上周末": (d(5, 6), d(5, 7)), "几天前": FEW, "前几天": FEW, "最近": RECENT, "两周前": (d(4, 24), d(4, 30)),
}


@pytest.mark.parametrize("text,span", RANGE.items())
def test_range(text, span):
    assert one(text) == span


@pytest.mark.parametrize("text,today,span", [
    # year boundary: asked on Friday 2024-01-05
    ("December 30", date(2024, 1, 5), (d(12, 30), d(12, 30))),
    ("十二月三十一日", date(2024, 1, 5), (d(12, 31), d(12, 31))),
    ("12/31", date(2024, 1, 5), (d(12, 31), d(12, 31))),
    ("January 5", date(2024, 1, 5), (date(2024, 1, 5), date(2024, 1, 5))),
    ("January 6", date(2024, 1, 5), (d(1, 6), d(1, 6))),
    ("last month", date(2024, 1, 5), (d(12, 1), d(12, 31))),
    ("上周", date(2024, 1, 5), (d(12, 25), d(12, 31))),
    ("a few days ago", date(2024, 1, 2), (d(12, 19), date(2024, 1, 1))),
    # a month alone: the latest such month, this one included
    ("in December", date(2024, 1, 5), (d(12, 1), d(12, 31))),
    ("in January", date(2024, 1, 5), (date(2024, 1, 1), date(2024, 1, 5))),  # cut at today
    ("back in March 2022", TODAY, (d(3, 1, 2022), d(3, 31, 2022))),
    ("during Feb", date(2024, 3, 1), (date(2024, 2, 1), date(2024, 2, 29))),
    ("三月份", TODAY, (d(3, 1), d(3, 31))), ("十二月", TODAY, (d(12, 1, 2022), d(12, 31, 2022))),
    ("去年五月", TODAY, (d(5, 1, 2022), d(5, 31, 2022))), ("2022年11月", TODAY, (d(11, 1, 2022), d(11, 30, 2022))),
    # leap day: asked on 2024-03-01
    ("yesterday", date(2024, 3, 1), (date(2024, 2, 29), date(2024, 2, 29))),
    ("Feb 29", date(2024, 3, 1), (date(2024, 2, 29), date(2024, 2, 29))),
    ("2月29日", date(2024, 3, 1), (date(2024, 2, 29), date(2024, 2, 29))),
    ("last month", date(2024, 3, 1), (date(2024, 2, 1), date(2024, 2, 29))),
    ("Feb 29", TODAY, (date(2020, 2, 29), date(2020, 2, 29))),  # latest Feb 29 on or before today
    ("this week", date(2023, 5, 8), (d(5, 8), d(5, 8))),  # on a Monday
    ("last Monday", date(2023, 5, 8), (d(5, 1), d(5, 1))),  # strictly before today
])
def test_other_todays(text, today, span):
    assert one(text, today) == span


@pytest.mark.parametrize("text,matched", [
    ("the day before yesterday", "the day before yesterday"),
    ("大前天", "大前天"), ("上周三", "上周三"), ("上周末", "上周末"), ("last weekend", "last weekend"),
    ("上个星期五", "上个星期五"), ("two days ago", "two days ago"), ("on the 4th of May", "the 4th of May"),
    ("May 4th, 2023", "May 4th, 2023"), ("Today's", "Today"), ("2023/5/4", "2023/5/4"),
])
def test_longest_match(text, matched):
    assert [s.text for s in find_dates(text, TODAY)] == [matched]


@pytest.mark.parametrize("text", [
    "", "I may go", "Maybe later", "the mayor spoke", "a decimal point", "mayday", "we march on",
    "May", "in Mayfair", "March 2023 was cold", "三个月前", "两个月", "每个月", "todays", "next Monday", "下周三", "每周三", "一周三次",
    "Feb 30", "February 30th", "2月30日", "13月5日", "2023-02-29", "2023-13-01", "五月一些", "这周五",
    "2030-01-01", "May 4, 2030", "some words 🙂 and \x00\x07 control", "24/7", "hello world",
])
def test_nothing(text):
    assert find_dates(text, TODAY) == []


@pytest.mark.parametrize("text", ["recently", "Lately", "the other day", "a few days ago",
                                  "a while ago", "最近", "前几天", "前阵子", "前段时间"])
def test_vague_words_are_marked(text):
    # Recall takes them as a hint of when, never as a day to rank above all others.
    [span] = find_dates(text, TODAY)
    assert span.vague
    assert not any(s.vague for s in find_dates("last week, May 4th, 上周三, in April", TODAY))


def test_several_in_order():
    spans = find_dates("Yesterday I told you about May 4th, and 上周三 we met; 昨天 was fun. Last week too.", TODAY)
    assert spans == [
        DateSpan(d(5, 9), d(5, 9), "Yesterday"),
        DateSpan(d(5, 4), d(5, 4), "May 4th"),
        DateSpan(d(5, 3), d(5, 3), "上周三"),  # 昨天 repeats yesterday: deduplicated
        DateSpan(d(5, 1), d(5, 7), "Last week"),
    ]


def test_mixed_language_sentence():
    spans = find_dates("我在May 4号和4月27日去了公园，two days ago又去了", TODAY)
    assert [(s.start, s.text) for s in spans] == [(d(5, 4), "May 4"), (d(4, 27), "4月27日"), (d(5, 8), "two days ago")]


TOKENS = [
    "May", "4th", "the", "of", "may", "mayor", "5/4", "2023-05-04", "/", "-", "last", "week", "weekend",
    "month", "days", "ago", "two", "a", "few", "yesterday", "today", "Monday", "next", "Sept.", "31",
    "0", "99999", "月", "日", "号", "年", "二〇二三", "十", "三十一", "上", "周", "星期", "礼拜", "三", "前",
    "天", "大", "几", "最近", "两", "末", "个", " ", ",", "🙂", "\x00", "\n",
]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(), st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)),
    st.dates(),
)
def test_never_raises_and_spans_are_sane(text, today):
    seen = set()
    for span in find_dates(text, today):
        assert span.start <= span.end <= today
        assert span.text and span.text in text
        assert (span.start, span.end) not in seen
        seen.add((span.start, span.end))


def test_random_token_soup_with_fixed_seed():
    rng = random.Random(20230510)
    for _ in range(2000):
        text = rng.choice([" ", ""]).join(rng.choices(TOKENS, k=rng.randint(0, 40)))
        today = date(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28))
        for span in find_dates(text, today):
            assert span.start <= span.end <= today


def test_long_input():
    text = "nothing here " * 20000 + "May 4th" + " 5" * 20000
    assert [s.start for s in find_dates(text, TODAY)] == [d(5, 4)]
