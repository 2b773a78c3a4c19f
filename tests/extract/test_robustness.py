"""Arbitrary text never breaks extraction, and every span still indexes the text exactly."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assay.extract.quotes import find_quotations
from assay.records import Article

PIECES = ["“", "”", '"', "''", "``", "«", "»", "\n", "\n\n", " ", ", ", ". ", ":", " — ", "he said", "she said",
          "1,500", "between 4 and 5", "$3m", "at least", "thousands of", "on Friday", "Nov. 5", "-", "10 years",
          "according to officials", "the ministry denied that", "Mr. Varn", "Colonel Edda Lusk", "may",
          "if the bridge falls", "troops", "would", "KESTRIN, Ostrevia — ", "?", "claims from analysts that"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(texts)
def test_quotations_are_ordered_and_inside_the_text(text):
    quotes = find_quotations(text)
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts)
def test_extraction_spans_index_the_text(pipeline, text):
    if not text.strip():
        return
    ex = pipeline.extract_one(Article(id="h", text=text, published="2026-03-09"))
    ids = {c.id for c in ex.claims}
    for c in ex.claims:
        for span in (c.cue, *c.content, *c.hedges, *([c.source] if c.source else [])):
            assert text[span.start:span.end] == span.text
        assert c.nested_in is None or c.nested_in in ids
    for e in ex.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for q in ex.quantities:
        assert text[q.span.start:q.span.end] == q.span.text
        assert q.claim is None or q.claim in ids
        assert q.value is not None or (q.low is not None or q.high is not None)
    for t in ex.times:
        assert text[t.span.start:t.span.end] == t.span.text
