"""Generators of hostile config and rule-pack YAML, and the properties loading must keep.

Shared by `tests/test_yaml_properties.py` (a few bounded examples) and `benchmarks/fuzz.py`
(a campaign of minutes). Documents are built from the schemas' own keys with values of every
type YAML can write (huge ints, infinities, dates, nesting, aliases), then now and then cut or
spliced with YAML's special tokens, so both the loader and the validators are reached.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from jdlint.engine.checking import Engine
from jdlint.engine.session import prepare
from jdlint.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 10.0  # far above any load; a slower one is a failure
PAGE = (
    "---\ntitle: Widget Engineer\n---\n\n## Widget Engineer\n\n### Responsibilities\n\n"
    "- Build gitlab widgets with synergy, the the rockstar ninja way\n\n### Requirements\n\n"
    "- Widgets\n"
)
PACK_META = "code: JD901\nname: house-style\nsummary: House words.\nseverity: warning\n"
TOKENS = (
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: *a\n",
    "- ",
    "? ",
    ": ",
    "{",
    "}",
    "[",
    "]",
    ", ",
    "\n",
    "  ",
    "\t",
    "#",
    "'",
    '"',
    "|\n",
    ">\n",
    "!!binary ",
    "!!python/object/apply:os.system ['true']",
    "!!set ",
    "!!timestamp ",
    "2001-13-45",
    "2001-12-14 21:59:43 +99:00",
    ".inf",
    "-.inf",
    ".nan",
    "0x1F",
    "0o17",
    "1_000",
    "9" * 30,
    "~",
    "null",
    "yes",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\ufeff",
    "\x00",
    "\u2028",
    "{match}",
    "{match:d}",
    "{match!r}",
    "{0}",
    "{",
    "}}",
    # every tag the safe loader knows, each forcing its constructor onto whatever follows
    *("!!bool ", "!!int ", "!!float ", "!!str ", "!!null ", "!!map ", "!!seq ", "!!omap "),
    *("!!pairs ", "!!merge ", "!unknown ", "!<tag:yaml.org,2002:int> "),
)
MESSAGES = (
    "{match}",
    "'{match}' is {reason}",
    "{match:d}",
    "{match!r}",
    "{match:>99999999}",
    "{0}",
    "{}",
    "{match.upper}",
    "{match[0]}",
    "{nope}",
    "{match",
    "}",
    "{{match}}",
    "{count} of {limit}",
    "{list}-coded {match}",
    "{replacement}",
    "{suggestion} ({source})",
)


def _schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    return data


CONFIG_KEYS = tuple(_schema("config.schema.json")["properties"])
_PACK_DEFS = _schema("rulepack.schema.json")["$defs"]
KINDS = ("substitution", "existence", "occurrence", "repetition", "consistency", "coded-words",
         "spelling")  # fmt: skip
PACK_KEYS = tuple(
    sorted({key for kind in KINDS for key in _PACK_DEFS[kind].get("properties", {})} - {"kind"})
)


def scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
        st.sampled_from(
            (
                "JD101",
                "JD9",
                "ALL",
                "error",
                "warning",
                "info",
                "*.md",
                "synergy",
                "https://handbook.example.com",
                "/handbook/",
                "kramdown",
            )
        ),  # fmt: skip
        st.dates(),
    )


def values() -> st.SearchStrategy[Any]:
    return st.recursive(
        scalars(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(
                st.one_of(st.sampled_from(PACK_KEYS), st.text(max_size=8)), inner, max_size=4
            ),  # fmt: skip
        ),
        max_leaves=12,
    )


def _dump(data: Any, flow: bool) -> str:
    return yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text`, now and then with YAML tokens spliced in or a piece cut out."""
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(0, 20)) :]
    return text


@st.composite
def alias_heavy(draw: st.DrawFn) -> str:
    """Anchors and aliases, nested and merged, some of them bombs."""
    width = draw(st.integers(1, 12))
    levels = draw(st.integers(1, 9))
    lines = ['a0: &a0 ["x"' + ', "x"' * (width - 1) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    if draw(st.booleans()):
        lines.append("m0: &m0 {k: v}")
        lines.append("m1: {<<: *m0, j: w}")
    return "\n".join(lines) + "\n"


@st.composite
def config_text(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(CONFIG_KEYS), max_size=6, unique=True))
    data = {key: draw(values()) for key in keys if key not in ("extend", "rule-packs", "root")}
    text = _dump(data, draw(st.booleans())) if data else ""
    if draw(st.integers(0, 4)) == 0:
        text += draw(alias_heavy())
    return draw(mutated(text))


