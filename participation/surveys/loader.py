"""Load a survey definition from the YAML format, with every problem reported on its line.

Three stages, each reporting all it finds: YAML syntax (and duplicate keys, which YAML itself silently allows),
the JSON Schema in ``survey.schema.json``, and the checks in ``checks.py``. Schema errors carry a path into the
document; the composed YAML node tree maps that path back to a line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import yaml

from participation.imports import BoundedLoader, ImportRefusal
from participation.surveys.age_bands import SHARED_CHOICES, survey_choices
from participation.surveys.checks import check_definition, expand_texts
from participation.surveys.limits import check_limits
from participation.surveys.model import SurveyDefinition
from participation.surveys.problems import DefinitionError, Path, Problem, dotted

__all__ = ["DefinitionError", "Problem", "definition_from_data", "load_definition", "schema"]


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of the format, shipped beside this module."""
    text = resources.files("participation.surveys").joinpath("survey.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def node_at(root: yaml.Node, path: Path, *, key: bool = False) -> yaml.Node:
    """The deepest node along ``path`` (the key node of the last step when ``key``); stops where the path ends."""
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == step), None)
            if pair is None:
                break
            node = pair[0] if key and step == path[-1] else pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node


def _line(root: yaml.Node, path: Path, *, key: bool = False) -> int:
    return node_at(root, path, key=key).start_mark.line + 1


def _duplicate_keys(node: yaml.Node) -> Iterator[Problem]:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                yield Problem(key.start_mark.line + 1, f"the key {key.value!r} appears twice here")
            seen.add(key.value)
            yield from _duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item)


def _describe(error: jsonschema.ValidationError) -> tuple[Path, str, bool]:
    """A plain message for a schema error, the path it is about, and whether to point at the key."""
    path: Path = tuple(error.absolute_path)
    where = dotted(path)
    instance = error.instance
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        allowed = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
        extra = sorted(str(name) for name in instance if name not in allowed)
        if extra:
            known = ", ".join(sorted(allowed))
            return (*path, extra[0]), f"{where}: unknown field {extra[0]!r} (known fields: {known})", True
    if error.validator == "required":
        return path, f"{where}: {error.message.replace('is a required property', 'is missing')}", False
    if error.validator == "enum":
        options = ", ".join(map(str, error.validator_value if isinstance(error.validator_value, list) else []))
        return path, f"{where}: {instance!r} is not one of {options}", False
    if error.validator == "pattern":
        return path, f"{where}: {instance!r} is not allowed here (it must match {error.validator_value})", False
    if error.validator == "oneOf" and path and path[-1] in ("title", "introduction", "text", "help", "label"):
        if isinstance(instance, dict):
            for sub in error.context or ():
                inner: Path = tuple(sub.absolute_path)
                if len(inner) > len(path) and sub.validator in ("type", "minLength"):
                    return (
                        inner,
                        (
                            f"{dotted(inner)}: this text is empty or not a text "
                            "(put a text that contains a comma or colon in quotes)"
                        ),
                        True,
                    )
        return path, f"{where}: give a text per language, like  nl: Tekst  (no empty texts)", False
    if error.validator == "propertyNames":
        return path, f"{where}: {instance!r} is not a language code like nl or en", True
    return path, f"{where}: {error.message}", False


def _schema_problems(data: Any, root: yaml.Node) -> list[Problem]:
    problems = []
    for error in _validator().iter_errors(data):
        path, message, at_key = _describe(error)
        problems.append(Problem(_line(root, path, key=at_key), message))
    return problems


def expand_shared_choices(data: Any) -> Any:
    """Put the shared age bands before the own choices of a question with ``choices_from: age_bands``.

    Done before the limits and the schema, which then see an ordinary list of choices.
    """
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        return data
    languages = [code for code in data.get("languages") or [] if isinstance(code, str)]
    pages = [page for page in data["pages"] if isinstance(page, dict) and isinstance(page.get("questions"), list)]
    for page in pages:
        for question in page["questions"]:
            if isinstance(question, dict) and question.get("choices_from") == SHARED_CHOICES:
                del question["choices_from"]
                own = question.get("choices")
                question["choices"] = survey_choices(languages) + (own if isinstance(own, list) else [])
    return data


def definition_from_data(data: dict[str, Any]) -> SurveyDefinition:
    """The model from a document that passed the schema and the checks (texts already expanded)."""
    full = dict(data)
    full.setdefault("default_language", data["languages"][0])
    return SurveyDefinition.from_dict(full)


def load_definition(text: str, source: str = "<survey>") -> SurveyDefinition:
    """Parse a YAML survey definition; raises ``DefinitionError`` listing every problem with its line.

    The YAML is read within bounds (aliases count as often as they are used), and the definition's limits are
    checked before the schema, so that a hostile file costs little time and memory.
    """
    try:
        loader = BoundedLoader(text)
    except yaml.reader.ReaderError as error:  # a control character (NUL, ...), found before any parsing
        line = text.count("\n", 0, error.position) + 1
        refusal = ImportRefusal(f"line {line}", "control_character", character=f"#x{error.character:04x}")
        raise DefinitionError(source, [Problem(line, refusal.message)]) from error
    try:
        root = loader.get_single_node()
        if root is None:
            raise DefinitionError(source, [Problem(1, "the file is empty")])
        duplicates = list(_duplicate_keys(root))
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise DefinitionError(source, [Problem(line, f"YAML syntax: {error.problem or error}")]) from error
    except ImportRefusal as refusal:
        raise DefinitionError(source, [Problem(int(refusal.params["line"]), refusal.message)]) from refusal
    finally:
        loader.dispose()
    if duplicates:
        raise DefinitionError(source, duplicates)
    data = expand_shared_choices(data)
    beyond = check_limits(data)
    if beyond:
        raise DefinitionError(source, [Problem(_line(root, path), message) for path, message in beyond])
    problems = _schema_problems(data, root)
    if problems:
        raise DefinitionError(source, problems)
    data = expand_texts(data, data.get("default_language", data["languages"][0]))
    findings = check_definition(data)
    if findings:
        raise DefinitionError(source, [Problem(_line(root, path), message) for path, message in findings])
    return definition_from_data(data)
