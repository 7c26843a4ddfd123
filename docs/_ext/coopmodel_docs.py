"""Sphinx helpers for coopmodel's own documentation.

Directives render reference pages from the package itself at build time, so
the documentation cannot drift from the code:

``.. coopmodel-json-schema:: Meeting``
    The JSON format reference: every definition of ``coopmodel.json_schema()``,
    each with a table of its keys and its rules across keys.

``.. coopmodel-json-schema-source:: Meeting``
    The complete schema as a JSON code block.

``.. coopmodel-vocabulary::``
    The cooperation-area vocabulary as a table, from ``coopmodel.vocabulary()``.

The HTML build also publishes each class's schema as a file,
``schema/v<schema_version>/<Class>.json``, beside the pages.

Two checks keep the API reference honest: a ``missing-reference`` handler
maps the private module paths that autodoc writes into type descriptions
(``coopmodel._model._party.Party``) to the public names they are documented
under (``coopmodel.Party``), and the build warns (so ``-W`` fails) about any
name in ``coopmodel.__all__`` that no page documents.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

import coopmodel
from coopmodel._model import PUBLIC_CLASSES

if TYPE_CHECKING:
    from docutils.nodes import Element, Node
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["setup"]

logger = logging.getLogger(__name__)

_REF_PREFIX = "#/$defs/"
_LONG_ENUM = 12
_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATETIME_PREFIX = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T"

#: The top-level classes whose schemas are published as files beside the HTML.
SCHEMA_CLASSES = tuple(cls.__name__ for cls in PUBLIC_CLASSES)


def schema_path(name: str) -> str:
    """Where the schema of class *name* is published, relative to the HTML root."""
    return f"schema/v{coopmodel.SCHEMA_VERSION}/{name}.json"


def _literal(value: object) -> str:
    """*value* as inline JSON literal text."""
    text = json.dumps(value, ensure_ascii=False)
    return f"``{text}``"


def _label(root: str, name: str) -> str:
    return f"json-{root}-{name}".lower()


def _enum_text(values: list[Any]) -> str:
    if len(values) > _LONG_ENUM:
        shown = ", ".join(_literal(value) for value in values[:3])
        return f"one of {len(values)} values ({shown}, ...: see the complete schema)"
    return "one of " + ", ".join(_literal(value) for value in values)


def _string_text(schema: dict[str, Any]) -> str:
    pattern = schema.get("pattern")
    if pattern == _DATE_PATTERN:
        text = "date (``YYYY-MM-DD``)"
    elif isinstance(pattern, str) and pattern.startswith(_DATETIME_PREFIX):
        text = "date-time (RFC 3339 with an offset, then an optional ``[IANA zone]``: RFC 9557)"
    elif pattern == "\\S" or pattern is None:
        text = "text" if schema.get("minLength") else "string"
    else:
        text = f"string matching ``{pattern}``"
    extra = []
    if "format" in schema:
        extra.append(f"format ``{schema['format']}``")
    if "maxLength" in schema:
        extra.append(f"at most {schema['maxLength']} characters")
    return text + (f" ({'; '.join(extra)})" if extra else "")


def _type_text(schema: Any, root: str) -> str:  # noqa: C901, PLR0911, PLR0912 - one branch per keyword
    """A short reST description of the values a (sub)schema allows."""
    if schema is True:
        return "anything"
    if not isinstance(schema, dict):
        return _literal(schema)
    if "$ref" in schema:
        ref = schema["$ref"]
        if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
            name = ref.removeprefix(_REF_PREFIX)
            return f":ref:`{name} <{_label(root, name)}>`"
        return f"``{ref}``"
    for key in ("oneOf", "anyOf"):
        if key in schema:
            base = {k: v for k, v in schema.items() if k not in {key, "description"}}
            return " or ".join(_type_text({**base, **option}, root) for option in schema[key])
    if "not" in schema:
        return "not " + _type_text(schema["not"], root)
    if "const" in schema:
        return _literal(schema["const"])
    if "enum" in schema:
        return _enum_text(schema["enum"])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " or ".join(_type_text({**schema, "type": one}, root) for one in kind)
    if kind == "array":
        items = schema.get("items")
        text = "array" if items is None else f"array of {_type_text(items, root)}"
        if schema.get("minItems"):
            text += f" (at least {schema['minItems']})"
        return text
    if kind in {"integer", "number"}:
        bounds = [
            f"{word} {schema[key]}"
            for key, word in (("minimum", "at least"), ("maximum", "at most"))
            if key in schema
        ]
        return kind + (f" ({', '.join(bounds)})" if bounds else "")
    if kind == "string" or "pattern" in schema:
        return _string_text(schema)
    if isinstance(kind, str):
        return kind
    return _literal(schema)


def _conditions(schema: dict[str, Any], root: str) -> str:
    """``key`` is <type> and ... for a ``{"properties": {...}}`` subschema."""
    properties = schema.get("properties", {})
    if not properties or set(schema) - {"properties", "required"}:
        return _literal(schema)
    return " and ".join(
        f"``{name}`` is {_type_text(sub, root)}" for name, sub in properties.items()
    )


def _rules(schema: dict[str, Any], root: str) -> list[str]:
    """Rules across keys (``if``/``then``/``else``, ``anyOf`` of ``required``) as a list."""
    rules = []
    if "if" in schema:
        rule = f"If {_conditions(schema['if'], root)}: {_conditions(schema.get('then', {}), root)}."
        if "else" in schema:
            rule += f" Otherwise: {_conditions(schema['else'], root)}."
        rules.append(rule)
    alternatives = schema.get("anyOf")
    if isinstance(alternatives, list):
        if all(set(option) == {"required"} for option in alternatives):
            keys = ", ".join(f"``{key}``" for option in alternatives for key in option["required"])
            rules.append(f"At least one of {keys} is given.")
        else:
            rules.append(f"Matches at least one of {_literal(alternatives)}.")
    return [f"* {rule}" for rule in rules]


def _cell(text: str) -> list[str]:
    """The lines of one list-table cell (an empty cell needs a placeholder)."""
    return (text.splitlines() or ["\\"]) if text else ["\\"]


def _list_table(header: list[str], rows: list[list[str]], widths: str) -> list[str]:
    out = [".. list-table::", "   :header-rows: 1", f"   :widths: {widths}", ""]
    for row in [header, *rows]:
        for index, cell in enumerate(row):
            lines = _cell(cell)
            bullet = "   * - " if index == 0 else "     - "
            out.append(bullet + lines[0])
            out.extend("       " + line for line in lines[1:])
    out.append("")
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


_ROLE = re.compile(r":(?:[\w-]+:)?[\w-]+:`~?(?:[^`<]*<)?([^`>]+)>?`")


def _description(text: str) -> str:
    """A schema description as one line of reST, Sphinx roles turned into literals.

    Descriptions come from the classes' docstrings, where ``:attr:`text``` is
    relative to the class; on this page it would not resolve.
    """
    return _ROLE.sub(lambda match: f"``{match[1].rpartition('.')[2]}``", _one_line(text))


#: Descriptions of the keys the schema adds to the classes' own fields.
_IMPLIED = {
    "schema_version": "The version of the JSON form (:doc:`/explanation/json-form`).",
    "type": "Which member of the tagged union this object is.",
}


def _definition(name: str, schema: dict[str, Any], root: str, title: str) -> list[str]:
    out = [f".. _{_label(root, name)}:", "", title, "~" * len(title), ""]
    if "description" in schema:
        out += [_description(schema["description"]), ""]
    if schema.get("title", name) != name:
        out += [
            (
                f"A ``{schema['title']}`` inside a tagged union: its keys, plus"
                ' ``"type"`` to say which member of the union it is.'
            ),
            "",
        ]
    properties: dict[str, Any] = schema.get("properties", {})
    if not properties:
        out += [f"Allowed values: {_type_text(schema, root)}.", ""]
        return out
    required = set(schema.get("required", ()))
    rows = [
        [
            f"``{prop}``",
            _type_text(sub, root),
            "yes" if prop in required else "no",
            _description(sub["description"])
            if isinstance(sub, dict) and "description" in sub
            else _IMPLIED.get(prop, ""),
        ]
        for prop, sub in properties.items()
    ]
    out += _list_table(["Key", "Value", "Required", "Description"], rows, "15 35 10 40")
    rules = _rules(schema, root)
    if rules:
        out += ["Rules across keys:", "", *rules, ""]
    if schema.get("additionalProperties") is False or schema.get("unevaluatedProperties") is False:
        out += ["Any other key is an error.", ""]
    return out


class JsonSchemaDirective(SphinxDirective):
    """Render ``coopmodel.json_schema(<class>)`` as reference documentation."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[Node]:
        self.env.note_reread()  # generated from the package: never stale
        name = self.arguments[0]
        schema = coopmodel.json_schema(getattr(coopmodel, name))
        definitions: dict[str, Any] = schema.get("$defs", {})
        top = {key: value for key, value in schema.items() if key != "$defs"}
        lines = [
            (
                f"Generated from ``coopmodel.json_schema(coopmodel.{name})`` when this"
                f" documentation was built (coopmodel {coopmodel.__version__},"
                f" ``schema_version`` {coopmodel.SCHEMA_VERSION}, dialect"
                f" ``{schema.get('$schema', 'unspecified')}``)."
            ),
            "",
        ]
        if name in SCHEMA_CLASSES:
            up = "../" * self.env.docname.count("/")
            lines += [
                (
                    "The HTML build also publishes this schema as a file:"
                    f" `{schema_path(name)} <{up}{schema_path(name)}>`_."
                ),
                "",
            ]
        lines += _definition(name, top, name, f"``{name}``")
        for def_name, definition in definitions.items():
            if isinstance(definition, dict):
                lines += _definition(def_name, definition, name, f"``{def_name}``")
        container = nodes.section()
        container.document = self.state.document
        content = StringList(lines, source=self.get_source_info()[0])
        nested_parse_with_titles(self.state, content, container)
        return list(container.children)


