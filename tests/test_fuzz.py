"""Mutated scenario files and logs: every one is accepted or refused cleanly, never a crash.

A seeded mutation loop over the shipped files (no hypothesis: the cases are the same on every
machine and run). Each mutant goes through ``drill validate`` (a log through ``drill score``);
it must exit 0, or exit 2 with every problem pinned to the file and, where the file has one,
its line, in our own words. A mutant that validates is also simulated for a day, so that odd
but legal values cannot crash the engine either.
"""

import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import cli

ROOT = Path(__file__).parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
LOG = ROOT / "scenarios" / "logs" / "bank_system_outage.log.yaml"
LOG_SCENARIO = ROOT / "scenarios" / "bank_system_outage.yaml"
CASES = 300
LOG_CASES = 60
RUNS = 12  # mutants that validate are also simulated for a day, up to this many
# Library wording that must never reach a user.
FOREIGN = ("Input should", "Field required", "validation error", "type=", "Traceback", "pydantic")
# Problems of the file as a whole, which have no line to name.
WHOLE_FILE = ("the file is empty", "文件是空的", "nest too deeply", "嵌套过深")

NUMBER = re.compile(r"(?<![\w.:])-?\d+(?:\.\d+)?(?![\w:])")
CLOCK = re.compile(r"\d{1,2}:\d{2}")
KEY = re.compile(r"^(\s*-?\s*)([A-Za-z_]+)(:)", re.MULTILINE)


def _number(rng: random.Random, text: str) -> str:
    found = list(NUMBER.finditer(text))
    if not found:
        return text
    match = rng.choice(found)
    new = rng.choice(["-1", "0", "1e9", "1e-9", "abc", "30分钟", ".nan", ".inf", "2.5", "''", "[]"])
    return text[: match.start()] + new + text[match.end() :]


def _clock(rng: random.Random, text: str) -> str:
    found = list(CLOCK.finditer(text))
    if not found:
        return text
    match = rng.choice(found)
    new = rng.choice(["25:00", "9点", "24:30", "900", "08:61", "23:59", "00:00", "12：00"])
    return text[: match.start()] + new + text[match.end() :]


def _key(rng: random.Random, text: str) -> str:
    found = list(KEY.finditer(text))
    if not found:
        return text
    match = rng.choice(found)
    key = match.group(2)
    position = rng.randrange(len(key))
    new = rng.choice(
        [
            key[:position] + key[position + 1 :],
            key[:position] + "x" + key[position:],
            key.upper(),
            "键",
            key + "_min",
        ]
    )
    return text[: match.start(2)] + (new or "k") + text[match.end(2) :]


def _line(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    index = rng.randrange(len(lines))
    operation = rng.randrange(6)
    if operation == 0:
        del lines[index]
    elif operation == 1:
        lines.insert(index, lines[index])
    elif operation == 2 and index + 1 < len(lines):
        lines[index], lines[index + 1] = lines[index + 1], lines[index]
    elif operation == 3:
        lines[index] = "  " + lines[index]
    elif operation == 4:
        lines[index] = lines[index].replace("  ", "\t", 1)
    else:
        lines[index] = lines[index][2:]
    return "\n".join(lines)


def _value(rng: random.Random, text: str) -> str:
    found = [m for m in re.finditer(r": ([^\s{}\[\],#][^,}\]\n#]*)", text)]
    if not found:
        return text
    match = rng.choice(found)
    new = rng.choice(["null", "~", "[]", "{}", '""', "true", "yes", "-", "[1, [2]]", "{a: 1}"])
    return text[: match.start(1)] + new + text[match.end(1) :]


def _characters(rng: random.Random, text: str) -> str:
    position = rng.randrange(len(text))
    operation = rng.randrange(5)
    if operation == 0:
        return text[:position]  # cut off
    if operation == 1:
        return (
            text[:position]
            + rng.choice(["：", "，", "｛", "\x07", "'", '"', "[", "}"])
            + text[position:]
        )
    if operation == 2:
        return text.replace(":", "：", 1) if rng.random() < 0.5 else text.replace(",", "，", 1)
    if operation == 3:
        return text[:position] + text[position + 1 :]
    return text + rng.choice(["\nextra: 1\n", "\n- 1\n", "\n  indented: 2\n", "\n: x\n"])


MUTATIONS = (_number, _clock, _key, _line, _value, _characters)


def mutate(text: str, rng: random.Random) -> str:
    """Return ``text`` with one to three random mutations."""
    for _ in range(rng.randint(1, 3)):
        text = rng.choice(MUTATIONS)(rng, text)
    return text


def assert_clean(result, file: Path) -> None:
    """Exit 0, or exit 2 with every problem at the file (and its line); no foreign words."""
    output = result.output
    assert result.exit_code in (0, 2), f"exit {result.exit_code}\n{output}"
    assert not any(word in output for word in FOREIGN), output
    if result.exit_code == 2:
        problems = [line for line in output.splitlines() if line.startswith(str(file))]
        assert problems, output
        for line in problems:
            pinned = re.match(re.escape(str(file)) + r":\d+", line)
            assert pinned or any(whole in line for whole in WHOLE_FILE), line


@pytest.mark.slow
def test_mutated_scenarios_are_accepted_or_refused_cleanly(tmp_path):
    rng = random.Random(20261201)
    runner = CliRunner()
    texts = {path.name: path.read_text(encoding="utf-8") for path in SHIPPED}
    refused = runs = 0
    for case in range(CASES):
        name = rng.choice(sorted(texts))
        file = tmp_path / f"{case:03d}_{name}"
        file.write_text(mutate(texts[name], rng), encoding="utf-8")
        result = runner.invoke(cli, ["validate", str(file)])
        assert_clean(result, file)
        refused += result.exit_code == 2
        if result.exit_code == 0 and runs < RUNS:
            runs += 1
            out = tmp_path / f"run{case}"
            ran = runner.invoke(cli, ["run", str(file), "-n", "1", "--no-brief", "--out", str(out)])
            assert ran.exit_code == 0, ran.output
    # The loop is worth its time only if it exercises both sides.
    assert CASES * 0.3 < refused < CASES * 0.99, refused
    assert runs == RUNS


@pytest.mark.slow
def test_mutated_drill_logs_are_accepted_or_refused_cleanly(tmp_path):
    rng = random.Random(20261202)
    runner = CliRunner()
    text = LOG.read_text(encoding="utf-8")
    refused = 0
    for case in range(LOG_CASES):
        file = tmp_path / f"{case:03d}.log.yaml"
        file.write_text(mutate(text, rng), encoding="utf-8")
        out = tmp_path / f"score{case}"
        arguments = [
            "score",
            str(LOG_SCENARIO),
            str(file),
            "-n",
            "1",
            "--no-brief",
            "--out",
            str(out),
        ]
        result = runner.invoke(cli, arguments)
        assert_clean(result, file)
        refused += result.exit_code == 2
        assert (result.exit_code == 0) == out.exists()  # a refused log writes nothing
    assert LOG_CASES * 0.2 < refused < LOG_CASES, refused
