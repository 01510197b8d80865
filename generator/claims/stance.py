"""Stance of a text towards a claim, learnt from FNC-1: unrelated, agree, disagree or discuss.

Features are pure functions of (claim, text) given the fitted vocabulary and IDF: a TF-IDF
cosine, word/bigram/number overlap, IDF-weighted coverage (of the text, its lead, its closest
sentences), BM25, and the cues the project reads stance from (denials, hedges, attribution,
negation, confirmations, question marks), counted in the whole text, in the sentences closest to
the claim, and in the claim. Five one-hidden-layer networks map them to the four probabilities. No
feature names a particular word of the claim, so the model carries over to claims it never saw
(term-frequency vectors of headline and body, tried first, learnt FNC-1's claims by heart and
scored lower on held-out claims). The text may be a whole article or one sentence. The model is
plain data in ``generator/claims/models/`` (JSON + one ``.npy`` of float32 weights), written by
``bench/train_stance.py``. The cue lists live here; evidence.py reads the same ones in one clause.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from itertools import chain
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources

import numpy as np
from scipy import sparse

LABELS = ("unrelated", "agree", "disagree", "discuss")
MODEL_JSON = "stance.json"
MODEL_WEIGHTS = "stance-weights.npy"
CARD = "stance-card.json"

_DENYING = (r"den(?:y|ies|ied|ying|ial)|refut(?:e|es|ed|ing)|rebuff(?:s|ed)?|debunk(?:s|ed|ing)?|hoax(?:es|ers?)?|fakes?|"
            r"false(?:ly)?|untrue|not true|fabricat(?:ed|ion)|baseless|myths?|satir(?:e|ical)|pranks?|misleading|doctored|"
            r"photoshopped|retract(?:s|ed|ion)?|pushing back|push(?:ed)? back against|do(?:es)? not correspond to reality|"
            r"no evidence|not the case|never happened|nonsense|bogus|spoofs?")
_TURNING_DOWN = r"reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?"  # what is said, or a person or a plan
# … when what they turn down is what is said: "dismissed the reports", "rejected Russian claims", "dismissed it as".
_OF_A_CLAIM = (r"(?=\s+(?:(?:the|these|those|such|all|any|his|her|their|its|\w+'s)\s+)?(?:\w+\s+)?"
               r"(?:claims?|reports?|allegations?|accusations?|rumou?rs?|suggestions?|speculation|idea|notion|stor(?:y|ies)|"
               r"assertions?|charges?)\b|\s+(?:(?:it|them|this|that|these)\s+)?as\b)")
DENIAL = re.compile(rf"\b(?:{_DENYING}|{_TURNING_DOWN})\b", re.I)  # the model's cue: counted and weighed by training
# A clause that denies, which decides a sentence's stance by itself: "was dismissed from service" is none.
DENIES = re.compile(rf"\b(?:{_DENYING}|(?:{_TURNING_DOWN}){_OF_A_CLAIM})\b", re.I)
HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|alleged|unconfirmed|unverified|could not be (?:independently )?verified|"
    r"if confirmed|unclear|whether|rumou?rs?|rumou?red|claims?|claimed|purportedly|supposedly|apparently|"
    r"appears? to|(?-i:may)|might|could|possibly|speculat(?:e|ed|ion)|not (?:yet )?(?:been )?confirmed|"
    r"suggests?|believed to|said to be|is said|are said)\b",
    re.I,
)
UNVERIFIED = re.compile(  # a report saying it could not check what it carries: not one of the model's cues
    r"\b(?:could not|cannot|can ?not|could n't|was unable to|were unable to|has not been able to|have not been able to)"
    r"(?: be)? (?:independently )?(?:verif(?:y|ied)|confirm(?:ed)?)\b|\bunverified\b|"
    r"\bnot (?:been )?independently (?:verified|confirmed)\b|\b(?:no way|impossible|not possible) to (?:independently )?(?:verify|confirm)\b|"
    r"\bneither\b[^.]{0,60}\b(?:could|can) be (?:independently )?(?:verified|confirmed)\b",
    re.I,
)
ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|saying|told|added|assert(?:s|ed)?|insist(?:s|ed|ing)?|acknowledg(?:e|es|ed)|"
    r"tweet(?:s|ed)?|posted|wrote|writes|report(?:s|ed)?|announc(?:e|es|ed)|stat(?:es|ed)|stress(?:es|ed)|"
    r"vow(?:s|ed)|accus(?:es|ed)|according to|sources?|spokes(?:man|woman|person))\b",
    re.I,
)
CONFIRMATION = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|officially|verified|indeed|proved|proven|evidence shows|revealed|"
    r"announced|it is true|turned out|has been found)\b",
    re.I,
)
NEGATION = re.compile(r"\b(?:not|no|never|nobody|none|neither|nor|without|cannot)\b|n't\b", re.I)
CUES = (DENIAL, HEDGE, ATTRIBUTION, CONFIRMATION, NEGATION)

_WORD = re.compile(r"\w\w+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’']?\s+|\n+")
_BM25_K1, _BM25_B = 1.2, 0.75
_TOP = 3  # sentences closest to the claim, where cues are read


def tokens(text: str) -> list[str]:
    """Lower-case words of two or more letters or digits (the tokens of the vocabulary)."""
    return _WORD.findall(text.lower())


def split_sentences(text: str) -> list[str]:
    found = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    return found or [text]


PASSAGE_TOP = 3  # sentences closest to the claim a passage is built around (besides its evidence sentences)
PASSAGE_REACH = 1  # neighbours on each side of each of them


@dataclass(frozen=True)
class Reading:
    """A text read once, sentence by sentence: its passages and their features are built from it
    without reading the text again (an article is read once, whatever the number of claims)."""

    pieces: tuple[str, ...]  # its sentences, as split_sentences gives them
    words: tuple[tuple[str, ...], ...]  # content words of each sentence, in order
    cues: tuple[tuple[float, ...], ...]  # cue_counts of each sentence
    numbers: tuple[frozenset[str], ...]  # numbers written in each sentence
    where: dict[str, tuple[int, ...]]  # content word -> the sentences holding it


def reading(text: str, stop: frozenset[str]) -> Reading:
    pieces = tuple(split_sentences(text))
    words = tuple(tuple(_content(tokens(p), stop)) for p in pieces)
    where: dict[str, list[int]] = {}
    for index, found in enumerate(words):
        for term in dict.fromkeys(found):
            where.setdefault(term, []).append(index)
    return Reading(pieces, words, tuple(cue_counts(p) for p in pieces), tuple(frozenset(_NUMBER.findall(p)) for p in pieces),
                   {term: tuple(found) for term, found in where.items()})


def passage_lines(claim: str, read: Reading, vocab: Vocabulary, anchors: Set[str] = frozenset()) -> tuple[int, ...]:
    """The sentences of a text that bear on the claim: those stating it (``anchors``, as quoted by
    the matcher) and the PASSAGE_TOP that cover most of it, each with PASSAGE_REACH neighbours, in
    text order; a short text is all passage."""
    count = len(read.pieces)
    if count <= PASSAGE_TOP + 2 * PASSAGE_REACH:
        return tuple(range(count))
    weights = {t: vocab.weight(t) for t in set(_content(tokens(claim), vocab.stop))}
    found: dict[int, list[float]] = {}
    for term, weight in weights.items():
        for index in read.where.get(term, ()):
            found.setdefault(index, []).append(weight)
    covered = {i: math.fsum(w) for i, w in found.items()}  # the sentences holding a word of the claim
    ranked = sorted(covered, key=lambda i: (-covered[i], i)) + [i for i in range(count) if i not in covered]
    chosen = {i for i, piece in enumerate(read.pieces) if any(piece in a or a in piece for a in anchors)} if anchors else set()
    chosen |= set(ranked[:PASSAGE_TOP])
    return tuple(sorted({j for i in chosen for j in range(i - PASSAGE_REACH, i + PASSAGE_REACH + 1) if 0 <= j < count}))


def passage(claim: str, text: str, vocab: Vocabulary, anchors: Set[str] = frozenset()) -> str:
    """The part of a text that bears on the claim (passage_lines), as text. A long report about
    ten things is read where it speaks of this one."""
    read = reading(text, vocab.stop)
    return "\n".join(read.pieces[i] for i in passage_lines(claim, read, vocab, anchors))


def passage_text(read: Reading, lines: Sequence[int]) -> _Text:
    """The features' view of the given sentences (in text order), as _read would give for them joined by newlines."""
    words = tuple(chain.from_iterable(read.words[i] for i in lines))
    cues = tuple(read.cues[i] for i in lines)
    return _Text(
        words=words,
        counts=Counter(words),
        bigrams=frozenset(_bigrams(list(words))),
        lead=frozenset(words[:60]),
        reading=read,
        lines=tuple(lines),
        cues=cues,
        cue_means=tuple(sum(column) / len(cues) for column in zip(*cues)),
        numbers=frozenset().union(*(read.numbers[i] for i in lines)),
    )


