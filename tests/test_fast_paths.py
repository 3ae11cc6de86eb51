"""Fast paths give the answers of the plain definitions they stand in for.

Rule code skips work with cheap tests (letter masks, ASCII-only substitutions, memos, upper
bounds). Each test here compares a fast path with a straightforward version of the same
definition on inputs chosen to hit its edge cases.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from importlib import resources
from itertools import combinations
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.checks.collapsed_list import _CUT, _ends_cut
from jdlint.checks.copy_differences import differences, same_in_substance
from jdlint.checks.lost_items import _LOWER_WORD, _MID_SENTENCE, _SPACED_HYPHEN
from jdlint.checks.near_copies import SHINGLE, candidate_pairs, similar_pairs
from jdlint.checks.paragraphs import Paragraph, folded_words, paragraph_of, words
from jdlint.checks.pay import _HISTORY
from jdlint.checks.role_references import _OWN_ROLE, _REPORTS_TO
from jdlint.document.build import build_document
from jdlint.document.gated_pattern import GatedPattern
from jdlint.document.grade_statements import _GRADE_WORD, _LINKED_NUMBER, _UNREADABLE
from jdlint.domain.family_facts import _AS_AN
from jdlint.handbook.slugs import gitlab_slug, goldmark_slug, kramdown_slug
from jdlint.rulepacks import dictionaries
from jdlint.rulepacks.dictionaries import NearIndex, distance
from jdlint.rulepacks.patterns import Origin, PatternTimeout, compile_pattern, search_all
from jdlint.rulepacks.spelling import Spelling, _scan

VOCABULARY = [
    "services",
    "series",
    "service",
    "customer",
    "customers",
    "costumer",
    "functional",
    "function",
    "fictional",
    "calendar",
    "coupa",
    "could",
    "cloud",
    "sevices",
    "services's",
    "abcd",
    "abdc",
    "bacd",
    "abcdef",
    "ab",
    "a",
    "xyzzy",
    "serv",
    "servicesxx",
]
QUERIES = [
    "serives",
    "sevrices",
    "cusomter",
    "funcitonal",
    "calendly",
    "acbd",
    "abcd",
    "abc",
    "a",
    "servic",
    "servicesx",
    "zzz",
    "customr",
    "ervices",
]


@pytest.mark.parametrize("query", QUERIES)
def test_near_index_finds_every_word_within_two_edits_with_the_same_letter(query: str) -> None:
    expected = {
        w for w in VOCABULARY if w[:1] == query[:1] and w != query and distance(query, w) <= 2
    }
    assert NearIndex(VOCABULARY).near(query) == expected


def _reference_word(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LMN" or category == "Pc"


HEADINGS = [
    "Senior Widget Engineer",
    "  Manager, Sales (EMEA)  ",
    "A - B",
    "a\tb",
    "under_score",
    "Tabs\t\tand  spaces",
    "Q&A: what's new?",
    "100% remote!",
    "--dash--",
    "\x0bcontrol\x1c",
    "C++ / C#",
    "",
    "   ",
    "Über Café",
    "İstanbul office",
]


@pytest.mark.parametrize("text", HEADINGS)
def test_slugs_of_ascii_headings_match_the_character_by_character_definitions(text: str) -> None:
    lower = text.strip().lower()  # no template tags in these headings
    kramdown = "".join(c for c in lower if _reference_word(c) or c in "- \t")
    assert kramdown_slug(text) == kramdown.replace(" ", "-").replace("\t", "-")
    gitlab = "".join(c for c in text.lower() if _reference_word(c) or c in "- ").replace(" ", "-")
    while "--" in gitlab:
        gitlab = gitlab.replace("--", "-")
    assert gitlab_slug(text) == gitlab
    goldmark = "".join(
        "-" if c in "- " else c.lower()
        for c in text.strip()
        if c in "- _" or unicodedata.category(c)[0] in "LN"
    )
    assert goldmark_slug(text) == goldmark


def test_paragraph_words_drop_punctuation_and_underscore_only_tokens() -> None:
    text = "__ a_b ’quoted’ end. -- 3.5% foo@bar.com, (x) _ ok…"
    assert words(text) == ("a_b", "'quoted", "end", "3.5", "foo@bar.com", "x", "ok")


def test_spelling_scan_finds_the_words_the_matches_find() -> None:
    spelling = Spelling.from_spec({"kind": "spelling"}, Origin("test.yml", "spelling"))
    text = (
        "Multi-year co-founder plans: the cross-functional team's path/to/file, e-mail "
        "a@b.com and v2.0 \x1a\x1a\x1a don\u2019t re-run non-stop pre- and post-sales."
    )
    matches = [m.group() for m in spelling._matches(SimpleNamespace(masked=text))]
    found, bases = _scan(text)
    assert list(found) == matches
    assert "cross" not in found and "year" in found and "functional" in found
    assert bases[found.index("team's")] == "team"


def _brute_candidates(folded: list[tuple[str, ...]], threshold: float) -> list[tuple[int, int]]:
    def shingles(f: tuple[str, ...]) -> set[tuple[str, ...]]:
        if len(f) < SHINGLE:
            return {f}
        return {f[i : i + SHINGLE] for i in range(len(f) - SHINGLE + 1)}

    sets = [shingles(f) for f in folded]
    needed = max(0.2, 1 - (1 - threshold) * SHINGLE * 2)
    return [
        (i, j)
        for i, j in combinations(range(len(folded)), 2)
        if (shared := len(sets[i] & sets[j]))
        and shared / (min(len(sets[i]), len(sets[j])) or 1) >= needed
    ]


def test_drift_pairs_are_those_of_the_pairwise_definitions() -> None:
    base = [
        "we",
        "encourage",
        "you",
        "to",
        "apply",
        "even",
        "if",
        "you",
        "do",
        "not",
        "meet",
        "every",
        "single",
        "requirement",
    ]
    folded = [
        tuple(base),
        tuple(base[:-1] + ["qualification"]),
        tuple(["please", *base[2:]]),
        tuple(reversed(base)),
        tuple(["a", "completely", "different", "sentence", "about", "the", "hiring", "process"]),
        ("short",),
        ("short",),
    ]
    for threshold in (0.5, 0.8, 0.95):
        pairs = candidate_pairs(folded, threshold)
        assert pairs == _brute_candidates(folded, threshold)
        ratio = [
            (i, j)
            for i, j in pairs
            if SequenceMatcher(None, folded[i], folded[j], autojunk=False).ratio() >= threshold
        ]
        assert similar_pairs(folded, pairs, threshold) == ratio
    assert (0, 1) in similar_pairs(folded, candidate_pairs(folded, 0.8), 0.8)


def test_a_runaway_pattern_times_out_again_when_its_text_repeats() -> None:
    pattern = compile_pattern(r"(a|aa)+$", Origin("test.yml", "runaway"))
    text = "b ab " + "a" * 40 + "!"
    for _ in range(2):  # the second search is answered from the memo, the same way
        found = []
        with pytest.raises(PatternTimeout):
            for match in search_all(pattern, text):
                found.append(match.group())
        assert found in ([], ["a"])  # whatever the search reached before its time ran out


def _plain_codespell(text: str) -> dict[str, tuple[str, ...]]:
    """codespell's list read line by line, each line split whole."""
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        wrong, _, right = line.partition("->")
        fixes = tuple(part.strip() for part in right.split(",") if part.strip())
        if wrong and fixes:
            out[wrong.strip().lower()] = fixes
    return out


