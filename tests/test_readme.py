"""The READMEs as a new user pastes them: the same sections in both, every command runs."""

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli

ROOT = Path(__file__).parent.parent
READMES = ("README.md", "README.zh.md")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)
# The commands that simulate days: pasted as written, but on two days, to keep the suite fast.
SIMULATING = {"run", "compare", "staff", "roster", "score"}
RUN_DIRECTORY = re.compile(r"results/promotion_day-\d{8}-\d{6}")


def blocks(name: str) -> list[tuple[str, str]]:
    """Return the fenced blocks of README ``name``: (info string, body)."""
    return FENCE.findall((ROOT / name).read_text(encoding="utf-8"))


def drill_commands(name: str) -> list[str]:
    """Return every line of a shell block that calls drill, in order."""
    return [
        line.split("#")[0].strip()
        for info, body in blocks(name)
        if info in ("bash", "sh", "powershell")
        for line in body.splitlines()
        if re.match(r"^(\.venv[/\\](bin|Scripts)[/\\])?drill ", line.strip())
    ]


def headings(name: str) -> list[str]:
    """Return the README's section levels in order (## and ###)."""
    text = FENCE.sub("", (ROOT / name).read_text(encoding="utf-8"))
    return [line.split(" ")[0] for line in text.splitlines() if line.startswith("##")]


def test_both_readmes_have_the_same_sections_and_the_same_commands():
    assert headings("README.md") == headings("README.zh.md")
    assert len(headings("README.md")) >= 10
    assert drill_commands("README.md") == drill_commands("README.zh.md")
    python = [body for info, body in blocks("README.md") if info == "python"]
    assert python == [body for info, body in blocks("README.zh.md") if info == "python"]


def arguments_of(command: str) -> list[str]:
    """Return the drill arguments of a pasted command line, on two days if it simulates."""
    words = shlex.split(command.replace("\\", "/"))[1:]  # a PowerShell line's back-slashes too
    return [*words, "-n", "2"] if words[0] in SIMULATING else words


@pytest.fixture
def user_folder(tmp_path, monkeypatch):
    """Return a folder like the repository, where the README's paths (scenarios/, results/) work."""
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.slow
def test_every_drill_command_of_the_readmes_runs_as_pasted(user_folder):
    commands = list(dict.fromkeys(drill_commands("README.md") + drill_commands("README.zh.md")))
    assert len(commands) >= 6
    ran = 0
    for command in commands:
        if "HOST" in command:  # a placeholder the reader fills in (a Dask scheduler's address)
            continue
        result = CliRunner().invoke(cli, arguments_of(command))
        assert result.exit_code == 0, (command, result.output)
        ran += 1
    assert ran >= 5


def test_the_first_runs_output_is_what_the_readme_shows(user_folder):
    first = next(body for info, body in blocks("README.md") if info == "bash")
    assert first.splitlines() == ["./install", ".venv/bin/drill run scenarios/promotion_day.yaml"]
    shown = next(body for info, body in blocks("README.md") if info == "" and "随机种子" in body)
    result = CliRunner().invoke(cli, ["run", "scenarios/promotion_day.yaml"])
    assert result.exit_code == 0, result.output
    printed = RUN_DIRECTORY.sub("results/promotion_day-<when>", result.output)
    assert printed == RUN_DIRECTORY.sub("results/promotion_day-<when>", shown)


def test_the_python_example_of_the_readme_runs_as_written(user_folder, capsys):
    (code,) = [body for info, body in blocks("README.md") if info == "python"]
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["run"].summary["replications"] == 20
    printed = capsys.readouterr().out
    assert "'mean':" in printed and "'ci_low':" in printed
