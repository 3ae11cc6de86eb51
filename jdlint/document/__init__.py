"""Text to a `Document`: the only importer of markdown_it, blocks, inline runs, sections, outline, grade statements and tables."""
