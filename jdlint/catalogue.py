"""The stable catalogue of rule codes (DESIGN §4). Codes are never renumbered.

Implemented rules carry their full metadata in `jdlint/checks/`; this table lets
`jdlint rules` list every planned code, marking those not implemented yet.
"""

from __future__ import annotations

CATALOGUE: tuple[tuple[str, str, str], ...] = (
    ("JD001", "unreadable-file", "A file cannot be read as text; the run goes on."),
    ("JD002", "unknown-suppression", "A suppression comment names a code that does not exist."),
    ("JD003", "unused-suppression", "A suppression comment that suppressed nothing."),
    ("JD101", "missing-section", "A role lacks a required section."),
    ("JD102", "family-section-nesting", "A family-wide section sits under a role heading."),
    ("JD103", "matrix-role-mismatch", "The title/grade table and the role sections disagree."),
    ("JD104", "empty-section", "A heading with no content before the next heading."),
    ("JD105", "dangling-list-intro", "A sentence introduces a list that never follows."),
    ("JD106", "pseudo-heading", "A list item or bold-only paragraph used as a heading."),
    ("JD107", "missing-structure", "No role or section headings can be found."),
    ("JD108", "collapsed-list", "List items written without list markup."),
    ("JD109", "count-mismatch", "A stated count disagrees with the number of items listed."),
    ("JD110", "placeholder-text", "Template text left in a published page."),
    ("JD111", "compact-heading", "A kramdown heading without a space after its # marks."),
    ("JD112", "no-role-found", "A job-description page on which no role can be recognised."),
    ("JD113", "handbook-convention", "A page departs from its handbook's usual sections."),
    ("JD201", "grade-mismatch", "A role's stated grade differs from another statement of it."),
    ("JD202", "grade-missing", "A role of a graded family has no grade statement."),
    ("JD203", "grade-order", "A more senior title in the same ladder has a lower grade."),
    ("JD204", "cross-family-grade-conflict", "The same title has different grades on two pages."),
    ("JD205", "grade-link", "The grade is not linked to the grades page, or the link is broken."),
    ("JD301", "title-mismatch", "A role's own text names it differently from its heading."),
    ("JD302", "title-abbreviation", "Titles abbreviated (Sr., Jr., Mgr)."),
    ("JD303", "unknown-role-reference", "The text names a role that exists nowhere."),
    ("JD304", "title-format", "One family uses two title patterns."),
    ("JD401", "broken-link", "A handbook-relative link resolves to no page."),
    ("JD402", "broken-anchor", "A #fragment matches no heading in the target page."),
    ("JD403", "non-public-link", "A link to a private host in a public page."),
    ("JD501", "duplicate-boilerplate", "The same paragraph appears more than once on a page."),
    ("JD502", "boilerplate-drift", "A near copy of a canonical paragraph that drifted."),
    ("JD503", "duplicate-item", "The same list item twice in one section."),
    ("JD601", "terminology", "A term pack prefers other wording."),
    ("JD602", "whitespace", "Double spaces, space before punctuation, trailing spaces."),
    ("JD603", "gendered-wording", "Masculine- or feminine-coded words."),
    ("JD604", "misspelling", "Common misspellings."),
    ("JD605", "job-ad-wording", "Clichés and exclusionary phrasing in job ads."),
    ("JD701", "front-matter", "Invalid front matter, missing title, title disagreeing with H1."),
)
