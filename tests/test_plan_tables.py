"""What drill compare and drill staff print: the brief's own words, in the scenario's language."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.report.text import display_width
from tests.engine_words import engine_words_in

SCENARIOS = Path(__file__).parent.parent / "scenarios"


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    out = tmp_path_factory.mktemp("compare") / "run"
    arguments = ["compare", str(SCENARIOS / "promotion_day.yaml"), "-n", "3", "--no-brief"]
    result = CliRunner().invoke(cli, [*arguments, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_chinese_comparison_prints_in_chinese_without_engine_names(compared):
    lines = compared.splitlines()
    assert lines[0] == "大型营销活动日 — 城东营业厅 — 3 个备选方案与基准方案对比，随机种子 1"
    assert lines[3].split() == [
        "名次",
        "方案",
        "均值（95%",
        "置信区间）",
        "与基准之差（95%",
        "置信区间）",
    ]
    assert "各方案的限值达标情况（达标天数比例）" in compared
    assert "放弃等候比例 ≤ 5%" in compared  # a rate as a percentage, not 0.05
    assert engine_words_in(compared) == []
    assert not any(word in compared for word in ("held", "NOT", "n.s.", "Results"))


def test_every_plan_is_ranked_once_and_its_limits_line_up(compared):
    lines = compared.splitlines()
    ranking = lines[4:8]
    assert [line.split()[0] for line in ranking] == ["1", "2", "3", "4"]
    assert sum("基准方案" in line for line in ranking) == 1
    start = lines.index("各方案的限值达标情况（达标天数比例）") + 1
    header, *rows = lines[start : start + 6]
    column = display_width(header[: header.index("基准方案")])
    for row in rows:  # each verdict starts under its plan's name, whatever the limit's width
        cut = next(end for end in range(len(row)) if display_width(row[:end]) == column)
        assert row[cut:].startswith(("达标", "未达标")), row


def test_a_chinese_staffing_search_prints_in_chinese_without_engine_names(tmp_path):
    arguments = ["staff", str(SCENARIOS / "bank_system_outage.yaml"), "-n", "2", "--block", "120"]
    result = CliRunner().invoke(cli, [*arguments, "--no-brief", "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    output = result.output
    assert "按 120 分钟时段测算台席" in output
    assert "时段" in output and "核定（达标率）" in output
    assert "按测算台席写出的场景：" in output and "结果目录：" in output
    assert engine_words_in(output) == []
    assert "Staffed" not in output and "plans simulated" not in output
