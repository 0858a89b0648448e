"""``drill compare`` (and the planning commands' shared options) through click's CliRunner."""

import csv
import json

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.i18n import render
from simulator.metrics import METRIC_NAMES
from simulator.model import load_scenario, load_scenario_text
from simulator.rundir.staffing import SourceChanged, staffed_yaml

HALL_WITH_VARIANTS = """\
schema: 1
name: 比较测试厅
site: {name: 比较测试厅, floor_area_m2: 120, exits: [{name: 正门, width_m: 1.6}]}
hours: {open: "09:00", close: "11:00"}
staff: {counters: [{from: "09:00", count: 3}], fast_lane: 0}
demand:
  arrivals: [{from: "09:00", per_hour: 150}]
  services: [{name: 缴费, share: 1.0, minutes: {dist: exponential, mean: 1.1}}]
  patience_min: {dist: exponential, mean: 20}
limits: {wait_p90_min: 10}
variants:
  加一台: {staff: {counters: [{from: "09:00", count: 4}]}}
  原样: {}
"""


@pytest.fixture
def scenario_file(tmp_path):
    path = tmp_path / "compare_hall.yaml"
    path.write_text(HALL_WITH_VARIANTS, encoding="utf-8")
    return path


def invoke(*arguments):
    return CliRunner().invoke(cli, [str(argument) for argument in arguments])


def test_by_default_the_plans_holding_every_limit_come_first_cheapest_first(
    scenario_file, tmp_path
):
    out = tmp_path / "cmp"
    result = invoke("compare", scenario_file, "-n", 8, "--out", out, "--no-brief")
    assert result.exit_code == 0, result.output
    # The scenario is Chinese, so is the table: the order in words, no metric key.
    assert "先看各项限值" in result.output
    assert f"再按“{render('metric.staff_hours', 'zh')}”由低到高排序" in result.output
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert (data["rule"], data["by"]) == ("limits_then_cost", "staff_hours")
    arms = {arm["name"]: arm for arm in data["arms"]}

    def key(name):
        arm = arms[name]
        broken = sum(limit["held"] is False for limit in arm["limits"])
        return broken, arm["metrics"]["staff_hours"]["mean"]

    assert [key(name) for name in data["ranking"]] == sorted(key(name) for name in arms)
    # Every plan holds the 10-minute limit, so the extra counter, the dearest, comes last,
    # though its waits are the shortest.
    assert all(key(name)[0] == 0 for name in arms) and data["ranking"][-1] == "加一台"


@pytest.mark.slow
def test_compare_writes_tables_a_chart_and_a_brief_section(scenario_file, tmp_path):
    out = tmp_path / "cmp"
    result = invoke("compare", scenario_file, "-n", 8, "--by", "wait_p90_min", "--out", out)
    assert result.exit_code == 0, result.output
    assert "各模拟 8 天" in result.output
    assert "按“90% 客户等候时间（分钟）”排序（越低越好）" in result.output
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert data["ranking"][0] == "加一台" and data["common_random_numbers"] is True
    same = next(arm for arm in data["arms"] if arm["name"] == "原样")
    assert all(d["mean"] in (0.0, None) for d in same["differences"].values())
    assert "不显著" in next(
        line
        for line in result.output.splitlines()
        if line.split()[:2] in (["2", "原样"], ["3", "原样"])
    )
    with (out / "comparison.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 * (len(METRIC_NAMES) + 2)  # and the waits of the one service
    assert (out / "charts" / "comparison.png").exists()
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert f"## {render('brief.comparison', 'zh')}" in brief and "加一台" in brief
    # The base run's own files are there too, so `drill brief` works on the directory.
    assert (out / "summary.json").exists() and (out / "replications.csv").exists()


def test_compare_results_do_not_depend_on_jobs(scenario_file, tmp_path):
    texts = []
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        result = invoke(
            "compare", scenario_file, "-n", 6, "--jobs", jobs, "--out", out, "--no-brief"
        )
        assert result.exit_code == 0, result.output
        texts.append(
            [
                (out / name).read_bytes()
                for name in ("comparison.json", "comparison.csv", "summary.json")
            ]
        )
    assert texts[0] == texts[1]


def test_an_unknown_variant_is_bad_input_with_a_suggestion(scenario_file, tmp_path):
    result = invoke("compare", scenario_file, "--variant", "加一", "--out", tmp_path / "x")
    assert result.exit_code == 2
    assert "中没有备选方案 '加一'（是否应为 '加一台'？）" in result.output
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("by", "message"),
    [
        # The scenario is Chinese: so is the message, around the names the user types.
        ("wait_p90", "不能按 'wait_p90' 给方案排序（是否应为 'wait_p90_min'？）"),
        ("arrivals", "不能按 'arrivals' 给方案排序；可选："),  # demand, not how a plan does
        (
            "wait_p90_min[开户]",
            "'wait_p90_min[开户]' 给方案排序（是否应为 'wait_p90_min[缴费]'？）",
        ),
        ("staff_cost", "base, 加一台, 原样 没有；请改按 staff_hours（人员工时）排序"),
    ],
)
def test_a_metric_plans_cannot_be_ranked_by_is_bad_input(scenario_file, tmp_path, by, message):
    result = invoke("compare", scenario_file, "--by", by, "--out", tmp_path / "x")
    assert result.exit_code == 2 and message in result.output, result.output
    assert "错误：--by 的值无效：" in result.output and not (tmp_path / "x").exists()


