"""The playbook: when a rule's condition becomes true, its action is taken, with a delay and a log.

``triggers`` decides *when* a rule fires (pure logic, no SimPy); the engine evaluates conditions
over live hall state once a simulated minute and carries out the actions.
"""

from simulator.playbook.triggers import Change, Trigger

__all__ = ["Change", "Trigger"]
