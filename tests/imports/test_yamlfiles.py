"""YAML within bounds: aliases count as often as they are used, nesting has a floor, and it all stops early."""

from __future__ import annotations

import pytest

from participation.imports import ImportRefusal, load_yaml
from participation.imports.yamlfiles import BoundedLoader
from tests.imports.budget import alias_bomb, within_budget, within_memory


def test_aliases_within_the_bound_are_fine() -> None:
    assert load_yaml("a: &x {nl: Ja}\nb: *x\nc: [*x, *x]\n") == {
        "a": {"nl": "Ja"},
        "b": {"nl": "Ja"},
        "c": [{"nl": "Ja"}, {"nl": "Ja"}],
    }


def test_a_billion_laughs_stops_where_it_passes_the_bound() -> None:
    with within_budget(), within_memory() as usage, pytest.raises(ImportRefusal) as refused:
        load_yaml(alias_bomb(9))
    assert refused.value.code == "yaml_too_large" and refused.value.params["line"] == 6  # 10**6 > 200,000
    assert usage.peak_bytes < 50 * 1024 * 1024


def test_every_use_of_an_alias_counts() -> None:
    text = "a: &x [1, 2, 3, 4]\nb: [*x, *x, *x]\n"
    loader = BoundedLoader(text, max_values=24)
    try:
        assert loader.get_single_data() == {"a": [1, 2, 3, 4], "b": [[1, 2, 3, 4]] * 3}
    finally:
        loader.dispose()
    # 1 mapping, 2 keys, 5 for the list, the second list and 3 x 5 for the aliases: 24 values.
    loader = BoundedLoader(text, max_values=23)
    with pytest.raises(ImportRefusal) as refused:
        loader.get_single_data()
    loader.dispose()
    assert refused.value.message.startswith("The YAML document holds more than 23 values")


@pytest.mark.parametrize(("text", "code"), [("[" * 70, "yaml_too_deep"), ("a: &x [1, *x]\n", "yaml_recursive")])
def test_deep_and_recursive_documents_are_refused(text: str, code: str) -> None:
    with pytest.raises(ImportRefusal) as refused:
        load_yaml(text)
    assert refused.value.code == code


def test_it_is_still_a_safe_loader() -> None:
    with pytest.raises(Exception, match="could not determine a constructor"):
        load_yaml("!!python/object/apply:os.system ['true']")
