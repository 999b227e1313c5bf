#!/usr/bin/env python3
"""Writes src/__fixtures__/fnmatch-cases.json: Python's fnmatch.fnmatchcase on random globs.

A spec's rules are fnmatch globs, so @init/cli's fnmatch must answer as Python's does. The globs
here are drawn (seeded, so the file is reproducible) from an alphabet that stresses the class
syntax: '[', ']', '!', '^', '-', '\\', '*', '?', the characters of regular-expression set
operations ('&', '~', '|'), letters on both sides of '-' (ranges in and out of order), and a few
non-ASCII characters (one outside the Basic Multilingual Plane). Each glob is paired with names
built to match it sometimes. The expected answers are whatever fnmatchcase returns: the file
records the Python version that produced it (class handling changed in 3.9, which drops ranges
whose ends are out of order instead of raising; earlier versions raise re.error on them).

Usage: python3 scripts/fnmatch_cases.py > src/__fixtures__/fnmatch-cases.json
"""
import fnmatch
import json
import random
import sys

ALPHABET = list("ab-]![^\\*?&~|z.0é") + ["\U0001F600"]
NAME_ALPHABET = list("abz-]![^\\&~|.0é") + ["\U0001F600"]


def random_glob(rng):
    length = rng.randint(1, 9)
    glob = "".join(rng.choice(ALPHABET) for _ in range(length))
    if rng.random() < 0.7:
        # A class somewhere, often with a range, sometimes reversed, sometimes unclosed.
        body = "".join(rng.choice("ab-z!^]\\0é&") for _ in range(rng.randint(0, 5)))
        if rng.random() < 0.5:
            lo, hi = rng.choice("abz0-"), rng.choice("abz0-")
            body += lo + "-" + hi
        closing = "]" if rng.random() < 0.9 else ""
        at = rng.randint(0, len(glob))
        glob = glob[:at] + "[" + body + closing + glob[at:]
    return glob


def names_for(rng, glob):
    names = set()
    for _ in range(6):
        names.add("".join(rng.choice(NAME_ALPHABET) for _ in range(rng.randint(0, 4))))
    # Names made from the glob itself, with its wildcards filled in.
    filled = glob.replace("*", rng.choice(["", "a", "ab"])).replace("?", rng.choice(["a", "-", "]"]))
    names.add(filled)
    names.add(glob)
    return sorted(names)


def main():
    rng = random.Random(20261130)
    cases = []
    seen = set()
    while len(cases) < 3000:
        glob = random_glob(rng)
        for name in names_for(rng, glob):
            if (name, glob) in seen:
                continue
            seen.add((name, glob))
            cases.append([name, glob, fnmatch.fnmatchcase(name, glob)])
    header = {"generator": "packages/cli/scripts/fnmatch_cases.py", "python": sys.version.split()[0]}
    lines = [json.dumps(case, ensure_ascii=False) for case in cases[:3000]]
    sys.stdout.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n")

if __name__ == "__main__":
    main()
