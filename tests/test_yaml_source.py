"""YAML reading with positions: no base-60 numbers, duplicate keys found, overlays merged."""

import pytest

from simulator.model.errors import ScenarioError
from simulator.model.yaml_source import SourceList, SourceMap, deep_merge, parse_document


def parse(text: str) -> SourceMap:
    document, problems = parse_document(text, "t.yaml")
    assert problems == []
    return document


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("09:00", "09:00"),  # YAML 1.1 would give 540
        ("12:00", "12:00"),  # YAML 1.1 would give 720
        ("1:30:00", "1:30:00"),
        ("-1:30", "-1:30"),
        ('"12:00"', "12:00"),
        ("1e3", 1000.0),
        ("2.5E-1", 0.25),
        (".5", 0.5),
        ("-3", -3),
        ("010", 10),  # decimal, not octal
        ("0o10", 8),
        ("0x1f", 31),
        ("1_000", 1000),
        ("1.0", 1.0),
        ("true", True),
        ("~", None),
        ("abc", "abc"),
    ],
)
def test_scalars_resolve_without_sexagesimal_or_octal(written, expected):
    value = parse(f"value: {written}\n")["value"]
    assert value == expected and type(value) is type(expected)


def test_clock_times_in_flow_mappings_stay_strings():
    document = parse("hours: {open: 09:00, close: 12:00}\n")
    assert document["hours"] == {"open": "09:00", "close": "12:00"}


def test_mappings_and_sequences_remember_positions_and_quoting():
    document = parse('a: 1\nb:\n  c: "x"\n  d: [10, 20]\n  e:\n    - f\n')
    assert isinstance(document, SourceMap) and (document.spot.line, document.spot.column) == (1, 1)
    assert document.key_spots["b"].line == 2
    inner = document["b"]
    assert isinstance(inner, SourceMap) and inner.spot.line == 3
    assert (inner.key_spots["c"].line, inner.key_spots["c"].column) == (3, 3)
    assert inner.value_spots["c"].column == 6 and inner.value_spots["c"].quoted
    assert not inner.value_spots["d"].quoted
    items = inner["d"]
    assert isinstance(items, SourceList) and [s.column for s in items.item_spots] == [7, 11]
    assert inner["e"].item_spots[0].line == 6


def test_block_scalars_are_not_single_line():
    document = parse("a: |\n  text\nb: plain\n")
    assert not document.value_spots["a"].single_line
    assert document.value_spots["b"].single_line


def test_duplicate_keys_are_reported_with_their_path_and_both_lines():
    document, problems = parse_document("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", "t.yaml", "en")
    assert document["a"] == 3
    assert [(p.line, p.key) for p in problems] == [(4, "b.c"), (5, "a")]
    assert "first written on line 3" in problems[0].message
    _, said = parse_document("a: 1\na: 2\n", "t.yaml")  # no language: Chinese
    assert said[0].message == "键重复（第 1 行已写过）；YAML 只会保留最后一个"


def test_keys_brought_in_by_a_merge_key_may_be_overridden():
    document, problems = parse_document("base: &b {x: 1, y: 2}\nk:\n  <<: *b\n  x: 3\n", "t.yaml")
    assert problems == [] and document["k"] == {"x": 3, "y": 2}


# Nine anchors, each a list of ten aliases of the one before: 10**9 values from 700 bytes.
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"b{i}: &b{i} [{', '.join(['*' + ('a' if i == 0 else f'b{i - 1}')] * 10)}]\n" for i in range(9)
)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", None, "the file is empty"),
        ("   \n\n", None, "the file is empty"),
        ("# only a comment\n", None, "the file is empty"),
        ("a: [1, 2\nb: 3\n", 2, "a [...] list is not closed (or lacks a comma) (in what starts"),
        ("a:\n\tb: 1\n", 2, "a tab character; indent with spaces, not tabs"),
        ('a: "\x01"\n', 1, "an invisible control character U+0001"),
        ("a: b\nc: 'x\u202ey'\n", 2, "an invisible control character U+202E"),
        ("a: b\nc: 'x\u2028y'\nd: 1\n", 2, "an invisible control character U+2028"),
        ("a: 1\n---\nb: 2\n", 2, "more than one YAML document"),
        ("? [a]\n: 1\n", 1, "a key cannot be a list or mapping"),
        ("a: b: c\n", 1, "a 'key: value' is not allowed here"),
        ("a:\n  b: 1\n c: 2\n", 3, "the indentation is inconsistent"),
        ("- 1\n- 2\n", 1, "top level must be a mapping"),
        ("just text\n", 1, "top level must be a mapping"),
    ],
)
def test_file_level_problems_are_a_single_problem(text, line, fragment):
    with pytest.raises(ScenarioError) as caught:
        parse_document(text, "t.yaml", "en")
    [problem] = caught.value.problems
    assert problem.file == "t.yaml" and problem.line == line and fragment in problem.message
    assert caught.value.language == "en"


