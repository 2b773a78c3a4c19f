from assay.extract.quotes import find_quotations, quote_chain


def texts(text):
    return [text[q.start:q.end] for q in find_quotations(text)]


def test_balanced_curly_quotes():
    text = "“We will hold the bridge,” the colonel said. “Nobody leaves.”"
    assert texts(text) == ["“We will hold the bridge,”", "“Nobody leaves.”"]


def test_straight_quotes_alternate():
    text = 'He said "the port is closed" and "the road is open".'
    assert texts(text) == ['"the port is closed"', '"the road is open"']


def test_quote_over_two_paragraphs_is_chained():
    text = "“The first part runs on.\n\n“The second part ends here,” she said."
    quotes = find_quotations(text)
    assert len(quotes) == 2 and quotes[0].continues and not quotes[1].continues
    chain = quote_chain(quotes, 1)
    assert [text[q.start:q.end] for q in chain] == ["“The first part runs on.", "“The second part ends here,”"]


def test_lost_opening_mark_starts_at_paragraph():
    text = "Intro.\n\nThe convoy left at dawn,” the mayor said."
    assert texts(text) == ["The convoy left at dawn,”"]


def test_unclosed_quote_ends_at_paragraph_end():
    text = "“The shelling went on all night\n\nNext paragraph without quotes."
    quotes = find_quotations(text)
    assert [text[q.start:q.end] for q in quotes] == ["“The shelling went on all night"]
    assert not quotes[0].continues
