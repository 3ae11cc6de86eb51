"""Pay amounts and ranges in job-posting text: "$120,000–$150,000", "€60k – €75k",
"USD 50 to 60 per hour", "£45,000 to £55,000 per annum".

Pay-transparency laws want the range in the posting; this module only reads what is written
(amount, currency, low and high) so the check can judge it. A range without a currency counts
as pay only when it looks like money (thousands, a "k", or "per hour") next to a pay word, so
"3-5 years" and "10-20%" are never read as pay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_CODES = "USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|INR|SEK|NOK|DKK|PLN|CZK|HUF|RON|SGD|HKD|ZAR|BRL|MXN|ILS"
_SYMBOL = r"(?:US\$|CA\$|C\$|AU\$|A\$|NZ\$|S\$|HK\$|R\$|[$€£¥₹])"
_BEFORE = rf"(?:{_SYMBOL}\s?|(?:{_CODES})\s?)"
_AFTER = rf"(?:\s?(?:{_CODES})\b|\s?[€£]|\s?(?:euros?|pounds|dollars)\b)"
_AMOUNT = r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:\.\d{1,2})?"
_SUFFIX = r"(?:\s?[kKmM](?![\w]))?"
_SIDE = r"(?P<pre{n}>{before})?(?P<num{n}>{amount})(?P<suf{n}>{suffix})(?P<post{n}>{after})?"
_DASH = r"\s*(?:-|–|—|‒|to|and|bis|à)\s*"

RANGE = re.compile(
    r"(?<![\w.,])"
    + _SIDE.format(n=1, before=_BEFORE, amount=_AMOUNT, suffix=_SUFFIX, after=_AFTER)
    + _DASH
    + _SIDE.format(n=2, before=_BEFORE, amount=_AMOUNT, suffix=_SUFFIX, after=_AFTER)
    + r"(?![\w%])(?!\s*(?:%|percent|years?|yrs?|months?|weeks?|days|people|hours?\s+(?!per)|"
    r"employees|engineers|reports)\b)",
    re.IGNORECASE,
)
AMOUNT = re.compile(
    rf"(?<![\w.,])(?:(?P<pre>{_BEFORE})(?P<num>{_AMOUNT})(?P<suf>{_SUFFIX})"
    rf"|(?P<num2>{_AMOUNT})(?P<suf2>{_SUFFIX})(?P<post>{_AFTER}))(?![\w%])",
    re.IGNORECASE,
)
PAY_WORDS = re.compile(
    r"\b(?:salary|salaries|pay|paid|compensation|remuneration|wages?|base|OTE|earnings|"
    r"rate|per\s+(?:hour|year|annum|month)|hourly|annual(?:ly)?|yearly|gross)\b",
    re.IGNORECASE,
)
_PER = re.compile(r"^\s*(?:/|per|an?)\s*(?:hour|hr|year|yr|annum|month)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PayRange:
    start: int  # offsets into the text searched
    end: int
    text: str
    low: float
    high: float
    currency: str | None  # as written ("$", "EUR"), None when neither end names one


def pay_ranges(text: str) -> Iterator[PayRange]:
    """Ranges of money in `text`: with a currency, or without one next to a pay word."""
    if not any(c.isdigit() for c in text):
        return
    for match in RANGE.finditer(text):
        currency = next(
            (match.group(g).strip() for g in ("pre1", "post1", "pre2", "post2") if match.group(g)),
            None,
        )
        low = _value(match.group("num1"), match.group("suf1"))
        high = _value(match.group("num2"), match.group("suf2"))
        if match.group("suf2").strip() and not match.group("suf1").strip() and low < 1000:
            low *= _scale(match.group("suf2"))  # "$60-75k": the "k" is meant for both
        if currency is None and not _looks_like_pay(text, match):
            continue
        yield PayRange(match.start(), match.end(), match.group(), low, high, currency)


def pay_amounts(text: str) -> Iterator[tuple[int, int]]:
    """Single amounts with a currency next to a pay word ("a base salary of $120,000")."""
    if not PAY_WORDS.search(text):
        return
    for match in AMOUNT.finditer(text):
        yield match.span()


def _looks_like_pay(text: str, match: re.Match[str]) -> bool:
    money = any(
        match.group(f"suf{n}").strip()
        or re.search(r"\d[,.\u00a0\u202f ]\d{3}", match.group(f"num{n}"))
        for n in (1, 2)
    )
    money = money or bool(_PER.match(text[match.end() :]))
    sentence = _sentence(text, match.start(), match.end())
    return money and bool(PAY_WORDS.search(sentence))


def _sentence(text: str, start: int, end: int) -> str:
    begin = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stop = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[begin : min(stop) if stop else len(text)]


def _value(number: str, suffix: str) -> float:
    digits = re.sub(r"[,.\u00a0\u202f ](?=\d{3}(?:\D|$))", "", number).replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return 0.0
    return value * _scale(suffix)


def _scale(suffix: str) -> float:
    letter = suffix.strip().lower()
    return 1000.0 if letter == "k" else 1_000_000.0 if letter == "m" else 1.0