@lru_cache(maxsize=65536)
def cue_counts(text: str) -> tuple[float, ...]:
    """Presence (0/1) of each cue in a text, then whether it asks a question."""
    return (*(float(bool(c.search(text))) for c in CUES), float("?" in text))


@dataclass(frozen=True)
class Vocabulary:
    """What the features need from training: term index, IDF, stop words, mean document length."""

    terms: dict[str, int]
    idf: dict[str, float]
    default_idf: float
    stop: frozenset[str]
    mean_length: float

    @classmethod
    def from_meta(cls, meta: dict) -> Vocabulary:
        return cls(
            terms={t: i for i, t in enumerate(meta["terms"])},
            idf=meta["idf"],
            default_idf=meta["default_idf"],
            stop=frozenset(meta["stop_words"]),
            mean_length=meta["mean_length"],
        )

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.default_idf)

    @cached_property
    def idf_vector(self) -> np.ndarray:
        """The weight of each term, by its index."""
        idf = np.zeros(len(self.terms))
        for term, index in self.terms.items():
            idf[index] = self.weight(term)
        return idf


def _content(words: list[str], stop: frozenset[str]) -> list[str]:
    return [w for w in words if w not in stop]


def _coverage(weights: dict[str, float], total: float, text_terms: Set[str]) -> float:
    """Share of the claim's IDF mass found in the text (math.fsum: exact, so set order cannot change a bit)."""
    return math.fsum(weights[t] for t in text_terms if t in weights) / total if total else 0.0


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:]))


