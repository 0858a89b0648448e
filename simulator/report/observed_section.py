"""The drill's verdict as the brief and the terminal show it: each clause rated from the log.

Read from ``drill.json`` (:class:`~simulator.rundir.schema.DrillFile`), written by ``drill
score`` and ``drill play``; see :mod:`simulator.scoring.observed` for how the ratings are given.
An evaluator's rating is shown with the computed one beside it.
"""

from typing import Any

from simulator.i18n import render
from simulator.report.rated import rating_text, summary_text
from simulator.report.text import display_width, pad_to, terminal_text
from simulator.rundir.register import Rectification
from simulator.rundir.schema import ClauseEntry, DrillFile

RATING_ORDER = ("P", "S", "M", "U")


def _rating(clause: ClauseEntry, lang: str) -> str:
    if clause["rating"] is None:
        return render("observed.not_applicable", lang)
    if clause["evaluator"] and clause["evaluator"] != clause["computed"]:
        computed = clause["computed"] or render("observed.not_applicable", lang)
        return render("observed.evaluator", lang, rating=clause["evaluator"], computed=computed)
    return rating_text(clause["rating"], lang)


def _injects(data: DrillFile, lang: str) -> str:
    injects = data.get("injects") or []
    if not injects:
        return render("observed.no_injects", lang)
    items = [
        render(
            "observed.inject_start" if inject["starts"] else "observed.inject_end",
            lang,
            time=inject["time"],
            kind=render(f"kind.{inject['kind']}", lang),
        )
        for inject in injects
    ]
    return render(
        "observed.injects", lang, injects=render("brief.list_separator", lang).join(items)
    )


def observed_ratings(data: DrillFile | None) -> list[str]:
    """Return every rating that makes up the drill's verdict (clauses, then measured)."""
    if data is None:
        return []
    ratings = [c["rating"] for c in data.get("clauses", []) if c["rating"]]
    return ratings + [m["rating"] for m in data.get("measured", [])]


def observed_section(data: DrillFile | None, lang: str) -> dict[str, Any] | None:
    """Return the brief's drill-rating section from ``drill.json`` (None for other runs)."""
    if data is None or "clauses" not in data:
        return None
    rows = []
    for clause in data["clauses"]:
        evidence = summary_text(clause, "evidence", lang)
        if clause["evaluator_note"]:
            evidence += render("brief.list_separator", lang)
            evidence += render("observed.note", lang, note=clause["evaluator_note"])
        rows.append(
            {
                "number": clause["number"],
                "name": summary_text(clause, "name", lang),
                "expected": summary_text(clause, "expected", lang),
                "due": clause["due"] or "—",
                "done": clause["done"] or "—",
                "who": clause["who"] or "—",
                "rating": _rating(clause, lang),
                "evidence": evidence,
            }
        )
    measured = [
        {
            "measure": render(f"clause.measure.{m['measure']}", lang),
            "value": f"{m['value']:g}",
            "limit": f"{m['limit']:g}",
            "rating": rating_text(m["rating"], lang),
        }
        for m in data.get("measured", [])
    ]
    # What the verdict is made of, as the brief's lists and its rectification plan read it.
    rated = [
        {
            "name": summary_text(clause, "name", lang),
            "rating": clause["rating"],
            "rating_text": rating_text(clause["rating"], lang),
            "kind": "clause_life" if clause["urgency"] == "life" else "clause",
        }
        for clause in data["clauses"]
        if clause["rating"]
    ]
    rated += [
        {
            "name": m["measure"],
            "rating": m["rating"],
            "rating_text": m["rating"],
            "kind": "measured",
        }
        for m in measured
    ]
    return {"injects": _injects(data, lang), "rows": rows, "measured": measured, "rated": rated}


