"""The drill brief: golden files in both languages, and a clear error for a wrong directory."""

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from simulator.cli import cli
from simulator.report import fonts

GOLDEN = Path(__file__).parent / "golden"
SCENARIO = Path(__file__).parent.parent / "scenarios" / "bank_fire_drill.yaml"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    # Run from the repository so the brief names the scenario file as a user would type it.
    previous = Path.cwd()
    os.chdir(SCENARIO.parent.parent)
    out = tmp_path_factory.mktemp("brief") / "run"
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "scenarios/bank_fire_drill.yaml",
            "-n",
            "12",
            "--seed",
            "7",
            "--out",
            str(out),
            "--no-brief",
        ],
    )
    assert result.exit_code == 0, result.output
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    info["created"] = "2026-11-22T10:00:00"  # the brief is dated by the run; pin the date
    (out / "run.json").write_text(json.dumps(info), encoding="utf-8")
    os.chdir(previous)
    return out


def assert_golden(run_dir: Path, lang: str, golden: Path, monkeypatch) -> None:
    """Write the Markdown brief of ``run_dir`` in ``lang`` and compare it with ``golden``."""
    # The brief notes a missing CJK font; pin the search so the golden file is the same anywhere
    # (to the installed font, if there is one, so the charts draw without missing glyphs).
    installed = fonts.find_cjk_font() or "Noto Sans CJK SC"
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: installed)
    result = CliRunner().invoke(cli, ["brief", str(run_dir), "--lang", lang, "--format", "md"])
    assert result.exit_code == 0, result.output
    # The scenario's own language is brief.md; another is written beside it (brief.en.md).
    language = json.loads((run_dir / "summary.json").read_text("utf-8"))["scenario"]["language"]
    name = "brief.md" if lang == language else f"brief.{lang}.md"
    written = (run_dir / name).read_text(encoding="utf-8")
    if os.environ.get("DRILL_UPDATE_GOLDEN"):  # after a deliberate change: review the diff
        golden.write_text(written, encoding="utf-8")
    assert written == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_brief_matches_its_golden_file(run_dir, lang, monkeypatch):
    assert_golden(run_dir, lang, GOLDEN / f"bank_fire_drill.brief.{lang}.md", monkeypatch)


def test_the_chinese_brief_has_no_english_headings(run_dir):
    CliRunner().invoke(cli, ["brief", str(run_dir), "--lang", "zh"])
    headings = [
        line
        for line in (run_dir / "brief.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    ]
    assert headings and not any(
        word in line for line in headings for word in ("Drill", "Objectives", "Exercise")
    )


def test_a_directory_that_is_not_a_run_is_bad_input(tmp_path):
    result = CliRunner().invoke(cli, ["brief", str(tmp_path)])
    assert result.exit_code == 2
    assert "summary.json: missing" in result.output and "Traceback" not in result.output


@pytest.fixture(scope="module")
def scored_dir(tmp_path_factory):
    # A real drill's log scored: the brief carries participants, the log's date and timings.
    previous = Path.cwd()
    os.chdir(SCENARIO.parent.parent)
    out = tmp_path_factory.mktemp("scored") / "run"
    arguments = ["score", "scenarios/bank_system_outage.yaml"]
    arguments += ["scenarios/logs/bank_system_outage.log.yaml", "-n", "10", "--seed", "3"]
    result = CliRunner().invoke(cli, [*arguments, "--out", str(out), "--no-brief"])
    os.chdir(previous)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_scored_drills_brief_matches_its_golden_file(scored_dir, lang, monkeypatch):
    golden = GOLDEN / f"bank_system_outage.scored.brief.{lang}.md"
    assert_golden(scored_dir, lang, golden, monkeypatch)


# What a name, a note or a log's who could hold to break a Markdown renderer's output: raw
# HTML, a link (plain and behind backslashes that would undo an escape), a cell split, a line.
PAYLOAD = (
    "<script>alert(1)</script> | [x](javascript:alert(1)) "
    + "\\[click\\](https://evil.example) `code|` end"
)


def test_text_users_wrote_cannot_change_the_briefs_structure(tmp_path):
    scenarios = SCENARIO.parent
    scenario = (scenarios / "bank_system_outage.yaml").read_text(encoding="utf-8")
    scenario = scenario.replace("name: 业务系统故障演练 — 城南支行", f"name: '{PAYLOAD}'")
    scenario = scenario.replace("note: 及时联系技术维护部门}", f"note: '{PAYLOAD}'}}")
    log = (scenarios / "logs" / "bank_system_outage.log.yaml").read_text(encoding="utf-8")
    log = log.replace("who: 大堂经理 李娜}", f"who: '{PAYLOAD}'}}", 1)
    log = log.replace("$schema=log.schema.json", "")
    (tmp_path / "s.yaml").write_text(scenario, encoding="utf-8")
    (tmp_path / "l.yaml").write_text(log, encoding="utf-8")
    out = tmp_path / "run"
    arguments = ["score", str(tmp_path / "s.yaml"), str(tmp_path / "l.yaml"), "-n", "2"]
    result = CliRunner().invoke(cli, [*arguments, "--out", str(out)])
    assert result.exit_code == 0, result.output
    markdown = (out / "brief.md").read_text(encoding="utf-8")
    html = (out / "brief.html").read_text(encoding="utf-8")
    # Rendered as a Markdown viewer would (CommonMark with tables), then read back.
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    for document in (rendered, html):
        assert "<script" not in document and "<a href" not in document, document
    assert rendered.count("evil.example") >= 3  # the text is there, as text
    for table in re.findall(r"<table>.*?</table>", rendered, re.DOTALL):
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
        assert len({row.count("<td") + row.count("<th") for row in rows}) == 1, table


def test_a_plan_assessment_is_never_dressed_as_a_drill_and_a_drill_keeps_its_record():
    assessment = (GOLDEN / "bank_fire_drill.brief.zh.md").read_text("utf-8")
    assert assessment.startswith("# 预案推演评估报告")
    assert "计算机模拟推演，未组织实际演练" in assessment
    for drill_only in ("演练时间", "参加人员", "演练负责人", "评估人员", "演练进程"):
        assert drill_only not in assessment, drill_only
    # The trend says how the day went, not the software's own bookkeeping.
    assert "所有客户均有去向" not in assessment and "天以疏散告终" in assessment
    drill = (GOLDEN / "bank_system_outage.scored.brief.zh.md").read_text("utf-8")
    assert drill.startswith("# 演练评估报告")
    for record in ("演练时间", "参加人员", "演练负责人", "评估人员", "审批人"):
        assert record in drill, record


def test_every_technical_term_a_brief_uses_is_explained_in_its_glossary():
    for golden in sorted(GOLDEN.glob("*.brief.*.md")):
        text = golden.read_text("utf-8")
        title = "**术语说明**" if ".zh." in golden.name else "**Terms used**"
        body, _, rest = text.partition(title)
        glossary = rest.split("\n## ")[0]
        for term in ("RSET", "ASET", "P90", "Fruin", "Erlang"):
            if term in body:
                assert f"- {term}" in glossary, (golden.name, term)
