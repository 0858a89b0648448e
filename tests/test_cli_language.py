"""The interface's language before a scenario is read: help pages and click's own errors."""

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.cli_language import commands_of, language_in, locale_language, parameter_key
from simulator.i18n.help import CLICK_ZH, COMMAND_HELP_ZH, PARAMETER_HELP_ZH
from simulator.report.text import display_width

CHINESE = {"LANG": "zh_CN.UTF-8"}
# What a Chinese help page may still show in Latin letters: option names, the choices to type,
# file and key names, and the product's own name.
ALLOWED = re.compile(
    r"--?[a-z][a-z-]*|\[[a-z|]+\]|[\w<>./-]*\.(?:md|html|pdf|csv|json|yaml|xlsx|sqlite)\b"
    r"|\bstaff\.shifts\b|\b(?:drill|actions|close|brief|compare|evacuate|history|play|roster|run|score|staff|validate|NFPA"
    r"|md|html|pdf|zh|en|local|dask|tcp|YAML|CSV|JSON|Schema|VS|Code|Dask|Chromium|Chrome|"
    r"Python|Ctrl-C|CPU|LANG|RSET|ASET|YYYY-MM-DD|limits\.\w+|wait_\w+|"
    r"abandon_rate|staff_cost|comparison|results|language|yaml-language-server|schema)\b"
    r"|\bu\b|\$schema|scenario\.schema|<=|x\b"
)


def test_every_command_and_option_has_its_chinese_help_and_no_entry_is_stale():
    paths = {path for path, _command in commands_of(cli)}
    assert set(COMMAND_HELP_ZH) == paths
    used = set()
    for path, command in commands_of(cli):
        for parameter in command.params:
            if isinstance(parameter, click.Option):
                key = parameter_key(path, parameter)
                assert key, f"{path} {parameter.opts[0]} has no Chinese help"
                used.add(key)
    assert set(PARAMETER_HELP_ZH) == used


def test_every_click_sentence_translated_is_still_one_click_says():
    source = "".join(
        path.read_text(encoding="utf-8") for path in Path(click.__file__).parent.glob("*.py")
    )
    missing = [message for message in CLICK_ZH if f'"{message}"' not in source]
    assert missing == []


@pytest.mark.parametrize("path", [path for path, _command in commands_of(cli)])
def test_each_chinese_help_page_is_chinese(path):
    result = CliRunner().invoke(cli, [*path.split(), "--help"], env=CHINESE, prog_name="drill")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法： drill")
    assert "选项：" in result.output and "显示本帮助并退出。" in result.output
    leftover = ALLOWED.sub("", result.output)
    assert re.findall(r"[A-Za-z]{2,}", leftover) == []


def test_the_english_help_comes_back_after_a_chinese_one():
    CliRunner().invoke(cli, ["run", "--help"], env=CHINESE)
    result = CliRunner().invoke(cli, ["run", "--help"], prog_name="drill")
    assert "Usage: drill run [OPTIONS] FILE" in result.output
    assert "Show this message and exit." in result.output
    assert "Simulated days (per plan)." in result.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["run", "x.yaml", "--seeed", "3"], "错误：没有选项 '--seeed'。 是否要用 '--seed'？"),
        (["run"], "错误：缺少参数 '场景文件'"),
        (["run", "x.yaml", "-n", "0"], "的值无效：0 不在范围 1<=x<=100000 内。"),
        (["run", "x.yaml", "-n", "many"], "'many' 不是有效的数值。"),
        (["frob"], "错误：没有命令 'frob'。"),
        (["actions", "close", "3"], "错误：缺少选项 '--note'"),
    ],
)
def test_clicks_errors_speak_chinese_in_a_chinese_locale(arguments, message):
    result = CliRunner().invoke(cli, arguments, env=CHINESE)
    assert result.exit_code == 2
    assert message in result.output
    assert "Error" not in result.output and "Usage" not in result.output


def test_lang_before_the_command_overrides_the_locale():
    result = CliRunner().invoke(cli, ["--lang", "en", "run"], env=CHINESE)
    assert "Error: Missing argument 'FILE'." in result.output
    result = CliRunner().invoke(cli, ["--lang=zh", "run"])
    assert "错误：缺少参数" in result.output


@pytest.mark.parametrize(
    ("environment", "lang"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_ALL wins, as in C
        ({"DRILL_LANG": "zh", "LC_ALL": "C"}, "zh"),
    ],
)
def test_the_locale_decides_as_the_c_library_would(environment, lang):
    assert locale_language(environment) == lang


def test_only_a_lang_before_the_subcommand_is_the_interfaces():
    assert language_in(["--lang", "zh", "run", "x.yaml"]) == "zh"
    assert language_in(["--debug", "--lang=en", "run"]) == "en"
    assert language_in(["brief", "out", "--lang", "en"]) is None  # the brief's language
    assert language_in(["--lang", "fr", "run"]) is None  # click then refuses it by name


SCENARIOS = Path(__file__).parent.parent / "scenarios"


def test_the_chinese_options_list_lines_up_by_terminal_columns():
    result = CliRunner().invoke(cli, ["run", "--help"], env=CHINESE, prog_name="drill")
    lines = result.output.split("选项：\n", 1)[1].splitlines()
    starts = set()
    for line in lines:
        if line.startswith("  -"):  # an option's row: its help starts after two spaces
            _name, help_text = re.match(r"(\s+\S.*?)\s{2,}(\S.*)", line).groups()
            starts.add(display_width(line[: line.index(help_text)]))
        elif line.strip():  # a continuation: indented to the same column
            starts.add(display_width(line) - display_width(line.lstrip()))
    assert len(starts) == 1, starts
    assert all(display_width(line) <= 80 for line in lines)  # the terminal click measured


def test_the_argument_and_option_placeholders_say_what_they_are():
    play = CliRunner().invoke(cli, ["play", "--help"], env=CHINESE, prog_name="drill").output
    assert "用法： drill play [选项] 场景文件" in play
    assert "--decisions 文件" in play and "--decisions 场景文件" not in play
    score = CliRunner().invoke(cli, ["score", "--help"], env=CHINESE, prog_name="drill").output
    assert "用法： drill score [选项] 场景文件 演练记录" in score


def test_lang_speaks_for_the_terminal_even_with_a_chinese_scenario(tmp_path):
    chinese = SCENARIOS / "promotion_day.yaml"
    result = CliRunner().invoke(cli, ["--lang", "en", "compare", str(chinese), "--by", "foo"])
    assert "Error: Invalid value for --by: plans cannot be ranked by 'foo'" in result.output
    out = tmp_path / "run"
    ran = CliRunner().invoke(
        cli, ["--lang", "en", "run", str(chinese), "-n", "2", "--out", str(out)]
    )
    assert ran.exit_code == 0 and "customers per day" in ran.output
    assert (out / "brief.md").read_text(encoding="utf-8").startswith("# 预案推演评估报告")


def test_a_chinese_scenario_makes_clicks_words_chinese_and_the_next_command_is_english_again(
    tmp_path,
):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "x").write_text("")
    arguments = ["run", str(SCENARIOS / "promotion_day.yaml"), "--out", str(tmp_path / "taken")]
    assert "错误：--out 的值无效：" in CliRunner().invoke(cli, arguments).output
    assert "Error: Missing argument 'FILE'." in CliRunner().invoke(cli, ["run"]).output
