"""Evaluate story grouping on FNC-1: news bodies that bear on the same claim should form one story.

    .venv/bin/python bench/bench_stories.py [--data ../shared/data/fnc-1] [--events 5] [--draws 20]

Gold. FNC-1 pairs headlines (claims collected by Emergent) with bodies, labelled agree / disagree /
discuss (related) or unrelated. Linking each body to the headlines it is related to gives connected
components: one per Emergent claim, i.e. one reported event. Two bodies count as
- same event (strict): they are related to one same headline;
- same event (component): they fall in the same component (related through a chain of headlines);
- different events: different components, and one body was judged unrelated to a headline the
  other body is related to. Pairs in different components that no annotator compared are left out
  of the strict figures (two Emergent claims can be about one news event).
Bodies have no dates, so grouping runs on text alone (the date signal is not measured here).

Prints pairwise precision / recall / F1 (strict, and over components) and B-cubed F1 for
(1) every body at once, (2) draws of a few whole events (like "220 reports of five events"),
with the time taken and the machine.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import platform
import random
import time
from collections import defaultdict
from pathlib import Path

from generator.model import Article, Entry, Metadata
from generator.stories import grouping

ROOT = Path(__file__).resolve().parent.parent


def load(folder: Path) -> tuple[dict[str, str], dict[str, set[str]], dict[str, set[str]]]:
    """Bodies by id; for each body the headlines it is related to, and those it is unrelated to."""
    with open(folder / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    related, unrelated = defaultdict(set), defaultdict(set)
    with open(folder / "train_stances.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            (unrelated if row["Stance"] == "unrelated" else related)[row["Body ID"]].add(row["Headline"])
    return bodies, related, unrelated


def components(related: dict[str, set[str]]) -> dict[str, int]:
    """Body id -> event number: bodies linked through related headlines."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for body, headlines in related.items():
        for headline in headlines:
            parent[find("b" + body)] = find("h" + headline)
    roots = sorted({find("b" + b) for b in related})
    number = {root: n for n, root in enumerate(roots)}
    return {b: number[find("b" + b)] for b in related}


def entry(body_id: str, text: str) -> Entry:
    paragraphs = tuple(p.strip() for p in text.split("\n") if p.strip())
    title = " ".join(paragraphs[0].split()[:12]) if paragraphs else body_id
    article = Article(source=f"fnc/{body_id}.txt", meta=Metadata(title=title), paragraphs=paragraphs, removed=(),
                      slug=f"undated-fnc-{int(body_id):05d}")
    return Entry(article)


def predicted(ids: list[str], bodies: dict[str, str]) -> dict[str, str]:
    """Body id -> story slug."""
    entries = [entry(b, bodies[b]) for b in ids]
    by_slug = {e.slug: b for e, b in zip(entries, ids)}
    return {by_slug[a]: story.slug for story in grouping.group(entries) for a in story.articles}


def pair_scores(ids, story, event, related, unrelated) -> dict[str, float]:
    counts = defaultdict(int)
    for a, b in itertools.combinations(ids, 2):
        same_story = story[a] == story[b]
        same_event = event[a] == event[b]
        counts["pred"] += same_story
        counts["gold"] += same_event
        counts["hit"] += same_story and same_event
        if same_event:
            strict = bool(related[a] & related[b])
        elif related[a] & unrelated[b] or related[b] & unrelated[a]:
            strict = False
        else:
            continue  # never compared by an annotator
        counts["s_pred"] += same_story
        counts["s_gold"] += strict
        counts["s_hit"] += same_story and strict
    return {
        "strict": f1(counts["s_hit"], counts["s_pred"], counts["s_gold"]),
        "component": f1(counts["hit"], counts["pred"], counts["gold"]),
    }


def f1(hit: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = hit / pred if pred else 1.0
    r = hit / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(ids, story, event) -> tuple[float, float, float]:
    by_story, by_event = defaultdict(set), defaultdict(set)
    for b in ids:
        by_story[story[b]].add(b)
        by_event[event[b]].add(b)
    p = sum(len(by_story[story[b]] & by_event[event[b]]) / len(by_story[story[b]]) for b in ids) / len(ids)
    r = sum(len(by_story[story[b]] & by_event[event[b]]) / len(by_event[event[b]]) for b in ids) / len(ids)
    return p, r, 2 * p * r / (p + r)


def show(label: str, scores: dict, b3: tuple) -> None:
    print(f"{label}")
    for name, (p, r, f) in scores.items():
        print(f"  pairwise {name:9} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"  B-cubed            P {b3[0]:.3f}  R {b3[1]:.3f}  F1 {b3[2]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/fnc-1", help="folder of the FNC-1 CSV files")
    parser.add_argument("--events", type=int, default=5, help="events per draw")
    parser.add_argument("--min-reports", type=int, default=20, help="least reports of an event in a draw")
    parser.add_argument("--draws", type=int, default=20)
    options = parser.parse_args()
    if not (options.data / "train_stances.csv").is_file():
        parser.error(f"{options.data}: no FNC-1 train_stances.csv there; pass --data")
    bodies, related, unrelated = load(options.data)
    event = components(related)
    ids = sorted(event, key=int)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{len(ids)} bodies, {len(set(event.values()))} events")

    start = time.perf_counter()
    story = predicted(ids, bodies)
    seconds = time.perf_counter() - start
    print(f"grouped in {seconds:.1f} s into {len(set(story.values()))} stories")
    show("all bodies", pair_scores(ids, story, event, related, unrelated), bcubed(ids, story, event))

    rng = random.Random(8)
    sizes = defaultdict(list)
    for b in ids:
        sizes[event[b]].append(b)
    big = sorted(e for e, members in sizes.items() if len(members) >= options.min_reports)
    totals = defaultdict(list)
    for _ in range(options.draws):
        chosen = [b for e in rng.sample(big, options.events) for b in sizes[e]]
        story = predicted(chosen, bodies)
        for name, score in pair_scores(chosen, story, event, related, unrelated).items():
            totals[name].append(score)
        totals["b3"].append(bcubed(chosen, story, event))
    mean = {name: tuple(sum(s[k] for s in values) / len(values) for k in range(3)) for name, values in totals.items()}
    b3 = mean.pop("b3")
    show(f"{options.draws} draws of {options.events} events with >= {options.min_reports} reports each (mean)", mean, b3)


if __name__ == "__main__":
    main()
