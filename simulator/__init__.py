"""drill: a tabletop drill simulator for service halls.

The package flows one way: ``model`` (scenario data, no SimPy) feeds ``engine`` (the only
SimPy code), whose flat records feed ``metrics`` and ``scoring``; ``runner`` repeats the day
with independent random streams, and ``cli`` ties it together.
"""

__version__ = "0.1.0"
