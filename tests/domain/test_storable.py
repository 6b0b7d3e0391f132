import pytest

from participation.domain.storable import UnstorableText, check_storable, is_storable, json_texts


@pytest.mark.parametrize("text", ["", "gewoon", "tab\there", "regels\r\nmet breuk", "Ünïcödé ✓ قطة"])
def test_what_people_type_is_storable(text: str) -> None:
    assert is_storable(text)


@pytest.mark.parametrize("text", ["a\x00b", "\x01", "escape \x1b[31m", "\x0b", "\x1f", "lone \ud800"])
def test_control_characters_and_lone_surrogates_are_not(text: str) -> None:
    assert not is_storable(text)


def test_every_string_of_a_json_document_is_checked_with_where_it_is() -> None:
    document = {"answers": {"q1": ["ok", "a\x00b"]}, "n\x00": 1, "count": 3}
    texts = dict(json_texts(document))
    assert texts["answers.q1.1"] == "a\x00b" and texts["n\x00"] == "n\x00" and "count" in texts
    with pytest.raises(UnstorableText) as refused:
        check_storable(json_texts({"answers": {"q1": ["ok", "a\x00b"]}}))
    assert refused.value.field == "answers.q1.1" and refused.value.code == "control_character"
    assert refused.value.message == "This text contains characters we cannot store. Please remove them."
