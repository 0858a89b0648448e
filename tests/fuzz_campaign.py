"""A seeded fault campaign: mutants of the shipped scenarios and drill logs through ``drill``.

Used by ``tests/test_fuzz.py``, which runs it in a child process under a memory limit; run it
by hand for a larger campaign::

    python -m tests.fuzz_campaign --cases 5000 --seed 7 --memory-mb 2000

Each mutant goes through ``drill validate`` (a log through ``drill score``) with a time limit;
it must exit 0, or exit 2 with every problem pinned to the file and, where the file has one,
its line, in our own words. Mutants that validate are also simulated for a day (``--strict``,
so an implausible but legal size is refused in words rather than simulated at length). The
result is one JSON line: the counts, and every case that broke, with its file kept.
"""

import argparse
import json
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from simulator.cli import cli

ROOT = Path(__file__).parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
LOG = ROOT / "scenarios" / "logs" / "bank_system_outage.log.yaml"
LOG_SCENARIO = ROOT / "scenarios" / "bank_system_outage.yaml"
# Library wording that must never reach a user.
FOREIGN = ("Input should", "Field required", "validation error", "type=", "Traceback", "pydantic")
# Problems of the file as a whole, which have no line to name.
WHOLE_FILE = (
    "the file is empty",
    "文件是空的",
    "nest too deeply",
    "嵌套过深",
    "too large for a scenario file",
    "文件过大",
)

NUMBER = re.compile(r"(?<![\w.:])-?\d+(?:\.\d+)?(?![\w:])")
CLOCK = re.compile(r"\d{1,2}:\d{2}")
KEY = re.compile(r"^(\s*-?\s*)([A-Za-z_]+)(:)", re.MULTILINE)


def _number(rng: random.Random, text: str) -> str:
    found = list(NUMBER.finditer(text))
    if not found:
        return text
    match = rng.choice(found)
    new = rng.choice(
        ["-1", "0", "1e9", "1e-9", "1e-300", "1e308", "abc", "30分钟", ".nan", ".inf", "2.5", "''"]
    )
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


def _huge(rng: random.Random, text: str) -> str:
    """Put a number no hall has where a number was: what once hung or exhausted a run."""
    found = list(NUMBER.finditer(text))
    if not found:
        return text
    match = rng.choice(found)
    new = rng.choice(["1e308", "1.7e308", "1.0e-300", "9" * 400, "1e30", "-0", "1000000"])
    return text[: match.start()] + new + text[match.end() :]


def _tag(rng: random.Random, text: str) -> str:
    found = list(re.finditer(r": (?=[^\s{\[])", text))
    if not found:
        return text
    match = rng.choice(found)
    tag = rng.choice(["!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!str ", "!!binary "])
    return text[: match.end()] + tag + text[match.end() :]


def _structure(rng: random.Random, text: str) -> str:
    """Append what bounds the reader: nesting, aliases, self-reference, long keys."""
    laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 8)
    )
    return text + rng.choice(
        [
            "\nvariants:\n  v: {notes: " + "[" * 400 + "]" * 400 + "}\n",
            "\nextra: &self [1, *self]\n",
            "\n" + laughs,
            "\nvariants:\n  boom: {site: {name: *a7}}\n" + laughs,
            "\n" + "k" * 5000 + ": 1\n",
        ]
    )


def _control(rng: random.Random, text: str) -> str:
    position = rng.randrange(len(text))
    char = rng.choice(["\x1b]0;title\x07", "\u202e", "\u2028", "\x00", "\ufeff", "\\e"])
    return text[:position] + char + text[position:]


MUTATIONS = (
    _number,
    _clock,
    _key,
    _line,
    _value,
    _characters,
    _huge,
    _tag,
    _structure,
    _control,
)


def mutate(text: str, rng: random.Random) -> str:
    """Return ``text`` with one to three random mutations."""
    for _ in range(rng.randint(1, 3)):
        text = rng.choice(MUTATIONS)(rng, text)
    return text


def broken(result, file: Path) -> str | None:
    """Return why ``result`` is not clean (None when it is): exit 0, or 2 pinned to the file."""
    output = result.output
    if result.exit_code not in (0, 2):
        return f"exit {result.exit_code}: {result.exception!r}"
    foreign = [word for word in FOREIGN if word in output]
    if foreign:
        return f"foreign words {foreign}"
    if result.exit_code == 2:
        problems = [line for line in output.splitlines() if line.startswith(str(file))]
        if not problems:
            return "exit 2 without naming the file"
        for line in problems:
            pinned = re.match(re.escape(str(file)) + r":\d+", line)
            if not pinned and not any(whole in line for whole in WHOLE_FILE):
                return f"no line: {line[:200]}"
    return None


