"""``drill roster`` through click's CliRunner: the roster's files, in the scenario's language."""

import csv
import io
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from simulator.cli import cli
from simulator.model import load_scenario, load_scenario_text
from simulator.model.clock import parse_clock
from simulator.model.roster import Break, RosterEntry

SCENARIOS = Path(__file__).parent.parent / "scenarios"
PROMOTION = SCENARIOS / "promotion_day.yaml"


def invoke(*arguments):
    return CliRunner().invoke(cli, [str(argument) for argument in arguments])


def test_roster_writes_a_workable_roster_a_workbook_and_the_scenario_with_its_comments(tmp_path):
    out = tmp_path / "roster"
    result = invoke("roster", PROMOTION, "-n", "4", "--out", out, "--no-brief")
    assert result.exit_code == 0, result.output
    assert "排班在岗柜员" in result.output and "合计成本" in result.output
    data = json.loads((out / "roster.json").read_text("utf-8"))
    rules = load_scenario(PROMOTION).staff.shifts
    for person in data["people"]:
        row = RosterEntry.model_construct(
            name=person["name"],
            role=person["role"],
            start_min=parse_clock(person["start"]),
            until_min=parse_clock(person["until"]),
            breaks=tuple(
                Break.model_construct(
                    start_min=parse_clock(b["start"]), until_min=parse_clock(b["until"])
                )
                for b in person["breaks"]
            ),
        )
        assert rules.matches(row), person
    part_time = sum(p["shift"] == "半日班" for p in data["people"] if p["role"] == "clerk")
    assert part_time <= 0.3 * data["totals"]["clerk"]["people"]
    # The csv and the workbook say the same people.
    rows = list(csv.DictReader(io.StringIO((out / "roster.csv").read_text("utf-8"))))
    assert [row["name"] for row in rows] == [p["name"] for p in data["people"]]
    book = openpyxl.load_workbook(out / "roster.xlsx")
    assert book.sheetnames == ["排班表", "时段核对"]
    names = [row[0].value for row in book["排班表"].iter_rows(min_row=2)][: len(rows)]
    assert names == [p["name"] for p in data["people"]]
    # The rostered scenario is the file edited: its comments stay, it loads, and it runs the
    # very roster found.
    text = (out / "promotion_day.rostered.yaml").read_text("utf-8")
    assert "# A large promotion day (大型营销活动)" in text and "  roster:" in text
    rostered = load_scenario_text(text, "promotion_day.rostered.yaml")
    assert len(rostered.staff.roster) == len(data["people"])
    assert rostered.staff.guides == data["floor"]["guide"]["on_floor"]


def test_roster_without_shift_rules_says_what_to_add(tmp_path):
    result = invoke("roster", SCENARIOS / "normal_day.yaml", "--out", tmp_path / "x")
    assert result.exit_code == 2
    assert "staff.shifts is missing" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x").exists()
