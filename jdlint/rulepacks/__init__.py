"""Data-driven rules from YAML packs (Vale's kinds), compiled to ordinary `Rule`s.

`jdlint.rulepacks.loader.load_packs` finds, validates and compiles them.
"""
