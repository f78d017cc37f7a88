"""The finder's answer has one definition (core/answer.py): real answers fit it exactly."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from knotwork.core.answer import FindAnswer, result_json
from knotwork.core.finder import find, interpret
from knotwork.core.kb import KnowledgeBase

EXACT = TypeAdapter(FindAnswer)


@pytest.mark.parametrize(
    ("pain", "flags", "none_apply"),
    [
        (["right back dimple", "top of my right buttock"], [], True),
        (["chest pain going into my left arm and jaw, sweaty"], [], False),
        (["low back", "wibble wobble"], ["no fever"], False),
    ],
)
def test_every_answer_fits_its_one_definition(
    kb: KnowledgeBase, pain: list[str], flags: list[str], none_apply: bool
) -> None:
    words = interpret(kb, pain, [], ["sitting"], flags, 40, none_apply=none_apply)
    EXACT.validate_python(result_json(kb, find(kb, words.report), words), strict=True)


def test_the_definition_refuses_a_field_it_does_not_name(kb: KnowledgeBase) -> None:
    words = interpret(kb, ["low back"], none_apply=True)
    answer = dict(result_json(kb, find(kb, words.report), words))
    answer["passed"] = True  # the word no face may say without answers
    with pytest.raises(ValidationError):
        EXACT.validate_python(answer, strict=True)


def test_the_api_schema_is_that_definition() -> None:
    from knotwork.web.api.views import api

    schemas = api.get_openapi_schema()["components"]["schemas"]
    assert set(schemas["FindAnswer"]["properties"]) == set(FindAnswer.__annotations__)
    assert "because" not in schemas["QuestionOut"]["required"]