def clause_table(data: DrillFile, lang: str) -> str:
    """Return the drill's rating clause by clause, for the terminal."""
    verdict = data.get("verdict")
    title = render("observed.verdict", lang, verdict=rating_text(verdict, lang))
    lines = [render("observed.title", lang), title, _injects(data, lang)]
    head = [render(f"observed.col_{key}", lang) for key in ("number", "rating", "due", "done")]
    widths = [4, 6, 8, 8]
    lines.append("  ".join(pad_to(text, width) for text, width in zip(head, widths, strict=True)))
    for clause in data.get("clauses", []):
        rating = clause["rating"] or "—"
        if clause["evaluator"] and clause["evaluator"] != clause["computed"]:
            rating += f"({clause['computed'] or '—'})"
        cells = [str(clause["number"]), rating, clause["due"] or "—", clause["done"] or "—"]
        row = "  ".join(pad_to(cell, width) for cell, width in zip(cells, widths, strict=True))
        name = summary_text(clause, "name", lang)
        evidence = summary_text(clause, "evidence", lang)
        lines.append(terminal_text(f"{row}  {name}"))
        lines.append(" " * (display_width(row) + 2) + terminal_text(evidence))
    for measured in data.get("measured", []):
        name = render(f"clause.measure.{measured['measure']}", lang)
        lines.append(
            f"{render('observed.col_measure', lang)}: {name} {measured['value']:g} "
            f"/ {measured['limit']:g}  {measured['rating']}"
        )
    return "\n".join(lines)


def odds_section(data: DrillFile | None, lang: str) -> list[dict[str, Any]] | None:
    """Return the what-if of longer incidents for the brief (None without one)."""
    if data is None or not data.get("what_if"):
        return None
    names = {clause["number"]: summary_text(clause, "name", lang) for clause in data["clauses"]}
    return [
        {
            "number": odds["number"],
            "name": names.get(odds["number"], odds["id"]),
            "due": render("observed.odds_due", lang, due=odds["due_days"], days=odds["days"]),
            "ratings": render("brief.list_separator", lang).join(
                f"{letter} {count}" for letter, count in odds["ratings"].items() if count
            )
            or "—",
        }
        for odds in data["what_if"]
    ]


def odds_table(data: DrillFile, lang: str) -> str:
    """Return the what-if of longer incidents for the terminal."""
    rows = odds_section(data, lang) or []
    lines = [render("observed.odds_title", lang)]
    for row in rows:
        lines.append(
            terminal_text(f"{row['number']:>3}  {row['due']}  {row['ratings']}  {row['name']}")
        )
    return "\n".join(lines)


def rectifications(data: DrillFile, lang: str) -> list[Rectification]:
    """Return what each clause rated M or U asks for, for the register's corrective actions."""
    found = []
    for clause in data.get("clauses", []):
        if clause["rating"] not in ("M", "U"):
            continue
        life = clause["urgency"] == "life"
        issue = render(
            "observed.issue",
            lang,
            number=clause["number"],
            name=summary_text(clause, "name", lang),
            rating=rating_text(clause["rating"], lang),
        )
        action = render("fix.clause_life" if life else "fix.clause", lang)
        owner = render("owner.safety" if life else "owner.duty", lang)
        found.append(Rectification(clause["id"], issue, action, owner))
    return found


def earlier_section(data: DrillFile | None, lang: str) -> list[dict[str, str]] | None:
    """Return the corrective actions still open from earlier drills of the site (None: none)."""
    earlier = data.get("earlier_actions") if data else None
    if not earlier:
        return None
    return [
        {
            "id": str(action["id"]),
            "issue": action["issue"],
            "due": action["due"] + (render("observed.overdue", lang) if action["overdue"] else ""),
            "again": render(
                "observed.closed_failed_again"
                if action.get("closed")
                else "observed.failed_again"
                if action["failed_again"]
                else "observed.not_again"
                if action.get("exercised", True)
                else "observed.not_exercised",
                lang,
            ),
        }
        for action in earlier
    ]
