"""Rule packs shipped with jdlint: YAML, one folder per pack."""
