#!/usr/bin/env python3
"""The style check of scripts/check-style.sh: the .editorconfig rules a compiler does not enforce.

Every C# file under src/, tests/ and bench/ (bin/ and obj/ excluded):
  - lines of at most 120 characters, as a ratchet: scripts/style/long-lines-baseline.txt records how many longer
    lines each file had when the check was introduced; a file may not gain any, and a file not listed may have none;
  - no tab indentation, no trailing whitespace, LF line ends, a final newline;
  - a file-scoped namespace (`namespace X;`), never a block-scoped one.

--update rewrites the baseline from the files as they are (run it after wrapping lines, so the ratchet tightens).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scripts" / "style" / "long-lines-baseline.txt"
MAX = 120
BLOCK_NAMESPACE = re.compile(r"^namespace\s+[\w.]+\s*(\{.*)?$")


def sources():
    for top in ("src", "tests", "bench"):
        for path in sorted((ROOT / top).rglob("*.cs")):
            parts = path.relative_to(ROOT).parts
            if "bin" in parts or "obj" in parts:
                continue
            yield path


def read_baseline():
    counts = {}
    if BASELINE.exists():
        for line in BASELINE.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                count, name = line.split(" ", 1)
                counts[name] = int(count)
    return counts


def main(argv):
    update = "--update" in argv
    baseline = read_baseline()
    current = {}
    problems = []
    for path in sources():
        name = path.relative_to(ROOT).as_posix()
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
        lines = text.split("\n")
        if raw and not raw.endswith(b"\n"):
            problems.append(f"{name}: no newline at the end of the file")
        if b"\r" in raw:
            problems.append(f"{name}: CRLF line ends; use LF")
        long_lines = []
        for number, line in enumerate(lines, 1):
            if len(line) > MAX:
                long_lines.append(number)
            if line.startswith("\t") or re.match(r"^ *\t", line):
                problems.append(f"{name}:{number}: tab indentation; indent with 4 spaces")
            if line != line.rstrip():
                problems.append(f"{name}:{number}: trailing whitespace")
            if BLOCK_NAMESPACE.match(line.strip()) and not line.rstrip().endswith(";"):
                problems.append(f"{name}:{number}: block-scoped namespace; use a file-scoped one (namespace X;)")
        if long_lines:
            current[name] = len(long_lines)
        allowed = baseline.get(name, 0)
        if len(long_lines) > allowed and not update:
            where = ", ".join(str(n) for n in long_lines[:10]) + (" ..." if len(long_lines) > 10 else "")
            problems.append(
                f"{name}: {len(long_lines)} line(s) over {MAX} characters (allowed: {allowed}); wrap the new ones "
                f"(lines {where})")

    if update:
        body = "".join(f"{count} {name}\n" for name, count in sorted(current.items()))
        BASELINE.write_text(
            "# Lines over 120 characters per file when the limit was introduced; the count may only shrink.\n"
            "# Regenerate with: scripts/check-style.sh --update (after wrapping lines).\n" + body,
            encoding="utf-8")
        print(f"style: baseline updated: {sum(current.values())} long lines in {len(current)} files")
        return 0

    shrunk = [name for name, count in baseline.items() if current.get(name, 0) < count]
    for problem in problems:
        print(f"style: {problem}")
    total = sum(current.values())
    print(f"style: {total} lines over {MAX} characters in {len(current)} files (baseline {sum(baseline.values())})"
          + (f"; {len(shrunk)} file(s) shrank: tighten with scripts/check-style.sh --update" if shrunk else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