def _bm25(claim_terms: set[str], counts: Counter, length: int, vocab: Vocabulary) -> float:
    norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * length / vocab.mean_length)
    return math.fsum(vocab.weight(t) * counts[t] * (_BM25_K1 + 1) / (counts[t] + norm) for t in claim_terms if counts[t])


@dataclass(frozen=True)
class _Text:
    """A text read once: content words, their counts, where each sits among its sentences, the
    sentences' cues (one row per sentence), numbers."""

    words: tuple[str, ...]
    counts: Counter
    bigrams: frozenset[tuple[str, str]]
    lead: frozenset[str]
    reading: Reading  # the text its sentences are from
    lines: tuple[int, ...]  # which of the reading's sentences it is, in order
    cues: tuple[tuple[float, ...], ...]
    cue_means: tuple[float, ...]  # share of its sentences with each cue
    numbers: frozenset[str]

    @cached_property
    def _positions(self) -> dict[int, int]:
        return {line: position for position, line in enumerate(self.lines)}

    def holding(self, term: str) -> tuple[int, ...]:
        """Its sentences (by position) that hold a content word."""
        return tuple(self._positions[i] for i in self.reading.where.get(term, ()) if i in self._positions)


@lru_cache(maxsize=4096)
def _read(text: str, stop: frozenset[str]) -> _Text:
    read = reading(text, stop)
    return passage_text(read, range(len(read.pieces)))


