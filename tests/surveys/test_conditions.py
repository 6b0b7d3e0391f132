from __future__ import annotations

from typing import Any

import pytest

from participation.surveys.conditions import Condition, Operator


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        ({"question": "q", "equals": "a"}, {"q": "a"}, True),
        ({"question": "q", "equals": "a"}, {"q": "b"}, False),
        ({"question": "q", "equals": "a"}, {}, False),
        ({"question": "q", "equals": "a"}, {"q": ["b", "a"]}, True),
        ({"question": "q", "equals": "other"}, {"q": {"other": "namely"}}, True),
        ({"question": "q", "equals": "a"}, {"q": {"choices": ["a"], "other": "x"}}, True),
        ({"question": "q", "equals": True}, {"q": True}, True),
        ({"question": "q", "equals": True}, {"q": 1}, False),
        ({"question": "q", "equals": 1}, {"q": True}, False),
        ({"question": "q", "equals": True}, {"q": {"consent": True, "email": "a@b.nl"}}, True),
        ({"question": "q", "not_equals": "a"}, {"q": "b"}, True),
        ({"question": "q", "not_equals": "a"}, {"q": "a"}, False),
        ({"question": "q", "not_equals": "a"}, {}, True),
        ({"question": "q", "not_equals": "a"}, {"q": ["a", "b"]}, False),
        ({"question": "q", "any_of": ["a", "b"]}, {"q": "b"}, True),
        ({"question": "q", "any_of": ["a", "b"]}, {"q": "c"}, False),
        ({"question": "q", "any_of": ["a", "b"]}, {"q": ["c", "a"]}, True),
        ({"question": "q", "answered": True}, {"q": "x"}, True),
        ({"question": "q", "answered": True}, {"q": ""}, False),
        ({"question": "q", "answered": True}, {"q": []}, False),
        ({"question": "q", "answered": True}, {"q": {"skipped": True}}, False),
        ({"question": "q", "answered": True}, {"q": {"lat": 51.8, "lon": 4.66, "source": "map"}}, True),
        ({"question": "q", "not_answered": True}, {}, True),
        ({"question": "q", "not_answered": True}, {"q": 0}, False),
        ({"question": "q", "greater_than": 5}, {"q": 6}, True),
        ({"question": "q", "greater_than": 5}, {"q": 5}, False),
        ({"question": "q", "greater_than": 5}, {"q": "6"}, False),
        ({"question": "q", "greater_than": 0}, {"q": True}, False),
        ({"question": "q", "less_than": 5}, {"q": 4.5}, True),
        ({"question": "q", "less_than": 5}, {}, False),
    ],
)
def test_comparisons(condition: dict[str, Any], answers: dict[str, Any], expected: bool) -> None:
    assert Condition.from_dict(condition).matches(answers) is expected


def test_groups_combine_with_all_and_any() -> None:
    adult = Condition.compare("age", Operator.GREATER_THAN, 17)
    tenant = Condition.compare("housing", "equals", "rent")
    both = Condition.all_of(adult, tenant)
    either = Condition.any_of(adult, tenant)
    assert both.matches({"age": 30, "housing": "rent"})
    assert not both.matches({"age": 30, "housing": "own"})
    assert either.matches({"age": 10, "housing": "rent"})
    assert not either.matches({"age": 10})
    answered = {"question": "x", "answered": True}
    nested = Condition.from_dict({"any": [{"all": [adult.to_dict(), tenant.to_dict()]}, answered]})
    assert nested.matches({"x": "yes"})
    assert nested.questions() == ("age", "housing", "x")


def test_dictionary_form_round_trips() -> None:
    for data in (
        {"question": "q", "any_of": ["a", 2, True]},
        {"question": "q", "answered": True},
        {"all": [{"question": "a", "less_than": 3}, {"any": [{"question": "b", "not_equals": "x"}]}]},
    ):
        assert Condition.from_dict(data).to_dict() == data


@pytest.mark.parametrize(
    "data",
    [
        {"question": "q"},
        {"question": "q", "equals": 1, "not_equals": 2},
        {"question": "q", "bigger": 1},
        {"equals": 1},
        {"all": [], "question": "q"},
        {"all": []},
        {"question": "q", "any_of": "a"},
    ],
)
def test_malformed_conditions_are_refused(data: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Condition.from_dict(data)
