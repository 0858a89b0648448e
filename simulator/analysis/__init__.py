"""Planning on top of the simulation: queueing formulas, variant comparison and staffing."""
