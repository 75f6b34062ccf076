"""The safe YAML reader: YAML 1.2 core scalars, positions, and everything it refuses.

Every refusal must be an InputError with one Problem at the right line and
column (1-based), so a scenario author is pointed at the exact spot.
"""

from __future__ import annotations

import json
import math
import string
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame import yamlsafe
from wargame.errors import InputError, Problem
from wargame.yamlsafe import MAX_DEPTH, Document


def load(text: str) -> Document:
    return yamlsafe.load(text, "test.yaml")


def value(scalar: str):
    """The value of `scalar` written after `v: ` in a one-line document."""
    return load(f"v: {scalar}\n").data["v"]


def refusal(text: str) -> Problem:
    """The single problem `load` reports for `text`."""
    with pytest.raises(InputError) as info:
        load(text)
    problems = info.value.problems
    assert len(problems) == 1, problems
    assert problems[0].file == "test.yaml"
    return problems[0]


def assert_refused_at(text: str, line: int, column: int, *words: str) -> Problem:
    problem = refusal(text)
    assert (problem.line, problem.column) == (line, column), problem
    for word in words:
        assert word in problem.message, problem
    return problem


def file_refusal(path, **kwargs) -> Problem:
    with pytest.raises(InputError) as info:
        yamlsafe.read_text(path, **kwargs)
    (problem,) = info.value.problems
    assert problem.file == str(path)
    return problem


# --- YAML 1.2 core schema ----------------------------------------------------------


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "y", "n", "No", "YES", "On", "OFF", "Y", "N"])
def test_yaml_11_booleans_stay_strings(word):
    assert value(word) == word


@pytest.mark.parametrize(
    "scalar, expected",
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False)],
)
def test_core_booleans(scalar, expected):
    assert value(scalar) is expected


@pytest.mark.parametrize(
    "scalar, expected",
    [("012", 12), ("0o12", 10), ("0x1F", 31), ("0x1f", 31), ("-7", -7), ("+3", 3), ("0", 0)],
)
def test_core_integers(scalar, expected):
    result = value(scalar)
    assert type(result) is int
    assert result == expected


@pytest.mark.parametrize(
    "scalar, expected",
    [("1.5", 1.5), ("-0.25", -0.25), (".5", 0.5), ("1e3", 1000.0), ("2.5E-1", 0.25), ("1.", 1.0)],
)
def test_core_floats(scalar, expected):
    result = value(scalar)
    assert type(result) is float
    assert result == expected


def test_infinities_and_nan():
    assert value(".inf") == math.inf
    assert value("-.Inf") == -math.inf
    assert value("+.INF") == math.inf
    assert math.isnan(value(".nan"))


@pytest.mark.parametrize("scalar", ["~", "null", "Null", "NULL", ""])
def test_nulls(scalar):
    assert value(scalar) is None


def test_empty_value_in_block_mapping_is_none():
    assert load("a:\nb: 1\n").data == {"a": None, "b": 1}


@pytest.mark.parametrize(
    "scalar, expected",
    [("'012'", "012"), ('"0x1F"', "0x1F"), ("'true'", "true"), ('"null"', "null"), ("''", ""), ("'~'", "~")],
)
def test_quoted_scalars_stay_strings(scalar, expected):
    assert value(scalar) == expected


@pytest.mark.parametrize(
    "scalar",
    ["2021-06-27", "2021-06-27T01:30:00Z", "1:30", "12:30:00", "0b101", "1_000", "0o19", "0xG", "nan", "inf", "1207a"],
)
def test_other_plain_scalars_stay_strings(scalar):
    assert value(scalar) == scalar


def test_block_scalars_are_strings():
    assert load("a: |\n  012\n  yes\n").data == {"a": "012\nyes\n"}


def test_numbers_work_as_keys():
    assert load("1: a\n012: b\n'3': c\n").data == {1: "a", 12: "b", "3": "c"}


def test_empty_document_is_none():
    doc = load("")
    assert doc.data is None
    assert doc.where(("anything",)) == (1, 1)


def test_byte_order_mark_is_dropped_by_decode():
    text = yamlsafe.decode(b"\xef\xbb\xbfa: 1\n", "f.yaml")
    assert yamlsafe.load(text, "f.yaml").data == {"a": 1}


# --- marks -------------------------------------------------------------------------

SCENARIO = """\
name: Test
map:
  size: [58, 40]
  units:
    - id: a1
      at: "1207"
    - {id: b2, at: '0101', tags: [x, y]}
empty:
"""


@pytest.fixture
def scenario() -> Document:
    return load(SCENARIO)


def test_scenario_data(scenario):
    assert scenario.data == {
        "name": "Test",
        "map": {
            "size": [58, 40],
            "units": [{"id": "a1", "at": "1207"}, {"id": "b2", "at": "0101", "tags": ["x", "y"]}],
        },
        "empty": None,
    }