class _Timeout(Exception):
    pass


def _on_alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def _invoke(arguments: list[str], seconds: int):
    """Invoke ``drill`` in this process, stopped after ``seconds`` (then: None)."""
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(seconds)
    try:
        return CliRunner().invoke(cli, arguments, catch_exceptions=True)
    except _Timeout:
        return None
    finally:
        signal.alarm(0)


# Every so many cases also go through ``python -m simulator`` in a process of their own.
SEPARATE_EVERY = 50


class _Finished:
    """What :func:`broken` reads of a finished ``drill`` process."""

    def __init__(self, done: subprocess.CompletedProcess):
        self.exit_code = done.returncode
        self.output = done.stdout + done.stderr
        self.exception = None


def _separately(arguments: list[str], seconds: int) -> "_Finished | None":
    try:
        done = subprocess.run(
            [sys.executable, "-m", "simulator", *arguments],
            capture_output=True,
            text=True,
            timeout=seconds,
        )
    except subprocess.TimeoutExpired:
        return None
    return _Finished(done)


def run_campaign(
    folder: Path, seed: int, cases: int, log_cases: int, runs: int, seconds: int
) -> dict:
    """Run the campaign in ``folder``; return its counts and the cases that broke."""
    rng = random.Random(seed)
    texts = {path.name: path.read_text(encoding="utf-8") for path in SHIPPED}
    counts = {"cases": 0, "refused": 0, "accepted": 0, "runs": 0, "log_cases": 0, "logs_refused": 0}
    failures: list[dict] = []

    def check(result, file: Path, what: str) -> bool:
        why = "timeout" if result is None else broken(result, file)
        if why is not None:
            failures.append({"file": str(file), "what": what, "why": why})
        return why is None

    for case in range(cases):
        name = rng.choice(sorted(texts))
        file = folder / f"{case:04d}_{name}"
        file.write_text(mutate(texts[name], rng), encoding="utf-8", errors="surrogatepass")
        result = _invoke(["validate", str(file)], seconds)
        counts["cases"] += 1
        if case % SEPARATE_EVERY == 0:  # the real command line, its own exit handling included
            check(_separately(["validate", str(file)], seconds), file, "validate (process)")
        if not check(result, file, "validate"):
            continue
        counts["refused" if result.exit_code == 2 else "accepted"] += 1
        if result.exit_code == 0 and counts["runs"] < runs:
            counts["runs"] += 1
            out = folder / f"run{case}"
            arguments = ["run", str(file), "-n", "1", "--no-brief", "--strict", "--out", str(out)]
            check(_invoke(arguments, seconds), file, "run")
    log_text = LOG.read_text(encoding="utf-8")
    for case in range(log_cases):
        file = folder / f"{case:04d}.log.yaml"
        file.write_text(mutate(log_text, rng), encoding="utf-8", errors="surrogatepass")
        out = folder / f"score{case}"
        arguments = ["score", str(LOG_SCENARIO), str(file), "-n", "1", "--no-brief"]
        result = _invoke([*arguments, "--out", str(out)], seconds)
        counts["log_cases"] += 1
        if check(result, file, "score"):
            counts["logs_refused"] += result.exit_code == 2
            if (result.exit_code == 0) != out.exists():
                failures.append({"file": str(file), "what": "score", "why": "half-written"})
    return {**counts, "failures": failures}


def main() -> None:
    """Run a campaign from the command line; print its result as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--log-cases", type=int, default=60)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seconds", type=int, default=30, help="per case")
    parser.add_argument("--memory-mb", type=int, default=0, help="address-space limit")
    parser.add_argument("--folder", type=Path, help="keep the mutants here")
    options = parser.parse_args()
    if options.memory_mb:
        limit = options.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    folder = options.folder or Path(tempfile.mkdtemp(prefix="drill-fuzz-"))
    folder.mkdir(parents=True, exist_ok=True)
    result = run_campaign(
        folder, options.seed, options.cases, options.log_cases, options.runs, options.seconds
    )
    print(json.dumps({"folder": str(folder), **result}, ensure_ascii=False))
    sys.exit(0)


if __name__ == "__main__":
    main()