class JsonSchemaSourceDirective(SphinxDirective):
    """The complete ``coopmodel.json_schema(<class>)`` as a JSON code block."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[Node]:
        self.env.note_reread()
        schema = coopmodel.json_schema(getattr(coopmodel, self.arguments[0]))
        text = json.dumps(schema, indent=2, ensure_ascii=False)
        block = nodes.literal_block(text, text, language="json")
        self.set_source_info(block)
        return [block]


class VocabularyDirective(SphinxDirective):
    """Render ``coopmodel.vocabulary()`` as a table."""

    has_content = False

    def run(self) -> list[Node]:
        self.env.note_reread()
        vocab = coopmodel.vocabulary()
        described = any(term.description is not None for term in vocab.values())
        rows = []
        for code, term in vocab.items():
            depth = code.count(".")
            label = ("\u2003" * depth) + term.label if depth else f"**{term.label}**"
            row = [f"``{code}``", label, ", ".join(term.synonyms)]
            if described:
                row.append("" if term.description is None else _one_line(term.description))
            rows.append(row)
        header = ["Code", "Label", "Synonyms"]
        widths = "30 30 40"
        if described:
            header.append("Description")
            widths = "28 24 32 16"
        top = sum(1 for term in vocab.values() if term.parent_code is None)
        lines = [
            (
                f"{len(vocab)} areas, {top} of them at the top level (generated from"
                f" ``coopmodel.vocabulary()``, coopmodel {coopmodel.__version__})."
            ),
            "",
            *_list_table(header, rows, widths),
        ]
        container = nodes.section()
        container.document = self.state.document
        content = StringList(lines, source=self.get_source_info()[0])
        self.state.nested_parse(content, self.content_offset, container)
        return list(container.children)


def _publish_schemas(app: Sphinx, exception: Exception | None) -> None:
    """Write every class's JSON Schema to ``schema/v<N>/<Class>.json`` in the HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    for name in SCHEMA_CLASSES:
        path = Path(app.outdir) / schema_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        schema = coopmodel.json_schema(getattr(coopmodel, name))
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", "utf-8")