BOUNDS = {  # what a small file could make the machine do (issue 15): refused at its line
    "2000 nested lists": ("a: " + "[" * 2000 + "]" * 2000 + "\n", 1, "nest too deeply"),
    "300 nested mappings": (
        "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 300)),
        50,
        "nest too deeply",
    ),
    "a billion laughs": (LAUGHS, 6, "expand to more than 200,000 values"),
    "an alias inside itself": ("a: &x [1, *x]\n", 1, "refers to what contains it"),
    "!!int 1e5": ("a: !!int 1e5\n", 1, "'1e5' cannot be read as !!int; remove the !!int tag"),
    "!!float abc": ("a: !!float abc\n", 1, "'abc' cannot be read as !!float"),
    "!!bool maybe": ("a: !!bool maybe\n", 1, "'maybe' cannot be read as !!bool"),
    "!!timestamp 2026-02-30": ("a: !!timestamp 2026-02-30\n", 1, "as !!timestamp"),
    "400 digits": ("a: " + "7" * 400 + "\n", 1, "a number of 400 digits"),
    "5000 digits": ("a: " + "7" * 5000 + "\n", 1, "a number of 5000 digits"),
    "2 MB": ("a: '" + "x" * 2_000_001 + "'\n", None, "too large for a scenario file"),
}


@pytest.mark.parametrize("case", BOUNDS)
def test_a_file_beyond_a_bound_is_refused_at_its_line_before_it_is_built(case):
    text, line, fragment = BOUNDS[case]
    with pytest.raises(ScenarioError) as caught:
        parse_document(text, "t.yaml", "en")
    [problem] = caught.value.problems
    assert problem.line == line and fragment in problem.message, problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: [1, 2\nb: 3\n",
            "不是有效的 YAML：方括号 [...] 没有正确闭合（或其中少了逗号）（该段从第 1 行开始）",
        ),
        ("a:\n\tb: 1\n", "不是有效的 YAML：出现了 Tab 字符；请用空格缩进，不要用 Tab 键"),
        ("name: 城东：营业厅: 2\n", "不是有效的 YAML：此处不能写 “键: 值”；常见原因是缩进不对，"),
        (
            "a: @x\n",
            "不是有效的 YAML：这个字符不能出现在值的开头（如 @ ` % *）；请给这段文字加引号",
        ),
    ],
)
def test_a_chinese_reader_gets_the_yaml_problem_in_chinese(text, expected):
    with pytest.raises(ScenarioError) as caught:
        parse_document(text, "t.yaml")  # no language line: the default, Chinese
    [problem] = caught.value.problems
    assert problem.message.startswith(expected)
    assert not any(word in problem.message for word in ("expected", "while", "found"))


def test_a_control_character_written_as_an_escape_is_a_problem_at_its_key():
    _data, problems = parse_document(
        'a: 1\nname: "\\e]0;owned\\a"\nwho: ["\\u202Eok"]\n', "t.yaml", "en"
    )
    assert [(p.line, p.key, p.message[:38]) for p in problems] == [
        (2, "name", "holds an invisible control character U"),
        (3, "who[0]", "holds an invisible control character U"),
    ]
    assert "U+001B" in problems[0].message and "U+202E" in problems[1].message


def test_dates_stay_text_for_their_fields_to_check():
    data, _ = parse_document("date: 2026-11-20\nbad: 2026-02-30\n", "t.yaml", "en")
    assert data == {"date": "2026-11-20", "bad": "2026-02-30"}


def test_deep_merge_merges_mappings_replaces_the_rest_and_keeps_overlay_lines():
    base = parse("staff:\n  counters: [1]\n  guides: 2\nname: x\n")
    overlay = parse("\n\nstaff: {guides: 3}\nname: y\n")
    merged = deep_merge(base, overlay)
    assert merged == {"staff": {"counters": [1], "guides": 3}, "name": "y"}
    assert merged["staff"].key_spots["counters"].line == 2  # from the base
    assert merged["staff"].key_spots["guides"].line == 3  # from the overlay
    assert merged.key_spots["name"].line == 4
    assert base["staff"]["guides"] == 2  # the base is not changed
    replaced = deep_merge(base, {"staff": None})
    assert replaced["staff"] is None


@pytest.mark.parametrize(
    ("text", "line", "column", "expected"),
    [
        ("a: 1\nsecurity：1\n", 2, 9, "这里是全角的“：”（中文输入法），请改成半角的“:”"),
        ("b: ｛x: 1}\n", 1, 4, "这里是全角的“｛”"),
        ("c: {x: 1， y: 2}\n", 1, 9, "这里是全角的“，”"),
        ("d:\n  e: 1\n\u3000\u3000f: 2\n  g: 3\n", 3, 1, "缩进里有全角空格"),
    ],
)
def test_a_full_width_character_is_named_at_its_own_line_and_column(text, line, column, expected):
    with pytest.raises(ScenarioError) as caught:
        parse_document(text, "t.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (line, column) and expected in problem.message


def test_full_width_punctuation_inside_text_is_no_problem():
    document = parse("note: 安抚客户，引导排队：请稍候\nmessage: '系统故障：正在抢修'\n")
    assert document["note"] == "安抚客户，引导排队：请稍候"