def _sentence_coverage(weights: dict[str, float], total: float, text: _Text) -> list[float]:
    """_coverage of each sentence, reading only the sentences that hold a word of the claim."""
    found: dict[int, list[float]] = {}
    for term, weight in weights.items():
        for index in text.holding(term):
            found.setdefault(index, []).append(weight)
    return [math.fsum(found[i]) / total if total and i in found else 0.0 for i in range(len(text.cues))]


def dense_features(claim: str, text: str, vocab: Vocabulary) -> list[float]:
    """Overlap and cue features of one pair; fractions and logs, so one sentence and a whole article compare."""
    c, t = _read(claim, vocab.stop), text if isinstance(text, _Text) else _read(text, vocab.stop)
    claim_set, text_set = set(c.words), set(t.words)
    claim_bigrams = c.bigrams
    weights = {term: vocab.weight(term) for term in claim_set}
    total = math.fsum(weights.values())
    n = len(t.cues)
    scored = sorted(zip(_sentence_coverage(weights, total, t), range(n)), key=lambda p: (-p[0], p[1]))
    near = [t.cues[i] for _, i in scored[:_TOP]]
    return [
        len(claim_set & text_set) / len(claim_set | text_set) if claim_set | text_set else 0.0,
        len(claim_set & text_set) / len(claim_set) if claim_set else 0.0,
        _coverage(weights, total, text_set),
        _coverage(weights, total, t.lead),
        len(claim_bigrams & t.bigrams) / len(claim_bigrams) if claim_bigrams else 0.0,
        float(bool(c.numbers)),
        len(c.numbers & t.numbers) / len(c.numbers) if c.numbers else 0.0,
        math.log1p(_bm25(claim_set, t.counts, len(t.words), vocab)),
        scored[0][0],
        sum(score for score, _ in scored[:_TOP]) / len(near),
        sum(score >= 0.5 for score, _ in scored) / n,
        math.log1p(len(t.words)),
        math.log1p(n),
        *t.cue_means,
        *(sum(column) / len(near) for column in zip(*near)),
        *near[0],
        *cue_counts(claim),
    ]


def _key(text: str | _Text) -> str | int:
    return id(text) if isinstance(text, _Text) else text


def tf_rows(texts: Sequence[str | _Text], vocab: Vocabulary) -> sparse.csr_matrix:
    """L2-normalised term frequencies over the vocabulary, one row per text (each distinct text read
    once; a passage already read as a _Text is not read again)."""
    distinct = {_key(text): (i, text) for i, text in enumerate({_key(t): t for t in texts}.values())}
    rows, cols, vals = [], [], []
    for row, text in distinct.values():
        if isinstance(text, _Text):
            counts = Counter({t: n for t, n in text.counts.items() if t in vocab.terms})
        else:
            counts = Counter(t for t in tokens(text) if t in vocab.terms)
        norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
        for term, count in sorted(counts.items()):
            rows.append(row)
            cols.append(vocab.terms[term])
            vals.append(count / norm)
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(distinct), len(vocab.terms)), dtype=np.float64)
    return matrix[[distinct[_key(text)][0] for text in texts]]


def features(claims: Sequence[str], texts: Sequence[str], vocab: Vocabulary) -> np.ndarray:
    """(n, k) unscaled features: the TF-IDF cosine, then dense_features, one row per (claim, text) pair."""
    idf = sparse.diags(vocab.idf_vector)
    head, body = tf_rows(claims, vocab) @ idf, tf_rows(texts, vocab) @ idf
    dots = np.asarray(head.multiply(body).sum(axis=1)).ravel()
    squares = np.asarray(head.multiply(head).sum(axis=1)).ravel() * np.asarray(body.multiply(body).sum(axis=1)).ravel()
    cosine = np.divide(dots, np.sqrt(squares), out=np.zeros_like(dots), where=squares > 0)
    return np.array([[c, *dense_features(claim, text, vocab)] for c, claim, text in zip(cosine, claims, texts)])


Network = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # hidden weights, bias; output weights, bias


