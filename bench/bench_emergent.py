"""Claim tracking measured on Emergent: headlines added as one-line reports, claims as statements.

    .venv/bin/python bench/bench_emergent.py [--data ../shared/data] [--claims development|final|all]

Every claim of ``emergent-dev.csv`` is tracked with only its `statement:` (the claim headline);
every article headline becomes a one-sentence article; the whole claims stage matches them at once,
retrieval included. Each labelled (claim, headline) pair is read back by Emergent's convention
(bench/through_pipeline.py): a source supporting the claim in its own words → for; supporting it
only through claimants (voice quoted), carrying both sides, or mentioning it → observing; disputing
it → against; no source → wrong whatever the label. Prints accuracy (the paper: 73 % with the pairs
given), per-class precision and recall, the confusion matrix, and how many pairs were never linked.

Which claims are scored (all of them are tracked, so retrieval has every distractor):
``development`` (the default), the development pool of bench/stance_data.py, each claim read with
the model of the fold that left it out (bench/through_pipeline.py), so that the matcher's rules can
be tuned on them; ``final``, the claims of the final split, which nothing was trained or
tuned on: score it once, for the figures the docs quote; ``all``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
from pathlib import Path

import stance_data
import train_stance
from through_pipeline import fold_model, model_in_use, print_confusion, read_back

from generator.dedup import slugs
from generator.model import Article, Claim, Entry, Metadata

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("for", "against", "observing")


def claim_groups(data: Path) -> tuple[stance_data.Data, dict[str, str]]:
    """(the pooled sets, the claim group of each Emergent claim headline)."""
    pooled = train_stance.load(data)
    return pooled, {p.claim: p.group for p in pooled.pairs if p.set == stance_data.EMERGENT}


def reports(rows: list[dict]) -> tuple[list[Claim], dict[str, str], list[Entry]]:
    """(tracked claims, claim id by claimId, one one-sentence article per headline)."""
    statements = {row["claimId"]: " ".join(row["claimHeadline"].split()) for row in rows}
    id_of = {c: f"claim-{n}" for n, c in enumerate(sorted(statements))}
    tracked = [Claim(id=id_of[c], statement=statements[c], source=f"{c}.yml") for c in sorted(statements)]
    headlines = {row["articleId"]: " ".join(row["articleHeadline"].split()) for row in rows}
    articles = [Article(f"{a}.txt", Metadata(title=f"Report {a}"), (headlines[a],), ()) for a in sorted(headlines)]
    return tracked, id_of, slugs.assign([Entry(a) for a in articles])


def read_all(data: Path, rows: list[dict], which: str, tracked: list[Claim], id_of: dict[str, str],
             entries: list[Entry]) -> tuple[dict, set[str], float]:
    """({(claim id, articleId): label}, the claimIds scored, seconds of the claims stage) of the
    reports: development claims each read with its fold's model, the others with the shipped model."""
    if which == "all":
        said, seconds = read_back(entries, tracked, LABELS)
        return said, {row["claimId"] for row in rows}, seconds
    pooled, group = claim_groups(data)
    final = {row["claimId"] for row in rows if group[row["claimHeadline"]] in pooled.final_groups}
    if which == "final":
        said, seconds = read_back(entries, tracked, LABELS)
        return said, final, seconds
    said, seconds = {}, 0.0
    for k in range(stance_data.FOLDS):
        fold = {id_of[row["claimId"]] for row in rows
                if row["claimId"] not in final and stance_data.fold(group[row["claimHeadline"]]) == k}
        with model_in_use(fold_model(pooled, k)):
            read, took = read_back(entries, tracked, LABELS)
        said |= {pair: label for pair, label in read.items() if pair[0] in fold}
        seconds += took
    return said, {row["claimId"] for row in rows} - final, seconds / stance_data.FOLDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--claims", choices=("development", "final", "all"), default="development")
    options = parser.parse_args()
    rows = stance_data.read_emergent(options.data / "emergent-dev")
    tracked, id_of, entries = reports(rows)
    said, scored, seconds = read_all(options.data, rows, options.claims, tracked, id_of, entries)
    pairs = [(r["articleHeadlineStance"], said.get((id_of[r["claimId"]], r["articleId"]), "unlinked"))
             for r in rows if r["claimId"] in scored]
    labelled = {(id_of[r["claimId"]], r["articleId"]) for r in rows}
    ids = {id_of[c] for c in scored}
    false_links = sum(1 for pair in said if pair[0] in ids and pair not in labelled)
    linked = sum(p != "unlinked" for _, p in pairs)
    print(f"{dt.date.today()}; machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}")
    print(f"{len(scored)} claims scored ({options.claims}) of {len(id_of)} tracked, {len(entries)} headlines as "
          f"one-line reports, {len(pairs)} labelled pairs; claims stage {seconds:.1f} s")
    right = sum(g == p for g, p in pairs)
    print(f"stance right: {right / len(pairs):.3f} of pairs ({right}); never linked: {1 - linked / len(pairs):.3f}; "
          f"links to headlines of other claims: {false_links} (of the links made, {linked / max(1, linked + false_links):.3f} labelled)")
    print_confusion(pairs, LABELS, (*LABELS, "unlinked"))


if __name__ == "__main__":
    main()
