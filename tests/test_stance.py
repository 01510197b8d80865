"""The shipped stance model: loads, gives probabilities, reads pairs written here, holds its floors on
the final split (claim groups it never saw, bench/stance_data.py): FNC-1 bodies read through their
passage about each headline, and Emergent headlines read against their claims."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from generator.claims import stance

FINAL_SAMPLE = Path(__file__).parent / "data" / "fnc-final-sample.jsonl"  # bench/train_stance.py --sample tests/data
# The old held-out sample (tests/test_evidence.py links its headlines as briefs). Its claim groups
# are in the training data of the current model: no stance floor is pinned on it.
SAMPLE = Path(__file__).parent / "data" / "fnc-heldout-sample.jsonl"
HEADLINES = Path(__file__).parent / "data" / "emergent-final-sample.jsonl"
FLOOR = 81.0  # relative score on the FNC-1 sample: 84.8 % measured
DISAGREE_FLOOR = 0.30  # disagree recall on the FNC-1 sample: 0.44 measured (21 of 48)
HEADLINE_FLOOR = 0.62  # accuracy over for / against / observing on the Emergent sample, pairs given: 0.686 measured
AGAINST_FLOOR = 0.70  # recall of against (disagree) on the Emergent sample: 0.82 measured (41 of 50)

CLAIM = "Ukrainian troops advanced two kilometres near Bakhmut last week"
AGREEING = (
    "Ukrainian troops advanced two kilometres near Bakhmut last week. The brigades now hold the heights south "
    "of the city, and the advance near Bakhmut pushed Russian units back from the canal. Satellite images show "
    "Ukrainian positions two kilometres east of their old line."
)
DISAGREEING = (
    "There is no truth to the story that Ukrainian troops advanced two kilometres near Bakhmut last week. "
    "The story is a hoax. Maps of the front show no change near Bakhmut, and the photos that went viral were "
    "taken in 2022. Ukrainian troops did not advance near Bakhmut."
)
DISCUSSING = (
    "Ukrainian troops have reportedly advanced two kilometres near Bakhmut, according to social media posts. "
    "The claims could not be independently verified, and it is unclear whether the gains will hold. "
    "Officials in Kyiv declined to comment on the alleged advance near Bakhmut."
)
UNRELATED = (
    "The city council approved a new budget for public libraries on Tuesday, adding funds for children's books. "
    "Librarians welcomed the decision, saying opening hours would be extended over the summer holidays."
)


@pytest.fixture(scope="module")
def model() -> stance.Model:
    return stance.Model.load()


def _label(model: stance.Model, text: str, related_only: bool = False) -> str:
    p = model.predict([CLAIM], [text])[0]
    if related_only:
        p = p[1:]
        return stance.LABELS[1 + int(np.argmax(p))]
    return stance.LABELS[int(np.argmax(p))]


def test_probabilities_sum_to_one_and_repeat(model):
    claims = [CLAIM] * 4 + ["A claim", ""]
    texts = [AGREEING, DISAGREEING, DISCUSSING, UNRELATED, "One short sentence.", ""]
    first = model.predict(claims, texts)
    assert first.shape == (6, 4)
    assert np.all(first >= 0)
    np.testing.assert_allclose(first.sum(axis=1), 1.0)
    assert np.array_equal(first, stance.Model.load().predict(claims, texts))


def test_load_reads_the_files_once():
    assert stance.Model.load() is stance.Model.load()


def test_empty_batch_and_mismatched_lengths(model):
    assert model.predict([], []).shape == (0, 4)
    with pytest.raises(ValueError, match="2 claims for 1 texts"):
        model.predict([CLAIM, CLAIM], [AGREEING])


def test_unrelated_body_is_unrelated(model):
    assert _label(model, UNRELATED) == "unrelated"


@pytest.mark.parametrize(
    ("text", "expected"), [(AGREEING, "agree"), (DISAGREEING, "disagree"), (DISCUSSING, "discuss")]
)
def test_related_bodies_get_their_stance(model, text, expected):
    assert _label(model, text) != "unrelated"
    assert _label(model, text, related_only=True) == expected


@pytest.mark.xfail(strict=True, reason="known weakness (model card): a refutation argued only through counter-evidence reads as agree")
def test_refutation_without_denial_or_negation_words(model):
    text = (
        "Front-line maps show the lines near Bakhmut unchanged since March. The photos shared online as proof of the "
        "advance near Bakhmut were taken in 2022, in another region. Ukrainian units near Bakhmut remain in the "
        "positions they held a month ago."
    )
    assert _label(model, text, related_only=True) == "disagree"


@pytest.mark.xfail(strict=True, reason="known weakness (model card): another party's denial quoted beside the claim reads as disagree")
def test_a_quoted_denial_beside_a_reported_claim_is_not_the_reports_stance(model):
    text = (
        "Ukrainian troops advanced two kilometres near Bakhmut last week, a spokesman for the Ukrainian army said on "
        "Friday. Moscow denied that Ukrainian troops had made any gains near Bakhmut. The fighting around the city "
        "continued overnight."
    )
    assert _label(model, text, related_only=True) == "discuss"


def test_refutation_through_counter_evidence_with_a_denial(model):
    text = (
        "Ukrainian troops did not advance near Bakhmut last week. Front-line maps show the lines near Bakhmut "
        "unchanged since March. Photos shared online as proof of the advance were old and had been taken elsewhere, "
        "so the story of a two kilometre gain is false."
    )
    assert _label(model, text, related_only=True) == "disagree"


def test_refuting_body_leans_to_disagree(model):
    """The denial cues move probability towards disagree, even where discuss still wins."""
    refuting, asserting = model.predict([CLAIM, CLAIM], [DISAGREEING, AGREEING])
    assert refuting[2] > 10 * asserting[2]
    assert refuting[1] < asserting[1]


def test_single_sentences(model):
    """One sentence is a text too: a plain assertion agrees; a hedge moves it towards discuss."""
    plain = "Ukrainian troops advanced two kilometres near Bakhmut last week."
    hedged = "Ukrainian troops reportedly advanced near Bakhmut, though the claim could not be verified."
    p_plain, p_hedged = model.predict([CLAIM, CLAIM], [plain, hedged])
    assert stance.LABELS[int(np.argmax(p_plain))] == "agree"
    assert p_hedged[3] > 1.5 * p_plain[3]


def test_cues_are_features():
    """Denials, hedges and attribution move the features the model reads; the same words without them do not."""
    vocab = stance.Model.load().vocab
    plain = stance.dense_features(CLAIM, "Troops advanced near Bakhmut.", vocab)
    denied = stance.dense_features(CLAIM, "Officials denied troops advanced near Bakhmut.", vocab)
    hedged = stance.dense_features(CLAIM, "Troops reportedly advanced near Bakhmut.", vocab)
    assert plain != denied and plain != hedged and denied != hedged


def test_floor_on_final_fnc_sample(model):
    """Each pair read as the pipeline reads it: the passage of the body that bears on the headline."""
    bodies = [json.loads(line) for line in FINAL_SAMPLE.read_text(encoding="utf-8").splitlines()]
    claims, texts, truth = [], [], []
    for body in bodies:
        for headline, label in body["pairs"]:
            claims.append(headline)
            texts.append(stance.passage(headline, body["body"], model.vocab))
            truth.append(label)
    predicted = [stance.LABELS[i] for i in model.predict(claims, texts).argmax(axis=1)]
    figures = stance.report(truth, predicted)
    disagree = figures["classes"]["disagree"]
    print(f"final FNC-1 sample: {figures['pairs']} pairs, relative score {figures['relative_score']} %, "
          f"disagree precision {disagree['precision']} recall {disagree['recall']}")
    assert figures["relative_score"] >= FLOOR
    assert disagree["recall"] >= DISAGREE_FLOOR


def test_floor_on_final_emergent_headlines(model):
    """One headline against its claim, known to be related: the most likely of agree/disagree/discuss."""
    rows = [json.loads(line) for line in HEADLINES.read_text(encoding="utf-8").splitlines()]
    p = model.predict([r["claim"] for r in rows], [r["headline"] for r in rows])
    said = [stance.LABELS[1 + int(np.argmax(q[1:]))] for q in p]
    truth = [r["label"] for r in rows]
    accuracy = sum(s == t for s, t in zip(said, truth)) / len(rows)
    against = [s for s, t in zip(said, truth) if t == "disagree"]
    recall = against.count("disagree") / len(against)
    print(f"final Emergent sample: {len(rows)} headlines, accuracy {accuracy:.3f}, against recall {recall:.3f}")
    assert accuracy >= HEADLINE_FLOOR
    assert recall >= AGAINST_FLOOR


def test_report_scores_as_fnc():
    truth = ["unrelated", "agree", "discuss", "disagree"]
    predicted = ["unrelated", "discuss", "discuss", "unrelated"]
    figures = stance.report(truth, predicted)
    # best 0.25 + 3 = 3.25; got 0.25 + 0.25 + 1.0 + 0 = 1.5
    assert figures["relative_score"] == round(100 * 1.5 / 3.25, 2)
    assert figures["confusion"]["agree"]["discuss"] == 1
    assert figures["classes"]["discuss"] == {"precision": 0.5, "recall": 1.0}
