"""Settings: config discovery, merge, schema validation, and the one bounded YAML loader."""
