"""The two stand-in characters of the tree's text, in a module with no imports.

Checks and rule packs need them without loading the parser (and markdown-it) at start-up.
"""

#: Stands in for each character of an inline ERB tag or Hugo shortcode in parsed text.
OPAQUE = "\ue000"

#: Replaces characters that are not prose (URLs, code, tags) in `Inline.masked`.
MASK = "\x1a"
