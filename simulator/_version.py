"""The one version string of drill (the package, ``drill --version`` and the run files)."""

__version__ = "0.3.0"