@pytest.mark.parametrize(
    "path, line, column",
    [
        (("name",), 1, 7),
        (("map", "size"), 3, 9),
        (("map", "size", 0), 3, 10),
        (("map", "size", 1), 3, 14),
        (("map", "units", 0), 5, 7),
        (("map", "units", 0, "id"), 5, 11),
        (("map", "units", 0, "at"), 6, 11),
        (("map", "units", 1), 7, 7),
        (("map", "units", 1, "id"), 7, 12),
        (("map", "units", 1, "at"), 7, 20),
        (("map", "units", 1, "tags"), 7, 34),
        (("map", "units", 1, "tags", 1), 7, 38),
    ],
)
def test_value_marks(scenario, path, line, column):
    assert scenario.marks[path] == (line, column)
    assert scenario.where(path) == (line, column)


@pytest.mark.parametrize(
    "path, line, column",
    [
        (("name",), 1, 1),
        (("map",), 2, 1),
        (("map", "units"), 4, 3),
        (("map", "units", 0, "at"), 6, 7),
        (("map", "units", 1, "id"), 7, 8),
        (("map", "units", 1, "tags"), 7, 28),
        (("empty",), 8, 1),
    ],
)
def test_key_marks(scenario, path, line, column):
    assert scenario.key_marks[path] == (line, column)
    assert scenario.where_key(path) == (line, column)


def test_every_value_has_a_mark(scenario):
    assert set(paths_of(scenario.data)) <= set(scenario.marks)


def test_where_falls_back_to_the_nearest_ancestor(scenario):
    assert scenario.where(("map", "units", 0, "strength")) == (5, 7)
    assert scenario.where(["map", "units", 1, "tags", 5]) == (7, 34)
    assert scenario.where(("nowhere", "at", "all")) == (1, 1)
    assert scenario.where(()) == (1, 1)


def test_where_key_falls_back_to_the_value(scenario):
    assert scenario.where_key(("map", "size", 1)) == (3, 14)


def test_problem_points_at_value_or_key(scenario):
    assert scenario.problem(("map", "units", 0, "at"), "bad hex") == Problem("test.yaml", 6, 11, "bad hex")
    assert scenario.problem(("map", "units", 0, "at"), "x", at_key=True) == Problem("test.yaml", 6, 7, "x")


def test_line_text(scenario):
    assert scenario.line_text(1) == "name: Test"
    assert scenario.line_text(6) == '      at: "1207"'
    assert scenario.line_text(0) == ""
    assert scenario.line_text(99) == ""


def test_marks_count_characters_not_bytes():
    doc = load("a: [é, ü, 3]\n")
    assert doc.marks[("a", 2)] == (1, 11)


def test_marks_in_nested_block_lists():
    doc = load("- - 1\n  - 2\n- x: 3\n")
    assert doc.data == [[1, 2], {"x": 3}]
    assert doc.marks[(0, 0)] == (1, 5)
    assert doc.marks[(0, 1)] == (2, 5)
    assert doc.marks[(1, "x")] == (3, 6)
    assert doc.key_marks[(1, "x")] == (3, 3)


# --- refusals ----------------------------------------------------------------------


def test_alias_is_refused_at_the_star():
    assert_refused_at("a: 1\nb: *x\n", 2, 4, "alias")


def test_alias_in_flow_list_is_refused_at_the_star():
    assert_refused_at("a: 1\nb: [2, *x]\n", 2, 8, "alias")


def test_an_anchor_is_refused_at_the_ampersand():
    """The format refuses anchors as it refuses aliases (docs/scenario-format.md): one is
    only there for an alias to repeat, and a value is written out in full."""
    assert_refused_at("a: &x 1\n", 1, 4, "anchor")
    assert_refused_at("a: 1\nb: &list [1, 2]\n", 2, 4, "anchor")


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("a: !!python/object:os.system ls\n", 1, 4),
        ("a: 1\nb: !!python/object/apply:os.system [ls]\n", 2, 4),
        ("a: !!str 012\n", 1, 4),
        ("a: !custom {b: 1}\n", 1, 4),
        ("!!map\na: 1\n", 1, 1),
    ],
)
def test_tags_are_refused(text, line, column):
    assert_refused_at(text, line, column, "tag")


def test_python_tag_is_named_in_the_message():
    problem = refusal("a: !!python/object:os.system ls\n")
    assert "!!python/object:os.system" in problem.message


def test_duplicate_key_is_refused_at_the_second_key():
    problem = assert_refused_at("x: 0\na: 1\nb: 2\na: 3\n", 4, 1, "duplicate", "'a'")
    assert "line 2" in problem.message


