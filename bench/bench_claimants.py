"""Who said it (generator/claims/claimants.py), measured on sentences of FNC-1 bodies.

    .venv/bin/python bench/bench_claimants.py [--data ../shared/data] [--readings OUT.json]

Scores the hand-labelled sentences of ``tests/data/claimants-fnc-final.jsonl`` (each a sentence of
a final-split FNC-1 body, a word of what it reports and the claimants a reader accepts) per sample:
``tuned``, read while the rules were written, and ``held-out``, labelled before they were run on it.
``--readings`` also writes the claimant read at a quarter and three quarters of every sentence of
the final-split bodies (``--data``): two commits' files side by side show what a change to the
rules changes, sentence by sentence, which is how docs/claims.md's reading of changes was made.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from generator.claims import claimants, clauses
from generator.reading.sentences import sentences

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests/data/claimants-fnc-final.jsonl"
LONGEST = 400  # characters: longer "sentences" are pages whose stops were lost


def labelled() -> list[dict]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]


def read(registry: claimants.Registry, sentence: str, position: int) -> str | None:
    """The claimant of what is at ``position``, read as the claims stage reads it (evidence.py)."""
    scope = max((m.end() for m in clauses.SUBORDINATE.finditer(sentence, 0, position)), default=0)
    return claimants.attribute(sentence, position, registry, scope)


def right(row: dict, found: str | None) -> bool:
    """A name a reader accepts (titles before it allowed), or none where none is named."""
    if not row["claimants"]:
        return found in (None, claimants.UNNAMED)
    return any(found == name or (found or "").endswith(" " + name) for name in row["claimants"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--readings", type=Path, help="write every final-split sentence's claimants here")
    args = parser.parse_args()
    registry, _ = claimants.load_registry(ROOT / "seeds/claimants.yml")
    rows = labelled()
    for sample in ("tuned", "held-out"):
        chosen = [r for r in rows if r["sample"] == sample]
        found = sum(right(r, read(registry, r["sentence"], r["sentence"].index(r["anchor"]))) for r in chosen)
        print(f"{sample:9} {found:3} of {len(chosen)} sentences' claimants right ({found / len(chosen):.3f})")
    if args.readings:
        import stance_data  # bench/'s own module, on the path when this runs as a script

        bodies, pairs = stance_data.read_fnc(args.data / "fnc-1")
        _, final_rows = stance_data.fnc_split(pairs, stance_data.read_emergent(args.data / "emergent-dev"),
                                              stance_data.read_climate(args.data / "climate-fever"))
        final = sorted({row[1] for row in final_rows})
        readings = {}
        for body in final:
            for paragraph in bodies[body].split("\n"):
                for sentence in sentences(paragraph.strip()):
                    for share in (0.25, 0.75) if len(sentence) < LONGEST else ():
                        readings[f"{body}|{share}|{sentence}"] = read(registry, sentence, int(len(sentence) * share))
        args.readings.write_text(json.dumps(readings, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(readings)} readings of {len(final)} final-split bodies written to {args.readings}")


if __name__ == "__main__":
    main()
