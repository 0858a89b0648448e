"""Finding a font that can draw Chinese chart labels.

matplotlib's default font (DejaVu Sans) has no CJK glyphs: Chinese labels come out as empty boxes,
with a "Glyph … missing from font" warning per character. A hall manager would rather read English
labels than boxes, so :func:`chart_language` picks a CJK font when one is installed and otherwise
falls back to English, returning a one-line notice for the command to print once.
"""

import contextlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matplotlib import font_manager

# Families known to cover simplified Chinese, best first. Noto Sans CJK / Source Han Sans are the
# same design under two names; WenQuanYi is what older Linux installs have; the rest are the
# system fonts of Windows and macOS.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Hiragino Sans GB",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
)
# Fonts whose names say they are CJK, for an install none of the names above matches.
CJK_NAME_HINTS = ("CJK", "WenQuanYi", "Han Sans", "YaHei", "Hei", "Ming", "Song")
# The same, as they appear in font file names.
CJK_FILE_HINTS = ("cjk", "wqy", "sourcehan", "msyh", "simhei", "simsun", "pingfang", "hiragino")


@dataclass(frozen=True)
class ChartLanguage:
    """The language charts are labelled in, the font stack to draw them, and any notice."""

    lang: str
    fonts: tuple[str, ...]
    notice: str | None = None

    @property
    def has_cjk(self) -> bool:
        """Return whether the font stack can draw Chinese (anything besides DejaVu Sans)."""
        return any(font != "DejaVu Sans" for font in self.fonts)


def _known_cjk_font() -> str | None:
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    hinted = sorted(name for name in installed if any(hint in name for hint in CJK_NAME_HINTS))
    return hinted[0] if hinted else None


@cache
def find_cjk_font() -> str | None:
    """Return the family name of an installed font that draws Chinese, or None."""
    found = _known_cjk_font()
    if found is None:
        # matplotlib lists the system's fonts once and caches the list on disk, so a CJK font
        # installed after that is on disk but not in the list: look for its file and add it.
        for path in font_manager.findSystemFonts():
            if any(hint in Path(path).name.lower() for hint in CJK_FILE_HINTS):
                with contextlib.suppress(Exception):  # an unreadable font is just not used
                    font_manager.fontManager.addfont(path)
        found = _known_cjk_font()
    return found


def chart_language(lang: str, cjk_font: str | None = None) -> ChartLanguage:
    """Return how to label charts wanted in ``lang``.

    ``cjk_font`` overrides the search (tests use it to play a machine without CJK fonts: pass
    an empty string).
    """
    latin = ("DejaVu Sans",)
    font = find_cjk_font() if cjk_font is None else cjk_font
    if lang != "zh":
        # Scenario authors' own words (rule notes, exit names) stay in their language, so an
        # English chart still needs the CJK font behind the Latin one.
        return ChartLanguage(lang, (*latin, font) if font else latin)
    if font:
        # DejaVu Sans stays second so digits and symbols CJK fonts lack (e.g. "²") still draw.
        return ChartLanguage("zh", (font, *latin))
    return ChartLanguage(
        "en",
        latin,
        "No CJK font is installed, so chart labels are in English (the brief text stays in "
        "Chinese). To get Chinese charts install one, e.g. `sudo apt install fonts-noto-cjk` "
        "(see README).",
    )
