"""Staff at their posts: taken away by incidents, given back, never fewer than none."""

from simulator.engine.posts import Posts
from simulator.model.scenario import CounterBlock, Staff


class Counters:
    def __init__(self, target: int):
        self.target, self.diverted = target, 0

    def divert(self, servers: int) -> None:
        self.diverted += servers
        self.target -= servers


def test_staff_taken_away_and_given_back():
    counters = Counters(4)
    posts = Posts(
        Staff(counters=(CounterBlock(start_min=540.0, count=4),), guides=1, security=2), counters
    )
    posts.take({"guides": 2, "security": 1, "counters": 1})
    assert posts.available() == {"guides": 0, "security": 1, "counters": 3, "managers": 1}
    posts.take({"guides": 2, "security": 1, "counters": 1}, back=True)
    posts.take({"managers": 1})
    assert posts.available() == {"guides": 1, "security": 2, "counters": 4, "managers": 0}
    posts.take({"managers": 1}, back=True)
    assert posts.managers_present() == 1
    assert counters.diverted == 0