def test_duplicate_key_in_flow_mapping():
    assert_refused_at("m: {a: 1, b: 2, a: 3}\n", 1, 17, "duplicate", "line 1")


def test_duplicate_key_in_nested_mapping():
    assert_refused_at("a:\n  b: 1\n  c: 2\n  b: 3\n", 4, 3, "duplicate", "line 2")


def test_same_key_in_different_mappings_is_fine():
    assert load("a: {x: 1}\nb: {x: 2}\n").data == {"a": {"x": 1}, "b": {"x": 2}}


def test_keys_equal_as_numbers_are_duplicates():
    assert_refused_at("12: a\n012: b\n", 2, 1, "duplicate")


@pytest.mark.parametrize(
    "text, line",
    [("a: 1\n---\nb: 2\n", 2), ("---\na: 1\n---\nb: 2\n", 3), ("a: 1\n...\n---\nb: 2\n", 3)],
)
def test_second_document_is_refused(text, line):
    assert_refused_at(text, line, 1, "one YAML document")


def test_single_explicit_document_is_fine():
    assert load("---\na: 1\n...\n").data == {"a": 1}


def flow_nesting(depth: int) -> str:
    return "[" * depth + "]" * depth + "\n"


def block_nesting(depth: int) -> str:
    """`depth` nested mappings, each under key `k`, innermost holding `v: 1`."""
    lines = [" " * (2 * i) + "k:" for i in range(depth - 1)] + [" " * (2 * (depth - 1)) + "v: 1"]
    return "\n".join(lines) + "\n"


def test_nesting_up_to_max_depth_is_fine():
    assert load(flow_nesting(MAX_DEPTH)).data is not None
    doc = load(block_nesting(MAX_DEPTH))
    assert doc.where(("k",) * (MAX_DEPTH - 1) + ("v",)) == (MAX_DEPTH, 2 * MAX_DEPTH + 2)


def test_nesting_deeper_than_max_depth_is_refused():
    assert_refused_at(flow_nesting(MAX_DEPTH + 1), 1, MAX_DEPTH + 1, "nested")
    assert_refused_at(block_nesting(MAX_DEPTH + 1), MAX_DEPTH + 1, 2 * MAX_DEPTH + 1, "nested")


def test_very_deep_nesting_is_refused_not_crashed():
    # libyaml looks ahead for a possible key and may hit its own depth limit first.
    problem = refusal(flow_nesting(100_000))
    assert problem.line == 1
    assert "nest" in problem.message


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("? [1, 2]\n: x\n", 1, 3),
        ("a: 1\n? {b: 1}\n: x\n", 2, 3),
        ("{[1]: 2}\n", 1, 2),
        ("? - 1\n: x\n", 1, 3),
    ],
)
def test_non_scalar_keys_are_refused(text, line, column):
    assert_refused_at(text, line, column, "key")


@pytest.mark.parametrize(
    "text, line, column",
    [("null: 1\n", 1, 1), ("a: 1\n~: 2\n", 2, 1), ("true: 1\n", 1, 1), ("1.5: x\n", 1, 1), ("? \n: x\n", 1, 2)],
)
def test_null_bool_and_float_keys_are_refused(text, line, column):
    assert_refused_at(text, line, column, "key")


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("a: [1, 2\n", 2, 1),  # unclosed flow sequence
        ("a: [1, 2\nb: 3\n", 2, 2),
        ("{a: 1\n", 2, 1),  # unclosed flow mapping
        ('a: "x\n', 2, 1),  # unclosed quote
        ("a:\n  b: 1\n c: 2\n", 3, 2),  # bad indentation
        ("a: 1\n b: 2\n", 2, 3),
        ("a:\n\tb: 1\n", 2, 1),  # a tab as indentation
        ("a: b: c\n", 1, 5),
        ("- a\nb: 1\n", 2, 1),
    ],
)
def test_syntax_errors_are_located(text, line, column):
    problem = assert_refused_at(text, line, column, "YAML syntax")
    assert "\n" not in problem.message


def test_control_character_is_refused():
    problem = refusal("a: \x01\n")
    assert "YAML syntax" in problem.message


def test_number_with_too_many_digits_is_refused():
    assert_refused_at("a: 1\nb: " + "9" * 5000 + "\n", 2, 4, "digits")
    assert_refused_at("[1, " + "9" * 5000 + "]\n", 1, 5, "digits")


def test_long_hex_number_is_read():
    assert value("0x" + "f" * 5000) == 16**5000 - 1


