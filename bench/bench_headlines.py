"""Claims tracked over headline-only reports: which headlines link to which claims, on FNC-1.

    python bench/bench_headlines.py [--data ../shared/data/fnc-1] [--groups 150]

FNC-1's headlines come from the Emergent project: several news headlines about each rumour. Its
claim groups (bodies and headlines joined by related pairs, bench/train_stance.py) say which
headlines report the same rumour. Here every headline of up to ``--groups`` groups becomes a
one-sentence article (a brief), and the first headline of each group (in sorted order) is also
tracked as a statement-only claim. The pipeline's sources are read back: a link between a claim
and a headline of its own group is found, one to another group's headline is false. FNC-1 gives
no stance for headlines, so this prints how the linked headlines' stances split, not whether
they are right.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections import Counter, defaultdict
from pathlib import Path

import train_stance

from generator.claims import claimants, evidence
from generator.dedup import slugs
from generator.model import Article, Claim, Entry, Metadata

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/fnc-1")
    parser.add_argument("--groups", type=int, default=150)
    options = parser.parse_args(argv)
    _, pairs = train_stance.read(options.data)
    _, group_of = train_stance.claim_groups(pairs)
    members: dict[int, list[str]] = defaultdict(list)
    for headline, group in sorted(group_of.items()):
        members[group].append(headline)
    chosen = sorted(g for g in members if len(members[g]) >= 2)[: options.groups]
    headlines = [(g, h) for g in chosen for h in members[g]]
    entries = slugs.assign([
        Entry(Article(f"headline-{n}.txt", Metadata(title=h, outlet=f"Outlet {n}"), (h,), ()))
        for n, (_, h) in enumerate(headlines)
    ])
    tracked = [Claim(id=f"claim-{g}", statement=members[g][0], source=f"claim-{g}.yml") for g in chosen]
    registry, _ = claimants.load_registry(ROOT / "seeds/claimants.yml")
    start = time.perf_counter()
    _, positions = evidence.match(entries, tracked, registry)
    seconds = time.perf_counter() - start
    group_of_article = {e.slug: headlines[int(e.article.source[9:-4])][0] for e in entries}  # headline-N.txt
    own = [p for p in positions if p.claim == f"claim-{group_of_article[p.article]}"]
    false = len(positions) - len(own)
    possible = sum(len(members[g]) for g in chosen)
    print(f"{len(chosen)} claims, {len(headlines)} headlines; machine: {os.cpu_count()} cores, "
          f"{platform.machine()}, Python {platform.python_version()}; claims stage {seconds:.1f} s")
    print(f"headlines linked to their own claim: {len(own)} of {possible} ({len(own) / possible:.3f}), "
          f"the claim's own statement included")
    print(f"false claim-headline links: {false} ({false / len(chosen):.2f} per claim, "
          f"of {len(chosen) * len(headlines) - possible} unrelated pairs)")
    print("stances of the linked headlines:", dict(sorted(Counter(p.stance for p in own).items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
