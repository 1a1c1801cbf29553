"""One-off check for the README split (branch docs8): nothing of the old README is lost.

Every non-blank line of the old README (``git show REF:README.md``, default ``main``)
must appear, as a whole line (trailing spaces ignored), in the new ``README.md`` or in
some ``docs/*.md``.  Also checks that every table row has its header's column count
and that every relative link and ``#anchor`` in README.md and docs/*.md resolves
(GitHub's heading slugs).  Run from the repository root:

    python scripts/check_docs_split.py [REF] [-v]   # -v: where each old section's lines went
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation and symbols dropped,
    spaces to hyphens (``Why ≤ 3× is out…`` → ``why--3-is-out…``)."""
    text = re.sub(r"`|\*\*|\*", "", heading.strip().lower())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


def anchors(text: str) -> set[str]:
    seen: dict[str, int] = {}
    found = set()
    in_code = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        if in_code:
            continue
        m = re.match(r"#{1,6} (.*)", line)
        if m:
            s = slug(m.group(1))
            n = seen.get(s, 0)
            seen[s] = n + 1
            found.add(s if n == 0 else f"{s}-{n}")
    return found


def table_problems(name: str, text: str) -> list[str]:
    problems = []
    width = None
    in_code = False
    for i, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            in_code = not in_code
        if in_code or not line.startswith("|"):
            width = None
            continue
        cols = len(re.split(r"(?<!\\)\|", line.strip().strip("|")))
        if width is None:
            width = cols
        elif cols != width:
            problems.append(f"{name}:{i}: {cols} columns, the table's header has {width}")
    return problems


def link_problems(path: Path, text: str) -> list[str]:
    problems = []
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        dest = (path.parent / file).resolve() if file else path
        if not dest.exists():
            problems.append(f"{path.name}: link to missing {target}")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest.read_text("utf-8")):
            problems.append(f"{path.name}: link to missing anchor {target}")
    return problems


def print_moves(old: str, in_readme: set[str], docs: dict[Path, str]) -> None:
    """Where each old section's non-blank lines are now: the README, or the docs file and
    heading holding them (a line kept in the README counts there)."""
    where: dict[str, str] = {}
    for path, text in docs.items():
        heading = ""
        for line in text.splitlines():
            if line.startswith("#"):
                heading = line.lstrip("#").strip()
            where.setdefault(line.rstrip(), f"docs/{path.name} § {heading}")
    moves: dict[tuple[str, str], int] = {}
    section = "(top)"
    in_code = False
    for raw in old.splitlines():
        if raw.startswith("```"):
            in_code = not in_code
        if not in_code and re.match(r"#{2,3} ", raw):
            section = raw
        line = raw.rstrip()
        if line.strip():
            dest = "README.md" if line in in_readme else where.get(line, "LOST")
            moves[(section, dest)] = moves.get((section, dest), 0) + 1
    print("\nold section → where its non-blank lines are now:")
    for (sec, dest), n in moves.items():
        print(f"  {sec[:48]:48} → {dest[:70]}: {n}")


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "-v"]
    ref = args[0] if args else "main"
    old = subprocess.run(
        ["git", "show", f"{ref}:README.md"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    readme = (ROOT / "README.md").read_text("utf-8")
    docs = {p: p.read_text("utf-8") for p in sorted((ROOT / "docs").glob("*.md"))}
    in_readme = {line.rstrip() for line in readme.splitlines()}
    in_docs = {line.rstrip() for text in docs.values() for line in text.splitlines()}
    lines = [line.rstrip() for line in old.splitlines() if line.strip()]
    kept = [line for line in lines if line in in_readme]
    moved = [line for line in lines if line not in in_readme and line in in_docs]
    lost = [line for line in lines if line not in in_readme and line not in in_docs]
    print(f"old README ({ref}): {len(old.encode())} bytes, {len(lines)} non-blank lines")
    print(f"new README: {len(readme.encode())} bytes")
    print(f"  in the new README:             {len(kept)}")
    print(f"  only in docs/*.md (moved):     {len(moved)}")
    print(f"  in neither (lost):             {len(lost)}")
    print(f"  in both README and docs:       {sum(1 for x in kept if x in in_docs)}")
    for line in lost:
        print("LOST:", line[:160])
    if "-v" in sys.argv:
        print_moves(old, in_readme, docs)
    problems = table_problems("README.md", readme) + link_problems(ROOT / "README.md", readme)
    for path, text in docs.items():
        problems += table_problems(f"docs/{path.name}", text) + link_problems(path, text)
    for p in problems:
        print("PROBLEM:", p)
    print(f"tables and links: {len(problems)} problems")
    return 1 if lost or problems else 0


if __name__ == "__main__":
    sys.exit(main())
