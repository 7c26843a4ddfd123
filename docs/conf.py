"""Sphinx configuration for coopmodel.

The build is offline and strict: ``sphinx-build -n -W`` for both ``html`` and
``doctest`` (see ``.ci/run``).  There is no intersphinx: references to
third-party classes that cannot be linked offline are listed, with a reason,
in ``nitpick_ignore`` below.
"""

from __future__ import annotations

import doctest
import sys
from importlib.metadata import version as _version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))


# -- Project -----------------------------------------------------------------

project = "coopmodel"
author = "The coopmodel developers"
copyright = "2025, The coopmodel developers"
release = _version("coopmodel")
version = ".".join(release.split(".")[:2])

# -- General -----------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    # Local: the JSON format reference and the vocabulary table, generated at
    # build time from coopmodel.json_schema() and coopmodel.vocabulary().
    "coopmodel_docs",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []

nitpicky = True
# Third-party classes that appear in signatures and field types.  Without
# intersphinx (the build must work offline) Sphinx has nowhere to link them,
# so they are named here, each with the reason it cannot be linked.
nitpick_ignore = [
    # pendulum: its documentation is not a Sphinx project (no objects.inv).
    ("py:class", "pendulum.Date"),
    ("py:class", "pendulum.DateTime"),
    ("py:class", "pendulum.date.Date"),
    ("py:class", "pendulum.datetime.DateTime"),
    ("py:class", "pendulum.Timezone"),
    ("py:class", "pendulum.FixedTimezone"),
    # cattrs: the converter type returned by coopmodel.converter() and
    # make_converter(); linking it would need intersphinx.
    ("py:class", "cattrs.Converter"),
    ("py:class", "cattrs.converters.Converter"),
    # attrs: validator signatures mention attrs.Attribute.
    ("py:class", "attrs.Attribute"),
    ("py:class", "attr.Attribute"),
    # The standard library, also unreachable without intersphinx.
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "collections.abc.Iterator"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "collections.abc.Callable"),
    ("py:class", "typing.IO"),
    ("py:class", "typing.Any"),
    ("py:class", "enum.Enum"),
    ("py:class", "datetime.datetime"),
    ("py:class", "datetime.date"),
    ("py:class", "zoneinfo.ZoneInfo"),
    ("py:class", "ValueError"),
    ("py:exc", "ValueError"),
    ("py:exc", "LookupError"),
    ("py:exc", "TypeError"),
    # The type variable of from_dict/from_json/read_jsonl ("you get the class
    # you pass"); autodoc writes it as a class reference.
    ("py:class", "coopmodel._io.T"),
    ("py:class", "T"),
    # Hypothesis: the return type of every strategy in coopmodel.strategies;
    # its documentation would need intersphinx.
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:class", "SearchStrategy"),
    # pycountry: ISO 3166 data; its documentation has no objects.inv.
    ("py:mod", "pycountry"),
    # coopmodel.tables and coopmodel.query: pyarrow's and the standard
    # library's types, unreachable without intersphinx.
    ("py:mod", "pyarrow"),
    ("py:class", "pyarrow.lib.Table"),
    ("py:class", "pyarrow.lib.Schema"),
    ("py:class", "pa.Table"),
    ("py:class", "pa.Schema"),
    ("py:class", "os.PathLike"),
    ("py:class", "dt.date"),
]

# -- MyST --------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# -- autodoc and napoleon ----------------------------------------------------

autodoc_typehints = "description"
autodoc_typehints_format = "short"
# Show "ErrorDetail", not "coopmodel._errors.ErrorDetail", in field types.
python_use_unqualified_type_names = True
autodoc_member_order = "bysource"
autodoc_class_signature = "mixed"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = False
napoleon_attr_annotations = True

# -- doctest -----------------------------------------------------------------

doctest_global_setup = """
import attrs
import pendulum
import coopmodel
from coopmodel import *
from coopmodel.plover import *
from coopmodel.jsonld import *
"""
doctest_test_doctest_blocks = "default"
# Sphinx's default also sets IGNORE_EXCEPTION_DETAIL, which would leave every
# error message shown in these pages untested.  Messages are part of what the
# pages teach, so they are compared in full.
doctest_default_flags = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1

# -- HTML --------------------------------------------------------------------

html_theme = "furo"
html_title = f"coopmodel {release}"
html_static_path: list[str] = []
