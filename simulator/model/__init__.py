"""Scenario data: the typed, frozen description of one hall, and its loading and validation.

Nothing here imports SimPy or matplotlib; a :class:`Scenario` is plain data that the engine
takes as input.
"""

from simulator.model.errors import Problem, ScenarioError
from simulator.model.load import load_scenario, load_scenario_text
from simulator.model.scenario import Scenario

__all__ = ["Problem", "Scenario", "ScenarioError", "load_scenario", "load_scenario_text"]
