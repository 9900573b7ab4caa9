"""Which language a text is in: Chinese when a fair share of its letters are CJK ideographs."""
from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect(text: str, default: str = "en") -> str:
    """"cn" or "en"; `default` when the text has no letters of either (emoji, digits).

    >>> detect("我今天去爬山了"), detect("I went hiking today."), detect("OK 好的"), detect("42")
    ('cn', 'en', 'cn', 'en')
    """
    cjk, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    if not cjk and not latin:
        return default
    # A CJK character carries about a word; Latin letters about five to a word.
    return "cn" if cjk * 5 >= latin else "en"
