"""What of a run is reported: baselines, `--diff-base`, and the line-independent fingerprints both use."""
