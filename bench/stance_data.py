"""The stance data sets, read as published, and the splits every stance script shares.

Three sets, each pairing a claim with a text and a label in stance.LABELS:

- FNC-1 (``fnc-1/``): a headline against a whole news body (the model reads the body's passage
  about the headline, ``stance.passage``); agree / disagree / discuss / unrelated;
- Emergent, development half (``emergent-dev/``): a claim against one news headline; for → agree,
  against → disagree, observing → discuss;
- Climate-FEVER (``climate-fever/``): a claim against one Wikipedia sentence; SUPPORTS → agree,
  REFUTES → disagree, NOT_ENOUGH_INFO → NEI (mapped, or dropped, by the training recipe).

Splits are by claim group, never by pair. An FNC-1 group is the bodies and headlines joined by
related pairs (``claim_groups``); an Emergent claim whose article headlines are also FNC-1
headlines (compared lower-cased, letters and digits only) joins that FNC-1 group; Climate-FEVER
claims with the same wording are one group. Each group is named (``fnc-1:<smallest Body ID>``,
``emergent:<claimId>``, ``climate-fever:<smallest claim_id>``) and hashed:

- the final split: SHA-256 of ``FINAL_SALT + name`` mod 100 below FINAL_PERCENT (10 for a group
  holding FNC-1 bodies, 15 otherwise), never a group holding one of the FNC-1 groups of the old
  held-out split (``OLD_HELD_OUT_PERCENT``, which earlier versions of the model were tuned on);
  it is scored for the model card only (no choice is made on it; every retrained model is scored on it);
- the rest is the development pool, cut into FOLDS cross-validation folds by SHA-256 of
  ``FOLD_SALT + name``.

An FNC-1 pair belongs to its body's group; a training set drops the FNC-1 pairs whose headline's
group is held out too (an unrelated pair's headline is another group's).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FNC = "fnc-1"
EMERGENT = "emergent"
CLIMATE = "climate-fever"
SETS = (FNC, EMERGENT, CLIMATE)
FOLDS = 5
FOLD_SALT = "stance-cv-2025:"
FINAL_SALT = "stance-final-2025:"
FINAL_PERCENT = {FNC: 10, EMERGENT: 15, CLIMATE: 15}  # by the group's first set in SETS order
OLD_HELD_OUT_PERCENT = 15  # the old split: int(sha256(str(smallest Body ID)), 16) % 100 < 15
NEI = "nei"  # Climate-FEVER's NOT_ENOUGH_INFO, before the recipe maps it
EMERGENT_LABELS = {"for": "agree", "against": "disagree", "observing": "discuss"}
CLIMATE_LABELS = {"SUPPORTS": "agree", "REFUTES": "disagree", "NOT_ENOUGH_INFO": NEI}


@dataclass(frozen=True)
class Pair:
    """One labelled (claim, text) pair. ``group`` is the text's claim group (an FNC-1 body's),
    ``claim_group`` the claim's (another group's for an unrelated FNC-1 pair); ``body`` the FNC-1
    Body ID (texts of one body are one whole article, read through its passage)."""

    set: str
    claim: str
    text: str
    label: str
    group: str
    claim_group: str
    body: int | None = None


def _digest(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16)


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def read_fnc(data: Path) -> tuple[dict[int, str], list[tuple[str, int, str]]]:
    """Bodies by id and (headline, body id, stance) rows of FNC-1's training split, as published."""
    if not (data / "train_stances.csv").is_file():
        sys.exit(f"{data}: no FNC-1 training split here (train_bodies.csv, train_stances.csv); pass --data")
    with open(data / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        bodies = {int(row["Body ID"]): row["articleBody"] for row in csv.DictReader(handle)}
    with open(data / "train_stances.csv", encoding="utf-8", newline="") as handle:
        pairs = [(row["Headline"], int(row["Body ID"]), row["Stance"]) for row in csv.DictReader(handle)]
    return bodies, pairs


def read_emergent(data: Path) -> list[dict[str, str]]:
    """Rows of emergent-dev.csv (claimId, claimHeadline, articleId, articleHeadline, articleHeadlineStance)."""
    path = data / "emergent-dev.csv"
    if not path.is_file():
        sys.exit(f"{data}: no emergent-dev.csv here; pass --emergent")
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_climate(data: Path) -> list[dict]:
    """Claims of climate-fever.jsonl, each with its five labelled evidence sentences."""
    path = data / "climate-fever.jsonl"
    if not path.is_file():
        sys.exit(f"{data}: no climate-fever.jsonl here; pass --climate")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def claim_groups(pairs: list) -> tuple[dict[int, int], dict[str, int]]:
    """(group of each Body ID, group of each headline in a related pair): bodies and headlines
    joined by related pairs form one claim group, named by its smallest Body ID."""
    parent: dict[tuple, tuple] = {}

    def root(node: tuple) -> tuple:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for headline, body, label in pairs:
        if label != "unrelated":
            parent[root(("headline", headline))] = root(("body", body))
    smallest: dict[tuple, int] = {}
    for _, body, _ in pairs:
        smallest[root(("body", body))] = min(smallest.get(root(("body", body)), body), body)
    bodies = {b: smallest[root(("body", b))] for _, b, _ in pairs}
    headlines = {h: smallest[root(("headline", h))] for h, _, _ in pairs if root(("headline", h)) in smallest}
    return bodies, headlines


def old_held_out(group: int) -> bool:
    """Whether an FNC-1 group was in the old held-out split (the one earlier models were tuned on)."""
    return _digest(str(group)) % 100 < OLD_HELD_OUT_PERCENT


class _Groups:
    """Union-find over (set, key) nodes; a component is named by its first set in SETS order and smallest key."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(self, node: tuple[str, str]) -> tuple[str, str]:
        while self.parent.setdefault(node, node) != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb, key=self._order)] = min(ra, rb, key=self._order)

    @staticmethod
    def _order(node: tuple[str, str]) -> tuple:
        set_, key = node
        return SETS.index(set_), int(key) if key.isdigit() else 0, key

    def name(self, node: tuple[str, str]) -> str:
        set_, key = self.root(node)
        return f"{set_}:{key}"


@dataclass(frozen=True)
class Data:
    """Every pair of the three sets, with the group facts the splits need."""

    pairs: tuple[Pair, ...]
    final_groups: frozenset[str]
    fnc_groups: dict[str, int]  # groups holding FNC-1 bodies -> number of FNC-1 groups merged into them

    def final(self) -> list[Pair]:
        """The final split: every pair whose text's group is final."""
        return [p for p in self.pairs if p.group in self.final_groups]

    def development(self) -> list[Pair]:
        """The development pool (training data of the shipped model): pairs with neither group final."""
        return [p for p in self.pairs if p.group not in self.final_groups and p.claim_group not in self.final_groups]

    def groups(self, pairs: Iterable[Pair], set_: str) -> int:
        return len({p.group for p in pairs if p.set == set_})


def fold(group: str) -> int:
    """The cross-validation fold of a development group."""
    return _digest(FOLD_SALT + group) % FOLDS


def folds(pairs: list[Pair], k: int) -> tuple[list[Pair], list[Pair]]:
    """(training pairs, scored pairs) of fold k of the development pool."""
    return ([p for p in pairs if fold(p.group) != k and fold(p.claim_group) != k],
            [p for p in pairs if fold(p.group) == k])


def _split(rows: list, emergent_rows: list[dict], climate_rows: list[dict]) -> tuple[_Groups, dict[int, int], dict[str, int], dict[str, int], frozenset[str]]:
    """(the groups, FNC-1 body -> group, headline -> group, FNC-1 groups merged per name, final names)."""
    body_group, headline_group = claim_groups(rows)
    groups = _Groups()
    for group in body_group.values():
        groups.root((FNC, str(group)))
    by_headline = {_normal(h): g for h, g in headline_group.items()}
    for row in emergent_rows:
        node = (EMERGENT, row["claimId"])
        groups.root(node)
        if (shared := by_headline.get(_normal(row["articleHeadline"]))) is not None:
            groups.join(node, (FNC, str(shared)))
    first_id: dict[str, str] = {}
    for claim in climate_rows:
        first_id.setdefault(_normal(claim["claim"]), claim["claim_id"])
        groups.join((CLIMATE, claim["claim_id"]), (CLIMATE, first_id[_normal(claim["claim"])]))
    merged: dict[str, int] = {}
    tainted: set[str] = set()
    for group in sorted(set(body_group.values())):
        name = groups.name((FNC, str(group)))
        merged[name] = merged.get(name, 0) + 1
        if old_held_out(group):
            tainted.add(name)
    names = {groups.name(node) for node in list(groups.parent)}
    final = frozenset(name for name in names if name not in tainted
                      and _digest(FINAL_SALT + name) % 100 < FINAL_PERCENT[name.split(":", 1)[0]])
    return groups, body_group, headline_group, merged, final


def load(fnc: Path, emergent: Path, climate: Path) -> Data:
    """The three sets as Pairs, grouped and split as the module docstring says."""
    bodies, rows = read_fnc(fnc)
    emergent_rows, climate_rows = read_emergent(emergent), read_climate(climate)
    groups, body_group, headline_group, merged, final = _split(rows, emergent_rows, climate_rows)
    pairs: list[Pair] = []
    for headline, body, label in rows:
        own = groups.name((FNC, str(body_group[body])))
        of_claim = groups.name((FNC, str(headline_group[headline]))) if headline in headline_group else own
        pairs.append(Pair(FNC, headline, bodies[body], label, own, of_claim, body))
    for row in emergent_rows:
        group = groups.name((EMERGENT, row["claimId"]))
        pairs.append(Pair(EMERGENT, row["claimHeadline"], row["articleHeadline"],
                          EMERGENT_LABELS[row["articleHeadlineStance"]], group, group))
    for claim in climate_rows:
        group = groups.name((CLIMATE, claim["claim_id"]))
        for evidence in claim["evidences"]:
            pairs.append(Pair(CLIMATE, claim["claim"], evidence["evidence"],
                              CLIMATE_LABELS[evidence["evidence_label"]], group, group))
    return Data(tuple(pairs), final, merged)


def fnc_split(rows: list, emergent_rows: list[dict], climate_rows: list[dict]) -> tuple[list, list]:
    """(development rows, final-split rows) of FNC-1's (headline, body id, stance) rows: the rows of
    final bodies are scored; development drops the rows whose headline's group is final too."""
    groups, body_group, headline_group, _, final = _split(rows, emergent_rows, climate_rows)

    def name(row: tuple) -> tuple[str, str]:
        headline, body, _ = row
        own = groups.name((FNC, str(body_group[body])))
        return own, groups.name((FNC, str(headline_group[headline]))) if headline in headline_group else own

    named = [(row, *name(row)) for row in rows]
    return ([row for row, own, of_claim in named if own not in final and of_claim not in final],
            [row for row, own, _ in named if own in final])
