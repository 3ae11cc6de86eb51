"""`--fix` and `--diff`: edits applied to a fixed point, byte-faithful files, and the audit that proves a fix safe."""
