"""Independent random streams for one replication, derived from one root seed.

``SeedSequence(root)`` spawns one child per replication and, inside it, one child per source of
randomness; a source may split further (one stream per service type). Because children are addressed
by key rather than drawn in order, replication *i* gets the same streams whichever process runs it
and however many others run beside it, and a change to one source (say, a longer patience
distribution) leaves every other source's numbers untouched: common random numbers across variants.
"""

from dataclasses import dataclass

import numpy as np

# Order matters only for the spawn key: append new sources, never reorder.
SOURCES = (
    "arrivals",
    "customers",
    "services",
    "patience",
    "incidents",
    "egress",
    "routing",
    "callbacks",
    "playbook",
    "outside",
    "follow_through",
)


@dataclass(frozen=True)
class Streams:
    """The random streams of replication ``replication`` under ``root_seed``."""

    root_seed: int
    replication: int

    def generator(self, source: str, *subkeys: int) -> np.random.Generator:
        """Return a fresh generator for ``source`` (and optional sub-stream keys)."""
        # Same as SeedSequence(root).spawn(...)[replication].spawn(...)[source]...,
        # addressed directly so no process needs the others' spawn history.
        key = (self.replication, SOURCES.index(source), *subkeys)
        sequence = np.random.SeedSequence(self.root_seed, spawn_key=key)
        return np.random.Generator(np.random.PCG64(sequence))