@dataclass(frozen=True)
class Model:
    """The shipped stance model: vocabulary and IDF, feature scaling, and a few networks of one
    hidden ReLU layer each (trained from different seeds) whose probabilities are averaged."""

    vocab: Vocabulary
    mean: np.ndarray
    scale: np.ndarray
    networks: tuple[Network, ...]
    shown: dict[str, float]  # label -> how many times training showed each pair of it (1 if absent)

    @classmethod
    def load(cls) -> Model:
        """The model shipped in generator/claims/models/, read once per process."""
        return _shipped()

    @classmethod
    def from_files(cls, meta: dict, weights: np.ndarray) -> Model:
        """The model from its JSON (as a dict) and its flat weights, in the order written by training."""
        n_in, n_hidden, n_out = meta["shape"]
        networks, start = [], 0
        for _ in range(meta["members"]):
            arrays = []
            for shape in ((n_in, n_hidden), (n_hidden,), (n_hidden, n_out), (n_out,)):
                size = math.prod(shape)
                arrays.append(weights[start : start + size].reshape(shape).astype(np.float64))
                start += size
            networks.append(tuple(arrays))
        return cls(Vocabulary.from_meta(meta), np.array(meta["mean"]), np.array(meta["scale"]), tuple(networks),
                   dict(meta.get("shown", {})))

    def predict(self, claims: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        """(n, 4) probabilities in LABELS order for each (claims[i], texts[i])."""
        if len(claims) != len(texts):
            raise ValueError(f"{len(claims)} claims for {len(texts)} texts")
        if not claims:
            return np.zeros((0, len(LABELS)))
        return self.probabilities(features(claims, texts, self.vocab))

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """(n, 4) probabilities in LABELS order from the (n, k) unscaled features of n pairs."""
        x = (rows - self.mean) / self.scale
        return sum(_forward(x, network) for network in self.networks) / len(self.networks)


def _forward(x: np.ndarray, network: Network) -> np.ndarray:
    hidden_w, hidden_b, out_w, out_b = network
    logits = np.maximum(x @ hidden_w + hidden_b, 0.0) @ out_w + out_b
    logits -= logits.max(axis=1, keepdims=True)
    odds = np.exp(logits)
    return odds / odds.sum(axis=1, keepdims=True)


def report(truth: Sequence[str], predicted: Sequence[str]) -> dict:
    """FNC-1 relative score (+0.25 related/unrelated right, +0.75 more for the exact related label),
    per-class precision and recall, and the confusion matrix (rows: truth, columns: predicted)."""
    score = best = 0.0
    matrix = {t: {p: 0 for p in LABELS} for t in LABELS}
    for t, p in zip(truth, predicted):
        matrix[t][p] += 1
        best += 0.25 if t == "unrelated" else 1.0
        score += 0.25 * ((t == "unrelated") == (p == "unrelated")) + 0.75 * (t != "unrelated" and t == p)
    classes = {}
    for label in LABELS:
        hits = matrix[label][label]
        said = sum(matrix[t][label] for t in LABELS)
        real = sum(matrix[label].values())
        classes[label] = {"precision": round(hits / said, 4) if said else 0.0, "recall": round(hits / real, 4) if real else 0.0}
    return {
        "pairs": len(truth),
        "relative_score": round(100 * score / best, 2) if best else 0.0,
        "accuracy": round(sum(matrix[l][l] for l in LABELS) / len(truth), 4) if truth else 0.0,
        "classes": classes,
        "confusion": matrix,
    }


def card() -> dict:
    """The shipped model card (training data, split, held-out figures, failure modes)."""
    return json.loads((resources.files("generator.claims") / "models" / CARD).read_text(encoding="utf-8"))


@cache
def _shipped() -> Model:
    folder = resources.files("generator.claims") / "models"
    meta = json.loads((folder / MODEL_JSON).read_text(encoding="utf-8"))
    with (folder / MODEL_WEIGHTS).open("rb") as handle:
        weights = np.load(handle, allow_pickle=False)
    return Model.from_files(meta, weights)
