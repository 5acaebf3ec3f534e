"""BIO chunks with conlleval semantics, tag mapping, and the scorer."""

from marsad.nlp.ner import tags as T
from marsad.nlp.ner.evaluate import score


def test_chunks_follow_conlleval():
    tags = ["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "B-ORG"]
    # An I- after O opens a chunk; an I- of another type opens a new chunk; B- always opens one.
    assert T.spans(tags) == [(0, 2, "PERS"), (3, 5, "LOC"), (5, 6, "LOC"), (6, 7, "ORG"), (7, 8, "ORG")]


def test_relabel_maps_types_and_drops_unmapped_chunks():
    tags = ["B-Nation", "I-Nation", "O", "B-Book", "B-Politician"]
    assert T.relabel(tags, T.FANE) == ["B-STATE", "I-STATE", "O", "B-MISC", "B-PERSON"]
    assert T.relabel(["B-STATE", "B-NORP", "B-FACILITY"], T.TO_ANERCORP) == ["B-LOC", "O", "B-LOC"]


def test_every_fane_type_in_the_corpora_is_mapped():
    seen = {"Nation", "Politician", "Population-Center", "Non-Governmental", "Athlete", "Sports", "Artist",
            "Other_PER", "Group", "Government", "Media", "Building-Grounds", "Religious_PER", "Commercial",
            "State-or-Province", "GPE-Cluster", "Book", "Educational", "Scientist", "Movie", "Water-Body", "Land",
            "Continent", "Police", "Businessperson", "County-or-District", "Medical-Science", "Path",
            "Land-Region-Natural", "Lawyer", "Airport", "Entertainment", "Religious_ORG", "Air", "Software",
            "Hardware", "Engineer", "Projectile", "Food", "Water", "Drug", "Shooting", "Subarea-Facility",
            "Celestial", "Plant", "Sound", "Nuclear", "Blunt", "Exploding", "Chemical", "Sharp"}
    assert seen <= set(T.FANE)


def test_score_is_exact_span_match_micro_and_per_type():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-ORG", "O"]]
    s = score(zip(gold, pred, strict=True))
    assert (s["micro"].tp, s["micro"].fp, s["micro"].fn) == (2, 1, 1)
    assert s["PERS"].f1 == 0.0
    assert s["LOC"].f1 == 1.0
    assert round(s["micro"].f1, 4) == round(2 * (2 / 3) * (2 / 3) / (4 / 3), 4)


def test_chunks_close_at_gaps_at_the_end_and_at_other_prefixes():
    assert T.spans(["I-LOC", "O", "O", "B-PER", "I-PER"]) == [(0, 1, "LOC"), (3, 5, "PER")]
    assert T.spans(["O", "O"]) == [] and T.spans([]) == []
    # A tag that is neither B-, I- nor O closes the chunk and opens none (conlleval's E-/S- aside).
    assert T.spans(["B-X", "E-X", "I-X"]) == [(0, 1, "X"), (2, 3, "X")]
