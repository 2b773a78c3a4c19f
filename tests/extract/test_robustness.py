"""Arbitrary text never breaks extraction, and every span still indexes the text exactly."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assay.extract.quotes import find_quotations
from assay.records import Article

PIECES = ["“", "”", '"', "''", "``", "«", "»", "\n", "\n\n", " ", ", ", ". ", ":", " — ", "he said", "she said",
          "according to officials", "the ministry denied that", "Mr. Varn", "Colonel Edda Lusk", "may",
          "if the bridge falls", "troops", "would", "KESTRIN, Ostrevia — ", "?", "claims from analysts that"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(texts)
def test_quotations_are_ordered_and_inside_the_text(text):
    quotes = find_quotations(text)
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts)
def test_extraction_spans_index_the_text(pipeline, text):
    if not text.strip():
        return
    ex = pipeline.extract_one(Article(id="h", text=text))
    ids = {c.id for c in ex.claims}
    for c in ex.claims:
        for span in (c.cue, *c.content, *c.hedges, *([c.source] if c.source else [])):
            assert text[span.start:span.end] == span.text
        assert c.nested_in is None or c.nested_in in ids
    for e in ex.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
