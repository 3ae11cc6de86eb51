"""Property tests: generated and mutated config and rule-pack YAML never break loading.

Any config or pack file gives settings and rules (that then check a page) or one error line,
within a time bound; never a traceback. Few examples with a fixed seed keep the suite fast;
`benchmarks/fuzz.py --minutes N` runs the same properties for longer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yamlgen import (
    any_yaml,
    assert_config_loads,
    assert_pack_loads,
    config_text,
    pack_meta_text,
    pack_rule_text,
)

SUITE = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SUITE
@given(text=st.one_of(config_text(), any_yaml()))
def test_any_config_file_loads_or_is_one_error_line(text):
    with tempfile.TemporaryDirectory() as root:
        assert_config_loads(Path(root), text)


@SUITE
@given(rule=st.one_of(pack_rule_text(), any_yaml()), meta=pack_meta_text())
def test_any_rule_pack_file_loads_or_is_one_error_line(rule, meta):
    with tempfile.TemporaryDirectory() as root:
        assert_pack_loads(Path(root), rule, meta)
