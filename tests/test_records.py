"""``flashgen annotate``'s JSON lines: written from cached pieces and by worker
processes, yet the same characters as ``json.dumps`` of the record, in the same order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashgen.datatypes import AnnotatedSentence, EnglishMatch, Gloss
from flashgen.language.annotate import iter_annotated
from flashgen.output.records import document_lines, sentence_line, sentence_record
from flashgen.text.read import read_document

SAMPLE = Path(__file__).parent.parent / "seeds" / "000_83bce5aa88b4fec1.txt"


def dumped(s: AnnotatedSentence) -> str:
    return json.dumps(sentence_record(s), ensure_ascii=False)


def test_every_sample_line_is_json_dumps_of_its_record():
    sentences = list(iter_annotated(read_document(SAMPLE)))
    assert len(sentences) > 30
    for s in sentences:
        assert sentence_line(s) == dumped(s)


def test_odd_strings_and_empty_fields_are_encoded_as_json_does(sentence, token):
    odd = 'a "quoted" \\ back\tslash\n\u2028 😀 \x00'
    gloss = Gloss((odd, "to sell"), ("个[ge4]",), "cedict")
    s = sentence("他们|讨论|。", en=odd, scope=None, file=odd)
    tok = token(
        "关税",
        3,
        senses=odd,
        hsk=None,
        zipf=0.0,
        traditional=odd,
        en_match=EnglishMatch(0, 3, odd, odd),
    )._replace(gloss=gloss)
    s = AnnotatedSentence(odd, 7, 9, odd, odd, "doubtful", 0.123456789, (*s.tokens, tok))
    for variant in (s, AnnotatedSentence("f", 0, 0, "", None, None, None, ())):
        assert sentence_line(variant) == dumped(variant)
        json.loads(sentence_line(variant))


def test_parallel_blocks_write_the_same_lines_in_the_same_order(tmp_path, monkeypatch):
    import flashgen.output.records as records

    # The sample twice over, each copy its own paragraphs, cut into blocks however small.
    text = tmp_path / "long.txt"
    text.write_text(SAMPLE.read_text(encoding="utf-8") * 2, encoding="utf-8")
    doc = read_document(text)
    one = list(document_lines(doc, jobs=1))
    monkeypatch.setattr(records, "PARALLEL_MIN_CHARS", 100)
    assert len(records._blocks(doc, 2)) > 4
    two = list(document_lines(doc, jobs=2))
    assert two == one
    assert [json.loads(line)["sentence"] for line in two] == list(range(len(one)))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_jobs_gives_the_same_output(jobs, capsys, monkeypatch):
    import flashgen.output.records as records
    from flashgen.cli import main

    monkeypatch.setattr(records, "PARALLEL_MIN_CHARS", 100)  # the sample is short
    assert main(["annotate", "--jobs", jobs, str(SAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [sentence_line(s) for s in iter_annotated(read_document(SAMPLE))]


def test_a_match_says_whether_a_dictionary_sense_or_the_context_found_it(sentence):
    # The same span found through a sense, and through the context (sense "").
    s = sentence("他们|讨论|关税|。", en="They discussed tariffs.", matches={"关税": "tariffs"})
    context = s.tokens[2]._replace(en_match=EnglishMatch(15, 22, "tariffs", "", "context"))
    for tokens, source in ((s.tokens, "gloss"), ((*s.tokens[:2], context, s.tokens[3]), "context")):
        variant = AnnotatedSentence("f", 0, 0, s.zh, s.en, "sentence", 1.0, tokens)
        match = json.loads(sentence_line(variant))["tokens"][2]["en_match"]
        assert match["source"] == source and match["text"] == "tariffs"
        assert sentence_line(variant) == dumped(variant)
