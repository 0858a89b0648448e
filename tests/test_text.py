"""Text on a terminal: widths of Chinese characters, and lines wrapped by terminal columns."""

import pytest

from simulator.report.text import display_width, wrap_to_width

SAMPLES = [
    "模拟的营业日数（每个方案）。 [默认：100; 1<=x<=100000]",
    "在哪里运行模拟：本机进程（local）或 Dask 集群（dask）。 [默认：local]",
    "模拟客户总数超过 2000 万时也运行（运行前会先说明规模）。",
    "Worker processes (0 = one per CPU). Results do not depend on it.",
    "每个时段的目标（可重复）：wait_pNN_min（如 wait_p90_min，90% 客户等候分钟数）、"
    "wait_mean_min（平均等候分钟数）或 abandon_rate（放弃等候比例）",
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("width", [12, 20, 31, 51])
def test_wrapped_lines_fit_keep_every_character_and_respect_chinese_line_breaking(text, width):
    lines = wrap_to_width(text, width)
    for line in lines:  # only a word longer than the line may overflow it, with its punctuation
        assert display_width(line) <= width or display_width(line.rstrip("，。、；：")) > width - 2
        assert line[0] not in "，。、；：？！）》」』】,.;:?!)]", line
        assert line[-1] not in "（《「『【([", line
    assert "".join("".join(lines).split()) == "".join(text.split())  # nothing lost or added


def test_a_chinese_character_takes_two_columns():
    assert display_width("排队ab") == 6
    assert wrap_to_width("一二三四五六", 6) == ["一二三", "四五六"]
