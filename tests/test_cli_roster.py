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
    # The names the scenario gives go to the shifts in order; the rest are numbered.
    guides = [p["name"] for p in data["people"] if p["role"] == "guide"]
    assert guides == ["赵敏", "周杰", "孙丽"][: len(guides)]
    assert next(p["name"] for p in data["people"] if p["role"] == "clerk") == "柜员 1"
    part_time = sum(p["shift"] == "半日班" for p in data["people"] if p["role"] == "clerk")
    assert part_time <= 0.3 * data["totals"]["clerk"]["people"]
    # The csv and the workbook say the same people.
    raw = (out / "roster.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a spreadsheet reads the names as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == [p["name"] for p in data["people"]]
    book = openpyxl.load_workbook(out / "roster.xlsx")
    assert book.sheetnames == ["排班表", "时段核对"]
    # The printed header says the targets in words, no metric key.
    header = book["排班表"].oddHeader.center.text
    assert "90% 客户等候时间（分钟） ≤ 20" in header and "wait_p90_min" not in header
    names = [row[0].value for row in book["排班表"].iter_rows(min_row=2)][: len(rows)]
    assert names == [p["name"] for p in data["people"]]
    # The rostered scenario is the file edited: its comments stay, it loads, and it runs the
    # very roster found.
    text = (out / "promotion_day.rostered.yaml").read_text("utf-8")
    assert "# A large promotion day (大型营销活动)" in text and "  roster:" in text
    assert text.startswith("# 由 drill roster 根据 promotion_day.yaml 排出的班次")
    assert "# counters：由下面的排班决定（drill roster）" in text  # the notes in Chinese too
    rostered = load_scenario_text(text, "promotion_day.rostered.yaml")
    assert len(rostered.staff.roster) == len(data["people"])
    assert rostered.staff.guides == data["floor"]["guide"]["on_floor"]


def shifted(tmp_path: Path, old: str, new: str) -> Path:
    """Write promotion_day.yaml with one edit, without its variants (they set counters)."""
    text = PROMOTION.read_text("utf-8")
    text = text[: text.index("\nvariants:")] + "\n"
    assert old in text
    path = tmp_path / "shifted.yaml"
    path.write_text(text.replace(old, new), "utf-8")
    return path


def test_shift_rules_that_never_reach_closing_are_bad_input_before_any_search(tmp_path):
    early = shifted(tmp_path, 'latest: "16:00", part_time', 'latest: "12:00", part_time')
    early.write_text(
        early.read_text("utf-8").replace('latest: "12:00",\n', 'latest: "10:00",\n'), "utf-8"
    )
    result = invoke("roster", early, "-n", "2", "--out", tmp_path / "x", "--no-brief")
    assert result.exit_code == 2, result.output
    assert "没有任何柜员班次能覆盖 18:00–18:30" in result.output
    assert "19:30–20:00" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x").exists()


def test_a_guide_too_few_for_the_floor_all_day_is_said(tmp_path):
    few = shifted(tmp_path, "guides: 6, security: 4", "guides: 1, security: 4")
    out = tmp_path / "few"
    result = invoke("roster", few, "-n", "2", "--out", out, "--no-brief")
    assert result.exit_code == 0, result.output
    assert "引导员需全天 1 人在岗，受可用人数或班次所限，部分时段仅 0 人" in result.output
    data = json.loads((out / "roster.json").read_text("utf-8"))
    guide = data["floor"]["guide"]
    assert (guide["on_floor"], guide["wanted"], guide["people"]) == (0, 1, 1)


def test_the_counter_positions_cap_the_clerks_serving_not_the_clerks_rostered(tmp_path):
    # 12 counters: the 08:30 block needs 10, the shifts that cover it run into blocks already
    # at 12; a clerk beyond the counters waits, but the 08:30 block is covered.
    capped = shifted(tmp_path, "  kiosks: 6", "  counters: 12\n  kiosks: 6")
    text = capped.read_text("utf-8")
    for count in (13, 14, 17, 18):  # the shipped rota within the 12 positions
        text = text.replace(f"count: {count}}}", "count: 12}")
    capped.write_text(text, "utf-8")
    out = tmp_path / "capped"
    result = invoke("roster", capped, "-n", "2", "--out", out, "--no-brief")
    assert result.exit_code == 0, result.output
    data = json.loads((out / "roster.json").read_text("utf-8"))
    first = data["blocks"][0]
    assert first["clerks"] >= min(first["required"], 12) and first["short"] == 0
    assert max(block["clerks"] for block in data["blocks"]) == 12


def test_roster_without_shift_rules_says_what_to_add(tmp_path):
    result = invoke("roster", SCENARIOS / "normal_day.yaml", "--out", tmp_path / "x")
    assert result.exit_code == 2
    assert "场景中没有 staff.shifts（排班规则）" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x").exists()
