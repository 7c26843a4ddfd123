"""The benchmark's peer models refuse what coopmodel refuses, and accept what it accepts.

The pydantic and msgspec models in ``benchmarks/`` take their patterns and
bounds from one table built from coopmodel; these tests hold them to it with
concrete bad values (and the good values next to them), and with generated
ones.  Skipped where the ``bench`` group (pydantic, msgspec) is not installed.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coopmodel as cm
from coopmodel._model._registry import PUBLIC_CLASSES as REGISTRY_CLASSES

pytest.importorskip("pydantic")
pytest.importorskip("msgspec")
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
if not (BENCHMARKS / "peers_common.py").is_file():  # pragma: no cover - e.g. an sdist without it
    pytest.skip("benchmarks/ is not next to the tests", allow_module_level=True)
sys.path.insert(0, str(BENCHMARKS))

import corpus  # noqa: E402
import msgspec  # noqa: E402
import peers_common  # noqa: E402
import peers_msgspec  # noqa: E402
import peers_pydantic  # noqa: E402
import pydantic  # noqa: E402

MAX_SESSION = 2**53 - 1


def _base() -> dict[str, Any]:
    """A valid meeting as JSON data, with every field the cases below change."""
    meeting = next(corpus.meetings(1, kind="mix"))
    data: dict[str, Any] = orjson.loads(cm.to_json(meeting))
    data["session"] = 3
    data["sources"][0]["url"] = "https://www.example.com/news/1.html"
    return data


BASE = _base()


def _with(path: tuple[str | int, ...], value: object) -> bytes:
    data = copy.deepcopy(BASE)
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return orjson.dumps(data)


def _verdicts(document: bytes) -> dict[str, bool]:
    """Whether coopmodel, pydantic and msgspec each accept *document*."""
    verdicts = {}
    for name, decode, refusal in (
        ("coopmodel", lambda d: cm.from_json(d, cm.Meeting), cm.ParseError),
        ("pydantic", peers_pydantic.decode, pydantic.ValidationError),
        ("msgspec", peers_msgspec.decode, msgspec.ValidationError),
    ):
        try:
            decode(document)
        except refusal:
            verdicts[name] = False
        else:
            verdicts[name] = True
    return verdicts


ID = ("id",)
FORUM_ID = ("forum", "id")
SESSION = ("session",)
URL = ("sources", 0, "url")
AREA_CODE = ("areas", 0, "code")
TITLE = ("title",)

REFUSED = [
    pytest.param(ID, "Not A Slug", id="slug with spaces and capitals"),
    pytest.param(ID, "meeting-1\n", id="slug with a trailing newline"),
    pytest.param(ID, "-meeting", id="slug starting with a dash"),
    pytest.param(ID, "a" * 129, id="slug of 129 characters"),
    pytest.param(FORUM_ID, "forum/1", id="forum id with a slash"),
    pytest.param(SESSION, 2**53, id="session 2**53"),
    pytest.param(SESSION, 0, id="session 0"),
    pytest.param(SESSION, "5", id="session as text"),
    pytest.param(URL, "https://", id="URL without a host"),
    pytest.param(URL, "https://a b.com/", id="URL with a space"),
    pytest.param(URL, "https://example.com:99999/", id="URL with port 99999"),
    pytest.param(URL, "ftp://example.com/file", id="ftp URL"),
    pytest.param(URL, "https://example.com/" + "a" * 2029, id="URL of 2049 characters"),
    pytest.param(AREA_CODE, "Minerals..x", id="area code not dotted lowercase words"),
    pytest.param(AREA_CODE, "minerals.rare_earths\n", id="area code with a trailing newline"),
    pytest.param(AREA_CODE, "minerals.unobtainium", id="area code not in the vocabulary"),
    pytest.param(TITLE, "\u200b\u3164 ", id="text of invisible characters only"),
    pytest.param(TITLE, "Talks\x01", id="text with a control character"),
    pytest.param(TITLE, "", id="empty text"),
]

ACCEPTED = [
    pytest.param(ID, "a" * 128, id="slug of 128 characters"),
    pytest.param(ID, "a.b_c-1", id="slug with every separator"),
    pytest.param(SESSION, MAX_SESSION, id="session 2**53 - 1"),
    pytest.param(SESSION, 1, id="session 1"),
    pytest.param(URL, "https://example.com/" + "a" * 2028, id="URL of 2048 characters"),
    pytest.param(URL, "http://user@example.com:8080/a?b#c", id="URL past the fast path"),
    pytest.param(AREA_CODE, "minerals.rare_earths", id="area code in the vocabulary"),
    pytest.param(TITLE, "Talks\tin Delhi\n", id="text with a tab and a line feed"),
]


def test_the_base_document_is_accepted_by_all() -> None:
    assert _verdicts(orjson.dumps(BASE)) == dict.fromkeys(
        ("coopmodel", "pydantic", "msgspec"), True
    )


@pytest.mark.parametrize(("path", "value"), REFUSED)
def test_the_peers_refuse_what_coopmodel_refuses(
    path: tuple[str | int, ...], value: object
) -> None:
    verdicts = _verdicts(_with(path, value))
    assert verdicts == {"coopmodel": False, "pydantic": False, "msgspec": False}


@pytest.mark.parametrize(("path", "value"), ACCEPTED)
def test_the_peers_accept_what_coopmodel_accepts(
    path: tuple[str | int, ...], value: object
) -> None:
    verdicts = _verdicts(_with(path, value))
    assert verdicts == {"coopmodel": True, "pydantic": True, "msgspec": True}


_SLUG_LIKE = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,8}\n?", fullmatch=True)
_AREA_LIKE = st.sampled_from(sorted(cm.vocabulary())) | st.from_regex(
    r"[a-zA-Z_][a-z0-9_.]{0,12}\n?", fullmatch=True
)
_URL_LIKE = st.builds(
    "".join,
    st.lists(
        st.sampled_from(["https://", "http://", "ftp://", "example.com", ":", "80", "99999"])
        | st.sampled_from(["/", "a b", "@", "?q=1", "#f", "[::1]", "é", "\t", ""]),
        max_size=6,
    ),
)


_TEXT_LIKE = st.text(
    st.characters(exclude_categories=("Cs",)) | st.sampled_from("\u200b\u3164\ufeff\x85\x1c"),
    max_size=6,
)


@given(
    field=st.sampled_from([ID, FORUM_ID, SESSION, URL, AREA_CODE, TITLE]),
    slug=_SLUG_LIKE,
    session=st.integers(min_value=-2, max_value=2**54) | st.sampled_from([MAX_SESSION, 2**53]),
    area=_AREA_LIKE,
    url=_URL_LIKE,
    text=_TEXT_LIKE,
)
def test_the_peers_agree_with_coopmodel_on_generated_values(
    field: tuple[str | int, ...], slug: str, session: int, area: str, url: str, text: str
) -> None:
    value = {
        ID: slug,
        FORUM_ID: slug,
        SESSION: session,
        URL: url,
        AREA_CODE: area,
        TITLE: text,
    }[field]
    verdicts = _verdicts(_with(field, value))
    assert len(set(verdicts.values())) == 1, (field, value, verdicts)


def test_the_rules_are_coopmodels() -> None:
    # The table the peer models are built from holds coopmodel's settings:
    # spot checks of values that the peers once wrote by hand, and got wrong.
    rules = peers_common.RULES
    assert rules[cm.Meeting, "session"].maximum == MAX_SESSION
    assert rules[cm.Forum, "id"] == rules[cm.Meeting, "id"]
    assert rules[cm.CooperationArea, "code"].max_length == 128
    assert rules[cm.Source, "url"].max_length == 2048
    assert rules[cm.Meeting, "sources"].min_length == 1
    assert "IND" in (rules[cm.Place, "country"].choices or ())


def test_every_text_field_has_the_rule_the_peers_use_for_all() -> None:
    # The peers write one Text type for every text field: right only while
    # no text field of coopmodel has a setting of its own (a length bound).
    texts = {key: rule for key, rule in peers_common.RULES.items() if rule.kind == "text"}
    assert (cm.Meeting, "title") in texts
    assert {rule._replace(optional=False) for rule in texts.values()} == {
        peers_common.Rule("text", optional=False)
    }


@pytest.mark.parametrize("cls", REGISTRY_CLASSES, ids=lambda cls: cls.__name__)
def test_every_field_of_coopmodel_is_in_both_peer_models(cls: type) -> None:
    expected = {field.alias for field in attrs.fields(cls)}
    pydantic_fields = set(getattr(peers_pydantic, cls.__name__).model_fields)
    msgspec_fields = set(getattr(peers_msgspec, cls.__name__).__struct_fields__)
    assert pydantic_fields - {"type", "schema_version"} == expected
    assert msgspec_fields - {"schema_version"} == expected