def _codespell_text(name: str) -> str:
    return resources.files("codespell_lib").joinpath("data", name).read_text(encoding="utf-8")


def test_word_lists_are_those_the_packages_own_readers_give() -> None:
    from spellchecker import SpellChecker

    plain = SpellChecker(language="en", distance=1).word_frequency.dictionary
    assert dictionaries.english() == dict(plain)
    codespell = dictionaries.codespell()
    assert dict(codespell) == _plain_codespell(_codespell_text("dictionary.txt"))
    assert "recieve" in codespell and "receive" in codespell["recieve"]
    british = _plain_codespell(_codespell_text("dictionary_en-GB_to_en-US.txt"))
    assert dictionaries.british() == frozenset(british)


def test_codespell_lines_are_read_as_the_line_by_line_reader_reads_them() -> None:
    text = (
        "Recieve->receive\n"
        "teh->the, ten,\n"
        "teh-> , ,\n"  # no correction: skipped, the line above stands
        "  spaced  ->  a , b \r\n"
        "no arrow here\n"
        "->orphan\n"
        "x->y->z\n"
        "empty->\n"
    )
    entries = dictionaries.codespell_entries(text)
    assert dict(dictionaries.Corrections(entries)) == _plain_codespell(text)
    assert dictionaries.Corrections(entries)["teh"] == ("the", "ten")


@pytest.mark.parametrize(
    ("pattern", "literal", "text"),
    [
        (
            _REPORTS_TO,
            "reports",
            "She reports to the Vice President, Sales; he reports  into Legal.",
        ),
        (_OWN_ROLE, "participates", "As with all roles, the Widget Engineer participates in KPIs."),
        (_AS_AN, "As", "As a Senior Widget Engineer, you will ship. As an Analyst you plan."),
    ],
)
def test_searches_skipped_without_their_literal_need_it_in_every_match(
    pattern: re.Pattern[str], literal: str, text: str
) -> None:
    # The checks search a text only when it contains `literal`; that is exact only while
    # every match of the pattern contains it.
    found = [m.group() for m in pattern.finditer(text)]
    assert found and all(literal in match for match in found)
    assert not list(pattern.finditer(text.replace(literal, literal.swapcase())))