def test_a_service_wait_ranks_the_plans(scenario_file, tmp_path):
    result = invoke(
        "compare",
        scenario_file,
        "-n",
        4,
        "--by",
        "wait_p90_min[缴费]",
        "--no-brief",
        "--out",
        tmp_path / "run",
    )
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "run" / "comparison.json").read_text(encoding="utf-8"))
    assert data["by"] == "wait_p90_min[缴费]" and data["ranking"][0] == "加一台"


def test_a_scenario_without_variants_is_bad_input(tmp_path):
    path = tmp_path / "plain.yaml"
    path.write_text(HALL_WITH_VARIANTS.split("variants:")[0], encoding="utf-8")
    result = invoke("compare", path, "--out", tmp_path / "x")
    assert result.exit_code == 2 and "没有可比较的备选方案（variants:）" in result.output


def test_a_scheduler_needs_the_dask_executor(scenario_file, tmp_path):
    result = invoke(
        "run", scenario_file, "--scheduler", "tcp://127.0.0.1:1", "--out", tmp_path / "x"
    )
    assert (
        result.exit_code == 2
        and "只有 Dask 执行器（--executor dask）才接受调度器地址" in result.output
    )
    assert "用法： cli run [选项] 场景文件" in result.output  # the argument by its name


STAFF_HALL = """\
schema: 1
name: 配置测试厅
site: {name: 配置测试厅, floor_area_m2: 150, exits: [{name: 正门, width_m: 1.6}], counters: 12}
hours: {open: "09:00", close: "11:00"}
staff:
  counters: [{from: "09:00", count: 4}]
  reserve: {count: 2, call_in_min: 15}
demand:
  arrivals: [{from: "09:00", per_hour: 120}]
  services: [{name: 缴费, share: 1.0, minutes: {dist: exponential, mean: 2}}]
incidents:
  - {kind: surge, from: "10:00", until: "10:30", factor: 1.8}
limits: {wait_p90_min: 6}
"""


@pytest.fixture
def staff_file(tmp_path):
    path = tmp_path / "staff_hall.yaml"
    path.write_text(STAFF_HALL, encoding="utf-8")
    return path


