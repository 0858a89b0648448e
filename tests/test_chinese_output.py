"""What a Chinese reader sees: no engine identifier in briefs, errors, tables or the console.

The list of identifiers is the engine's own (:mod:`tests.engine_words`): action, metric,
reason, incident and event names. Paths and file names a message names are the user's.
"""

from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.model import load_scenario
from tests.engine_words import engine_words_in

ROOT = Path(__file__).parent.parent
SCENARIOS = ROOT / "scenarios"
CHINESE_SCENARIOS = sorted(
    path.name for path in SCENARIOS.glob("*.yaml") if load_scenario(path).language == "zh"
)


def test_the_finder_sees_what_it_must_and_not_a_path():
    assert engine_words_in("条件：queue >= 30，措施 open_counters，原因 reserve_exhausted") == [
        "queue",
        "open_counters",
        "reserve_exhausted",
    ]
    assert engine_words_in("结果目录：results/promotion_day-20261203-120500/brief.md") == []


@pytest.mark.parametrize("golden", sorted((ROOT / "tests" / "golden").glob("*.zh.md")))
def test_no_chinese_golden_brief_shows_an_engine_identifier(golden):
    assert engine_words_in(golden.read_text(encoding="utf-8")) == []


def test_validation_errors_of_a_chinese_scenario_show_no_engine_identifier(tmp_path):
    text = (SCENARIOS / "bank_system_outage.yaml").read_text(encoding="utf-8")
    broken = (
        text.replace("per_hour:", "per_huor:", 1)  # a typo in a key
        .replace('open: "09:00"', 'open: "9点"', 1)  # an impossible time
        # a metric by a name it does not have, in a condition written in Chinese
        .replace('when: "outage_min >= 1"', 'when: "排队 >= 3 或 故障持续 >= 1"', 1)
    )
    assert broken != text
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.output.count(f"{path}:") >= 3  # every problem at its line
    assert engine_words_in(result.output) == []
    assert "Error" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("name", CHINESE_SCENARIOS)
def test_the_run_table_of_every_chinese_scenario_shows_no_engine_identifier(name, tmp_path):
    arguments = ["run", str(SCENARIOS / name), "-n", "2", "--no-brief", "--out", str(tmp_path)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    assert engine_words_in(result.output) == []


def test_a_chinese_console_session_shows_no_engine_identifier(tmp_path):
    people = tmp_path / "people.yaml"
    people.write_text("facilitator: 陈主任\nplayers: [李娜, 王强]\nevaluator: 刘洋\n", "utf-8")
    answers = ["c", "o", "zz", "3", "", "", "1", "", "", "c", "u", "c", "e"]
    arguments = ["play", str(SCENARIOS / "bank_fire_drill.yaml"), "--participants", str(people)]
    arguments += ["--every", "60", "--no-brief", "--out", str(tmp_path / "run")]
    result = CliRunner().invoke(cli, arguments, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "可采取的其他措施" in result.output and "已撤销" in result.output
    assert engine_words_in(result.output) == []
    assert "Error" not in result.output and "Results" not in result.output


def test_a_scored_chinese_drill_shows_no_engine_identifier(tmp_path):
    log = SCENARIOS / "logs" / "bank_system_outage.log.yaml"
    arguments = ["score", str(SCENARIOS / "bank_system_outage.yaml"), str(log), "-n", "3"]
    result = CliRunner().invoke(cli, [*arguments, "--no-brief", "--out", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    assert engine_words_in(result.output) == []
