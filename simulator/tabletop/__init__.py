"""Drills people run: a tabletop played at the console, a real drill's log scored, their records."""