#: Pieces of text that the gated patterns match, miss or nearly match, and the characters
#: `re.IGNORECASE` reads as ASCII letters ("ı", "İ", "ſ", the Kelvin sign).
_PIECES = [
    *("grade", "Grade", "GRADES", "job", "level", "is", "are", "a", "an", "of", "to", "or"),
    *("8", "10", "7.5", "#9", "[", "]", "(", ")", ":", ",", ".", "*", "\n", " ", "  ", "TBD"),
    *("salary", "pay", "Compensation", "history", "HISTORIES", "current", "previous", "last"),
    *("most", "recent", "prior", "past", "present", "former", "base", "package", "your"),
    *("hıstory", "Hİstory", "preſent", "\u212aey", "gradé", "and", "the", "including", "-"),
    *("Widget", "Support", "x,", "\n ", " -", "- "),
]
_TEXTS = st.builds(
    str.join, st.sampled_from([" ", ""]), st.lists(st.sampled_from(_PIECES), max_size=14)
)
_GATED = [_GRADE_WORD, _LINKED_NUMBER, _UNREADABLE, _HISTORY]


@pytest.mark.parametrize("gated", _GATED, ids=lambda g: g.pattern.pattern[:24])
@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_gated_patterns_find_what_their_patterns_find(gated: GatedPattern, text: str) -> None:
    expected = [m.span() for m in gated.pattern.finditer(text)]
    assert [m.span() for m in gated.finditer(text)] == expected
    assert [m.span() for m in gated.finditer(text, text.lower())] == expected


@pytest.mark.parametrize(
    ("gated", "text"),
    [
        (_HISTORY, "Please state your salary hıstory."),  # dotless i: re.I reads it as "i"
        (_HISTORY, "Your preſent pay"),  # long s: re.I reads it as "s"
        (_GRADE_WORD, "This is a Grade 8 role"),
        (_LINKED_NUMBER, "The Widget Engineer is a [8](/grades)"),
        (_UNREADABLE, "The Widget Engineer is a grade TBD."),
    ],
)
def test_gated_patterns_search_the_texts_they_match(gated: GatedPattern, text: str) -> None:
    assert list(gated.pattern.finditer(text))
    assert gated.may_match(text)
    assert not gated.may_match("The Widget Engineer ships widgets.")


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_a_cut_item_is_found_in_its_last_characters(text: str) -> None:
    assert _ends_cut(text) == bool(_CUT.search(text.rstrip()))


_WORDINGS = [
    "Candidates can expect a 30 minute call. Then a [panel](/handbook/hiring/) follows.",
    "Applicants can expect a 30 minute call. Then a [panel](/handbook/hiring/) follows.",
    "Candidates can expect a 45 minute call. Then a [panel](/handbook/hiring/) follows.",
    "Candidates can expect a 30 minute call. Then a panel follows.",
    "Candidates can expect a 30 minute call. Then a [panel](/elsewhere/) follows.",
    "Candidates can expect a 30 minute call. Then a [panel](/handbook/hiring/) follows. "
    "Finally the team lead meets you for a short chat.",
    "Candidates can expect a short call. Then a [panel](/handbook/hiring/) follows.",
]


@pytest.mark.parametrize(("first", "second"), list(combinations(range(len(_WORDINGS)), 2)))
def test_same_in_substance_is_no_difference_either_way(first: int, second: int) -> None:
    a, b = (_paragraph(_WORDINGS[first]), _paragraph(_WORDINGS[second]))
    assert same_in_substance(a, b) == (not differences(a, b) and not differences(b, a))
    assert same_in_substance(a, b) == same_in_substance(b, a)


def _paragraph(text: str) -> Paragraph:
    page = build_document("<wording>", text)
    block = page.blocks[0]
    assert block.inline is not None
    return paragraph_of(page, block.inline, "paragraph")


@pytest.mark.parametrize("pattern", [_MID_SENTENCE, _SPACED_HYPHEN, _LOWER_WORD])
@settings(max_examples=200, deadline=None)
@given(text=_TEXTS)
def test_page_shape_patterns_find_per_run_what_they_find_per_line(
    pattern: re.Pattern[str], text: str
) -> None:
    # `page_shape` searches a run's whole text: exact while no match crosses a line break.
    per_line = [found for line in text.split("\n") for found in pattern.findall(line)]
    assert pattern.findall(text) == per_line


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("aZ1_ßİıſﬁǅé-")), max_size=6)))
def test_folded_words_are_the_words_case_folded(found: list[str]) -> None:
    folded = folded_words(tuple(found))
    assert folded == tuple(map(str.casefold, found))
    # A lower-case ASCII word is kept as it is: no copy per word.
    assert all(f is w for f, w in zip(folded, found) if w.isascii() and w.islower())
