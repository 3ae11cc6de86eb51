"""Running rules: the session, per-page checking, the handbook phase, pool, cache, fast start, limits, suppressions."""