def _check_public_names(app: Sphinx, env: BuildEnvironment) -> None:  # noqa: ARG001 - event signature
    """Warn about every public name of coopmodel that the API reference does not document."""
    documented = set(env.domains["py"].objects)
    for name in coopmodel.__all__:
        if f"coopmodel.{name}" not in documented:
            logger.warning("coopmodel.%s is public but not documented", name, type="coopmodel")


def _public_target(target: str) -> str | None:
    """``coopmodel.Party`` for ``coopmodel._model._party.Party``, if that is public."""
    if not target.startswith("coopmodel._"):
        return None
    name = target.rpartition(".")[2]
    return f"coopmodel.{name}" if name in coopmodel.__all__ else None


def _missing_reference(
    app: Sphinx, env: BuildEnvironment, node: Element, contnode: Element
) -> Element | None:
    if node.get("refdomain") != "py":
        return None
    public = _public_target(node.get("reftarget", ""))
    if public is None:
        return None
    domain = env.domains["py"]
    builder = app.builder
    from_doc = node.get("refdoc", env.docname)
    for role in (node.get("reftype", "class"), "obj"):
        resolved = domain.resolve_xref(env, from_doc, builder, role, public, node, contnode)
        if resolved is not None:
            resolved["reftitle"] = public
            return resolved
    return None


