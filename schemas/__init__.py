"""JSON schemas shipped with jdlint (config, rule packs, exported data)."""
