"""Allow ``python -m simulator`` as a synonym of the ``drill`` command."""

from simulator.cli import main

main()