def test_billion_laughs_is_refused_quickly_at_the_first_anchor():
    lines = ["lol0: &lol0 [" + ", ".join(["lol"] * 9) + "]"]
    for n in range(1, 13):  # 9**13 "lol"s if expanded
        lines.append(f"lol{n}: &lol{n} [" + ", ".join([f"*lol{n - 1}"] * 9) + "]")
    text = "\n".join(lines) + "\n"
    assert 800 < len(text.encode()) < 1200
    start = time.perf_counter()
    assert_refused_at(text, 1, 7, "anchor")
    assert time.perf_counter() - start < 0.5


# --- decoding and files ------------------------------------------------------------


def decode_refusal(raw: bytes) -> Problem:
    with pytest.raises(InputError) as info:
        yamlsafe.decode(raw, "f.yaml")
    (problem,) = info.value.problems
    assert problem.file == "f.yaml"
    assert "UTF-8" in problem.message
    return problem


@pytest.mark.parametrize(
    "raw, line, column",
    [
        (b"\xff", 1, 1),
        (b"a: 1\nb: \xff\n", 2, 4),
        (b"a: 1\r\nb: x\xc3\n", 2, 5),  # truncated two-byte sequence
        (b"a: \xc3\xa9\xff\n", 1, 5),  # columns count characters: the bad byte follows "a: \u00e9"
        (b"\xef\xbb\xbfa: \xff\n", 1, 4),  # a byte order mark is not a column
        (b"\xef\xbb\xbfab\n\xff\n", 2, 1),  # nor does it shift the offset onto the next line
        (b"x: 1\n\n\n  \xed\xa0\x80\n", 4, 3),  # an encoded surrogate
    ],
)
def test_invalid_utf8_is_located(raw, line, column):
    problem = decode_refusal(raw)
    assert (problem.line, problem.column) == (line, column)


def test_read_text_reads_a_file(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_bytes("name: Ré\n".encode())
    assert yamlsafe.read_text(path) == "name: Ré\n"
    doc = yamlsafe.load_file(path)
    assert doc.file == str(path)
    assert doc.data == {"name": "Ré"}
    assert doc.where(("name",)) == (1, 7)


def test_file_over_the_size_cap_is_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 1000)  # 5000 bytes
    assert yamlsafe.read_text(path, max_bytes=5000).count("\n") == 1000
    problem = file_refusal(path, max_bytes=4999)
    assert (problem.line, problem.column) == (0, 0)
    assert "larger" in problem.message
    with pytest.raises(InputError):
        yamlsafe.load_file(path, max_bytes=2048)


def test_missing_file_is_refused(tmp_path):
    problem = file_refusal(tmp_path / "nope.yaml")
    assert "no such file" in problem.message


def test_folder_is_refused(tmp_path):
    problem = file_refusal(tmp_path)
    assert "folder" in problem.message


def test_non_utf8_file_is_located(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nname: Ré\n".encode("latin-1"))
    problem = file_refusal(path)
    assert (problem.line, problem.column) == (2, 8)


# --- properties --------------------------------------------------------------------


def paths_of(data, prefix=()):
    """Every path into nested dicts and lists, the root included."""
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from paths_of(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from paths_of(v, prefix + (i,))


# Letters, spaces and digit-free punctuation: safe_dump (YAML 1.1) quotes whatever
# 1.1 would not read back as a string (yes, no, null, ...), and without digits no
# string can be a 1.2-only number such as 0o12 or 1e5.
safe_text = st.text(alphabet=string.ascii_letters + " -_.,'\"", max_size=12)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | safe_text
nested = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(safe_text, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(nested, st.sampled_from([False, True, None]))
def test_safe_dump_round_trip(data, flow):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    doc = load(text)
    assert doc.data == data
    assert set(paths_of(data)) <= set(doc.marks)


json_chars = st.characters(exclude_categories=("Cs", "Cc", "Cn", "Zl", "Zp")).filter(lambda c: c != "\ufeff")
json_text = st.text(json_chars | st.sampled_from("\n\t\r\x00\x1f\"\\/"), max_size=12)
json_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | json_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(json_text, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(json_data)
def test_json_is_read_as_yaml_12(data):
    text = json.dumps(data, ensure_ascii=False, separators=(", ", ": "))
    assert load(text).data == data


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_random_bytes_raise_only_input_errors(raw):
    try:
        yamlsafe.load(yamlsafe.decode(raw, "r.yaml"), "r.yaml")
    except InputError as e:
        assert len(e.problems) == 1


yamlish = st.text(alphabet="ab01:-[]{}&*!?#|>'\",.~% \n\t@`\\", max_size=80)


@settings(max_examples=300)
@given(yamlish)
def test_random_yamlish_text_raises_only_input_errors(text):
    try:
        doc = load(text)
    except InputError as e:
        (problem,) = e.problems
        assert problem.line >= 0 and problem.column >= 0
    else:
        assert set(paths_of(doc.data)) <= set(doc.marks) | {()}
