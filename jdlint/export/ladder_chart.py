"""The geometry of one family's grade-ladder chart, computed here and drawn by the template.

Roles go from the most junior (top) to the most senior (bottom): by grade, then by the
seniority words of the title. Each bar's length is the grade on one scale for the whole
handbook, so ladders of different families can be compared by eye. The scale starts one grade
below the handbook's lowest grade, not at 0: from 0, grades 9 and 12 differ by a sliver of a
long bar; from the base, the difference is most of the bar. A grade range ("8/9")
shows its upper end as a lighter extension. Roles with findings get a marker coloured by their
worst severity, with the messages in its tooltip.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jdlint.domain.seniority import ladder_key
from jdlint.export.records import RoleRecord

LABEL_WIDTH = 300  # right edge of the role titles
BAR_SPAN = 360  # pixels for the highest grade of the handbook
ROW = 26
BAR_HEIGHT = 16
TOP = 28  # room for the axis labels
MAX_LABEL = 44  # characters of a title shown before an ellipsis
MAX_TICKS = 24  # grades labelled on the axis, at most (about)


@dataclass(frozen=True)
class Bar:
    y: int
    label: str
    title: str
    grade: str  # as written, or "no grade"
    width: float  # 0 when there is no grade
    extra: float  # the upper end of a range, beyond `width`
    fill: str
    conflict: bool  # another page gives the same title a different grade
    marker_x: float
    findings: int
    severity: str  # worst severity among the findings: error | warning | info | ""
    tooltip: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    x0: int
    bottom: int


def grade_colour(value: float, low: float, top: float) -> str:
    """A ramp over the handbook's grades, from light teal (lowest) to dark violet (highest)."""
    share = min(max((value - low) / (top - low), 0.0), 1.0) if top > low else 0.5
    hue = 185 + 95 * share
    light = 62 - 30 * share
    return f"hsl({hue:.0f}, 60%, {light:.0f}%)"


def ladder_chart(
    roles: list[RoleRecord], grades: tuple[float, float], conflicts: frozenset[str]
) -> Chart:
    """One chart for the roles of a family; `grades` is the handbook's (lowest, highest)."""
    low, top_grade = grades
    base = scale_base(low)
    scale = BAR_SPAN / max(top_grade - base, 1.0)
    ordered = sorted(roles, key=lambda r: ladder_key(r.title, r.grade.values if r.grade else ()))
    bars = []
    for index, role in enumerate(ordered):
        values = role.grade.values if role.grade else ()
        width = max(min(values) - base, 0.25) * scale if values else 0.0
        extra = (max(values) - min(values)) * scale if values else 0.0
        worst = max((f.severity for f in role.findings), default=None)
        bars.append(
            Bar(
                y=TOP + index * ROW,
                label=_shorten(role.title),
                title=role.title,
                grade=role.grade.raw if role.grade else "no grade",
                width=round(width, 1),
                extra=round(extra, 1),
                fill=grade_colour(min(values), low, top_grade) if values else "none",
                conflict=role.normalised_title in conflicts,
                marker_x=LABEL_WIDTH + 10 + round(width + extra, 1) + 80,
                findings=len(role.findings),
                severity=str(worst) if worst is not None else "",
                tooltip="\n".join(
                    f"{f.code} line {f.span.line}: {f.message}" for f in role.findings
                ),
            )
        )
    x0 = LABEL_WIDTH + 10
    # A tick per grade up to 12, every other one above, and never much more than MAX_TICKS
    # (a handbook of another scale, or a typo of 900 for 9, still gets a readable axis).
    step = 1 if top_grade <= 12 else max(2, math.ceil((top_grade - base) / MAX_TICKS))
    ticks = tuple(
        Tick(round(x0 + (grade - base) * scale, 1), str(grade))
        for grade in range(int(base), int(top_grade) + 1, step)
    )
    bottom = TOP + len(bars) * ROW
    return Chart(x0 + BAR_SPAN + 110, bottom + 8, tuple(bars), ticks, x0, bottom)


def scale_base(low: float) -> int:
    """Where the bars start: one grade below the lowest (never below 0)."""
    return max(int(low) - 1, 0)


def _shorten(title: str) -> str:
    return title if len(title) <= MAX_LABEL else title[: MAX_LABEL - 1].rstrip() + "…"