def _public_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:  # noqa: ARG001
    """Show public names, not private module paths, in the tooltips of type links."""
    for reference in doctree.findall(nodes.reference):
        public = _public_target(reference.get("reftitle", ""))
        if public is not None:
            reference["reftitle"] = public


def _skip_field_parameters(
    app: Sphinx,
    domain: str,
    objtype: str,  # noqa: ARG001 - event signature
    contentnode: Element,
) -> None:
    """Leave the fields of attrs classes to their ``Attributes:`` section.

    ``autodoc_typehints = "description"`` would also list every field as a
    typed constructor parameter, repeating the attributes (which napoleon
    documents with their types from the class annotations).
    """
    if domain != "py":
        return
    signature = contentnode.parent[0]
    fullname = ".".join(filter(None, (signature.get("module"), signature.get("fullname"))))
    obj = coopmodel
    for part in fullname.split(".")[1:]:
        obj = getattr(obj, part, None)
    if not (fullname.startswith("coopmodel.") and isinstance(obj, type)):
        return
    annotations = app.env.current_document.autodoc_annotations
    if attrs.has(obj):
        annotations.pop(fullname, None)
    elif fullname in annotations:
        # An exception class: its __init__ "returns" None, which says nothing.
        annotations[fullname].pop("return", None)


def _constant_docstring(  # noqa: PLR0917 - the event's signature
    app: Sphinx,  # noqa: ARG001 - event signature
    what: str,
    name: str,
    obj: object,
    options: object,  # noqa: ARG001 - event signature
    lines: list[str],
) -> None:
    """Document a re-exported constant with the docstring it has where it is defined.

    ``coopmodel.SCHEMA_VERSION`` is defined (and documented) in a private
    module; autodoc looks for its docstring in ``coopmodel/__init__.py``,
    finds none, and falls back to the docstring of ``int``.
    """
    if what != "data" or not name.startswith("coopmodel."):
        return
    short = name.rpartition(".")[2]
    for module_name in sorted(sys.modules):
        if not module_name.startswith("coopmodel._"):
            continue
        try:
            docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        except PycodeError:
            continue
        if ("", short) in docs:
            lines[:] = [*docs["", short], ""]
            return
    if lines and type(obj).__doc__ and lines[0] in type(obj).__doc__:
        lines.clear()


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the reference mapping."""
    app.add_directive("coopmodel-json-schema", JsonSchemaDirective)
    app.add_directive("coopmodel-json-schema-source", JsonSchemaSourceDirective)
    app.add_directive("coopmodel-vocabulary", VocabularyDirective)
    app.connect("build-finished", _publish_schemas)
    app.connect("env-check-consistency", _check_public_names)
    app.connect("missing-reference", _missing_reference)
    app.connect("doctree-resolved", _public_titles)
    # Before sphinx.ext.autodoc merges type hints (priority 500).
    app.connect("object-description-transform", _skip_field_parameters, priority=400)
    app.connect("autodoc-process-docstring", _constant_docstring)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