@pytest.mark.slow
def test_staff_writes_a_table_a_chart_a_brief_section_and_a_scenario_that_runs(
    staff_file, tmp_path
):
    out = tmp_path / "run"
    result = invoke("staff", staff_file, "-n", "12", "--out", out, "--seed", "5")
    assert result.exit_code == 0, result.output
    data = json.loads((out / "staffing.json").read_text(encoding="utf-8"))
    assert data["targets"] == ["wait_p90_min<=6"]  # the scenario's own limit
    assert [block["block"] for block in data["blocks"]] == [
        "09:00–09:30",
        "09:30–10:00",
        "10:00–10:30",
        "10:30–11:00",
    ]
    counters = [block["counters"] for block in data["blocks"]]
    assert all(block["met_share"] >= 0.9 for block in data["blocks"])
    assert counters[2] == max(counters)  # the surge block needs the most
    assert data["reserve"] == {"given": 2, "found": 0}  # no playbook calls the reserve in
    with (out / "staffing.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(row["counters"]) for row in rows] == counters
    assert "90% 客户等候时间（分钟） ≤ 6" in result.output

    staffed_file = out / "staff_hall.staffed.yaml"
    # Its header is in the scenario's language, as everything the manager reads.
    assert staffed_file.read_text(encoding="utf-8").startswith(
        "# 由 drill staff 根据 staff_hall.yaml 测算的台席（随机种子 5，12 天）：\n"
    )
    staffed = load_scenario(staffed_file)
    assert [staffed.staff.counters_at(540 + 30 * i) for i in range(4)] == counters
    assert staffed.staff.reserve.count == 0 and staffed.name == "配置测试厅"
    rerun = invoke("run", staffed_file, "-n", "2", "--out", tmp_path / "rerun", "--no-brief")
    assert rerun.exit_code == 0, rerun.output

    assert (out / "charts" / "staffing.png").exists()
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert "## 九、台席配置测算" in brief and "![图 5](charts/staffing.png)" in brief


def test_staff_results_do_not_depend_on_jobs(staff_file, tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        arguments = ("staff", staff_file, "-n", "8", "--jobs", jobs, "--no-brief")
        result = invoke(*arguments, "--out", out, "--target", "wait_mean_min<=2")
        assert result.exit_code == 0, result.output
        outputs.append([(out / name).read_bytes() for name in ("staffing.json", "summary.json")])
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--target", "peak_queue<=5"), "不能按 'peak_queue' 配置台席"),
        (("--target", "wait_p90_min>=5"), "目标是上限，请写成 wait_p90_min<=5"),
        (("--share", "1.5"), "1.5 is not in the range"),
        (("--block", "2"), "2 is not in the range"),
    ],
)
def test_bad_staff_options_are_bad_input(staff_file, tmp_path, arguments, message):
    result = invoke("staff", staff_file, *arguments, "--out", tmp_path / "run")
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "run").exists()


def test_the_staffed_scenario_leaves_out_a_variant_the_found_counters_cannot_hold(tmp_path):
    source = tmp_path / "hall.yaml"
    source.write_text(
        STAFF_HALL.replace('"10:30"', "10:30")  # unquoted: YAML 1.1 would read 630
        .replace("  reserve:", "  fast_lane: 1\n  guides: 1\n  reserve:")
        .replace("mean: 2}}]", "mean: 2}, quick: true}]")
        + "variants:\n  two fast lanes: {staff: {fast_lane: 2}}\n"
        + "  more guides: {staff: {guides: 3}}\n",
        encoding="utf-8",
    )
    found = {
        "seed": 1,
        "days": 4,
        "targets": ["wait_p90_min<=6"],
        "share": 0.9,
        "blocks": [{"from": "09:00", "counters": 2}, {"from": "10:00", "counters": 3}],
        "reserve": {"given": 2, "found": 0},
    }
    text = staffed_yaml(source, found)
    assert "# Variants left out, as they do not fit the counters found: two fast lanes." in text
    staffed = load_scenario_text(text, "staffed.yaml")
    assert list(staffed.variants) == ["more guides"]
    assert staffed.incidents[0].end_min == 10.5 * 60


def test_a_scenario_edited_during_the_search_is_not_copied_as_its_staffed_file(tmp_path):
    source = tmp_path / "hall.yaml"
    source.write_text(STAFF_HALL, encoding="utf-8")
    found = {"seed": 1, "days": 4, "targets": [], "share": 0.9, "blocks": [], "reserve": {}}
    with pytest.raises(SourceChanged, match="changed since the search read it"):
        staffed_yaml(source, found, sha256="0" * 64)  # type: ignore[arg-type]
