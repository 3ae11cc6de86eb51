"""Write a synthetic handbook of N varied job-family pages (for the scale benchmark).

Pages are built from templates with random roles, grades, sections, lists, links and the
occasional defect, in several layouts, so the work per page resembles a real handbook. Output
goes to a folder you name (never commit generated pages).

    python benchmarks/generate_handbook.py OUT_DIR --pages 1000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

LEVELS = ["Associate", "Intermediate", "Senior", "Staff", "Principal"]
MANAGERS = ["Manager", "Senior Manager", "Director", "Senior Director", "VP"]
NOUNS = [
    "Widget",
    "Gadget",
    "Billing",
    "Security",
    "Support",
    "Data",
    "Partner",
    "Payroll",
    "Quality",
    "Platform",
    "Growth",
    "Content",
    "Tax",
    "Legal",
    "Design",
    "Network",
]
JOBS = [
    "Engineer",
    "Analyst",
    "Specialist",
    "Designer",
    "Writer",
    "Account Executive",
    "Program Manager",
    "Administrator",
]
VERBS = [
    "Build",
    "Own",
    "Review",
    "Improve",
    "Document",
    "Plan",
    "Support",
    "Measure",
    "Lead",
    "Design",
    "Ship",
    "Coordinate",
    "Automate",
    "Report on",
    "Mentor",
]
OBJECTS = [
    "the roadmap",
    "customer escalations",
    "quarterly goals",
    "team processes",
    "release quality",
    "the onboarding guide",
    "cross-functional projects",
    "performance reviews",
    "the budget",
    "vendor relationships",
    "incident reviews",
]
BOILERPLATE = (
    "The [confidence gap](https://example.org/confidence-gap) exists. If you do not match every "
    "requirement and are hesitant to apply, we encourage you to apply anyway."
)


def bullet(rng: random.Random) -> str:
    item = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.2:
        item += f" with the [handbook](/handbook/{rng.choice(NOUNS).lower()}/)"
    return f"- {item}"


def role_block(rng: random.Random, title: str, grade: int, level: int, prefixed: bool) -> str:
    h = "#" * level
    sub = "#" * (level + 1)
    prefix = f"{title} " if prefixed else ""
    lines = [f"{h} {title}", ""]
    if rng.random() < 0.5:
        lines += [f"The {title} role extends the role above with more scope.", ""]
    lines += [
        f"{sub} {prefix}Job Grade",
        "",
        f"The {title} is a [grade {grade}](/handbook/total-rewards/compensation/#job-grades).",
        "",
    ]
    lines += (
        [f"{sub} {prefix}Responsibilities", ""]
        + [bullet(rng) for _ in range(rng.randint(3, 9))]
        + [""]
    )
    if rng.random() < 0.9:
        lines += (
            [f"{sub} {prefix}Requirements", ""]
            + [bullet(rng) for _ in range(rng.randint(3, 8))]
            + [""]
        )
    if rng.random() < 0.3:
        lines += [BOILERPLATE, ""]
    return "\n".join(lines)


def page(rng: random.Random, index: int) -> str:
    noun, job = rng.choice(NOUNS), rng.choice(JOBS)
    family = f"{noun} {job}"
    ladder = LEVELS if rng.random() < 0.7 else MANAGERS
    count = rng.randint(2, len(ladder))
    base = rng.randint(5, 8)
    titles = [f"{lvl} {family}" if ladder is LEVELS else f"{lvl}, {noun}" for lvl in ladder[:count]]
    layout = rng.choice(["h2", "levels"])
    out = ["---", f'title: "{family} {index}"', "---", ""]
    if rng.random() < 0.5:
        out += ["## Job Family Matrix", "", f"| {family} | Grade |", "| --- | --- |"]
        out += [f"| {t} | {base + i} |" for i, t in enumerate(titles)] + [""]
    out += [
        f"{family}s at our company " + " ".join(rng.choice(OBJECTS) for _ in range(8)) + ".",
        "",
    ]
    if layout == "levels":
        out += ["## Levels", ""]
        out += [role_block(rng, t, base + i, 3, prefixed=True) for i, t in enumerate(titles)]
    else:
        out += [role_block(rng, t, base + i, 2, prefixed=False) for i, t in enumerate(titles)]
    out += [
        "## Performance Indicators",
        "",
        bullet(rng),
        "",
        "## Career Ladder",
        "",
        f"The next step is the [{noun} Manager](/job-families/{noun.lower()}/manager/) family.",
        "",
        "## Hiring Process",
        "",
        "- A screening call with a recruiter",
        "- An interview with the hiring manager",
        "",
    ]
    return "\n".join(out)


def generate(out: Path, pages: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    written = []
    for i in range(pages):
        folder = out / "job-families" / rng.choice(NOUNS).lower() / f"family-{i:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "index.html.md"
        path.write_text(page(rng, i), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.pages, args.seed)
    print(f"wrote {args.pages} pages under {args.out}")


if __name__ == "__main__":
    main()