#: A valid rule of each kind that fires on PAGE, to start from (so checks are reached too).
VALID_RULES: dict[str, dict[str, Any]] = {
    "substitution": {"swap": {"gitlab": "GitLab", "rockstar": "expert"}},
    "existence": {"tokens": ["synergy", "ninja"]},
    "occurrence": {"unit": "item", "max": 0},
    "repetition": {"allow": ["that"]},
    "consistency": {"either": {"the": "a"}},
    "coded-words": {"lists": {"loud": ["rock*", "ninja"], "quiet": ["widget*"]}, "strong": 0},
    "spelling": {"accept": ["synergy"], "min-length": 3},
}


@st.composite
def pack_rule_text(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(KINDS))
    data: dict[str, Any] = {"kind": kind}
    if draw(st.booleans()):
        data.update(VALID_RULES[kind])
    keys = draw(st.lists(st.sampled_from(PACK_KEYS), max_size=3, unique=True))
    if draw(st.booleans()):
        data.update({key: draw(values()) for key in keys})
    if draw(st.booleans()):
        data["message"] = draw(st.sampled_from(MESSAGES))
    text = _dump(data, draw(st.booleans()))
    if draw(st.integers(0, 4)) == 0:
        text += draw(alias_heavy())
    return draw(mutated(text)) if draw(st.booleans()) else text


@st.composite
def pack_meta_text(draw: st.DrawFn) -> str:
    """pack.yml: mostly the valid one, now and then mutated or carrying aliases."""
    text = PACK_META + (draw(alias_heavy()) if draw(st.integers(0, 4)) == 0 else "")
    return draw(mutated(text)) if draw(st.booleans()) else text


def any_yaml() -> st.SearchStrategy[str]:
    """Token soup and arbitrary text, to go with the structured documents."""
    soup = st.lists(st.sampled_from(TOKENS + ("a", "b: c", "x", "1")), max_size=40).map("".join)
    return st.one_of(soup, st.text(max_size=200))


def front_matter_page() -> st.SearchStrategy[bytes]:
    """A page whose front matter is hostile YAML (a config-like document or token soup)."""
    body = st.one_of(config_text(), any_yaml())
    return body.map(
        lambda text: f"---\n{text}\n---\n\n## Widget Engineer\n\n- Build\n".encode(
            "utf-8", "surrogatepass"
        )
    )


# -- the properties ------------------------------------------------------------------------------


def _one_line(error: ConfigError) -> None:
    message = str(error)
    assert message and "\n" not in message and "\r" not in message, repr(message)
    assert len(message) < 2000, f"error message of {len(message)} characters"


def assert_config_loads(root: Path, text: str) -> None:
    """A config file gives settings or one ConfigError line, within SECONDS; never a crash."""
    config = root / ".jdlint.yaml"
    config.write_text(text, encoding="utf-8", errors="surrogatepass")
    page = root / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    started = time.monotonic()
    try:
        session = prepare(page, config)
    except ConfigError as error:
        _one_line(error)
    else:
        assert session.settings.path == config
    assert time.monotonic() - started < SECONDS


def assert_pack_loads(root: Path, rule: str, meta: str = PACK_META) -> None:
    """A rule pack loads and checks a page, or gives one ConfigError line; never a crash."""
    (root / ".jdlint.yaml").write_text("rule-packs: [house]\n", encoding="utf-8")
    folder = root / "house"
    folder.mkdir(exist_ok=True)
    (folder / "pack.yml").write_text(meta, encoding="utf-8", errors="surrogatepass")
    (folder / "rule.yml").write_text(rule, encoding="utf-8", errors="surrogatepass")
    page = root / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    started = time.monotonic()
    try:
        session = prepare(page, root / ".jdlint.yaml")
    except ConfigError as error:
        _one_line(error)
    else:
        codes = {m.code for m in session.registry.metas.values() if m.code.startswith("JD9")}
        engine = Engine(session.settings, session.registry, frozenset(codes))
        for finding in engine.check_text(str(page), PAGE):
            assert "\n" not in finding.message and len(finding.message) < 2000, finding
    assert time.monotonic() - started < SECONDS
