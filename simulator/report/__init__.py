"""Reports: what people read. The terminal table now; charts and drill briefs later.

Chart modules (the only importers of matplotlib) are imported by name where needed, never here,
so loading this package costs nothing.
"""
