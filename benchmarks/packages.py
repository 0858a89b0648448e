"""Packages a benchmark compares drill with, installed beside the benchmarks, never into drill.

``benchmarks/.packages`` (git-ignored) holds them: pyworkforce (with OR-Tools) for
``roster.py``, JuPedSim (with its Qt and shapely) for ``egress_vs_microscopic.py``. The project
never depends on them.
"""

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

BENCH_PACKAGES = Path(__file__).resolve().parent / ".packages"


def bench_import(module: str, package: str) -> ModuleType | None:
    """Return ``module``, pip-installing ``package`` into ``benchmarks/.packages`` if need be.

    None (with the reason printed) when it cannot be installed.
    """
    if str(BENCH_PACKAGES) not in sys.path:
        sys.path.insert(0, str(BENCH_PACKAGES))
    try:
        return importlib.import_module(module)
    except ImportError:
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--target"]
        done = subprocess.run(
            [*command, str(BENCH_PACKAGES), package], capture_output=True, text=True
        )
        if done.returncode != 0:
            print(f"      {package} could not be installed: {done.stderr.strip()[-300:]}")
            return None
        importlib.invalidate_caches()
        return importlib.import_module(module)
