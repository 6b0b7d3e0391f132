"""YAML within bounds: PyYAML's ``safe_load`` refuses code, but still expands aliases (a "billion laughs" of a
few hundred bytes expands to billions of values) and recurses once per level of nesting.

``BoundedLoader`` counts every value as it is composed, each alias as the number of values it stands for, and
stops past a limit; it stops past a depth too, long before Python's recursion limit would.
"""

from __future__ import annotations

from typing import Any

import yaml

from participation.imports.errors import ImportRefusal

MAX_YAML_VALUES = 200_000
MAX_YAML_DEPTH = 64


class BoundedLoader(yaml.SafeLoader):
    """A safe loader that raises ``ImportRefusal`` (with the line) for a document past the bounds."""

    def __init__(self, stream: str, max_values: int = MAX_YAML_VALUES, max_depth: int = MAX_YAML_DEPTH) -> None:
        super().__init__(stream)
        self.max_values = max_values
        self.max_depth = max_depth
        self._values = 0
        self._depth = 0
        self._sizes: dict[int, int] = {}  # id of a composed node -> how many values it holds, itself included

    def _refuse(self, mark: Any, code: str, **params: Any) -> ImportRefusal:
        line = mark.line + 1 if mark is not None else 1
        return ImportRefusal(f"line {line}", code, line=line, **params)

    def _count(self, values: int, mark: Any) -> None:
        self._values += values
        if self._values > self.max_values:
            raise self._refuse(mark, "yaml_too_large", limit=self.max_values)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)
            size = self._sizes.get(id(node))
            if size is None:  # the anchored node is still being composed: the alias is inside it
                raise self._refuse(event.start_mark, "yaml_recursive")
            self._count(size, event.start_mark)
            return node
        self._count(1, event.start_mark)
        self._depth += 1
        if self._depth > self.max_depth:
            raise self._refuse(event.start_mark, "yaml_too_deep", limit=self.max_depth)
        before = self._values
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        self._sizes[id(node)] = self._values - before + 1
        return node


def load_yaml(text: str) -> Any:
    """The one document in ``text``, like ``yaml.safe_load``; ``ImportRefusal`` past the bounds, and
    ``yaml.YAMLError`` for a syntax error."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
