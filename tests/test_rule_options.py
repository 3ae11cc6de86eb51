"""Per-rule options are typed and checked when the config loads, before any page is read."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from jdlint.errors import ConfigError
from jdlint.rules import parse_options


@dataclass(frozen=True)
class _Options:
    strict: bool = False
    min_words: int = 3
    headings: tuple[str, ...] = ()


def test_options_are_read_into_the_rule_s_dataclass() -> None:
    got = parse_options(_Options, {"strict": True, "min-words": 5, "headings": ["A"]}, "c", "k")
    assert got == _Options(strict=True, min_words=5, headings=("A",))
    assert parse_options(_Options, {}, "c", "k") == _Options()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"strct": True}, "c: key 'k': unknown option 'strct' (did you mean 'strict'?)"),
        ({"strict": 1}, "c: key 'k.strict': expected bool, got int 1"),
        ({"min-words": 2.5}, "c: key 'k.min-words': expected a whole number"),
        ({"min-words": True}, "c: key 'k.min-words': expected int"),
        ({"headings": "A"}, "c: key 'k.headings': expected list of strings"),
        # a float of it overflows: an error naming the key, not OverflowError
        ({"min-words": 10**400}, "c: key 'k.min-words': expected a number up to 1e+09, got 1000"),
        ({"min-words": -(10**10)}, "c: key 'k.min-words': expected a number up to 1e+09"),
    ],
)
def test_bad_options_name_the_key_and_what_was_expected(table, message) -> None:
    with pytest.raises(ConfigError) as error:
        parse_options(_Options, table, "c", "k")
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("rules:\n  JD203: {strct: true}\n", "key 'rules.JD203': unknown option 'strct'"),
        ("rules:\n  JD203: {strict: yes-please}\n", "key 'rules.JD203.strict': expected bool"),
        ("rules:\n  JD104: {x: 1}\n", "key 'rules.JD104': rule JD104 takes no options"),
        ("rules:\n  JD113: {threshold: -5}\n", "key 'rules.JD113': threshold is a share of"),
        ("rules:\n  JD113: {threshold: 1.5}\n", "key 'rules.JD113': threshold is a share of"),
        ("rules:\n  JD113: {min-families: -3}\n", "key 'rules.JD113': min-families is at least 1"),
    ],
)
def test_cli_rejects_bad_rule_options_with_exit_2(tmp_path, run_cli, config, message) -> None:
    (tmp_path / ".jdlint.yaml").write_text(config)
    page = tmp_path / "page.md"
    page.write_text("## Widget Engineer\n")
    result = run_cli("check", str(page), "--no-cache")
    assert result.exit_code == 2
    assert message in result.output


def test_cli_accepts_good_options(tmp_path, run_cli) -> None:
    (tmp_path / ".jdlint.yaml").write_text("rules:\n  JD203: {strict: true}\n")
    page = tmp_path / "page.md"
    page.write_text(
        "## Widget Engineer\n\n### Responsibilities\n\n- x\n\n### Requirements\n\n- y\n"
    )
    assert run_cli("check", str(page), "--no-cache").exit_code == 0


def test_a_rule_swapped_in_after_set_up_still_gets_its_options() -> None:
    """Profilers and embedding tools wrap a rule's check after the engine is built
    (benchmarks/profile_rules.py does): the wrapped rule keeps its typed options."""
    from dataclasses import replace

    from jdlint import api
    from jdlint.model import Document

    engine = api.engine_for(api.session_for_rules(["JD203"]))
    seen = []
    (item,) = engine.document_rules[Document]

    def wrapped(node, ctx):
        seen.append(ctx.options)
        return item.check(node, ctx)

    engine.document_rules[Document] = [replace(item, check=wrapped)]
    engine.check_text("page.md", "## Widget Engineer\n\nThe Widget Engineer is a grade 6.\n")
    assert seen and seen[0].strict is False
