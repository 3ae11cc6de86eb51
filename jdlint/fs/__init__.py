"""The file system: which files a run checks, bytes to text, atomic writes, repo-relative paths, shipped data."""
